#include "aetrace/record/recorder.h"

#include <stdexcept>

#include "recording_proxy.h"

namespace aetrace::record {

Recorder::Recorder(const clock::Clock& virtual_clock, const clock::Clock* real_clock,
                   RecorderOptions options)
    : virtual_clock_(virtual_clock),
      real_clock_(real_clock),
      options_(options),
      staging_(options.max_staged_records, options.max_staged_payload_bytes) {}

Recorder::~Recorder() = default;

abi::ComPtr<abi::IUnknown> Recorder::wrap(abi::ComPtr<abi::IUnknown> inner,
                                          std::uint32_t endpoint_index,
                                          const abi::StreamFormat& format) {
    if (!inner) throw std::invalid_argument("Recorder::wrap: null endpoint object");
    auto* proxy = new detail::RecordingProxy(*this, std::move(inner), endpoint_index, format);
    return abi::ComPtr<abi::IUnknown>::attach(static_cast<abi::IAudioEndpoint*>(proxy));
}

void Recorder::note_engine_violation(abi::ContractRule rule, abi::MethodId method,
                                     std::uint64_t value, std::uint64_t limit) noexcept {
    format::ViolationRecord v;
    const std::uint64_t next = next_seq_.load(std::memory_order_acquire);
    v.call_seq = next ? next - 1 : 0;
    v.rule = rule;
    v.method = method;
    v.source = 1;
    v.value = value;
    v.limit = limit;
    staging_.stage_violation(v);
}

void Recorder::drain(RecordSink& sink) {
    staging_.drain(sink);
}

}  // namespace aetrace::record
