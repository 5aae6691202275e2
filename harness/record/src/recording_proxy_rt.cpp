// RecordingProxy: real-time methods (IAudioEndpointRT, IAudioInputEndpointRT,
// IAudioOutputEndpointRT). No allocation, lock, system call or I/O on any path below.
#include "recording_proxy.h"

namespace aetrace::record::detail {
namespace {

format::ConnectionValue to_value(const APO_CONNECTION_PROPERTY& c) noexcept {
    format::ConnectionValue v;
    v.valid_frame_count = c.u32ValidFrameCount;
    v.buffer_flags = static_cast<std::uint32_t>(c.u32BufferFlags);
    v.signature = c.u32Signature;
    v.buffer_present = c.pBuffer != 0;
    return v;
}

}  // namespace

void RecordingProxy::GetCurrentPadding(HNSTIME* pPadding, AE_CURRENT_POSITION* pPosition) {
    auto call = begin(MethodId::IAudioEndpointRT_GetCurrentPadding);
    rt_if_->GetCurrentPadding(pPadding, pPosition);
    if (pPadding) call.out[0] = static_cast<std::uint64_t>(*pPadding);
    if (pPosition) {
        call.position = *pPosition;
        call.flags |= format::kHasPosition;
    }
    finish(call);
}

void RecordingProxy::ProcessingComplete() {
    auto call = begin(MethodId::IAudioEndpointRT_ProcessingComplete);
    rt_if_->ProcessingComplete();
    finish(call);
}

HRESULT RecordingProxy::SetPinInactive() {
    auto call = begin(MethodId::IAudioEndpointRT_SetPinInactive);
    call.result = rt_if_->SetPinInactive();
    finish(call);
    return call.result;
}

HRESULT RecordingProxy::SetPinActive() {
    auto call = begin(MethodId::IAudioEndpointRT_SetPinActive);
    call.result = rt_if_->SetPinActive();
    finish(call);
    return call.result;
}

void RecordingProxy::GetInputDataPointer(APO_CONNECTION_PROPERTY* pConnection,
                                         AE_CURRENT_POSITION* pTimeStamp) {
    auto call = begin(MethodId::IAudioInputEndpointRT_GetInputDataPointer);
    if (pConnection) call.connection_in = to_value(*pConnection);
    input_if_->GetInputDataPointer(pConnection, pTimeStamp);
    if (pTimeStamp) {
        call.position = *pTimeStamp;
        call.flags |= format::kHasPosition;
    }
    const std::uint8_t* data = nullptr;
    bool silent = false;
    if (pConnection) {
        call.connection_out = to_value(*pConnection);
        last_input_pointer_.store(pConnection->pBuffer, std::memory_order_relaxed);
        if (pConnection->pBuffer != 0) {
            const std::uint32_t frames = pConnection->u32ValidFrameCount;
            call.buffer.frames = frames;
            call.buffer.bytes = frames * block_align_;
            // A BUFFER_SILENT buffer is hashed as zeros (POLICY #8): no bytes are copied.
            silent = pConnection->u32BufferFlags == BUFFER_SILENT;
            if (!silent) data = reinterpret_cast<const std::uint8_t*>(pConnection->pBuffer);
            call.flags |= format::kHasBuffer;
        }
    }
    finish(call, data, silent);
}

void RecordingProxy::ReleaseInputDataPointer(UINT32 u32FrameCount, UINT_PTR pDataPointer) {
    auto call = begin(MethodId::IAudioInputEndpointRT_ReleaseInputDataPointer);
    call.arg[0] = u32FrameCount;
    call.arg[1] = pDataPointer == last_input_pointer_.load(std::memory_order_relaxed);
    input_if_->ReleaseInputDataPointer(u32FrameCount, pDataPointer);
    finish(call);
}

void RecordingProxy::InputPulseEndpoint() {
    auto call = begin(MethodId::IAudioInputEndpointRT_PulseEndpoint);
    input_if_->PulseEndpoint();
    finish(call);
}

UINT_PTR RecordingProxy::GetOutputDataPointer(UINT32 u32FrameCount,
                                              AE_CURRENT_POSITION* pTimeStamp) {
    auto call = begin(MethodId::IAudioOutputEndpointRT_GetOutputDataPointer);
    call.arg[0] = u32FrameCount;
    if (pTimeStamp) {  // an input: the engine's timestamp of the rendered data
        call.position = *pTimeStamp;
        call.flags |= format::kHasPosition;
    }
    const UINT_PTR p = output_if_->GetOutputDataPointer(u32FrameCount, pTimeStamp);
    call.out[0] = p != 0;
    last_output_pointer_.store(p, std::memory_order_relaxed);
    last_output_frames_.store(p ? u32FrameCount : 0, std::memory_order_relaxed);
    finish(call);
    return p;
}

void RecordingProxy::ReleaseOutputDataPointer(const APO_CONNECTION_PROPERTY* pConnection) {
    auto call = begin(MethodId::IAudioOutputEndpointRT_ReleaseOutputDataPointer);
    const std::uint8_t* data = nullptr;
    if (pConnection) {
        call.connection_in = to_value(*pConnection);
        call.arg[1] = pConnection->pBuffer == last_output_pointer_.load(std::memory_order_relaxed);
        if (pConnection->pBuffer != 0) {
            // Read the engine's frames before the endpoint may reuse the memory. The raw bytes are
            // kept even for BUFFER_SILENT: an endpoint that ignores the flag plays them. Never read
            // more than the preceding Get asked for: a count above it (a contract violation the
            // endpoint reports) must not make the recorder read past the buffer.
            const std::uint32_t asked = last_output_frames_.load(std::memory_order_relaxed);
            const std::uint32_t frames =
                pConnection->u32ValidFrameCount < asked ? pConnection->u32ValidFrameCount : asked;
            data = reinterpret_cast<const std::uint8_t*>(pConnection->pBuffer);
            call.buffer.frames = frames;
            call.buffer.bytes = frames * block_align_;
            call.flags |= format::kHasBuffer;
        }
    }
    // Capture before forwarding so the payload copy is taken while the buffer is the engine's.
    CaptureScope scope(*core_, /*for_call=*/true);
    if (scope.active()) scope.record_call(call, data, call.buffer.bytes, false);
    output_if_->ReleaseOutputDataPointer(pConnection);
    if (scope.active()) record_new_violations(scope, call.seq);
}

void RecordingProxy::OutputPulseEndpoint() {
    auto call = begin(MethodId::IAudioOutputEndpointRT_PulseEndpoint);
    output_if_->PulseEndpoint();
    finish(call);
}

// --- IAudioDeviceEndpoint and IAudioEndpointControl (not RT) -----------------------------------

HRESULT RecordingProxy::SetBuffer(HNSTIME MaxPeriod, UINT32 u32LatencyCoefficient) {
    auto call = begin(MethodId::IAudioDeviceEndpoint_SetBuffer);
    call.arg[0] = static_cast<std::uint64_t>(MaxPeriod);
    call.arg[1] = u32LatencyCoefficient;
    call.result = device_if_->SetBuffer(MaxPeriod, u32LatencyCoefficient);
    finish(call);
    return call.result;
}

HRESULT RecordingProxy::GetRTCaps(BOOL* pbIsRTCapable) {
    auto call = begin(MethodId::IAudioDeviceEndpoint_GetRTCaps);
    call.result = device_if_->GetRTCaps(pbIsRTCapable);
    if (succeeded(call.result) && pbIsRTCapable)
        call.out[0] = static_cast<std::uint32_t>(*pbIsRTCapable);
    finish(call);
    return call.result;
}

HRESULT RecordingProxy::GetEventDrivenCapable(BOOL* pbIsEventCapable) {
    auto call = begin(MethodId::IAudioDeviceEndpoint_GetEventDrivenCapable);
    call.result = device_if_->GetEventDrivenCapable(pbIsEventCapable);
    if (succeeded(call.result) && pbIsEventCapable)
        call.out[0] = static_cast<std::uint32_t>(*pbIsEventCapable);
    finish(call);
    return call.result;
}

HRESULT RecordingProxy::WriteExclusiveModeParametersToSharedMemory(
    UINT_PTR hTargetProcess, HNSTIME hnsPeriod, HNSTIME hnsBufferDuration,
    UINT32 u32LatencyCoefficient, UINT32* pu32SharedMemorySize, UINT_PTR* phSharedMemory) {
    auto call = begin(MethodId::IAudioDeviceEndpoint_WriteExclusiveModeParametersToSharedMemory);
    call.arg[0] = static_cast<std::uint64_t>(hnsPeriod);
    call.arg[1] = static_cast<std::uint64_t>(hnsBufferDuration);
    call.arg[2] = u32LatencyCoefficient;
    call.result = device_if_->WriteExclusiveModeParametersToSharedMemory(
        hTargetProcess, hnsPeriod, hnsBufferDuration, u32LatencyCoefficient, pu32SharedMemorySize,
        phSharedMemory);
    if (pu32SharedMemorySize) call.out[0] = *pu32SharedMemorySize;
    if (phSharedMemory) call.out[1] = *phSharedMemory != 0;
    finish(call);
    return call.result;
}

HRESULT RecordingProxy::Start() {
    auto call = begin(MethodId::IAudioEndpointControl_Start);
    call.result = control_if_->Start();
    finish(call);
    return call.result;
}

HRESULT RecordingProxy::Reset() {
    auto call = begin(MethodId::IAudioEndpointControl_Reset);
    call.result = control_if_->Reset();
    finish(call);
    return call.result;
}

HRESULT RecordingProxy::Stop() {
    auto call = begin(MethodId::IAudioEndpointControl_Stop);
    call.result = control_if_->Stop();
    finish(call);
    return call.result;
}

}  // namespace aetrace::record::detail
