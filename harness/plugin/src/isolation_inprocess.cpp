// run_isolated() without fork (Windows): the documented in-process fallback. The work runs on the
// calling thread; exceptions are caught, but a crash ends the harness and a hang is not bounded.
#include <exception>

#include "aetrace/abi/error.h"
#include "aetrace/plugin/isolation.h"

namespace aetrace::plugin {

bool isolation_supported() noexcept {
    return false;
}

IsolationResult run_isolated(const std::function<std::string(IsolationProgress&)>& work,
                             std::chrono::milliseconds) {
    IsolationProgress progress;
    IsolationResult result;
    try {
        result.output = work(progress);
        result.status = IsolationStatus::kCompleted;
    } catch (const InputError& e) {
        result.status = IsolationStatus::kFailed;
        result.input_error = true;
        result.message = e.what();
    } catch (const std::exception& e) {
        result.status = IsolationStatus::kFailed;
        result.message = e.what();
    }
    result.call_index = progress.call_index.load();
    result.calls_started = progress.calls_started.load();
    result.phase = progress.phase.load();
    return result;
}

}  // namespace aetrace::plugin
