// PacketRingEndpoint: IUnknown, IAudioEndpoint, IAudioDeviceEndpoint, IAudioEndpointControl and
// IAetraceEndpointInspect. The device timeline, positions and events are in
// packet_ring_timeline.cpp.
#include <algorithm>
#include <cstring>
#include <new>
#include <string>

#include "aetrace/abi/cotaskmem.h"
#include "aetrace/abi/error.h"
#include "aetrace/abi/hresult.h"
#include "aetrace/clock/frame_math.h"
#include "aetrace/endpoints/packet_ring_endpoint.h"

namespace aetrace::endpoints {

using namespace aetrace::abi;

namespace {

constexpr HNSTIME kLongestPeriod = kHnsPerSecond;        // SetBuffer: MaxPeriod <= 1 s
constexpr HNSTIME kLongestLatency = 10 * kHnsPerSecond;  // SetBuffer: latency <= 10 s

std::uint32_t frame_bytes_of(const EndpointConfig& config) {
    std::string why;
    if (!is_supported(config.format, &why))
        throw InputError("packet-ring endpoint config: unsupported format (" + why + ")");
    return static_cast<std::uint32_t>(config.format.channels) * config.format.bytes_per_sample();
}

/// Frames per packet for `period`: POLICY #15 (half up), or rounded down for the mutant.
std::uint32_t packet_size(HNSTIME period, std::uint32_t rate, bool round_down) noexcept {
    if (!round_down) return clock::frames_per_packet(period, rate);
    return period <= 0 ? 0
                       : static_cast<std::uint32_t>(clock::mul_div_floor(
                             static_cast<std::uint64_t>(period), rate, kHnsPerSecond));
}

}  // namespace

template <class Direction>
PacketRingEndpoint<Direction>::PacketRingEndpoint(const EndpointConfig& config,
                                                  const clock::Clock& clock)
    : config_(config),
      clock_(clock),
      frame_bytes_(frame_bytes_of(config)),
      rate_(config.format.sample_rate),
      violation_log_(new ViolationInfo[config.max_violations]) {}

template <class Direction>
PacketRingEndpoint<Direction>::~PacketRingEndpoint() = default;

// ---- IAudioEndpoint ----

template <class Direction>
HRESULT PacketRingEndpoint<Direction>::GetFrameFormat(WAVEFORMATEX** ppFormat) {
    enter();
    if (!ppFormat) return E_POINTER;
    *ppFormat = nullptr;
    WAVEFORMATEXTENSIBLE ext{};
    const std::uint32_t size = to_wave_format(config_.format, &ext);
    auto* out = static_cast<WAVEFORMATEX*>(co_task_mem_alloc(size));
    if (!out) return E_OUTOFMEMORY;
    std::memcpy(out, &ext, size);
    *ppFormat = out;
    return S_OK;
}

template <class Direction>
HRESULT PacketRingEndpoint<Direction>::GetFramesPerPacket(UINT32* pFramesPerPacket) {
    enter();
    if (!pFramesPerPacket) return E_POINTER;
    // The mutant only misreports the value: its own packets keep the policy size, so an engine
    // asking for the policy size still gets a buffer that large.
    *pFramesPerPacket = packet_size(ready() ? period_ : config_.default_period, rate_,
                                    faulty(Fault::kFramesPerPacketFloor));
    return S_OK;
}

template <class Direction>
HRESULT PacketRingEndpoint<Direction>::GetLatency(HNSTIME* pLatency) {
    enter();
    if (!pLatency) return E_POINTER;
    *pLatency = ready() ? latency_ : 0;
    return ready() ? S_OK : AEERR_NOT_INITIALIZED;
}

template <class Direction>
HRESULT PacketRingEndpoint<Direction>::SetStreamFlags(DWORD streamFlags) {
    enter();
    flags_.store(streamFlags, std::memory_order_release);
    return S_OK;
}

template <class Direction>
HRESULT PacketRingEndpoint<Direction>::SetEventHandle(HANDLE eventHandle) {
    enter();
    if (!ready()) return AEERR_NOT_INITIALIZED;
    if (eventHandle == nullptr) return E_INVALIDARG;
    event_.store(eventHandle, std::memory_order_release);
    return S_OK;
}

// ---- IAudioDeviceEndpoint ----

template <class Direction>
HRESULT PacketRingEndpoint<Direction>::SetBuffer(HNSTIME MaxPeriod, UINT32 u32LatencyCoefficient) {
    enter();
    if (ready()) return E_UNEXPECTED;
    if (MaxPeriod <= 0 || MaxPeriod > kLongestPeriod) return E_INVALIDARG;
    const std::uint32_t packet = packet_size(MaxPeriod, rate_, false);
    if (packet == 0) return E_INVALIDARG;
    const std::uint32_t coefficient = u32LatencyCoefficient < config_.min_latency_coefficient
                                          ? config_.min_latency_coefficient
                                          : u32LatencyCoefficient;
    if (static_cast<HNSTIME>(coefficient) > kLongestLatency / MaxPeriod) return E_INVALIDARG;
    const HNSTIME latency = MaxPeriod * coefficient;
    std::uint64_t capacity = clock::frames_at(latency, rate_);
    if (capacity < 2ull * packet) capacity = 2ull * packet;
    try {
        ring_.allocate(packet, capacity, frame_bytes_);
        packet_.reset(new std::uint8_t[static_cast<std::size_t>(packet) * frame_bytes_]());
        allocate_direction();
    } catch (const std::bad_alloc&) {
        packet_.reset();
        return E_OUTOFMEMORY;
    }
    packet_frames_ = packet;
    period_ = MaxPeriod;
    latency_ = faulty(Fault::kLatencyIgnoresCoefficient) ? MaxPeriod : latency;
    clock_seen_ = std::max(clock_seen_, clock_.now());
    state_.store(State::kStopped, std::memory_order_release);
    return S_OK;
}

template <class Direction>
HRESULT PacketRingEndpoint<Direction>::GetRTCaps(BOOL* pbIsRTCapable) {
    enter();
    if (!pbIsRTCapable) return E_POINTER;
    *pbIsRTCapable = kFalse;
    return S_OK;
}

template <class Direction>
HRESULT PacketRingEndpoint<Direction>::GetEventDrivenCapable(BOOL* pbisEventCapable) {
    enter();
    if (!pbisEventCapable) return E_POINTER;
    *pbisEventCapable = config_.event_capable ? kTrue : kFalse;
    return S_OK;
}

template <class Direction>
HRESULT PacketRingEndpoint<Direction>::WriteExclusiveModeParametersToSharedMemory(
    UINT_PTR, HNSTIME, HNSTIME, UINT32, UINT32* pu32SharedMemorySize, UINT_PTR* phSharedMemory) {
    enter();
    if (phSharedMemory) *phSharedMemory = 0;
    if (pu32SharedMemorySize) *pu32SharedMemorySize = 0;
    return E_NOTIMPL;
}

// ---- IAudioEndpointControl ----

template <class Direction>
HRESULT PacketRingEndpoint<Direction>::Start() {
    enter();
    const State state = state_.load(std::memory_order_acquire);
    if (state == State::kCreated) return AEERR_NOT_INITIALIZED;
    if (state == State::kStopped) {
        origin_ += clock_seen_ - stopped_at_;  // the stopped time does not count
        state_.store(State::kRunning, std::memory_order_release);
        restart_glitch_ = restart_glitch_ || reset_pending_;
        reset_pending_ = false;
        signal_and_schedule();
    }
    return S_OK;
}

template <class Direction>
HRESULT PacketRingEndpoint<Direction>::Reset() {
    enter();
    if (!ready()) return AEERR_NOT_INITIALIZED;
    ring_.clear();
    if (!faulty(Fault::kPositionNotReset)) stream_ = 0;
    reset_pending_ = true;
    return S_OK;
}

template <class Direction>
HRESULT PacketRingEndpoint<Direction>::Stop() {
    enter();
    const State state = state_.load(std::memory_order_acquire);
    if (state == State::kCreated) return AEERR_NOT_INITIALIZED;
    if (state == State::kRunning) {
        stopped_at_ = clock_seen_;
        state_.store(State::kStopped, std::memory_order_release);
        if (faulty(Fault::kPositionResetOnStop)) stream_ = 0;
        signal_and_schedule();
    }
    return S_OK;
}

// ---- IAetraceEndpointInspect ----

template <class Direction>
std::uint64_t PacketRingEndpoint<Direction>::GetViolationCount() {
    return violation_total_.load(std::memory_order_acquire);
}

template <class Direction>
HRESULT PacketRingEndpoint<Direction>::GetViolation(std::uint64_t index, ViolationInfo* pInfo) {
    if (!pInfo) return E_POINTER;
    const std::uint64_t total = violation_total_.load(std::memory_order_acquire);
    if (index >= total || index >= config_.max_violations) return E_INVALIDARG;
    *pInfo = violation_log_[index];
    return S_OK;
}

template <class Direction>
HRESULT PacketRingEndpoint<Direction>::GetRenderedAudio(const std::uint8_t** ppData,
                                                        std::uint64_t* pFrames) {
    if (ppData) *ppData = nullptr;
    if (pFrames) *pFrames = 0;
    return E_NOTIMPL;
}

template class PacketRingEndpoint<IAudioInputEndpointRT>;
template class PacketRingEndpoint<IAudioOutputEndpointRT>;

}  // namespace aetrace::endpoints
