#include "aetrace/clock/tick_clock.h"

#include <atomic>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>

#if AETRACE_HAS_TSC && defined(_MSC_VER)
#include <intrin.h>
#elif AETRACE_HAS_TSC
#include <cpuid.h>
#endif

namespace aetrace::clock {
namespace {

bool cpu_has_invariant_tsc() noexcept {
#if AETRACE_HAS_TSC && defined(_MSC_VER)
    int regs[4] = {};
    __cpuid(regs, static_cast<int>(0x80000000u));
    if (static_cast<unsigned>(regs[0]) < 0x80000007u) return false;
    __cpuid(regs, static_cast<int>(0x80000007u));
    return (static_cast<unsigned>(regs[3]) >> 8) & 1u;
#elif AETRACE_HAS_TSC
    unsigned eax = 0, ebx = 0, ecx = 0, edx = 0;
    if (__get_cpuid_max(0x80000000u, nullptr) < 0x80000007u) return false;
    if (!__get_cpuid(0x80000007u, &eax, &ebx, &ecx, &edx)) return false;
    return (edx >> 8) & 1u;
#else
    return true;  // read_ticks() is SystemClock
#endif
}

bool kernel_keeps_time_with_tsc() noexcept {
#if AETRACE_HAS_TSC && defined(__linux__)
    std::FILE* f =
        std::fopen("/sys/devices/system/clocksource/clocksource0/current_clocksource", "r");
    if (!f) return true;  // no sysfs (container without /sys): trust CPUID
    char name[64] = {};
    const bool read = std::fgets(name, sizeof name, f) != nullptr;
    std::fclose(f);
    return !read || std::strncmp(name, "tsc", 3) == 0;
#else
    return true;
#endif
}

}  // namespace

bool ticks_are_invariant() noexcept {
    // 0 = not computed, 1 = no, 2 = yes. Racing first calls compute the same answer.
    static std::atomic<int> state{0};
    int s = state.load(std::memory_order_acquire);
    if (s == 0) {
        s = cpu_has_invariant_tsc() && kernel_keeps_time_with_tsc() ? 2 : 1;
        state.store(s, std::memory_order_release);
    }
    return s == 2;
}

TickConverter::Pair TickConverter::take() noexcept {
    // Bracket the clock read with two counter reads and pair it with their midpoint. The pairing
    // is off by up to half the bracket, and a bracket the thread was preempted or interrupted in
    // is wide (microseconds), so keep the narrowest of a few.
    constexpr int kTries = 8;
    const SystemClock system;
    Pair best{0, 0};
    std::uint64_t best_width = UINT64_MAX;
    for (int i = 0; i < kTries; ++i) {
        const std::uint64_t before = read_ticks();
        const HNSTIME time = system.now();
        const std::uint64_t after = read_ticks();
        if (after - before < best_width) {
            best_width = after - before;
            best = {before + best_width / 2, time};
        }
    }
    return best;
}

TickConverter::TickConverter() noexcept : first_(take()), latest_(first_) {}

void TickConverter::anchor() noexcept {
    const Pair p = take();
    if (p.ticks <= latest_.ticks) return;  // no progress: keep the previous anchor
    latest_ = p;
    rate_ = static_cast<double>(latest_.time - first_.time) /
            static_cast<double>(latest_.ticks - first_.ticks);
}

HNSTIME TickConverter::to_hns(std::uint64_t ticks) const noexcept {
    const double delta = static_cast<double>(static_cast<std::int64_t>(ticks - latest_.ticks));
    return latest_.time + static_cast<HNSTIME>(std::llround(delta * rate_));
}

}  // namespace aetrace::clock
