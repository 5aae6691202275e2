#include "trace_session.h"

namespace aetrace::session {

format::TraceHeader make_trace_header(const abi::StreamFormat& fmt, bool realtime) {
    format::TraceHeader h;
    h.writer_version = "aetrace 0.1.0";
#if defined(_WIN32)
    h.host = "windows";
#elif defined(__linux__)
    h.host = "linux";
#else
    h.host = "unknown-os";
#endif
    h.clock = realtime ? "system (real-time driver)" : "virtual";
    abi::to_wave_format(fmt, &h.default_format);
    return h;
}

format::EndpointInfo endpoint_info(std::uint32_t index, format::EndpointRole role,
                                   const std::string& impl, const std::string& source_path,
                                   const std::string& source_hash, const abi::StreamFormat& format,
                                   const std::string& options) {
    format::EndpointInfo info;
    info.endpoint = index;
    info.role = role;
    info.implementation = impl;
    info.source_path = source_path;
    info.source_hash = source_hash;
    info.options = options;
    info.format = format;
    return info;
}

format::OutputDigestRecord output_digest(std::uint32_t endpoint, const audio::AudioDigest& digest) {
    format::OutputDigestRecord r;
    r.endpoint = endpoint;
    r.frames = digest.frames;
    r.pcm = {digest.pcm.low, digest.pcm.high};
    for (const audio::Hash128& h : digest.per_second) r.per_second.push_back({h.low, h.high});
    return r;
}

std::uint64_t passes_per_quarter_ring(const abi::StreamFormat& format, abi::HNSTIME period,
                                      std::size_t ring_bytes) {
    const std::uint64_t frames =
        static_cast<std::uint64_t>(period > 0 ? period : 100000) * format.sample_rate / 10000000 +
        1;
    const std::uint64_t per_pass = 2 * frames * format.bytes_per_frame() + 16 * 512;
    const std::uint64_t passes = ring_bytes / 4 / per_pass;
    return passes ? passes : 1;
}

}  // namespace aetrace::session
