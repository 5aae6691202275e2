// Overload never blocks and never lies: a stalled writer makes a full ring drop records, which are
// counted and reported as one Gap record in their place.
#include <gtest/gtest.h>

#include <sstream>
#include <thread>

#include "aetrace/format/jsonl.h"
#include "aetrace/test/temp_dir.h"
#include "recording_fixture.h"

using namespace aetrace;
using namespace aetrace::abi;
using namespace aetrace::record;
using namespace aetrace::record::test;

TEST(RecorderOverloadTest, FullRingDropsCountsAndWritesAnExactGap) {
    aetrace::test::TempDir dir;
    RecorderOptions opts;
    opts.ring_bytes = 8192;
    opts.max_threads = 2;
    RenderRig rig(dir / "t.aetrace", opts);
    auto rt = rig.proxy.as<IAudioEndpointRT>();

    pause_writer_for_test(rig.recorder, true);
    std::uint64_t calls = 0;
    while (rig.recorder.stats().dropped < 3 && calls < 10000) {
        rt->ProcessingComplete();  // returns at once even with the ring full
        ++calls;
    }
    ASSERT_EQ(rig.recorder.stats().dropped, 3u);
    const std::uint64_t first_lost = calls - 3;
    pause_writer_for_test(rig.recorder, false);
    rig.recorder.flush();      // the writer empties the ring
    rt->ProcessingComplete();  // fits again: the gap is published before it
    const RecorderStats stats = rig.recorder.finish();

    EXPECT_EQ(stats.calls, calls + 1);
    EXPECT_EQ(stats.dropped, 3u);
    EXPECT_EQ(stats.gaps, 1u);
    EXPECT_EQ(stats.written, calls + 1 - 3);
    const format::Trace t = format::read_trace(dir / "t.aetrace", true);
    ASSERT_EQ(t.gaps.size(), 1u);
    EXPECT_EQ(t.gaps[0], (format::GapRecord{0, first_lost, 3}));
    ASSERT_EQ(t.calls.size(), calls + 1 - 3);
    EXPECT_EQ(t.calls[first_lost - 1].seq, first_lost - 1);
    EXPECT_EQ(t.calls[first_lost].seq, calls);
    // The gap sits where the lost calls were: after call first_lost - 1, before call `calls`.
    std::size_t gap_at = 0, call_index = 0, last_before = 0;
    for (std::size_t i = 0; i < t.order.size(); ++i) {
        if (t.order[i].type == format::RecordType::kGap) {
            gap_at = i;
            last_before = call_index;
        }
        if (t.order[i].type == format::RecordType::kCall) ++call_index;
    }
    EXPECT_GT(gap_at, 0u);
    EXPECT_EQ(last_before, first_lost);
    std::ostringstream dump;
    format::dump_jsonl(t, dump);
    EXPECT_NE(dump.str().find("\"type\":\"gap\""), std::string::npos);
}

TEST(RecorderOverloadTest, GapStillPendingAtFinishIsWritten) {
    aetrace::test::TempDir dir;
    RecorderOptions opts;
    opts.ring_bytes = 4096;
    opts.max_threads = 1;
    RenderRig rig(dir / "t.aetrace", opts);
    auto rt = rig.proxy.as<IAudioEndpointRT>();
    pause_writer_for_test(rig.recorder, true);
    std::uint64_t calls = 0;
    while (rig.recorder.stats().dropped < 5 && calls < 10000) {
        rt->ProcessingComplete();
        ++calls;
    }
    const RecorderStats stats = rig.recorder.finish();  // unpauses
    EXPECT_EQ(stats.dropped, 5u);
    const format::Trace t = format::read_trace(dir / "t.aetrace", true);
    ASSERT_EQ(t.gaps.size(), 1u) << t.gaps[1].first_seq << " " << t.gaps[1].count;
    EXPECT_EQ(t.gaps[0], (format::GapRecord{0, calls - 5, 5}));
    EXPECT_EQ(t.calls.size(), calls - 5);
}

TEST(RecorderOverloadTest, ThreadWithoutAFreeRingIsCountedAsAGap) {
    aetrace::test::TempDir dir;
    RecorderOptions opts = small_options();
    opts.max_threads = 1;
    RenderRig rig(dir / "t.aetrace", opts);
    auto rt = rig.proxy.as<IAudioEndpointRT>();
    rt->ProcessingComplete();  // the main thread takes the only ring
    std::thread other([&] {
        rt->ProcessingComplete();
        rt->ProcessingComplete();
    });
    other.join();
    const RecorderStats stats = rig.recorder.finish();
    EXPECT_EQ(stats.calls, 3u);
    EXPECT_EQ(stats.dropped, 2u);
    const format::Trace t = format::read_trace(dir / "t.aetrace", true);
    EXPECT_EQ(t.calls.size(), 1u);
    ASSERT_EQ(t.gaps.size(), 1u);
    EXPECT_EQ(t.gaps[0], (format::GapRecord{0xFFFFFFFFu, 1, 2}));
}
