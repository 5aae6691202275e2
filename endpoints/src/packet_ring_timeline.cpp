// PacketRingEndpoint: the device timeline, positions, events, violations and IAudioEndpointRT.
#include <algorithm>
#include <cstring>

#include "aetrace/abi/event.h"
#include "aetrace/clock/frame_math.h"
#include "aetrace/endpoints/packet_ring_endpoint.h"

namespace aetrace::endpoints {

using namespace aetrace::abi;

namespace {

constexpr std::uint64_t kQpcTicksPerSecond = 24'000'000;  // kQpcInTicks: a 24 MHz counter

}  // namespace

template <class Direction>
HNSTIME PacketRingEndpoint<Direction>::read_clock() noexcept {
    const HNSTIME now = clock_.now();
    if (now > clock_seen_) clock_seen_ = now;
    return clock_seen_;
}

template <class Direction>
void PacketRingEndpoint<Direction>::catch_up() noexcept {
    const State state = state_.load(std::memory_order_acquire);
    if (state == State::kCreated) return;
    const HNSTIME now = read_clock();
    if (state != State::kRunning) return;
    const std::uint64_t due = clock::frames_at(now - origin_, rate_);
    if (due <= clocked_) return;
    device_clocked(due - clocked_);
    clocked_ = due;
}

template <class Direction>
std::uint64_t PacketRingEndpoint<Direction>::enter() noexcept {
    call_ = calls_.fetch_add(1, std::memory_order_relaxed);
    catch_up();
    return call_;
}

template <class Direction>
void PacketRingEndpoint<Direction>::violation(std::uint64_t call, ContractRule rule,
                                              MethodId method, std::uint64_t value,
                                              std::uint64_t limit) noexcept {
    const std::uint64_t slot = violation_total_.load(std::memory_order_relaxed);
    if (slot < config_.max_violations) {
        ViolationInfo info;
        info.call_index = call;
        info.rule = rule;
        info.method = method;
        info.value = value;
        info.limit = limit;
        violation_log_[slot] = info;
    }
    violation_total_.store(slot + 1, std::memory_order_release);
}

template <class Direction>
void PacketRingEndpoint<Direction>::write_position(AE_CURRENT_POSITION* pos,
                                                   std::uint64_t stream) noexcept {
    AE_CURRENT_POSITION p{};
    if (!ready()) {
        p.Flag = POSITION_INVALID;
        *pos = p;
        return;
    }
    p.u64DevicePosition = clocked_;
    p.u64StreamPosition = stream;
    p.u64PaddingFrames = ring_.queued();
    p.hnsQPCPosition =
        faulty(Fault::kQpcInTicks)
            ? static_cast<HNSTIME>(clock::mul_div_floor(static_cast<std::uint64_t>(clock_seen_),
                                                        kQpcTicksPerSecond, kHnsPerSecond))
            : clock_seen_;
    p.f32FramesPerSecond = static_cast<FLOAT32>(rate_);
    const bool glitch =
        restart_glitch_ || (device_glitch_ && !faulty(Fault::kContinuousAfterGlitch));
    std::int32_t flag = glitch ? POSITION_DISCONTINUOUS : POSITION_CONTINUOUS;
    if (clock_.qpc_error()) flag |= POSITION_QPC_ERROR;
    p.Flag = static_cast<AE_POSITION_FLAGS>(flag);
    *pos = p;
    restart_glitch_ = device_glitch_ = false;
}

template <class Direction>
void PacketRingEndpoint<Direction>::signal_and_schedule() noexcept {
    const HANDLE event = event_.load(std::memory_order_acquire);
    if (event == nullptr || !ready()) return;
    if (clocked_ / packet_frames_ > packets_signaled_) {
        packets_signaled_ = clocked_ / packet_frames_;
        signal_event(event);
    }
    if (state_.load(std::memory_order_acquire) != State::kRunning) {
        schedule_event(event, kNeverDue);
        return;
    }
    // The device clocks frame k at origin + time_of_frames(k).
    const std::uint64_t missing = frames_until_packet();
    schedule_event(event, missing == 0
                              ? clock_seen_
                              : origin_ + clock::time_of_frames(clocked_ + missing, rate_));
}

template <class Direction>
void PacketRingEndpoint<Direction>::take_copy(std::uint64_t frames,
                                              std::uint8_t* dst) const noexcept {
    ring_.peek(frames, dst);
    if (!faulty(Fault::kWrapOffByOne)) return;
    const std::uint64_t to_wrap = ring_.frames_to_wrap();
    if (to_wrap >= frames) return;
    // The frame just after the wrap is lost: the one before it is copied again.
    std::memcpy(dst + to_wrap * frame_bytes_, dst + (to_wrap - 1) * frame_bytes_, frame_bytes_);
}

// ---- IAudioEndpointRT ----

template <class Direction>
void PacketRingEndpoint<Direction>::GetCurrentPadding(HNSTIME* pPadding,
                                                      AE_CURRENT_POSITION* pPos) {
    const std::uint64_t call = enter();
    if (pPos) write_position(pPos, stream_);
    if (pPadding == nullptr) {
        violation(call, ContractRule::kNullPointerArgument,
                  MethodId::IAudioEndpointRT_GetCurrentPadding, 0, 0);
        return;
    }
    std::uint64_t frames = ready() ? ring_.queued() : 0;
    if (faulty(Fault::kPaddingInBytes)) frames *= frame_bytes_;
    if (config_.padding_unit == EndpointConfig::PaddingUnit::kHns)
        *pPadding = clock::time_of_frames(frames, rate_);
    else
        *pPadding = static_cast<HNSTIME>(frames);
}

template <class Direction>
void PacketRingEndpoint<Direction>::ProcessingComplete() {
    enter();
    signal_and_schedule();
}

template <class Direction>
HRESULT PacketRingEndpoint<Direction>::SetPinInactive() {
    enter();
    return S_OK;
}

template <class Direction>
HRESULT PacketRingEndpoint<Direction>::SetPinActive() {
    enter();
    return S_OK;
}

// The members defined in this file, for both directions (packet_ring_endpoint.cpp instantiates
// the class, but cannot see these definitions).
#define AETRACE_PACKET_RING_TIMELINE(D)                                                          \
    template HNSTIME PacketRingEndpoint<D>::read_clock() noexcept;                               \
    template void PacketRingEndpoint<D>::catch_up() noexcept;                                    \
    template std::uint64_t PacketRingEndpoint<D>::enter() noexcept;                              \
    template void PacketRingEndpoint<D>::violation(std::uint64_t, ContractRule, MethodId,        \
                                                   std::uint64_t, std::uint64_t) noexcept;       \
    template void PacketRingEndpoint<D>::write_position(AE_CURRENT_POSITION*,                    \
                                                        std::uint64_t) noexcept;                 \
    template void PacketRingEndpoint<D>::signal_and_schedule() noexcept;                         \
    template void PacketRingEndpoint<D>::take_copy(std::uint64_t, std::uint8_t*) const noexcept; \
    template void PacketRingEndpoint<D>::GetCurrentPadding(HNSTIME*, AE_CURRENT_POSITION*);      \
    template void PacketRingEndpoint<D>::ProcessingComplete();                                   \
    template HRESULT PacketRingEndpoint<D>::SetPinInactive();                                    \
    template HRESULT PacketRingEndpoint<D>::SetPinActive();
AETRACE_PACKET_RING_TIMELINE(IAudioInputEndpointRT)
AETRACE_PACKET_RING_TIMELINE(IAudioOutputEndpointRT)
#undef AETRACE_PACKET_RING_TIMELINE

}  // namespace aetrace::endpoints
