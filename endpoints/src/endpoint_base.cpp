#include "aetrace/endpoints/endpoint_base.h"

#include <algorithm>
#include <cstring>
#include <new>
#include <string>

#include "aetrace/abi/cotaskmem.h"
#include "aetrace/abi/error.h"
#include "aetrace/abi/event.h"
#include "aetrace/abi/hresult.h"
#include "aetrace/clock/frame_math.h"

namespace aetrace::endpoints {

using namespace aetrace::abi;

namespace {

constexpr HNSTIME kMaxPeriod = kHnsPerSecond;        // SetBuffer: MaxPeriod at most 1 s
constexpr HNSTIME kMaxLatency = 10 * kHnsPerSecond;  // SetBuffer: latency at most 10 s

std::uint32_t checked_bytes_per_frame(const EndpointConfig& config) {
    std::string why;
    if (!is_supported(config.format, &why))
        throw InputError("endpoint config: unsupported format (" + why + ")");
    return config.format.bytes_per_frame();
}

}  // namespace

template <class Direction>
EndpointBase<Direction>::EndpointBase(const EndpointConfig& config, const clock::Clock& clock)
    : config_(config),
      clock_(clock),
      bytes_per_frame_(checked_bytes_per_frame(config)),
      rate_(config.format.sample_rate),
      violations_(new ViolationInfo[config.max_violations]) {}

template <class Direction>
EndpointBase<Direction>::~EndpointBase() = default;

// ---- device timeline ----

template <class Direction>
HNSTIME EndpointBase<Direction>::now_monotonic() noexcept {
    last_now_ = std::max(last_now_, clock_.now());
    return last_now_;
}

template <class Direction>
HNSTIME EndpointBase<Direction>::running_time(HNSTIME now) const noexcept {
    return accumulated_ + (running_ ? now - start_time_ : 0);
}

template <class Direction>
void EndpointBase<Direction>::advance_device() noexcept {
    if (!initialized_.load(std::memory_order_acquire)) return;
    const HNSTIME now = now_monotonic();
    if (!running_) return;
    const std::uint64_t target = clock::frames_at(running_time(now), rate_);
    if (target > device_frames_) {
        on_device_frames(target - device_frames_);
        device_frames_ = target;
    }
}

template <class Direction>
std::uint64_t EndpointBase<Direction>::begin_call() noexcept {
    const std::uint64_t index = call_count_.fetch_add(1, std::memory_order_relaxed);
    current_call_ = index;
    advance_device();
    return index;
}

template <class Direction>
void EndpointBase<Direction>::record_violation(std::uint64_t call_index, ContractRule rule,
                                               MethodId method, std::uint64_t value,
                                               std::uint64_t limit) noexcept {
    const std::uint64_t n = violation_count_.load(std::memory_order_relaxed);
    if (n < config_.max_violations) {
        ViolationInfo& v = violations_[n];
        v.call_index = call_index;
        v.rule = rule;
        v.method = method;
        v.reserved = 0;
        v.value = value;
        v.limit = limit;
    }
    violation_count_.store(n + 1, std::memory_order_release);
}

template <class Direction>
void EndpointBase<Direction>::fill_position(AE_CURRENT_POSITION* pos,
                                            std::uint64_t stream_position) noexcept {
    if (!initialized_.load(std::memory_order_acquire)) {
        *pos = AE_CURRENT_POSITION{};
        pos->Flag = POSITION_INVALID;
        return;
    }
    std::uint64_t padding = padding_frames();
    if (config_.fault == Fault::kPaddingOffByOne) ++padding;
    pos->u64DevicePosition = device_frames_;
    pos->u64StreamPosition = stream_position;
    pos->u64PaddingFrames = padding;
    pos->hnsQPCPosition = last_now_;  // the reading the device position was computed from
    pos->f32FramesPerSecond = static_cast<FLOAT32>(rate_);
    std::int32_t flag = glitch_pending_ ? POSITION_DISCONTINUOUS : POSITION_CONTINUOUS;
    if (clock_.qpc_error()) flag |= POSITION_QPC_ERROR;
    pos->Flag = static_cast<AE_POSITION_FLAGS>(flag);
    glitch_pending_ = false;
}

template <class Direction>
void EndpointBase<Direction>::update_event() noexcept {
    const HANDLE event = event_.load(std::memory_order_acquire);
    if (!event || !initialized_.load(std::memory_order_acquire)) return;
    const std::uint64_t packets = device_frames_ / frames_per_packet_;
    if (packets > signaled_packets_) {
        signaled_packets_ = packets;
        signal_event(event);
    }
    if (!running_) {
        schedule_event(event, kNeverDue);
        return;
    }
    const HNSTIME now = last_now_;
    const std::uint64_t need = frames_until_packet();
    if (need == 0) {
        schedule_event(event, now);
        return;
    }
    const HNSTIME due_running = clock::time_of_frames(device_frames_ + need, rate_);
    schedule_event(event, now + (due_running - running_time(now)));
}

// ---- ring helpers ----

template <class Direction>
void EndpointBase<Direction>::ring_read(std::uint64_t first, std::uint64_t frames,
                                        std::uint8_t* dst) const noexcept {
    while (frames > 0) {
        const std::uint64_t at = first % capacity_;
        const std::uint64_t n = std::min(frames, capacity_ - at);
        std::memcpy(dst, ring_.get() + at * bytes_per_frame_, n * bytes_per_frame_);
        dst += n * bytes_per_frame_;
        first += n;
        frames -= n;
    }
}

template <class Direction>
void EndpointBase<Direction>::ring_write(std::uint64_t first, std::uint64_t frames,
                                         const std::uint8_t* src) noexcept {
    while (frames > 0) {
        const std::uint64_t at = first % capacity_;
        const std::uint64_t n = std::min(frames, capacity_ - at);
        std::uint8_t* dst = ring_.get() + at * bytes_per_frame_;
        if (src) {
            std::memcpy(dst, src, n * bytes_per_frame_);
            src += n * bytes_per_frame_;
        } else {
            std::memset(dst, 0, n * bytes_per_frame_);
        }
        first += n;
        frames -= n;
    }
}

template <class Direction>
void EndpointBase<Direction>::apply_swap_fault(std::uint8_t* data,
                                               std::uint64_t frames) const noexcept {
    if (config_.fault != Fault::kSwapChannels || config_.format.channels < 2) return;
    const std::uint32_t bps = config_.format.bytes_per_sample();
    std::uint8_t tmp[8];
    for (std::uint64_t f = 0; f < frames; ++f) {
        std::uint8_t* frame = data + f * bytes_per_frame_;
        std::memcpy(tmp, frame, bps);
        std::memcpy(frame, frame + bps, bps);
        std::memcpy(frame + bps, tmp, bps);
    }
}

// ---- IAudioEndpoint ----

template <class Direction>
HRESULT EndpointBase<Direction>::GetFrameFormat(WAVEFORMATEX** ppFormat) {
    begin_call();
    if (!ppFormat) return E_POINTER;
    *ppFormat = nullptr;
    WAVEFORMATEXTENSIBLE wfx{};
    const std::uint32_t bytes = to_wave_format(config_.format, &wfx);
    void* mem = co_task_mem_alloc(bytes);
    if (!mem) return E_OUTOFMEMORY;
    std::memcpy(mem, &wfx, bytes);
    *ppFormat = static_cast<WAVEFORMATEX*>(mem);
    return S_OK;
}

template <class Direction>
HRESULT EndpointBase<Direction>::GetFramesPerPacket(UINT32* pFramesPerPacket) {
    begin_call();
    if (!pFramesPerPacket) return E_POINTER;
    *pFramesPerPacket = initialized_.load(std::memory_order_acquire)
                            ? frames_per_packet_
                            : clock::frames_per_packet(config_.default_period, rate_);
    return S_OK;
}

template <class Direction>
HRESULT EndpointBase<Direction>::GetLatency(HNSTIME* pLatency) {
    begin_call();
    if (!pLatency) return E_POINTER;
    if (!initialized_.load(std::memory_order_acquire)) {
        *pLatency = 0;
        return AEERR_NOT_INITIALIZED;
    }
    *pLatency = latency_;
    return S_OK;
}

template <class Direction>
HRESULT EndpointBase<Direction>::SetStreamFlags(DWORD streamFlags) {
    begin_call();
    stream_flags_.store(streamFlags, std::memory_order_release);
    return S_OK;
}

template <class Direction>
HRESULT EndpointBase<Direction>::SetEventHandle(HANDLE eventHandle) {
    begin_call();
    if (!initialized_.load(std::memory_order_acquire)) return AEERR_NOT_INITIALIZED;
    if (!eventHandle) return E_INVALIDARG;
    event_.store(eventHandle, std::memory_order_release);
    return S_OK;
}

// ---- IAudioEndpointRT ----

template <class Direction>
void EndpointBase<Direction>::GetCurrentPadding(HNSTIME* pPadding, AE_CURRENT_POSITION* pPos) {
    const std::uint64_t index = begin_call();
    if (pPos) fill_position(pPos, stream_position_);
    if (!pPadding) {
        record_violation(index, ContractRule::kNullPointerArgument,
                         MethodId::IAudioEndpointRT_GetCurrentPadding, 0, 0);
        return;
    }
    std::uint64_t padding = initialized_.load(std::memory_order_acquire) ? padding_frames() : 0;
    if (config_.fault == Fault::kPaddingOffByOne) ++padding;
    *pPadding = config_.padding_unit == EndpointConfig::PaddingUnit::kHns
                    ? clock::time_of_frames(padding, rate_)
                    : static_cast<HNSTIME>(padding);
}

template <class Direction>
void EndpointBase<Direction>::ProcessingComplete() {
    begin_call();
    update_event();
}

template <class Direction>
HRESULT EndpointBase<Direction>::SetPinInactive() {
    begin_call();
    return S_OK;
}

template <class Direction>
HRESULT EndpointBase<Direction>::SetPinActive() {
    begin_call();
    return S_OK;
}

// ---- IAudioDeviceEndpoint ----

template <class Direction>
HRESULT EndpointBase<Direction>::SetBuffer(HNSTIME MaxPeriod, UINT32 u32LatencyCoefficient) {
    begin_call();
    if (initialized_.load(std::memory_order_acquire)) return E_UNEXPECTED;
    if (MaxPeriod <= 0 || MaxPeriod > kMaxPeriod) return E_INVALIDARG;
    const std::uint32_t fpp = clock::frames_per_packet(MaxPeriod, rate_);
    if (fpp == 0) return E_INVALIDARG;
    const std::uint64_t coefficient =
        std::max<std::uint64_t>(u32LatencyCoefficient, config_.min_latency_coefficient);
    if (coefficient > static_cast<std::uint64_t>(kMaxLatency / MaxPeriod)) return E_INVALIDARG;
    const HNSTIME latency = static_cast<HNSTIME>(coefficient) * MaxPeriod;
    const std::uint64_t capacity =
        std::max<std::uint64_t>(clock::frames_at(latency, rate_), 2ull * fpp);
    try {
        ring_.reset(new std::uint8_t[capacity * bytes_per_frame_]());
        scratch_.reset(new std::uint8_t[static_cast<std::uint64_t>(fpp) * bytes_per_frame_]());
        capacity_ = capacity;
        allocate_direction();
    } catch (const std::bad_alloc&) {
        ring_.reset();
        scratch_.reset();
        return E_OUTOFMEMORY;
    }
    max_period_ = MaxPeriod;
    latency_ = latency;
    frames_per_packet_ = fpp;
    last_now_ = std::max(last_now_, clock_.now());
    initialized_.store(true, std::memory_order_release);
    return S_OK;
}

template <class Direction>
HRESULT EndpointBase<Direction>::GetRTCaps(BOOL* pbIsRTCapable) {
    begin_call();
    if (!pbIsRTCapable) return E_POINTER;
    *pbIsRTCapable = kFalse;
    return S_OK;
}

template <class Direction>
HRESULT EndpointBase<Direction>::GetEventDrivenCapable(BOOL* pbisEventCapable) {
    begin_call();
    if (!pbisEventCapable) return E_POINTER;
    *pbisEventCapable = config_.event_capable ? kTrue : kFalse;
    return S_OK;
}

template <class Direction>
HRESULT EndpointBase<Direction>::WriteExclusiveModeParametersToSharedMemory(
    UINT_PTR, HNSTIME, HNSTIME, UINT32, UINT32* pu32SharedMemorySize, UINT_PTR* phSharedMemory) {
    begin_call();
    if (pu32SharedMemorySize) *pu32SharedMemorySize = 0;
    if (phSharedMemory) *phSharedMemory = 0;
    return E_NOTIMPL;
}

// ---- IAudioEndpointControl ----

template <class Direction>
HRESULT EndpointBase<Direction>::Start() {
    begin_call();
    if (!initialized_.load(std::memory_order_acquire)) return AEERR_NOT_INITIALIZED;
    if (!running_) {
        start_time_ = last_now_;
        running_ = true;
        if (reset_since_start_) glitch_pending_ = true;
        reset_since_start_ = false;
        update_event();
    }
    return S_OK;
}

template <class Direction>
HRESULT EndpointBase<Direction>::Reset() {
    begin_call();
    if (!initialized_.load(std::memory_order_acquire)) return AEERR_NOT_INITIALIZED;
    read_ = write_;
    if (config_.fault != Fault::kPositionNotReset) stream_position_ = 0;
    reset_since_start_ = true;
    return S_OK;
}

template <class Direction>
HRESULT EndpointBase<Direction>::Stop() {
    begin_call();
    if (!initialized_.load(std::memory_order_acquire)) return AEERR_NOT_INITIALIZED;
    if (running_) {
        accumulated_ = running_time(last_now_);
        running_ = false;
        update_event();
    }
    return S_OK;
}

// ---- IAetraceEndpointInspect ----

template <class Direction>
std::uint64_t EndpointBase<Direction>::GetViolationCount() {
    return violation_count_.load(std::memory_order_acquire);
}

template <class Direction>
HRESULT EndpointBase<Direction>::GetViolation(std::uint64_t index, ViolationInfo* pInfo) {
    if (!pInfo) return E_POINTER;
    const std::uint64_t stored = std::min<std::uint64_t>(
        violation_count_.load(std::memory_order_acquire), config_.max_violations);
    if (index >= stored) return E_INVALIDARG;
    *pInfo = violations_[index];
    return S_OK;
}

template <class Direction>
HRESULT EndpointBase<Direction>::GetRenderedAudio(const std::uint8_t** ppData,
                                                  std::uint64_t* pFrames) {
    if (ppData) *ppData = nullptr;
    if (pFrames) *pFrames = 0;
    return E_NOTIMPL;
}

template class EndpointBase<IAudioInputEndpointRT>;
template class EndpointBase<IAudioOutputEndpointRT>;

}  // namespace aetrace::endpoints
