// RecordingProxy: construction, the shared recording steps, and the handlers of the methods that
// are not real-time (IAudioEndpoint, IAudioDeviceEndpoint, IAudioEndpointControl).
#include "recording_proxy.h"

#include <cstring>

namespace aetrace::record::detail {

RecordingProxy::RecordingProxy(std::shared_ptr<RecorderCore> core, const ComPtr<IUnknown>& inner,
                               std::uint32_t endpoint, const StreamFormat& format)
    : core_(std::move(core)),
      ifs_(EndpointInterfaces::query(inner.get())),
      endpoint_(endpoint),
      block_align_(format.bytes_per_frame()) {}

format::CallRecord RecordingProxy::begin(MethodId method) const noexcept {
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
        if (succeeded(ifs_.inspect->GetViolation(seen, &info))) {
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

template <MethodId Id>
struct RecordingProxy::RecordResult {
    static HRESULT call(RecordingProxy& self) {
        return self.record_hresult<Id>([](format::CallRecord&) {});
    }
};

// --- IAudioEndpoint -------------------------------------------------------------------------

template <>
struct RecordingProxy::Record<MethodId::IAudioEndpoint_GetFrameFormat> {
    static HRESULT call(RecordingProxy& self, WAVEFORMATEX** ppFormat) {
        return self.record_hresult<MethodId::IAudioEndpoint_GetFrameFormat>(
            [&](format::CallRecord& call) {
                if (!succeeded(call.result) || !ppFormat || !*ppFormat) return;
                const std::size_t size = sizeof(WAVEFORMATEX) + (*ppFormat)->cbSize;
                std::memcpy(
                    &call.format, *ppFormat,
                    size < sizeof(WAVEFORMATEXTENSIBLE) ? size : sizeof(WAVEFORMATEXTENSIBLE));
            },
            ppFormat);
    }
};

template <>
struct RecordingProxy::Record<MethodId::IAudioEndpoint_GetFramesPerPacket> {
    static HRESULT call(RecordingProxy& self, UINT32* pFramesPerPacket) {
        return self.record_hresult<MethodId::IAudioEndpoint_GetFramesPerPacket>(
            [&](format::CallRecord& call) {
                if (succeeded(call.result) && pFramesPerPacket) call.out[0] = *pFramesPerPacket;
            },
            pFramesPerPacket);
    }
};

template <>
struct RecordingProxy::Record<MethodId::IAudioEndpoint_GetLatency> {
    static HRESULT call(RecordingProxy& self, HNSTIME* pLatency) {
        return self.record_hresult<MethodId::IAudioEndpoint_GetLatency>(
            [&](format::CallRecord& call) {
                if (succeeded(call.result) && pLatency)
                    call.out[0] = static_cast<std::uint64_t>(*pLatency);
            },
            pLatency);
    }
};

template <>
struct RecordingProxy::Record<MethodId::IAudioEndpoint_SetStreamFlags> {
    static HRESULT call(RecordingProxy& self, DWORD streamFlags) {
        return self.record_hresult<MethodId::IAudioEndpoint_SetStreamFlags>(
            [&](format::CallRecord& call) { call.arg[0] = streamFlags; }, streamFlags);
    }
};

template <>
struct RecordingProxy::Record<MethodId::IAudioEndpoint_SetEventHandle> {
    static HRESULT call(RecordingProxy& self, HANDLE eventHandle) {
        return self.record_hresult<MethodId::IAudioEndpoint_SetEventHandle>(
            [&](format::CallRecord& call) { call.arg[0] = eventHandle != nullptr; }, eventHandle);
    }
};

// --- IAudioDeviceEndpoint -------------------------------------------------------------------

template <>
struct RecordingProxy::Record<MethodId::IAudioDeviceEndpoint_SetBuffer> {
    static HRESULT call(RecordingProxy& self, HNSTIME MaxPeriod, UINT32 u32LatencyCoefficient) {
        return self.record_hresult<MethodId::IAudioDeviceEndpoint_SetBuffer>(
            [&](format::CallRecord& call) {
                call.arg[0] = static_cast<std::uint64_t>(MaxPeriod);
                call.arg[1] = u32LatencyCoefficient;
            },
            MaxPeriod, u32LatencyCoefficient);
    }
};

/// GetRTCaps and GetEventDrivenCapable: the BOOL, on success, as a u32 (as recorded since v1).
template <MethodId Id>
struct RecordingProxy::RecordBoolOut {
    static HRESULT call(RecordingProxy& self, BOOL* pbOut) {
        return self.record_hresult<Id>(
            [&](format::CallRecord& call) {
                if (succeeded(call.result) && pbOut)
                    call.out[0] = static_cast<std::uint32_t>(*pbOut);
            },
            pbOut);
    }
};

template <>
struct RecordingProxy::Record<MethodId::IAudioDeviceEndpoint_GetRTCaps>
    : RecordBoolOut<MethodId::IAudioDeviceEndpoint_GetRTCaps> {};
template <>
struct RecordingProxy::Record<MethodId::IAudioDeviceEndpoint_GetEventDrivenCapable>
    : RecordBoolOut<MethodId::IAudioDeviceEndpoint_GetEventDrivenCapable> {};

template <>
struct RecordingProxy::Record<
    MethodId::IAudioDeviceEndpoint_WriteExclusiveModeParametersToSharedMemory> {
    static HRESULT call(RecordingProxy& self, UINT_PTR hTargetProcess, HNSTIME hnsPeriod,
                        HNSTIME hnsBufferDuration, UINT32 u32LatencyCoefficient,
                        UINT32* pu32SharedMemorySize, UINT_PTR* phSharedMemory) {
        // The outputs are recorded whatever the result (as since v1); hTargetProcess is not.
        return self.record_hresult<
            MethodId::IAudioDeviceEndpoint_WriteExclusiveModeParametersToSharedMemory>(
            [&](format::CallRecord& call) {
                call.arg[0] = static_cast<std::uint64_t>(hnsPeriod);
                call.arg[1] = static_cast<std::uint64_t>(hnsBufferDuration);
                call.arg[2] = u32LatencyCoefficient;
                if (pu32SharedMemorySize) call.out[0] = *pu32SharedMemorySize;
                if (phSharedMemory) call.out[1] = *phSharedMemory != 0;
            },
            hTargetProcess, hnsPeriod, hnsBufferDuration, u32LatencyCoefficient,
            pu32SharedMemorySize, phSharedMemory);
    }
};

// --- IAudioEndpointControl ------------------------------------------------------------------

template <>
struct RecordingProxy::Record<MethodId::IAudioEndpointControl_Start>
    : RecordResult<MethodId::IAudioEndpointControl_Start> {};
template <>
struct RecordingProxy::Record<MethodId::IAudioEndpointControl_Reset>
    : RecordResult<MethodId::IAudioEndpointControl_Reset> {};
template <>
struct RecordingProxy::Record<MethodId::IAudioEndpointControl_Stop>
    : RecordResult<MethodId::IAudioEndpointControl_Stop> {};

AETRACE_RECORD_ON_CALL(false)

}  // namespace aetrace::record::detail
