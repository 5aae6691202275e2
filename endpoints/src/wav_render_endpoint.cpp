#include "aetrace/endpoints/wav_render_endpoint.h"

#include <algorithm>
#include <cstring>
#include <limits>
#include <new>

#include "aetrace/abi/hresult.h"

namespace aetrace::endpoints {

using namespace aetrace::abi;

WavRenderEndpoint::WavRenderEndpoint(const EndpointConfig& config, const clock::Clock& clock)
    : EndpointBase(config, clock) {}

void WavRenderEndpoint::allocate_direction() {
    // Not value-initialised: pages are only touched when frames are played.
    const std::uint64_t frames = std::max<std::uint64_t>(config_.max_render_frames, 1);
    if (frames > std::numeric_limits<std::size_t>::max() / bytes_per_frame_) throw std::bad_alloc();
    output_.reset(new std::uint8_t[frames * bytes_per_frame_]);
}

void WavRenderEndpoint::play(std::uint64_t ring_first, std::uint64_t frames) noexcept {
    // ring_first == UINT64_MAX plays silence.
    const std::uint64_t room = config_.max_render_frames - output_frames_;
    const std::uint64_t n = std::min(frames, room);
    if (n < frames) {
        if (dropped_frames_ == 0)
            record_violation(current_call_, ContractRule::kCapacityExceeded, MethodId::kNone,
                             output_frames_ + frames, config_.max_render_frames);
        dropped_frames_ += frames - n;
    }
    if (n == 0) return;
    std::uint8_t* dst = output_.get() + output_frames_ * bytes_per_frame_;
    if (ring_first == UINT64_MAX) {
        std::memset(dst, 0, n * bytes_per_frame_);
    } else {
        ring_read(ring_first, n, dst);
        apply_swap_fault(dst, n);
    }
    output_frames_ += n;
}

void WavRenderEndpoint::on_device_frames(std::uint64_t frames) noexcept {
    const std::uint64_t take = std::min(frames, padding_frames());
    play(read_, take);
    read_ += take;
    stream_position_ += take;
    if (take < frames) {
        play(UINT64_MAX, frames - take);  // underrun: silence
        glitch_pending_ = true;
    }
}

std::uint64_t WavRenderEndpoint::frames_until_packet() const noexcept {
    const std::uint64_t free_frames = capacity_ - padding_frames();
    return free_frames >= frames_per_packet_ ? 0 : frames_per_packet_ - free_frames;
}

UINT_PTR WavRenderEndpoint::GetOutputDataPointer(UINT32 u32FrameCount, AE_CURRENT_POSITION*) {
    const std::uint64_t index = begin_call();
    constexpr MethodId kMethod = MethodId::IAudioOutputEndpointRT_GetOutputDataPointer;
    if (!initialized_.load(std::memory_order_acquire)) {
        record_violation(index, ContractRule::kNotInitialized, kMethod, u32FrameCount, 0);
        return 0;
    }
    std::uint32_t n = u32FrameCount;
    if (n > frames_per_packet_) {
        record_violation(index, ContractRule::kFramesAbovePacket, kMethod, n, frames_per_packet_);
        n = frames_per_packet_;
    }
    if (get_outstanding_)
        record_violation(index, ContractRule::kGetTwiceWithoutRelease, kMethod, n, 0);
    get_outstanding_ = true;
    get_frames_ = n;
    return reinterpret_cast<UINT_PTR>(scratch_.get());
}

void WavRenderEndpoint::ReleaseOutputDataPointer(const APO_CONNECTION_PROPERTY* conn) {
    const std::uint64_t index = begin_call();
    constexpr MethodId kMethod = MethodId::IAudioOutputEndpointRT_ReleaseOutputDataPointer;
    if (!conn) {
        record_violation(index, ContractRule::kNullPointerArgument, kMethod, 0, 0);
        return;
    }
    if (!initialized_.load(std::memory_order_acquire)) {
        record_violation(index, ContractRule::kNotInitialized, kMethod, conn->u32ValidFrameCount,
                         0);
        return;
    }
    if (!get_outstanding_) {
        record_violation(index, ContractRule::kReleaseWithoutGet, kMethod, conn->u32ValidFrameCount,
                         0);
        return;
    }
    get_outstanding_ = false;
    std::uint64_t count = conn->u32ValidFrameCount;
    if (count > get_frames_) {
        record_violation(index, ContractRule::kReleaseAboveGet, kMethod, count, get_frames_);
        count = get_frames_;
    }
    if (conn->pBuffer != reinterpret_cast<UINT_PTR>(scratch_.get()))
        record_violation(index, ContractRule::kForeignPointer, kMethod, 0, 0);
    const std::uint64_t free_frames = capacity_ - padding_frames();
    if (count > free_frames) {
        record_violation(index, ContractRule::kCapacityExceeded, kMethod, count, free_frames);
        count = free_frames;
    }
    const bool silent =
        (conn->u32BufferFlags & BUFFER_SILENT) != 0 && config_.fault != Fault::kIgnoreSilentFlag;
    ring_write(write_, count, silent ? nullptr : scratch_.get());
    write_ += count;
}

void WavRenderEndpoint::PulseEndpoint() {
    begin_call();
    update_event();
}

HRESULT WavRenderEndpoint::GetRenderedAudio(const std::uint8_t** ppData, std::uint64_t* pFrames) {
    if (!ppData || !pFrames) return E_POINTER;
    advance_device();  // not an API call: no call index is counted
    *ppData = output_.get();
    *pFrames = output_frames_;
    return S_OK;
}

}  // namespace aetrace::endpoints
