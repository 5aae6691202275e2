// Proves that the recording proxies' real-time methods do not allocate: global operator new is
// the counting one of tests/support for this test binary.
#include <gtest/gtest.h>

#include "aetrace/test/alloc_counter.h"
#include "recording_fixture.h"

using namespace aetrace;
using namespace aetrace::abi;
using namespace aetrace::record;
using namespace aetrace::record::test;

TEST(RecorderRealTimeTest, RtProxyCallsDoNotAllocate) {
    clock::VirtualClock clock;
    Recorder recorder(clock, nullptr);
    auto capture = recorder.wrap(
        endpoints::make_wav_capture_endpoint(config(), clock, counting_source()), 0, stereo16());
    auto render =
        recorder.wrap(endpoints::make_wav_render_endpoint(config(), clock), 1, stereo16());
    for (auto* ep : {&capture, &render}) {
        ASSERT_EQ(ep->as<IAudioDeviceEndpoint>()->SetBuffer(100000, 2), S_OK);
        ASSERT_EQ(ep->as<IAudioEndpointControl>()->Start(), S_OK);
    }
    // Interfaces are queried before the passes (QueryInterface is not an RT method).
    auto cap_rt = capture.as<IAudioEndpointRT>();
    auto in = capture.as<IAudioInputEndpointRT>();
    auto ren_rt = render.as<IAudioEndpointRT>();
    auto out = render.as<IAudioOutputEndpointRT>();
    CollectingSink sink;
    sink.calls.reserve(100000);
    sink.payloads.reserve(100000);

    std::uint64_t rt_allocations = 0;
    for (int pass = 1; pass <= 200; ++pass) {
        clock.set(pass * 100000LL);
        const std::uint64_t before = aetrace::test::allocation_count();
        HNSTIME padding = 0;
        AE_CURRENT_POSITION pos{};
        cap_rt->GetCurrentPadding(&padding, &pos);
        APO_CONNECTION_PROPERTY conn{0, 480, BUFFER_INVALID, APO_CONNECTION_PROPERTY_SIGNATURE};
        in->GetInputDataPointer(&conn, &pos);
        in->ReleaseInputDataPointer(480, conn.pBuffer);
        cap_rt->ProcessingComplete();
        ren_rt->GetCurrentPadding(&padding, nullptr);
        const UINT_PTR p = out->GetOutputDataPointer(480, nullptr);
        APO_CONNECTION_PROPERTY rconn{p, 480, BUFFER_VALID, APO_CONNECTION_PROPERTY_SIGNATURE};
        out->ReleaseOutputDataPointer(&rconn);
        ren_rt->ProcessingComplete();
        out->PulseEndpoint();
        rt_allocations += aetrace::test::allocation_count() - before;
        if (pass % 50 == 0) recorder.drain(sink);  // the non-RT point; may allocate
    }
    EXPECT_EQ(rt_allocations, 0u);
    recorder.drain(sink);
    EXPECT_EQ(sink.calls.size(), 4u + 200u * 9);  // SetBuffer and Start on each, then the passes
    EXPECT_EQ(recorder.dropped(), 0u);
}
