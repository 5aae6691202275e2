#include <gtest/gtest.h>

#include <chrono>
#include <thread>
#include <vector>

#include "aetrace/abi/error.h"
#include "aetrace/clock/tick_clock.h"
#include "aetrace/format/hash.h"
#include "aetrace/test/temp_dir.h"
#include "recording_fixture.h"

using namespace aetrace;
using namespace aetrace::abi;
using namespace aetrace::record;
using namespace aetrace::record::test;

TEST(RecorderTest, ProxyExposesOnlyTheInterfacesOfTheWrappedObject) {
    aetrace::test::TempDir dir;
    RenderRig rig(dir / "t.aetrace");
    EXPECT_TRUE(rig.proxy.as<IAudioOutputEndpointRT>());
    EXPECT_TRUE(rig.proxy.as<IAudioEndpointRT>());
    EXPECT_TRUE(rig.proxy.as<IAudioDeviceEndpoint>());
    EXPECT_TRUE(rig.proxy.as<IAudioEndpointControl>());
    HRESULT hr = S_OK;
    EXPECT_FALSE(rig.proxy.as<IAudioInputEndpointRT>(&hr));
    EXPECT_EQ(hr, E_NOINTERFACE);
    // The inspect interface is the wrapped object's own (not recorded).
    auto inspect = rig.proxy.as<IAetraceEndpointInspect>();
    ASSERT_TRUE(inspect);
    EXPECT_EQ(inspect.get(), rig.inner.as<IAetraceEndpointInspect>().get());
}

TEST(RecorderTest, RecordsEveryCallInOrderWithInputsAndOutputs) {
    aetrace::test::TempDir dir;
    RenderRig rig(dir / "t.aetrace");
    auto device = rig.proxy.as<IAudioDeviceEndpoint>();
    auto endpoint = rig.proxy.as<IAudioEndpoint>();
    auto rt = rig.proxy.as<IAudioEndpointRT>();
    auto out = rig.proxy.as<IAudioOutputEndpointRT>();
    auto control = rig.proxy.as<IAudioEndpointControl>();

    UINT32 fpp = 0;
    ASSERT_EQ(endpoint->GetFramesPerPacket(&fpp), S_OK);
    ASSERT_EQ(device->SetBuffer(100000, 2), S_OK);
    ASSERT_EQ(control->Start(), S_OK);
    rig.clock.set(100000);
    HNSTIME padding = -1;
    AE_CURRENT_POSITION pos{};
    rt->GetCurrentPadding(&padding, &pos);
    const UINT_PTR p = out->GetOutputDataPointer(fpp, nullptr);
    ASSERT_NE(p, 0u);
    std::memset(reinterpret_cast<void*>(p), 0x11, fpp * 4);
    APO_CONNECTION_PROPERTY conn{p, 100, BUFFER_VALID, APO_CONNECTION_PROPERTY_SIGNATURE};
    out->ReleaseOutputDataPointer(&conn);
    rt->ProcessingComplete();

    const RecorderStats stats = rig.recorder.finish();
    EXPECT_EQ(stats.calls, 7u);
    EXPECT_EQ(stats.written, 7u);
    EXPECT_EQ(stats.dropped, 0u);
    EXPECT_FALSE(std::filesystem::exists(dir / "t.aetrace.tmp"));
    const format::Trace t = format::read_trace(dir / "t.aetrace", /*strict=*/true);
    ASSERT_TRUE(t.end.has_value());
    ASSERT_EQ(t.endpoints.size(), 1u);
    EXPECT_EQ(t.endpoints[0].endpoint, 1u);
    EXPECT_EQ(t.order.front().type, format::RecordType::kEndpointInfo);
    const auto& calls = t.calls;
    ASSERT_EQ(
        methods_of(calls),
        (std::vector<MethodId>{
            MethodId::IAudioEndpoint_GetFramesPerPacket, MethodId::IAudioDeviceEndpoint_SetBuffer,
            MethodId::IAudioEndpointControl_Start, MethodId::IAudioEndpointRT_GetCurrentPadding,
            MethodId::IAudioOutputEndpointRT_GetOutputDataPointer,
            MethodId::IAudioOutputEndpointRT_ReleaseOutputDataPointer,
            MethodId::IAudioEndpointRT_ProcessingComplete}));
    for (std::size_t i = 0; i < calls.size(); ++i) {
        EXPECT_EQ(calls[i].seq, i);
        EXPECT_EQ(calls[i].endpoint, 1u);
        EXPECT_EQ(calls[i].thread, 0u);
        EXPECT_EQ(calls[i].real_time, 0);
    }
    EXPECT_EQ(calls[0].out[0], 480u);
    EXPECT_EQ(calls[1].arg[0], 100000u);
    EXPECT_EQ(calls[1].arg[1], 2u);
    EXPECT_EQ(calls[3].virtual_time, 100000);
    EXPECT_EQ(calls[3].out[0], static_cast<std::uint64_t>(padding));
    EXPECT_TRUE(calls[3].flags & format::kHasPosition);
    EXPECT_EQ(calls[3].position.u64DevicePosition, pos.u64DevicePosition);
    EXPECT_EQ(calls[4].arg[0], fpp);
    EXPECT_EQ(calls[4].out[0], 1u);
    const auto& release = calls[5];
    EXPECT_EQ(release.connection_in.valid_frame_count, 100u);
    EXPECT_EQ(release.connection_in.signature, APO_CONNECTION_PROPERTY_SIGNATURE);
    EXPECT_EQ(release.arg[1], 1u);  // the pointer Get returned
    EXPECT_EQ(release.buffer.frames, 100u);
    EXPECT_EQ(release.buffer.bytes, 400u);
    std::vector<std::uint8_t> expected(400, 0x11);
    EXPECT_EQ(release.buffer.xxh3, format::xxh3_64(expected.data(), expected.size()));
    EXPECT_TRUE(release.flags & format::kPayloadStored);
    ASSERT_EQ(t.payloads.size(), 1u);
    EXPECT_EQ(t.payloads.at(release.seq).bytes, expected);
    EXPECT_EQ(t.payloads.at(release.seq).frames, 100u);
}

TEST(RecorderTest, RealClockStampsRealTimeWhenGiven) {
    aetrace::test::TempDir dir;
    clock::VirtualClock vclock;
    clock::SystemClock sclock;
    RecorderOptions options = small_options();
    options.tsc_timestamps = false;  // read sclock itself on the call: exact bracketing
    Recorder recorder(dir / "t.aetrace", test_header(), vclock, &sclock, options);
    auto proxy = recorder.wrap(endpoints::make_wav_render_endpoint(config(), vclock), 0,
                               endpoint_info(format::EndpointRole::kRender));
    const HNSTIME before = sclock.now();
    proxy.as<IAudioEndpointRT>()->ProcessingComplete();
    const HNSTIME after = sclock.now();
    recorder.finish();
    const format::Trace t = format::read_trace(dir / "t.aetrace", true);
    ASSERT_EQ(t.calls.size(), 1u);
    EXPECT_GE(t.calls[0].real_time, before);
    EXPECT_LE(t.calls[0].real_time, after);
}

TEST(RecorderTest, TscStampsConvertToSystemClockTimeInCallOrder) {
    if (!clock::ticks_are_invariant())
        GTEST_SKIP() << "no invariant TSC: the recorder reads the clock";
    aetrace::test::TempDir dir;
    clock::VirtualClock vclock;
    clock::SystemClock sclock;
    Recorder recorder(dir / "t.aetrace", test_header(), vclock, &sclock, small_options());
    auto proxy = recorder.wrap(endpoints::make_wav_render_endpoint(config(), vclock), 0,
                               endpoint_info(format::EndpointRole::kRender));
    auto rt = proxy.as<IAudioEndpointRT>();
    std::vector<HNSTIME> before, after;
    for (int i = 0; i < 20; ++i) {
        before.push_back(sclock.now());
        rt->ProcessingComplete();
        after.push_back(sclock.now());
        std::this_thread::sleep_for(std::chrono::milliseconds(2));  // spans several writer drains
    }
    recorder.finish();
    const format::Trace t = format::read_trace(dir / "t.aetrace", true);
    ASSERT_EQ(t.calls.size(), 20u);
    // TickConverter is exact to about an anchor's uncertainty (tens of ns); allow 100 us.
    constexpr HNSTIME kTolerance = 1000;
    for (std::size_t i = 0; i < t.calls.size(); ++i) {
        EXPECT_GE(t.calls[i].real_time, before[i] - kTolerance) << "call " << i;
        EXPECT_LE(t.calls[i].real_time, after[i] + kTolerance) << "call " << i;
        if (i > 0) {
            EXPECT_GT(t.calls[i].real_time, t.calls[i - 1].real_time) << "call " << i;
        }
    }
}

TEST(RecorderTest, HashOnlyStoresHashesButNoAudioAndFlagsTheHeader) {
    aetrace::test::TempDir dir;
    RecorderOptions opts = small_options();
    opts.hash_only = true;
    RenderRig rig(dir / "t.aetrace", opts);
    ASSERT_EQ(rig.proxy.as<IAudioDeviceEndpoint>()->SetBuffer(100000, 2), S_OK);
    render_pass(*rig.proxy.as<IAudioOutputEndpointRT>().get(), 480, 0x22);
    rig.recorder.finish();
    const format::Trace t = format::read_trace(dir / "t.aetrace", true);
    EXPECT_TRUE(t.header.flags & format::kHeaderHashOnly);
    ASSERT_EQ(t.calls.size(), 3u);
    EXPECT_TRUE(t.calls[2].flags & format::kHasBuffer);
    EXPECT_FALSE(t.calls[2].flags & format::kPayloadStored);
    std::vector<std::uint8_t> expected(480 * 4, 0x22);
    EXPECT_EQ(t.calls[2].buffer.xxh3, format::xxh3_64(expected.data(), expected.size()));
    EXPECT_TRUE(t.payloads.empty());
}

TEST(RecorderTest, SilentCaptureBufferIsHashedAsSilenceWithoutStoringBytes) {
    aetrace::test::TempDir dir;
    clock::VirtualClock clock;
    Recorder recorder(dir / "t.aetrace", test_header(), clock, nullptr, small_options());
    auto proxy =
        recorder.wrap(endpoints::make_wav_capture_endpoint(config(), clock, counting_source()), 0,
                      endpoint_info(format::EndpointRole::kCapture));
    ASSERT_EQ(proxy.as<IAudioDeviceEndpoint>()->SetBuffer(100000, 2), S_OK);
    // Not started: nothing captured, so the endpoint hands out silence flagged BUFFER_SILENT.
    auto in = proxy.as<IAudioInputEndpointRT>();
    APO_CONNECTION_PROPERTY conn{0, 480, BUFFER_INVALID, APO_CONNECTION_PROPERTY_SIGNATURE};
    in->GetInputDataPointer(&conn, nullptr);
    ASSERT_EQ(conn.u32BufferFlags, BUFFER_SILENT);
    in->ReleaseInputDataPointer(480, conn.pBuffer);
    recorder.finish();
    const format::Trace t = format::read_trace(dir / "t.aetrace", true);
    ASSERT_EQ(t.calls.size(), 3u);
    const auto& get = t.calls[1];
    EXPECT_EQ(get.connection_in.buffer_flags, static_cast<std::uint32_t>(BUFFER_INVALID));
    EXPECT_EQ(get.connection_in.buffer_present, 0u);
    EXPECT_EQ(get.connection_out.buffer_flags, static_cast<std::uint32_t>(BUFFER_SILENT));
    EXPECT_EQ(get.connection_out.buffer_present, 1u);
    EXPECT_TRUE(get.flags & format::kHasBuffer);
    EXPECT_EQ(get.buffer.bytes, 480u * 4);
    EXPECT_EQ(get.buffer.xxh3, format::xxh3_64_zeros(480 * 4));
    EXPECT_FALSE(get.flags & format::kPayloadStored);
    EXPECT_TRUE(t.payloads.empty());
    EXPECT_EQ(t.calls[2].arg[0], 480u);
    EXPECT_EQ(t.calls[2].arg[1], 1u);
}

TEST(RecorderTest, EndpointViolationsAreRecordedAgainstTheCallThatBrokeTheRule) {
    aetrace::test::TempDir dir;
    RenderRig rig(dir / "t.aetrace");
    auto out = rig.proxy.as<IAudioOutputEndpointRT>();
    ASSERT_EQ(rig.proxy.as<IAudioDeviceEndpoint>()->SetBuffer(100000, 2), S_OK);
    const UINT_PTR p = out->GetOutputDataPointer(480, nullptr);
    // Release more frames than were asked for: the endpoint clamps and reports it.
    APO_CONNECTION_PROPERTY conn{p, 481, BUFFER_VALID, APO_CONNECTION_PROPERTY_SIGNATURE};
    out->ReleaseOutputDataPointer(&conn);
    rig.recorder.note_engine_violation(ContractRule::kBadSignature,
                                       MethodId::IAudioOutputEndpointRT_ReleaseOutputDataPointer, 1,
                                       APO_CONNECTION_PROPERTY_SIGNATURE);
    rig.recorder.note_event(format::EventKind::kEngineWoke, 1, 5000);
    rig.proxy.as<IAudioEndpointRT>()->ProcessingComplete();
    rig.recorder.finish();
    const format::Trace t = format::read_trace(dir / "t.aetrace", true);
    ASSERT_EQ(t.violations.size(), 2u);
    EXPECT_EQ(t.violations[0].call_seq, 2u);
    EXPECT_EQ(t.violations[0].rule, ContractRule::kReleaseAboveGet);
    EXPECT_EQ(t.violations[0].method, MethodId::IAudioOutputEndpointRT_ReleaseOutputDataPointer);
    EXPECT_EQ(t.violations[0].source, 0u);
    EXPECT_EQ(t.violations[1].call_seq, 2u);
    EXPECT_EQ(t.violations[1].source, 1u);
    ASSERT_EQ(t.events.size(), 1u);
    EXPECT_EQ(t.events[0], (format::EventRecord{2, 1, 5000, format::EventKind::kEngineWoke}));
    // File order: call 2, its payload, both violations, the event, then call 3.
    std::vector<format::RecordType> types;
    for (const auto& ref : t.order) types.push_back(ref.type);
    using RT = format::RecordType;
    EXPECT_EQ(types, (std::vector<RT>{RT::kEndpointInfo, RT::kCall, RT::kCall, RT::kCall,
                                      RT::kAudioPayload, RT::kViolation, RT::kViolation, RT::kEvent,
                                      RT::kCall, RT::kEnd}));
}

TEST(RecorderTest, NonRtRecordsKeepTheirPlaceAmongTheCalls) {
    aetrace::test::TempDir dir;
    RenderRig rig(dir / "t.aetrace");
    rig.recorder.write_metadata("scenario", "x");
    auto rt = rig.proxy.as<IAudioEndpointRT>();
    rt->ProcessingComplete();
    rig.recorder.write_metadata("between", "y");
    rt->ProcessingComplete();
    format::OutputDigestRecord digest;
    digest.endpoint = 1;
    digest.frames = 7;
    rig.recorder.write_output_digest(digest);
    rig.recorder.finish();
    const format::Trace t = format::read_trace(dir / "t.aetrace", true);
    std::vector<format::RecordType> types;
    for (const auto& ref : t.order) types.push_back(ref.type);
    using RT = format::RecordType;
    EXPECT_EQ(types, (std::vector<RT>{RT::kEndpointInfo, RT::kMetadata, RT::kCall, RT::kMetadata,
                                      RT::kCall, RT::kOutputDigest, RT::kEnd}));
    ASSERT_EQ(t.digests.size(), 1u);
    EXPECT_EQ(t.digests[0], digest);
}

TEST(RecorderTest, WrapRejectsANullObject) {
    aetrace::test::TempDir dir;
    clock::VirtualClock clock;
    Recorder recorder(dir / "t.aetrace", test_header(), clock, nullptr, small_options());
    EXPECT_THROW(recorder.wrap(nullptr, 0, endpoint_info(format::EndpointRole::kRender)),
                 std::invalid_argument);
}

TEST(RecorderTest, ReleaseAboveTheGetCountRecordsOnlyTheFramesAskedFor) {
    aetrace::test::TempDir dir;
    RenderRig rig(dir / "t.aetrace");
    auto out = rig.proxy.as<IAudioOutputEndpointRT>();
    ASSERT_EQ(rig.proxy.as<IAudioDeviceEndpoint>()->SetBuffer(100000, 2), S_OK);
    const UINT_PTR p = out->GetOutputDataPointer(100, nullptr);
    APO_CONNECTION_PROPERTY conn{p, 480, BUFFER_VALID, APO_CONNECTION_PROPERTY_SIGNATURE};
    out->ReleaseOutputDataPointer(&conn);
    rig.recorder.finish();
    const format::Trace t = format::read_trace(dir / "t.aetrace", true);
    ASSERT_EQ(t.calls.size(), 3u);
    EXPECT_EQ(t.calls[2].connection_in.valid_frame_count, 480u);  // what the engine said
    EXPECT_EQ(t.calls[2].buffer.frames, 100u);                    // what was safe to read
    ASSERT_EQ(t.payloads.size(), 1u);
    EXPECT_EQ(t.payloads.begin()->second.bytes.size(), 400u);
}

TEST(RecorderTest, FlushMakesEverythingCapturedSoFarReadable) {
    aetrace::test::TempDir dir;
    RenderRig rig(dir / "t.aetrace");
    auto rt = rig.proxy.as<IAudioEndpointRT>();
    for (int i = 0; i < 5; ++i) rt->ProcessingComplete();
    rig.recorder.flush();
    const format::Trace t = format::read_trace(dir / "t.aetrace.tmp", false);
    EXPECT_EQ(t.calls.size(), 5u);
    EXPECT_EQ(t.status.state, format::ReadStatus::State::kNoEnd);
    EXPECT_EQ(rig.recorder.stats().written, 5u);
}

TEST(RecorderTest, DestroyedWithoutFinishLeavesTheTempFileReadable) {
    aetrace::test::TempDir dir;
    {
        RenderRig rig(dir / "t.aetrace");
        auto rt = rig.proxy.as<IAudioEndpointRT>();
        for (int i = 0; i < 3; ++i) rt->ProcessingComplete();
    }
    EXPECT_FALSE(std::filesystem::exists(dir / "t.aetrace"));
    const format::Trace t = format::read_trace(dir / "t.aetrace.tmp", false);
    EXPECT_EQ(t.calls.size(), 3u);
    EXPECT_FALSE(t.end.has_value());
    EXPECT_EQ(t.status.state, format::ReadStatus::State::kNoEnd);
}

TEST(RecorderTest, UnwritablePathThrowsInputErrorNamingIt) {
    aetrace::test::TempDir dir;
    clock::VirtualClock clock;
    const auto path = dir / "no-such-dir" / "t.aetrace";
    try {
        Recorder recorder(path, test_header(), clock, nullptr, small_options());
        FAIL() << "no exception";
    } catch (const InputError& e) {
        EXPECT_NE(std::string(e.what()).find(path.string()), std::string::npos) << e.what();
    }
}

TEST(RecorderTest, FinishTwiceIsALogicError) {
    aetrace::test::TempDir dir;
    RenderRig rig(dir / "t.aetrace");
    rig.recorder.finish();
    EXPECT_THROW(rig.recorder.finish(), std::logic_error);
    // Proxies still work after finish(): forwarded, not recorded.
    UINT32 fpp = 0;
    EXPECT_EQ(rig.proxy.as<IAudioEndpoint>()->GetFramesPerPacket(&fpp), S_OK);
    EXPECT_EQ(fpp, 480u);
}

TEST(RecorderTest, WarmWindowRingRecordsEveryCallAndPayloadWhileTheWriterKeepsUp) {
    aetrace::test::TempDir dir;
    RecorderOptions options = small_options();
    options.ring_bytes = 64u << 10;
    options.ring_warm_bytes = 8u << 10;  // entries cycle through 8 KiB, wrapping early
    RenderRig rig(dir / "t.aetrace", options);
    auto device = rig.proxy.as<IAudioDeviceEndpoint>();
    auto control = rig.proxy.as<IAudioEndpointControl>();
    auto out = rig.proxy.as<IAudioOutputEndpointRT>();
    ASSERT_EQ(device->SetBuffer(100000, 2), S_OK);
    ASSERT_EQ(control->Start(), S_OK);
    constexpr int kPasses = 600;  // 600 x (Get + 1.9 KB Release): 20 times the 64 KiB ring
    for (int i = 0; i < kPasses; ++i) {
        rig.clock.advance(100000);
        render_pass(*out.get(), 480, i & 0xFF);
        if (i % 2 == 1) rig.recorder.flush();
    }
    const RecorderStats stats = rig.recorder.finish();
    EXPECT_EQ(stats.dropped, 0u);
    const format::Trace t = format::read_trace(dir / "t.aetrace", true);
    ASSERT_EQ(t.calls.size(), 2u + 2u * kPasses);
    for (std::size_t i = 0; i < t.calls.size(); ++i) ASSERT_EQ(t.calls[i].seq, i);
    ASSERT_EQ(t.payloads.size(), static_cast<std::size_t>(kPasses));
    for (int i = 0; i < kPasses; ++i) {
        const format::CallRecord& release = t.calls[3 + 2 * static_cast<std::size_t>(i)];
        ASSERT_EQ(release.method, MethodId::IAudioOutputEndpointRT_ReleaseOutputDataPointer);
        const auto& bytes = t.payloads.at(release.seq).bytes;
        ASSERT_EQ(bytes.size(), 480u * 4);
        EXPECT_EQ(bytes.front(), static_cast<std::uint8_t>(i & 0xFF)) << "pass " << i;
        EXPECT_EQ(bytes.back(), static_cast<std::uint8_t>(i & 0xFF)) << "pass " << i;
        EXPECT_EQ(release.buffer.xxh3, format::xxh3_64(bytes.data(), bytes.size()));
    }
}
