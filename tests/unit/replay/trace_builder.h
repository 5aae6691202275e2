// Builds small traces by hand for the replay tests, with the values FakeRenderEndpoint gives.
#pragma once

#include <cstdint>
#include <cstring>
#include <vector>

#include "aetrace/audio/canonical.h"
#include "aetrace/format/hash.h"
#include "aetrace/format/trace.h"
#include "fake_endpoint.h"

namespace aetrace::replay::test {

using abi::MethodId;

class TraceBuilder {
  public:
    explicit TraceBuilder(abi::StreamFormat format = {}) : format_(format) {
        format::EndpointInfo info;
        info.endpoint = 0;
        info.role = format::EndpointRole::kRender;
        info.implementation = "fake-render";
        info.format = format;
        trace.add(info);
    }

    /// Appends a call with the next seq; returns it for further filling (valid until next add).
    format::CallRecord& call(MethodId method, abi::HNSTIME t = 0) {
        format::CallRecord c;
        c.seq = next_seq_++;
        c.method = method;
        c.virtual_time = t;
        trace.add(c);
        return trace.calls.back();
    }

    /// GetCurrentPadding as FakeRenderEndpoint answers it at `t` with `queued` frames released.
    format::CallRecord& padding(abi::HNSTIME t, std::uint64_t queued) {
        auto& c = call(MethodId::IAudioEndpointRT_GetCurrentPadding, t);
        c.out[0] = queued;
        c.flags = format::kHasPosition;
        c.position = FakeRenderEndpoint::position_at(t, queued, format_.sample_rate);
        return c;
    }

    /// GetOutputDataPointer(frames) then ReleaseOutputDataPointer of `bytes` (stored as payload
    /// unless `store` is false), flags VALID, pointer passed back unchanged.
    void render(abi::HNSTIME t, const std::vector<std::uint8_t>& bytes, bool store = true,
                std::uint32_t flags = abi::BUFFER_VALID) {
        const std::uint32_t frames =
            static_cast<std::uint32_t>(bytes.size() / format_.bytes_per_frame());
        auto& get = call(MethodId::IAudioOutputEndpointRT_GetOutputDataPointer, t);
        get.arg[0] = frames;
        get.out[0] = 1;
        auto& rel = call(MethodId::IAudioOutputEndpointRT_ReleaseOutputDataPointer, t);
        rel.arg[1] = 1;
        rel.connection_in = {frames, flags, abi::APO_CONNECTION_PROPERTY_SIGNATURE, 1};
        rel.buffer = {frames, static_cast<std::uint32_t>(bytes.size()),
                      format::xxh3_64(bytes.data(), bytes.size())};
        rel.flags = format::kHasBuffer;
        if (store) {
            rel.flags |= format::kPayloadStored;
            const std::uint64_t seq = rel.seq;
            trace.add(format::AudioPayload{seq, 0, frames, bytes});
        }
    }

    /// An OutputDigestRecord of `pcm` for endpoint 0.
    void digest(const std::vector<std::uint8_t>& pcm) {
        audio::CanonicalHasher hasher(format_);
        hasher.update(pcm.data(), pcm.size());
        format::OutputDigestRecord d;
        d.endpoint = 0;
        d.frames = hasher.frames();
        d.pcm = {hasher.pcm_hash().low, hasher.pcm_hash().high};
        for (const audio::Hash128& h : hasher.per_second()) d.per_second.push_back({h.low, h.high});
        trace.add(d);
    }

    void end() { trace.add(format::EndRecord{next_seq_, 0}); }

    format::Trace trace;

  private:
    abi::StreamFormat format_;
    std::uint64_t next_seq_ = 0;
};

/// Frames of a simple ramp: sample i of the stream = (i * 7) & 0x7fff, s16 little-endian.
inline std::vector<std::uint8_t> ramp(std::size_t samples, std::size_t first = 0) {
    std::vector<std::uint8_t> bytes(samples * 2);
    for (std::size_t i = 0; i < samples; ++i) {
        const std::uint16_t v = static_cast<std::uint16_t>(((first + i) * 7) & 0x7fff);
        bytes[2 * i] = static_cast<std::uint8_t>(v & 0xff);
        bytes[2 * i + 1] = static_cast<std::uint8_t>(v >> 8);
    }
    return bytes;
}

}  // namespace aetrace::replay::test
