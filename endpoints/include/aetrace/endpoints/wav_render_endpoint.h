// WavRenderEndpoint: a render reference endpoint whose "device" plays into memory.
//
// From Start on, the device consumes frames from the ring in real (virtual) time and appends them
// to the device output (what was played; IAetraceEndpointInspect::GetRenderedAudio). When the ring
// holds fewer frames than the device clocks, the rest is played as silence (zero frames appended;
// an underrun: a glitch, the next position is DISCONTINUOUS). The stream position counts only the
// stream frames played. The device output holds at most config.max_render_frames frames; the first
// frame dropped beyond it is reported once as kCapacityExceeded (method kNone, call_index of the
// API call during which the device reached the limit, value = frames wanted, limit = the capacity).
// See endpoint_base.h for the timeline, positions, threading and RT rules.
#pragma once

#include "aetrace/endpoints/endpoint_base.h"

namespace aetrace::endpoints {

class WavRenderEndpoint final : public EndpointBase<abi::IAudioOutputEndpointRT> {
  public:
    /// `clock` must outlive the object. The object starts with one reference (adopt it with
    /// ComPtr::attach); prefer make_wav_render_endpoint(). Throws InputError for a bad format.
    WavRenderEndpoint(const EndpointConfig& config, const clock::Clock& clock);

    // IAudioOutputEndpointRT (RT).
    /// Returns the frame-aligned packet buffer (room for frames-per-packet frames). A count above
    /// frames per packet is clamped (kFramesAbovePacket); a second Get without Release is
    /// kGetTwiceWithoutRelease. Before SetBuffer returns 0 (kNotInitialized). pTs is ignored.
    abi::UINT_PTR GetOutputDataPointer(abi::UINT32 u32FrameCount,
                                       abi::AE_CURRENT_POSITION* pTs) override;
    /// Appends conn->u32ValidFrameCount frames of the packet buffer to the ring (zeros instead when
    /// BUFFER_SILENT, POLICY #8); *conn is not modified. Violations: kNullPointerArgument,
    /// kNotInitialized, kReleaseWithoutGet (nothing written), kReleaseAboveGet (clamped),
    /// kForeignPointer (the packet buffer is still used), kCapacityExceeded (ring full: only what
    /// fits is written).
    void ReleaseOutputDataPointer(const abi::APO_CONNECTION_PROPERTY* conn) override;
    /// Same as ProcessingComplete (event signalling in event mode).
    void PulseEndpoint() override;

    /// [out] *ppData: the frames played so far (endpoint format, interleaved), [out] *pFrames their
    /// count (at most config.max_render_frames). Advances the device to clock.now() first. Valid
    /// until the next call on the endpoint. E_POINTER. Not RT; call between passes.
    abi::HRESULT GetRenderedAudio(const std::uint8_t** ppData, std::uint64_t* pFrames) override;

  protected:
    void allocate_direction() override;
    void on_device_frames(std::uint64_t frames) noexcept override;
    std::uint64_t frames_until_packet() const noexcept override;

  private:
    void play(std::uint64_t ring_first, std::uint64_t frames) noexcept;

    std::unique_ptr<std::uint8_t[]> output_;
    std::uint64_t output_frames_ = 0;
    std::uint64_t dropped_frames_ = 0;
};

}  // namespace aetrace::endpoints
