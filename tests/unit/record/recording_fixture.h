// Shared helpers for the recorder tests: reference endpoints, trace headers and read-back.
#pragma once

#include <cstring>
#include <filesystem>
#include <vector>

#include "aetrace/abi/abi.h"
#include "aetrace/audio/pcm_buffer.h"
#include "aetrace/clock/clock.h"
#include "aetrace/endpoints/factory.h"
#include "aetrace/format/trace.h"
#include "aetrace/record/recorder.h"

namespace aetrace::record::test {

inline abi::StreamFormat stereo16() {
    return {abi::SampleType::kInt, 16, 2, 48000};
}

/// One second of a counting pattern, stereo s16.
inline audio::PcmBuffer counting_source(std::uint64_t frames = 48000) {
    audio::PcmBuffer pcm{stereo16(), {}};
    pcm.bytes.resize(frames * 4);
    for (std::size_t i = 0; i < frames * 2; ++i) {
        const auto v = static_cast<std::int16_t>(i % 20000 + 1);
        std::memcpy(&pcm.bytes[i * 2], &v, 2);
    }
    return pcm;
}

inline endpoints::EndpointConfig config() {
    endpoints::EndpointConfig c;
    c.format = stereo16();
    c.max_render_frames = 48000 * 10;
    return c;
}

inline format::TraceHeader test_header() {
    format::TraceHeader h;
    h.writer_version = "record test";
    h.clock = "virtual";
    return h;
}

inline format::EndpointInfo endpoint_info(format::EndpointRole role) {
    format::EndpointInfo info;
    info.role = role;
    info.implementation = "reference";
    info.format = stereo16();
    return info;
}

/// Small rings keep the constructor cheap in tests.
inline RecorderOptions small_options() {
    RecorderOptions o;
    o.ring_bytes = 256u << 10;
    o.max_threads = 4;
    return o;
}

/// A render endpoint wrapped by a recorder writing `path`.
struct RenderRig {
    explicit RenderRig(const std::filesystem::path& path, RecorderOptions options = small_options())
        : recorder(path, test_header(), clock, nullptr, options),
          inner(endpoints::make_wav_render_endpoint(config(), clock)),
          proxy(recorder.wrap(inner, 1, endpoint_info(format::EndpointRole::kRender))) {}
    clock::VirtualClock clock;
    Recorder recorder;
    abi::ComPtr<abi::IUnknown> inner;
    abi::ComPtr<abi::IUnknown> proxy;
};

/// One render pass through `out`: Get `frames`, fill with `fill`, Release them.
inline void render_pass(abi::IAudioOutputEndpointRT& out, std::uint32_t frames, int fill = 0x11) {
    const abi::UINT_PTR p = out.GetOutputDataPointer(frames, nullptr);
    if (p) std::memset(reinterpret_cast<void*>(p), fill, frames * 4);
    abi::APO_CONNECTION_PROPERTY conn{p, frames, abi::BUFFER_VALID,
                                      abi::APO_CONNECTION_PROPERTY_SIGNATURE};
    out.ReleaseOutputDataPointer(&conn);
}

inline std::vector<abi::MethodId> methods_of(const std::vector<format::CallRecord>& calls) {
    std::vector<abi::MethodId> out;
    for (const auto& c : calls) out.push_back(c.method);
    return out;
}

}  // namespace aetrace::record::test
