// Proves that the recording proxies' real-time methods do not allocate, in steady state and at a
// thread's first call: global operator new is the counting one of tests/support for this binary.
// The writer thread (which may allocate) is paused while allocations are counted.
#include <gtest/gtest.h>

#include <thread>

#include "aetrace/test/alloc_counter.h"
#include "aetrace/test/temp_dir.h"
#include "recording_fixture.h"

using namespace aetrace;
using namespace aetrace::abi;
using namespace aetrace::record;
using namespace aetrace::record::test;

namespace {

struct Rig {
    explicit Rig(const std::filesystem::path& path)
        : recorder(path, test_header(), clock, &system_clock, options()),
          capture(recorder.wrap(
              endpoints::make_wav_capture_endpoint(config(), clock, counting_source()), 0,
              endpoint_info(format::EndpointRole::kCapture))),
          render(recorder.wrap(endpoints::make_wav_render_endpoint(config(), clock), 1,
                               endpoint_info(format::EndpointRole::kRender))) {
        for (auto* ep : {&capture, &render}) {
            EXPECT_EQ(ep->as<IAudioDeviceEndpoint>()->SetBuffer(100000, 2), S_OK);
            EXPECT_EQ(ep->as<IAudioEndpointControl>()->Start(), S_OK);
        }
        // Interfaces are queried before the passes (QueryInterface is not an RT method).
        cap_rt = capture.as<IAudioEndpointRT>();
        in = capture.as<IAudioInputEndpointRT>();
        ren_rt = render.as<IAudioEndpointRT>();
        out = render.as<IAudioOutputEndpointRT>();
    }
    static RecorderOptions options() {
        RecorderOptions o;
        o.max_threads = 2;
        return o;
    }
    /// One capture and one render pass: 9 RT calls, 2 of them data calls.
    void pass() {
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
        recorder.note_event(format::EventKind::kEngineWoke, 1, clock.now());
    }
    clock::VirtualClock clock;
    clock::SystemClock system_clock;
    Recorder recorder;
    ComPtr<IUnknown> capture, render;
    ComPtr<IAudioEndpointRT> cap_rt, ren_rt;
    ComPtr<IAudioInputEndpointRT> in;
    ComPtr<IAudioOutputEndpointRT> out;
};

}  // namespace

TEST(RecorderRealTimeTest, RtProxyCallsDoNotAllocateInSteadyState) {
    aetrace::test::TempDir dir;
    Rig rig(dir / "t.aetrace");
    std::uint64_t rt_allocations = 0;
    pause_writer_for_test(rig.recorder, true);
    for (int pass = 1; pass <= 200; ++pass) {
        rig.clock.set(pass * 100000LL);
        const std::uint64_t before = aetrace::test::allocation_count();
        rig.pass();
        rt_allocations += aetrace::test::allocation_count() - before;
        if (pass % 50 == 0) {  // let the writer drain (it may allocate), then pause it again
            pause_writer_for_test(rig.recorder, false);
            rig.recorder.flush();
            pause_writer_for_test(rig.recorder, true);
        }
    }
    EXPECT_EQ(rt_allocations, 0u);
    const RecorderStats stats = rig.recorder.finish();
    EXPECT_EQ(stats.calls, 4u + 200u * 9);  // SetBuffer and Start on each, then the passes
    EXPECT_EQ(stats.written, stats.calls);
    EXPECT_EQ(stats.dropped, 0u);
}

TEST(RecorderRealTimeTest, FirstCallOfANewThreadDoesNotAllocate) {
    aetrace::test::TempDir dir;
    Rig rig(dir / "t.aetrace");
    pause_writer_for_test(rig.recorder, true);
    std::uint64_t first_call = 1, later = 1;
    std::thread rt_thread([&] {
        std::uint64_t before = aetrace::test::allocation_count();
        rig.ren_rt->ProcessingComplete();  // claims this thread's ring
        first_call = aetrace::test::allocation_count() - before;
        before = aetrace::test::allocation_count();
        for (int i = 0; i < 10; ++i) rig.pass();
        later = aetrace::test::allocation_count() - before;
    });
    rt_thread.join();
    EXPECT_EQ(first_call, 0u);
    EXPECT_EQ(later, 0u);
    pause_writer_for_test(rig.recorder, false);
    const RecorderStats stats = rig.recorder.finish();
    EXPECT_EQ(stats.dropped, 0u);
    const format::Trace t = format::read_trace(dir / "t.aetrace", true);
    ASSERT_EQ(t.calls.size(), 4u + 1 + 90);
    EXPECT_EQ(t.calls[4].thread, 1u);  // the main thread claimed ring 0 with SetBuffer
    EXPECT_GT(t.calls[4].real_time, 0);
}
