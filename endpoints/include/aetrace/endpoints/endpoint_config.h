// EndpointConfig: the harness configuration of a reference endpoint (POLICY #16: the factory takes
// a harness config struct instead of AUDIO_ENDPOINT_SHARED_CREATE_PARAMS).
#pragma once

#include <cstdint>

#include "aetrace/abi/types.h"
#include "aetrace/abi/wave_format.h"

namespace aetrace::endpoints {

/// Deliberate bugs ("mutants") the reference endpoints can carry, so tests can prove that the
/// harness catches real implementation bugs. kNone is the correct reference behaviour.
enum class Fault : std::uint8_t {
    kNone,             ///< correct behaviour
    kPaddingOffByOne,  ///< GetCurrentPadding (and u64PaddingFrames) report one frame more than true
    kSwapChannels,     ///< channels 0 and 1 swapped in the audio handed out (capture) / played
                       ///< (render)
    kIgnoreSilentFlag,  ///< render plays the buffer bytes even when the engine passes BUFFER_SILENT
    kPositionNotReset,  ///< Reset does not zero the stream position
    // The following faults are carried by the packet-ring implementation
    // (packet_ring_endpoint.h); the reference endpoints ignore them. See docs/ENDPOINTS.md.
    kWrapOffByOne,           ///< a copy crossing the ring wrap loses the frame after the wrap and
                             ///< repeats the one before it (capture buffers, render playback)
    kPaddingInBytes,         ///< GetCurrentPadding's pPadding counts bytes, not frames
    kContinuousAfterGlitch,  ///< after an underrun/overrun the position Flag stays CONTINUOUS
    kDropFrameEvery16,  ///< every 16th non-empty capture packet loses its first frame (the rest
                        ///< moves up one frame, the last frame is repeated)
    kLatencyIgnoresCoefficient,  ///< GetLatency reports MaxPeriod, ignoring the coefficient
    kFrameCountCached,     ///< GetInputDataPointer hands out the first non-zero frame count forever
    kPositionResetOnStop,  ///< Stop zeroes the stream position (it must freeze it)
    kFramesPerPacketFloor,  ///< GetFramesPerPacket rounds down instead of half up (POLICY #15)
    kCaptureSilentNotSet,   ///< capture never sets BUFFER_SILENT (VALID even with no source data)
    kQpcInTicks,  ///< hnsQPCPosition in 24 MHz performance-counter ticks instead of HNSTIME
    kReleaseCommitsRequested,  ///< ReleaseOutputDataPointer commits the Get's frame count, not
                               ///< u32ValidFrameCount
};

/// Direction of an endpoint.
enum class Role : std::uint8_t { kCapture, kRender };

/// Everything a reference endpoint needs besides its clock (and, for capture, its source audio).
struct EndpointConfig {
    /// Unit of the padding GetCurrentPadding reports (POLICY #1).
    enum class PaddingUnit : std::uint8_t {
        kFrames,  ///< frames (the default)
        kHns,     ///< HNSTIME: clock::time_of_frames(padding frames, rate)
    };

    /// The endpoint format (GetFrameFormat). Must satisfy abi::is_supported().
    abi::StreamFormat format;
    /// Period used for GetFramesPerPacket before SetBuffer, HNSTIME (POLICY #15). 10 ms.
    abi::HNSTIME default_period = 100000;
    /// Minimum latency coefficient; SetBuffer raises smaller coefficients (0 included) to it.
    std::uint32_t min_latency_coefficient = 2;
    /// What GetEventDrivenCapable reports.
    bool event_capable = true;
    /// Unit of GetCurrentPadding's pPadding.
    PaddingUnit padding_unit = PaddingUnit::kFrames;
    /// Render only: capacity, in frames, of the device output (what was played, see
    /// IAetraceEndpointInspect::GetRenderedAudio), allocated at SetBuffer. Frames played beyond it
    /// are dropped, and the first drop is reported as ContractRule::kCapacityExceeded. The default
    /// is five minutes at 48 kHz.
    std::uint64_t max_render_frames = 48000ull * 300;
    /// Number of contract violations stored (allocated when the endpoint is constructed, so that
    /// violations before SetBuffer are kept too); further ones are only counted.
    std::uint32_t max_violations = 1024;
    /// Deliberate bug to inject (kNone for the reference behaviour).
    Fault fault = Fault::kNone;
};

}  // namespace aetrace::endpoints
