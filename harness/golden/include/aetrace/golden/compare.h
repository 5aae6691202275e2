// Comparison of a golden (expected) against the golden of a new run (actual).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "aetrace/golden/values.h"

namespace aetrace::golden {

/// The outcome of compare().
struct GoldenComparison {
    /// True when every exact field matches: scenario, format, frames, audio hash, per-second
    /// hashes, call-results hash and call count. Peak and RMS do not decide it.
    bool matches = true;
    /// One human line per mismatching exact field, e.g. "audio differs in seconds 2, 3 (of 5,
    /// counted from 0)", "frames: expected 144000, got 143999", "call results differ (calls:
    /// expected 120, got 121)". Empty when `matches`.
    std::vector<std::string> differences;
    /// Informative lines: peak or RMS outside a relative tolerance of 1e-9, e.g. "peak: expected
    /// 0.5, got 0.25". Never affects `matches`.
    std::vector<std::string> notes;
    /// Seconds (counted from 0) whose hashes differ, ascending; seconds present in only one golden
    /// count as differing.
    std::vector<std::uint64_t> differing_seconds;
};

/// Relative tolerance used for peak and RMS.
inline constexpr double kStatisticTolerance = 1e-9;

/// Compares `actual` (in) against `expected` (in). No throw except std::bad_alloc. Not RT-safe.
GoldenComparison compare(const Golden& expected, const Golden& actual);

}  // namespace aetrace::golden
