// RecorderCore: the capture state shared by a Recorder and its proxies (internal).
//
// The proxies hold it through a std::shared_ptr, so a proxy called after its Recorder is gone still
// finds valid memory: it sees `recording` false and only forwards. Everything on the capture path
// (CaptureScope and the note functions) is RT-safe: no allocation, lock, system call or I/O.
#pragma once

#include <atomic>
#include <cstdint>
#include <cstring>
#include <memory>
#include <new>

#include "aetrace/clock/clock.h"
#include "aetrace/clock/tick_clock.h"
#include "aetrace/format/records.h"
#include "aetrace/record/recorder.h"
#include "asymmetric_fence.h"
#include "capture_ring.h"
#include "rt_call.h"

namespace aetrace::record::detail {

/// How CallRecord::real_time is stamped on the capture path.
enum class Stamp : std::uint8_t {
    kNone,   ///< not stamped (0)
    kTicks,  ///< clock::read_ticks(); the writer converts (clock::TickConverter)
    kClock,  ///< real_clock->now(), HNSTIME
};

/// The calling thread's cached ring: trivially initialised (no TLS constructor, no allocation), so
/// reading it is one thread-pointer-relative load.
struct ThreadSlot {
    std::uint64_t core_id;  ///< RecorderCore::id the ring belongs to (0: none cached)
    std::uint32_t ring;     ///< ring index, or kNoRingThread
};
inline constinit thread_local ThreadSlot t_slot{0, 0};

/// Thread index recorded for calls of threads that found no free ring.
inline constexpr std::uint32_t kNoRingThread = 0xFFFFFFFFu;

/// One ring and its producer-side bookkeeping. Only the owning thread writes the producer fields;
/// they are atomics (relaxed) because stats() and the final drain read them from other threads.
struct ThreadRing {
    CaptureRing ring;
    std::atomic<std::uintptr_t> owner{0};   ///< token of the claiming thread, 0 = free
    std::atomic<std::uint32_t> busy{0};     ///< 1 while the owner is capturing (see CaptureScope)
    std::atomic<std::uint64_t> dropped{0};  ///< records this thread lost (ring full)
    // The gap being accumulated: records lost since the last entry that fitted.
    std::atomic<std::uint64_t> gap_first{0};
    std::atomic<std::uint64_t> gap_count{0};
};

class RecorderCore {
  public:
    RecorderCore(const clock::Clock& virtual_clock, const clock::Clock* real_clock,
                 const RecorderOptions& options);

    /// Unique per core in this process (keys the thread-local ring cache). Never 0.
    const std::uint64_t id;
    const RecorderOptions options;
    const clock::Clock& virtual_clock;
    const clock::Clock* const real_clock;
    const Stamp stamp;

    /// The real-time stamp of a call now, per `stamp`. RT-safe.
    std::uint64_t real_stamp() const noexcept {
        if (stamp == Stamp::kTicks) return clock::read_ticks();
        if (stamp == Stamp::kClock) return static_cast<std::uint64_t>(real_clock->now());
        return 0;
    }

    /// The calling thread's ring, claimed on its first call (one CAS, no allocation); null when
    /// every ring is taken. RT-safe; after the first call, one thread-local load.
    ThreadRing* ring_for_this_thread() noexcept {
        if (t_slot.core_id == id) return t_slot.ring < ring_count_ ? &rings_[t_slot.ring] : nullptr;
        return claim_ring();
    }
    std::uint32_t ring_count() const noexcept { return ring_count_; }
    ThreadRing& ring(std::uint32_t index) noexcept { return rings_[index]; }
    std::uint32_t index_of(const ThreadRing& r) const noexcept {
        return static_cast<std::uint32_t>(&r - rings_.get());
    }

    /// Pushes an entry into `r` (the caller's own ring), or accounts it as lost when it does not
    /// fit; a pending gap is pushed first. RT-safe.
    void push(ThreadRing& r, EntryKind kind, std::uint16_t flags, std::uint64_t position,
              const void* a, std::size_t na, const void* b, std::size_t nb) noexcept;
    /// push() in two steps: reserves the entry (a pending gap is pushed first) and returns its
    /// payload bytes to fill in place, or null when it is lost (accounted as push() does); the
    /// caller then calls r.ring.commit(). RT-safe.
    unsigned char* reserve(ThreadRing& r, EntryKind kind, std::uint16_t flags,
                           std::uint64_t position, std::size_t bytes) noexcept {
        if (r.gap_count.load(std::memory_order_relaxed) != 0)
            return reserve_after_gap(r, kind, flags, position, bytes);
        if (unsigned char* p = r.ring.reserve(kind, flags, position, bytes)) return p;
        note_lost(r, position);
        return nullptr;
    }
    /// Accounts a call of a thread without a ring. RT-safe.
    void drop_without_ring(std::uint64_t seq) noexcept;

    /// Stops capturing and waits until no thread is inside a CaptureScope. Not RT.
    void stop_capture() noexcept;

    std::atomic<bool> recording{true};
    std::atomic<std::uint64_t> next_seq{0};
    std::atomic<std::uint64_t> dropped_without_ring{0};
    std::atomic<std::uint64_t> first_seq_without_ring{UINT64_MAX};

  private:
    /// ring_for_this_thread() on a thread's first call: finds or claims a ring, caches it.
    ThreadRing* claim_ring() noexcept;
    /// reserve() while a gap is pending: pushes the gap first (both must fit) or loses this
    /// entry too.
    unsigned char* reserve_after_gap(ThreadRing& r, EntryKind kind, std::uint16_t flags,
                                     std::uint64_t position, std::size_t bytes) noexcept;
    /// Accounts the entry at merge key `position` as lost (ring full): it opens or extends the
    /// pending gap.
    void note_lost(ThreadRing& r, std::uint64_t position) noexcept;

    std::uint32_t ring_count_;
    std::unique_ptr<ThreadRing[]> rings_;
};

/// Brackets one capture on the calling thread: claims its ring, marks it busy, and checks that the
/// recorder is still recording (Dekker-style with stop_capture(), so once stop_capture() returns no
/// capture touches the clocks or rings any more). RT-safe.
class CaptureScope {
  public:
    /// `for_call`: the scope records a call (a thread without a ring still takes a sequence number
    /// for it, and the call is counted as dropped).
    CaptureScope(RecorderCore& core, bool for_call) noexcept : core_(core) {
        ThreadRing* r = core.ring_for_this_thread();
        if (!r) {
            if (for_call) drop_without_ring();
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
    ~CaptureScope() {
        if (ring_) ring_->busy.store(0, std::memory_order_release);
    }
    CaptureScope(const CaptureScope&) = delete;
    CaptureScope& operator=(const CaptureScope&) = delete;

    /// True when this capture should be recorded (a ring and the recorder still recording).
    bool active() const noexcept { return ring_ != nullptr; }
    RecorderCore& core() noexcept { return core_; }
    ThreadRing& ring() noexcept { return *ring_; }
    std::uint32_t thread() const noexcept { return core_.index_of(*ring_); }

    /// Takes the next sequence number and stamps seq, thread and both times into `call`; pushes it
    /// (with `bytes` bytes at `data` when `data` is not null, or as a silent buffer when `silent`).
    /// Requires active().
    void record_call(format::CallRecord& call, const void* data, std::uint32_t bytes,
                     bool silent) noexcept;
    /// Takes the next sequence number and reserves a real-time method's record in the ring, with
    /// room for `bytes` bytes at `data` (copied now) when `data` is not null, or marked as a silent
    /// buffer when `silent`. Returns the record, zero but for seq, both times, method and
    /// `endpoint`, for the caller to fill in place and then commit(); null when it was dropped
    /// (ring full: counted, part of the next gap). seq() is the number either way. Requires
    /// active(). RT-safe.
    RtCall* begin_rt_call(abi::MethodId method, std::uint32_t endpoint, const void* data,
                          std::uint32_t bytes, bool silent) noexcept {
        seq_ = core_.next_seq.fetch_add(1, std::memory_order_relaxed);
        const std::size_t payload = data ? bytes : 0;
        unsigned char* p = core_.reserve(*ring_, EntryKind::kRtCall, call_entry_flags(data, silent),
                                         2 * seq_ + 1, sizeof(RtCall) + payload);
        if (!p) return nullptr;
        // Stores straight into the ring, field by field: an aggregate initialisation is compiled
        // to `rep stos` (see rt_call.h), which costs more than these plain stores.
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
    /// Prefetches the ring lines of this thread's next real-time call record with `bytes` payload
    /// bytes (CaptureRing::prefetch_next). Requires active(). RT-safe.
    void prefetch_next_call(std::uint32_t bytes) noexcept {
        ring_->ring.prefetch_next(sizeof(RtCall) + bytes);
    }
    /// Publishes the record begin_rt_call() returned. RT-safe.
    void commit() noexcept { ring_->ring.commit(); }
    /// The sequence number begin_rt_call() took.
    std::uint64_t seq() const noexcept { return seq_; }
    /// Pushes a violation noted right after the call with sequence number `seq`. Requires active().
    void record_violation(const format::ViolationRecord& v, std::uint64_t seq) noexcept;
    /// Pushes a note (violation or event) placed before the next call. Requires active().
    void record_note(EntryKind kind, const void* record, std::size_t size) noexcept;

    /// EntryFlags of a call entry with the buffer `data` (null: none) or a silent buffer.
    static std::uint16_t call_entry_flags(const void* data, bool silent) noexcept {
        return static_cast<std::uint16_t>((silent ? kEntrySilent : 0) | (data ? kEntryBytes : 0));
    }

  private:
    /// A call of a thread without a ring: takes its sequence number and counts it as dropped.
    void drop_without_ring() noexcept;

    RecorderCore& core_;
    ThreadRing* ring_ = nullptr;
    std::uint64_t seq_ = 0;
};

}  // namespace aetrace::record::detail
