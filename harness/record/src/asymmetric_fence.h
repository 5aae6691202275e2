// AsymmetricFence: a store-load barrier split unevenly between a fast side and a slow side
// (internal to the record layer).
//
// The capture path (fast side, every recorded call on the real-time thread) must not pay for a
// full memory barrier: on x86 a locked instruction drains the store buffer, which after a ring
// write still waits for the cache misses of the copied audio. The stop side (Recorder::finish or
// the destructor, once per recording) pays instead: heavy() makes every thread of the process
// execute a full barrier (Linux: membarrier(MEMBARRIER_CMD_PRIVATE_EXPEDITED), since 4.14;
// Windows: FlushProcessWriteBuffers). The fast side then only needs a compiler barrier between
// its store and its load (Dekker's protocol with one side's fence moved to the other thread, as in
// folly's asymmetricLightBarrier and liburcu's membarrier flavour).
//
// Where the heavy barrier is not available (old kernel, seccomp filter) light() falls back to a
// full std::atomic_thread_fence. Under ThreadSanitizer, which models neither the process-wide
// barrier nor fences, store_then_load() uses sequentially consistent operations instead.
#pragma once

#include <atomic>

#if defined(__SANITIZE_THREAD__)
#define AETRACE_UNDER_TSAN 1
#elif defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define AETRACE_UNDER_TSAN 1
#endif
#endif

namespace aetrace::record::detail {

class AsymmetricFence {
  public:
    /// Registers the process for the heavy barrier if the platform has one (a system call: not
    /// RT). Safe to call more than once and from several threads.
    static void init() noexcept;
    /// True when heavy() is a real process-wide barrier, so that store_then_load() needs only a
    /// compiler fence.
    static bool asymmetric() noexcept { return available_.load(std::memory_order_relaxed); }

    /// Fast side: stores `value` to `flag`, then returns `other`'s value, the store ordered
    /// before the load, provided the other side calls heavy() between its own store and load.
    /// RT-safe (no system call).
    template <class T, class U>
    static U store_then_load(std::atomic<T>& flag, T value, const std::atomic<U>& other) noexcept {
#if defined(AETRACE_UNDER_TSAN)
        flag.store(value, std::memory_order_seq_cst);
        return other.load(std::memory_order_seq_cst);
#else
        flag.store(value, std::memory_order_relaxed);
        if (available_.load(std::memory_order_relaxed))
            std::atomic_signal_fence(std::memory_order_seq_cst);
        else
            std::atomic_thread_fence(std::memory_order_seq_cst);
        return other.load(std::memory_order_relaxed);
#endif
    }
    /// Slow side: a full barrier on every running thread of the process (or on this thread only,
    /// when not asymmetric()). Not RT: a system call.
    static void heavy() noexcept;

  private:
    static std::atomic<bool> available_;
};

}  // namespace aetrace::record::detail
