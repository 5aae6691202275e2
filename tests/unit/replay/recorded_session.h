// Records a real session: a reference endpoint driven through a recording proxy by a simple
// hand-written engine loop, written by the recorder to a scratch trace file and read back (test
// only).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "aetrace/abi/abi.h"
#include "aetrace/audio/canonical.h"
#include "aetrace/audio/pcm_buffer.h"
#include "aetrace/clock/clock.h"
#include "aetrace/endpoints/factory.h"
#include "aetrace/format/trace.h"
#include "aetrace/record/recorder.h"
#include "aetrace/replay/replayer.h"

namespace aetrace::replay::test {

/// What the engine loop does.
struct Script {
    endpoints::Role role = endpoints::Role::kCapture;
    int passes = 150;  ///< 10-ms passes
    /// Render: passes [silent_from, silent_to) release BUFFER_SILENT buffers full of non-zero
    /// bytes.
    int silent_from = -1, silent_to = -1;
    /// When >= 0: Stop, Reset, Start before this pass.
    int reset_before = -1;
    bool hash_only = false;
};

inline constexpr abi::HNSTIME kPeriod = 100000;  // 10 ms

inline endpoints::EndpointConfig test_config() {
    endpoints::EndpointConfig config;
    config.format = abi::StreamFormat{abi::SampleType::kInt, 16, 2, 48000};
    return config;
}

/// `frames` stereo s16 frames whose left and right channels differ everywhere.
inline audio::PcmBuffer stereo_source(std::uint64_t frames) {
    audio::PcmBuffer pcm;
    pcm.format = test_config().format;
    pcm.bytes.resize(frames * 4);
    for (std::uint64_t i = 0; i < frames; ++i) {
        const auto left = static_cast<std::uint16_t>((i * 13 + 1) & 0x3fff);
        const auto right = static_cast<std::uint16_t>(0x4000 + ((i * 5) & 0x3fff));
        pcm.bytes[4 * i] = static_cast<std::uint8_t>(left & 0xff);
        pcm.bytes[4 * i + 1] = static_cast<std::uint8_t>(left >> 8);
        pcm.bytes[4 * i + 2] = static_cast<std::uint8_t>(right & 0xff);
        pcm.bytes[4 * i + 3] = static_cast<std::uint8_t>(right >> 8);
    }
    return pcm;
}

/// Records `script` against the reference endpoint (through record::Recorder, into a file in a
/// TempDir of the running test) and returns the trace read back strictly. Capture plays `source`;
/// render releases `source` frames in order.
format::Trace record_session(const Script& script, const audio::PcmBuffer& source);

/// A factory creating the built-in endpoint `name` (role from the EndpointInfo) with test_config().
ImplementationFactory builtin_factory(std::string name, const audio::PcmBuffer& source);

}  // namespace aetrace::replay::test
