// Time tolerance for implementations that read a clock of their own (`aetrace compare
// --time-tolerance-hns N`; docs/PLUGINS.md, "Time").
#pragma once

#include <cstdint>

#include "aetrace/format/trace.h"
#include "aetrace/replay/divergence.h"

namespace aetrace::session {

/// Accepts the "position.hnsQPCPosition" divergences of `report` (in/out) that are within
/// `tolerance_hns` (HNSTIME, >= 0) once the implementation's clock origin is taken out: per
/// endpoint, the origin offset d0 is actual - expected at the endpoint's first recorded position
/// (0 when that one matched), and a divergence is accepted when |(actual - expected) - d0| <=
/// tolerance_hns. Accepted divergences are removed (list, divergence_count, per_method) and a note
/// says how many were accepted and with which tolerance. Only the divergences the report kept can
/// be judged: replay with a max_divergences large enough. Not RT.
void apply_time_tolerance(replay::ReplayReport& report, const format::Trace& trace,
                          std::int64_t tolerance_hns);

}  // namespace aetrace::session
