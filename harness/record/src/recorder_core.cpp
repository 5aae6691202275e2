#include "recorder_core.h"

#include <cstring>
#include <new>
#include <thread>

#include "asymmetric_fence.h"

namespace aetrace::record::detail {
namespace {

std::atomic<std::uint64_t> g_next_core_id{1};

std::uintptr_t this_thread_token() noexcept {
    return reinterpret_cast<std::uintptr_t>(&t_slot);  // unique among live threads
}

}  // namespace

RecorderCore::RecorderCore(const clock::Clock& vclock, const clock::Clock* rclock,
                           const RecorderOptions& opts)
    : id(g_next_core_id.fetch_add(1)),
      options(opts),
      virtual_clock(vclock),
      real_clock(opts.real_timestamps ? rclock : nullptr),
      stamp(!real_clock ? Stamp::kNone
            : opts.tsc_timestamps && dynamic_cast<const clock::SystemClock*>(real_clock) &&
                    clock::ticks_are_invariant()
                ? Stamp::kTicks
                : Stamp::kClock),
      ring_count_(opts.max_threads),
      rings_(new ThreadRing[opts.max_threads]) {
    AsymmetricFence::init();
    for (std::uint32_t i = 0; i < ring_count_; ++i)
        rings_[i].ring.allocate(opts.ring_bytes, opts.ring_warm_bytes);
}

ThreadRing* RecorderCore::claim_ring() noexcept {
    const std::uintptr_t token = this_thread_token();
    std::uint32_t found = kNoRingThread;
    // A thread that already owns a ring here (it also records through another recorder).
    for (std::uint32_t i = 0; i < ring_count_ && found == kNoRingThread; ++i)
        if (rings_[i].owner.load(std::memory_order_acquire) == token) found = i;
    for (std::uint32_t i = 0; i < ring_count_ && found == kNoRingThread; ++i) {
        std::uintptr_t expected = 0;
        if (rings_[i].owner.compare_exchange_strong(expected, token, std::memory_order_acq_rel))
            found = i;
    }
    t_slot = ThreadSlot{id, found};
    return found == kNoRingThread ? nullptr : &rings_[found];
}

unsigned char* RecorderCore::reserve_after_gap(ThreadRing& r, EntryKind kind, std::uint16_t flags,
                                               std::uint64_t position, std::size_t bytes) noexcept {
    const std::uint64_t gap_count = r.gap_count.load(std::memory_order_relaxed);
    const format::GapRecord gap{index_of(r), r.gap_first.load(std::memory_order_relaxed),
                                gap_count};
    const std::size_t gap_size = CaptureRing::entry_size(sizeof gap, 0);
    const std::size_t entry = CaptureRing::entry_size(bytes, 0);
    // Both must fit (room for the wrap padding included), the gap first: otherwise the gap would
    // be published in pieces.
    if (!r.ring.has_room(gap_size + 2 * entry) ||
        !r.ring.push(EntryKind::kGap, 0, 2 * gap.first_seq + 1, &gap, sizeof gap, nullptr, 0)) {
        r.gap_count.store(gap_count + 1, std::memory_order_relaxed);
        r.dropped.fetch_add(1, std::memory_order_relaxed);
        return nullptr;
    }
    r.gap_count.store(0, std::memory_order_relaxed);
    if (unsigned char* p = r.ring.reserve(kind, flags, position, bytes)) return p;
    note_lost(r, position);
    return nullptr;
}

void RecorderCore::note_lost(ThreadRing& r, std::uint64_t position) noexcept {
    if (r.gap_count.load(std::memory_order_relaxed) == 0)
        r.gap_first.store(position / 2, std::memory_order_relaxed);
    r.gap_count.fetch_add(1, std::memory_order_relaxed);
    r.dropped.fetch_add(1, std::memory_order_relaxed);
}

void RecorderCore::push(ThreadRing& r, EntryKind kind, std::uint16_t flags, std::uint64_t position,
                        const void* a, std::size_t na, const void* b, std::size_t nb) noexcept {
    unsigned char* p = reserve(r, kind, flags, position, na + nb);
    if (!p) return;
    if (na) std::memcpy(p, a, na);
    if (nb) std::memcpy(p + na, b, nb);
    r.ring.commit();
}

void RecorderCore::drop_without_ring(std::uint64_t seq) noexcept {
    dropped_without_ring.fetch_add(1, std::memory_order_relaxed);
    std::uint64_t first = first_seq_without_ring.load(std::memory_order_relaxed);
    while (seq < first &&
           !first_seq_without_ring.compare_exchange_weak(first, seq, std::memory_order_relaxed)) {
    }
}

void RecorderCore::stop_capture() noexcept {
    recording.store(false, std::memory_order_seq_cst);
    // Pairs with CaptureScope's light fence: after it, a capture either shows its busy flag here
    // or has read `recording` false.
    AsymmetricFence::heavy();
    for (std::uint32_t i = 0; i < ring_count_; ++i)
        while (rings_[i].busy.load(std::memory_order_seq_cst) != 0) std::this_thread::yield();
}

void CaptureScope::drop_without_ring() noexcept {
    if (core_.recording.load(std::memory_order_acquire))
        core_.drop_without_ring(core_.next_seq.fetch_add(1, std::memory_order_relaxed));
}

void CaptureScope::record_call(format::CallRecord& call, const void* data, std::uint32_t bytes,
                               bool silent) noexcept {
    call.seq = core_.next_seq.fetch_add(1, std::memory_order_relaxed);
    call.thread = thread();
    call.virtual_time = core_.virtual_clock.now();
    call.real_time = static_cast<abi::HNSTIME>(core_.real_stamp());
    core_.push(*ring_, EntryKind::kCall, call_entry_flags(data, silent), 2 * call.seq + 1, &call,
               sizeof call, data, data ? bytes : 0);
}

void CaptureScope::record_violation(const format::ViolationRecord& v, std::uint64_t seq) noexcept {
    core_.push(*ring_, EntryKind::kViolation, 0, 2 * seq + 2, &v, sizeof v, nullptr, 0);
}

void CaptureScope::record_note(EntryKind kind, const void* record, std::size_t size) noexcept {
    const std::uint64_t next = core_.next_seq.load(std::memory_order_acquire);
    core_.push(*ring_, kind, 0, 2 * next, record, size, nullptr, 0);
}

}  // namespace aetrace::record::detail
