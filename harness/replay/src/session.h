// EndpointSession: the replayer's state for one endpoint object; CallReplayer: issues one recorded
// call against it (internal).
#pragma once

#include <cstdint>
#include <map>

#include "aetrace/abi/abi.h"
#include "aetrace/format/trace.h"
#include "collector.h"

namespace aetrace::replay::detail {

/// The six API interfaces, as indexes.
enum Iface : int { kEndpoint, kRt, kInput, kOutput, kDevice, kControl, kIfaceCount };

/// The interface a method belongs to (by its table row).
Iface interface_of(const abi::MethodInfo& info) noexcept;
/// "IAudioEndpointRT", ...
const char* interface_name(Iface iface) noexcept;

/// One endpoint object under replay. Not copyable or movable (the VirtualEvent is atomic and its
/// address is handed to the implementation).
struct EndpointSession {
    /// Queries every interface of `object` (may be null: then none is present).
    EndpointSession(const format::EndpointInfo& info, abi::ComPtr<abi::IUnknown> object);
    EndpointSession(const EndpointSession&) = delete;
    EndpointSession& operator=(const EndpointSession&) = delete;

    bool has(Iface iface) const noexcept;

    const format::EndpointInfo& info;
    std::uint32_t block_align;
    abi::ComPtr<abi::IUnknown> object;
    abi::ComPtr<abi::IAudioEndpoint> endpoint;
    abi::ComPtr<abi::IAudioEndpointRT> rt;
    abi::ComPtr<abi::IAudioInputEndpointRT> input;
    abi::ComPtr<abi::IAudioOutputEndpointRT> output;
    abi::ComPtr<abi::IAudioDeviceEndpoint> device;
    abi::ComPtr<abi::IAudioEndpointControl> control;
    abi::ComPtr<abi::IAetraceEndpointInspect> inspect;
    bool missing_reported[kIfaceCount] = {};
    abi::VirtualEvent event;        ///< handed to SetEventHandle when the trace's was non-null
    abi::UINT_PTR last_input = 0;   ///< pBuffer of the last GetInputDataPointer
    abi::UINT_PTR last_output = 0;  ///< result of the last GetOutputDataPointer
    std::uint32_t last_output_frames = 0;  ///< frames asked for by that Get
    std::uint64_t violations_seen = 0;     ///< implementation violations already compared
    bool render_fed_zeros = false;         ///< zeros were fed instead of recorded render audio
    /// Address passed where the recorded engine passed a pointer the endpoint did not return.
    alignas(8) std::uint8_t foreign[16] = {};
};

/// Issues recorded calls. Holds no per-call allocation.
class CallReplayer {
  public:
    CallReplayer(const format::Trace& trace, Collector& collector)
        : trace_(trace), out_(collector), next_payload_(trace.payloads.begin()) {}

    /// Issues `call` (the collector's current call) on `s`. Returns false when the call could not
    /// be issued because `s` lacks its interface (reported once per interface as a divergence).
    bool issue(EndpointSession& s, const abi::MethodInfo& info);

    /// Render calls whose payload was missing (hash-only trace or absent record) and got zeros.
    std::uint64_t payloads_missing() const noexcept { return payloads_missing_; }
    std::uint64_t first_missing_payload_seq() const noexcept { return first_missing_seq_; }

  private:
    // Not RT (session.cpp).
    void endpoint_call(EndpointSession& s, const format::CallRecord& c);
    void device_call(EndpointSession& s, const format::CallRecord& c);
    void control_call(EndpointSession& s, const format::CallRecord& c);
    // RT (session_rt.cpp).
    void rt_call(EndpointSession& s, const format::CallRecord& c);
    void input_call(EndpointSession& s, const format::CallRecord& c);
    void output_call(EndpointSession& s, const format::CallRecord& c);
    void release_output(EndpointSession& s, const format::CallRecord& c);

    const format::Trace& trace_;
    Collector& out_;
    /// The payload after the last one fed: calls come in seq order, so the next lookup is
    /// usually this one (saves a map search per render buffer).
    std::map<std::uint64_t, format::AudioPayload>::const_iterator next_payload_;
    std::uint64_t payloads_missing_ = 0;
    std::uint64_t first_missing_seq_ = 0;
};

}  // namespace aetrace::replay::detail
