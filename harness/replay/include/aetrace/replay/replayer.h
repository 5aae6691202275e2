// Replayer: re-issues a trace's calls against an implementation and reports every divergence.
//
// For each call of the trace, in file order, the replayer sets its virtual clock to the call's
// recorded virtual time, issues the same method with the recorded inputs to the endpoint object of
// that call, and compares the return value, every out-parameter and the hash of every audio buffer
// the endpoint hands out with the trace. It is the mirror image of the recorder
// (harness/record): render audio is fed from the trace's AudioPayload records, pointers that the
// recorded engine passed back unchanged are passed back unchanged, foreign pointers stay foreign.
// After each call the contract violations the implementation reports (IAetraceEndpointInspect) are
// compared with the trace's endpoint-reported ViolationRecords of that call; after the last call
// the audio each render endpoint played is compared with the trace's OutputDigestRecords.
#pragma once

#include <cstddef>
#include <functional>

#include "aetrace/abi/unknown.h"
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
};

/// Replays `trace` (in: read-only, not retained) against objects made by `factory`, and returns
/// what differs. A trace the reader stopped early (no End record, damaged tail) is replayed up to
/// where it stops and a note says so. Calls of unknown method ids are skipped and counted; calls of
/// an endpoint without an EndpointInfo record are not issued and counted.
/// Throws whatever `factory` throws, and aetrace::InputError when the trace lists an endpoint
/// index twice. Not RT-safe; not thread-safe (calls are issued on the calling thread). Beyond the
/// report, the loop allocates only when a divergence is found.
ReplayReport replay(const format::Trace& trace, const ImplementationFactory& factory,
                    const ReplayOptions& options = {});

}  // namespace aetrace::replay
