// The trace file's header and record types, in memory (see docs/FORMAT.md for the on-disk layout).
//
// CallRecord and ViolationRecord are in call_record.h. All structs here are plain values; none owns
// anything beyond its std::string / std::vector members. Nothing here is RT-safe to construct when
// it holds strings or vectors.
#pragma once

#include <cstddef>
#include <cstdint>
#include <iterator>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <variant>
#include <vector>

#include "aetrace/abi/types.h"
#include "aetrace/abi/wave_format.h"
#include "aetrace/format/call_record.h"

namespace aetrace::format {

/// Format version this build writes. Readers accept any minor of kFormatMajor.
inline constexpr std::uint16_t kFormatMajor = 1;
inline constexpr std::uint16_t kFormatMinor = 0;

/// The 8 magic bytes at offset 0 of every trace file: "AETRACE" followed by a NUL.
inline constexpr char kMagic[8] = {'A', 'E', 'T', 'R', 'A', 'C', 'E', '\0'};

/// TraceHeader::flags bits.
enum HeaderFlags : std::uint32_t {
    kHeaderHashOnly =
        1u << 0,  ///< audio buffers are hashed, never stored (no AudioPayload records)
};

/// The file header. No creation time: a deterministic run gives a byte-identical trace.
struct TraceHeader {
    std::uint16_t format_major = kFormatMajor;  ///< set by the reader; the writer always writes 1
    std::uint16_t format_minor = kFormatMinor;  ///< set by the reader; the writer always writes 0
    std::string writer_version;                 ///< "aetrace 0.1.0"
    std::string host;                           ///< OS, compiler, arch ("linux gcc-12 x86_64")
    std::string clock;                          ///< "virtual" or "system"
    std::uint32_t flags = 0;                    ///< HeaderFlags
    abi::WAVEFORMATEXTENSIBLE default_format = {};  ///< the default endpoint format
    friend bool operator==(const TraceHeader&, const TraceHeader&);
};

/// Audio bytes moved by one data call (type 2). Absent in hash-only traces.
struct AudioPayload {
    std::uint64_t seq = 0;       ///< CallRecord::seq of the call that moved the audio
    std::uint32_t endpoint = 0;  ///< endpoint index (EndpointInfo::endpoint)
    std::uint32_t frames = 0;    ///< frames in `bytes`
    std::vector<std::uint8_t>
        bytes;  ///< the interleaved PCM exactly as moved (frames x block align)
    friend bool operator==(const AudioPayload&, const AudioPayload&) = default;
};

enum class EndpointRole : std::uint8_t { kCapture = 0, kRender = 1 };

/// One endpoint object taking part in the trace (type 4).
struct EndpointInfo {
    std::uint32_t endpoint = 0;  ///< index used by CallRecord::endpoint
    EndpointRole role = EndpointRole::kRender;
    std::string implementation;  ///< implementation name ("reference-render")
    std::string source_path;     ///< audio source file (capture) or ""
    std::string source_hash;     ///< canonical hash of the source, hex ("" when none)
    std::string options;         ///< implementation options as text
    abi::StreamFormat format;    ///< the endpoint's stream format
    friend bool operator==(const EndpointInfo&, const EndpointInfo&) = default;
};

enum class EventKind : std::uint32_t {
    kSignalled = 1,   ///< the endpoint signalled its event handle
    kEngineWoke = 2,  ///< the engine model woke up on it
};

/// An event-handle signal or engine wake-up (type 5).
struct EventRecord {
    std::uint64_t last_call_seq = 0;  ///< seq of the last call before the event
    std::uint32_t endpoint = 0;
    abi::HNSTIME virtual_time = 0;  ///< virtual clock at the event, HNSTIME
    EventKind kind = EventKind::kSignalled;
    friend bool operator==(const EventRecord&, const EventRecord&) = default;
};

/// Free-form key/value text (type 6), e.g. "scenario" = "render-basic".
struct MetadataRecord {
    std::string key;
    std::string value;
    friend bool operator==(const MetadataRecord&, const MetadataRecord&) = default;
};

/// A 128-bit hash as two u64 (the format only stores it; callers compute it).
struct Hash128 {
    std::uint64_t low64 = 0;
    std::uint64_t high64 = 0;
    friend bool operator==(const Hash128&, const Hash128&) = default;
};

/// Digest of one endpoint's whole output (type 7).
struct OutputDigestRecord {
    std::uint32_t endpoint = 0;
    std::uint64_t frames = 0;         ///< frames of output hashed
    Hash128 pcm;                      ///< canonical PCM hash of all frames
    std::vector<Hash128> per_second;  ///< one canonical hash per second of audio, in order
    friend bool operator==(const OutputDigestRecord&, const OutputDigestRecord&) = default;
};

/// Records lost by the recorder (ring overflow) (type 8).
struct GapRecord {
    std::uint32_t thread = 0;     ///< recorder thread index that lost them
    std::uint64_t first_seq = 0;  ///< seq of the first lost call
    std::uint64_t count = 0;      ///< number of records lost
    friend bool operator==(const GapRecord&, const GapRecord&) = default;
};

/// Written by a clean close (type 9); its absence means the trace was cut short.
struct EndRecord {
    std::uint64_t call_count = 0;       ///< Call records written
    std::uint64_t violation_count = 0;  ///< Violation records written
    friend bool operator==(const EndRecord&, const EndRecord&) = default;
};

/// The record-type table: one row per record type, the single list every per-type dispatch of the
/// format layer is generated from (the codec, the reader's skip logic, Trace, JSONL dump/import).
///   X(id, Enumerator, Struct, "jsonl name", trace_member)
/// id: the type number on disk (u16). Stable: never renumber, only append.
/// Struct: the in-memory record. "jsonl name": its "type" in the JSONL form. trace_member: the
/// Trace member that holds records of this type (aetrace/format/trace.h).
/// Adding a type: a row here, its struct above, and its codec: either a field list in
/// src/record_fields.h or hand-written binary and JSON handlers (as CallRecord has); a row
/// without them does not compile.
#define AETRACE_RECORD_TYPES(X)                                       \
    X(1, kCall, CallRecord, "call", calls)                            \
    X(2, kAudioPayload, AudioPayload, "payload", payloads)            \
    X(3, kViolation, ViolationRecord, "violation", violations)        \
    X(4, kEndpointInfo, EndpointInfo, "endpoint", endpoints)          \
    X(5, kEvent, EventRecord, "event", events)                        \
    X(6, kMetadata, MetadataRecord, "metadata", metadata)             \
    X(7, kOutputDigest, OutputDigestRecord, "output_digest", digests) \
    X(8, kGap, GapRecord, "gap", gaps)                                \
    X(9, kEnd, EndRecord, "end", end)

/// Record type numbers (u16 on disk), from AETRACE_RECORD_TYPES.
enum class RecordType : std::uint16_t {
#define AETRACE_X(id, name, type, text, member) name = id,
    AETRACE_RECORD_TYPES(AETRACE_X)
#undef AETRACE_X
};

/// Every record type, in table order.
inline constexpr RecordType kAllRecordTypes[] = {
#define AETRACE_X(id, name, type, text, member) RecordType::name,
    AETRACE_RECORD_TYPES(AETRACE_X)
#undef AETRACE_X
};
/// Number of rows in the record-type table.
inline constexpr std::size_t kRecordTypeCount = std::size(kAllRecordTypes);

namespace detail {
template <typename Ignored, typename... Types>
struct VariantOfRest {
    using type = std::variant<Types...>;
};
template <typename T, typename Variant>
struct AlternativeIndex;
template <typename T, typename... Types>
struct AlternativeIndex<T, std::variant<Types...>> {
    static constexpr std::size_t value = [] {
        constexpr bool same[] = {std::is_same_v<T, Types>...};
        std::size_t i = 0;
        while (i < sizeof...(Types) && !same[i]) ++i;
        return i;
    }();
    static_assert(value < sizeof...(Types), "not a struct of the record-type table");
};
constexpr bool unique_ids() {
    for (std::size_t i = 0; i < kRecordTypeCount; ++i)
        for (std::size_t j = i + 1; j < kRecordTypeCount; ++j)
            if (kAllRecordTypes[i] == kAllRecordTypes[j]) return false;
    return true;
}
static_assert(unique_ids(), "two rows of AETRACE_RECORD_TYPES share an id");
}  // namespace detail

/// Any record TraceReader::next() can return: one alternative per table row, in table order.
#define AETRACE_X(id, name, type, text, member) , type
using Record = detail::VariantOfRest<void AETRACE_RECORD_TYPES(AETRACE_X)>::type;
#undef AETRACE_X
static_assert(std::variant_size_v<Record> == kRecordTypeCount);

/// The RecordType of record struct `T` (does not compile for a struct that is not a table row).
template <typename T>
inline constexpr RecordType kRecordTypeOf =
    kAllRecordTypes[detail::AlternativeIndex<T, Record>::value];

/// The type number of the record held by `record`.
RecordType record_type(const Record& record) noexcept;

/// True when `type` is a row of the table (the reader skips records of other types).
constexpr bool is_known_record_type(std::uint16_t type) noexcept {
    for (RecordType t : kAllRecordTypes)
        if (static_cast<std::uint16_t>(t) == type) return true;
    return false;
}

/// The JSONL "type" name of `type` ("call", "payload", ...); "" for a type not in the table.
constexpr std::string_view record_type_name(RecordType type) noexcept {
    switch (type) {
#define AETRACE_X(id, name, type, text, member) \
    case RecordType::name:                      \
        return text;
        AETRACE_RECORD_TYPES(AETRACE_X)
#undef AETRACE_X
    }
    return {};
}

/// The record type whose JSONL name is `name`, or nullopt.
constexpr std::optional<RecordType> record_type_named(std::string_view name) noexcept {
    for (RecordType t : kAllRecordTypes)
        if (record_type_name(t) == name) return t;
    return std::nullopt;
}

/// Calls `f(std::type_identity<Struct>{})` for the table row of `type` and returns true; returns
/// false (without calling `f`) for a type not in the table. `f` is instantiated for every row.
template <typename F>
constexpr bool visit_record_type(RecordType type, F&& f) {
    switch (type) {
#define AETRACE_X(id, name, type, text, member) \
    case RecordType::name:                      \
        f(std::type_identity<type>{});          \
        return true;
        AETRACE_RECORD_TYPES(AETRACE_X)
#undef AETRACE_X
    }
    return false;
}

/// Field-by-field equality (CallRecord and ViolationRecord have no operator== of their own).
bool same_call(const CallRecord& a, const CallRecord& b) noexcept;
bool same_violation(const ViolationRecord& a, const ViolationRecord& b) noexcept;

}  // namespace aetrace::format
