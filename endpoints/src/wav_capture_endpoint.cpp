#include "aetrace/endpoints/wav_capture_endpoint.h"

#include <algorithm>
#include <cstring>
#include <utility>

#include "aetrace/abi/error.h"
#include "aetrace/abi/hresult.h"

namespace aetrace::endpoints {

using namespace aetrace::abi;

WavCaptureEndpoint::WavCaptureEndpoint(const EndpointConfig& config, const clock::Clock& clock,
                                       audio::PcmBuffer source)
    : EndpointBase(config, clock), source_(std::move(source)), source_frames_(source_.frames()) {
    if (!(source_.format == config.format))
        throw InputError("capture endpoint source: format " + describe(source_.format) +
                         " differs from the endpoint format " + describe(config.format));
}

void WavCaptureEndpoint::on_device_frames(std::uint64_t frames) noexcept {
    // Only the last `capacity_` frames can survive in the ring; earlier ones are skipped.
    const std::uint64_t end = write_ + frames;
    std::uint64_t w = end - std::min(frames, capacity_);
    while (w < end) {
        if (w < source_frames_) {
            const std::uint64_t n = std::min(end, source_frames_) - w;
            ring_write(w, n, source_.bytes.data() + w * bytes_per_frame_);
            w += n;
        } else {
            ring_write(w, end - w, nullptr);
            w = end;
        }
    }
    write_ = end;
    stream_position_ += frames;
    if (write_ - read_ > capacity_) {
        read_ = write_ - capacity_;  // overrun: the oldest frames were overwritten
        glitch_pending_ = true;
    }
}

std::uint64_t WavCaptureEndpoint::frames_until_packet() const noexcept {
    const std::uint64_t padding = padding_frames();
    return padding >= frames_per_packet_ ? 0 : frames_per_packet_ - padding;
}

void WavCaptureEndpoint::GetInputDataPointer(APO_CONNECTION_PROPERTY* conn,
                                             AE_CURRENT_POSITION* pTs) {
    const std::uint64_t index = begin_call();
    constexpr MethodId kMethod = MethodId::IAudioInputEndpointRT_GetInputDataPointer;
    if (!conn) {
        record_violation(index, ContractRule::kNullPointerArgument, kMethod, 0, 0);
        if (pTs) fill_position(pTs, 0);
        return;
    }
    if (!initialized_.load(std::memory_order_acquire)) {
        record_violation(index, ContractRule::kNotInitialized, kMethod, conn->u32ValidFrameCount,
                         0);
        conn->u32BufferFlags = BUFFER_INVALID;
        if (pTs) fill_position(pTs, 0);
        return;
    }
    std::uint32_t n = conn->u32ValidFrameCount;
    if (n > frames_per_packet_) {
        record_violation(index, ContractRule::kFramesAbovePacket, kMethod, n, frames_per_packet_);
        n = frames_per_packet_;
    }
    if (get_outstanding_)
        record_violation(index, ContractRule::kGetTwiceWithoutRelease, kMethod, n, 0);
    const std::uint64_t queued = padding_frames();
    const std::uint64_t real = std::min<std::uint64_t>(n, queued);
    ring_read(read_, real, scratch_.get());
    std::memset(scratch_.get() + real * bytes_per_frame_, 0, (n - real) * bytes_per_frame_);
    apply_swap_fault(scratch_.get(), n);
    const bool has_source_data = real > 0 && read_ < source_frames_;
    get_outstanding_ = true;
    get_frames_ = n;
    conn->pBuffer = reinterpret_cast<UINT_PTR>(scratch_.get());
    conn->u32ValidFrameCount = n;
    conn->u32BufferFlags = has_source_data ? BUFFER_VALID : BUFFER_SILENT;
    if (pTs) {
        const std::uint64_t first = stream_position_ >= queued ? stream_position_ - queued : 0;
        fill_position(pTs, first);
    }
}

void WavCaptureEndpoint::ReleaseInputDataPointer(UINT32 u32FrameCount, UINT_PTR pDataPointer) {
    const std::uint64_t index = begin_call();
    constexpr MethodId kMethod = MethodId::IAudioInputEndpointRT_ReleaseInputDataPointer;
    if (!initialized_.load(std::memory_order_acquire)) {
        record_violation(index, ContractRule::kNotInitialized, kMethod, u32FrameCount, 0);
        return;
    }
    if (!get_outstanding_) {
        record_violation(index, ContractRule::kReleaseWithoutGet, kMethod, u32FrameCount, 0);
        return;
    }
    get_outstanding_ = false;
    std::uint64_t count = u32FrameCount;
    if (count > get_frames_) {
        record_violation(index, ContractRule::kReleaseAboveGet, kMethod, count, get_frames_);
        count = get_frames_;
    }
    if (pDataPointer != reinterpret_cast<UINT_PTR>(scratch_.get()))
        record_violation(index, ContractRule::kForeignPointer, kMethod, 0, 0);
    read_ += std::min(count, padding_frames());
}

void WavCaptureEndpoint::PulseEndpoint() {
    begin_call();
    update_event();
}

}  // namespace aetrace::endpoints
