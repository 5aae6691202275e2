// PacketRingRenderEndpoint: the packet-ring render endpoint ("packet-ring", render role).
//
// The engine's released frames are appended to a PacketRing (BUFFER_SILENT packets as silence,
// POLICY #8); the device plays them from the ring in virtual time into its output (what was
// played, IAetraceEndpointInspect::GetRenderedAudio), playing silence on an underrun (a glitch:
// the next position is DISCONTINUOUS). Output capacity and its kCapacityExceeded report are those
// of WavRenderEndpoint (wav_render_endpoint.h). See packet_ring_endpoint.h.
#pragma once

#include "aetrace/endpoints/packet_ring_endpoint.h"

namespace aetrace::endpoints {

class PacketRingRenderEndpoint final : public PacketRingEndpoint<abi::IAudioOutputEndpointRT> {
  public:
    /// `clock` must outlive the object. Starts with one reference (adopt it with ComPtr::attach).
    /// Throws InputError for an unsupported format.
    PacketRingRenderEndpoint(const EndpointConfig& config, const clock::Clock& clock);

    // IAudioOutputEndpointRT (RT): as WavRenderEndpoint.
    /// The packet buffer (room for frames-per-packet frames); 0 before SetBuffer. pTs ignored.
    abi::UINT_PTR GetOutputDataPointer(abi::UINT32 u32FrameCount,
                                       abi::AE_CURRENT_POSITION* pTs) override;
    /// Appends conn->u32ValidFrameCount frames of the packet buffer (silence for BUFFER_SILENT),
    /// at most the Get's count and the ring's free frames (kCapacityExceeded).
    void ReleaseOutputDataPointer(const abi::APO_CONNECTION_PROPERTY* conn) override;
    /// Event signalling in event mode.
    void PulseEndpoint() override;

    /// [out] *ppData, *pFrames: the frames played so far (valid until the next call on the
    /// endpoint). Catches the device up with the clock first. E_POINTER. Not RT.
    abi::HRESULT GetRenderedAudio(const std::uint8_t** ppData, std::uint64_t* pFrames) override;

  protected:
    void allocate_direction() override;
    void device_clocked(std::uint64_t frames) noexcept override;
    std::uint64_t frames_until_packet() const noexcept override;

  private:
    /// Room left in the output for `frames` more frames (reports the first overflow once).
    std::uint64_t output_room(std::uint64_t frames) noexcept;

    std::unique_ptr<std::uint8_t[]> played_;
    std::uint64_t played_frames_ = 0;
    bool overflow_reported_ = false;
};

}  // namespace aetrace::endpoints
