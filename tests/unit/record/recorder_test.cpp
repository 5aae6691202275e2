#include <gtest/gtest.h>

#include "aetrace/format/hash.h"
#include "recording_fixture.h"

using namespace aetrace;
using namespace aetrace::abi;
using namespace aetrace::record;
using namespace aetrace::record::test;

namespace {

struct RenderRig {
    clock::VirtualClock clock;
    Recorder recorder{clock, nullptr};
    ComPtr<IUnknown> inner = endpoints::make_wav_render_endpoint(config(), clock);
    ComPtr<IUnknown> proxy = recorder.wrap(inner, 1, stereo16());
};

std::vector<MethodId> methods_of(const std::vector<format::CallRecord>& calls) {
    std::vector<MethodId> out;
    for (const auto& c : calls) out.push_back(c.method);
    return out;
}

}  // namespace

TEST(RecorderTest, ProxyExposesOnlyTheInterfacesOfTheWrappedObject) {
    RenderRig rig;
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
    RenderRig rig;
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

    CollectingSink sink;
    rig.recorder.drain(sink);
    ASSERT_EQ(
        methods_of(sink.calls),
        (std::vector<MethodId>{
            MethodId::IAudioEndpoint_GetFramesPerPacket, MethodId::IAudioDeviceEndpoint_SetBuffer,
            MethodId::IAudioEndpointControl_Start, MethodId::IAudioEndpointRT_GetCurrentPadding,
            MethodId::IAudioOutputEndpointRT_GetOutputDataPointer,
            MethodId::IAudioOutputEndpointRT_ReleaseOutputDataPointer,
            MethodId::IAudioEndpointRT_ProcessingComplete}));
    for (std::size_t i = 0; i < sink.calls.size(); ++i) {
        EXPECT_EQ(sink.calls[i].seq, i);
        EXPECT_EQ(sink.calls[i].endpoint, 1u);
    }
    EXPECT_EQ(sink.calls[0].out[0], 480u);
    EXPECT_EQ(sink.calls[1].arg[0], 100000u);
    EXPECT_EQ(sink.calls[1].arg[1], 2u);
    EXPECT_EQ(sink.calls[3].virtual_time, 100000);
    EXPECT_EQ(sink.calls[3].out[0], static_cast<std::uint64_t>(padding));
    EXPECT_TRUE(sink.calls[3].flags & format::kHasPosition);
    EXPECT_EQ(sink.calls[3].position.u64DevicePosition, pos.u64DevicePosition);
    EXPECT_EQ(sink.calls[4].arg[0], fpp);
    EXPECT_EQ(sink.calls[4].out[0], 1u);
    const auto& release = sink.calls[5];
    EXPECT_EQ(release.connection_in.valid_frame_count, 100u);
    EXPECT_EQ(release.connection_in.signature, APO_CONNECTION_PROPERTY_SIGNATURE);
    EXPECT_EQ(release.arg[1], 1u);  // the pointer Get returned
    EXPECT_EQ(release.buffer.frames, 100u);
    EXPECT_EQ(release.buffer.bytes, 400u);
    std::vector<std::uint8_t> expected(400, 0x11);
    EXPECT_EQ(release.buffer.xxh3, format::xxh3_64(expected.data(), expected.size()));
    ASSERT_EQ(sink.payloads.size(), 1u);
    EXPECT_EQ(sink.payloads[0].seq, release.seq);
    EXPECT_EQ(sink.payloads[0].bytes, expected);
    EXPECT_EQ(rig.recorder.calls(), 7u);
}

TEST(RecorderTest, HashOnlyStoresHashesButNoAudio) {
    clock::VirtualClock clock;
    RecorderOptions opts;
    opts.hash_only = true;
    Recorder recorder(clock, nullptr, opts);
    auto proxy = recorder.wrap(endpoints::make_wav_render_endpoint(config(), clock), 0, stereo16());
    ASSERT_EQ(proxy.as<IAudioDeviceEndpoint>()->SetBuffer(100000, 2), S_OK);
    auto out = proxy.as<IAudioOutputEndpointRT>();
    const UINT_PTR p = out->GetOutputDataPointer(480, nullptr);
    std::memset(reinterpret_cast<void*>(p), 0x22, 480 * 4);
    APO_CONNECTION_PROPERTY conn{p, 480, BUFFER_VALID, APO_CONNECTION_PROPERTY_SIGNATURE};
    out->ReleaseOutputDataPointer(&conn);
    CollectingSink sink;
    recorder.drain(sink);
    ASSERT_EQ(sink.calls.size(), 3u);
    EXPECT_TRUE(sink.calls[2].flags & format::kHasBuffer);
    EXPECT_FALSE(sink.calls[2].flags & format::kPayloadStored);
    EXPECT_NE(sink.calls[2].buffer.xxh3, 0u);
    EXPECT_TRUE(sink.payloads.empty());
}

TEST(RecorderTest, SilentCaptureBufferIsHashedAsSilence) {
    clock::VirtualClock clock;
    Recorder recorder(clock, nullptr);
    auto proxy = recorder.wrap(
        endpoints::make_wav_capture_endpoint(config(), clock, counting_source()), 0, stereo16());
    ASSERT_EQ(proxy.as<IAudioDeviceEndpoint>()->SetBuffer(100000, 2), S_OK);
    // Not started: nothing captured, so the endpoint hands out silence flagged BUFFER_SILENT.
    auto in = proxy.as<IAudioInputEndpointRT>();
    APO_CONNECTION_PROPERTY conn{0, 480, BUFFER_INVALID, APO_CONNECTION_PROPERTY_SIGNATURE};
    in->GetInputDataPointer(&conn, nullptr);
    ASSERT_EQ(conn.u32BufferFlags, BUFFER_SILENT);
    in->ReleaseInputDataPointer(480, conn.pBuffer);
    CollectingSink sink;
    recorder.drain(sink);
    ASSERT_EQ(sink.calls.size(), 3u);
    const auto& get = sink.calls[1];
    EXPECT_EQ(get.connection_in.buffer_flags, static_cast<std::uint32_t>(BUFFER_INVALID));
    EXPECT_EQ(get.connection_in.buffer_present, 0u);
    EXPECT_EQ(get.connection_out.buffer_flags, static_cast<std::uint32_t>(BUFFER_SILENT));
    EXPECT_EQ(get.connection_out.buffer_present, 1u);
    EXPECT_EQ(get.buffer.xxh3, format::xxh3_64_zeros(480 * 4));
    EXPECT_EQ(sink.calls[2].arg[0], 480u);
    EXPECT_EQ(sink.calls[2].arg[1], 1u);
}

TEST(RecorderTest, EndpointViolationsAreRecordedAgainstTheCallThatBrokeTheRule) {
    RenderRig rig;
    auto out = rig.proxy.as<IAudioOutputEndpointRT>();
    ASSERT_EQ(rig.proxy.as<IAudioDeviceEndpoint>()->SetBuffer(100000, 2), S_OK);
    const UINT_PTR p = out->GetOutputDataPointer(480, nullptr);
    // Release more frames than were asked for: the endpoint clamps and reports it.
    APO_CONNECTION_PROPERTY conn{p, 481, BUFFER_VALID, APO_CONNECTION_PROPERTY_SIGNATURE};
    out->ReleaseOutputDataPointer(&conn);
    rig.recorder.note_engine_violation(ContractRule::kBadSignature,
                                       MethodId::IAudioOutputEndpointRT_ReleaseOutputDataPointer, 1,
                                       APO_CONNECTION_PROPERTY_SIGNATURE);
    CollectingSink sink;
    rig.recorder.drain(sink);
    ASSERT_EQ(sink.violations.size(), 2u);
    EXPECT_EQ(sink.violations[0].call_seq, 2u);
    EXPECT_EQ(sink.violations[0].rule, ContractRule::kReleaseAboveGet);
    EXPECT_EQ(sink.violations[0].method, MethodId::IAudioOutputEndpointRT_ReleaseOutputDataPointer);
    EXPECT_EQ(sink.violations[0].source, 0u);
    EXPECT_EQ(sink.violations[1].call_seq, 2u);
    EXPECT_EQ(sink.violations[1].source, 1u);
}

TEST(RecorderTest, WrapRejectsANullObject) {
    clock::VirtualClock clock;
    Recorder recorder(clock, nullptr);
    EXPECT_THROW(recorder.wrap(nullptr, 0, stereo16()), std::invalid_argument);
}

TEST(RecorderTest, ReleaseAboveTheGetCountRecordsOnlyTheFramesAskedFor) {
    RenderRig rig;
    auto out = rig.proxy.as<IAudioOutputEndpointRT>();
    ASSERT_EQ(rig.proxy.as<IAudioDeviceEndpoint>()->SetBuffer(100000, 2), S_OK);
    const UINT_PTR p = out->GetOutputDataPointer(100, nullptr);
    APO_CONNECTION_PROPERTY conn{p, 480, BUFFER_VALID, APO_CONNECTION_PROPERTY_SIGNATURE};
    out->ReleaseOutputDataPointer(&conn);
    CollectingSink sink;
    rig.recorder.drain(sink);
    ASSERT_EQ(sink.calls.size(), 3u);
    EXPECT_EQ(sink.calls[2].connection_in.valid_frame_count, 480u);  // what the engine said
    EXPECT_EQ(sink.calls[2].buffer.frames, 100u);                    // what was safe to read
    ASSERT_EQ(sink.payloads.size(), 1u);
    EXPECT_EQ(sink.payloads[0].bytes.size(), 400u);
}
