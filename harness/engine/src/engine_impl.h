// EngineModel::Impl: the engine model's state and its steps (internal to the engine layer). The
// run's structure (prepare, prefill, passes, teardown) is in engine_model.cpp, one pass of each
// endpoint and the scenario's actions in engine_passes.cpp.
#pragma once

#include <algorithm>
#include <cstdint>
#include <string>

#include "aetrace/abi/hresult.h"
#include "aetrace/engine/engine_model.h"
#include "endpoint_side.h"
#include "frame_fifo.h"

namespace aetrace::engine {

struct EngineModel::Impl {
    Scenario scenario;
    clock::VirtualClock& clock;
    EngineListener* listener;
    VirtualPacer virtual_pacer;
    Pacer& pacer;
    EndpointSide capture, render;
    bool ran = false;

    FrameFifo fifo;
    RunResult result;
    std::uint64_t pass_no = 0;
    bool failed = false;
    std::uint32_t silent_left = 0, partial_left = 0;
    double partial_fraction = 1.0;
    std::uint64_t render_position = 0;  // frames released to the render endpoint (timestamps)
    std::uint64_t render_space = 0;     // free render buffer frames seen by the last render pass
    HNSTIME t0 = 0;                     // the clock's time when run() began
    HNSTIME last_time = 0;              // the latest time set on the clock (pacing never goes back)

    Impl(const Scenario& s, clock::VirtualClock& c, abi::ComPtr<abi::IUnknown> cap,
         abi::ComPtr<abi::IUnknown> ren, EngineListener* l, Pacer* p)
        : scenario(s), clock(c), listener(l), pacer(p ? *p : virtual_pacer) {
        capture.index = kCaptureEndpoint, capture.role = "capture",
        capture.unknown = std::move(cap);
        render.index = kRenderEndpoint, render.role = "render", render.unknown = std::move(ren);
    }

    const EngineSettings& settings() const { return scenario.engine; }

    void fail(std::string message) {
        if (failed) return;
        failed = true;
        result.ok = false;
        result.message = std::move(message);
    }

    void engine_violation(abi::ContractRule rule, abi::MethodId method, std::uint64_t value,
                          std::uint64_t limit, const EndpointSide& side) {
        ++result.violations;
        if (listener) listener->on_engine_violation(rule, method, value, limit);
        if (settings().strict)
            fail(std::string("contract violation: ") + abi::rule_name(rule) + " in " +
                 std::string(abi::method_info(method)->qualified_name) + " at pass " +
                 std::to_string(pass_no) + " of the " + side.role + " endpoint");
    }

    /// Reads the endpoints' violation counters (strict mode: the first new one fails the run).
    void check_violations() {
        for (EndpointSide* side : {&capture, &render}) {
            if (!side->ifaces.inspect) continue;
            const std::uint64_t count = side->ifaces.inspect->GetViolationCount();
            if (count <= side->violations_seen) continue;
            result.violations += count - side->violations_seen;
            if (settings().strict && !failed) {
                abi::ViolationInfo info;
                if (abi::succeeded(
                        side->ifaces.inspect->GetViolation(side->violations_seen, &info))) {
                    const abi::MethodInfo* m = abi::method_info(info.method);
                    fail(std::string("contract violation: ") + abi::rule_name(info.rule) + " in " +
                         (m ? std::string(m->qualified_name) : std::string("an unknown method")) +
                         " at call " + std::to_string(info.call_index) + " of the " + side->role +
                         " endpoint");
                } else {
                    fail("contract violation: #" + std::to_string(side->violations_seen) +
                         " (details not stored) of the " + side->role + " endpoint");
                }
            }
            side->violations_seen = count;
        }
    }

    /// Asks the Pacer for the absolute time `scheduled`, sets the clock to the time reached (never
    /// before `scheduled` nor before the previous time set) and returns it. `pass`: count the
    /// Pacer's lateness in the run result.
    HNSTIME pace_to(HNSTIME scheduled, bool pass) {
        const HNSTIME reached = std::max(t0 + pacer.wait_until(scheduled - t0), scheduled);
        if (pass) {
            const HNSTIME lateness = reached - scheduled;
            result.max_lateness = std::max(result.max_lateness, lateness);
            result.total_lateness += lateness;
        }
        last_time = std::max(last_time, reached);
        clock.set(last_time);
        return last_time;
    }

    void begin_pass(HNSTIME t) {
        clock.set(t);
        if (listener) listener->on_pass_begin(pass_no, t);
    }
    void end_pass(HNSTIME t) {
        if (listener) listener->on_pass_end(pass_no, t);
        ++pass_no;
        ++result.passes;
        check_violations();
    }

    /// One capture pass: GetCurrentPadding, read up to a packet into the FIFO, release it.
    void capture_pass();
    /// One render pass: fill up to a packet of free buffer from the FIFO (`prefill`: silence).
    /// Returns the frames asked for.
    std::uint32_t render_pass(bool prefill);
    /// Applies one scenario action (silent/partial passes, QPC error, control calls).
    void apply_action(const Action& action);

    /// Checks the settings, queries and initialises the endpoints (POLICY #11-12 up to
    /// SetPinActive) and allocates what the passes need. Returns "" or why the run cannot start.
    std::string prepare();
    /// Render prefill: silent packets, as soon as possible, until the buffer is full.
    void prefill();
    /// IAudioEndpointControl::Start on each endpoint (a failure fails the run).
    void start_endpoints();
    /// The nominal time of pass `k`: the timer schedule, or in event mode the earliest due time an
    /// endpoint announced after `last_nominal` (`woke`: the endpoints that announced it), else
    /// the timer schedule after `last_nominal` (counted in `fallbacks`).
    HNSTIME nominal_time(std::uint64_t k, HNSTIME last_nominal, bool (&woke)[2],
                         std::uint64_t& fallbacks);
    /// The passes until `end` (absolute) or a failure, applying the scenario's actions.
    void run_passes(HNSTIME end);
    /// Per endpoint Stop, SetPinInactive, Reset; failures become notes.
    void teardown();
    RunResult run(HNSTIME duration);
};

}  // namespace aetrace::engine
