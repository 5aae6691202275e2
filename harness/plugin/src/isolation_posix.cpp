// run_isolated() with fork(): see isolation.h.
#include <poll.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <iostream>
#include <new>
#include <sstream>
#include <stdexcept>

#include "aetrace/abi/error.h"
#include "aetrace/plugin/isolation.h"

namespace aetrace::plugin {

namespace {

IsolationProgress* g_child_progress = nullptr;  // set in the child only

extern "C" void on_crash_signal(int sig) {
    if (g_child_progress) g_child_progress->signal.store(sig, std::memory_order_relaxed);
    ::signal(sig, SIG_DFL);
    ::raise(sig);
}

void write_all(int fd, const std::string& bytes) {
    std::size_t done = 0;
    while (done < bytes.size()) {
        const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return;
        done += static_cast<std::size_t>(n);
    }
}

[[noreturn]] void child_main(int fd, IsolationProgress* progress,
                             const std::function<std::string(IsolationProgress&)>& work) {
    g_child_progress = progress;
    // Whatever the implementation prints goes to stderr: the parent's stdout may be a JSON
    // document.
    std::fflush(stdout);
    ::dup2(STDERR_FILENO, STDOUT_FILENO);
    // Crashes end the child with their own signal (sanitizers' handlers would turn them into an
    // exit status), after noting it in the shared page.
    for (int sig : {SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT}) ::signal(sig, on_crash_signal);
    std::string frame;
    try {
        frame = "R" + work(*progress);
    } catch (const InputError& e) {
        frame = std::string("I") + e.what();
    } catch (const std::exception& e) {
        frame = std::string("E") + e.what();
    } catch (...) {
        frame = "Eunknown exception";
    }
    write_all(fd, frame);
    ::close(fd);
    ::_exit(0);
}

std::string signal_name(int sig) {
    switch (sig) {
        case SIGSEGV:
            return "SIGSEGV";
        case SIGBUS:
            return "SIGBUS";
        case SIGFPE:
            return "SIGFPE";
        case SIGILL:
            return "SIGILL";
        case SIGABRT:
            return "SIGABRT";
        case SIGKILL:
            return "SIGKILL";
        case SIGTERM:
            return "SIGTERM";
        default:
            return "signal " + std::to_string(sig);
    }
}

/// The page shared with the child (MAP_SHARED | MAP_ANONYMOUS), holding its IsolationProgress;
/// unmapped when this goes out of scope. Throws std::runtime_error when mmap fails.
class SharedProgressPage {
  public:
    SharedProgressPage() {
        page_ = ::mmap(nullptr, sizeof(IsolationProgress), PROT_READ | PROT_WRITE,
                       MAP_SHARED | MAP_ANONYMOUS, -1, 0);
        if (page_ == MAP_FAILED) throw std::runtime_error("isolation: mmap failed");
        progress_ = new (page_) IsolationProgress();
    }
    ~SharedProgressPage() { ::munmap(page_, sizeof(IsolationProgress)); }
    SharedProgressPage(const SharedProgressPage&) = delete;
    SharedProgressPage& operator=(const SharedProgressPage&) = delete;

    IsolationProgress& progress() const noexcept { return *progress_; }

  private:
    void* page_ = nullptr;
    IsolationProgress* progress_ = nullptr;
};

/// Forks a child that runs `work` and writes its framed result to a pipe. Returns the child's pid
/// and stores the pipe's read end in *read_fd (the parent owns it). Never returns in the child.
/// Throws std::runtime_error when pipe or fork fails.
pid_t start_child(IsolationProgress* progress,
                  const std::function<std::string(IsolationProgress&)>& work, int* read_fd) {
    int fds[2];
    if (::pipe(fds) != 0) throw std::runtime_error("isolation: pipe failed");
    std::cout.flush();
    std::cerr.flush();
    std::fflush(nullptr);
    const pid_t pid = ::fork();
    if (pid < 0) {
        ::close(fds[0]);
        ::close(fds[1]);
        throw std::runtime_error("isolation: fork failed");
    }
    if (pid == 0) {
        ::close(fds[0]);
        child_main(fds[1], progress, work);
    }
    ::close(fds[1]);
    *read_fd = fds[0];
    return pid;
}

using Clock = std::chrono::steady_clock;

/// The time limit of one child: none when time_limit is 0 or less.
struct Deadline {
    std::chrono::milliseconds limit;
    Clock::time_point at;

    bool bounded() const noexcept { return limit.count() > 0; }
    bool passed() const noexcept { return bounded() && Clock::now() >= at; }
};

/// What the parent read from the child's pipe.
struct ChildOutput {
    std::string received;    ///< the framed result ("R..." / "I..." / "E..."), empty if none
    bool timed_out = false;  ///< the deadline passed before EOF
};

/// Reads the pipe until EOF (the child is done or dead), an error, or the deadline; closes fd.
ChildOutput read_child_output(int fd, const Deadline& deadline) {
    ChildOutput out;
    char buffer[65536];
    for (;;) {
        int wait_ms = -1;
        if (deadline.bounded()) {
            const auto left =
                std::chrono::duration_cast<std::chrono::milliseconds>(deadline.at - Clock::now());
            if (left.count() <= 0) {
                out.timed_out = true;
                break;
            }
            wait_ms = static_cast<int>(std::min<long long>(left.count(), 1000));
        }
        pollfd p{fd, POLLIN, 0};
        const int ready = ::poll(&p, 1, wait_ms);
        if (ready < 0 && errno != EINTR) break;
        if (ready <= 0) continue;
        const ssize_t n = ::read(fd, buffer, sizeof(buffer));
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) break;  // EOF: the child is done (or dead)
        out.received.append(buffer, static_cast<std::size_t>(n));
    }
    ::close(fd);
    return out;
}

/// Waits for the child to end and returns its wait status. Unless *timed_out is already set, the
/// wait is bounded by the deadline (then *timed_out is set); a timed-out child is killed
/// (SIGKILL) and reaped.
int reap_child(pid_t pid, const Deadline& deadline, bool* timed_out) {
    int status = 0;
    if (!*timed_out) {
        // The pipe closed: the child is exiting. Still bound the wait by the deadline.
        for (;;) {
            const pid_t r = ::waitpid(pid, &status, WNOHANG);
            if (r == pid) break;
            if (r < 0 && errno != EINTR) break;
            if (deadline.passed()) {
                *timed_out = true;
                break;
            }
            ::usleep(1000);
        }
    }
    if (*timed_out) {
        ::kill(pid, SIGKILL);
        while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
        }
    }
    return status;
}

/// The result from the child's progress, its output and how it ended.
IsolationResult make_result(const IsolationProgress& progress, const ChildOutput& out, int status,
                            std::chrono::milliseconds time_limit) {
    IsolationResult result;
    result.call_index = progress.call_index.load();
    result.calls_started = progress.calls_started.load();
    result.phase = progress.phase.load();
    if (out.timed_out) {
        result.status = IsolationStatus::kTimedOut;
        std::ostringstream text;
        text << "time limit " << static_cast<double>(time_limit.count()) / 1000.0 << " s exceeded";
        result.message = text.str();
        return result;
    }
    const std::string& received = out.received;
    if (WIFEXITED(status) && WEXITSTATUS(status) == 0 && !received.empty()) {
        const char kind = received[0];
        if (kind == 'R') {
            result.status = IsolationStatus::kCompleted;
            result.output = received.substr(1);
        } else {
            result.status = IsolationStatus::kFailed;
            result.input_error = kind == 'I';
            result.message = received.substr(1);
        }
        return result;
    }
    result.status = IsolationStatus::kCrashed;
    if (WIFSIGNALED(status))
        result.message = signal_name(WTERMSIG(status));
    else if (WIFEXITED(status))
        result.message = "exit status " + std::to_string(WEXITSTATUS(status)) + " without a result";
    else
        result.message = "ended abnormally";
    return result;
}

}  // namespace

bool isolation_supported() noexcept {
    return true;
}

IsolationResult run_isolated(const std::function<std::string(IsolationProgress&)>& work,
                             std::chrono::milliseconds time_limit) {
    const SharedProgressPage page;
    int read_fd = -1;
    const pid_t pid = start_child(&page.progress(), work, &read_fd);
    const Deadline deadline{time_limit, Clock::now() + time_limit};
    ChildOutput out = read_child_output(read_fd, deadline);
    const int status = reap_child(pid, deadline, &out.timed_out);
    return make_result(page.progress(), out, status, time_limit);
}

}  // namespace aetrace::plugin
