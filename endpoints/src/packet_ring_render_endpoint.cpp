#include "aetrace/endpoints/packet_ring_render_endpoint.h"

#include <algorithm>
#include <cstring>
#include <limits>
#include <new>

#include "aetrace/abi/hresult.h"

namespace aetrace::endpoints {

using namespace aetrace::abi;

PacketRingRenderEndpoint::PacketRingRenderEndpoint(const EndpointConfig& config,
                                                   const clock::Clock& clock)
    : PacketRingEndpoint(config, clock) {}

void PacketRingRenderEndpoint::allocate_direction() {
    const std::uint64_t frames = config_.max_render_frames == 0 ? 1 : config_.max_render_frames;
    if (frames > std::numeric_limits<std::size_t>::max() / frame_bytes_) throw std::bad_alloc();
    played_.reset(new std::uint8_t[frames * frame_bytes_]);  // touched only when played
}

std::uint64_t PacketRingRenderEndpoint::output_room(std::uint64_t frames) noexcept {
    const std::uint64_t room = config_.max_render_frames - played_frames_;
    if (frames > room && !overflow_reported_) {
        overflow_reported_ = true;
        violation(call_, ContractRule::kCapacityExceeded, MethodId::kNone, played_frames_ + frames,
                  config_.max_render_frames);
    }
    return std::min(frames, room);
}

void PacketRingRenderEndpoint::device_clocked(std::uint64_t frames) noexcept {
    const std::uint64_t from_ring = std::min(frames, ring_.queued());
    std::uint64_t n = output_room(from_ring);
    take_copy(n, played_.get() + played_frames_ * frame_bytes_);
    played_frames_ += n;
    ring_.consume(from_ring);
    stream_ += from_ring;
    if (from_ring == frames) return;
    device_glitch_ = true;  // underrun: the device plays silence
    n = output_room(frames - from_ring);
    std::memset(played_.get() + played_frames_ * frame_bytes_, 0, n * frame_bytes_);
    played_frames_ += n;
}

std::uint64_t PacketRingRenderEndpoint::frames_until_packet() const noexcept {
    const std::uint64_t free_frames = ring_.free_frames();
    return free_frames >= packet_frames_ ? 0 : packet_frames_ - free_frames;
}

UINT_PTR PacketRingRenderEndpoint::GetOutputDataPointer(UINT32 u32FrameCount,
                                                        AE_CURRENT_POSITION*) {
    constexpr MethodId kGet = MethodId::IAudioOutputEndpointRT_GetOutputDataPointer;
    const std::uint64_t call = enter();
    if (!ready()) {
        violation(call, ContractRule::kNotInitialized, kGet, u32FrameCount, 0);
        return 0;
    }
    const std::uint32_t frames = std::min(u32FrameCount, packet_frames_);
    if (frames < u32FrameCount)
        violation(call, ContractRule::kFramesAbovePacket, kGet, u32FrameCount, packet_frames_);
    if (handed_out_) violation(call, ContractRule::kGetTwiceWithoutRelease, kGet, frames, 0);
    handed_out_ = true;
    handed_frames_ = frames;
    return reinterpret_cast<UINT_PTR>(packet_.get());
}

void PacketRingRenderEndpoint::ReleaseOutputDataPointer(const APO_CONNECTION_PROPERTY* conn) {
    constexpr MethodId kRelease = MethodId::IAudioOutputEndpointRT_ReleaseOutputDataPointer;
    const std::uint64_t call = enter();
    if (conn == nullptr) {
        violation(call, ContractRule::kNullPointerArgument, kRelease, 0, 0);
        return;
    }
    if (!ready() || !handed_out_) {
        violation(call, ready() ? ContractRule::kReleaseWithoutGet : ContractRule::kNotInitialized,
                  kRelease, conn->u32ValidFrameCount, 0);
        return;
    }
    handed_out_ = false;
    std::uint64_t count =
        faulty(Fault::kReleaseCommitsRequested) ? handed_frames_ : conn->u32ValidFrameCount;
    if (count > handed_frames_) {
        violation(call, ContractRule::kReleaseAboveGet, kRelease, count, handed_frames_);
        count = handed_frames_;
    }
    if (conn->pBuffer != reinterpret_cast<UINT_PTR>(packet_.get()))
        violation(call, ContractRule::kForeignPointer, kRelease, 0, 0);
    const std::uint64_t room = ring_.free_frames();
    if (count > room) {
        violation(call, ContractRule::kCapacityExceeded, kRelease, count, room);
        count = room;
    }
    if ((conn->u32BufferFlags & BUFFER_SILENT) != 0)
        ring_.append(nullptr, count, false);  // POLICY #8: silence whatever the bytes
    else
        ring_.append(packet_.get(), count, true);
}

void PacketRingRenderEndpoint::PulseEndpoint() {
    enter();
    signal_and_schedule();
}

HRESULT PacketRingRenderEndpoint::GetRenderedAudio(const std::uint8_t** ppData,
                                                   std::uint64_t* pFrames) {
    if (!ppData || !pFrames) return E_POINTER;
    catch_up();  // not an API call
    *ppData = played_.get();
    *pFrames = played_frames_;
    return S_OK;
}

}  // namespace aetrace::endpoints
