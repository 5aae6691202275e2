// The real-time driver: runs the engine model on its own thread against the real clock.
//
// run_realtime() starts a std::thread, makes it real-time (SCHED_FIFO when permitted, normal
// priority otherwise: make_thread_realtime), and runs an EngineModel there with a RealtimePacer:
// each pass waits for its scheduled time on the real monotonic clock, and the time the thread
// really woke up is what the engine puts into the VirtualClock. Endpoints, listeners and a
// recorder therefore see real, jittered time, and a trace records it as virtual time; replaying
// that trace is deterministic because replay sets the recorded virtual times.
//
// Differences from EngineModel::run() with the default VirtualPacer:
// - the run takes real time (duration + tail);
// - the scenario's jitter (engine.jitter_us) is not added: the real clock provides the jitter (a
//   note in RunResult::notes says so when the scenario asked for some);
// - a pass that is late by more than a period does not shift the schedule: pass k stays due at
//   t0 + k * period, so late passes run back to back until the engine has caught up.
#pragma once

#include <cstdint>

#include "aetrace/abi/unknown.h"
#include "aetrace/clock/clock.h"
#include "aetrace/engine/engine_model.h"
#include "aetrace/engine/realtime_thread.h"
#include "aetrace/engine/scenario.h"

namespace aetrace::engine {

/// The outcome of run_realtime().
struct RealtimeRun {
    RunResult result;  ///< what EngineModel::run() returned
    RealtimeInfo rt;   ///< the scheduling the driving thread got
    /// Lateness of the steady passes (prefill excluded), HNSTIME: real time reached minus the
    /// scheduled time t0 + k * period (timer) or the announced due time (event).
    HNSTIME max_lateness = 0;
    HNSTIME mean_lateness = 0;  ///< total / passes, rounded down; 0 when there was no pass
};

/// Runs `scenario` in real time: EngineModel(scenario without jitter, clock, capture, render,
/// listener, RealtimePacer).run(duration) on a new thread made real-time at `priority` (1..99,
/// clamped), then joins it. Blocks the caller for about duration + tail of real time.
///
/// `clock` (in/out) is borrowed; it is set from the driving thread while the run lasts and must
/// be the clock the endpoints read. `capture` / `render` as for EngineModel (either may be null,
/// not both); their methods are called on the driving thread. `listener` (borrowed, may be null)
/// is called on the driving thread too; the calling thread is blocked meanwhile, so it needs no
/// locking, but it should be cheap (it runs inside the real-time schedule). `duration`: the
/// input's length, HNSTIME (>= 0).
///
/// Endpoint failures are reported in RealtimeRun::result as by EngineModel::run(). Throws
/// std::system_error when the thread cannot be started, and rethrows on the calling thread what
/// EngineModel::run() threw on the driving thread (std::bad_alloc). Not RT-safe; not reentrant
/// for one clock.
RealtimeRun run_realtime(const Scenario& scenario, clock::VirtualClock& clock,
                         abi::ComPtr<abi::IUnknown> capture, abi::ComPtr<abi::IUnknown> render,
                         EngineListener* listener, HNSTIME duration, int priority = 80);

}  // namespace aetrace::engine
