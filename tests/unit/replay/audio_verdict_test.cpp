// The tiered audio verdict: exact hashes first, then the sample comparison against the expected
// output, and the SNR pass threshold.
#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <sstream>

#include "aetrace/abi/error.h"
#include "aetrace/audio/metrics.h"
#include "aetrace/replay/replayer.h"
#include "trace_builder.h"

namespace aetrace::replay {
namespace {

using test::FakeRenderEndpoint;
using test::TraceBuilder;

const abi::StreamFormat kFloatStereo{abi::SampleType::kFloat, 32, 2, 48000};
constexpr std::uint32_t kPacket = 480;

ImplementationFactory fake_factory() {
    return [](const format::EndpointInfo& info, const clock::Clock& clock) {
        auto* fake = new FakeRenderEndpoint(clock, info.format, {});
        return abi::ComPtr<abi::IUnknown>::attach(static_cast<abi::IAudioEndpoint*>(fake));
    };
}

/// `frames` stereo f32 frames of a 1 kHz sine at half scale (right channel inverted).
audio::PcmBuffer sine(std::uint64_t frames) {
    audio::PcmBuffer pcm;
    pcm.format = kFloatStereo;
    pcm.bytes.resize(frames * 8);
    for (std::uint64_t i = 0; i < frames; ++i) {
        const float v = static_cast<float>(
            0.5 * std::sin(2.0 * 3.14159265358979 * 1000.0 * static_cast<double>(i) / 48000.0));
        const float r = -v;
        std::memcpy(&pcm.bytes[i * 8], &v, 4);
        std::memcpy(&pcm.bytes[i * 8 + 4], &r, 4);
    }
    return pcm;
}

/// Adds `ulps` to the bit pattern of sample (frame, channel).
void nudge(audio::PcmBuffer& pcm, std::uint64_t frame, int channel, std::int32_t ulps) {
    std::uint32_t bits = 0;
    std::memcpy(&bits, &pcm.bytes[frame * 8 + static_cast<std::uint64_t>(channel) * 4], 4);
    bits = static_cast<std::uint32_t>(static_cast<std::int64_t>(bits) + ulps);
    std::memcpy(&pcm.bytes[frame * 8 + static_cast<std::uint64_t>(channel) * 4], &bits, 4);
}

/// A trace whose engine fed `played` in packets of kPacket frames and whose output digest
/// describes `expected` (what the recorded implementation played).
format::Trace trace_of(const audio::PcmBuffer& played, const audio::PcmBuffer& expected) {
    TraceBuilder b(kFloatStereo);
    const std::size_t block = kFloatStereo.bytes_per_frame();
    for (std::size_t at = 0; at < played.bytes.size(); at += kPacket * block) {
        const std::size_t n = std::min<std::size_t>(kPacket * block, played.bytes.size() - at);
        b.render(0, std::vector<std::uint8_t>(
                        played.bytes.begin() + static_cast<std::ptrdiff_t>(at),
                        played.bytes.begin() + static_cast<std::ptrdiff_t>(at + n)));
    }
    b.digest(expected.bytes);
    b.end();
    return b.trace;
}

ReplayReport run(const format::Trace& trace, const audio::PcmBuffer* expected,
                 std::optional<double> snr_db_min) {
    ReplayOptions options;
    if (expected) options.expected_output[0] = expected;
    options.snr_db_min = snr_db_min;
    return replay(trace, fake_factory(), options);
}

std::string text_of(const ReplayReport& report) {
    std::ostringstream s;
    print_report(report, s);
    return s.str();
}

TEST(AudioVerdictTest, FloatRoundingChangePassesWithThresholdAndFailsWithout) {
    const audio::PcmBuffer expected = sine(96000);  // 2 s
    audio::PcmBuffer played = expected;
    nudge(played, 50000, 1, 1);
    nudge(played, 60000, 0, -1);
    const format::Trace trace = trace_of(played, expected);

    const ReplayReport strict = run(trace, &expected, std::nullopt);
    EXPECT_EQ(strict.divergence_count, 0u);
    ASSERT_EQ(strict.audio.size(), 1u);
    EXPECT_FALSE(strict.audio[0].matches);
    EXPECT_TRUE(strict.audio[0].compared);
    EXPECT_FALSE(strict.audio[0].within_tolerance);
    EXPECT_FALSE(strict.ok());

    const ReplayReport tolerant = run(trace, &expected, 90.0);
    ASSERT_EQ(tolerant.audio.size(), 1u);
    EXPECT_FALSE(tolerant.audio[0].matches);
    EXPECT_TRUE(tolerant.audio[0].within_tolerance);
    EXPECT_TRUE(tolerant.ok());
    EXPECT_NE(text_of(tolerant).find("within tolerance (SNR >= 90 dB)"), std::string::npos)
        << text_of(tolerant);
}

TEST(AudioVerdictTest, ReportNamesFirstFrameChannelMaxDiffUlpSnrAndSeconds) {
    const audio::PcmBuffer expected = sine(96000);
    audio::PcmBuffer played = expected;
    nudge(played, 50000, 1, 3);
    nudge(played, 60000, 0, -1);
    const ReplayReport report = run(trace_of(played, expected), &expected, std::nullopt);
    ASSERT_EQ(report.audio.size(), 1u);
    const AudioVerdict& v = report.audio[0];
    ASSERT_TRUE(v.compared);
    EXPECT_EQ(v.comparison.first_diff_frame, 50000u);
    EXPECT_EQ(v.comparison.first_diff_channel, 1u);
    EXPECT_EQ(v.comparison.max_ulp_diff, 3u);
    EXPECT_GT(v.comparison.max_abs_diff, 0.0);
    EXPECT_LT(v.comparison.max_abs_diff, 1e-6);
    EXPECT_GT(v.comparison.snr_db, 90.0);
    EXPECT_EQ(v.comparison.differing_seconds, (std::vector<std::uint64_t>{1}));
    EXPECT_EQ(v.differing_seconds, (std::vector<std::uint64_t>{1}));  // the hash tier agrees
    const std::string text = text_of(report);
    EXPECT_NE(text.find("first difference at frame 50000, channel 1"), std::string::npos) << text;
    EXPECT_NE(text.find("max ULP diff 3"), std::string::npos) << text;
    EXPECT_NE(text.find("max abs diff "), std::string::npos) << text;
    EXPECT_NE(text.find("SNR "), std::string::npos) << text;
    EXPECT_NE(text.find("samples differ in second 1"), std::string::npos) << text;
}

TEST(AudioVerdictTest, DroppedFrameFailsEvenWithThreshold) {
    const audio::PcmBuffer expected = sine(96000);
    // One frame dropped at frame 30000: everything after it arrives one frame early.
    audio::PcmBuffer shorter = expected;
    shorter.bytes.erase(shorter.bytes.begin() + 30000 * 8, shorter.bytes.begin() + 30001 * 8);
    const ReplayReport report = run(trace_of(shorter, expected), &expected, 90.0);
    ASSERT_EQ(report.audio.size(), 1u);
    EXPECT_TRUE(report.audio[0].compared);
    EXPECT_FALSE(report.audio[0].within_tolerance);
    EXPECT_FALSE(report.ok());
    EXPECT_NE(text_of(report).find("fails: frame counts differ"), std::string::npos);

    // The same drop padded back to the full length: equal lengths, but the SNR collapses.
    audio::PcmBuffer padded = shorter;
    padded.bytes.resize(expected.bytes.size(), 0);
    const ReplayReport same_length = run(trace_of(padded, expected), &expected, 90.0);
    ASSERT_EQ(same_length.audio.size(), 1u);
    EXPECT_EQ(same_length.audio[0].comparison.first_diff_frame, 30000u);
    EXPECT_LT(same_length.audio[0].comparison.snr_db, 90.0);
    EXPECT_FALSE(same_length.audio[0].within_tolerance);
    EXPECT_FALSE(same_length.ok());
    EXPECT_NE(text_of(same_length).find("fails: below SNR >= 90 dB"), std::string::npos);
}

TEST(AudioVerdictTest, ThresholdWithoutExpectedOutputStillFails) {
    const audio::PcmBuffer expected = sine(48000);
    audio::PcmBuffer played = expected;
    nudge(played, 100, 0, 1);
    const ReplayReport report = run(trace_of(played, expected), nullptr, 90.0);
    ASSERT_EQ(report.audio.size(), 1u);
    EXPECT_FALSE(report.audio[0].compared);
    EXPECT_FALSE(report.ok());
    EXPECT_NE(text_of(report).find("no expected output"), std::string::npos);
}

TEST(AudioVerdictTest, ExpectedOutputThatIsNotTheDigestsAudioIsNotUsed) {
    const audio::PcmBuffer expected = sine(48000);
    audio::PcmBuffer played = expected;
    nudge(played, 100, 0, 1);
    audio::PcmBuffer other = expected;
    nudge(other, 5, 0, 7);
    const ReplayReport report = run(trace_of(played, expected), &other, 90.0);
    ASSERT_EQ(report.audio.size(), 1u);
    EXPECT_FALSE(report.audio[0].compared);
    EXPECT_NE(report.audio[0].note.find("expected output not used"), std::string::npos);
    EXPECT_FALSE(report.ok());
}

TEST(AudioVerdictTest, MatchingAudioSkipsTheSampleTier) {
    const audio::PcmBuffer expected = sine(48000);
    const ReplayReport report = run(trace_of(expected, expected), &expected, 90.0);
    ASSERT_EQ(report.audio.size(), 1u);
    EXPECT_TRUE(report.audio[0].matches);
    EXPECT_FALSE(report.audio[0].compared);
    EXPECT_TRUE(report.ok());
}

TEST(CompareAudioUlpTest, CountsFloatUlpsAcrossZeroAndIntegerSteps) {
    audio::PcmBuffer a;
    a.format = abi::StreamFormat{abi::SampleType::kFloat, 32, 1, 48000};
    const float av[3] = {1.0f, 0.0f, -0.0f};
    a.bytes.resize(12);
    std::memcpy(a.bytes.data(), av, 12);
    audio::PcmBuffer b = a;
    const float bv[3] = {std::nextafter(std::nextafter(1.0f, 2.0f), 2.0f), -0.0f, -0.0f};
    std::memcpy(b.bytes.data(), bv, 12);
    EXPECT_EQ(audio::compare_audio(a, b).max_ulp_diff, 2u);  // 1.0 vs 1.0 + 2 ulp; +0 vs -0 is 1

    audio::PcmBuffer s16;
    s16.format = abi::StreamFormat{abi::SampleType::kInt, 16, 1, 48000};
    s16.bytes = {0x00, 0x80, 0x10, 0x00};  // -32768, 16
    audio::PcmBuffer t16 = s16;
    t16.bytes = {0x03, 0x80, 0x10, 0x00};  // -32765, 16
    EXPECT_EQ(audio::compare_audio(s16, t16).max_ulp_diff, 3u);
}

TEST(ReplayFormatTest, ImplementationWithAnotherFormatIsRefusedNamingBoth) {
    TraceBuilder b(kFloatStereo);
    b.end();
    format::Trace trace = b.trace;
    trace.endpoints[0].format = abi::StreamFormat{abi::SampleType::kInt, 16, 2, 44100};
    trace.endpoints[0].implementation = "x-render";
    const ImplementationFactory factory = [](const format::EndpointInfo&,
                                             const clock::Clock& clock) {
        auto* fake = new FakeRenderEndpoint(clock, kFloatStereo, {});
        return abi::ComPtr<abi::IUnknown>::attach(static_cast<abi::IAudioEndpoint*>(fake));
    };
    ReplayOptions options;
    options.trace_name = "t.aetrace";
    try {
        replay(trace, factory, options);
        FAIL() << "no exception";
    } catch (const InputError& e) {
        EXPECT_STREQ(e.what(),
                     "t.aetrace: trace format 44100 Hz, 2 ch, s16 does not match implementation "
                     "'x-render' format 48000 Hz, 2 ch, f32 (endpoint 0)");
    }
    options.check_format = false;
    EXPECT_NO_THROW(replay(trace, factory, options));
}

TEST(ReplayFormatTest, UnknownRecordTypesOfANewerMinorAreNamedInTheNotes) {
    TraceBuilder b(kFloatStereo);
    b.end();
    format::Trace trace = b.trace;
    trace.header.format_minor = 3;
    trace.status.unknown_skipped = 4;
    const ReplayReport report = replay(trace, fake_factory());
    bool found = false;
    for (const std::string& note : report.notes)
        found = found || note == "skipped 4 records of unknown types (a newer trace format 1.3)";
    EXPECT_TRUE(found) << text_of(report);
}

}  // namespace
}  // namespace aetrace::replay
