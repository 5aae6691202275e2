// Helpers shared by the endpoint tests: typed interface pointers, ramp audio, a pass driver.
#pragma once

#include <gtest/gtest.h>

#include <cstdint>
#include <cstring>
#include <vector>

#include "aetrace/abi/abi.h"
#include "aetrace/audio/pcm_buffer.h"
#include "aetrace/clock/clock.h"
#include "aetrace/clock/frame_math.h"
#include "aetrace/endpoints/factory.h"

namespace aetrace::endpoints::test {

using namespace aetrace::abi;

/// Every interface of one endpoint object.
struct Endpoint {
    ComPtr<IUnknown> unknown;
    ComPtr<IAudioEndpoint> info;
    ComPtr<IAudioEndpointRT> rt;
    ComPtr<IAudioDeviceEndpoint> device;
    ComPtr<IAudioEndpointControl> control;
    ComPtr<IAetraceEndpointInspect> inspect;
    ComPtr<IAudioInputEndpointRT> input;    // capture only
    ComPtr<IAudioOutputEndpointRT> output;  // render only

    explicit Endpoint(ComPtr<IUnknown> u)
        : unknown(std::move(u)),
          info(unknown.as<IAudioEndpoint>()),
          rt(unknown.as<IAudioEndpointRT>()),
          device(unknown.as<IAudioDeviceEndpoint>()),
          control(unknown.as<IAudioEndpointControl>()),
          inspect(unknown.as<IAetraceEndpointInspect>()),
          input(unknown.as<IAudioInputEndpointRT>()),
          output(unknown.as<IAudioOutputEndpointRT>()) {}

    std::uint64_t padding() {
        HNSTIME p = -1;
        rt->GetCurrentPadding(&p, nullptr);
        return static_cast<std::uint64_t>(p);
    }
    AE_CURRENT_POSITION position() {
        HNSTIME p = -1;
        AE_CURRENT_POSITION pos{};
        rt->GetCurrentPadding(&p, &pos);
        return pos;
    }
    /// The render device output so far (bytes_per_frame: 4 for the s16 stereo test format).
    std::vector<std::uint8_t> rendered(std::uint32_t bytes_per_frame = 4) {
        const std::uint8_t* data = nullptr;
        std::uint64_t frames = 0;
        EXPECT_EQ(inspect->GetRenderedAudio(&data, &frames), S_OK);
        return std::vector<std::uint8_t>(data, data + frames * bytes_per_frame);
    }
    std::vector<ViolationInfo> violations() {
        std::vector<ViolationInfo> v(inspect->GetViolationCount());
        for (std::size_t i = 0; i < v.size(); ++i) EXPECT_EQ(inspect->GetViolation(i, &v[i]), S_OK);
        return v;
    }
};

/// 44.1 kHz, 2 channels, 16-bit: the default test format (4 bytes a frame).
inline EndpointConfig config_44k() {
    EndpointConfig c;
    c.format.sample_rate = 44100;
    c.format.channels = 2;
    c.format.bits_per_sample = 16;
    c.max_render_frames = 441000;
    return c;
}

/// `frames` frames whose every sample is distinct and non-zero (frame f, channel c -> f*ch+c+1).
inline audio::PcmBuffer ramp(const StreamFormat& format, std::uint64_t frames,
                             std::uint64_t offset = 0) {
    audio::PcmBuffer pcm;
    pcm.format = format;
    pcm.bytes.resize(frames * format.bytes_per_frame());
    const std::uint32_t bps = format.bytes_per_sample();
    for (std::uint64_t i = 0; i < frames * format.channels; ++i) {
        const std::uint32_t v =
            static_cast<std::uint32_t>((i + offset * format.channels) % 65521 + 1);
        for (std::uint32_t b = 0; b < bps; ++b)
            pcm.bytes[i * bps + b] = static_cast<std::uint8_t>(v >> (8 * (b % 4)));
    }
    return pcm;
}

/// Render helper: Get n frames, copy `data` (n frames) in, Release with `flags`.
inline void render_packet(Endpoint& ep, const std::uint8_t* data, std::uint32_t n,
                          std::uint32_t bytes_per_frame, APO_BUFFER_FLAGS flags = BUFFER_VALID) {
    const UINT_PTR p = ep.output->GetOutputDataPointer(n, nullptr);
    ASSERT_NE(p, 0u);
    if (n) std::memcpy(reinterpret_cast<void*>(p), data, std::size_t{n} * bytes_per_frame);
    const APO_CONNECTION_PROPERTY conn{p, n, flags, APO_CONNECTION_PROPERTY_SIGNATURE};
    ep.output->ReleaseOutputDataPointer(&conn);
}

}  // namespace aetrace::endpoints::test
