// What a replay found: divergences between a trace and an implementation, and the report.
#pragma once

#include <cstdint>
#include <iosfwd>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "aetrace/abi/methods.h"
#include "aetrace/audio/metrics.h"

namespace aetrace::replay {

/// One value the implementation returned differently from the trace.
struct Divergence {
    std::uint64_t call_index =
        0;                       ///< 0-based index of the call in format::Trace::calls (file order)
    std::uint64_t seq = 0;       ///< CallRecord::seq of that call
    std::uint32_t endpoint = 0;  ///< CallRecord::endpoint (EndpointInfo::endpoint)
    abi::MethodId method = abi::MethodId::kNone;
    /// What differs, named after the method table and the ABI structs: "hr", "padding",
    /// "frames_per_packet", "latency_hns", "is_rt_capable", "format", "pointer_present",
    /// "position.u64StreamPosition", "position.Flag", "connection_out.u32BufferFlags",
    /// "connection_out.pBuffer", "buffer.xxh3", "shared_memory_size", "violation", "interface".
    std::string field;
    /// Readable values: HRESULT names (abi::hresult_name), flag names ("CONTINUOUS|QPC_ERROR",
    /// "SILENT"), hashes as 16 hex digits, frame counts and HNSTIME as decimal integers,
    /// "present"/"null" for pointers, "none" for an absent violation.
    std::string expected;  ///< the value in the trace
    std::string actual;    ///< the value the implementation gave
};

/// The verdict on the audio one render endpoint played, in two tiers. Tier 1 compares the
/// canonical hashes of what the implementation played (IAetraceEndpointInspect::GetRenderedAudio,
/// hashed as audio::CanonicalHasher does, second by second while the replay runs: the replayer
/// polls GetRenderedAudio every 64 calls and assumes played frames never change; if the count
/// shrinks it rehashes everything at the end) with the trace's OutputDigestRecord: frames and one
/// hash per second. Tier 2 runs only on a tier-1 mismatch when the expected audio itself was given
/// (ReplayOptions::expected_output): it compares the samples (audio::compare_audio) and fills
/// `comparison`; with ReplayOptions::snr_db_min set, a mismatch of equal length whose SNR reaches
/// the threshold is `within_tolerance` and does not fail the replay.
struct AudioVerdict {
    std::uint32_t endpoint = 0;
    bool checked = false;  ///< false when it could not be compared (`note` says why)
    /// Checked, equal frame counts and every per-second hash equal. Every frame is in exactly one
    /// per-second hash, so this means equal audio; the whole-stream hash is not recomputed.
    bool matches = false;
    std::uint64_t frames_expected = 0;  ///< frames in the trace's digest
    std::uint64_t frames_actual = 0;    ///< frames the implementation played
    std::uint64_t seconds = 0;          ///< seconds compared: max of the two per-second hash counts
    /// 0-based seconds whose hashes differ (a second present on one side only differs too).
    std::vector<std::uint64_t> differing_seconds;
    /// True when tier 2 ran: `comparison` holds the sample-level differences (expected = the
    /// audio given in ReplayOptions::expected_output, actual = what the implementation played).
    bool compared = false;
    audio::AudioComparison comparison;
    /// The SNR threshold applied (ReplayOptions::snr_db_min), when one was set; dB.
    std::optional<double> snr_db_min;
    /// A mismatch accepted by the threshold: compared, equal frame counts and
    /// comparison.snr_db >= *snr_db_min. Such a verdict does not make ReplayReport::ok() false.
    bool within_tolerance = false;
    std::string note;  ///< why not checked, or a detail of the mismatch; may be empty

    /// True when this verdict does not fail the replay: not checked, matches, or within tolerance.
    bool passes() const noexcept { return !checked || matches || within_tolerance; }
};

/// Everything replay() found. Plain value.
struct ReplayReport {
    std::uint64_t calls_replayed = 0;  ///< calls issued to the implementation
    /// Calls of method ids this build does not know (from a newer trace): not issued; `notes`
    /// says so.
    std::uint64_t calls_skipped = 0;
    /// Calls not issued because the implementation lacks their interface (each such interface
    /// gives one "interface" divergence at its first call) or because their endpoint has no
    /// EndpointInfo record.
    std::uint64_t calls_not_issued = 0;
    std::vector<Divergence> divergences;  ///< the first ReplayOptions::max_divergences, in order
    std::uint64_t divergence_count = 0;   ///< all divergences, including those not kept
    std::map<std::string, std::uint64_t> per_method;  ///< qualified method name -> divergences
    std::vector<AudioVerdict> audio;  ///< one per render endpoint / output digest, by endpoint
    std::vector<std::string> notes;   ///< things the reader must know (hash-only, gaps, cut trace)

    /// True when no divergence was found and every audio verdict passes() (not checked, matches,
    /// or differs within the SNR tolerance).
    bool ok() const noexcept;
};

/// One line: "call #17 (seq 17) endpoint 0 IAudioEndpointRT::GetCurrentPadding: padding expected
/// 480, actual 481". Allocates.
std::string describe(const Divergence& divergence);

/// Writes the human report to `out`: a one-line verdict, the first divergence in full, the count
/// per method, the audio verdicts ("render endpoint 1: audio differs in seconds 2, 3 of 5" or
/// "render endpoint 1: matches, 240000 frames"; with the sample tier, a second line "first
/// difference at frame 960, channel 1; max abs diff 5.96e-08; max ULP diff 1; SNR 142.3 dB;
/// samples differ in seconds 0" and "within tolerance (SNR >= 90 dB)" or "fails: ...") and the
/// notes. Not RT-safe.
void print_report(const ReplayReport& report, std::ostream& out);

}  // namespace aetrace::replay
