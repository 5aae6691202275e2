// Recorder: wraps endpoint objects in recording proxies and captures every call, in order.
//
// A proxy implements, through QueryInterface, exactly those of the six API interfaces that the
// wrapped object implements. Each proxy method calls the wrapped method, then stages one
// format::CallRecord (inputs, outputs, return value, virtual and real timestamps, thread, global
// sequence number) and, for data calls, the audio buffer with its XXH3-64 hash. After each call it
// also stages any new contract violation the wrapped object reports through
// abi::IAetraceEndpointInspect. QueryInterface for IAetraceEndpointInspect is passed through to the
// wrapped object (not recorded).
//
// Real-time safety: the proxies' RT methods (IAudioEndpointRT, IAudioInputEndpointRT,
// IAudioOutputEndpointRT) do not allocate, lock, make a system call or do I/O: they hash and copy
// into the preallocated StagingBuffer. drain() moves the staged records to a RecordSink (the trace
// writer) and must be called from a non-RT point, e.g. after each engine pass.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>

#include "aetrace/abi/abi.h"
#include "aetrace/clock/clock.h"
#include "aetrace/format/call_record.h"
#include "aetrace/record/staging.h"

namespace aetrace::record {

struct RecorderOptions {
    /// Hash audio buffers but do not store them (privacy). Replay can then check hashes and the
    /// call schedule but not feed render data.
    bool hash_only = false;
    /// Records the staging buffer holds between two drains.
    std::size_t max_staged_records = 16384;
    /// Audio bytes the staging buffer holds between two drains.
    std::size_t max_staged_payload_bytes = 16u << 20;
};

class Recorder {
  public:
    /// `virtual_clock` stamps CallRecord::virtual_time; `real_clock` (optional, may be null)
    /// stamps CallRecord::real_time (0 when null, which keeps traces of deterministic runs
    /// reproducible byte for byte). Both must outlive the recorder and its proxies. Not RT.
    Recorder(const clock::Clock& virtual_clock, const clock::Clock* real_clock,
             RecorderOptions options = {});
    ~Recorder();
    Recorder(const Recorder&) = delete;
    Recorder& operator=(const Recorder&) = delete;

    /// Returns a recording proxy around `inner`, whose calls are recorded with
    /// CallRecord::endpoint = `endpoint_index`. `format` is the endpoint format (used to size
    /// audio buffers: frames x block align). Throws std::invalid_argument for a null inner.
    /// The proxy holds a reference on `inner`; the recorder must outlive the proxy. Not RT.
    abi::ComPtr<abi::IUnknown> wrap(abi::ComPtr<abi::IUnknown> inner, std::uint32_t endpoint_index,
                                    const abi::StreamFormat& format);

    /// Stages a violation found by the engine model for the most recent call to `method`
    /// (call_seq = the last recorded seq). RT-safe.
    void note_engine_violation(abi::ContractRule rule, abi::MethodId method, std::uint64_t value,
                               std::uint64_t limit) noexcept;

    /// Moves everything staged so far to `sink`, in order. Not RT.
    void drain(RecordSink& sink);

    /// Calls recorded so far (next sequence number).
    std::uint64_t calls() const noexcept { return next_seq_.load(std::memory_order_acquire); }
    /// Records dropped because the staging buffer was full.
    std::uint64_t dropped() const noexcept { return staging_.dropped(); }
    const RecorderOptions& options() const noexcept { return options_; }

    // Used by the proxies (internal).
    std::uint64_t next_seq() noexcept { return next_seq_.fetch_add(1, std::memory_order_acq_rel); }
    abi::HNSTIME virtual_now() const noexcept { return virtual_clock_.now(); }
    abi::HNSTIME real_now() const noexcept { return real_clock_ ? real_clock_->now() : 0; }
    StagingBuffer& staging() noexcept { return staging_; }

  private:
    const clock::Clock& virtual_clock_;
    const clock::Clock* real_clock_;
    RecorderOptions options_;
    StagingBuffer staging_;
    std::atomic<std::uint64_t> next_seq_{0};
};

/// Small index of the calling thread (0 for the first thread that records), stable for the
/// thread's life. RT-safe (a thread_local integer and one atomic increment on first use).
std::uint32_t current_thread_index() noexcept;

}  // namespace aetrace::record
