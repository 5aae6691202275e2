// CaptureRing (record layer internal): entries in order, wrap padding, the warm window.
#include "capture_ring.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <vector>

using namespace aetrace::record::detail;

namespace {

/// Pushes one kCall entry whose payload is `bytes` copies of `fill` (*where: its payload); false
/// when the ring refused it.
bool push_filled(CaptureRing& ring, std::uint64_t position, std::size_t bytes, unsigned char fill,
                 unsigned char** where = nullptr) {
    unsigned char* p = ring.reserve(EntryKind::kCall, 0, position, bytes);
    if (!p) return false;
    std::memset(p, fill, bytes);
    if (where) *where = p;
    ring.commit();
    return true;
}

/// Consumes every published entry; returns their positions and checks each payload.
std::vector<std::uint64_t> drain(CaptureRing& ring, std::uint64_t& tail) {
    std::vector<std::uint64_t> positions;
    const std::uint64_t head = ring.published();
    while (tail < head) {
        EntryHeader h{};
        std::uint64_t next = 0;
        const unsigned char* e = ring.entry_at(tail, &h, &next);
        EXPECT_EQ(h.kind, EntryKind::kCall);
        const unsigned char fill = static_cast<unsigned char>(h.position);
        // The last up to 15 bytes are rounding (older bytes): check the rest.
        for (std::size_t i = sizeof(EntryHeader); i + kEntryAlign - 1 < h.size; ++i)
            if (e[i] != fill) {
                ADD_FAILURE() << "entry " << h.position << " byte " << i;
                break;
            }
        positions.push_back(h.position);
        tail = next;
    }
    ring.release(tail);
    return positions;
}

/// Pushes `count` entries of `bytes` payload bytes, the consumer draining after each; returns the
/// highest payload offset used from the first entry's (0 when an entry was refused or lost).
std::size_t highest_offset(CaptureRing& ring, std::uint64_t count, std::size_t bytes) {
    std::uint64_t tail = ring.consumed();
    unsigned char* first = nullptr;
    std::size_t highest = 0;
    for (std::uint64_t n = 0; n < count; ++n) {
        unsigned char* p = nullptr;
        if (!push_filled(ring, n, bytes, static_cast<unsigned char>(n), &p)) return 0;
        if (n == 0) first = p;
        highest = std::max(highest, static_cast<std::size_t>(p - first));
        if (drain(ring, tail).size() != 1) return 0;
    }
    return highest;
}

}  // namespace

TEST(CaptureRingTest, DeliversEntriesInOrderAcrossManyWraps) {
    CaptureRing ring;
    ring.allocate(4096);
    std::uint64_t tail = 0;
    std::uint64_t next = 0;
    std::vector<std::uint64_t> seen;
    for (int round = 0; round < 200; ++round) {
        for (int k = 0; k < 3; ++k) {
            const std::size_t bytes = 100 + static_cast<std::size_t>((round * 7 + k * 13) % 300);
            ASSERT_TRUE(push_filled(ring, next, bytes, static_cast<unsigned char>(next)));
            ++next;
        }
        for (std::uint64_t p : drain(ring, tail)) seen.push_back(p);
    }
    ASSERT_EQ(seen.size(), next);
    for (std::uint64_t i = 0; i < next; ++i) EXPECT_EQ(seen[i], i);
}

TEST(CaptureRingTest, RefusesWithoutWritingWhenFull) {
    CaptureRing ring;
    ring.allocate(1024);
    std::uint64_t n = 0;
    while (push_filled(ring, n, 200, static_cast<unsigned char>(n))) ++n;
    EXPECT_EQ(n, 1024u / CaptureRing::entry_size(200, 0));
    const std::uint64_t head = ring.published();
    EXPECT_FALSE(push_filled(ring, n, 200, 0));
    EXPECT_EQ(ring.published(), head);
    std::uint64_t tail = 0;
    EXPECT_EQ(drain(ring, tail).size(), n);
}

TEST(CaptureRingTest, KeepsCyclingThroughTheWarmWindowWhileTheConsumerKeepsUp) {
    constexpr std::size_t kCapacity = 64 * 1024;
    constexpr std::size_t kWarm = 8 * 1024;
    CaptureRing ring;
    ring.allocate(kCapacity, kWarm);
    ring.set_keeping_up(true);
    const std::size_t highest = highest_offset(ring, 2000, 500);
    ASSERT_NE(highest, 0u);
    // Entries start at most one entry (plus the quarter-window between looks at the consumer)
    // past the window: 2000 entries of 528 bytes never reach the rest of the 64 KiB.
    EXPECT_LT(highest, kWarm + kWarm / 4 + 2 * CaptureRing::entry_size(500, 0));
    EXPECT_GT(highest, kWarm / 2);
}

TEST(CaptureRingTest, UsesTheWholeCapacityWhenTheConsumerLags) {
    constexpr std::size_t kCapacity = 64 * 1024;
    CaptureRing ring;
    ring.allocate(kCapacity, 8 * 1024);
    ring.set_keeping_up(true);
    std::uint64_t n = 0;
    while (push_filled(ring, n, 500, static_cast<unsigned char>(n))) ++n;
    // Nothing was consumed: the warm window gives way to the whole ring.
    EXPECT_EQ(n, kCapacity / CaptureRing::entry_size(500, 0));
    std::uint64_t tail = 0;
    const std::vector<std::uint64_t> seen = drain(ring, tail);
    ASSERT_EQ(seen.size(), n);
    for (std::uint64_t i = 0; i < n; ++i) EXPECT_EQ(seen[i], i);
}

TEST(CaptureRingTest, ReturnsToTheStartSoonAfterALaggingConsumerCatchesUp) {
    CaptureRing ring;
    ring.allocate(64 * 1024, 8 * 1024);
    ring.set_keeping_up(true);
    unsigned char* first = nullptr;
    ASSERT_TRUE(push_filled(ring, 0, 500, 0, &first));
    std::uint64_t n = 1;
    for (; n < 50; ++n) ASSERT_TRUE(push_filled(ring, n, 500, static_cast<unsigned char>(n)));
    std::uint64_t tail = 0;
    ASSERT_EQ(drain(ring, tail).size(), 50u);  // the producer is now 26 KB in, past the window
    // It looks at the consumer again within a quarter window (2 KB, 4 entries), then wraps early.
    bool back_at_start = false;
    for (int k = 0; k < 5 && !back_at_start; ++k, ++n) {
        unsigned char* p = nullptr;
        ASSERT_TRUE(push_filled(ring, n, 500, static_cast<unsigned char>(n), &p));
        back_at_start = p == first;
        ASSERT_EQ(drain(ring, tail), std::vector<std::uint64_t>{n});
    }
    EXPECT_TRUE(back_at_start);
}

TEST(CaptureRingTest, WarmWindowAtLeastTheCapacityMeansNone) {
    CaptureRing ring;
    ring.allocate(4096, 8192);
    ring.set_keeping_up(true);
    const std::size_t highest = highest_offset(ring, 40, 200);
    ASSERT_NE(highest, 0u);
    EXPECT_GT(highest, 4096u - 2 * CaptureRing::entry_size(200, 0));
}

TEST(CaptureRingTest, SweepsTheWholeMemoryUnlessTheConsumerSaysItKeepsUp) {
    constexpr std::size_t kCapacity = 64 * 1024;
    CaptureRing ring;
    ring.allocate(kCapacity, 8 * 1024);  // keeping_up not set
    const std::size_t highest = highest_offset(ring, 200, 500);
    ASSERT_NE(highest, 0u);
    EXPECT_GT(highest, kCapacity - 2 * CaptureRing::entry_size(500, 0));
}

TEST(CaptureRingTest, PrefetchHintChangesNothingWhenFullWrappingOrTooLarge) {
    CaptureRing ring;
    ring.allocate(4096);
    std::uint64_t tail = 0;
    std::uint64_t next = 0;
    std::vector<std::uint64_t> seen;
    for (int round = 0; round < 100; ++round) {
        // Fill until refused, hinting before every push (sizes that fit, wrap or exceed the ring).
        for (;;) {
            const std::size_t bytes = 200 + static_cast<std::size_t>((round * 11) % 500);
            const std::uint64_t head = ring.published();
            ring.prefetch_next(bytes);
            ring.prefetch_next(5000);  // larger than the ring: ignored
            ASSERT_EQ(ring.published(), head);
            if (!push_filled(ring, next, bytes, static_cast<unsigned char>(next))) break;
            ++next;
        }
        // Full: the hint must not make room or publish anything.
        const std::uint64_t head = ring.published();
        ring.prefetch_next(64);
        EXPECT_EQ(ring.published(), head);
        for (std::uint64_t p : drain(ring, tail)) seen.push_back(p);
    }
    ASSERT_EQ(seen.size(), next);
    for (std::uint64_t i = 0; i < next; ++i) ASSERT_EQ(seen[i], i);
}
