#include "aetrace/endpoints/packet_ring_capture_endpoint.h"

#include <algorithm>
#include <cstring>
#include <utility>

#include "aetrace/abi/error.h"

namespace aetrace::endpoints {

using namespace aetrace::abi;

PacketRingCaptureEndpoint::PacketRingCaptureEndpoint(const EndpointConfig& config,
                                                     const clock::Clock& clock,
                                                     audio::PcmBuffer source)
    : PacketRingEndpoint(config, clock),
      source_(std::move(source)),
      source_frames_(source_.frames()) {
    if (!(source_.format == config.format))
        throw InputError("packet-ring capture source: format " + describe(source_.format) +
                         " differs from the endpoint format " + describe(config.format));
}

void PacketRingCaptureEndpoint::device_clocked(std::uint64_t frames) noexcept {
    const std::uint64_t capacity = ring_.capacity();
    std::uint64_t frame = clocked_;  // device frame w is source frame w
    std::uint64_t left = frames;
    if (left > capacity) {
        // More than the ring holds arrived at once: only the newest `capacity` frames survive.
        ring_.skip(left - capacity);
        frame += left - capacity;
        left = capacity;
        device_glitch_ = true;
    }
    if (frame < source_frames_) {
        const std::uint64_t n = std::min(left, source_frames_ - frame);
        ring_.append(source_.bytes.data() + frame * frame_bytes_, n, true);
        left -= n;
    }
    if (left > 0) ring_.append(nullptr, left, false);
    stream_ += frames;
    if (ring_.queued() > capacity) {
        ring_.consume(ring_.queued() - capacity);  // overrun: the oldest frames are lost
        device_glitch_ = true;
    }
}

std::uint64_t PacketRingCaptureEndpoint::frames_until_packet() const noexcept {
    const std::uint64_t queued = ring_.queued();
    return queued >= packet_frames_ ? 0 : packet_frames_ - queued;
}

void PacketRingCaptureEndpoint::GetInputDataPointer(APO_CONNECTION_PROPERTY* conn,
                                                    AE_CURRENT_POSITION* pTs) {
    constexpr MethodId kGet = MethodId::IAudioInputEndpointRT_GetInputDataPointer;
    const std::uint64_t call = enter();
    if (conn == nullptr || !ready()) {
        if (conn == nullptr) {
            violation(call, ContractRule::kNullPointerArgument, kGet, 0, 0);
        } else {
            violation(call, ContractRule::kNotInitialized, kGet, conn->u32ValidFrameCount, 0);
            conn->u32BufferFlags = BUFFER_INVALID;
        }
        if (pTs) write_position(pTs, 0);
        return;
    }
    std::uint32_t wanted = conn->u32ValidFrameCount;
    if (wanted > packet_frames_) {
        violation(call, ContractRule::kFramesAbovePacket, kGet, wanted, packet_frames_);
        wanted = packet_frames_;
    }
    if (faulty(Fault::kFrameCountCached)) {
        if (cached_count_ == 0)
            cached_count_ = wanted;
        else
            wanted = cached_count_;
    }
    if (handed_out_) violation(call, ContractRule::kGetTwiceWithoutRelease, kGet, wanted, 0);

    const std::uint64_t queued = ring_.queued();
    const std::uint64_t have = std::min<std::uint64_t>(wanted, queued);
    take_copy(have, packet_.get());
    std::memset(packet_.get() + have * frame_bytes_, 0, (wanted - have) * frame_bytes_);
    if (faulty(Fault::kDropFrameEvery16) && wanted > 0 && ++nonempty_packets_ % 16 == 0 &&
        have > 1) {
        // The first frame is lost; the last one is repeated to fill the packet.
        std::memmove(packet_.get(), packet_.get() + frame_bytes_, (have - 1) * frame_bytes_);
    }
    const bool source = have > 0 && ring_.head_is_source();
    handed_out_ = true;
    handed_frames_ = wanted;
    conn->pBuffer = reinterpret_cast<UINT_PTR>(packet_.get());
    conn->u32ValidFrameCount = wanted;
    conn->u32BufferFlags =
        source || faulty(Fault::kCaptureSilentNotSet) ? BUFFER_VALID : BUFFER_SILENT;
    if (pTs) write_position(pTs, stream_ >= queued ? stream_ - queued : 0);
}

void PacketRingCaptureEndpoint::ReleaseInputDataPointer(UINT32 u32FrameCount,
                                                        UINT_PTR pDataPointer) {
    constexpr MethodId kRelease = MethodId::IAudioInputEndpointRT_ReleaseInputDataPointer;
    const std::uint64_t call = enter();
    if (!ready()) {
        violation(call, ContractRule::kNotInitialized, kRelease, u32FrameCount, 0);
        return;
    }
    if (!handed_out_) {
        violation(call, ContractRule::kReleaseWithoutGet, kRelease, u32FrameCount, 0);
        return;
    }
    handed_out_ = false;
    std::uint32_t count = u32FrameCount;
    if (count > handed_frames_) {
        violation(call, ContractRule::kReleaseAboveGet, kRelease, count, handed_frames_);
        count = handed_frames_;
    }
    if (pDataPointer != reinterpret_cast<UINT_PTR>(packet_.get()))
        violation(call, ContractRule::kForeignPointer, kRelease, 0, 0);
    ring_.consume(count);
}

void PacketRingCaptureEndpoint::PulseEndpoint() {
    enter();
    signal_and_schedule();
}

}  // namespace aetrace::endpoints
