// The aetrace command as a user runs it: exit codes, one-line errors, no partial output.
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

#include "aetrace/format/trace.h"
#include "aetrace/test/temp_dir.h"
#include "cli_runner.h"
#include "synthetic.h"

namespace fs = std::filesystem;
namespace aetrace::e2e {

namespace {

class CliTest : public ::testing::Test {
  protected:
    void SetUp() override {
        test::write_synthetic_wav(tmp_ / "in.wav", {abi::SampleType::kInt, 16, 2, 48000}, 0.3, 9);
        scenario_ = test::write_scenario(tmp_.path(), "cli", tmp_ / "in.wav", "period_ms = 10");
    }
    std::string q(const fs::path& p) const { return "\"" + p.string() + "\""; }
    test::TempDir tmp_;
    fs::path scenario_;
};

}  // namespace

TEST_F(CliTest, HelpExitsZeroForEverySubcommand) {
    for (const char* sub : {"", "run", "record", "replay", "dump", "import", "info", "list",
                            "golden", "golden check", "golden update"}) {
        const CliResult r = run_cli(tmp_, std::string(sub) + " --help");
        EXPECT_EQ(r.code, 0) << sub << r.err;
        EXPECT_NE(r.out.find("Usage"), std::string::npos) << sub;
    }
}

TEST_F(CliTest, UsageErrorsExitTwo) {
    EXPECT_EQ(run_cli(tmp_, "").code, 2);
    EXPECT_EQ(run_cli(tmp_, "frobnicate").code, 2);
    EXPECT_EQ(run_cli(tmp_, "replay").code, 2);
}

TEST_F(CliTest, RunWritesOutputsAndGoldenUpdateThenCheckMatches) {
    const fs::path golden = tmp_ / "golden";
    CliResult r = run_cli(tmp_, "golden update " + q(scenario_) + " --golden-dir " + q(golden) +
                                    " --out " + q(tmp_ / "out"));
    ASSERT_EQ(r.code, 0) << r.out << r.err;
    EXPECT_NE(r.out.find("CREATED cli"), std::string::npos) << r.out;
    ASSERT_TRUE(fs::exists(golden / "cli.golden"));

    r = run_cli(tmp_,
                "run " + q(scenario_) + " --out " + q(tmp_ / "run") + " --golden-dir " + q(golden));
    EXPECT_EQ(r.code, 0) << r.out << r.err;
    EXPECT_EQ(r.out.rfind("PASS cli", 0), 0u) << r.out;
    EXPECT_TRUE(fs::exists(tmp_ / "run" / "output.wav"));
    EXPECT_TRUE(fs::exists(tmp_ / "run" / "trace.aetrace"));

    r = run_cli(tmp_, "replay " + q(tmp_ / "run" / "trace.aetrace"));
    EXPECT_EQ(r.code, 0) << r.out << r.err;
    r = run_cli(
        tmp_, "replay " + q(tmp_ / "run" / "trace.aetrace") + " --impl mutant-padding-off-by-one");
    EXPECT_EQ(r.code, 1) << r.out << r.err;
    EXPECT_NE(r.out.find("GetCurrentPadding"), std::string::npos) << r.out;
}

TEST_F(CliTest, GoldenMismatchExitsOneAndSaysWhichSecond) {
    const fs::path golden = tmp_ / "golden";
    ASSERT_EQ(run_cli(tmp_, "golden update " + q(scenario_) + " --golden-dir " + q(golden) +
                                " --out " + q(tmp_ / "out"))
                  .code,
              0);
    // Damage the audio hash of second 0 in the golden.
    std::string text = slurp(golden / "cli.golden");
    const auto at = text.find("\nseconds = [");
    ASSERT_NE(at, std::string::npos);
    const auto quote = text.find('"', at);
    text[quote + 1] = text[quote + 1] == '0' ? '1' : '0';
    std::ofstream(golden / "cli.golden", std::ios::binary) << text;
    const CliResult r = run_cli(
        tmp_, "run " + q(scenario_) + " --out " + q(tmp_ / "run") + " --golden-dir " + q(golden));
    EXPECT_EQ(r.code, 1) << r.out << r.err;
    EXPECT_NE(r.out.find("FAIL cli"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("second"), std::string::npos) << r.out;
}

TEST_F(CliTest, DumpImportRoundTripIsByteIdentical) {
    ASSERT_EQ(run_cli(tmp_, "record " + q(scenario_) + " -o " + q(tmp_ / "a.aetrace")).code, 0);
    const CliResult d = run_cli(tmp_, "dump " + q(tmp_ / "a.aetrace"));
    ASSERT_EQ(d.code, 0) << d.err;
    std::ofstream(tmp_ / "a.jsonl", std::ios::binary) << d.out;
    ASSERT_EQ(run_cli(tmp_, "import " + q(tmp_ / "a.jsonl") + " -o " + q(tmp_ / "b.aetrace")).code,
              0);
    EXPECT_EQ(slurp(tmp_ / "a.aetrace"), slurp(tmp_ / "b.aetrace"));
}

TEST_F(CliTest, RealtimeRecordingReplaysDeterministically) {
    // 0.3 s of audio against the real clock (SCHED_FIFO when permitted); no timing assertions.
    CliResult r =
        run_cli(tmp_, "record " + q(scenario_) + " --realtime -o " + q(tmp_ / "rt.aetrace"));
    ASSERT_EQ(r.code, 0) << r.out << r.err;
    EXPECT_NE(r.out.find("real-time run: "), std::string::npos) << r.out;
    r = run_cli(tmp_, "info " + q(tmp_ / "rt.aetrace"));
    EXPECT_EQ(r.code, 0) << r.err;
    EXPECT_NE(r.out.find("real-time driver"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("realtime: "), std::string::npos) << r.out;
    r = run_cli(tmp_, "replay " + q(tmp_ / "rt.aetrace"));
    EXPECT_EQ(r.code, 0) << r.out << r.err;
    r = run_cli(tmp_, "replay " + q(tmp_ / "rt.aetrace"));  // again: same verdict
    EXPECT_EQ(r.code, 0) << r.out << r.err;
}

TEST_F(CliTest, ScenarioSnrThresholdTravelsWithTheTrace) {
    const fs::path scenario = test::write_scenario(
        tmp_.path(), "snr", tmp_ / "in.wav", "period_ms = 10", "[compare]\nsnr_db_min = 92.5");
    const CliResult r = run_cli(tmp_, "record " + q(scenario) + " -o " + q(tmp_ / "snr.aetrace"));
    ASSERT_EQ(r.code, 0) << r.out << r.err;
    const format::Trace t = format::read_trace(tmp_ / "snr.aetrace", true);
    std::string value;
    for (const format::MetadataRecord& m : t.metadata)
        if (m.key == "compare.snr_db_min") value = m.value;
    EXPECT_EQ(value, "92.5");
    // A scenario without [compare] writes no threshold.
    ASSERT_EQ(run_cli(tmp_, "record " + q(scenario_) + " -o " + q(tmp_ / "plain.aetrace")).code, 0);
    for (const format::MetadataRecord& m :
         format::read_trace(tmp_ / "plain.aetrace", true).metadata)
        EXPECT_NE(m.key, "compare.snr_db_min");
}

TEST_F(CliTest, MissingWavIsOneLineExitTwoAndLeavesNoOutput) {
    const fs::path bad =
        test::write_scenario(tmp_.path(), "missing", tmp_ / "nope.wav", "period_ms = 10");
    const CliResult r = run_cli(tmp_, "run " + q(bad) + " --out " + q(tmp_ / "o"));
    EXPECT_EQ(r.code, 2);
    EXPECT_EQ(count_lines(r.err), 1) << r.err;
    EXPECT_NE(r.err.find("nope.wav"), std::string::npos) << r.err;
    EXPECT_FALSE(fs::exists(tmp_ / "o" / "trace.aetrace"));
    EXPECT_FALSE(fs::exists(tmp_ / "o" / "output.wav"));
}

TEST_F(CliTest, MalformedScenarioIsOneLineExitTwo) {
    std::ofstream(tmp_ / "bad.toml")
        << "name = \"bad\"\ninput = \"in.wav\"\n[engine]\nperiod_ms = \"ten\"\n";
    const CliResult r = run_cli(tmp_, "run " + q(tmp_ / "bad.toml") + " --out " + q(tmp_ / "o"));
    EXPECT_EQ(r.code, 2);
    EXPECT_EQ(count_lines(r.err), 1) << r.err;
    EXPECT_NE(r.err.find("bad.toml"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("period_ms"), std::string::npos) << r.err;
}

TEST_F(CliTest, UnsupportedWavFormatIsOneLineExitTwo) {
    // 8-bit unsigned PCM: a real WAV that aetrace does not accept.
    std::ofstream f(tmp_ / "u8.wav", std::ios::binary);
    const unsigned char header[44] = {'R', 'I', 'F',  'F',  36 + 8, 0,   0,    0,    'W', 'A', 'V',
                                      'E', 'f', 'm',  't',  ' ',    16,  0,    0,    0,   1,   0,
                                      1,   0,   0x40, 0x1F, 0,      0,   0x40, 0x1F, 0,   0,   1,
                                      0,   8,   0,    'd',  'a',    't', 'a',  8,    0,   0,   0};
    f.write(reinterpret_cast<const char*>(header), 44);
    f.write("\x80\x81\x82\x83\x84\x85\x86\x87", 8);
    f.close();
    const fs::path s = test::write_scenario(tmp_.path(), "u8", tmp_ / "u8.wav", "period_ms = 10");
    const CliResult r = run_cli(tmp_, "run " + q(s) + " --out " + q(tmp_ / "o"));
    EXPECT_EQ(r.code, 2);
    EXPECT_EQ(count_lines(r.err), 1) << r.err;
    EXPECT_NE(r.err.find("u8.wav"), std::string::npos) << r.err;
}

TEST_F(CliTest, TruncatedOrCorruptTraceIsReportedWithExitTwo) {
    ASSERT_EQ(run_cli(tmp_, "record " + q(scenario_) + " -o " + q(tmp_ / "a.aetrace")).code, 0);
    std::string bytes = slurp(tmp_ / "a.aetrace");
    std::ofstream(tmp_ / "cut.aetrace", std::ios::binary) << bytes.substr(0, bytes.size() / 2);
    CliResult r = run_cli(tmp_, "dump " + q(tmp_ / "cut.aetrace"));
    EXPECT_EQ(r.code, 2);
    EXPECT_NE(r.err.find("cut.aetrace"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("byte"), std::string::npos) << r.err;

    std::ofstream(tmp_ / "junk.aetrace", std::ios::binary) << "not a trace at all";
    r = run_cli(tmp_, "replay " + q(tmp_ / "junk.aetrace"));
    EXPECT_EQ(r.code, 2);
    EXPECT_EQ(count_lines(r.err), 1) << r.err;
    EXPECT_NE(r.err.find("junk.aetrace"), std::string::npos) << r.err;

    r = run_cli(tmp_, "replay " + q(tmp_ / "absent.aetrace"));
    EXPECT_EQ(r.code, 2);
    EXPECT_NE(r.err.find("absent.aetrace"), std::string::npos) << r.err;
}

TEST_F(CliTest, MalformedGoldenIsOneLineExitTwo) {
    fs::create_directories(tmp_ / "golden");
    std::ofstream(tmp_ / "golden" / "cli.golden") << "scenario = \"cli\"\nframes = \"many\"\n";
    const CliResult r = run_cli(tmp_, "run " + q(scenario_) + " --out " + q(tmp_ / "o") +
                                          " --golden-dir " + q(tmp_ / "golden"));
    EXPECT_EQ(r.code, 2);
    EXPECT_EQ(count_lines(r.err), 1) << r.err;
    EXPECT_NE(r.err.find("cli.golden"), std::string::npos) << r.err;
}

}  // namespace aetrace::e2e
