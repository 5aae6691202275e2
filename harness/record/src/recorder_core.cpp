#include "recorder_core.h"

#include <cstring>
#include <new>
#include <thread>

#include "asymmetric_fence.h"

namespace aetrace::record::detail {
namespace {

std::atomic<std::uint64_t> g_next_core_id{1};

/// The calling thread's cached ring: trivially initialised (no TLS constructor, no allocation).
struct ThreadSlot {
    std::uint64_t core_id;
    std::uint32_t ring;
};
thread_local ThreadSlot t_slot{0, 0};

std::uintptr_t this_thread_token() noexcept {
    return reinterpret_cast<std::uintptr_t>(&t_slot);  // unique among live threads
}

/// EntryFlags of a call entry with the buffer `data` (null: none) or a silent buffer.
std::uint16_t call_entry_flags(const void* data, bool silent) noexcept {
    return static_cast<std::uint16_t>((silent ? kEntrySilent : 0) | (data ? kEntryBytes : 0));
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

ThreadRing* RecorderCore::ring_for_this_thread() noexcept {
    if (t_slot.core_id == id) return t_slot.ring < ring_count_ ? &rings_[t_slot.ring] : nullptr;
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

unsigned char* RecorderCore::reserve(ThreadRing& r, EntryKind kind, std::uint16_t flags,
                                     std::uint64_t position, std::size_t bytes) noexcept {
    const std::uint64_t gap_count = r.gap_count.load(std::memory_order_relaxed);
    if (gap_count != 0) {
        const format::GapRecord gap{index_of(r), r.gap_first.load(std::memory_order_relaxed),
                                    gap_count};
        const std::size_t gap_size = CaptureRing::entry_size(sizeof gap, 0);
        const std::size_t entry = CaptureRing::entry_size(bytes, 0);
        // Both must fit (room for the wrap padding included), the gap first: otherwise the gap
        // would be published in pieces.
        if (r.ring.has_room(gap_size + 2 * entry) &&
            r.ring.push(EntryKind::kGap, 0, 2 * gap.first_seq + 1, &gap, sizeof gap, nullptr, 0)) {
            r.gap_count.store(0, std::memory_order_relaxed);
        } else {
            r.gap_count.store(gap_count + 1, std::memory_order_relaxed);
            r.dropped.fetch_add(1, std::memory_order_relaxed);
            return nullptr;
        }
    }
    unsigned char* p = r.ring.reserve(kind, flags, position, bytes);
    if (!p) {
        if (r.gap_count.load(std::memory_order_relaxed) == 0)
            r.gap_first.store(position / 2, std::memory_order_relaxed);
        r.gap_count.fetch_add(1, std::memory_order_relaxed);
        r.dropped.fetch_add(1, std::memory_order_relaxed);
    }
    return p;
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

CaptureScope::CaptureScope(RecorderCore& core, bool for_call) noexcept : core_(core) {
    ThreadRing* r = core.ring_for_this_thread();
    if (!r) {
        if (for_call && core.recording.load(std::memory_order_acquire))
            core.drop_without_ring(core.next_seq.fetch_add(1, std::memory_order_relaxed));
        return;
    }
    // Dekker with stop_capture(): store busy, fence, load recording. The fence is a compiler
    // barrier only; stop_capture() supplies the hardware barrier (AsymmetricFence::heavy).
    if (!AsymmetricFence::store_then_load(r->busy, 1u, core.recording)) {
        r->busy.store(0, std::memory_order_release);
        return;
    }
    ring_ = r;
}

CaptureScope::~CaptureScope() {
    if (ring_) ring_->busy.store(0, std::memory_order_release);
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

RtCall* CaptureScope::begin_rt_call(abi::MethodId method, std::uint32_t endpoint, const void* data,
                                    std::uint32_t bytes, bool silent) noexcept {
    seq_ = core_.next_seq.fetch_add(1, std::memory_order_relaxed);
    const std::size_t payload = data ? bytes : 0;
    unsigned char* p = core_.reserve(*ring_, EntryKind::kRtCall, call_entry_flags(data, silent),
                                     2 * seq_ + 1, sizeof(RtCall) + payload);
    if (!p) return nullptr;
    // Stores straight into the ring, field by field: an aggregate initialisation is compiled to
    // `rep stos` (see rt_call.h), which costs more than these plain stores.
    RtCall* call = new (p) RtCall;
    call->seq = seq_;
    call->virtual_time = core_.virtual_clock.now();
    call->real_stamp = core_.real_stamp();
    call->method = method;
    call->flags = 0;
    call->endpoint = endpoint;
    call->result = 0;
    call->buffer_frames = 0;
    call->arg0 = 0;
    call->arg1 = 0;
    call->buffer_bytes = 0;
    call->out0 = 0;
    call->position = abi::AE_CURRENT_POSITION{};
    call->connection_in = format::ConnectionValue{};
    call->connection_out = format::ConnectionValue{};
    if (payload) std::memcpy(p + sizeof(RtCall), data, payload);
    return call;
}

void CaptureScope::record_violation(const format::ViolationRecord& v, std::uint64_t seq) noexcept {
    core_.push(*ring_, EntryKind::kViolation, 0, 2 * seq + 2, &v, sizeof v, nullptr, 0);
}

void CaptureScope::record_note(EntryKind kind, const void* record, std::size_t size) noexcept {
    const std::uint64_t next = core_.next_seq.load(std::memory_order_acquire);
    core_.push(*ring_, kind, 0, 2 * next, record, size, nullptr, 0);
}

}  // namespace aetrace::record::detail
