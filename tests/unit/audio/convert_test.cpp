#include "aetrace/audio/convert.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <cstring>
#include <vector>

#include "aetrace/abi/error.h"
#include "test_signals.h"

using aetrace::abi::SampleType;
using namespace aetrace::audio;
using aetrace::audio::testing::make_format;
using aetrace::audio::testing::make_signal;

namespace {

PcmBuffer s16(std::vector<std::int16_t> values) {
    PcmBuffer pcm;
    pcm.format = make_format(SampleType::kInt, 16, 1, 8000);
    for (std::int16_t v : values) {
        const auto u = static_cast<std::uint16_t>(v);
        pcm.bytes.push_back(static_cast<std::uint8_t>(u));
        pcm.bytes.push_back(static_cast<std::uint8_t>(u >> 8));
    }
    return pcm;
}

PcmBuffer f32(std::vector<float> values) {
    PcmBuffer pcm;
    pcm.format = make_format(SampleType::kFloat, 32, 1, 8000);
    pcm.bytes.resize(values.size() * 4);
    for (std::size_t i = 0; i < values.size(); ++i) {
        std::uint32_t w;
        std::memcpy(&w, &values[i], 4);
        for (int b = 0; b < 4; ++b) pcm.bytes[i * 4 + b] = static_cast<std::uint8_t>(w >> (8 * b));
    }
    return pcm;
}

std::int32_t int_sample(const PcmBuffer& pcm, std::size_t i) {
    const std::size_t size = pcm.format.bytes_per_sample();
    std::uint32_t w = 0;
    for (std::size_t b = 0; b < size; ++b)
        w |= std::uint32_t{pcm.bytes[i * size + b]} << (8 * (b + 4 - size));
    std::int32_t v;
    std::memcpy(&v, &w, 4);
    return v >> (8 * (4 - size));
}

}  // namespace

TEST(ConvertTest, IntToFloatDividesByFullScale) {
    const std::vector<float> x =
        to_float(convert_samples(s16({0, 16384, -32768, 32767}), SampleType::kFloat, 32));
    ASSERT_EQ(x.size(), 4u);
    EXPECT_EQ(x[0], 0.0f);
    EXPECT_EQ(x[1], 0.5f);
    EXPECT_EQ(x[2], -1.0f);
    EXPECT_EQ(x[3], 32767.0f / 32768.0f);
}

TEST(ConvertTest, FloatToIntRoundsToNearestAndClamps) {
    const PcmBuffer out = convert_samples(
        f32({0.5f, 1.0f, -1.0f, 2.0f, -3.0f, 1.4f / 32768.0f, 1.6f / 32768.0f, -1.6f / 32768.0f}),
        SampleType::kInt, 16);
    const std::int32_t expected[] = {16384, 32767, -32768, 32767, -32768, 1, 2, -2};
    ASSERT_EQ(out.frames(), 8u);
    for (std::size_t i = 0; i < 8; ++i) EXPECT_EQ(int_sample(out, i), expected[i]) << i;
}

TEST(ConvertTest, IntFloatIntRoundTripIsExactFor16And24Bit) {
    for (std::uint16_t bits : {16, 24}) {
        const PcmBuffer pcm = make_signal(make_format(SampleType::kInt, bits, 2, 48000), 1000);
        const PcmBuffer back =
            convert_samples(convert_samples(pcm, SampleType::kFloat, 32), SampleType::kInt, bits);
        EXPECT_EQ(back.format, pcm.format);
        EXPECT_TRUE(back.bytes == pcm.bytes) << bits;
    }
}

TEST(ConvertTest, WideningIntRoundTripIsExact) {
    const PcmBuffer pcm = make_signal(make_format(SampleType::kInt, 16, 8, 48000), 500);
    const PcmBuffer wide = convert_samples(pcm, SampleType::kInt, 32);
    EXPECT_EQ(int_sample(wide, 3), int_sample(pcm, 3) * 65536);
    const PcmBuffer back =
        convert_samples(convert_samples(wide, SampleType::kInt, 24), SampleType::kInt, 16);
    EXPECT_TRUE(back.bytes == pcm.bytes);
}

TEST(ConvertTest, NarrowingIntRoundsAndClamps) {
    PcmBuffer pcm;
    pcm.format = make_format(SampleType::kInt, 24, 1, 8000);
    // 0x7FFFFF (max: rounds up past the 16-bit max, clamps), 0x000080 (half: away from zero -> 1),
    // 0x00007F (rounds to 0).
    pcm.bytes = {0xFF, 0xFF, 0x7F, 0x80, 0x00, 0x00, 0x7F, 0x00, 0x00};
    const PcmBuffer out = convert_samples(pcm, SampleType::kInt, 16);
    EXPECT_EQ(int_sample(out, 0), 32767);
    EXPECT_EQ(int_sample(out, 1), 1);
    EXPECT_EQ(int_sample(out, 2), 0);
}

TEST(ConvertTest, FloatToFloatIsACopy) {
    const PcmBuffer pcm = make_signal(make_format(SampleType::kFloat, 32, 2, 44100), 300);
    EXPECT_TRUE(convert_samples(pcm, SampleType::kFloat, 32).bytes == pcm.bytes);
}

TEST(ConvertTest, UnsupportedTargetIsAnInputError) {
    EXPECT_THROW(convert_samples(s16({1, 2}), SampleType::kFloat, 64), aetrace::InputError);
    EXPECT_THROW(convert_samples(s16({1, 2}), SampleType::kInt, 8), aetrace::InputError);
}

TEST(ConvertTest, ToFloatKeepsInterleavingAndLength) {
    const PcmBuffer pcm = make_signal(make_format(SampleType::kInt, 24, 8, 48000), 10);
    const std::vector<float> x = to_float(pcm);
    ASSERT_EQ(x.size(), 80u);
    EXPECT_EQ(x[0], -1.0f);  // make_signal puts the most negative value first
    EXPECT_FLOAT_EQ(x[9], static_cast<float>(int_sample(pcm, 9)) / 8388608.0f);
}
