// Replayer: re-issues a trace's calls against an implementation and reports every divergence.
//
// For each call of the trace, in file order, the replayer sets its virtual clock to the call's
// recorded virtual time, issues the same method with the recorded inputs to the endpoint object of
// that call, and compares the return value, every out-parameter and the hash of every audio buffer
// the endpoint hands out with the trace. It is the mirror image of the recorder
// (harness/record): render audio is fed from the trace's AudioPayload records, pointers that the
// recorded engine passed back unchanged are passed back unchanged, foreign pointers stay foreign.
// After each call the contract violations the implementation reports (IAetraceEndpointInspect) are
// compared with the trace's endpoint-reported ViolationRecords of that call. The audio each render
// endpoint played is compared with the trace's OutputDigestRecords (see AudioVerdict): it is hashed
// second by second while the replay runs (GetRenderedAudio every 64 calls, between two calls, at
// the time of the last one) and checked after the last call.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>

#include "aetrace/abi/unknown.h"
#include "aetrace/audio/pcm_buffer.h"
#include "aetrace/clock/clock.h"
#include "aetrace/format/trace.h"
#include "aetrace/replay/divergence.h"

namespace aetrace::replay {

/// Creates the implementation object for one endpoint of the trace. Called once per EndpointInfo,
/// in trace order, before the first call is replayed. `clock` (owned by the replayer) is the
/// virtual clock the object must read its time from; it and the event handle passed to
/// SetEventHandle live until replay() returns, so the object must not use them afterwards (replay
/// releases its references before returning). The returned object is queried for the six API
/// interfaces and IAetraceEndpointInspect; a null object counts as one implementing none of them.
/// Exceptions propagate out of replay().
using ImplementationFactory = std::function<abi::ComPtr<abi::IUnknown>(
    const format::EndpointInfo& info, const clock::Clock& clock)>;

struct ReplayOptions {
    /// Divergences kept in full in ReplayReport::divergences; all are counted.
    std::size_t max_divergences = 1000;
    /// Compare the implementation's contract violations with the trace's (when it exposes
    /// IAetraceEndpointInspect).
    bool check_violations = true;
    /// Compare the audio render endpoints played with the trace's output digests.
    bool check_audio = true;
    /// The audio each render endpoint is expected to play (EndpointInfo::endpoint -> buffer), for
    /// the sample-level tier of the audio verdict (see AudioVerdict). Not owned: each buffer must
    /// outlive replay(). A buffer is used only when its format equals the endpoint's and its
    /// canonical hash and frame count equal the trace's OutputDigestRecord; otherwise the verdict's
    /// note says why it was not used. Endpoints without an entry get the hash tier only.
    std::map<std::uint32_t, const audio::PcmBuffer*> expected_output;
    /// Pass threshold, dB: an audio mismatch with equal frame counts and an SNR (over the expected
    /// audio) at or above it is reported "within tolerance" and does not fail. Needs
    /// `expected_output` for the endpoint (without it a mismatch fails, as without a threshold).
    std::optional<double> snr_db_min;
    /// Before the first call, ask each implementation object for GetFrameFormat and refuse the
    /// trace (aetrace::InputError) when its format differs from the EndpointInfo's.
    bool check_format = true;
    /// Names the trace in error messages ("out/x/trace.aetrace").
    std::string trace_name = "trace";
    /// Names the implementation in error messages; empty: EndpointInfo::implementation.
    std::string implementation_name;
};

/// Replays `trace` (in: read-only, not retained) against objects made by `factory`, and returns
/// what differs. A trace the reader stopped early (no End record, damaged tail) is replayed up to
/// where it stops and a note says so. Calls of unknown method ids are skipped and counted; calls of
/// an endpoint without an EndpointInfo record are not issued and counted.
/// Intact records of unknown types (a newer format minor) are named in a note.
/// Throws whatever `factory` throws, and aetrace::InputError when the trace lists an endpoint
/// index twice, or (with check_format) when an implementation object's GetFrameFormat succeeds
/// with another format than its EndpointInfo's: "<trace_name>: trace format 48000 Hz, 2 ch, s16
/// does not match implementation 'X' format 44100 Hz, 2 ch, s16 (endpoint 0)". Not RT-safe; not
/// thread-safe (calls are issued on the calling thread). Beyond the report, the loop allocates only
/// when a divergence is found.
ReplayReport replay(const format::Trace& trace, const ImplementationFactory& factory,
                    const ReplayOptions& options = {});

}  // namespace aetrace::replay
