#include "aetrace/golden/golden_file.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <limits>
#include <string>

#include "aetrace/abi/error.h"
#include "aetrace/audio/wav_file.h"
#include "aetrace/golden/compare.h"
#include "aetrace/test/temp_dir.h"
#include "golden_test_util.h"

using namespace aetrace::golden;
using aetrace::golden::testing::sample_golden;

namespace {

void write_text(const std::filesystem::path& path, const std::string& text) {
    std::ofstream(path, std::ios::binary) << text;
}

/// Runs read_golden on a file holding `text` and returns the InputError message.
std::string read_error(const aetrace::test::TempDir& dir, const std::string& text) {
    const auto path = dir / "bad.golden";
    write_text(path, text);
    try {
        read_golden(path);
    } catch (const aetrace::InputError& e) {
        return e.what();
    }
    ADD_FAILURE() << "no InputError for:\n" << text;
    return {};
}

/// golden_text() of the sample with the line starting with `key` replaced by `line`.
std::string with_line(const std::string& key, const std::string& line) {
    std::string text = golden_text(sample_golden());
    const std::size_t at = text.find("\n" + key);
    if (at == std::string::npos) return text;
    const std::size_t end = text.find('\n', at + 1);
    return text.substr(0, at + 1) + line + text.substr(end);
}

}  // namespace

TEST(GoldenFileTest, WriteReadRoundTripIsExact) {
    aetrace::test::TempDir dir;
    Golden g = sample_golden();
    g.scenario = "odd \"name\" with \\ and\ttab";
    const auto path = dir / "x.golden";
    write_golden(path, g);
    EXPECT_EQ(read_golden(path), g);

    for (double v :
         {0.0, 1.0, 1e-300, 0.7071067811865476, std::numeric_limits<double>::denorm_min(),
          std::numeric_limits<double>::infinity()}) {
        g.peak = v;
        g.rms = v / 3.0;
        write_golden(path, g);
        const Golden back = read_golden(path);
        EXPECT_EQ(back.peak, g.peak) << v;
        EXPECT_EQ(back.rms, g.rms) << v;
    }
}

TEST(GoldenFileTest, TextHasHeaderAndIsDeterministic) {
    const std::string text = golden_text(sample_golden());
    EXPECT_EQ(text, golden_text(sample_golden()));
    EXPECT_EQ(text.rfind("# Golden file for scenario \"render-speech\".\n", 0), 0u);
    EXPECT_NE(text.find("Written by `aetrace golden update`; do not edit by hand"),
              std::string::npos);
    EXPECT_NE(text.find("\naudio_xxh3_128 = \"0123456789abcdef0fedcba987654321\"\n"),
              std::string::npos);
    EXPECT_NE(text.find("\nframes = 204345\n"), std::string::npos);
    EXPECT_NE(text.find("\ntext = \"48000 Hz, 2 ch, s16\"\n"), std::string::npos);
    EXPECT_NE(text.find("\npeak = 0.30000000000000004\n"), std::string::npos);
}

TEST(GoldenFileTest, WriteLeavesNoTempFileAndReplacesTheOld) {
    aetrace::test::TempDir dir;
    const auto path = dir / "x.golden";
    write_golden(path, sample_golden(5));
    write_golden(path, sample_golden(2));
    EXPECT_EQ(read_golden(path).seconds.size(), 2u);
    std::size_t files = 0;
    for ([[maybe_unused]] const auto& e : std::filesystem::directory_iterator(dir.path())) ++files;
    EXPECT_EQ(files, 1u);
}

TEST(GoldenFileTest, WriteIntoMissingFolderIsAnInputErrorNamingThePath) {
    aetrace::test::TempDir dir;
    const auto path = dir / "missing" / "x.golden";
    try {
        write_golden(path, sample_golden());
        ADD_FAILURE() << "no InputError";
    } catch (const aetrace::InputError& e) {
        EXPECT_EQ(std::string(e.what()).rfind(path.string() + ": ", 0), 0u) << e.what();
    }
}

TEST(GoldenFileTest, MissingFileIsAnInputErrorNamingThePath) {
    aetrace::test::TempDir dir;
    const auto path = dir / "none.golden";
    try {
        read_golden(path);
        ADD_FAILURE() << "no InputError";
    } catch (const aetrace::InputError& e) {
        EXPECT_EQ(std::string(e.what()), path.string() + ": no such file");
    }
}

TEST(GoldenFileTest, MalformedFilesAreInputErrorsNamingPathAndProblem) {
    aetrace::test::TempDir dir;
    const std::string prefix = (dir / "bad.golden").string() + ": ";
    const struct {
        std::string text;
        std::string problem;
    } cases[] = {
        {"scenario = \"x\"\nframes = = 3\n", "line 2"},
        {with_line("frames", "# no frames"), "missing key 'frames'"},
        {with_line("calls =", "calls = \"many\""), "key 'calls' must be an integer"},
        {with_line("frames", "frames = -1"), "key 'frames' is out of range"},
        {with_line("audio_xxh3_128", "audio_xxh3_128 = \"xyz\""),
         "key 'audio_xxh3_128' is not 32 hex digits"},
        {with_line("  \"0000000000001002", "  # one entry removed"),
         "'seconds' has 4 entries, expected 5"},
        {with_line("bits", "bits = 8"), "unsupported format"},
        {with_line("sample_type", "sample_type = \"double\""), "key 'format.sample_type' must be"},
        {with_line("rate", "# no rate"), "missing key 'format.rate'"},
        {with_line("peak", "peak = \"loud\""), "key 'peak' must be a number"},
    };
    for (const auto& c : cases) {
        const std::string msg = read_error(dir, c.text);
        EXPECT_EQ(msg.rfind(prefix, 0), 0u) << msg;
        EXPECT_NE(msg.find(c.problem), std::string::npos) << msg;
        EXPECT_EQ(msg.find('\n'), std::string::npos) << msg;
    }
}

TEST(GoldenFileTest, FixtureGoldenRoundTripsAndMatchesItself) {
    aetrace::test::TempDir dir;
    const auto pcm = aetrace::audio::read_wav(aetrace::test::source_dir() / "fixtures" /
                                              "speech-48k-stereo-s16.wav");
    const Golden g = make_golden("speech", aetrace::audio::digest(pcm), {1, 2}, 7);
    EXPECT_EQ(g.frames, 144000u);
    EXPECT_EQ(g.seconds.size(), 3u);
    write_golden(dir / "speech.golden", g);
    const Golden back = read_golden(dir / "speech.golden");
    EXPECT_EQ(back, g);
    EXPECT_TRUE(compare(g, back).matches);
}
