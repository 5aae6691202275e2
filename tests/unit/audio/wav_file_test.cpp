#include "aetrace/audio/wav_file.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "aetrace/abi/error.h"
#include "aetrace/test/temp_dir.h"
#include "test_signals.h"

using aetrace::InputError;
using aetrace::abi::SampleType;
using aetrace::abi::StreamFormat;
using namespace aetrace::audio;
using aetrace::audio::testing::make_format;
using aetrace::audio::testing::make_signal;

namespace {

void put16(std::vector<std::uint8_t>& v, std::uint32_t x) {
    v.push_back(static_cast<std::uint8_t>(x));
    v.push_back(static_cast<std::uint8_t>(x >> 8));
}
void put32(std::vector<std::uint8_t>& v, std::uint32_t x) {
    put16(v, x & 0xffff);
    put16(v, x >> 16);
}

/// A hand-made canonical WAV (plain WAVEFORMATEX) with `data_bytes` bytes of a ramp.
void write_raw_wav(const std::filesystem::path& path, std::uint16_t tag, std::uint16_t channels,
                   std::uint16_t bits, std::uint32_t data_bytes) {
    const std::uint32_t rate = 8000;
    const std::uint16_t align = static_cast<std::uint16_t>(channels * bits / 8);
    std::vector<std::uint8_t> v{'R', 'I', 'F', 'F'};
    put32(v, 36 + data_bytes);
    for (char c : std::string("WAVEfmt ")) v.push_back(static_cast<std::uint8_t>(c));
    put32(v, 16);
    put16(v, tag);
    put16(v, channels);
    put32(v, rate);
    put32(v, rate * align);
    put16(v, align);
    put16(v, bits);
    for (char c : std::string("data")) v.push_back(static_cast<std::uint8_t>(c));
    put32(v, data_bytes);
    for (std::uint32_t i = 0; i < data_bytes; ++i) v.push_back(static_cast<std::uint8_t>(i * 7));
    std::ofstream(path, std::ios::binary)
        .write(reinterpret_cast<const char*>(v.data()), static_cast<std::streamsize>(v.size()));
}

std::vector<std::uint8_t> file_bytes(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

/// Runs `f`, expects an InputError, and returns its message.
template <typename F>
std::string input_error(F&& f) {
    try {
        f();
    } catch (const InputError& e) {
        return e.what();
    }
    ADD_FAILURE() << "no InputError thrown";
    return {};
}

}  // namespace

TEST(WavFileTest, RoundTripIsBitExactForEveryFormatAndChannelCount) {
    aetrace::test::TempDir dir;
    const std::pair<SampleType, std::uint16_t> kinds[] = {{SampleType::kInt, 16},
                                                          {SampleType::kInt, 24},
                                                          {SampleType::kInt, 32},
                                                          {SampleType::kFloat, 32}};
    for (auto [type, bits] : kinds) {
        for (std::uint16_t channels : {1, 2, 8}) {
            const StreamFormat format = make_format(type, bits, channels, 44100);
            const PcmBuffer pcm = make_signal(format, 5000);
            const auto path =
                dir / ("rt-" + std::string(type == SampleType::kFloat ? "f" : "s") +
                       std::to_string(bits) + "-" + std::to_string(channels) + ".wav");
            write_wav(path, pcm);
            const PcmBuffer back = read_wav(path);
            SCOPED_TRACE(aetrace::abi::describe(format));
            EXPECT_EQ(back.format, format);
            EXPECT_EQ(back.frames(), 5000u);
            EXPECT_TRUE(back.bytes == pcm.bytes);
        }
    }
    // Nothing but the outputs is left behind (no temp files).
    std::size_t files = 0;
    for (const auto& entry : std::filesystem::directory_iterator(dir.path())) {
        EXPECT_EQ(entry.path().string().find(".tmp-"), std::string::npos) << entry.path();
        ++files;
    }
    EXPECT_EQ(files, 12u);
}

TEST(WavFileTest, WritesExtensibleHeaderWhenWideOrMultichannel) {
    aetrace::test::TempDir dir;
    auto tag_of = [&](const StreamFormat& format) {
        const auto path = dir / "tag.wav";
        write_wav(path, make_signal(format, 10));
        const auto bytes = file_bytes(path);
        return static_cast<unsigned>(bytes.at(20) | (bytes.at(21) << 8));
    };
    EXPECT_EQ(tag_of(make_format(SampleType::kInt, 16, 2, 48000)), 0x0001u);
    EXPECT_EQ(tag_of(make_format(SampleType::kInt, 16, 8, 48000)), 0xFFFEu);
    EXPECT_EQ(tag_of(make_format(SampleType::kInt, 24, 2, 48000)), 0xFFFEu);
    EXPECT_EQ(tag_of(make_format(SampleType::kFloat, 32, 1, 48000)), 0xFFFEu);
}

TEST(WavFileTest, ReadsHandMadeLittleEndianBytesUnchanged) {
    aetrace::test::TempDir dir;
    const auto path = dir / "s24.wav";
    write_raw_wav(path, 1, 2, 24, 6 * 100);
    const PcmBuffer pcm = read_wav(path);
    EXPECT_EQ(pcm.format, make_format(SampleType::kInt, 24, 2, 8000));
    ASSERT_EQ(pcm.bytes.size(), 600u);
    for (std::uint32_t i = 0; i < 600; ++i)
        ASSERT_EQ(pcm.bytes[i], static_cast<std::uint8_t>(i * 7)) << i;
}

TEST(WavFileTest, MissingFileIsAnInputErrorNamingThePath) {
    aetrace::test::TempDir dir;
    const auto path = dir / "absent.wav";
    const std::string msg = input_error([&] { read_wav(path); });
    EXPECT_NE(msg.find(path.string()), std::string::npos) << msg;
    EXPECT_NE(msg.find("no such file"), std::string::npos) << msg;
}

TEST(WavFileTest, EightBitFileIsRejectedWithItsFormat) {
    aetrace::test::TempDir dir;
    const auto path = dir / "u8.wav";
    write_raw_wav(path, 1, 1, 8, 100);
    const std::string msg = input_error([&] { read_wav(path); });
    EXPECT_NE(msg.find(path.string() + ": unsupported sample format PCM_U8"), std::string::npos)
        << msg;
    EXPECT_EQ(msg.find('\n'), std::string::npos);
}

TEST(WavFileTest, DoubleFileIsRejected) {
    aetrace::test::TempDir dir;
    const auto path = dir / "f64.wav";
    write_raw_wav(path, 3, 1, 64, 80);
    const std::string msg = input_error([&] { read_wav(path); });
    EXPECT_NE(msg.find(path.string() + ": unsupported sample format DOUBLE"), std::string::npos)
        << msg;
}

TEST(WavFileTest, MoreThanEightChannelsIsRejected) {
    aetrace::test::TempDir dir;
    const auto path = dir / "9ch.wav";
    write_raw_wav(path, 1, 9, 16, 18 * 10);
    const std::string msg = input_error([&] { read_wav(path); });
    EXPECT_NE(msg.find(path.string() + ": unsupported channel count 9"), std::string::npos) << msg;
}

TEST(WavFileTest, EmptyDataIsRejected) {
    aetrace::test::TempDir dir;
    const auto path = dir / "empty.wav";
    write_raw_wav(path, 1, 2, 16, 0);
    const std::string msg = input_error([&] { read_wav(path); });
    EXPECT_NE(msg.find(path.string() + ": no audio frames"), std::string::npos) << msg;
}

TEST(WavFileTest, CorruptFileIsAnInputErrorNamingThePath) {
    aetrace::test::TempDir dir;
    const auto path = dir / "corrupt.wav";
    static const char kBytes[] = "RIFF\x10\x00\x00\x00WAVEgarbage that is not a chunk";
    std::ofstream(path, std::ios::binary).write(kBytes, sizeof kBytes - 1);
    const std::string msg = input_error([&] { read_wav(path); });
    EXPECT_EQ(msg.rfind(path.string() + ": ", 0), 0u) << msg;
    EXPECT_EQ(msg.find('\n'), std::string::npos);
}

TEST(WavFileTest, NonWavFileIsRejected) {
    aetrace::test::TempDir dir;
    const auto path = dir / "text.wav";
    std::ofstream(path) << "hello, this is not audio\n";
    const std::string msg = input_error([&] { read_wav(path); });
    EXPECT_EQ(msg.rfind(path.string() + ": ", 0), 0u) << msg;
}

TEST(WavFileTest, WriteFailureNamesThePathAndLeavesNothing) {
    aetrace::test::TempDir dir;
    const auto path = dir / "no-such-dir" / "out.wav";
    const std::string msg = input_error(
        [&] { write_wav(path, make_signal(make_format(SampleType::kInt, 16, 2, 48000), 10)); });
    EXPECT_EQ(msg.rfind(path.string() + ": ", 0), 0u) << msg;
    EXPECT_FALSE(std::filesystem::exists(path));
    EXPECT_TRUE(std::filesystem::is_empty(dir.path()));
}

TEST(WavFileTest, WriteReplacesAnExistingFile) {
    aetrace::test::TempDir dir;
    const auto path = dir / "out.wav";
    write_wav(path, make_signal(make_format(SampleType::kInt, 16, 2, 48000), 100));
    write_wav(path, make_signal(make_format(SampleType::kInt, 16, 1, 16000), 50));
    const PcmBuffer back = read_wav(path);
    EXPECT_EQ(back.format.channels, 1u);
    EXPECT_EQ(back.frames(), 50u);
}

TEST(WavFileTest, ReadsTheCommittedFixtures) {
    const auto dir = aetrace::test::source_dir() / "fixtures";
    const struct {
        const char* name;
        StreamFormat format;
    } fixtures[] = {
        {"speech-48k-stereo-s16.wav", make_format(SampleType::kInt, 16, 2, 48000)},
        {"music-44k1-stereo-f32.wav", make_format(SampleType::kFloat, 32, 2, 44100)},
        {"speech-16k-mono-s16.wav", make_format(SampleType::kInt, 16, 1, 16000)},
        {"surround-48k-8ch-s24.wav", make_format(SampleType::kInt, 24, 8, 48000)},
    };
    for (const auto& f : fixtures) {
        const PcmBuffer pcm = read_wav(dir / f.name);
        EXPECT_EQ(pcm.format, f.format) << f.name;
        EXPECT_GE(pcm.frames(), f.format.sample_rate) << f.name;  // at least a second
    }
}
