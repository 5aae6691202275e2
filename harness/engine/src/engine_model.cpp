#include "aetrace/engine/engine_model.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <stdexcept>

#include "aetrace/abi/hresult.h"
#include "aetrace/clock/frame_math.h"
#include "endpoint_side.h"
#include "frame_fifo.h"
#include "splitmix64.h"

namespace aetrace::engine {

void EngineListener::on_pass_begin(std::uint64_t, HNSTIME) {}
void EngineListener::on_pass_end(std::uint64_t, HNSTIME) {}
void EngineListener::on_engine_violation(abi::ContractRule, abi::MethodId, std::uint64_t,
                                         std::uint64_t) {}
void EngineListener::on_wake(HNSTIME, int) {}
EngineListener::~EngineListener() = default;

namespace {

constexpr std::uint8_t kGarbageByte = 0xA5;  // silent action: bytes the endpoint must ignore
constexpr std::uint64_t kFifoPackets = 16;   // FIFO room beyond the render buffer, in packets

}  // namespace

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
            if (!side->inspect) continue;
            const std::uint64_t count = side->inspect->GetViolationCount();
            if (count <= side->violations_seen) continue;
            result.violations += count - side->violations_seen;
            if (settings().strict && !failed) {
                abi::ViolationInfo info;
                if (abi::succeeded(side->inspect->GetViolation(side->violations_seen, &info))) {
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

    void capture_pass();
    std::uint32_t render_pass(bool prefill);
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

void EngineModel::Impl::capture_pass() {
    EndpointSide& c = capture;
    HNSTIME padding = 0;
    abi::AE_CURRENT_POSITION pos{};
    c.rt->GetCurrentPadding(&padding, &pos);
    const std::uint64_t available = c.padding_frames(padding, settings().padding_unit);
    const auto n =
        static_cast<std::uint32_t>(std::min<std::uint64_t>(available, c.frames_per_packet));
    abi::APO_CONNECTION_PROPERTY prop{0, n, abi::BUFFER_INVALID,
                                      abi::APO_CONNECTION_PROPERTY_SIGNATURE};
    abi::AE_CURRENT_POSITION ts{};
    c.input->GetInputDataPointer(&prop, &ts);
    if (n > 0) {
        std::uint64_t dropped = 0;
        if (prop.pBuffer == 0) {
            engine_violation(abi::ContractRule::kNullPointerArgument,
                             abi::MethodId::IAudioInputEndpointRT_GetInputDataPointer, 0, n, c);
            dropped = fifo.push(nullptr, n);
        } else if (prop.u32BufferFlags == abi::BUFFER_SILENT) {
            dropped = fifo.push(nullptr, n);
        } else {
            dropped = fifo.push(reinterpret_cast<const std::uint8_t*>(prop.pBuffer), n);
        }
        result.fifo_overrun_frames += dropped;
    }
    c.input->ReleaseInputDataPointer(n, prop.pBuffer);
    c.rt->ProcessingComplete();
    result.frames_captured += n;
}

std::uint32_t EngineModel::Impl::render_pass(bool prefill) {
    EndpointSide& r = render;
    const std::uint32_t bpf = r.format.bytes_per_frame();
    HNSTIME padding = 0;
    abi::AE_CURRENT_POSITION pos{};
    r.rt->GetCurrentPadding(&padding, &pos);
    const std::uint64_t queued = r.padding_frames(padding, settings().padding_unit);
    const std::uint64_t space = r.buffer_frames > queued ? r.buffer_frames - queued : 0;
    render_space = space;
    const auto n = static_cast<std::uint32_t>(std::min<std::uint64_t>(space, r.frames_per_packet));

    abi::AE_CURRENT_POSITION ts{};
    ts.u64DevicePosition = ts.u64StreamPosition = render_position;
    ts.u64PaddingFrames = queued;
    ts.hnsQPCPosition = clock.now();
    ts.f32FramesPerSecond = static_cast<abi::FLOAT32>(r.format.sample_rate);
    ts.Flag = clock.qpc_error() ? static_cast<abi::AE_POSITION_FLAGS>(abi::POSITION_CONTINUOUS |
                                                                      abi::POSITION_QPC_ERROR)
                                : abi::POSITION_CONTINUOUS;
    const abi::UINT_PTR p = r.output->GetOutputDataPointer(n, &ts);
    if (p == 0) {
        engine_violation(abi::ContractRule::kNullOutputPointer,
                         abi::MethodId::IAudioOutputEndpointRT_GetOutputDataPointer, 0, n, r);
    } else {
        auto* dst = reinterpret_cast<std::uint8_t*>(p);
        std::uint32_t produced = 0;
        abi::APO_BUFFER_FLAGS flags = abi::BUFFER_VALID;
        if (prefill) {
            produced = n;
            flags = abi::BUFFER_SILENT;
            std::memset(dst, 0, static_cast<std::size_t>(n) * bpf);
        } else {
            std::uint64_t want = n;
            if (partial_left > 0)
                want = static_cast<std::uint64_t>(std::floor(n * partial_fraction));
            produced = static_cast<std::uint32_t>(std::min<std::uint64_t>(want, fifo.size()));
            if (silent_left > 0) {
                flags = abi::BUFFER_SILENT;
                std::memset(dst, kGarbageByte, static_cast<std::size_t>(n) * bpf);
                fifo.discard(produced);
            } else {
                fifo.pop(dst, produced);
            }
            result.frames_rendered += produced;
        }
        const abi::APO_CONNECTION_PROPERTY prop{p, produced, flags,
                                                abi::APO_CONNECTION_PROPERTY_SIGNATURE};
        r.output->ReleaseOutputDataPointer(&prop);
        render_position += produced;
    }
    r.rt->ProcessingComplete();
    if (r.event_mode) r.output->PulseEndpoint();
    if (!prefill) {
        if (silent_left > 0) --silent_left;
        if (partial_left > 0) --partial_left;
    }
    return n;
}

void EngineModel::Impl::apply_action(const Action& a) {
    switch (a.kind) {
        case ActionKind::kSilent:
            silent_left = a.passes;
            return;
        case ActionKind::kPartial:
            partial_left = a.passes;
            partial_fraction = a.fraction;
            return;
        case ActionKind::kQpcError:
            clock.set_qpc_error(true);
            return;
        default:
            break;
    }
    for (EndpointSide* side : {&capture, &render}) {
        if (!side->present()) continue;
        if (a.target != ActionTarget::kBoth &&
            (a.target == ActionTarget::kCapture) != (side->index == kCaptureEndpoint))
            continue;
        std::string error = side->control_call(a.kind);
        if (!error.empty())
            result.notes.push_back("pass " + std::to_string(pass_no) + ": " + error);
    }
}

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
        if (abi::HRESULT hr = side->control->Start(); abi::failed(hr))
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
        if (!side->present() || !side->control) continue;
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
