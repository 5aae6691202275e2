// Several threads, several recorders, and a recorder destroyed while calls are in flight.
#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "aetrace/test/temp_dir.h"
#include "recording_fixture.h"

using namespace aetrace;
using namespace aetrace::abi;
using namespace aetrace::record;
using namespace aetrace::record::test;

TEST(RecorderLifetimeTest, RecorderDestroyedWhileCallsAreInFlightDoesNotCrash) {
    aetrace::test::TempDir dir;
    clock::VirtualClock clock;  // outlives the recorder and the hammering thread
    auto inner = endpoints::make_wav_render_endpoint(config(), clock);
    ComPtr<IAudioEndpointRT> rt;
    std::atomic<bool> stop{false};
    std::atomic<std::uint64_t> calls_made{0};
    std::thread hammer;
    {
        Recorder recorder(dir / "t.aetrace", test_header(), clock, nullptr, small_options());
        rt = recorder.wrap(inner, 0, endpoint_info(format::EndpointRole::kRender))
                 .as<IAudioEndpointRT>();
        hammer = std::thread([&] {
            while (!stop.load()) {
                rt->ProcessingComplete();
                calls_made.fetch_add(1);
            }
        });
        while (calls_made.load() < 100) std::this_thread::yield();
    }  // destroyed without finish() while `hammer` keeps calling
    const std::uint64_t after = calls_made.load();
    while (calls_made.load() < after + 100) std::this_thread::yield();  // forwarded, not recorded
    stop = true;
    hammer.join();
    const format::Trace t = format::read_trace(dir / "t.aetrace.tmp", false);
    EXPECT_GE(t.calls.size(), 100u);
    EXPECT_LE(t.calls.size(), after);
    EXPECT_FALSE(t.status.damaged());
    // In sequence order; the hammering thread may outrun the writer (a full ring), and then each
    // lost sequence number is in a gap record written before the next call that was kept.
    std::uint64_t expected = 0;
    std::size_t gap = 0;
    for (const format::CallRecord& call : t.calls) {
        while (call.seq != expected && gap < t.gaps.size() && t.gaps[gap].first_seq == expected)
            expected += t.gaps[gap++].count;
        ASSERT_EQ(call.seq, expected) << "no gap record covers the calls before this one";
        ++expected;
    }
}

TEST(RecorderLifetimeTest, CallsOfSeveralThreadsAreWrittenInSequenceOrder) {
    aetrace::test::TempDir dir;
    RecorderOptions opts;
    opts.max_threads = 4;  // 4 MiB rings: no drop even if the writer is slow to drain
    RenderRig rig(dir / "t.aetrace", opts);
    constexpr int kThreads = 3, kCalls = 2000;
    // One endpoint per thread: the reference endpoint serves one RT thread (POLICY #13).
    std::vector<ComPtr<IAudioEndpointRT>> rts;
    for (int i = 0; i < kThreads; ++i)
        rts.push_back(rig.recorder
                          .wrap(endpoints::make_wav_render_endpoint(config(), rig.clock),
                                static_cast<std::uint32_t>(i + 2),
                                endpoint_info(format::EndpointRole::kRender))
                          .as<IAudioEndpointRT>());
    std::vector<std::thread> threads;
    for (int i = 0; i < kThreads; ++i)
        threads.emplace_back([&, i] {
            for (int c = 0; c < kCalls; ++c) rts[static_cast<std::size_t>(i)]->ProcessingComplete();
        });
    for (auto& th : threads) th.join();
    const RecorderStats stats = rig.recorder.finish();
    EXPECT_EQ(stats.calls, std::uint64_t{kThreads} * kCalls);
    EXPECT_EQ(stats.dropped, 0u);
    const format::Trace t = format::read_trace(dir / "t.aetrace", true);
    ASSERT_EQ(t.calls.size(), std::uint64_t{kThreads} * kCalls);
    std::vector<int> per_thread(kThreads, 0);
    std::uint64_t out_of_order = 0;
    for (std::size_t i = 0; i < t.calls.size(); ++i) {
        if (i && t.calls[i].seq < t.calls[i - 1].seq) ++out_of_order;
        ASSERT_LT(t.calls[i].thread, static_cast<std::uint32_t>(kThreads));
        ++per_thread[t.calls[i].thread];
    }
    // Merged by seq within each batch; a record published late may follow a later one, rarely.
    EXPECT_LT(out_of_order, t.calls.size() / 10);
    for (int n : per_thread) EXPECT_EQ(n, kCalls);
}

TEST(RecorderLifetimeTest, OneThreadCanRecordThroughTwoRecorders) {
    aetrace::test::TempDir dir;
    RenderRig a(dir / "a.aetrace");
    RenderRig b(dir / "b.aetrace");
    auto ra = a.proxy.as<IAudioEndpointRT>();
    auto rb = b.proxy.as<IAudioEndpointRT>();
    for (int i = 0; i < 10; ++i) {
        ra->ProcessingComplete();
        rb->ProcessingComplete();
    }
    EXPECT_EQ(a.recorder.finish().written, 10u);
    EXPECT_EQ(b.recorder.finish().written, 10u);
    const format::Trace ta = format::read_trace(dir / "a.aetrace", true);
    const format::Trace tb = format::read_trace(dir / "b.aetrace", true);
    ASSERT_EQ(ta.calls.size(), 10u);
    ASSERT_EQ(tb.calls.size(), 10u);
    EXPECT_EQ(ta.calls[9].thread, 0u);  // the same ring both times, not one per switch
    EXPECT_EQ(tb.calls[9].thread, 0u);
}
