#include "trace_session.h"

#include "aetrace/abi/wave_format.h"

namespace aetrace::cli {
namespace {

format::TraceHeader make_header(const abi::StreamFormat& fmt, bool hash_only) {
    format::TraceHeader h;
    h.writer_version = "aetrace 0.1.0";
#if defined(_WIN32)
    h.host = "windows";
#elif defined(__linux__)
    h.host = "linux";
#else
    h.host = "unknown-os";
#endif
    h.clock = "virtual";
    h.flags = hash_only ? static_cast<std::uint32_t>(format::kHeaderHashOnly) : 0u;
    abi::to_wave_format(fmt, &h.default_format);
    return h;
}

format::Hash128 to_format_hash(const audio::Hash128& h) {
    return {h.low, h.high};
}

}  // namespace

TraceSession::TraceSession(const std::filesystem::path& path, const abi::StreamFormat& format,
                           bool hash_only)
    : writer_(format::TraceWriter::create(path, make_header(format, hash_only))), sink_(writer_) {}

void TraceSession::write_metadata(const std::string& key, const std::string& value) {
    writer_.write_metadata({key, value});
}

void TraceSession::write_endpoint(std::uint32_t index, format::EndpointRole role,
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
    writer_.write_endpoint_info(info);
}

void TraceSession::write_output_digest(std::uint32_t endpoint, const audio::AudioDigest& digest) {
    format::OutputDigestRecord r;
    r.endpoint = endpoint;
    r.frames = digest.frames;
    r.pcm = to_format_hash(digest.pcm);
    for (const audio::Hash128& h : digest.per_second) r.per_second.push_back(to_format_hash(h));
    writer_.write_output_digest(r);
}

void EngineRecording::on_wake(abi::HNSTIME t, int endpoint) {
    recorder_.drain(session_.sink());  // keep file order: calls before the wake that follows them
    format::EventRecord e;
    e.last_call_seq = recorder_.calls() ? recorder_.calls() - 1 : 0;
    e.endpoint = static_cast<std::uint32_t>(endpoint);
    e.virtual_time = t;
    e.kind = format::EventKind::kEngineWoke;
    session_.write_event(e);
}

}  // namespace aetrace::cli
