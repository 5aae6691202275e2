// Replay of hand-built traces against FakeRenderEndpoint.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <sstream>

#include "aetrace/abi/hresult.h"
#include "aetrace/replay/replayer.h"
#include "aetrace/test/temp_dir.h"
#include "trace_builder.h"

namespace aetrace::replay {
namespace {

using abi::MethodId;
using test::FakeRenderEndpoint;
using test::TraceBuilder;

constexpr abi::HNSTIME kPass = 100000;  // 10 ms

/// A factory making one FakeRenderEndpoint with `options`; `made` keeps a reference to it.
ImplementationFactory fake_factory(FakeRenderEndpoint::Options options,
                                   abi::ComPtr<FakeRenderEndpoint>* made = nullptr) {
    return [options, made](const format::EndpointInfo& info, const clock::Clock& clock) {
        auto* fake = new FakeRenderEndpoint(clock, info.format, options);
        auto object = abi::ComPtr<abi::IUnknown>::attach(static_cast<abi::IAudioEndpoint*>(fake));
        if (made) *made = abi::ComPtr<FakeRenderEndpoint>(fake);
        return object;
    };
}

/// Init calls plus two render passes of 480 frames, as FakeRenderEndpoint answers them.
TraceBuilder matching_trace(std::vector<std::uint8_t>* all_audio = nullptr) {
    TraceBuilder b;
    auto& fmt = b.call(MethodId::IAudioEndpoint_GetFrameFormat);
    abi::to_wave_format(abi::StreamFormat{}, &fmt.format);
    b.call(MethodId::IAudioEndpoint_GetFramesPerPacket).out[0] = 480;
    b.call(MethodId::IAudioEndpoint_GetLatency).out[0] = FakeRenderEndpoint::kLatency;
    std::vector<std::uint8_t> audio;
    for (int pass = 0; pass < 2; ++pass) {
        const abi::HNSTIME t = pass * kPass;
        b.padding(t, 480u * static_cast<unsigned>(pass));
        const auto packet = test::ramp(480 * 2, 960u * static_cast<unsigned>(pass));
        b.render(t, packet);
        audio.insert(audio.end(), packet.begin(), packet.end());
        b.call(MethodId::IAudioEndpointRT_ProcessingComplete, t);
    }
    if (all_audio) *all_audio = audio;
    return b;
}

TEST(ReplayTest, MatchingImplementationGivesNoDivergence) {
    std::vector<std::uint8_t> audio;
    TraceBuilder b = matching_trace(&audio);
    b.digest(audio);
    b.end();
    abi::ComPtr<FakeRenderEndpoint> fake;
    const ReplayReport report = replay(b.trace, fake_factory({}, &fake));
    for (const Divergence& d : report.divergences) ADD_FAILURE() << describe(d);
    EXPECT_TRUE(report.ok());
    EXPECT_EQ(report.calls_replayed, b.trace.calls.size());
    EXPECT_EQ(report.calls_skipped, 0u);
    EXPECT_TRUE(report.notes.empty());
    ASSERT_EQ(report.audio.size(), 1u);
    EXPECT_TRUE(report.audio[0].checked);
    EXPECT_TRUE(report.audio[0].matches);
    EXPECT_EQ(report.audio[0].frames_actual, 960u);
    // The recorded render audio was fed through the pointer GetOutputDataPointer returned.
    EXPECT_EQ(fake->played, audio);
}

TEST(ReplayTest, WrongPaddingIsReportedAtItsCall) {
    TraceBuilder b = matching_trace();
    b.end();
    FakeRenderEndpoint::Options options;
    options.padding_offset = 1;
    const ReplayReport report = replay(b.trace, fake_factory(options));
    EXPECT_FALSE(report.ok());
    ASSERT_FALSE(report.divergences.empty());
    const Divergence& d = report.divergences.front();
    EXPECT_EQ(d.call_index, 3u);  // the first GetCurrentPadding
    EXPECT_EQ(d.seq, 3u);
    EXPECT_EQ(d.method, MethodId::IAudioEndpointRT_GetCurrentPadding);
    EXPECT_EQ(d.field, "padding");
    EXPECT_EQ(d.expected, "0");
    EXPECT_EQ(d.actual, "1");
    EXPECT_EQ(report.divergence_count, 2u);
    EXPECT_EQ(report.per_method.at("IAudioEndpointRT::GetCurrentPadding"), 2u);
}

TEST(ReplayTest, PositionFlagsAreComparedAsNamedBits) {
    TraceBuilder b;
    auto& c = b.padding(kPass, 0);
    c.position.Flag =
        static_cast<abi::AE_POSITION_FLAGS>(abi::POSITION_CONTINUOUS | abi::POSITION_QPC_ERROR);
    b.end();
    const ReplayReport report = replay(b.trace, fake_factory({}));
    ASSERT_EQ(report.divergence_count, 1u);
    EXPECT_EQ(report.divergences[0].field, "position.Flag");
    EXPECT_EQ(report.divergences[0].expected, "CONTINUOUS|QPC_ERROR");
    EXPECT_EQ(report.divergences[0].actual, "CONTINUOUS");
}

TEST(ReplayTest, VirtualTimeIsSetBeforeEachCall) {
    TraceBuilder b;
    b.padding(0, 0);
    b.padding(7 * kPass, 0);  // device position and QPC position follow the recorded time
    b.end();
    EXPECT_TRUE(replay(b.trace, fake_factory({})).ok());
    b.trace.calls[1].position.hnsQPCPosition += 1;
    const ReplayReport report = replay(b.trace, fake_factory({}));
    ASSERT_EQ(report.divergence_count, 1u);
    EXPECT_EQ(report.divergences[0].field, "position.hnsQPCPosition");
    EXPECT_EQ(report.divergences[0].seq, 1u);
}

TEST(ReplayTest, CallsAreReplayedInSequenceOrderWhateverTheFileOrder) {
    // With several recording threads, a record published late can follow a later one in the file:
    // here the second pass's GetCurrentPadding is stored after that pass's Get and Release. Its
    // padding (480 frames) is only right if it is issued before the Release.
    std::vector<std::uint8_t> audio;
    TraceBuilder b = matching_trace(&audio);
    b.digest(audio);
    b.end();
    auto& calls = b.trace.calls;
    auto pad = std::find_if(calls.begin(), calls.end(), [](const format::CallRecord& c) {
        return c.method == MethodId::IAudioEndpointRT_GetCurrentPadding && c.out[0] == 480;
    });
    ASSERT_NE(pad, calls.end());
    ASSERT_LE(pad + 3, calls.end());
    std::rotate(pad, pad + 1, pad + 3);  // padding, get, release -> get, release, padding
    b.trace.order.clear();
    const ReplayReport report = replay(b.trace, fake_factory({}));
    std::ostringstream text;
    print_report(report, text);
    EXPECT_TRUE(report.ok()) << text.str();
    EXPECT_EQ(report.calls_replayed, calls.size());
}

TEST(ReplayTest, HresultsAreShownByName) {
    TraceBuilder b;
    b.call(MethodId::IAudioEndpoint_GetLatency).out[0] = FakeRenderEndpoint::kLatency;
    b.end();
    FakeRenderEndpoint::Options options;
    options.latency_hr = abi::E_NOTIMPL;
    const ReplayReport report = replay(b.trace, fake_factory(options));
    ASSERT_EQ(report.divergence_count, 1u);
    EXPECT_EQ(report.divergences[0].field, "hr");
    EXPECT_EQ(report.divergences[0].expected, "S_OK");
    EXPECT_EQ(report.divergences[0].actual, "E_NOTIMPL");
}

TEST(ReplayTest, DifferentFrameFormatIsShownReadably) {
    TraceBuilder b;
    auto& c = b.call(MethodId::IAudioEndpoint_GetFrameFormat);
    abi::to_wave_format(abi::StreamFormat{abi::SampleType::kInt, 16, 2, 44100}, &c.format);
    b.end();
    const ReplayReport report = replay(b.trace, fake_factory({}));  // the fake says 48000 Hz
    ASSERT_EQ(report.divergence_count, 1u);
    EXPECT_EQ(report.divergences[0].field, "format");
    EXPECT_EQ(report.divergences[0].expected.rfind("44100 Hz, 2 ch, s16 (18 bytes: 01 00 02 00", 0),
              0u)
        << report.divergences[0].expected;
    EXPECT_EQ(report.divergences[0].actual.rfind("48000 Hz, 2 ch, s16 (18 bytes:", 0), 0u)
        << report.divergences[0].actual;
}

TEST(ReplayTest, SetEventHandleGetsAReplayerEventOnlyWhenRecordedNonNull) {
    TraceBuilder b;
    b.call(MethodId::IAudioEndpoint_SetStreamFlags).arg[0] = abi::AUDCLNT_STREAMFLAGS_EVENTCALLBACK;
    b.call(MethodId::IAudioEndpoint_SetEventHandle).arg[0] = 1;
    b.end();
    abi::ComPtr<FakeRenderEndpoint> fake;
    EXPECT_TRUE(replay(b.trace, fake_factory({}, &fake)).ok());
    EXPECT_NE(fake->event_handle, nullptr);
    EXPECT_EQ(fake->stream_flags, abi::AUDCLNT_STREAMFLAGS_EVENTCALLBACK);
    b.trace.calls[1].arg[0] = 0;
    EXPECT_TRUE(replay(b.trace, fake_factory({}, &fake)).ok());
    EXPECT_EQ(fake->event_handle, nullptr);
}

TEST(ReplayTest, UnknownMethodIsSkippedAndCounted) {
    TraceBuilder b;
    b.padding(0, 0);
    b.call(static_cast<MethodId>(99));
    b.padding(kPass, 0);
    b.end();
    const ReplayReport report = replay(b.trace, fake_factory({}));
    EXPECT_TRUE(report.ok());
    EXPECT_EQ(report.calls_skipped, 1u);
    EXPECT_EQ(report.calls_replayed, 2u);
    ASSERT_EQ(report.notes.size(), 1u);
    EXPECT_NE(report.notes[0].find("1 calls of unknown methods (ids 99) skipped"),
              std::string::npos);
}

TEST(ReplayTest, MissingInterfaceGivesOneDivergenceThenSkipsItsCalls) {
    TraceBuilder b;
    b.call(MethodId::IAudioEndpoint_GetFramesPerPacket).out[0] = 480;
    for (int i = 0; i < 3; ++i) b.padding(i * kPass, 0);
    b.end();
    FakeRenderEndpoint::Options options;
    options.expose_rt = false;
    const ReplayReport report = replay(b.trace, fake_factory(options));
    EXPECT_FALSE(report.ok());
    ASSERT_EQ(report.divergence_count, 1u);
    EXPECT_EQ(report.divergences[0].field, "interface");
    EXPECT_EQ(report.divergences[0].seq, 1u);
    EXPECT_NE(report.divergences[0].expected.find("IAudioEndpointRT"), std::string::npos);
    EXPECT_EQ(report.calls_not_issued, 3u);
    EXPECT_EQ(report.calls_replayed, 1u);
}

TEST(ReplayTest, HashOnlyTraceFeedsZerosAndSaysSo) {
    TraceBuilder b;
    b.trace.header.flags |= format::kHeaderHashOnly;
    const auto packet = test::ramp(480 * 2);
    b.render(0, packet, /*store=*/false);
    b.digest(packet);
    b.end();
    abi::ComPtr<FakeRenderEndpoint> fake;
    const ReplayReport report = replay(b.trace, fake_factory({}, &fake));
    EXPECT_TRUE(report.ok());
    ASSERT_EQ(report.notes.size(), 1u);
    EXPECT_EQ(report.notes[0],
              "hash-only trace: render buffers not stored, render audio not fed; only hashes and "
              "the call schedule were checked");
    EXPECT_EQ(fake->played, std::vector<std::uint8_t>(packet.size(), 0));
    ASSERT_EQ(report.audio.size(), 1u);
    EXPECT_FALSE(report.audio[0].checked);
}

TEST(ReplayTest, ViolationsAreComparedWithTheTrace) {
    TraceBuilder b;
    const auto packet = test::ramp(480 * 2);
    b.render(0, packet);
    b.trace.calls[1].arg[1] = 0;  // the engine released a foreign pointer: the fake reports it
    // ... and the trace claims a violation on the Get that the fake does not report.
    b.trace.add(format::ViolationRecord{0, abi::ContractRule::kFramesAbovePacket,
                                        MethodId::IAudioOutputEndpointRT_GetOutputDataPointer, 0,
                                        481, 480});
    b.end();
    const ReplayReport report = replay(b.trace, fake_factory({}));
    ASSERT_EQ(report.divergence_count, 2u);
    EXPECT_EQ(report.divergences[0].field, "violation");
    EXPECT_EQ(report.divergences[0].seq, 0u);
    EXPECT_EQ(report.divergences[0].actual, "none");
    EXPECT_NE(report.divergences[0].expected.find("frames-above-packet"), std::string::npos);
    EXPECT_EQ(report.divergences[1].seq, 1u);
    EXPECT_EQ(report.divergences[1].expected, "none");
    EXPECT_NE(report.divergences[1].actual.find("foreign-pointer"), std::string::npos);
}

TEST(ReplayTest, MatchingViolationIsNoDivergence) {
    TraceBuilder b;
    b.render(0, test::ramp(480 * 2));
    b.trace.calls[1].arg[1] = 0;
    b.trace.add(format::ViolationRecord{1, abi::ContractRule::kForeignPointer,
                                        MethodId::IAudioOutputEndpointRT_ReleaseOutputDataPointer,
                                        0, 0, 0});
    b.end();
    EXPECT_TRUE(replay(b.trace, fake_factory({})).ok());
}

TEST(ReplayTest, CutTraceAndGapsAreNoted) {
    TraceBuilder b;
    b.padding(0, 0);
    b.trace.add(format::GapRecord{0, 5, 3});
    const ReplayReport report = replay(b.trace, fake_factory({}));
    EXPECT_TRUE(report.ok());
    ASSERT_EQ(report.notes.size(), 2u);
    EXPECT_EQ(report.notes[0],
              "3 calls lost by the recorder (seq 5..7): replay skipped nothing but results after "
              "seq 5 may differ");
    EXPECT_EQ(report.notes[1], "trace ended without End record at byte 0");
}

TEST(ReplayTest, DamagedTraceFileIsReplayedUpToTheDamage) {
    aetrace::test::TempDir dir;
    TraceBuilder b = matching_trace();
    b.end();
    const auto path = dir / "cut.aetrace";
    format::write_trace(path, b.trace);
    std::filesystem::resize_file(path, std::filesystem::file_size(path) - 5);
    const format::Trace cut = format::read_trace(path, /*strict=*/false);
    ASSERT_TRUE(cut.status.damaged());
    const ReplayReport report = replay(cut, fake_factory({}));
    EXPECT_TRUE(report.ok());
    EXPECT_EQ(report.calls_replayed, cut.calls.size());
    ASSERT_EQ(report.notes.size(), 1u);
    EXPECT_EQ(report.notes[0].rfind("trace truncated at byte", 0), 0u) << report.notes[0];
}

TEST(ReplayTest, KeepsTheFirstDivergencesButCountsAll) {
    TraceBuilder b;
    for (int i = 0; i < 5; ++i) b.padding(i * kPass, 0);
    b.end();
    FakeRenderEndpoint::Options options;
    options.padding_offset = 2;
    ReplayOptions replay_options;
    replay_options.max_divergences = 2;
    replay_options.check_violations = false;
    const ReplayReport report = replay(b.trace, fake_factory(options), replay_options);
    // One divergence a call: the fake's position keeps the true padding.
    EXPECT_EQ(report.divergence_count, 5u);
    EXPECT_EQ(report.divergences.size(), 2u);
    EXPECT_EQ(report.per_method.at("IAudioEndpointRT::GetCurrentPadding"), 5u);
}

TEST(ReplayTest, AudioVerdictNamesTheDifferingSecond) {
    const abi::StreamFormat mono8k{abi::SampleType::kInt, 16, 1, 8000};
    TraceBuilder b(mono8k);
    std::vector<std::uint8_t> audio;
    for (int s = 0; s < 3; ++s) {
        const auto packet = test::ramp(8000, 8000u * static_cast<unsigned>(s));
        b.render(s * 10'000'000, packet);
        audio.insert(audio.end(), packet.begin(), packet.end());
    }
    audio[8000 * 2 + 100] ^= 0x01;  // the digest disagrees in second 1 only
    b.digest(audio);
    b.end();
    FakeRenderEndpoint::Options options;
    options.frames_per_packet = 8000;
    const ReplayReport report = replay(b.trace, fake_factory(options));
    EXPECT_EQ(report.divergence_count, 0u);
    EXPECT_FALSE(report.ok());
    ASSERT_EQ(report.audio.size(), 1u);
    EXPECT_TRUE(report.audio[0].checked);
    EXPECT_FALSE(report.audio[0].matches);
    EXPECT_EQ(report.audio[0].differing_seconds, std::vector<std::uint64_t>{1});
    EXPECT_EQ(report.audio[0].seconds, 3u);
    std::ostringstream text;
    print_report(report, text);
    EXPECT_NE(text.str().find("render endpoint 0: audio differs in second 1 of 3"),
              std::string::npos)
        << text.str();
}

TEST(PrintReportTest, ShowsVerdictFirstDivergenceCountsAndNotes) {
    TraceBuilder b = matching_trace();
    FakeRenderEndpoint::Options options;
    options.padding_offset = 1;
    const ReplayReport report = replay(b.trace, fake_factory(options));
    std::ostringstream out;
    print_report(report, out);
    const std::string text = out.str();
    EXPECT_EQ(text.rfind("replay: DIVERGED: 11 calls replayed, 2 divergences", 0), 0u) << text;
    EXPECT_NE(text.find("call:     #3 (seq 3), endpoint 0"), std::string::npos) << text;
    EXPECT_NE(text.find("method:   IAudioEndpointRT::GetCurrentPadding"), std::string::npos);
    EXPECT_NE(text.find("field:    padding"), std::string::npos);
    EXPECT_NE(text.find("expected: 0\n"), std::string::npos);
    EXPECT_NE(text.find("actual:   1\n"), std::string::npos);
    EXPECT_NE(text.find("  IAudioEndpointRT::GetCurrentPadding: 2"), std::string::npos);
    EXPECT_NE(text.find("not checked: the trace has no output digest"), std::string::npos);
    EXPECT_NE(text.find("  - trace ended without End record"), std::string::npos);
}

TEST(PrintReportTest, OkReportSaysOk) {
    TraceBuilder b = matching_trace();
    b.end();
    std::ostringstream out;
    print_report(replay(b.trace, fake_factory({})), out);
    EXPECT_EQ(out.str().rfind("replay: OK: 11 calls replayed, 0 divergences", 0), 0u) << out.str();
}

}  // namespace
}  // namespace aetrace::replay
