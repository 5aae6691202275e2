#include "aetrace/record/recorder.h"

#include <stdexcept>

#include "aetrace/abi/error.h"
#include "aetrace/format/trace_writer.h"
#include "recorder_core.h"
#include "recording_proxy.h"
#include "writer_thread.h"

namespace aetrace::record {

Recorder::Recorder(const std::filesystem::path& trace, const format::TraceHeader& header,
                   const clock::Clock& virtual_clock, const clock::Clock* real_clock,
                   RecorderOptions options)
    : path_(trace) {
    if (options.max_threads == 0) throw std::invalid_argument("Recorder: max_threads is 0");
    if (options.flush_interval <= 0)
        throw std::invalid_argument("Recorder: flush_interval must be positive");
    format::TraceHeader h = header;
    if (options.hash_only) h.flags |= format::kHeaderHashOnly;
    format::TraceWriter writer = format::TraceWriter::create(trace, h);  // InputError naming path
    core_ = std::make_shared<detail::RecorderCore>(virtual_clock, real_clock, options);
    writer_ = std::make_unique<detail::WriterThread>(core_, std::move(writer));
}

Recorder::~Recorder() {
    if (finished_) return;
    core_->stop_capture();
    writer_->stop(/*commit=*/false);
}

abi::ComPtr<abi::IUnknown> Recorder::wrap(abi::ComPtr<abi::IUnknown> inner,
                                          std::uint32_t endpoint_index,
                                          const format::EndpointInfo& info) {
    if (!inner) throw std::invalid_argument("Recorder::wrap: null endpoint object");
    if (finished_) throw std::logic_error("Recorder::wrap after finish()");
    format::EndpointInfo e = info;
    e.endpoint = endpoint_index;
    auto* proxy = new detail::RecordingProxy(core_, inner, endpoint_index, e.format);
    auto result = abi::ComPtr<abi::IUnknown>::attach(proxy->unknown());
    writer_->enqueue(std::move(e));
    return result;
}

void Recorder::write_metadata(const std::string& key, const std::string& value) {
    if (finished_) throw std::logic_error("Recorder::write_metadata after finish()");
    writer_->enqueue(format::MetadataRecord{key, value});
}

void Recorder::write_output_digest(const format::OutputDigestRecord& digest) {
    if (finished_) throw std::logic_error("Recorder::write_output_digest after finish()");
    writer_->enqueue(digest);
}

void Recorder::note_engine_violation(abi::ContractRule rule, abi::MethodId method,
                                     std::uint64_t value, std::uint64_t limit) noexcept {
    detail::CaptureScope scope(*core_, /*for_call=*/false);
    if (!scope.active()) return;
    format::ViolationRecord v;
    const std::uint64_t next = core_->next_seq.load(std::memory_order_acquire);
    v.call_seq = next ? next - 1 : 0;
    v.rule = rule;
    v.method = method;
    v.source = 1;
    v.value = value;
    v.limit = limit;
    scope.record_note(detail::EntryKind::kViolation, &v, sizeof v);
}

void Recorder::note_event(format::EventKind kind, std::uint32_t endpoint,
                          abi::HNSTIME virtual_time) noexcept {
    detail::CaptureScope scope(*core_, /*for_call=*/false);
    if (!scope.active()) return;
    format::EventRecord e;
    const std::uint64_t next = core_->next_seq.load(std::memory_order_acquire);
    e.last_call_seq = next ? next - 1 : 0;
    e.endpoint = endpoint;
    e.virtual_time = virtual_time;
    e.kind = kind;
    scope.record_note(detail::EntryKind::kEvent, &e, sizeof e);
}

void Recorder::flush() {
    if (!finished_) writer_->flush();
}

RecorderStats Recorder::finish() {
    if (finished_) throw std::logic_error("Recorder::finish() called twice");
    finished_ = true;
    core_->stop_capture();
    writer_->stop(/*commit=*/true);
    RecorderStats s = stats();
    if (!s.write_error.empty()) throw InputError(s.write_error);
    return s;
}

RecorderStats Recorder::stats() const {
    RecorderStats s;
    s.calls = core_->next_seq.load(std::memory_order_acquire);
    s.dropped = core_->dropped_without_ring.load(std::memory_order_relaxed);
    for (std::uint32_t i = 0; i < core_->ring_count(); ++i)
        s.dropped += core_->ring(i).dropped.load(std::memory_order_relaxed);
    s.written = writer_->written();
    s.gaps = writer_->gaps();
    s.unwritten = writer_->unwritten();
    s.write_error = writer_->write_error();
    return s;
}

void pause_writer_for_test(Recorder& recorder, bool paused) {
    recorder.writer_->pause(paused);
}

}  // namespace aetrace::record
