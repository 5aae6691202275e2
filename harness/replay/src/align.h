// Sequence alignment of two key sequences (internal): Myers' O(ND) shortest edit script.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace aetrace::replay::detail {

/// One step of an edit script over sequences a and b.
struct AlignStep {
    enum class Kind : std::uint8_t { kMatch, kDelete, kInsert };
    Kind kind;
    std::size_t a;  ///< index in a (kMatch, kDelete)
    std::size_t b;  ///< index in b (kMatch, kInsert)
};

/// A shortest edit script turning `a` into `b` (equal keys are matched), in order. The common
/// prefix and suffix are matched first; when the middle needs more than `max_edits` insertions +
/// deletions, the middle is paired by position instead (equal keys as matches, others as a
/// deletion plus an insertion) and `gave_up` is set. Time O((N + M) * D), memory O(D^2) with D
/// the edit distance (at most max_edits). Not RT-safe.
std::vector<AlignStep> align(const std::vector<std::uint64_t>& a,
                             const std::vector<std::uint64_t>& b, std::size_t max_edits,
                             bool& gave_up);

}  // namespace aetrace::replay::detail
