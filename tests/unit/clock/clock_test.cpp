#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <thread>

#include "aetrace/clock/clock.h"
#include "aetrace/clock/frame_math.h"
#include "aetrace/clock/tick_clock.h"

using namespace aetrace::clock;

TEST(FrameMathTest, FramesAtIsExactOverAnHourAt44100) {
    constexpr HNSTIME hour = 3600LL * kHnsPerSecond;
    EXPECT_EQ(frames_at(hour, 44100), 3600ull * 44100);
    EXPECT_EQ(frames_at(hour, 22050), 3600ull * 22050);
    // 10 ms at 44.1 kHz is 441 frames; 1/3 of it floors.
    EXPECT_EQ(frames_at(100000, 44100), 441u);
    EXPECT_EQ(frames_at(33333, 44100), 146u);  // 146.99...
    EXPECT_EQ(frames_at(-5, 48000), 0u);
}

TEST(FrameMathTest, AccumulatedPassesDoNotDrift) {
    // Summing per-pass deltas of frames_at over 360000 passes of 10 ms equals the direct value.
    std::uint64_t total = 0;
    HNSTIME t = 0;
    for (int i = 0; i < 360000; ++i) {
        HNSTIME next = t + 100000;
        total += frames_at(next, 22050) - frames_at(t, 22050);
        t = next;
    }
    EXPECT_EQ(total, 3600ull * 22050);
}

TEST(FrameMathTest, TimeOfFramesIsTheEarliestTime) {
    for (std::uint32_t rate : {8000u, 16000u, 22050u, 44100u, 48000u, 96000u}) {
        for (std::uint64_t f : {0ull, 1ull, 441ull, 12345ull, 999999ull}) {
            HNSTIME t = time_of_frames(f, rate);
            EXPECT_GE(frames_at(t, rate), f) << rate << " " << f;
            if (t > 0) {
                EXPECT_LT(frames_at(t - 1, rate), f) << rate << " " << f;
            }
        }
    }
}

TEST(FrameMathTest, FramesPerPacketRoundsHalfUp) {
    EXPECT_EQ(frames_per_packet(100000, 48000), 480u);
    EXPECT_EQ(frames_per_packet(100000, 44100), 441u);
    EXPECT_EQ(frames_per_packet(100000, 22050), 221u);  // 220.5 -> 221
    EXPECT_EQ(frames_per_packet(30000, 11025), 33u);    // 33.075 -> 33
    EXPECT_EQ(frames_per_packet(0, 48000), 0u);
}

TEST(VirtualClockTest, MovesOnlyWhenTold) {
    VirtualClock c;
    EXPECT_EQ(c.now(), 0);
    c.advance(100000);
    EXPECT_EQ(c.now(), 100000);
    c.set(5);
    EXPECT_EQ(c.now(), 5);
    EXPECT_FALSE(c.qpc_error());
    c.set_qpc_error(true);
    EXPECT_TRUE(c.qpc_error());
}

TEST(SystemClockTest, IsMonotonic) {
    SystemClock c;
    HNSTIME a = c.now();
    HNSTIME b = c.now();
    EXPECT_LE(a, b);
    EXPECT_GT(a, 0);
}

TEST(TickClockTest, ReadTicksNeverGoesBackOnOneThread) {
    std::uint64_t last = read_ticks();
    for (int i = 0; i < 100000; ++i) {
        const std::uint64_t now = read_ticks();
        ASSERT_GE(now, last);
        last = now;
    }
}

TEST(TickConverterTest, HasNoRateBeforeASecondAnchor) {
    TickConverter converter;
    EXPECT_EQ(converter.hns_per_tick(), 0.0);
}

TEST(TickConverterTest, ConvertsTicksToSystemClockTime) {
    if (!ticks_are_invariant()) GTEST_SKIP() << "no invariant TSC on this machine";
    const SystemClock system;
    TickConverter converter;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    // Stamp some ticks between two clock reads, then anchor later, as the recorder's writer does.
    const HNSTIME before = system.now();
    const std::uint64_t ticks = read_ticks();
    const HNSTIME after = system.now();
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
    converter.anchor();
    EXPECT_GT(converter.hns_per_tick(), 0.0);
    const HNSTIME t = converter.to_hns(ticks);
    // The conversion is off by about an anchor's uncertainty (tens of ns) plus the rate error
    // over 5 ms; 10 us is far above both and far below any scheduling artefact worth recording.
    EXPECT_GE(t, before - 100);
    EXPECT_LE(t, after + 100);
    // Later ticks convert to later times at the measured rate.
    EXPECT_LT(converter.to_hns(ticks - 1000000), t);
    EXPECT_NEAR(static_cast<double>(converter.to_hns(ticks + 1000000) - t),
                1000000 * converter.hns_per_tick(), 1.0);
}
