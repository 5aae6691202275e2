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

/// Records a real-time method's call: `fill(RtCall&)` sets what the method returned, in place in
/// the ring (with `bytes` bytes at `payload` copied, or a silent buffer); then `forward()` runs
/// (the wrapped call, for a method whose payload must be copied before it; else nothing); then
/// the wrapped object's new violations. `next_payload` > 0: the thread's next call will copy that
/// many bytes (a Get announcing its Release), so the ring lines it will fill are prefetched now,
/// while the engine works between the two calls. RT-safe.
template <class Fill, class Forward>
void RecordingProxy::capture(MethodId method, const std::uint8_t* payload, std::uint32_t bytes,
                             bool silent, Fill&& fill, Forward&& forward,
                             std::uint32_t next_payload) noexcept {
    CaptureScope scope(*core_, /*for_call=*/true);
    if (scope.active()) {
        if (RtCall* call = scope.begin_rt_call(method, endpoint_, payload, bytes, silent)) {
            fill(*call);
            scope.commit();
        }
        if (next_payload != 0) scope.prefetch_next_call(next_payload);
    }
    forward();
    if (scope.active()) record_new_violations(scope, scope.seq());
}

void RecordingProxy::GetCurrentPadding(HNSTIME* pPadding, AE_CURRENT_POSITION* pPosition) {
    rt_if_->GetCurrentPadding(pPadding, pPosition);
    capture(MethodId::IAudioEndpointRT_GetCurrentPadding, nullptr, 0, false, [&](RtCall& call) {
        if (pPadding) call.out0 = static_cast<std::uint64_t>(*pPadding);
        if (pPosition) {
            call.position = *pPosition;
            call.flags = format::kHasPosition;
        }
    });
}

void RecordingProxy::ProcessingComplete() {
    rt_if_->ProcessingComplete();
    capture(MethodId::IAudioEndpointRT_ProcessingComplete, nullptr, 0, false, [](RtCall&) {});
}

HRESULT RecordingProxy::SetPinInactive() {
    const HRESULT hr = rt_if_->SetPinInactive();
    capture(MethodId::IAudioEndpointRT_SetPinInactive, nullptr, 0, false,
            [hr](RtCall& call) { call.result = hr; });
    return hr;
}

HRESULT RecordingProxy::SetPinActive() {
    const HRESULT hr = rt_if_->SetPinActive();
    capture(MethodId::IAudioEndpointRT_SetPinActive, nullptr, 0, false,
            [hr](RtCall& call) { call.result = hr; });
    return hr;
}

void RecordingProxy::GetInputDataPointer(APO_CONNECTION_PROPERTY* pConnection,
                                         AE_CURRENT_POSITION* pTimeStamp) {
    format::ConnectionValue in{};
    if (pConnection) in = to_value(*pConnection);
    input_if_->GetInputDataPointer(pConnection, pTimeStamp);
    const std::uint8_t* data = nullptr;
    bool silent = false;
    std::uint32_t frames = 0;
    if (pConnection) {
        last_input_pointer_.store(pConnection->pBuffer, std::memory_order_relaxed);
        if (pConnection->pBuffer != 0) {
            frames = pConnection->u32ValidFrameCount;
            // A BUFFER_SILENT buffer is hashed as zeros (POLICY #8): no bytes are copied.
            silent = pConnection->u32BufferFlags == BUFFER_SILENT;
            if (!silent) data = reinterpret_cast<const std::uint8_t*>(pConnection->pBuffer);
        }
    }
    const std::uint32_t bytes = frames * block_align_;
    capture(MethodId::IAudioInputEndpointRT_GetInputDataPointer, data, bytes, silent,
            [&](RtCall& call) {
                std::uint16_t flags = 0;
                call.connection_in = in;
                if (pTimeStamp) {
                    call.position = *pTimeStamp;
                    flags |= format::kHasPosition;
                }
                if (pConnection) {
                    call.connection_out = to_value(*pConnection);
                    if (pConnection->pBuffer != 0) {
                        call.buffer_frames = frames;
                        call.buffer_bytes = bytes;
                        flags |= format::kHasBuffer;
                    }
                }
                call.flags = flags;
            });
}

void RecordingProxy::ReleaseInputDataPointer(UINT32 u32FrameCount, UINT_PTR pDataPointer) {
    const bool same = pDataPointer == last_input_pointer_.load(std::memory_order_relaxed);
    input_if_->ReleaseInputDataPointer(u32FrameCount, pDataPointer);
    capture(MethodId::IAudioInputEndpointRT_ReleaseInputDataPointer, nullptr, 0, false,
            [&](RtCall& call) {
                call.arg0 = u32FrameCount;
                call.arg1 = same;
            });
}

void RecordingProxy::InputPulseEndpoint() {
    input_if_->PulseEndpoint();
    capture(MethodId::IAudioInputEndpointRT_PulseEndpoint, nullptr, 0, false, [](RtCall&) {});
}

UINT_PTR RecordingProxy::GetOutputDataPointer(UINT32 u32FrameCount,
                                              AE_CURRENT_POSITION* pTimeStamp) {
    // pTimeStamp is an input: the engine's timestamp of the rendered data.
    AE_CURRENT_POSITION stamp{};
    if (pTimeStamp) stamp = *pTimeStamp;
    const UINT_PTR p = output_if_->GetOutputDataPointer(u32FrameCount, pTimeStamp);
    last_output_pointer_.store(p, std::memory_order_relaxed);
    last_output_frames_.store(p ? u32FrameCount : 0, std::memory_order_relaxed);
    capture(
        MethodId::IAudioOutputEndpointRT_GetOutputDataPointer, nullptr, 0, false,
        [&](RtCall& call) {
            call.arg0 = u32FrameCount;
            if (pTimeStamp) {
                call.position = stamp;
                call.flags = format::kHasPosition;
            }
            call.out0 = p != 0;
        },
        AlreadyForwarded{}, p ? u32FrameCount * block_align_ : 0);
    return p;
}

void RecordingProxy::ReleaseOutputDataPointer(const APO_CONNECTION_PROPERTY* pConnection) {
    const std::uint8_t* data = nullptr;
    std::uint32_t frames = 0;
    if (pConnection && pConnection->pBuffer != 0) {
        // Read the engine's frames before the endpoint may reuse the memory. The raw bytes are
        // kept even for BUFFER_SILENT: an endpoint that ignores the flag plays them. Never read
        // more than the preceding Get asked for: a count above it (a contract violation the
        // endpoint reports) must not make the recorder read past the buffer.
        const std::uint32_t asked = last_output_frames_.load(std::memory_order_relaxed);
        frames = pConnection->u32ValidFrameCount < asked ? pConnection->u32ValidFrameCount : asked;
        data = reinterpret_cast<const std::uint8_t*>(pConnection->pBuffer);
    }
    const std::uint32_t bytes = frames * block_align_;
    // Capture before forwarding so the payload copy is taken while the buffer is the engine's.
    capture(
        MethodId::IAudioOutputEndpointRT_ReleaseOutputDataPointer, data, bytes, false,
        [&](RtCall& call) {
            if (pConnection) {
                call.connection_in = to_value(*pConnection);
                call.arg1 =
                    pConnection->pBuffer == last_output_pointer_.load(std::memory_order_relaxed);
            }
            if (data) {
                call.buffer_frames = frames;
                call.buffer_bytes = bytes;
                call.flags = format::kHasBuffer;
            }
        },
        [&] { output_if_->ReleaseOutputDataPointer(pConnection); });
}

void RecordingProxy::OutputPulseEndpoint() {
    output_if_->PulseEndpoint();
    capture(MethodId::IAudioOutputEndpointRT_PulseEndpoint, nullptr, 0, false, [](RtCall&) {});
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
