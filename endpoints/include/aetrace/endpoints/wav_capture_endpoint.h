// WavCaptureEndpoint: a capture reference endpoint whose "device" records a PcmBuffer.
//
// From Start on, the device produces, in real (virtual) time, device frame w = source frame w
// (device frames are counted for the object's life, so Reset does not rewind the source), then
// silence once the source is exhausted. Produced frames go into the ring; when it is full the
// oldest frames are overwritten (an overrun: a glitch, the next position is DISCONTINUOUS). See
// endpoint_base.h for the timeline, positions, threading and RT guarantees. Frames captured before
// Stop stay queued and can still be read (as BUFFER_VALID); Reset discards them.
#pragma once

#include "aetrace/audio/pcm_buffer.h"
#include "aetrace/endpoints/endpoint_base.h"

namespace aetrace::endpoints {

class WavCaptureEndpoint final : public EndpointBase<abi::IAudioInputEndpointRT> {
  public:
    /// `source` must be in config.format, else InputError; `clock` must outlive the object. The
    /// object starts with one reference (adopt it with ComPtr::attach); prefer
    /// make_wav_capture_endpoint().
    WavCaptureEndpoint(const EndpointConfig& config, const clock::Clock& clock,
                       audio::PcmBuffer source);

    // IAudioInputEndpointRT (RT).
    /// [in,out] conn: on entry u32ValidFrameCount = N frames wanted. N above frames per packet is
    /// clamped (kFramesAbovePacket; the returned count is the clamped one). Copies N frames from
    /// the ring into the packet buffer (contiguous across the ring wrap), filling with silence when
    /// fewer are queued, and returns pBuffer = that buffer, count N, flags BUFFER_VALID, or
    /// BUFFER_SILENT when none of the N frames is source data (nothing queued, or only silence
    /// after the source end; N = 0 too). Nothing is consumed until Release. A second Get without
    /// Release is kGetTwiceWithoutRelease (the new Get replaces the first). Before SetBuffer:
    /// pBuffer stays 0, flags BUFFER_INVALID, kNotInitialized. Null conn: kNullPointerArgument.
    /// [out, optional] pTs: current position, u64StreamPosition = stream position of the first
    /// frame handed out.
    void GetInputDataPointer(abi::APO_CONNECTION_PROPERTY* conn,
                             abi::AE_CURRENT_POSITION* pTs) override;
    /// Advances the read position by u32FrameCount (at most the queued frames). Violations:
    /// kReleaseWithoutGet (nothing done), kReleaseAboveGet (clamped to N), kForeignPointer (still
    /// released), kNotInitialized.
    void ReleaseInputDataPointer(abi::UINT32 u32FrameCount, abi::UINT_PTR pDataPointer) override;
    /// Same as ProcessingComplete (event signalling in event mode).
    void PulseEndpoint() override;

  protected:
    void on_device_frames(std::uint64_t frames) noexcept override;
    std::uint64_t frames_until_packet() const noexcept override;

  private:
    audio::PcmBuffer source_;
    std::uint64_t source_frames_;
};

}  // namespace aetrace::endpoints
