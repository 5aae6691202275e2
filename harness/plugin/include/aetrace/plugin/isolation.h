// Isolation: runs a piece of work (one implementation's replay) in a child process, so an
// implementation that crashes, hangs or corrupts memory cannot take the harness down with it.
//
// POSIX: fork(). Before forking, a shared page (mmap MAP_SHARED | MAP_ANONYMOUS) is mapped; the
// child publishes its progress there (the call it reached) and sends its result back through a
// pipe. The parent waits at most the time limit, then kills the child (SIGKILL), and reads the
// progress page whatever happened. Windows (and any platform without fork): the documented
// fallback runs the work in-process, with no crash protection and no time limit
// (isolation_supported() says which).
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <string>

namespace aetrace::plugin {

/// Shared between the child and the parent (lock-free atomics in a MAP_SHARED page).
struct IsolationProgress {
    static constexpr std::uint64_t kNoCall = ~std::uint64_t{0};
    /// Index of the call the child is in, or reached last (kNoCall before the first).
    std::atomic<std::uint64_t> call_index{kNoCall};
    /// Calls the child started.
    std::atomic<std::uint64_t> calls_started{0};
    /// What the child was doing: a caller-defined phase number (0 = starting).
    std::atomic<std::uint32_t> phase{0};
    /// Signal number a crash handler saw (0 = none).
    std::atomic<std::int32_t> signal{0};
};

enum class IsolationStatus : std::uint8_t {
    kCompleted,  ///< the work returned; `output` holds its result
    kFailed,     ///< the work threw; `message` holds what()
    kCrashed,    ///< the child died (signal, or exit without a result); `message` says how
    kTimedOut,   ///< the time limit passed; the child was killed
};

struct IsolationResult {
    IsolationStatus status = IsolationStatus::kCompleted;
    std::string output;   ///< kCompleted: what the work returned
    std::string message;  ///< kFailed: exception text; kCrashed: "SIGSEGV", "exit status 1", ...
    bool input_error = false;  ///< kFailed: the exception was an aetrace::InputError
    std::uint64_t call_index = IsolationProgress::kNoCall;  ///< progress at the end
    std::uint64_t calls_started = 0;
    std::uint32_t phase = 0;
};

/// True when run_isolated() really isolates (fork available), false for the in-process fallback.
bool isolation_supported() noexcept;

/// Runs `work` isolated. `work` gets the shared progress record (it may write it at any time,
/// RT-safe: atomic stores) and returns its result as bytes. The child ends with _exit (no atexit
/// handlers, no stdio flush); stdout and stderr are flushed before forking, and the child's stdout
/// is redirected to stderr so the parent's stdout stays machine-readable. `time_limit` applies to
/// the whole child (zero = no limit). Not thread-safe: call from a process's one driving thread
/// (fork copies only the calling thread). Throws std::runtime_error when the pipe, page or process
/// cannot be created.
IsolationResult run_isolated(const std::function<std::string(IsolationProgress&)>& work,
                             std::chrono::milliseconds time_limit);

}  // namespace aetrace::plugin
