// Shared pieces of the recorder benchmarks: formats, endpoints, a Recorder writing to a scratch
// trace, the engine-like pass, percentiles and the list of issue-3 targets checked at the end.
//
// Nothing here is RT-safe except run_pass() (which is exactly as RT-safe as the endpoints it calls)
// and the RtInterfaces calls themselves.
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "aetrace/abi/abi.h"
#include "aetrace/clock/clock.h"
#include "aetrace/format/records.h"
#include "aetrace/record/recorder.h"
#include "trivial_endpoint.h"

namespace aetrace::bench {

/// Frames of one 10 ms packet at 48 kHz.
inline constexpr std::uint32_t kPacketFrames = 480;
/// The engine period, HNSTIME (10 ms).
inline constexpr abi::HNSTIME kPeriod = 100'000;
/// API calls made by one run_pass().
inline constexpr std::uint64_t kCallsPerPass = 8;

/// 48 kHz float32 with `channels` channels.
abi::StreamFormat float_format(std::uint16_t channels);

/// Directory for the benchmark traces, <temp>/aetrace-bench-<pid>, created on first use and
/// removed by remove_scratch_dir() (main calls it at exit). Not thread-safe.
std::filesystem::path scratch_dir();
void remove_scratch_dir() noexcept;

/// Which endpoint implementation a benchmark calls.
enum class EndpointKind : std::uint8_t { kTrivial, kReference };
const char* kind_name(EndpointKind kind) noexcept;

/// A new, not yet started endpoint. kReference: endpoints::make_wav_capture_endpoint with
/// `source_seconds` of pseudo-random noise, or make_wav_render_endpoint (device output capacity 20
/// s), both reading `clock` (which must outlive them). kTrivial: make_trivial_endpoint with
/// kPacketFrames-frame packets. Throws on failure. Not RT.
abi::ComPtr<abi::IUnknown> make_endpoint(EndpointKind kind, TrivialRole role,
                                         const abi::StreamFormat& format, const clock::Clock& clock,
                                         double source_seconds = 1.0);

/// SetBuffer(kPeriod, 2) then Start, through whatever `endpoint` is (a proxy records them).
/// Throws std::runtime_error when either fails. Not RT.
void start_endpoint(const abi::ComPtr<abi::IUnknown>& endpoint);

/// The RT interfaces of one endpoint or proxy, queried once before the passes (QueryInterface is
/// not an RT method). `input` is set for capture endpoints, `output` for render endpoints.
struct RtInterfaces {
    abi::ComPtr<abi::IAudioEndpointRT> rt;
    abi::ComPtr<abi::IAudioInputEndpointRT> input;
    abi::ComPtr<abi::IAudioOutputEndpointRT> output;
};
/// Throws std::runtime_error when `endpoint` lacks IAudioEndpointRT or both data interfaces.
RtInterfaces rt_interfaces(const abi::ComPtr<abi::IUnknown>& endpoint);

/// One engine pass as the engine model makes it (kCallsPerPass calls): capture GetCurrentPadding,
/// GetInputDataPointer(min(padding, frames)), copy of the captured frames into `staging` (room for
/// `frames` frames), ReleaseInputDataPointer, ProcessingComplete; then render GetCurrentPadding,
/// GetOutputDataPointer(min(2 * kPacketFrames - padding, frames)), copy from `staging` (silence
/// after the captured frames), ReleaseOutputDataPointer, ProcessingComplete. Padding is read as
/// frames. Returns the frames rendered. No allocation, lock or system call of its own.
std::uint32_t run_pass(const RtInterfaces& capture, const RtInterfaces& render,
                       std::uint32_t frames, std::uint32_t bytes_per_frame,
                       std::uint8_t* staging) noexcept;

/// A record::Recorder writing to a fresh trace `<scratch>/<name>.aet` (header with `format`), with
/// its own virtual clock (stamps virtual_time; reference endpoints should read clock()) and the
/// real SystemClock. The trace is removed on destruction. Not RT.
class BenchRecorder {
  public:
    BenchRecorder(const std::string& name, const abi::StreamFormat& format,
                  record::RecorderOptions options = {});
    ~BenchRecorder();
    BenchRecorder(const BenchRecorder&) = delete;
    BenchRecorder& operator=(const BenchRecorder&) = delete;

    record::Recorder& recorder() noexcept { return *recorder_; }
    clock::VirtualClock& clock() noexcept { return virtual_clock_; }
    /// Recording proxy for `inner` as endpoint `index` (EndpointInfo with `role`, implementation
    /// `implementation`, format of this recorder).
    abi::ComPtr<abi::IUnknown> wrap(abi::ComPtr<abi::IUnknown> inner, std::uint32_t index,
                                    TrivialRole role, const std::string& implementation);
    /// Recorder::finish(); afterwards trace_bytes() is the size of the committed trace.
    record::RecorderStats finish();
    std::uintmax_t trace_bytes() const;

  private:
    std::filesystem::path path_;
    abi::StreamFormat format_;
    clock::VirtualClock virtual_clock_;
    clock::SystemClock real_clock_;
    std::unique_ptr<record::Recorder> recorder_;
    bool finished_ = false;
};

/// CPU time consumed by the calling thread, ns (CLOCK_THREAD_CPUTIME_ID; a system call: call it
/// outside the timed calls). Falls back to steady_clock where that clock does not exist.
std::int64_t thread_cpu_ns() noexcept;

/// Paces a loop to `rate` events per second without hogging the CPU: tick(n) after n events
/// sleeps until the schedule when the loop is at least 200 us ahead of it, so fast loops run in
/// bursts of about 200 us and leave the core to the writer thread in between (as an engine's RT
/// thread waits between passes). A loop behind schedule is not slowed. rate <= 0: never waits.
class Pacer {
  public:
    explicit Pacer(double rate);
    void tick(std::uint64_t n = 1);

  private:
    std::chrono::steady_clock::time_point start_;
    double rate_;
    std::uint64_t events_ = 0;
};

/// The value below which `fraction` (0..1) of `samples` lie (nearest rank). Reorders `samples`.
/// 0 for an empty vector.
double percentile(std::vector<double>& samples, double fraction);

/// An issue-3 target: `measured` must be <= `limit` (or >= when !at_most). Printed by main as a
/// PASS or MISS line after all benchmarks ran.
struct TargetCheck {
    std::string name;
    double measured = 0;
    double limit = 0;
    std::string unit;
    bool at_most = true;
};
/// Adds (or, for a repeated name, replaces) a target result. Not thread-safe.
void report_target(const TargetCheck& check);
const std::vector<TargetCheck>& targets();
/// Adds a line of context printed with the targets ("max pass rate without drops: ...").
void report_note(const std::string& line);
const std::vector<std::string>& notes();

}  // namespace aetrace::bench
