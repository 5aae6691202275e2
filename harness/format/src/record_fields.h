// Private: the field list of every record type whose binary and JSONL forms are just its fields in
// order. The binary codec (codec.cpp), the JSONL dumper (jsonl_dump.cpp) and the importer
// (jsonl_import.cpp) all walk these lists, so a field is added in one place: its struct member in
// records.h and its row here.
//
// Each field is written by the handlers for its C++ type: in binary an integer or enum as its
// width (little-endian), a string or byte vector as u32 length + bytes, a Hash128 as low64 then
// high64, a vector<Hash128> as u32 count + hashes, a StreamFormat as its 9 bytes; in JSONL a
// number, a name for the enums that have one, base64 for bytes, hex for hashes. A field of a type
// without a handler does not compile.
//
// CallRecord has no list: its JSONL fields depend on the method table (codec.cpp, jsonl_dump.cpp
// and jsonl_import.cpp have hand-written handlers for it).
#pragma once

#include <tuple>

#include "aetrace/format/records.h"

namespace aetrace::format::detail {

/// One field: its JSONL key and the member it is stored in.
template <typename Struct, typename Member>
struct Field {
    const char* name;
    Member Struct::*member;
};

template <typename Struct, typename Member>
constexpr Field<Struct, Member> field(const char* name, Member Struct::*member) {
    return {name, member};
}

/// RecordFields<T>::list: the fields of record struct T, in binary and JSONL order. Only
/// specialized for the structs that are written field by field.
template <typename T>
struct RecordFields;

template <typename T>
concept FieldListed = requires {
    RecordFields<T>::list;
};

/// Calls `f(field)` for each field of T, in order.
template <FieldListed T, typename F>
void for_each_field(F&& f) {
    std::apply([&f](const auto&... fields) { (f(fields), ...); }, RecordFields<T>::list);
}

template <>
struct RecordFields<AudioPayload> {
    static constexpr auto list =
        std::tuple{field("seq", &AudioPayload::seq), field("endpoint", &AudioPayload::endpoint),
                   field("frames", &AudioPayload::frames), field("bytes", &AudioPayload::bytes)};
};

template <>
struct RecordFields<ViolationRecord> {
    static constexpr auto list = std::tuple{
        field("call_seq", &ViolationRecord::call_seq), field("rule", &ViolationRecord::rule),
        field("method", &ViolationRecord::method),     field("source", &ViolationRecord::source),
        field("value", &ViolationRecord::value),       field("limit", &ViolationRecord::limit)};
};

template <>
struct RecordFields<EndpointInfo> {
    static constexpr auto list = std::tuple{field("endpoint", &EndpointInfo::endpoint),
                                            field("role", &EndpointInfo::role),
                                            field("implementation", &EndpointInfo::implementation),
                                            field("source_path", &EndpointInfo::source_path),
                                            field("source_hash", &EndpointInfo::source_hash),
                                            field("options", &EndpointInfo::options),
                                            field("format", &EndpointInfo::format)};
};

template <>
struct RecordFields<EventRecord> {
    static constexpr auto list =
        std::tuple{field("last_call_seq", &EventRecord::last_call_seq),
                   field("endpoint", &EventRecord::endpoint),
                   field("vt", &EventRecord::virtual_time), field("kind", &EventRecord::kind)};
};

template <>
struct RecordFields<MetadataRecord> {
    static constexpr auto list =
        std::tuple{field("key", &MetadataRecord::key), field("value", &MetadataRecord::value)};
};

template <>
struct RecordFields<OutputDigestRecord> {
    static constexpr auto list = std::tuple{field("endpoint", &OutputDigestRecord::endpoint),
                                            field("frames", &OutputDigestRecord::frames),
                                            field("pcm", &OutputDigestRecord::pcm),
                                            field("per_second", &OutputDigestRecord::per_second)};
};

template <>
struct RecordFields<GapRecord> {
    static constexpr auto list =
        std::tuple{field("thread", &GapRecord::thread), field("first_seq", &GapRecord::first_seq),
                   field("count", &GapRecord::count)};
};

template <>
struct RecordFields<EndRecord> {
    static constexpr auto list = std::tuple{field("call_count", &EndRecord::call_count),
                                            field("violation_count", &EndRecord::violation_count)};
};

}  // namespace aetrace::format::detail
