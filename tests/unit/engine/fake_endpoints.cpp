#include "fake_endpoints.h"

#include <algorithm>
#include <cstring>

#include "aetrace/clock/frame_math.h"

namespace aetrace::engine::test {

std::vector<std::string> CallLog::names(const std::string& prefix) const {
    std::vector<std::string> out;
    for (const Call& c : calls)
        if (c.what.rfind(prefix, 0) == 0) out.push_back(c.what);
    return out;
}

template <class Direction>
FakeEndpoint<Direction>::FakeEndpoint(std::string role, CallLog& log,
                                      const clock::VirtualClock& clock, FakeConfig config)
    : role_(std::move(role)), log_(log), clock_(clock), config_(config) {}

template <class Direction>
FakeEndpoint<Direction>::~FakeEndpoint() = default;

template <class Direction>
void FakeEndpoint<Direction>::log(const char* name, MethodId method) {
    if (config_.record) log_.calls.push_back({role_ + ":" + name, clock_.now()});
    if (config_.violation_at_call >= 0 &&
        own_calls_ == static_cast<std::uint64_t>(config_.violation_at_call)) {
        ViolationInfo v;
        v.call_index = own_calls_;
        v.rule = ContractRule::kFramesAbovePacket;
        v.method = method;
        violations_.push_back(v);
    }
    ++own_calls_;
}

template <class Direction>
HRESULT FakeEndpoint<Direction>::GetFrameFormat(WAVEFORMATEX** ppFormat) {
    log("GetFrameFormat", MethodId::IAudioEndpoint_GetFrameFormat);
    WAVEFORMATEXTENSIBLE w;
    const std::uint32_t bytes = to_wave_format(config_.format, &w);
    void* p = co_task_mem_alloc(bytes);
    std::memcpy(p, &w, bytes);
    *ppFormat = static_cast<WAVEFORMATEX*>(p);
    return S_OK;
}

template <class Direction>
HRESULT FakeEndpoint<Direction>::GetFramesPerPacket(UINT32* p) {
    log("GetFramesPerPacket", MethodId::IAudioEndpoint_GetFramesPerPacket);
    *p = config_.frames_per_packet;
    return S_OK;
}

template <class Direction>
HRESULT FakeEndpoint<Direction>::GetLatency(HNSTIME* p) {
    log("GetLatency", MethodId::IAudioEndpoint_GetLatency);
    *p = config_.latency;
    return S_OK;
}

template <class Direction>
HRESULT FakeEndpoint<Direction>::SetStreamFlags(DWORD flags) {
    log("SetStreamFlags", MethodId::IAudioEndpoint_SetStreamFlags);
    stream_flags = flags;
    return S_OK;
}

template <class Direction>
HRESULT FakeEndpoint<Direction>::SetEventHandle(HANDLE h) {
    log("SetEventHandle", MethodId::IAudioEndpoint_SetEventHandle);
    event = h;
    return S_OK;
}

template <class Direction>
void FakeEndpoint<Direction>::GetCurrentPadding(HNSTIME* pPadding, AE_CURRENT_POSITION* pPos) {
    log("GetCurrentPadding", MethodId::IAudioEndpointRT_GetCurrentPadding);
    *pPadding = padding();
    if (pPos) *pPos = AE_CURRENT_POSITION{};
}

template <class Direction>
void FakeEndpoint<Direction>::ProcessingComplete() {
    log("ProcessingComplete", MethodId::IAudioEndpointRT_ProcessingComplete);
    if (started_ && event && config_.event_interval > 0) {
        last_due_ += config_.event_interval;
        schedule_event(event, last_due_);
    }
}

template <class Direction>
HRESULT FakeEndpoint<Direction>::SetPinInactive() {
    log("SetPinInactive", MethodId::IAudioEndpointRT_SetPinInactive);
    return S_OK;
}

template <class Direction>
HRESULT FakeEndpoint<Direction>::SetPinActive() {
    log("SetPinActive", MethodId::IAudioEndpointRT_SetPinActive);
    return S_OK;
}

template <class Direction>
HRESULT FakeEndpoint<Direction>::SetBuffer(HNSTIME period, UINT32 coefficient) {
    log("SetBuffer", MethodId::IAudioDeviceEndpoint_SetBuffer);
    set_buffer_period = period;
    set_buffer_coefficient = coefficient;
    return config_.set_buffer_result;
}

template <class Direction>
HRESULT FakeEndpoint<Direction>::GetRTCaps(BOOL* p) {
    log("GetRTCaps", MethodId::IAudioDeviceEndpoint_GetRTCaps);
    *p = kFalse;
    return S_OK;
}

template <class Direction>
HRESULT FakeEndpoint<Direction>::GetEventDrivenCapable(BOOL* p) {
    log("GetEventDrivenCapable", MethodId::IAudioDeviceEndpoint_GetEventDrivenCapable);
    *p = config_.event_capable;
    return S_OK;
}

template <class Direction>
HRESULT FakeEndpoint<Direction>::WriteExclusiveModeParametersToSharedMemory(UINT_PTR, HNSTIME,
                                                                            HNSTIME, UINT32,
                                                                            UINT32*, UINT_PTR*) {
    log("WriteExclusiveModeParametersToSharedMemory",
        MethodId::IAudioDeviceEndpoint_WriteExclusiveModeParametersToSharedMemory);
    return E_NOTIMPL;
}

template <class Direction>
HRESULT FakeEndpoint<Direction>::Start() {
    log("Start", MethodId::IAudioEndpointControl_Start);
    started_ = true;
    start_time_ = clock_.now();
    if (event && config_.event_interval > 0) {
        last_due_ = start_time_ + config_.event_interval;
        schedule_event(event, last_due_);
    }
    return S_OK;
}

template <class Direction>
HRESULT FakeEndpoint<Direction>::Reset() {
    log("Reset", MethodId::IAudioEndpointControl_Reset);
    return S_OK;
}

template <class Direction>
HRESULT FakeEndpoint<Direction>::Stop() {
    log("Stop", MethodId::IAudioEndpointControl_Stop);
    started_ = false;
    return S_OK;
}

template <class Direction>
HRESULT FakeEndpoint<Direction>::GetViolation(std::uint64_t index, ViolationInfo* pInfo) {
    if (!pInfo) return E_POINTER;
    if (index >= violations_.size()) return E_INVALIDARG;
    *pInfo = violations_[index];
    return S_OK;
}

template class FakeEndpoint<IAudioInputEndpointRT>;
template class FakeEndpoint<IAudioOutputEndpointRT>;

// ---- capture ----

FakeCapture::FakeCapture(CallLog& log, const clock::VirtualClock& clock, FakeConfig config)
    : FakeEndpoint("capture", log, clock, config),
      buffer_(static_cast<std::size_t>(config.frames_per_packet) * 4 *
              config.format.bytes_per_frame()) {}

void FakeCapture::GetInputDataPointer(APO_CONNECTION_PROPERTY* prop, AE_CURRENT_POSITION* ts) {
    log("GetInputDataPointer", MethodId::IAudioInputEndpointRT_GetInputDataPointer);
    if (config_.record) signatures.push_back(prop->u32Signature);
    const std::uint32_t channels = config_.format.channels;
    auto* samples = reinterpret_cast<std::int16_t*>(buffer_.data());
    for (std::uint32_t f = 0; f < prop->u32ValidFrameCount; ++f)
        for (std::uint32_t c = 0; c < channels; ++c)
            samples[f * channels + c] = static_cast<std::int16_t>((released + f) & 0x7FFF);
    prop->pBuffer = reinterpret_cast<UINT_PTR>(buffer_.data());
    prop->u32BufferFlags = hand_silent ? BUFFER_SILENT : BUFFER_VALID;
    if (ts) *ts = AE_CURRENT_POSITION{};
}

void FakeCapture::ReleaseInputDataPointer(UINT32 count, UINT_PTR) {
    log("ReleaseInputDataPointer", MethodId::IAudioInputEndpointRT_ReleaseInputDataPointer);
    released += count;
}

void FakeCapture::PulseEndpoint() {
    log("PulseEndpoint", MethodId::IAudioInputEndpointRT_PulseEndpoint);
}

// ---- render ----

FakeRender::FakeRender(CallLog& log, const clock::VirtualClock& clock, FakeConfig config)
    : FakeEndpoint("render", log, clock, config),
      buffer_(static_cast<std::size_t>(config.frames_per_packet) * 4 *
              config.format.bytes_per_frame()) {}

HNSTIME FakeRender::padding() {
    std::uint64_t played =
        started_ ? clock::frames_at(clock_.now() - start_time_, config_.format.sample_rate) : 0;
    played = std::min(played, written);
    return static_cast<HNSTIME>(written - played);
}

UINT_PTR FakeRender::GetOutputDataPointer(UINT32 count, AE_CURRENT_POSITION* ts) {
    log("GetOutputDataPointer", MethodId::IAudioOutputEndpointRT_GetOutputDataPointer);
    if (config_.record) {
        requested.push_back(count);
        timestamp_flags.push_back(ts ? static_cast<std::int32_t>(ts->Flag) : -1);
    }
    last_request_ = count;
    if (null_pointer_calls > 0) {
        --null_pointer_calls;
        return 0;
    }
    std::fill(buffer_.begin(), buffer_.end(), std::uint8_t{0});
    return reinterpret_cast<UINT_PTR>(buffer_.data());
}

void FakeRender::ReleaseOutputDataPointer(const APO_CONNECTION_PROPERTY* prop) {
    log("ReleaseOutputDataPointer", MethodId::IAudioOutputEndpointRT_ReleaseOutputDataPointer);
    const std::size_t bytes =
        static_cast<std::size_t>(last_request_) * config_.format.bytes_per_frame();
    if (config_.record)
        releases.push_back({prop->u32ValidFrameCount, prop->u32BufferFlags, prop->u32Signature,
                            std::vector<std::uint8_t>(buffer_.begin(), buffer_.begin() + bytes),
                            clock_.now()});
    written += prop->u32ValidFrameCount;
}

void FakeRender::PulseEndpoint() {
    log("PulseEndpoint", MethodId::IAudioOutputEndpointRT_PulseEndpoint);
}

}  // namespace aetrace::engine::test
