// ReplayReport <-> JSON (nlohmann-json), for the isolated replay's child-to-parent channel and for
// `aetrace compare --json`.
#pragma once

#include <nlohmann/json.hpp>

#include "aetrace/replay/divergence.h"

namespace aetrace::session {

/// One divergence: {"call_index", "seq", "endpoint", "method" (qualified name, or the numeric id
/// for an unknown one), "method_id", "field", "expected", "actual"}.
nlohmann::json divergence_to_json(const replay::Divergence& divergence);

/// The whole report: counts, "divergences", "per_method", "audio" (one object per verdict, with
/// "passes" and, when the sample tier ran, "comparison"), "notes", "ok". Doubles that are not
/// finite (an SNR of +infinity) are written as the strings "inf", "-inf", "nan".
nlohmann::json report_to_json(const replay::ReplayReport& report);

/// The inverse of report_to_json (unknown keys ignored). Throws nlohmann::json::exception on a
/// document of another shape.
replay::ReplayReport report_from_json(const nlohmann::json& json);

}  // namespace aetrace::session
