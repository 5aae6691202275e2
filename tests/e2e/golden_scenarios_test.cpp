// Every committed scenario, run end to end, must match its committed golden.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "aetrace/golden/golden.h"
#include "aetrace/session/pipeline.h"
#include "aetrace/test/temp_dir.h"

namespace fs = std::filesystem;
namespace aetrace::e2e {

namespace {

std::vector<std::string> scenario_names() {
    std::vector<std::string> names;
    for (const auto& e : fs::directory_iterator(test::source_dir() / "fixtures" / "scenarios"))
        if (e.path().extension() == ".toml") names.push_back(e.path().stem().string());
    std::sort(names.begin(), names.end());
    return names;
}

class GoldenScenarioTest : public ::testing::TestWithParam<std::string> {};

}  // namespace

TEST(GoldenScenarioListTest, CoversEveryFixtureKind) {
    const auto names = scenario_names();
    EXPECT_GE(names.size(), 8u);
    for (const char* required :
         {"speech-48k-stereo-s16", "music-44k1-stereo-f32", "speech-16k-mono-s16",
          "surround-48k-8ch-s24", "alsa-front-center", "freedesktop-phone-incoming-call"})
        EXPECT_NE(std::find(names.begin(), names.end(), required), names.end()) << required;
}

TEST_P(GoldenScenarioTest, MatchesItsGolden) {
    test::TempDir tmp;
    const fs::path scenario =
        test::source_dir() / "fixtures" / "scenarios" / (GetParam() + ".toml");
    session::RunOptions opts;
    opts.out_dir = tmp.path();
    const session::RunOutcome o = session::run_scenario(scenario, opts);
    ASSERT_TRUE(o.engine.ok) << o.engine.message;
    EXPECT_EQ(o.dropped, 0u);
    const golden::Golden expected =
        golden::read_golden(test::source_dir() / "golden" / (o.scenario.name + ".golden"));
    const golden::GoldenComparison cmp = golden::compare(expected, o.actual);
    std::string why;
    for (const auto& d : cmp.differences) why += d + "\n";
    EXPECT_TRUE(cmp.matches) << why;
    EXPECT_TRUE(fs::exists(tmp / "output.wav"));
    EXPECT_TRUE(fs::exists(tmp / "trace.aetrace"));
}

INSTANTIATE_TEST_SUITE_P(Fixtures, GoldenScenarioTest, ::testing::ValuesIn(scenario_names()),
                         [](const auto& info) {
                             std::string n = info.param;
                             std::replace(n.begin(), n.end(), '-', '_');
                             return n;
                         });

}  // namespace aetrace::e2e
