// The checks that run beside the calls (internal): contract violations after each call, the played
// audio after the last one.
#pragma once

#include <cstdint>
#include <optional>
#include <utility>
#include <vector>

#include "aetrace/audio/pcm_buffer.h"
#include "aetrace/format/trace.h"
#include "collector.h"
#include "output_hash.h"
#include "session.h"

namespace aetrace::replay::detail {

/// Compares the violations an implementation reports after each call with the trace's
/// endpoint-reported (source 0) ViolationRecords of that call. Allocates its index once.
class ViolationChecker {
  public:
    explicit ViolationChecker(const format::Trace& trace);

    /// After the collector's current call was issued on `s`: reports every violation the
    /// implementation added that the trace lacks (expected "none") and every one the trace has
    /// that the implementation did not report (actual "none"), as field "violation".
    /// Without IAetraceEndpointInspect, counts the trace's violations as not compared.
    void check(EndpointSession& s, Collector& out);

    /// Trace violations that could not be compared (implementation without inspect interface).
    std::uint64_t not_compared() const noexcept { return not_compared_; }

  private:
    const format::Trace& trace_;
    std::vector<std::pair<std::uint64_t, std::size_t>> by_seq_;  ///< (call_seq, index), sorted
    std::vector<char> matched_;                                  ///< scratch, reused
    std::uint64_t not_compared_ = 0;
};

/// The verdict on the audio `s` played against `digest`, or with `digest` null, the verdict
/// "not checked: no output digest". `s` may be null (no such endpoint). On a hash mismatch with
/// `expected` (may be null) given and consistent with `digest`, the sample tier runs and
/// `snr_db_min` (when set) decides within_tolerance. `hasher` (may be null) holds the seconds
/// hashed while the replay ran (see PlayedAudioHasher); null hashes everything here. Not RT-safe.
AudioVerdict check_audio(std::uint32_t endpoint, EndpointSession* s,
                         const format::OutputDigestRecord* digest, const audio::PcmBuffer* expected,
                         std::optional<double> snr_db_min, PlayedAudioHasher* hasher);

}  // namespace aetrace::replay::detail
