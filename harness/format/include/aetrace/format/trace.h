// Trace: a whole trace file in memory, and whole-file read/write.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <vector>

#include "aetrace/format/records.h"
#include "aetrace/format/trace_reader.h"

namespace aetrace::format {

/// Where one record sits in Trace's per-type containers, in file order.
struct RecordRef {
    RecordType type;
    /// Index into the vector for `type`; for kAudioPayload the payload's seq (key of `payloads`);
    /// 0 for kEnd.
    std::uint64_t index;
    friend bool operator==(const RecordRef&, const RecordRef&) = default;
};

/// Every record of a trace, grouped by type: one member per row of AETRACE_RECORD_TYPES (its
/// trace_member column). Owns everything it holds.
struct Trace {
    TraceHeader header;
    std::vector<CallRecord> calls;                   ///< in file order
    std::map<std::uint64_t, AudioPayload> payloads;  ///< keyed by call seq (last one wins)
    std::vector<ViolationRecord> violations;
    std::vector<EndpointInfo> endpoints;
    std::vector<EventRecord> events;
    std::vector<MetadataRecord> metadata;
    std::vector<OutputDigestRecord> digests;
    std::vector<GapRecord> gaps;
    std::optional<EndRecord> end;  ///< set when the trace was closed cleanly
    /// File order of all records. May be left empty by code that builds a Trace by hand:
    /// write_trace() and dump_jsonl() then use canonical_order().
    std::vector<RecordRef> order;
    ReadStatus status;  ///< how reading went (default-constructed for hand-built traces)

    /// Appends `record` to its container and to `order`.
    void add(Record record);
};

/// The order used when Trace::order is empty: endpoints, metadata, then calls each followed by its
/// payload, then violations, events, digests, gaps, end.
std::vector<RecordRef> canonical_order(const Trace& trace);

/// A copy of the record `ref` points at. Throws std::invalid_argument when it names a missing
/// record.
Record record_at(const Trace& trace, const RecordRef& ref);

/// Reads the whole file at `path`. Throws InputError as TraceReader::open(). When `strict` is true
/// a truncated or damaged tail throws InputError "<path>: trace damaged at byte N (checksum
/// mismatch in record 1234); 1233 records before it are intact"; when false it returns the intact
/// records with the damage described in Trace::status. Not RT-safe.
Trace read_trace(const std::filesystem::path& path, bool strict = false);

/// Writes `trace` as a binary trace at `path` (temp file then rename), records in trace.order (or
/// canonical_order()). Writes an End record only if the trace has one. The header is written as
/// format kFormatMajor.kFormatMinor. Throws InputError naming the path on I/O errors and
/// std::invalid_argument when `order` refers to a missing record.
void write_trace(const std::filesystem::path& path, const Trace& trace);

}  // namespace aetrace::format
