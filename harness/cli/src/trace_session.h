// TraceSession: the trace writer of one run, and the glue between the recorder, the engine model's
// listener callbacks and the writer (internal to the CLI layer).
#pragma once

#include <filesystem>
#include <string>

#include "aetrace/audio/canonical.h"
#include "aetrace/engine/engine_model.h"
#include "aetrace/format/trace_writer.h"
#include "aetrace/record/recorder.h"

namespace aetrace::cli {

/// Writes drained records to a TraceWriter (RecordSink over format::TraceWriter).
class WriterSink final : public record::RecordSink {
  public:
    explicit WriterSink(format::TraceWriter& writer) : writer_(writer) {}
    void on_call(const format::CallRecord& call) override { writer_.write_call(call); }
    void on_payload(std::uint64_t seq, std::uint32_t endpoint, std::uint32_t frames,
                    const std::uint8_t* bytes, std::uint32_t size) override {
        writer_.write_payload(seq, endpoint, frames, bytes, size);
    }
    void on_violation(const format::ViolationRecord& v) override { writer_.write_violation(v); }
    void on_gap(std::uint32_t thread, std::uint64_t first_seq, std::uint64_t count) override {
        writer_.write_gap({thread, first_seq, count});
    }

  private:
    format::TraceWriter& writer_;
};

/// A trace being written: header, metadata, endpoint descriptions, the recorder's records, the
/// output digest; commit() makes it visible under its final name.
class TraceSession {
  public:
    TraceSession(const std::filesystem::path& path, const abi::StreamFormat& format,
                 bool hash_only);
    void write_metadata(const std::string& key, const std::string& value);
    void write_endpoint(std::uint32_t index, format::EndpointRole role, const std::string& impl,
                        const std::string& source_path, const std::string& source_hash,
                        const abi::StreamFormat& format, const std::string& options);
    void write_output_digest(std::uint32_t endpoint, const audio::AudioDigest& digest);
    void write_event(const format::EventRecord& event) { writer_.write_event(event); }
    void commit() { writer_.commit(); }
    record::RecordSink& sink() { return sink_; }

  private:
    format::TraceWriter writer_;
    WriterSink sink_;
};

/// Engine listener that drains the recorder after every pass (the non-RT point of the model),
/// stages engine-side contract violations and writes engine wake-ups as Event records.
class EngineRecording final : public engine::EngineListener {
  public:
    EngineRecording(record::Recorder& recorder, TraceSession& session)
        : recorder_(recorder), session_(session) {}
    void on_pass_end(std::uint64_t, abi::HNSTIME) override { recorder_.drain(session_.sink()); }
    void on_engine_violation(abi::ContractRule rule, abi::MethodId method, std::uint64_t value,
                             std::uint64_t limit) override {
        recorder_.note_engine_violation(rule, method, value, limit);
    }
    void on_wake(abi::HNSTIME t, int endpoint) override;

  private:
    record::Recorder& recorder_;
    TraceSession& session_;
};

}  // namespace aetrace::cli
