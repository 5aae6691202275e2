#include "aetrace/session/expected_output.h"

#include <charconv>
#include <cstdlib>
#include <exception>

#include "aetrace/abi/error.h"
#include "aetrace/audio/canonical.h"
#include "aetrace/audio/convert.h"
#include "aetrace/audio/wav_file.h"

namespace aetrace::session {
namespace fs = std::filesystem;

namespace {

/// The render endpoint whose output digest is the canonical hash of `pcm` (converted to that
/// endpoint's sample format), with the converted audio; nullopt when none matches.
std::optional<std::pair<std::uint32_t, audio::PcmBuffer>> match_digest(
    const format::Trace& trace, const audio::PcmBuffer& pcm) {
    for (const format::OutputDigestRecord& d : trace.digests) {
        for (const format::EndpointInfo& info : trace.endpoints) {
            if (info.endpoint != d.endpoint || info.role != format::EndpointRole::kRender) continue;
            if (pcm.format.channels != info.format.channels ||
                pcm.format.sample_rate != info.format.sample_rate)
                continue;
            audio::PcmBuffer converted = pcm.format == info.format
                                             ? pcm
                                             : audio::convert_samples(pcm, info.format.sample_type,
                                                                      info.format.bits_per_sample);
            audio::CanonicalHasher hasher(info.format);
            hasher.update(converted.bytes.data(), converted.bytes.size());
            const audio::Hash128 h = hasher.pcm_hash();
            if (hasher.frames() == d.frames && h.low == d.pcm.low64 && h.high == d.pcm.high64)
                return std::make_pair(info.endpoint, std::move(converted));
        }
    }
    return std::nullopt;
}

}  // namespace

void ExpectedOutput::apply(replay::ReplayOptions& options) const {
    for (const auto& [endpoint, pcm] : by_endpoint) options.expected_output[endpoint] = &pcm;
}

ExpectedOutput load_expected_output(const format::Trace& trace, const fs::path& trace_path,
                                    const std::optional<fs::path>& explicit_path) {
    ExpectedOutput out;
    if (explicit_path) {
        const audio::PcmBuffer pcm = audio::read_wav(*explicit_path);
        auto match = match_digest(trace, pcm);
        if (!match)
            throw InputError(explicit_path->string() + ": not the audio of any output digest in " +
                             trace_path.string() + " (" + abi::describe(pcm.format) + ", " +
                             std::to_string(pcm.frames()) + " frames)");
        out.by_endpoint.emplace(match->first, std::move(match->second));
        return out;
    }
    const fs::path beside = trace_path.parent_path() / "output.wav";
    std::error_code ec;
    if (trace.digests.empty() || !fs::exists(beside, ec)) return out;
    try {
        auto match = match_digest(trace, audio::read_wav(beside));
        if (match)
            out.by_endpoint.emplace(match->first, std::move(match->second));
        else
            out.note = beside.string() + " is not the audio of the trace's output digest: not used";
    } catch (const std::exception& e) {
        out.note = std::string("not used: ") + e.what();
    }
    return out;
}

std::string snr_metadata_value(double snr_db_min) {
    char text[32];
    const auto r = std::to_chars(text, text + sizeof text, snr_db_min);
    return std::string(text, r.ptr);
}

std::optional<double> snr_threshold(const format::Trace& trace, const fs::path& trace_path,
                                    std::optional<double> option) {
    if (option) return option;
    for (const format::MetadataRecord& m : trace.metadata) {
        if (m.key != kSnrMetadataKey) continue;
        char* end = nullptr;
        const double v = std::strtod(m.value.c_str(), &end);
        if (m.value.empty() || *end != '\0')
            throw InputError(trace_path.string() + ": metadata " + kSnrMetadataKey + " \"" +
                             m.value + "\" is not a number");
        return v;
    }
    return std::nullopt;
}

}  // namespace aetrace::session
