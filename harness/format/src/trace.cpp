#include "aetrace/format/trace.h"

#include <cstring>
#include <stdexcept>
#include <type_traits>

#include "aetrace/abi/error.h"
#include "aetrace/format/trace_writer.h"

namespace aetrace::format {

bool operator==(const TraceHeader& a, const TraceHeader& b) {
    return a.format_major == b.format_major && a.format_minor == b.format_minor &&
           a.writer_version == b.writer_version && a.host == b.host && a.clock == b.clock &&
           a.flags == b.flags &&
           std::memcmp(&a.default_format, &b.default_format, sizeof a.default_format) == 0;
}

static_assert(std::is_same_v<std::variant_alternative_t<0, Record>, CallRecord>);
static_assert(std::is_same_v<std::variant_alternative_t<1, Record>, AudioPayload>);
static_assert(std::is_same_v<std::variant_alternative_t<2, Record>, ViolationRecord>);
static_assert(std::is_same_v<std::variant_alternative_t<3, Record>, EndpointInfo>);
static_assert(std::is_same_v<std::variant_alternative_t<4, Record>, EventRecord>);
static_assert(std::is_same_v<std::variant_alternative_t<5, Record>, MetadataRecord>);
static_assert(std::is_same_v<std::variant_alternative_t<6, Record>, OutputDigestRecord>);
static_assert(std::is_same_v<std::variant_alternative_t<7, Record>, GapRecord>);
static_assert(std::is_same_v<std::variant_alternative_t<8, Record>, EndRecord>);

RecordType record_type(const Record& record) noexcept {
    // The variant's alternatives are in RecordType order (1-based).
    return static_cast<RecordType>(record.index() + 1);
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

void Trace::add(Record record) {
    RecordType type = record_type(record);
    std::uint64_t index = 0;
    std::visit(
        [&](auto&& r) {
            using T = std::decay_t<decltype(r)>;
            auto push = [&](auto& vec) {
                index = vec.size();
                vec.push_back(std::move(r));
            };
            if constexpr (std::is_same_v<T, CallRecord>)
                push(calls);
            else if constexpr (std::is_same_v<T, AudioPayload>) {
                index = r.seq;
                payloads[r.seq] = std::move(r);
            } else if constexpr (std::is_same_v<T, ViolationRecord>)
                push(violations);
            else if constexpr (std::is_same_v<T, EndpointInfo>)
                push(endpoints);
            else if constexpr (std::is_same_v<T, EventRecord>)
                push(events);
            else if constexpr (std::is_same_v<T, MetadataRecord>)
                push(metadata);
            else if constexpr (std::is_same_v<T, OutputDigestRecord>)
                push(digests);
            else if constexpr (std::is_same_v<T, GapRecord>)
                push(gaps);
            else
                end = r;
        },
        record);
    order.push_back({type, index});
}

std::vector<RecordRef> canonical_order(const Trace& t) {
    std::vector<RecordRef> o;
    auto all = [&o](RecordType type, std::size_t n) {
        for (std::size_t i = 0; i < n; ++i) o.push_back({type, i});
    };
    all(RecordType::kEndpointInfo, t.endpoints.size());
    all(RecordType::kMetadata, t.metadata.size());
    for (std::size_t i = 0; i < t.calls.size(); ++i) {
        o.push_back({RecordType::kCall, i});
        if (t.payloads.count(t.calls[i].seq) != 0)
            o.push_back({RecordType::kAudioPayload, t.calls[i].seq});
    }
    all(RecordType::kViolation, t.violations.size());
    all(RecordType::kEvent, t.events.size());
    all(RecordType::kOutputDigest, t.digests.size());
    all(RecordType::kGap, t.gaps.size());
    if (t.end) o.push_back({RecordType::kEnd, 0});
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

namespace {

template <typename V>
const auto& at(const V& vec, std::uint64_t i) {
    if (i >= vec.size())
        throw std::invalid_argument("record_at: record order refers to a missing record");
    return vec[static_cast<std::size_t>(i)];
}

}  // namespace

Record record_at(const Trace& t, const RecordRef& ref) {
    switch (ref.type) {
        case RecordType::kCall:
            return at(t.calls, ref.index);
        case RecordType::kAudioPayload: {
            auto it = t.payloads.find(ref.index);
            if (it == t.payloads.end())
                throw std::invalid_argument("record_at: no payload for seq " +
                                            std::to_string(ref.index));
            return it->second;
        }
        case RecordType::kViolation:
            return at(t.violations, ref.index);
        case RecordType::kEndpointInfo:
            return at(t.endpoints, ref.index);
        case RecordType::kEvent:
            return at(t.events, ref.index);
        case RecordType::kMetadata:
            return at(t.metadata, ref.index);
        case RecordType::kOutputDigest:
            return at(t.digests, ref.index);
        case RecordType::kGap:
            return at(t.gaps, ref.index);
        case RecordType::kEnd:
            if (!t.end) throw std::invalid_argument("record_at: order names a missing End");
            return *t.end;
    }
    throw std::invalid_argument("record_at: unknown record type in order");
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
