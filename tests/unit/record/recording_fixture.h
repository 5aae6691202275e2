// Shared helpers for the recorder tests: a sink that keeps everything, and reference endpoints.
#pragma once

#include <cstring>
#include <vector>

#include "aetrace/abi/abi.h"
#include "aetrace/audio/pcm_buffer.h"
#include "aetrace/clock/clock.h"
#include "aetrace/endpoints/factory.h"
#include "aetrace/record/recorder.h"

namespace aetrace::record::test {

struct Payload {
    std::uint64_t seq;
    std::uint32_t endpoint, frames;
    std::vector<std::uint8_t> bytes;
};
struct Gap {
    std::uint32_t thread;
    std::uint64_t first_seq, count;
};

class CollectingSink final : public RecordSink {
  public:
    std::vector<format::CallRecord> calls;
    std::vector<Payload> payloads;
    std::vector<format::ViolationRecord> violations;
    std::vector<Gap> gaps;
    void on_call(const format::CallRecord& c) override { calls.push_back(c); }
    void on_payload(std::uint64_t seq, std::uint32_t endpoint, std::uint32_t frames,
                    const std::uint8_t* bytes, std::uint32_t size) override {
        payloads.push_back({seq, endpoint, frames, std::vector<std::uint8_t>(bytes, bytes + size)});
    }
    void on_violation(const format::ViolationRecord& v) override { violations.push_back(v); }
    void on_gap(std::uint32_t thread, std::uint64_t first, std::uint64_t count) override {
        gaps.push_back({thread, first, count});
    }
};

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

}  // namespace aetrace::record::test
