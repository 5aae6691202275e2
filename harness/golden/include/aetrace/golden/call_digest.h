// Canonical digest of a trace's call results: the calls_xxh3_128 of a golden file.
#pragma once

#include <cstdint>

#include "aetrace/audio/canonical.h"
#include "aetrace/format/trace.h"

namespace aetrace::golden {

/// XXH3-128 over a canonical serialization of every call (in sequence order) and every contract
/// violation: method id, endpoint, virtual time, result, the arguments and outputs the method table
/// says the method uses, position / connection / format / buffer hash where present. Host- and
/// wall-clock-dependent fields (real_time, thread index) and pointer values are left out, so two
/// runs of the same scenario on any machine give the same digest. Not RT-safe (allocates);
/// thread-safe for distinct calls.
audio::Hash128 calls_digest(const format::Trace& trace);

}  // namespace aetrace::golden
