#include <gtest/gtest.h>

#include <fstream>
#include <string>

#include "aetrace/abi/error.h"
#include "aetrace/engine/scenario.h"
#include "aetrace/test/temp_dir.h"

using namespace aetrace::engine;
using aetrace::InputError;

namespace {

constexpr const char* kFull = R"(
name = "speech-48k-stereo-s16"
description = "speech through a loopback"
input = "fixtures/speech-48k-stereo-s16.wav"
[format]
sample_type = "float"
bits = 32
[engine]
period_hns = 53333
latency_coefficient = 3
driving = "event"
padding_unit = "hns"
seed = 42
jitter_us = 250
prefill = false
tail_ms = 100
strict = false
[[actions]]
at_ms = 700
do = "partial"
passes = 4
fraction = 0.25
[[actions]]
at_ms = 500
do = "stop"
target = "capture"
[[actions]]
at_ms = 500.5
do = "qpc-error"
)";

/// The InputError message parse_scenario throws for `text`, or "" when it does not throw.
std::string error_of(const std::string& text) {
    try {
        parse_scenario(text, "s.toml");
    } catch (const InputError& e) {
        return e.what();
    }
    return "";
}

const std::string kHead = "name = \"x\"\ninput = \"in.wav\"\n";

}  // namespace

TEST(ScenarioTest, ParsesEveryKey) {
    const Scenario s = parse_scenario(kFull, "full.toml");
    EXPECT_EQ(s.name, "speech-48k-stereo-s16");
    EXPECT_EQ(s.description, "speech through a loopback");
    EXPECT_EQ(s.input, std::filesystem::path("fixtures/speech-48k-stereo-s16.wav"));
    EXPECT_EQ(s.source, "full.toml");
    ASSERT_TRUE(s.format.has_value());
    EXPECT_EQ(s.format->sample_type, aetrace::abi::SampleType::kFloat);
    EXPECT_EQ(s.format->bits_per_sample, 32);
    EXPECT_EQ(s.engine.period, 53333);
    EXPECT_EQ(s.engine.latency_coefficient, 3u);
    EXPECT_EQ(s.engine.driving, Driving::kEvent);
    EXPECT_EQ(s.engine.padding_unit, PaddingUnit::kHns);
    EXPECT_EQ(s.engine.seed, 42u);
    EXPECT_EQ(s.engine.jitter, 2500);
    EXPECT_FALSE(s.engine.prefill);
    EXPECT_EQ(s.engine.tail, 1'000'000);
    EXPECT_FALSE(s.engine.strict);
    ASSERT_EQ(s.actions.size(), 3u);  // sorted by time
    EXPECT_EQ(s.actions[0].kind, ActionKind::kStop);
    EXPECT_EQ(s.actions[0].at, 5'000'000);
    EXPECT_EQ(s.actions[0].target, ActionTarget::kCapture);
    EXPECT_EQ(s.actions[1].kind, ActionKind::kQpcError);
    EXPECT_EQ(s.actions[1].at, 5'005'000);
    EXPECT_EQ(s.actions[2].kind, ActionKind::kPartial);
    EXPECT_EQ(s.actions[2].passes, 4u);
    EXPECT_DOUBLE_EQ(s.actions[2].fraction, 0.25);
    EXPECT_EQ(s.actions[2].target, ActionTarget::kRender);
}

TEST(ScenarioTest, AppliesDefaultsToAMinimalFile) {
    const Scenario s = parse_scenario(kHead, "min.toml");
    EXPECT_FALSE(s.format.has_value());
    EXPECT_EQ(s.engine.period, 100'000);
    EXPECT_EQ(s.engine.latency_coefficient, 2u);
    EXPECT_EQ(s.engine.driving, Driving::kTimer);
    EXPECT_EQ(s.engine.padding_unit, PaddingUnit::kFrames);
    EXPECT_EQ(s.engine.seed, 1u);
    EXPECT_EQ(s.engine.jitter, 0);
    EXPECT_TRUE(s.engine.prefill);
    EXPECT_FALSE(s.engine.tail.has_value());
    EXPECT_TRUE(s.engine.strict);
    EXPECT_TRUE(s.actions.empty());
}

TEST(ScenarioTest, PeriodInMillisecondsConvertsToHnstime) {
    const Scenario s = parse_scenario(kHead + "[engine]\nperiod_ms = 2.5\n", "p.toml");
    EXPECT_EQ(s.engine.period, 25'000);
}

TEST(ScenarioTest, EachErrorNamesTheFileAndTheKey) {
    struct Case {
        std::string text;
        std::string key;
    };
    const Case cases[] = {
        {"input = \"a.wav\"\n", "name"},
        {"name = \"x\"\n", "input"},
        {"name = \"Bad_Name\"\ninput = \"a.wav\"\n", "name"},
        {"name = 3\ninput = \"a.wav\"\n", "name"},
        {kHead + "colour = \"red\"\n", "colour"},
        {kHead + "[format]\nsample_type = \"double\"\n", "format.sample_type"},
        {kHead + "[format]\nbits = 20\n", "format.bits"},
        {kHead + "[format]\nsample_type = \"float\"\nbits = 16\n", "format.bits"},
        {kHead + "[format]\nendian = \"big\"\n", "format.endian"},
        {kHead + "format = 3\n", "format"},
        {kHead + "[engine]\nperiod_ms = \"ten\"\n", "engine.period_ms"},
        {kHead + "[engine]\nperiod_ms = 0\n", "engine.period_ms"},
        {kHead + "[engine]\nperiod_ms = 10\nperiod_hns = 100000\n", "engine.period_hns"},
        {kHead + "[engine]\nlatency_coefficient = -1\n", "engine.latency_coefficient"},
        {kHead + "[engine]\ndriving = \"interrupt\"\n", "engine.driving"},
        {kHead + "[engine]\npadding_unit = \"bytes\"\n", "engine.padding_unit"},
        {kHead + "[engine]\nseed = 1.5\n", "engine.seed"},
        {kHead + "[engine]\njitter_us = -3\n", "engine.jitter_us"},
        {kHead + "[engine]\nprefill = 1\n", "engine.prefill"},
        {kHead + "[engine]\ntail_ms = -1\n", "engine.tail_ms"},
        {kHead + "[engine]\nstrict = \"yes\"\n", "engine.strict"},
        {kHead + "[engine]\nperiod = 10\n", "engine.period"},
        {kHead + "[[actions]]\ndo = \"stop\"\n", "actions[0].at_ms"},
        {kHead + "[[actions]]\nat_ms = 1\n", "actions[0].do"},
        {kHead + "[[actions]]\nat_ms = 1\ndo = \"explode\"\n", "actions[0].do"},
        {kHead + "[[actions]]\nat_ms = 1\ndo = \"stop\"\ntarget = \"mic\"\n", "actions[0].target"},
        {kHead + "[[actions]]\nat_ms = 1\ndo = \"silent\"\ntarget = \"capture\"\n",
         "actions[0].target"},
        {kHead + "[[actions]]\nat_ms = 1\ndo = \"stop\"\npasses = 2\n", "actions[0].passes"},
        {kHead + "[[actions]]\nat_ms = 1\ndo = \"partial\"\npasses = 0\n", "actions[0].passes"},
        {kHead + "[[actions]]\nat_ms = 1\ndo = \"partial\"\nfraction = 1.5\n",
         "actions[0].fraction"},
        {kHead + "[[actions]]\nat_ms = 1\ndo = \"silent\"\nfraction = 0.5\n",
         "actions[0].fraction"},
        {kHead + "[[actions]]\nat_ms = 1\ndo = \"stop\"\n[[actions]]\nat_ms = 2\nwhen = 1\n",
         "actions[1].when"},
        {kHead + "actions = 5\n", "actions"},
    };
    for (const Case& c : cases) {
        const std::string message = error_of(c.text);
        EXPECT_EQ(message.rfind("s.toml: " + c.key + ": ", 0), 0u)
            << "text:\n"
            << c.text << "message: " << message;
        EXPECT_EQ(message.find('\n'), std::string::npos) << message;
    }
}

TEST(ScenarioTest, SyntaxErrorNamesTheFileAndLine) {
    const std::string message = error_of(kHead + "[engine\n");
    EXPECT_EQ(message.rfind("s.toml: line 3", 0), 0u) << message;
    EXPECT_EQ(message.find('\n'), std::string::npos) << message;
}

TEST(ScenarioTest, LoadScenarioReadsAFileAndNamesItInErrors) {
    aetrace::test::TempDir dir;
    const auto good = dir / "good.toml";
    std::ofstream(good) << kFull;
    EXPECT_EQ(load_scenario(good).name, "speech-48k-stereo-s16");
    EXPECT_EQ(load_scenario(good).source, good.string());

    const auto bad = dir / "bad.toml";
    std::ofstream(bad) << kHead << "[engine]\njitter_us = \"lots\"\n";
    try {
        load_scenario(bad);
        FAIL() << "no error";
    } catch (const InputError& e) {
        EXPECT_EQ(std::string(e.what()).rfind(bad.string() + ": engine.jitter_us: ", 0), 0u)
            << e.what();
    }
    try {
        load_scenario(dir / "missing.toml");
        FAIL() << "no error";
    } catch (const InputError& e) {
        EXPECT_NE(std::string(e.what()).find("missing.toml"), std::string::npos) << e.what();
    }
}

TEST(ScenarioTest, ResolveInputUsesTheCallersDirectoryForRelativePaths) {
    Scenario s = parse_scenario(kHead, "r.toml");
    EXPECT_EQ(resolve_input(s, "/repo"), std::filesystem::path("/repo/in.wav"));
    s.input = "/abs/in.wav";
    EXPECT_EQ(resolve_input(s, "/repo"), std::filesystem::path("/abs/in.wav"));
}
