// PacketRing (the packet-ring endpoints' audio store) and the packet-ring registry entries.
#include "aetrace/endpoints/packet_ring.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <numeric>
#include <vector>

#include "aetrace/endpoints/factory.h"

namespace aetrace::endpoints::test {
namespace {

// One-byte frames numbered from `first`, so a copy shows exactly which frames it holds.
std::vector<std::uint8_t> frames(std::uint8_t first, std::size_t n) {
    std::vector<std::uint8_t> v(n);
    std::iota(v.begin(), v.end(), first);
    return v;
}

TEST(PacketRingTest, HasEnoughSlotsForItsCapacityAtAnyPacketOffset) {
    EXPECT_EQ(PacketRing::slots_for(960, 480), 4u);
    EXPECT_EQ(PacketRing::slots_for(1000, 480), 4u);
    PacketRing ring;
    ring.allocate(4, 10, 1);
    EXPECT_EQ(ring.slots(), 4u);
    EXPECT_EQ(ring.capacity(), 10u);
    EXPECT_EQ(ring.queued(), 0u);
    EXPECT_EQ(ring.free_frames(), 10u);
}

TEST(PacketRingTest, CopiesFramesAcrossPacketsAndTheWrapInOrder) {
    PacketRing ring;
    ring.allocate(4, 10, 1);  // 4 slots of 4 frames
    std::uint8_t next = 0;
    std::vector<std::uint8_t> out(10);
    for (int round = 0; round < 5; ++round) {
        const auto in = frames(next, 7);
        ring.append(in.data(), 7, true);
        EXPECT_EQ(ring.queued(), 7u);
        ring.peek(7, out.data());
        EXPECT_EQ(std::vector<std::uint8_t>(out.begin(), out.begin() + 7), in) << round;
        ring.consume(7);
        EXPECT_EQ(ring.queued(), 0u);
        next = static_cast<std::uint8_t>(next + 7);
    }
}

TEST(PacketRingTest, FramesToWrapCountsToTheEndOfTheLastSlot) {
    PacketRing ring;
    ring.allocate(4, 8, 1);  // 4 slots
    EXPECT_EQ(ring.frames_to_wrap(), 16u);
    const auto in = frames(0, 8);
    ring.append(in.data(), 8, true);
    ring.consume(5);
    EXPECT_EQ(ring.frames_to_wrap(), 11u);
}

TEST(PacketRingTest, SilenceIsZerosAndNotSource) {
    PacketRing ring;
    ring.allocate(4, 8, 1);
    const auto in = frames(1, 3);
    ring.append(in.data(), 3, true);
    ring.append(nullptr, 3, false);
    EXPECT_TRUE(ring.head_is_source());
    EXPECT_FALSE(ring.head_packet_silent());
    std::vector<std::uint8_t> out(6);
    ring.peek(6, out.data());
    EXPECT_EQ(out, (std::vector<std::uint8_t>{1, 2, 3, 0, 0, 0}));
    ring.consume(3);
    EXPECT_FALSE(ring.head_is_source());
    ring.consume(3);
    EXPECT_FALSE(ring.head_is_source());  // nothing queued
}

TEST(PacketRingTest, SkipLosesFramesAndEmptiesTheRing) {
    PacketRing ring;
    ring.allocate(4, 8, 1);
    const auto in = frames(1, 5);
    ring.append(in.data(), 5, true);
    ring.skip(6);
    EXPECT_EQ(ring.queued(), 0u);
    ring.append(nullptr, 2, false);
    EXPECT_EQ(ring.queued(), 2u);
    EXPECT_FALSE(ring.head_is_source());
    EXPECT_TRUE(ring.head_packet_silent());
}

TEST(PacketRingTest, ConsumeAndClearNeverGoBeyondTheWriter) {
    PacketRing ring;
    ring.allocate(4, 8, 1);
    const auto in = frames(1, 6);
    ring.append(in.data(), 6, true);
    ring.consume(100);
    EXPECT_EQ(ring.queued(), 0u);
    ring.append(in.data(), 6, true);
    ring.clear();
    EXPECT_EQ(ring.queued(), 0u);
    EXPECT_EQ(ring.free_frames(), 8u);
}

TEST(PacketRingRegistryTest, ListsPacketRingAndAtLeastTwelveMutants) {
    const auto names = builtin_endpoint_names();
    ASSERT_GE(names.size(), 2u);
    EXPECT_EQ(names[0], "reference");
    EXPECT_EQ(names[1], "packet-ring");
    const auto mutants = std::count_if(names.begin(), names.end(), [](const std::string& n) {
        return n.rfind("mutant-", 0) == 0;
    });
    EXPECT_GE(mutants, 12);
    EXPECT_EQ(static_cast<std::size_t>(mutants) + 2, names.size());
}

}  // namespace
}  // namespace aetrace::endpoints::test
