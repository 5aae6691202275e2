#include "aetrace/plugin/forwarding_endpoint.h"

#include <utility>

namespace aetrace::plugin {

using abi::MethodId;

ForwardingEndpoint::ForwardingEndpoint(abi::ComPtr<abi::IUnknown> inner)
    : inner_(std::move(inner)) {
    if (!inner_) return;
    endpoint_ = inner_.as<abi::IAudioEndpoint>();
    rt_ = inner_.as<abi::IAudioEndpointRT>();
    input_ = inner_.as<abi::IAudioInputEndpointRT>();
    output_ = inner_.as<abi::IAudioOutputEndpointRT>();
    device_ = inner_.as<abi::IAudioDeviceEndpoint>();
    control_ = inner_.as<abi::IAudioEndpointControl>();
    inspect_ = inner_.as<abi::IAetraceEndpointInspect>();
}

ForwardingEndpoint::~ForwardingEndpoint() = default;

void ForwardingEndpoint::before_call(MethodId) noexcept {}

abi::HRESULT ForwardingEndpoint::QueryInterface(const abi::IID& riid, void** ppv) {
    if (!ppv) return abi::E_POINTER;
    void* p = nullptr;
    if (riid == abi::IID_IUnknown)
        p = unknown();
    else if (riid == abi::IID_IAudioEndpoint && endpoint_)
        p = static_cast<abi::IAudioEndpoint*>(this);
    else if (riid == abi::IID_IAudioEndpointRT && rt_)
        p = static_cast<abi::IAudioEndpointRT*>(this);
    else if (riid == abi::IID_IAudioInputEndpointRT && input_)
        p = static_cast<abi::IAudioInputEndpointRT*>(this);
    else if (riid == abi::IID_IAudioOutputEndpointRT && output_)
        p = static_cast<abi::IAudioOutputEndpointRT*>(this);
    else if (riid == abi::IID_IAudioDeviceEndpoint && device_)
        p = static_cast<abi::IAudioDeviceEndpoint*>(this);
    else if (riid == abi::IID_IAudioEndpointControl && control_)
        p = static_cast<abi::IAudioEndpointControl*>(this);
    else if (riid == abi::IID_IAetraceEndpointInspect && inspect_)
        p = static_cast<abi::IAetraceEndpointInspect*>(this);
    *ppv = p;
    if (!p) return abi::E_NOINTERFACE;
    AddRef();
    return abi::S_OK;
}

std::uint32_t ForwardingEndpoint::AddRef() {
    return ref_count_.fetch_add(1, std::memory_order_relaxed) + 1;
}

std::uint32_t ForwardingEndpoint::Release() {
    const std::uint32_t left = ref_count_.fetch_sub(1, std::memory_order_acq_rel) - 1;
    if (left == 0) delete this;
    return left;
}

abi::HRESULT ForwardingEndpoint::GetFrameFormat(abi::WAVEFORMATEX** ppFormat) {
    before_call(MethodId::IAudioEndpoint_GetFrameFormat);
    return endpoint_->GetFrameFormat(ppFormat);
}
abi::HRESULT ForwardingEndpoint::GetFramesPerPacket(abi::UINT32* pFramesPerPacket) {
    before_call(MethodId::IAudioEndpoint_GetFramesPerPacket);
    return endpoint_->GetFramesPerPacket(pFramesPerPacket);
}
abi::HRESULT ForwardingEndpoint::GetLatency(abi::HNSTIME* pLatency) {
    before_call(MethodId::IAudioEndpoint_GetLatency);
    return endpoint_->GetLatency(pLatency);
}
abi::HRESULT ForwardingEndpoint::SetStreamFlags(abi::DWORD streamFlags) {
    before_call(MethodId::IAudioEndpoint_SetStreamFlags);
    return endpoint_->SetStreamFlags(streamFlags);
}
abi::HRESULT ForwardingEndpoint::SetEventHandle(abi::HANDLE eventHandle) {
    before_call(MethodId::IAudioEndpoint_SetEventHandle);
    return endpoint_->SetEventHandle(eventHandle);
}

void ForwardingEndpoint::GetCurrentPadding(abi::HNSTIME* pPadding, abi::AE_CURRENT_POSITION* pPos) {
    before_call(MethodId::IAudioEndpointRT_GetCurrentPadding);
    rt_->GetCurrentPadding(pPadding, pPos);
}
void ForwardingEndpoint::ProcessingComplete() {
    before_call(MethodId::IAudioEndpointRT_ProcessingComplete);
    rt_->ProcessingComplete();
}
abi::HRESULT ForwardingEndpoint::SetPinInactive() {
    before_call(MethodId::IAudioEndpointRT_SetPinInactive);
    return rt_->SetPinInactive();
}
abi::HRESULT ForwardingEndpoint::SetPinActive() {
    before_call(MethodId::IAudioEndpointRT_SetPinActive);
    return rt_->SetPinActive();
}

void ForwardingEndpoint::GetInputDataPointer(abi::APO_CONNECTION_PROPERTY* pConnectionProperty,
                                             abi::AE_CURRENT_POSITION* pAeTimeStamp) {
    before_call(MethodId::IAudioInputEndpointRT_GetInputDataPointer);
    input_->GetInputDataPointer(pConnectionProperty, pAeTimeStamp);
}
void ForwardingEndpoint::ReleaseInputDataPointer(abi::UINT32 u32FrameCount,
                                                 abi::UINT_PTR pDataPointer) {
    before_call(MethodId::IAudioInputEndpointRT_ReleaseInputDataPointer);
    input_->ReleaseInputDataPointer(u32FrameCount, pDataPointer);
}
void ForwardingEndpoint::input_pulse() noexcept {
    before_call(MethodId::IAudioInputEndpointRT_PulseEndpoint);
    input_->PulseEndpoint();
}

abi::UINT_PTR ForwardingEndpoint::GetOutputDataPointer(abi::UINT32 u32FrameCount,
                                                       abi::AE_CURRENT_POSITION* pAeTimeStamp) {
    before_call(MethodId::IAudioOutputEndpointRT_GetOutputDataPointer);
    return output_->GetOutputDataPointer(u32FrameCount, pAeTimeStamp);
}
void ForwardingEndpoint::ReleaseOutputDataPointer(
    const abi::APO_CONNECTION_PROPERTY* pConnectionProperty) {
    before_call(MethodId::IAudioOutputEndpointRT_ReleaseOutputDataPointer);
    output_->ReleaseOutputDataPointer(pConnectionProperty);
}
void ForwardingEndpoint::output_pulse() noexcept {
    before_call(MethodId::IAudioOutputEndpointRT_PulseEndpoint);
    output_->PulseEndpoint();
}

abi::HRESULT ForwardingEndpoint::SetBuffer(abi::HNSTIME MaxPeriod,
                                           abi::UINT32 u32LatencyCoefficient) {
    before_call(MethodId::IAudioDeviceEndpoint_SetBuffer);
    return device_->SetBuffer(MaxPeriod, u32LatencyCoefficient);
}
abi::HRESULT ForwardingEndpoint::GetRTCaps(abi::BOOL* pbIsRTCapable) {
    before_call(MethodId::IAudioDeviceEndpoint_GetRTCaps);
    return device_->GetRTCaps(pbIsRTCapable);
}
abi::HRESULT ForwardingEndpoint::GetEventDrivenCapable(abi::BOOL* pbisEventCapable) {
    before_call(MethodId::IAudioDeviceEndpoint_GetEventDrivenCapable);
    return device_->GetEventDrivenCapable(pbisEventCapable);
}
abi::HRESULT ForwardingEndpoint::WriteExclusiveModeParametersToSharedMemory(
    abi::UINT_PTR hTargetProcess, abi::HNSTIME hnsPeriod, abi::HNSTIME hnsBufferDuration,
    abi::UINT32 u32LatencyCoefficient, abi::UINT32* pu32SharedMemorySize,
    abi::UINT_PTR* phSharedMemory) {
    before_call(MethodId::IAudioDeviceEndpoint_WriteExclusiveModeParametersToSharedMemory);
    return device_->WriteExclusiveModeParametersToSharedMemory(
        hTargetProcess, hnsPeriod, hnsBufferDuration, u32LatencyCoefficient, pu32SharedMemorySize,
        phSharedMemory);
}

abi::HRESULT ForwardingEndpoint::Start() {
    before_call(MethodId::IAudioEndpointControl_Start);
    return control_->Start();
}
abi::HRESULT ForwardingEndpoint::Reset() {
    before_call(MethodId::IAudioEndpointControl_Reset);
    return control_->Reset();
}
abi::HRESULT ForwardingEndpoint::Stop() {
    before_call(MethodId::IAudioEndpointControl_Stop);
    return control_->Stop();
}

std::uint64_t ForwardingEndpoint::GetViolationCount() {
    return inspect_->GetViolationCount();
}
abi::HRESULT ForwardingEndpoint::GetViolation(std::uint64_t index, abi::ViolationInfo* pInfo) {
    return inspect_->GetViolation(index, pInfo);
}
abi::HRESULT ForwardingEndpoint::GetRenderedAudio(const std::uint8_t** ppData,
                                                  std::uint64_t* pFrames) {
    return inspect_->GetRenderedAudio(ppData, pFrames);
}

}  // namespace aetrace::plugin
