// The expected output audio and the SNR threshold for `aetrace replay`.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>

#include "aetrace/audio/pcm_buffer.h"
#include "aetrace/format/trace.h"
#include "aetrace/replay/replayer.h"

namespace aetrace::session {

/// Expected output audio by render endpoint index, and where it came from.
struct ExpectedOutput {
    std::map<std::uint32_t, audio::PcmBuffer> by_endpoint;
    std::string note;  ///< "" or why output.wav beside the trace was not used

    /// Points options.expected_output at the buffers held here (which must outlive the replay).
    void apply(replay::ReplayOptions& options) const;
};

/// Loads the audio the trace's render endpoints are expected to play, for the sample-level audio
/// verdict. `explicit_path` (a WAV) is converted to the endpoint's sample format and assigned to
/// the render endpoint whose OutputDigestRecord has its canonical hash; with no such endpoint it
/// throws aetrace::InputError "<wav>: not the audio of any output digest in <trace> ...", and
/// read_wav's InputError for an unreadable file. Without `explicit_path`, `output.wav` beside
/// `trace_path` (as `aetrace run` writes it) is used the same way when it exists and matches; a
/// missing, unreadable or non-matching file is not an error (the result is empty; `note` says why
/// when the file exists). Not RT-safe.
ExpectedOutput load_expected_output(const format::Trace& trace,
                                    const std::filesystem::path& trace_path,
                                    const std::optional<std::filesystem::path>& explicit_path);

/// Metadata key of a scenario's audio pass threshold ([compare] snr_db_min, dB).
inline constexpr const char* kSnrMetadataKey = "compare.snr_db_min";

/// `snr_db_min` (dB) as the value of a kSnrMetadataKey metadata record: the shortest text that
/// snr_threshold() reads back to exactly the same double. Not RT-safe (allocates).
std::string snr_metadata_value(double snr_db_min);

/// The SNR pass threshold: `option` when set, else the trace's metadata kSnrMetadataKey
/// (a number; anything else throws aetrace::InputError naming `trace_path`), else nullopt.
std::optional<double> snr_threshold(const format::Trace& trace,
                                    const std::filesystem::path& trace_path,
                                    std::optional<double> option);

}  // namespace aetrace::session
