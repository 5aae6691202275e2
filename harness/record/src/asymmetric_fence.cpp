#include "asymmetric_fence.h"

#if defined(__linux__)
#include <linux/membarrier.h>
#include <sys/syscall.h>
#include <unistd.h>
#elif defined(_WIN32)
#define WIN32_LEAN_AND_MEAN
#define NOMINMAX
#include <windows.h>
#endif

namespace aetrace::record::detail {

std::atomic<bool> AsymmetricFence::available_{false};

void AsymmetricFence::init() noexcept {
#if defined(AETRACE_UNDER_TSAN)
    // TSan does not model the process-wide barrier: keep the symmetric (full fence) protocol.
#elif defined(__linux__) && defined(SYS_membarrier)
    if (available_.load(std::memory_order_acquire)) return;
    const long commands = syscall(SYS_membarrier, MEMBARRIER_CMD_QUERY, 0);
    if (commands < 0 || !(commands & MEMBARRIER_CMD_PRIVATE_EXPEDITED)) return;
    if (syscall(SYS_membarrier, MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED, 0) != 0) return;
    available_.store(true, std::memory_order_release);
#elif defined(_WIN32)
    available_.store(true, std::memory_order_release);  // FlushProcessWriteBuffers: Vista and later
#endif
}

void AsymmetricFence::heavy() noexcept {
#if defined(AETRACE_UNDER_TSAN)
    // Both sides use sequentially consistent operations (store_then_load).
#else
    std::atomic_thread_fence(std::memory_order_seq_cst);
    if (!available_.load(std::memory_order_acquire)) return;
#if defined(__linux__) && defined(SYS_membarrier)
    syscall(SYS_membarrier, MEMBARRIER_CMD_PRIVATE_EXPEDITED, 0);
#elif defined(_WIN32)
    FlushProcessWriteBuffers();
#endif
    std::atomic_thread_fence(std::memory_order_seq_cst);
#endif
}

}  // namespace aetrace::record::detail
