// PacketRingCaptureEndpoint: the packet-ring capture endpoint ("packet-ring", capture role).
//
// Its device records a PcmBuffer exactly as the reference capture device does (device frame w =
// source frame w, silence after the source end, overruns drop the oldest frames and mark the next
// position DISCONTINUOUS), but stores what it captures in a PacketRing: each packet slot knows how
// many of its frames came from the source, which is how BUFFER_SILENT is decided. See
// packet_ring_endpoint.h and, for the API behaviour, wav_capture_endpoint.h.
#pragma once

#include "aetrace/audio/pcm_buffer.h"
#include "aetrace/endpoints/packet_ring_endpoint.h"

namespace aetrace::endpoints {

class PacketRingCaptureEndpoint final : public PacketRingEndpoint<abi::IAudioInputEndpointRT> {
  public:
    /// `source` must be in config.format, else InputError; `clock` must outlive the object. Starts
    /// with one reference (adopt it with ComPtr::attach).
    PacketRingCaptureEndpoint(const EndpointConfig& config, const clock::Clock& clock,
                              audio::PcmBuffer source);

    // IAudioInputEndpointRT (RT): as WavCaptureEndpoint (wav_capture_endpoint.h).
    /// [in,out] conn: N frames wanted (clamped to frames per packet, kFramesAbovePacket); returns
    /// the packet buffer with N frames from the ring (silence beyond what is queued), BUFFER_VALID
    /// when the first of them is source data, else BUFFER_SILENT. [out, optional] pTs.
    void GetInputDataPointer(abi::APO_CONNECTION_PROPERTY* conn,
                             abi::AE_CURRENT_POSITION* pTs) override;
    /// Consumes u32FrameCount frames (at most the Get's N and what is queued).
    void ReleaseInputDataPointer(abi::UINT32 u32FrameCount, abi::UINT_PTR pDataPointer) override;
    /// Event signalling in event mode.
    void PulseEndpoint() override;

  protected:
    void device_clocked(std::uint64_t frames) noexcept override;
    std::uint64_t frames_until_packet() const noexcept override;

  private:
    audio::PcmBuffer source_;
    std::uint64_t source_frames_;
    std::uint32_t cached_count_ = 0;      ///< kFrameCountCached: the first non-zero N
    std::uint64_t nonempty_packets_ = 0;  ///< kDropFrameEvery16: non-empty Gets so far
};

}  // namespace aetrace::endpoints
