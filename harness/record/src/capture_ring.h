// CaptureRing: a preallocated single-producer / single-consumer byte ring of variable-size entries
// (internal to the record layer).
//
// The producer is the one thread that claimed the ring (a real-time thread); the consumer is the
// recorder's writer thread. push() never allocates, locks, makes a system call or does I/O: it
// copies into memory reserved (and touched) by the constructor and publishes the entry with one
// release store. An entry never wraps: when it does not fit before the end of the memory, a skip
// entry pads the rest and the entry starts at offset 0.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>

namespace aetrace::record::detail {

/// What an entry holds.
enum class EntryKind : std::uint16_t {
    kSkip = 0,       ///< padding up to the end of the memory (consumer skips it)
    kCall = 1,       ///< format::CallRecord, then the buffer bytes (if any)
    kViolation = 2,  ///< format::ViolationRecord
    kEvent = 3,      ///< format::EventRecord
    kGap = 4,        ///< format::GapRecord (records this ring's thread lost before this entry)
    kRtCall = 5,     ///< RtCall (a real-time method's call), then the buffer bytes (if any)
};

/// EntryHeader::flags bits for kCall and kRtCall entries.
enum EntryFlags : std::uint16_t {
    kEntryBytes = 1u << 0,   ///< the call's buffer bytes follow the record
    kEntrySilent = 1u << 1,  ///< BUFFER_SILENT capture buffer: no bytes, hash as zeros
};

/// Precedes every entry. 16 bytes; entries are multiples of 16 bytes.
struct EntryHeader {
    std::uint32_t size;   ///< whole entry in bytes, header included, multiple of kEntryAlign
    EntryKind kind;       ///< what follows
    std::uint16_t flags;  ///< EntryFlags
    /// Merge key across rings: 2 x seq + 1 for a call (or the gap's first lost call); for a
    /// note (violation, event), 2 x the next sequence number at the time it was noted, so it sorts
    /// after the call before it and before the call after it.
    std::uint64_t position;
};
inline constexpr std::size_t kEntryAlign = 16;
static_assert(sizeof(EntryHeader) == kEntryAlign);

class CaptureRing {
  public:
    CaptureRing() = default;
    CaptureRing(const CaptureRing&) = delete;
    CaptureRing& operator=(const CaptureRing&) = delete;

    /// Reserves `bytes` bytes (rounded down to a multiple of kEntryAlign, at least 64) and touches
    /// every page so the real-time thread never faults on first use. `warm_bytes`: the warm
    /// window (see reserve(); 0 or >= bytes: none). Not RT; call once.
    void allocate(std::size_t bytes, std::size_t warm_bytes = 0);

    /// Producer: appends header + `a` (`na` bytes) + `b` (`nb` bytes) as one entry. Returns false
    /// (nothing written) when the ring has no room. RT-safe.
    bool push(EntryKind kind, std::uint16_t flags, std::uint64_t position, const void* a,
              std::size_t na, const void* b, std::size_t nb) noexcept;
    /// Producer: reserves an entry with `payload` bytes after its header and writes the header.
    /// Warm window: when the entry would start past the first warm_bytes, the consumer has said it
    /// keeps up (set_keeping_up(true)) and it has released the start of the memory, the entry
    /// starts at offset 0 instead (a skip entry pads the rest). A producer the consumer keeps up
    /// with then cycles through the first warm_bytes, which stay in the CPU caches, rather than
    /// through the whole (cold) memory. The price: until the consumer passes the skip entry, the
    /// producer has only the memory before the consumer's position (at least warm_bytes minus
    /// what the consumer had not yet released). A consumer that does not keep up gets the whole
    /// capacity. Returns the first payload byte (16-byte aligned) for the caller to fill in
    /// place, or null (nothing written) when the ring has no room. The entry stays invisible to
    /// the consumer until commit(); at most one reservation is open at a time. RT-safe.
    /// The common case (the entry fits before the end of the memory, outside the warm window, in
    /// the room last seen) is inline: no call, no division.
    unsigned char* reserve(EntryKind kind, std::uint16_t flags, std::uint64_t position,
                           std::size_t payload) noexcept {
        const std::size_t size = entry_size(payload, 0);
        const std::uint64_t head = head_.load(std::memory_order_relaxed);
        const std::size_t offset = head_offset_;
        if (size <= capacity_ - offset && (warm_ == 0 || offset < warm_) &&
            fits_as_seen(head, size))
            return place(kind, flags, position, head, offset, 0, size);
        return reserve_slow(kind, flags, position, head, size);
    }
    /// Producer: publishes the entry reserve() returned (one release store). RT-safe.
    void commit() noexcept {
        head_offset_ = reserved_offset_;
        head_.store(reserved_head_, std::memory_order_release);
    }

    /// Producer: prefetches the cache lines the next entry, with `payload` bytes after its header,
    /// will take (where reserve() would place it now), so that the copy into them does not wait
    /// for memory. For a caller that knows a large entry is coming (the payload of a data call
    /// announced by the call before it). Lines still owned by the consumer (no room, as last
    /// seen) are left alone. A hint: nothing changes in the ring. RT-safe (no system call).
    void prefetch_next(std::size_t payload) noexcept;

    /// Producer: true when at least `bytes` bytes are free (refreshes its view of the consumer
    /// when needed). RT-safe.
    bool has_room(std::size_t bytes) noexcept {
        const std::uint64_t head = head_.load(std::memory_order_relaxed);
        if (fits_as_seen(head, bytes)) return true;
        cached_tail_ = tail_.load(std::memory_order_acquire);
        return fits_as_seen(head, bytes);
    }

    /// Producer: the bytes an entry of `na` + `nb` payload bytes takes.
    static std::size_t entry_size(std::size_t na, std::size_t nb) noexcept {
        return (sizeof(EntryHeader) + na + nb + kEntryAlign - 1) / kEntryAlign * kEntryAlign;
    }

    /// Consumer: the published end of the ring (acquire), a byte counter.
    std::uint64_t published() const noexcept { return head_.load(std::memory_order_acquire); }
    /// Consumer: the entry at byte counter `at` (< published()), skip entries passed over. Copies
    /// its header to `*header` and returns the entry's first byte (the header; the payload starts
    /// sizeof(EntryHeader) after it); `*next` receives the counter after the entry. The bytes stay
    /// valid until release() passes them.
    const unsigned char* entry_at(std::uint64_t at, EntryHeader* header,
                                  std::uint64_t* next) const noexcept;
    /// Consumer: frees everything before byte counter `upto` (release store).
    void release(std::uint64_t upto) noexcept { tail_.store(upto, std::memory_order_release); }
    /// Consumer: whether it keeps up with the producer closely enough for the warm window (see
    /// reserve()); false until set. The producer reads it at most every quarter window.
    void set_keeping_up(bool keeping_up) noexcept {
        if (keeping_up_.load(std::memory_order_relaxed) != keeping_up)
            keeping_up_.store(keeping_up, std::memory_order_relaxed);
    }
    /// Consumer: the first byte counter not yet released.
    std::uint64_t consumed() const noexcept { return tail_.load(std::memory_order_relaxed); }

    std::size_t capacity() const noexcept { return capacity_; }

  private:
    static constexpr std::size_t kLine = 64;
    /// Producer: whether `bytes` more bytes after byte counter `head` fit in the room last seen
    /// (cached_tail_; no refresh).
    bool fits_as_seen(std::uint64_t head, std::size_t bytes) const noexcept {
        return head + bytes - cached_tail_ <= capacity_;
    }
    /// Producer: the skip-entry bytes a `size`-byte entry needs before it at the current offset:
    /// the rest of the memory when it does not fit before the end (it then starts at 0), else 0.
    std::size_t wrap_pad(std::size_t size) const noexcept {
        const std::size_t contiguous = capacity_ - head_offset_;
        return size > contiguous ? contiguous : 0;
    }
    /// reserve() past the fast path: wraps (skip entry), applies the warm window, refreshes the
    /// consumer's position; null when there is no room.
    unsigned char* reserve_slow(EntryKind kind, std::uint16_t flags, std::uint64_t position,
                                std::uint64_t head, std::size_t size) noexcept;
    /// Writes the header of a `size`-byte entry at `offset` (after a `pad`-byte skip entry at the
    /// old offset when `pad` is not 0, in which case `offset` is 0) and opens the reservation.
    unsigned char* place(EntryKind kind, std::uint16_t flags, std::uint64_t position,
                         std::uint64_t head, std::size_t offset, std::size_t pad,
                         std::size_t size) noexcept {
        const EntryHeader header{static_cast<std::uint32_t>(size), kind, flags, position};
        std::memcpy(base_ + offset, &header, sizeof header);
        reserved_head_ = head + pad + size;
        reserved_offset_ = offset + size == capacity_ ? 0 : offset + size;
        return base_ + offset + sizeof header;
    }

    std::unique_ptr<unsigned char[]> storage_;
    unsigned char* base_ = nullptr;  ///< storage_ rounded up to a cache line
    std::size_t capacity_ = 0;
    alignas(64) std::atomic<std::uint64_t> head_{0};  ///< written by the producer
    std::uint64_t cached_tail_ = 0;                   ///< producer's copy of tail_
    std::size_t head_offset_ = 0;                     ///< head_ % capacity_ (kept, not divided for)
    std::uint64_t reserved_head_ = 0;    ///< head_ once the open reservation is committed
    std::size_t reserved_offset_ = 0;    ///< head_offset_ once it is committed
    std::size_t warm_ = 0;               ///< warm window, bytes (0: none)
    std::uint64_t next_warm_check_ = 0;  ///< head at which the producer next re-reads tail_
    bool cached_keeping_up_ = false;     ///< producer's copy of keeping_up_
    alignas(64) std::atomic<std::uint64_t> tail_{0};  ///< written by the consumer
    std::atomic<bool> keeping_up_{false};             ///< written by the consumer
};

}  // namespace aetrace::record::detail
