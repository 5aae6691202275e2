#include "aetrace/audio/metrics.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "aetrace/abi/error.h"
#include "aetrace/audio/convert.h"
#include "test_signals.h"

using aetrace::abi::SampleType;
using namespace aetrace::audio;
using aetrace::audio::testing::make_format;
using aetrace::audio::testing::make_signal;

TEST(CompareAudioTest, IdenticalBuffersHaveInfiniteSnr) {
    const PcmBuffer pcm = make_signal(make_format(SampleType::kInt, 16, 2, 1000), 2000);
    const AudioComparison c = compare_audio(pcm, pcm);
    EXPECT_TRUE(c.identical);
    EXPECT_EQ(c.max_abs_diff, 0.0);
    EXPECT_EQ(c.snr_db, std::numeric_limits<double>::infinity());
    EXPECT_TRUE(c.differing_seconds.empty());
    EXPECT_EQ(c.frames_a, 2000u);
    EXPECT_EQ(c.frames_b, 2000u);
}

TEST(CompareAudioTest, FindsFirstDifferingFrameChannelAndSeconds) {
    const PcmBuffer a = make_signal(make_format(SampleType::kInt, 24, 8, 1000), 4000);
    PcmBuffer b = a;
    b.bytes[(2345 * 8 + 5) * 3 + 2] ^= 0x10;  // frame 2345, channel 5
    b.bytes[(3999 * 8 + 7) * 3 + 0] ^= 0x01;  // frame 3999, channel 7
    const AudioComparison c = compare_audio(a, b);
    EXPECT_FALSE(c.identical);
    EXPECT_EQ(c.first_diff_frame, 2345u);
    EXPECT_EQ(c.first_diff_channel, 5u);
    EXPECT_EQ(c.differing_seconds, (std::vector<std::uint64_t>{2, 3}));
    EXPECT_DOUBLE_EQ(c.max_abs_diff, 0x10 * 65536.0 / 8388608.0);
    EXPECT_GT(c.snr_db, 20.0);
    EXPECT_TRUE(std::isfinite(c.snr_db));
}

TEST(CompareAudioTest, SnrMatchesTheDefinition) {
    // expected = 0.5 everywhere, actual = 0.25: SNR = 10 log10(0.25 / 0.0625) = 6.02 dB.
    PcmBuffer a;
    a.format = make_format(SampleType::kInt, 16, 1, 8000);
    PcmBuffer b = a;
    for (int i = 0; i < 100; ++i) {
        a.bytes.insert(a.bytes.end(), {0x00, 0x40});
        b.bytes.insert(b.bytes.end(), {0x00, 0x20});
    }
    const AudioComparison c = compare_audio(a, b);
    EXPECT_NEAR(c.snr_db, 10.0 * std::log10(4.0), 1e-12);
    EXPECT_DOUBLE_EQ(c.max_abs_diff, 0.25);
}

TEST(CompareAudioTest, LengthDifferenceCountsFromTheShorterLength) {
    const PcmBuffer a = make_signal(make_format(SampleType::kInt, 16, 2, 1000), 2500);
    PcmBuffer b = a;
    b.bytes.resize(1800 * 4);
    const AudioComparison c = compare_audio(a, b);
    EXPECT_FALSE(c.identical);
    EXPECT_EQ(c.first_diff_frame, 1800u);
    EXPECT_EQ(c.first_diff_channel, 0u);
    EXPECT_EQ(c.differing_seconds, (std::vector<std::uint64_t>{1, 2}));
    EXPECT_EQ(c.frames_a, 2500u);
    EXPECT_EQ(c.frames_b, 1800u);
}

TEST(CompareAudioTest, DifferentSampleFormatsCompareByValue) {
    const PcmBuffer a = make_signal(make_format(SampleType::kInt, 16, 2, 1000), 1500);
    const AudioComparison c = compare_audio(a, convert_samples(a, SampleType::kFloat, 32));
    EXPECT_TRUE(c.identical);
}

TEST(CompareAudioTest, MismatchedChannelsOrRateIsAnInputError) {
    const PcmBuffer a = make_signal(make_format(SampleType::kInt, 16, 2, 1000), 10);
    EXPECT_THROW(compare_audio(a, make_signal(make_format(SampleType::kInt, 16, 1, 1000), 10)),
                 aetrace::InputError);
    EXPECT_THROW(compare_audio(a, make_signal(make_format(SampleType::kInt, 16, 2, 2000), 10)),
                 aetrace::InputError);
}
