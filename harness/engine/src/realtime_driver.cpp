#include "aetrace/engine/realtime_driver.h"

#include <cstdint>
#include <exception>
#include <string>
#include <thread>
#include <utility>

#include "aetrace/engine/realtime_pacer.h"

namespace aetrace::engine {

RealtimeRun run_realtime(const Scenario& scenario, clock::VirtualClock& clock,
                         abi::ComPtr<abi::IUnknown> capture, abi::ComPtr<abi::IUnknown> render,
                         EngineListener* listener, HNSTIME duration, int priority) {
    // The real clock provides the jitter.
    Scenario realtime_scenario = scenario;
    const HNSTIME scenario_jitter = realtime_scenario.engine.jitter;
    realtime_scenario.engine.jitter = 0;

    RealtimeRun run;
    std::exception_ptr error;
    std::thread driver([&] {
        try {
            run.rt = make_thread_realtime(priority);
            const clock::SystemClock system_clock;
            RealtimePacer pacer(system_clock);  // origin: now, just before the run
            EngineModel model(realtime_scenario, clock, std::move(capture), std::move(render),
                              listener, &pacer);
            run.result = model.run(duration);
        } catch (...) {
            error = std::current_exception();
        }
    });
    driver.join();
    if (error) std::rethrow_exception(error);

    RunResult& r = run.result;
    if (scenario_jitter > 0)
        r.notes.push_back("real-time run: the scenario's jitter (" +
                          std::to_string(scenario_jitter / 10) +
                          " us) was not added; the real clock provides the jitter");
    run.max_lateness = r.max_lateness;
    const std::uint64_t steady = r.passes - r.prefill_passes;
    run.mean_lateness = steady > 0 ? r.total_lateness / static_cast<HNSTIME>(steady) : 0;
    return run;
}

}  // namespace aetrace::engine
