#include "checks.h"

#include <algorithm>
#include <exception>

#include "aetrace/abi/wave_format.h"
#include "aetrace/audio/canonical.h"
#include "aetrace/audio/metrics.h"
#include "output_hash.h"
#include "text.h"

namespace aetrace::replay::detail {

ViolationChecker::ViolationChecker(const format::Trace& trace) : trace_(trace) {
    for (std::size_t i = 0; i < trace.violations.size(); ++i)
        if (trace.violations[i].source == 0) by_seq_.emplace_back(trace.violations[i].call_seq, i);
    std::stable_sort(by_seq_.begin(), by_seq_.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
}

void ViolationChecker::check(EndpointSession& s, Collector& out) {
    const std::uint64_t seq = out.call().seq;
    const auto lo = std::lower_bound(by_seq_.begin(), by_seq_.end(), seq,
                                     [](const auto& e, std::uint64_t v) { return e.first < v; });
    auto hi = lo;
    while (hi != by_seq_.end() && hi->first == seq) ++hi;
    const std::size_t expected_count = static_cast<std::size_t>(hi - lo);
    if (!s.ifaces.inspect) {
        not_compared_ += expected_count;
        return;
    }
    matched_.assign(expected_count, 0);
    const std::uint64_t count = s.ifaces.inspect->GetViolationCount();
    for (; s.violations_seen < count; ++s.violations_seen) {
        // Read as the recorder does: a violation counted but not stored is kCapacityExceeded.
        abi::ViolationInfo info;
        abi::ContractRule rule = abi::ContractRule::kCapacityExceeded;
        abi::MethodId method = abi::MethodId::kNone;
        std::uint64_t value = 0, limit = 0;
        if (abi::succeeded(s.ifaces.inspect->GetViolation(s.violations_seen, &info))) {
            rule = info.rule;
            method = info.method;
            value = info.value;
            limit = info.limit;
        }
        bool found = false;
        for (std::size_t k = 0; k < expected_count && !found; ++k) {
            const format::ViolationRecord& v =
                trace_.violations[lo[static_cast<std::ptrdiff_t>(k)].second];
            if (!matched_[k] && v.rule == rule && v.method == method && v.value == value &&
                v.limit == limit) {
                matched_[k] = 1;
                found = true;
            }
        }
        if (!found) out.add("violation", "none", violation_text(rule, method, value, limit));
    }
    for (std::size_t k = 0; k < expected_count; ++k) {
        if (matched_[k]) continue;
        const format::ViolationRecord& v =
            trace_.violations[lo[static_cast<std::ptrdiff_t>(k)].second];
        out.add("violation", violation_text(v.rule, v.method, v.value, v.limit), "none");
    }
}

namespace {

/// Tier 2: compares the samples of `expected` (checked against `digest` first) with the `frames`
/// frames at `data`, and applies the threshold.
void compare_samples(AudioVerdict& verdict, const EndpointSession& s,
                     const format::OutputDigestRecord& digest, const audio::PcmBuffer& expected,
                     const std::uint8_t* data, std::uint64_t frames) {
    if (expected.format != s.info.format) {
        verdict.note = "expected output not used: its format " + abi::describe(expected.format) +
                       " is not the endpoint's " + abi::describe(s.info.format);
        return;
    }
    audio::CanonicalHasher hasher(expected.format);
    hasher.update(expected.bytes.data(), expected.bytes.size());
    const audio::Hash128 h = hasher.pcm_hash();
    if (hasher.frames() != digest.frames || h.low != digest.pcm.low64 ||
        h.high != digest.pcm.high64) {
        verdict.note =
            "expected output not used: it is not the audio the trace's output digest describes (" +
            std::to_string(hasher.frames()) + " frames, hash " + h.hex() + ")";
        return;
    }
    audio::PcmBuffer actual;
    actual.format = s.info.format;
    actual.bytes.assign(data, data + static_cast<std::size_t>(frames) * s.block_align);
    verdict.comparison = audio::compare_audio(expected, actual);
    verdict.compared = true;
    verdict.within_tolerance = verdict.snr_db_min.has_value() &&
                               verdict.comparison.frames_a == verdict.comparison.frames_b &&
                               verdict.comparison.snr_db >= *verdict.snr_db_min;
}

}  // namespace

AudioVerdict check_audio(std::uint32_t endpoint, EndpointSession* s,
                         const format::OutputDigestRecord* digest, const audio::PcmBuffer* expected,
                         std::optional<double> snr_db_min, PlayedAudioHasher* hasher) {
    AudioVerdict verdict;
    verdict.endpoint = endpoint;
    verdict.snr_db_min = snr_db_min;
    if (!digest) {
        verdict.note = "not checked: the trace has no output digest for this endpoint";
        return verdict;
    }
    verdict.frames_expected = digest->frames;
    verdict.seconds = digest->per_second.size();
    if (!s) {
        verdict.note = "not checked: the trace has no EndpointInfo for this endpoint";
        return verdict;
    }
    if (s->render_fed_zeros) {
        verdict.note =
            "not checked: render audio was not stored in the trace, zeros were fed instead";
        return verdict;
    }
    if (!s->ifaces.inspect) {
        verdict.note = "not checked: the implementation does not expose IAetraceEndpointInspect";
        return verdict;
    }
    const std::uint8_t* data = nullptr;
    std::uint64_t frames = 0;
    const abi::HRESULT hr = s->ifaces.inspect->GetRenderedAudio(&data, &frames);
    if (abi::failed(hr) || (!data && frames)) {
        verdict.note = "not checked: GetRenderedAudio returned " + abi::hresult_name(hr);
        return verdict;
    }
    try {
        const OutputHashes hashes = hasher ? hasher->finish(data, frames)
                                           : PlayedAudioHasher(s->info.format).finish(data, frames);
        verdict.checked = true;
        verdict.frames_actual = hashes.frames;
        const std::vector<audio::Hash128>& seconds = hashes.per_second;
        const std::size_t n = std::max(seconds.size(), digest->per_second.size());
        verdict.seconds = n;
        for (std::size_t i = 0; i < n; ++i) {
            // The format stores {low64, high64}; the audio layer's hash is {high, low}.
            const bool same = i < seconds.size() && i < digest->per_second.size() &&
                              seconds[i].low == digest->per_second[i].low64 &&
                              seconds[i].high == digest->per_second[i].high64;
            if (!same) verdict.differing_seconds.push_back(i);
        }
        // Every frame is in exactly one per-second hash, so equal per-second hashes and frame
        // counts mean equal audio: the whole-stream hash (digest->pcm) is not recomputed.
        verdict.matches =
            verdict.frames_actual == verdict.frames_expected && verdict.differing_seconds.empty();
        if (!verdict.matches && expected)
            compare_samples(verdict, *s, *digest, *expected, data, frames);
    } catch (const std::exception& e) {
        verdict.checked = false;
        verdict.note = std::string("not checked: ") + e.what();
    }
    return verdict;
}

}  // namespace aetrace::replay::detail
