#include "aetrace/engine/engine_model.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <stdexcept>

#include "aetrace/abi/hresult.h"
#include "aetrace/clock/frame_math.h"
#include "engine_impl.h"
#include "splitmix64.h"

namespace aetrace::engine {

void EngineListener::on_pass_begin(std::uint64_t, HNSTIME) {}
void EngineListener::on_pass_end(std::uint64_t, HNSTIME) {}
void EngineListener::on_engine_violation(abi::ContractRule, abi::MethodId, std::uint64_t,
                                         std::uint64_t) {}
void EngineListener::on_wake(HNSTIME, int) {}
EngineListener::~EngineListener() = default;

namespace {

constexpr std::uint64_t kFifoPackets = 16;  // FIFO room beyond the render buffer, in packets

}  // namespace

std::string EngineModel::Impl::prepare() {
    const EngineSettings& s = settings();
    if (!capture.present() && !render.present()) return "no endpoint to drive";
    if (s.period <= 0) return "the engine period must be positive";
    for (EndpointSide* side : {&capture, &render}) {
        if (!side->present()) continue;
        if (std::string e = side->query_interfaces(); !e.empty()) return e;
    }
    for (EndpointSide* side : {&capture, &render}) {
        if (!side->present()) continue;
        if (std::string e = side->init(s, result.notes); !e.empty()) return e;
    }
    if (capture.present() && render.present() && !(capture.format == render.format))
        return "capture format (" + abi::describe(capture.format) +
               ") differs from render format (" + abi::describe(render.format) +
               "); the engine model does not convert";

    // Everything the pass loop needs is allocated here.
    const EndpointSide& fmt_side = capture.present() ? capture : render;
    const std::uint32_t max_packet = std::max(capture.frames_per_packet, render.frames_per_packet);
    fifo.init(fmt_side.format.bytes_per_frame(), render.buffer_frames + kFifoPackets * max_packet);
    result.notes.reserve(result.notes.size() + 8);
    return {};
}

void EngineModel::Impl::prefill() {
    const std::uint64_t max_passes =
        render.buffer_frames / std::max(render.frames_per_packet, 1u) + 2;
    for (std::uint64_t i = 0; i < max_passes && !failed; ++i) {
        const HNSTIME t = pace_to(t0, false);  // as soon as possible: no lateness
        begin_pass(t);
        const std::uint64_t before = result.violations;
        const std::uint32_t n = render_pass(true);
        end_pass(t);
        ++result.prefill_passes;
        if (n >= render_space || result.violations != before) break;  // full
    }
}

void EngineModel::Impl::start_endpoints() {
    for (EndpointSide* side : {&capture, &render}) {
        if (!side->present() || failed) continue;
        if (abi::HRESULT hr = side->ifaces.control->Start(); abi::failed(hr))
            fail(std::string(side->role) +
                 " IAudioEndpointControl::Start failed: " + abi::hresult_name(hr));
    }
}

HNSTIME EngineModel::Impl::nominal_time(std::uint64_t k, HNSTIME last_nominal, bool (&woke)[2],
                                        std::uint64_t& fallbacks) {
    const EngineSettings& s = settings();
    if (s.driving == Driving::kTimer) return t0 + static_cast<HNSTIME>(k) * s.period;
    HNSTIME nominal = abi::kNeverDue;
    for (EndpointSide* side : {&capture, &render}) {
        if (!side->event_mode) continue;
        const HNSTIME due = side->event.due.load(std::memory_order_acquire);
        if (due != abi::kNeverDue && due > last_nominal) nominal = std::min(nominal, due);
    }
    if (nominal == abi::kNeverDue) {
        ++fallbacks;
        return k == 0 ? t0 : last_nominal + s.period;
    }
    for (EndpointSide* side : {&capture, &render})
        woke[side->index] =
            side->event_mode && side->event.due.load(std::memory_order_acquire) == nominal;
    return nominal;
}

void EngineModel::Impl::run_passes(HNSTIME end) {
    const EngineSettings& s = settings();
    SplitMix64 rng(s.seed);
    std::size_t next_action = 0;
    std::uint64_t fallbacks = 0;
    const std::uint64_t pass_limit =
        16 * (static_cast<std::uint64_t>((end - t0) / s.period) + 1) + 1024;
    HNSTIME last_nominal = t0 - 1;
    for (std::uint64_t k = 0; !failed; ++k) {
        bool woke[2] = {false, false};
        const HNSTIME nominal = nominal_time(k, last_nominal, woke, fallbacks);
        if (nominal >= end) break;
        if (k >= pass_limit) {
            fail("event mode: more than " + std::to_string(pass_limit) +
                 " passes (endpoints announce due times too close together)");
            break;
        }
        const HNSTIME jitter =
            static_cast<HNSTIME>(rng.next() % (static_cast<std::uint64_t>(s.jitter) + 1));
        const HNSTIME t = pace_to(nominal + jitter, true);
        for (int i = 0; i < 2; ++i)
            if (woke[i] && listener) listener->on_wake(t, i);
        begin_pass(t);
        while (next_action < scenario.actions.size() && scenario.actions[next_action].at <= t - t0)
            apply_action(scenario.actions[next_action++]);
        if (capture.present()) capture_pass();
        if (render.present()) render_pass(false);
        clock.set_qpc_error(false);
        end_pass(t);
        last_nominal = nominal;
    }
    if (fallbacks > 0)
        result.notes.push_back("event mode: no endpoint announced a due time for " +
                               std::to_string(fallbacks) + " passes; the timer schedule was used");
    if (next_action < scenario.actions.size() && !failed)
        result.notes.push_back(std::to_string(scenario.actions.size() - next_action) +
                               " action(s) after the end of the run were not applied");
}

void EngineModel::Impl::teardown() {
    for (EndpointSide* side : {&capture, &render}) {
        if (!side->present() || !side->ifaces.control) continue;
        for (ActionKind kind : {ActionKind::kStop, ActionKind::kPinInactive, ActionKind::kReset}) {
            std::string error = side->control_call(kind);
            if (!error.empty()) result.notes.push_back("teardown: " + error);
        }
    }
}

RunResult EngineModel::Impl::run(HNSTIME duration) {
    if (ran) throw std::logic_error("EngineModel::run called twice");
    ran = true;
    result = RunResult{};
    result.ok = true;
    t0 = last_time = clock.now();
    if (std::string error = prepare(); !error.empty()) {
        fail(std::move(error));  // before any pass: no teardown
        result.end_time = t0;
        return result;
    }
    const EngineSettings& s = settings();
    pace_to(t0, false);
    if (render.present() && s.prefill && render.buffer_frames > 0) prefill();
    const HNSTIME latency = std::max(capture.latency, render.latency);
    const HNSTIME end =
        t0 + std::max<HNSTIME>(duration, 0) + s.tail.value_or(2 * s.period + latency);
    start_endpoints();
    run_passes(end);

    // Teardown: per endpoint Stop, SetPinInactive, Reset (POLICY #11-12).
    const HNSTIME t_end = pace_to(failed ? last_time : end, false);
    teardown();
    check_violations();
    result.end_time = t_end;
    return result;
}

EngineModel::EngineModel(const Scenario& scenario, clock::VirtualClock& clock,
                         abi::ComPtr<abi::IUnknown> capture, abi::ComPtr<abi::IUnknown> render,
                         EngineListener* listener, Pacer* pacer)
    : impl_(std::make_unique<Impl>(scenario, clock, std::move(capture), std::move(render), listener,
                                   pacer)) {}

EngineModel::~EngineModel() = default;

RunResult EngineModel::run(HNSTIME duration) {
    return impl_->run(duration);
}

}  // namespace aetrace::engine
