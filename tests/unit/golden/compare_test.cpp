#include "aetrace/golden/compare.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "golden_test_util.h"

using namespace aetrace::golden;
using aetrace::golden::testing::sample_golden;

TEST(GoldenCompareTest, IdenticalGoldensMatch) {
    const GoldenComparison c = compare(sample_golden(), sample_golden());
    EXPECT_TRUE(c.matches);
    EXPECT_TRUE(c.differences.empty());
    EXPECT_TRUE(c.notes.empty());
    EXPECT_TRUE(c.differing_seconds.empty());
}

TEST(GoldenCompareTest, PinpointsTheDifferingSeconds) {
    Golden actual = sample_golden();
    actual.audio_xxh3_128.low ^= 1;
    actual.seconds[2].high ^= 1;
    actual.seconds[3].low ^= 1;
    actual.peak *= 0.5;
    const GoldenComparison c = compare(sample_golden(), actual);
    EXPECT_FALSE(c.matches);
    EXPECT_EQ(c.differing_seconds, (std::vector<std::uint64_t>{2, 3}));
    ASSERT_EQ(c.differences.size(), 1u);
    EXPECT_EQ(c.differences[0], "audio differs in seconds 2, 3 (of 5, counted from 0)");
    ASSERT_EQ(c.notes.size(), 1u);
    EXPECT_EQ(c.notes[0].rfind("peak: expected 0.30000000000000004, got ", 0), 0u) << c.notes[0];
}

TEST(GoldenCompareTest, ShorterAudioReportsFramesAndMissingSeconds) {
    Golden actual = sample_golden(4);
    actual.audio_xxh3_128.high ^= 1;
    actual.seconds[3].high ^= 1;  // second 3 is now partial, so its hash changes
    const GoldenComparison c = compare(sample_golden(5), actual);
    EXPECT_FALSE(c.matches);
    EXPECT_EQ(c.differing_seconds, (std::vector<std::uint64_t>{3, 4}));
    EXPECT_NE(std::find(c.differences.begin(), c.differences.end(),
                        "frames: expected 204345, got 156345"),
              c.differences.end());
}

TEST(GoldenCompareTest, CallResultsAreCompared) {
    Golden actual = sample_golden();
    actual.calls_xxh3_128.low ^= 1;
    GoldenComparison c = compare(sample_golden(), actual);
    EXPECT_FALSE(c.matches);
    ASSERT_EQ(c.differences.size(), 1u);
    EXPECT_EQ(c.differences[0].rfind("call results differ", 0), 0u) << c.differences[0];
    EXPECT_TRUE(c.differing_seconds.empty());

    actual = sample_golden();
    actual.calls = 1235;
    c = compare(sample_golden(), actual);
    ASSERT_EQ(c.differences.size(), 1u);
    EXPECT_EQ(c.differences[0], "call results differ (calls: expected 1234, got 1235)");
}

TEST(GoldenCompareTest, StatisticsWithinToleranceAreNotReported) {
    Golden actual = sample_golden();
    actual.peak *= 1.0 + 1e-12;
    actual.rms *= 1.0 - 1e-12;
    GoldenComparison c = compare(sample_golden(), actual);
    EXPECT_TRUE(c.matches);
    EXPECT_TRUE(c.notes.empty());

    actual.rms *= 1.0 + 1e-6;
    c = compare(sample_golden(), actual);
    EXPECT_TRUE(c.matches);  // informative only
    ASSERT_EQ(c.notes.size(), 1u);
    EXPECT_EQ(c.notes[0].rfind("rms: ", 0), 0u);
}

TEST(GoldenCompareTest, FormatAndScenarioMismatchAreReported) {
    Golden actual = sample_golden();
    actual.format.sample_rate = 44100;
    actual.scenario = "other";
    const GoldenComparison c = compare(sample_golden(), actual);
    EXPECT_FALSE(c.matches);
    ASSERT_EQ(c.differences.size(), 2u);
    EXPECT_EQ(c.differences[0], "scenario: expected \"render-speech\", got \"other\"");
    EXPECT_EQ(c.differences[1], "format: expected 48000 Hz, 2 ch, s16, got 44100 Hz, 2 ch, s16");
}
