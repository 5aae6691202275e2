// Glue between the scenario pipeline, the engine model and the recorder (internal to the session
// layer): the trace header and records the pipeline writes, and the engine listener that notes
// engine-side contract violations and wake-ups in the trace.
#pragma once

#include <cstdint>
#include <string>

#include "aetrace/abi/wave_format.h"
#include "aetrace/audio/canonical.h"
#include "aetrace/engine/engine_model.h"
#include "aetrace/format/records.h"
#include "aetrace/record/recorder.h"

namespace aetrace::session {

/// The header of a trace written by `aetrace run|record`: writer version, host OS, clock
/// ("virtual", or "system (real-time driver)" when `realtime`), `format` as the default format
/// (the Recorder adds kHeaderHashOnly when asked).
format::TraceHeader make_trace_header(const abi::StreamFormat& format, bool realtime);

/// An EndpointInfo record for endpoint `index`.
format::EndpointInfo endpoint_info(std::uint32_t index, format::EndpointRole role,
                                   const std::string& impl, const std::string& source_path,
                                   const std::string& source_hash, const abi::StreamFormat& format,
                                   const std::string& options);

/// The OutputDigest record of `endpoint` for `digest`.
format::OutputDigestRecord output_digest(std::uint32_t endpoint, const audio::AudioDigest& digest);

/// Engine listener that notes engine-side contract violations and engine wake-ups (Event
/// records) through the recorder (RT-safe: through the calling thread's capture ring), and, for
/// an engine model driven by virtual time (which runs far faster than real time), waits for the
/// writer every `passes_per_flush` passes (0 = never) so the capture rings never overflow.
class EngineRecording final : public engine::EngineListener {
  public:
    EngineRecording(record::Recorder& recorder, std::uint64_t passes_per_flush)
        : recorder_(recorder), passes_per_flush_(passes_per_flush) {}
    void on_pass_end(std::uint64_t pass, abi::HNSTIME) override {
        if (passes_per_flush_ && (pass + 1) % passes_per_flush_ == 0) recorder_.flush();
    }
    void on_engine_violation(abi::ContractRule rule, abi::MethodId method, std::uint64_t value,
                             std::uint64_t limit) override {
        recorder_.note_engine_violation(rule, method, value, limit);
    }
    void on_wake(abi::HNSTIME t, int endpoint) override {
        recorder_.note_event(format::EventKind::kEngineWoke, static_cast<std::uint32_t>(endpoint),
                             t);
    }

  private:
    record::Recorder& recorder_;
    std::uint64_t passes_per_flush_;
};

/// How many passes of `format` with `period` (HNSTIME) fit in a quarter of a capture ring of
/// `ring_bytes` (each pass moves at most one capture and one render packet plus ~10 calls), >= 1.
std::uint64_t passes_per_quarter_ring(const abi::StreamFormat& format, abi::HNSTIME period,
                                      std::size_t ring_bytes);

}  // namespace aetrace::session
