// The results of `aetrace compare` (session::compare_traces) in their three forms: the text
// matrix, the JSON document and the JUnit XML file (internal to the CLI: printing only).
#pragma once

#include <filesystem>
#include <iosfwd>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "aetrace/session/compare.h"

namespace aetrace::cli {

using session::CompareCell;
using session::CompareTrace;
using session::is_clean;
using session::IsolatedReplay;
using session::ReplayStatus;

/// "clean", "diverged", "crashed", "hung", "error" or "refused" (input error such as a format
/// mismatch).
std::string verdict_of(const IsolatedReplay& result);

/// Writes the matrix: per trace a header line, then one row per implementation (verdict,
/// divergence count, audio verdict, first divergence or crash/hang with its call), each followed
/// by its divergence counts by method and field and the report's notes; then a summary line.
/// Not RT.
void print_matrix(const std::vector<CompareTrace>& traces, bool isolated, std::ostream& out);

/// The same as one JSON document: {"aetrace_compare": 1, "ok", "isolated", "summary": {...},
/// "traces": [{"path", "calls", "results": [{"implementation", "verdict", "message",
/// "call_index", "call_method", "divergence_count", "divergences_by_method": {method: {field:
/// n}}, "audio", "first_divergence", "report"}]}]}.
nlohmann::json compare_json(const std::vector<CompareTrace>& traces, bool isolated);

/// Writes a JUnit XML file at `path` atomically (io::AtomicFile: temp file, fsync, rename): one
/// <testsuite> per trace, one <testcase> per implementation; a divergence is a <failure> carrying
/// the first divergence, a crash, hang, error or refusal an <error>. Throws aetrace::InputError
/// naming `path` when it cannot be written.
void write_junit(const std::filesystem::path& path, const std::vector<CompareTrace>& traces);

}  // namespace aetrace::cli
