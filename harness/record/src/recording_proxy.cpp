#include "recording_proxy.h"

#include <cstring>

namespace aetrace::record::detail {

RecordingProxy::RecordingProxy(std::shared_ptr<RecorderCore> core, ComPtr<IUnknown> inner,
                               std::uint32_t endpoint, const StreamFormat& format)
    : core_(std::move(core)),
      inner_(std::move(inner)),
      endpoint_(endpoint),
      block_align_(format.bytes_per_frame()) {
    endpoint_if_ = inner_.as<IAudioEndpoint>();
    rt_if_ = inner_.as<IAudioEndpointRT>();
    input_if_ = inner_.as<IAudioInputEndpointRT>();
    output_if_ = inner_.as<IAudioOutputEndpointRT>();
    device_if_ = inner_.as<IAudioDeviceEndpoint>();
    control_if_ = inner_.as<IAudioEndpointControl>();
    inspect_if_ = inner_.as<IAetraceEndpointInspect>();
}

HRESULT RecordingProxy::QueryInterface(const IID& riid, void** ppv) {
    if (!ppv) return E_POINTER;
    *ppv = nullptr;
    void* self = nullptr;
    if (riid == IID_IUnknown || (riid == IID_IAudioEndpoint && endpoint_if_))
        self = static_cast<IAudioEndpoint*>(this);
    else if (riid == IID_IAudioEndpointRT && rt_if_)
        self = static_cast<IAudioEndpointRT*>(this);
    else if (riid == IID_IAudioInputEndpointRT && input_if_)
        self = static_cast<IAudioInputEndpointRT*>(this);
    else if (riid == IID_IAudioOutputEndpointRT && output_if_)
        self = static_cast<IAudioOutputEndpointRT*>(this);
    else if (riid == IID_IAudioDeviceEndpoint && device_if_)
        self = static_cast<IAudioDeviceEndpoint*>(this);
    else if (riid == IID_IAudioEndpointControl && control_if_)
        self = static_cast<IAudioEndpointControl*>(this);
    else if (riid == IID_IAetraceEndpointInspect && inspect_if_)
        return inspect_if_->QueryInterface(riid, ppv);  // pass-through, not recorded
    if (!self) return E_NOINTERFACE;
    AddRef();
    *ppv = self;
    return S_OK;
}

std::uint32_t RecordingProxy::AddRef() {
    return refs_.fetch_add(1, std::memory_order_relaxed) + 1;
}

std::uint32_t RecordingProxy::Release() {
    const std::uint32_t left = refs_.fetch_sub(1, std::memory_order_acq_rel) - 1;
    if (left == 0) delete this;
    return left;
}

format::CallRecord RecordingProxy::begin(MethodId method) noexcept {
    format::CallRecord call;
    call.method = method;
    call.endpoint = endpoint_;
    return call;
}

void RecordingProxy::finish(format::CallRecord& call, const std::uint8_t* payload,
                            bool silent) noexcept {
    CaptureScope scope(*core_, /*for_call=*/true);
    if (!scope.active()) return;
    scope.record_call(call, payload, call.buffer.bytes, silent);
    record_new_violations(scope, call.seq);
}

void RecordingProxy::record_violations_upto(CaptureScope& scope, std::uint64_t seq,
                                            std::uint64_t count) noexcept {
    std::uint64_t seen = violations_seen_.load(std::memory_order_relaxed);
    while (seen < count) {
        if (!violations_seen_.compare_exchange_weak(seen, seen + 1, std::memory_order_relaxed))
            continue;  // another thread took `seen`; `seen` now holds the current value
        ViolationInfo info;
        format::ViolationRecord v;
        v.call_seq = seq;
        if (succeeded(inspect_if_->GetViolation(seen, &info))) {
            v.rule = info.rule;
            v.method = info.method;
            v.value = info.value;
            v.limit = info.limit;
        } else {
            v.rule = ContractRule::kCapacityExceeded;  // reported but not stored by the endpoint
        }
        scope.record_violation(v, seq);
        ++seen;
    }
}

// --- IAudioEndpoint -------------------------------------------------------------------------

HRESULT RecordingProxy::GetFrameFormat(WAVEFORMATEX** ppFormat) {
    auto call = begin(MethodId::IAudioEndpoint_GetFrameFormat);
    const HRESULT hr = endpoint_if_->GetFrameFormat(ppFormat);
    call.result = hr;
    if (succeeded(hr) && ppFormat && *ppFormat) {
        const std::size_t size = sizeof(WAVEFORMATEX) + (*ppFormat)->cbSize;
        std::memcpy(&call.format, *ppFormat,
                    size < sizeof(WAVEFORMATEXTENSIBLE) ? size : sizeof(WAVEFORMATEXTENSIBLE));
    }
    finish(call);
    return hr;
}

HRESULT RecordingProxy::GetFramesPerPacket(UINT32* pFramesPerPacket) {
    auto call = begin(MethodId::IAudioEndpoint_GetFramesPerPacket);
    const HRESULT hr = endpoint_if_->GetFramesPerPacket(pFramesPerPacket);
    call.result = hr;
    if (succeeded(hr) && pFramesPerPacket) call.out[0] = *pFramesPerPacket;
    finish(call);
    return hr;
}

HRESULT RecordingProxy::GetLatency(HNSTIME* pLatency) {
    auto call = begin(MethodId::IAudioEndpoint_GetLatency);
    const HRESULT hr = endpoint_if_->GetLatency(pLatency);
    call.result = hr;
    if (succeeded(hr) && pLatency) call.out[0] = static_cast<std::uint64_t>(*pLatency);
    finish(call);
    return hr;
}

HRESULT RecordingProxy::SetStreamFlags(DWORD streamFlags) {
    auto call = begin(MethodId::IAudioEndpoint_SetStreamFlags);
    call.arg[0] = streamFlags;
    call.result = endpoint_if_->SetStreamFlags(streamFlags);
    finish(call);
    return call.result;
}

HRESULT RecordingProxy::SetEventHandle(HANDLE eventHandle) {
    auto call = begin(MethodId::IAudioEndpoint_SetEventHandle);
    call.arg[0] = eventHandle != nullptr;
    call.result = endpoint_if_->SetEventHandle(eventHandle);
    finish(call);
    return call.result;
}

}  // namespace aetrace::record::detail
