// EngineModel: a deterministic model of the Windows audio engine.
//
// It drives a capture and a render endpoint pass by pass, in loopback (captured frames go through a
// FIFO to the render endpoint), under a clock::VirtualClock, through the six API interfaces only
// (obtained by QueryInterface), so it works on any object implementing them, including a recording
// proxy. It never reads the system clock or sleeps. Call orders follow POLICY.md #9 and #11-12;
// u32Signature is 'ACPS' (#5); a zero GetOutputDataPointer is "no buffer this pass" (#7); in event
// mode it waits on abi::VirtualEvent due times in virtual time (#10).
//
// Pacing: before the prefill, before every pass and before teardown the model asks its Pacer
// (pacer.h) to reach the scheduled time and sets the VirtualClock to the time the Pacer returns.
// The default VirtualPacer returns the scheduled time at once (deterministic and instant); a
// RealtimePacer sleeps on the real clock (see realtime_driver.h), so the same model runs in real
// time. The model itself never reads the system clock or sleeps.
//
// Sequence of a run:
//   init, per endpoint (capture first, then render): GetFrameFormat, GetFramesPerPacket,
//     GetEventDrivenCapable, SetBuffer(period, coefficient), GetLatency,
//     [event mode: SetStreamFlags(AUDCLNT_STREAMFLAGS_EVENTCALLBACK), SetEventHandle],
//     SetPinActive;
//   render prefill passes (GetCurrentPadding, GetOutputDataPointer, ReleaseOutputDataPointer with
//     BUFFER_SILENT, ProcessingComplete) until the render buffer is full;
//   Start (capture, then render);
//   passes until duration + tail: capture pass (GetCurrentPadding, GetInputDataPointer,
//     ReleaseInputDataPointer, ProcessingComplete), then render pass (GetCurrentPadding,
//     GetOutputDataPointer, ReleaseOutputDataPointer, ProcessingComplete, [event mode:
//     PulseEndpoint]);
//   teardown, per endpoint (capture, then render): Stop, SetPinInactive, Reset.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "aetrace/abi/contract.h"
#include "aetrace/abi/methods.h"
#include "aetrace/abi/types.h"
#include "aetrace/abi/unknown.h"
#include "aetrace/clock/clock.h"
#include "aetrace/engine/pacer.h"
#include "aetrace/engine/scenario.h"

namespace aetrace::engine {

/// Index of an endpoint in listener callbacks and messages.
inline constexpr int kCaptureEndpoint = 0;
inline constexpr int kRenderEndpoint = 1;

/// Observer of a run. All callbacks are made on the thread that called run(), outside any
/// endpoint call, and have empty defaults. A listener must not call back into the EngineModel.
struct EngineListener {
    /// A pass (prefill or steady) begins; `pass` counts every pass from 0; `t` is its time.
    virtual void on_pass_begin(std::uint64_t pass, HNSTIME t);
    /// A pass ended (all its endpoint calls returned). The recorder's non-RT flush point.
    virtual void on_pass_end(std::uint64_t pass, HNSTIME t);
    /// The engine found a contract violation on its side (POLICY #7: kNullOutputPointer with
    /// value 0 and limit = the frames asked for; kNullPointerArgument for a capture buffer of 0).
    virtual void on_engine_violation(abi::ContractRule rule, abi::MethodId method,
                                     std::uint64_t value, std::uint64_t limit);
    /// Event mode: the engine wakes at `t` because `endpoint` (kCaptureEndpoint or
    /// kRenderEndpoint) announced that due time. Called before on_pass_begin of that pass, once
    /// per endpoint whose due time it is.
    virtual void on_wake(HNSTIME t, int endpoint);
    virtual ~EngineListener();
};

/// The outcome of EngineModel::run().
struct RunResult {
    bool ok = false;
    std::string message;                ///< why the run failed (empty when ok)
    std::uint64_t passes = 0;           ///< every pass, prefill included
    std::uint64_t prefill_passes = 0;   ///< render-only passes before Start
    std::uint64_t frames_captured = 0;  ///< frames released by the capture passes
    std::uint64_t frames_rendered = 0;  ///< u32ValidFrameCount released by the steady render passes
    std::uint64_t violations = 0;       ///< engine-side plus endpoint-reported contract violations
    std::uint64_t fifo_overrun_frames = 0;  ///< captured frames dropped because the FIFO was full
    HNSTIME end_time = 0;  ///< virtual time of teardown: t0 + duration + tail (or the last pass, if
                           ///< later or if the run failed), as reached by the Pacer
    /// Pacing lateness over the steady passes (not the prefill passes, which run as soon as
    /// possible): how much later than its scheduled time (t0 + k * period + jitter, or the event
    /// due time) the Pacer returned, HNSTIME. Always 0 with the VirtualPacer. Mean lateness =
    /// total_lateness / (passes - prefill_passes).
    HNSTIME max_lateness = 0;
    HNSTIME total_lateness = 0;
    std::vector<std::string> notes;  ///< non-fatal remarks (timer fallback, rejected actions, ...)
};

/// Drives one capture and one render endpoint. Either may be null, but not both: with no capture,
/// every render pass produces 0 frames (an underrun); with no render, captured frames fill the FIFO
/// and the oldest are dropped (counted in RunResult::fifo_overrun_frames).
///
/// Not thread-safe; run() may be called once. The endpoints must implement IAudioEndpoint,
/// IAudioEndpointRT, IAudioDeviceEndpoint, IAudioEndpointControl and IAudioInputEndpointRT
/// (capture) or IAudioOutputEndpointRT (render); IAetraceEndpointInspect is used when present.
class EngineModel {
  public:
    /// `scenario` is copied. `clock` is borrowed and must outlive the model; the model sets it
    /// (and its QPC-error flag) during run(). `capture` / `render` are held (AddRef) until the
    /// model is destroyed. `listener` is borrowed, may be null, and must outlive run().
    /// `pacer` is borrowed, may be null (= a VirtualPacer: today's instant, deterministic run),
    /// must outlive run() and is called on the thread that calls run().
    EngineModel(const Scenario& scenario, clock::VirtualClock& clock,
                abi::ComPtr<abi::IUnknown> capture, abi::ComPtr<abi::IUnknown> render,
                EngineListener* listener = nullptr, Pacer* pacer = nullptr);
    ~EngineModel();
    EngineModel(const EngineModel&) = delete;
    EngineModel& operator=(const EngineModel&) = delete;

    /// Runs the whole sequence above from the clock's current time t0. `duration` (HNSTIME, >= 0)
    /// is the input's length; passes run while their nominal time is before
    /// t0 + duration + tail. Never throws for endpoint behaviour: a failed init HRESULT (message
    /// "<capture|render> <Interface::Method> failed: <hresult_name>"), a missing interface, an
    /// unsupported or mismatched format, or (strict mode) a contract violation ("contract
    /// violation: <rule> in <Interface::Method> at call <index> of the <capture|render> endpoint")
    /// ends the run with ok = false. Throws std::logic_error when called twice and std::bad_alloc
    /// when out of memory. The pass loop itself does not allocate (buffers are sized at init).
    /// Takes as long as the Pacer makes it: no time with the VirtualPacer, duration + tail of
    /// real time with a RealtimePacer.
    RunResult run(HNSTIME duration);

  private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace aetrace::engine
