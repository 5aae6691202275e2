// Trace diff: two traces compared call by call after aligning their call sequences, so one extra
// call shows as one insertion instead of shifting every later index (`aetrace diff A B`).
//
// The calls are aligned on their key (endpoint, method) with Myers' O(ND) difference algorithm
// (after stripping the common prefix and suffix); aligned pairs are then compared field by field
// (the fields the method table says the method uses, virtual time, contract violations, stored
// audio payload bytes), ignoring
// seq, real_time and thread. Besides calls, the endpoints, metadata and output digests are
// compared.
#pragma once

#include <cstddef>
#include <cstdint>
#include <iosfwd>
#include <string>
#include <vector>

#include "aetrace/format/trace.h"

namespace aetrace::replay {

/// One field of an aligned pair of calls (or of another record) that differs.
struct FieldDifference {
    /// Named as in Divergence::field: "padding", "hr", "position.u64StreamPosition",
    /// "connection_in.u32BufferFlags", "buffer.xxh3", "virtual_time", "violations", "payload"
    /// (stored audio bytes differ: XXH3-64 of each side), ...
    std::string field;
    std::string a;  ///< readable value in trace A (formatted like Divergence::expected)
    std::string b;  ///< readable value in trace B
};

/// One step of the alignment.
struct CallDiffEntry {
    enum class Op : std::uint8_t {
        kSame,      ///< aligned, all compared fields equal
        kChanged,   ///< aligned (same endpoint and method), some fields differ (`fields`)
        kDeleted,   ///< only in A (index_a valid)
        kInserted,  ///< only in B (index_b valid)
    };
    Op op = Op::kSame;
    std::size_t index_a = 0;  ///< index in A's Trace::calls (kSame, kChanged, kDeleted)
    std::size_t index_b = 0;  ///< index in B's Trace::calls (kSame, kChanged, kInserted)
    std::vector<FieldDifference> fields;  ///< kChanged only
};

/// A difference of a record that is not a call: "endpoint 0", "metadata scenario",
/// "output digest of endpoint 1", "header".
struct RecordDifference {
    std::string record;
    FieldDifference difference;
};

struct TraceDiffOptions {
    /// Edit distance (insertions + deletions) beyond which alignment gives up and pairs the rest
    /// of the calls by position (a note says so). Bounds time to O((N + M) * max_edits) and
    /// memory to O(max_edits^2) words.
    std::size_t max_edits = 2000;
};

/// The result of diff_traces(). Plain value.
struct TraceDiff {
    /// Every call of both traces in alignment order (kSame entries included, for context).
    std::vector<CallDiffEntry> calls;
    std::vector<RecordDifference> records;
    std::uint64_t inserted = 0;      ///< calls only in B
    std::uint64_t deleted = 0;       ///< calls only in A
    std::uint64_t changed = 0;       ///< aligned calls with field differences
    std::vector<std::string> notes;  ///< e.g. alignment gave up, header writer differs (ignored)

    /// True when no call was inserted, deleted or changed and no record differs.
    bool identical() const noexcept {
        return inserted == 0 && deleted == 0 && changed == 0 && records.empty();
    }
};

/// Compares trace `a` (in) with trace `b` (in); neither is retained. Not RT-safe; allocates.
/// Throws nothing beyond std::bad_alloc.
TraceDiff diff_traces(const format::Trace& a, const format::Trace& b,
                      const TraceDiffOptions& options = {});

/// The field differences of two calls with the same method (`fields` cleared first), excluding
/// violations. Used by diff_traces; exposed for tests. Not RT-safe.
void compare_calls(const format::CallRecord& a, const format::CallRecord& b,
                   std::vector<FieldDifference>& fields);

/// Writes `diff` as a unified-diff-like listing to `out`: "--- A" / "+++ B" header lines, hunks
/// "@@ calls A a+n, B b+m @@" with `context` unchanged calls around each change ("  " prefix),
/// "- " deleted, "+ " inserted and "~ " changed calls (each "seq S endpoint E Interface::Method",
/// a changed call followed by "    field: A -> B" lines), then the record differences, the notes
/// and the summary line "N inserted, M deleted, K changed calls" (plus ", R record differences"
/// when any). `name_a`/`name_b` label the traces. Not RT-safe.
void print_trace_diff(const format::Trace& a, const format::Trace& b, const TraceDiff& diff,
                      const std::string& name_a, const std::string& name_b, std::ostream& out,
                      std::size_t context = 3);

}  // namespace aetrace::replay
