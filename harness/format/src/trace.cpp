#include "aetrace/format/trace.h"

#include <cstring>
#include <iterator>
#include <map>
#include <optional>
#include <stdexcept>
#include <type_traits>
#include <utility>
#include <vector>

#include "aetrace/abi/error.h"
#include "aetrace/format/trace_writer.h"

namespace aetrace::format {

bool operator==(const TraceHeader& a, const TraceHeader& b) {
    return a.format_major == b.format_major && a.format_minor == b.format_minor &&
           a.writer_version == b.writer_version && a.host == b.host && a.clock == b.clock &&
           a.flags == b.flags &&
           std::memcmp(&a.default_format, &b.default_format, sizeof a.default_format) == 0;
}

RecordType record_type(const Record& record) noexcept {
    // The variant's alternatives are the table's rows, in table order.
    return kAllRecordTypes[record.index()];
}

bool same_call(const CallRecord& a, const CallRecord& b) noexcept {
    const auto& pa = a.position;
    const auto& pb = b.position;
    bool same_position =
        pa.u64DevicePosition == pb.u64DevicePosition &&
        pa.u64StreamPosition == pb.u64StreamPosition &&
        pa.u64PaddingFrames == pb.u64PaddingFrames && pa.hnsQPCPosition == pb.hnsQPCPosition &&
        std::memcmp(&pa.f32FramesPerSecond, &pb.f32FramesPerSecond, 4) == 0 && pa.Flag == pb.Flag;
    return a.seq == b.seq && a.thread == b.thread && a.method == b.method && a.flags == b.flags &&
           a.virtual_time == b.virtual_time && a.real_time == b.real_time && a.result == b.result &&
           a.endpoint == b.endpoint && std::memcmp(a.arg, b.arg, sizeof a.arg) == 0 &&
           std::memcmp(a.out, b.out, sizeof a.out) == 0 && same_position &&
           a.connection_in == b.connection_in && a.connection_out == b.connection_out &&
           std::memcmp(&a.format, &b.format, sizeof a.format) == 0 && a.buffer == b.buffer;
}

bool same_violation(const ViolationRecord& a, const ViolationRecord& b) noexcept {
    return a.call_seq == b.call_seq && a.rule == b.rule && a.method == b.method &&
           a.source == b.source && a.value == b.value && a.limit == b.limit;
}

namespace {

// Storing and finding a record in its Trace member, for each kind of member.

template <typename T>
std::uint64_t store(std::vector<T>& records, T&& record) {
    records.push_back(std::move(record));
    return records.size() - 1;
}

std::uint64_t store(std::map<std::uint64_t, AudioPayload>& payloads, AudioPayload&& payload) {
    std::uint64_t seq = payload.seq;
    payloads[seq] = std::move(payload);
    return seq;
}

std::uint64_t store(std::optional<EndRecord>& end, EndRecord&& record) {
    end = record;
    return 0;
}

template <typename T>
const T& find(const std::vector<T>& records, std::uint64_t i) {
    if (i >= records.size())
        throw std::invalid_argument("record_at: record order refers to a missing record");
    return records[static_cast<std::size_t>(i)];
}

const AudioPayload& find(const std::map<std::uint64_t, AudioPayload>& payloads, std::uint64_t seq) {
    auto it = payloads.find(seq);
    if (it == payloads.end())
        throw std::invalid_argument("record_at: no payload for seq " + std::to_string(seq));
    return it->second;
}

const EndRecord& find(const std::optional<EndRecord>& end, std::uint64_t) {
    if (!end) throw std::invalid_argument("record_at: order names a missing End");
    return *end;
}

/// The Trace member holding records of struct T (the table's trace_member column).
template <typename T, typename TraceT>
auto& member_for(TraceT& t) {
#define AETRACE_X(id, name, type, text, member) \
    if constexpr (std::is_same_v<T, type>) return t.member;
    AETRACE_RECORD_TYPES(AETRACE_X)
#undef AETRACE_X
}

/// The types in canonical order: every row of the table once.
constexpr RecordType kCanonicalTypeOrder[] = {
    RecordType::kEndpointInfo, RecordType::kMetadata,  RecordType::kCall,
    RecordType::kAudioPayload, RecordType::kViolation, RecordType::kEvent,
    RecordType::kOutputDigest, RecordType::kGap,       RecordType::kEnd};

constexpr bool canonical_order_has_every_type() {
    if (std::size(kCanonicalTypeOrder) != kRecordTypeCount) return false;
    for (RecordType t : kAllRecordTypes) {
        int n = 0;
        for (RecordType c : kCanonicalTypeOrder) n += c == t ? 1 : 0;
        if (n != 1) return false;
    }
    return true;
}
static_assert(canonical_order_has_every_type(),
              "kCanonicalTypeOrder must name every row of AETRACE_RECORD_TYPES once");

template <typename T>
void append_all(std::vector<RecordRef>& o, RecordType type, const std::vector<T>& records) {
    for (std::size_t i = 0; i < records.size(); ++i) o.push_back({type, i});
}

void append_all(std::vector<RecordRef>& o, RecordType type, const std::optional<EndRecord>& end) {
    if (end) o.push_back({type, 0});
}

void append_all(std::vector<RecordRef>&, RecordType, const std::map<std::uint64_t, AudioPayload>&) {
    // Payloads are placed after their calls (see canonical_order()).
}

}  // namespace

void Trace::add(Record record) {
    RecordType type = record_type(record);
    std::uint64_t index = std::visit(
        [this](auto&& r) {
            using T = std::decay_t<decltype(r)>;
            return store(member_for<T>(*this), std::move(r));
        },
        std::move(record));
    order.push_back({type, index});
}

std::vector<RecordRef> canonical_order(const Trace& t) {
    std::vector<RecordRef> o;
    for (RecordType type : kCanonicalTypeOrder) {
        if (type == RecordType::kCall) {
            for (std::size_t i = 0; i < t.calls.size(); ++i) {
                o.push_back({RecordType::kCall, i});
                if (t.payloads.count(t.calls[i].seq) != 0)
                    o.push_back({RecordType::kAudioPayload, t.calls[i].seq});
            }
            continue;
        }
        visit_record_type(type, [&](auto tag) {
            using T = typename decltype(tag)::type;
            if constexpr (!std::is_same_v<T, CallRecord>) append_all(o, type, member_for<T>(t));
        });
    }
    return o;
}

Trace read_trace(const std::filesystem::path& path, bool strict) {
    TraceReader reader = TraceReader::open(path);
    Trace trace;
    trace.header = reader.header();
    while (std::optional<Record> r = reader.next()) trace.add(std::move(*r));
    trace.status = reader.status();
    if (strict && trace.status.damaged()) {
        throw InputError(
            path.string() + ": trace " +
            (trace.status.state == ReadStatus::State::kTruncated ? "truncated" : "damaged") +
            " at byte " + std::to_string(trace.status.offset) + " (" + trace.status.reason + "); " +
            std::to_string(trace.status.records_read + trace.status.unknown_skipped) +
            " records before it are intact");
    }
    return trace;
}

Record record_at(const Trace& t, const RecordRef& ref) {
    Record record;
    bool known = visit_record_type(ref.type, [&](auto tag) {
        using T = typename decltype(tag)::type;
        record = find(member_for<T>(t), ref.index);
    });
    if (!known) throw std::invalid_argument("record_at: unknown record type in order");
    return record;
}

void write_trace(const std::filesystem::path& path, const Trace& trace) {
    TraceWriter writer = TraceWriter::create(path, trace.header);
    std::vector<RecordRef> order = trace.order.empty() ? canonical_order(trace) : trace.order;
    bool has_end = false;
    for (const RecordRef& ref : order) {
        writer.write_record(record_at(trace, ref));
        has_end = has_end || ref.type == RecordType::kEnd;
    }
    if (has_end)
        writer.commit();
    else
        writer.commit_without_end();
}

}  // namespace aetrace::format
