// The scenario's optional [compare] table (the replay audio threshold).
#include <gtest/gtest.h>

#include <string>

#include "aetrace/abi/error.h"
#include "aetrace/engine/scenario.h"

namespace aetrace::engine {
namespace {

constexpr const char* kHead = "name = \"x\"\ninput = \"in.wav\"\n";

TEST(ScenarioCompareTest, SnrThresholdIsReadFromTheCompareTable) {
    const Scenario s =
        parse_scenario(std::string(kHead) + "[compare]\nsnr_db_min = 90\n", "s.toml");
    ASSERT_TRUE(s.compare.snr_db_min.has_value());
    EXPECT_EQ(*s.compare.snr_db_min, 90.0);
    const Scenario f =
        parse_scenario(std::string(kHead) + "[compare]\nsnr_db_min = 72.5\n", "s.toml");
    EXPECT_EQ(f.compare.snr_db_min.value_or(0), 72.5);
}

TEST(ScenarioCompareTest, AbsentTableMeansExactAudio) {
    EXPECT_FALSE(parse_scenario(kHead, "s.toml").compare.snr_db_min.has_value());
    EXPECT_FALSE(parse_scenario(std::string(kHead) + "[compare]\n", "s.toml")
                     .compare.snr_db_min.has_value());
}

TEST(ScenarioCompareTest, BadCompareKeysAreInputErrorsNamingTheKey) {
    auto message = [](const std::string& text) {
        try {
            parse_scenario(std::string(kHead) + text, "s.toml");
        } catch (const InputError& e) {
            return std::string(e.what());
        }
        return std::string("no error");
    };
    EXPECT_EQ(message("[compare]\nsnr_db_min = \"90\"\n"),
              "s.toml: compare.snr_db_min: expected a number");
    EXPECT_EQ(
        message("[compare]\nsnr_db_min = -1\n").rfind("s.toml: compare.snr_db_min: must be", 0),
        0u);
    EXPECT_EQ(message("[compare]\nulp_max = 3\n"), "s.toml: compare.ulp_max: unknown key");
    EXPECT_EQ(message("compare = 3\n"), "s.toml: compare: expected a table");
}

}  // namespace
}  // namespace aetrace::engine
