#include <cmath>
#include <cstring>
#include <nlohmann/json.hpp>
#include <ostream>
#include <string>
#include <type_traits>
#include <vector>

#include "aetrace/abi/contract.h"
#include "aetrace/abi/guid.h"
#include "aetrace/abi/hresult.h"
#include "aetrace/abi/methods.h"
#include "aetrace/format/hash.h"
#include "aetrace/format/jsonl.h"
#include "base64.h"
#include "jsonl_names.h"
#include "record_fields.h"

namespace aetrace::format {
namespace {

using Json = nlohmann::ordered_json;

template <std::size_t N>
Json name_or_number(const std::string_view (&names)[N], std::uint32_t value) {
    if (value < N && !names[value].empty()) return std::string(names[value]);
    return value;
}

std::string hex128(const Hash128& h) {
    return hex64(h.high64) + hex64(h.low64);
}

Json wave_format_json(const abi::WAVEFORMATEXTENSIBLE& f) {
    Json j;
    j["tag"] = f.Format.wFormatTag;
    j["channels"] = f.Format.nChannels;
    j["rate"] = f.Format.nSamplesPerSec;
    j["avg_bytes_per_sec"] = f.Format.nAvgBytesPerSec;
    j["block_align"] = f.Format.nBlockAlign;
    j["bits"] = f.Format.wBitsPerSample;
    j["cb_size"] = f.Format.cbSize;
    j["valid_bits"] = f.wValidBitsPerSample;
    j["channel_mask"] = f.dwChannelMask;
    j["subformat"] = abi::to_string(f.SubFormat);
    return j;
}

Json position_json(const abi::AE_CURRENT_POSITION& p) {
    Json j;
    j["device"] = p.u64DevicePosition;
    j["stream"] = p.u64StreamPosition;
    j["padding"] = p.u64PaddingFrames;
    j["qpc"] = p.hnsQPCPosition;
    if (std::isfinite(p.f32FramesPerSecond)) {
        j["fps"] = p.f32FramesPerSecond;
    } else {
        std::uint32_t bits;
        std::memcpy(&bits, &p.f32FramesPerSecond, 4);
        j["fps_bits"] = bits;
    }
    Json flags = Json::array();
    auto rest = static_cast<std::uint32_t>(p.Flag);
    for (const detail::FlagName& f : detail::kPositionFlagNames) {
        if (rest & f.bit) {
            flags.push_back(std::string(f.name));
            rest &= ~f.bit;
        }
    }
    if (rest != 0) flags.push_back(rest);
    j["flags"] = flags;
    return j;
}

Json connection_json(const ConnectionValue& c) {
    Json j;
    j["valid_frames"] = c.valid_frame_count;
    j["buffer_flags"] = name_or_number(detail::kBufferFlagNames, c.buffer_flags);
    j["signature"] = c.signature;
    j["buffer_present"] = c.buffer_present;
    return j;
}

Json call_json(const CallRecord& c) {
    Json j;
    j["type"] = std::string(record_type_name(RecordType::kCall));
    j["seq"] = c.seq;
    const abi::MethodInfo* m = abi::method_info(c.method);
    if (m != nullptr) {
        j["call"] = std::string(m->qualified_name);
    } else {
        j["call"] = nullptr;
        j["method_id"] = static_cast<std::uint16_t>(c.method);
    }
    j["thread"] = c.thread;
    j["endpoint"] = c.endpoint;
    j["vt"] = c.virtual_time;
    j["rt"] = c.real_time;
    if ((m != nullptr && m->returns == abi::ReturnKind::kHresult) || c.result != 0)
        j["hr"] = abi::hresult_name(c.result);
    if (m == nullptr) {
        j["arg"] = c.arg;
        j["out"] = c.out;
        return j;
    }
    for (int i = 0; i < 3; ++i)
        if (m->arg_names[i] != nullptr) j[m->arg_names[i]] = c.arg[i];
    for (int i = 0; i < 2; ++i)
        if (m->out_names[i] != nullptr) j[m->out_names[i]] = c.out[i];
    if (m->shape & (abi::kPositionIn | abi::kPositionOut))
        j["position"] = (c.flags & kHasPosition) ? position_json(c.position) : Json(nullptr);
    if (m->shape & abi::kConnectionIn) j["connection_in"] = connection_json(c.connection_in);
    if (m->shape & abi::kConnectionOut) j["connection_out"] = connection_json(c.connection_out);
    if (m->shape & abi::kFormatOut) j["format"] = wave_format_json(c.format);
    if (m->shape & (abi::kBufferIn | abi::kBufferOut)) {
        if (c.flags & kHasBuffer) {
            j["buffer"] = {{"frames", c.buffer.frames},
                           {"bytes", c.buffer.bytes},
                           {"xxh3", hex64(c.buffer.xxh3)}};
        } else {
            j["buffer"] = nullptr;
        }
    }
    if (c.flags & kPayloadStored) j["payload_stored"] = true;
    std::uint16_t extra = c.flags & ~(kHasPosition | kHasBuffer | kPayloadStored);
    if (extra != 0) j["flags_extra"] = extra;
    return j;
}

// Field handlers of the field-listed record types (record_fields.h), one per C++ field type.

template <typename T>
requires std::is_integral_v<T> Json field_json(T v) {
    return v;
}
Json field_json(const std::string& s) {
    return s;
}
Json field_json(const std::vector<std::uint8_t>& bytes) {
    return detail::base64_encode(bytes.data(), bytes.size());
}
Json field_json(const Hash128& h) {
    return hex128(h);
}
Json field_json(const std::vector<Hash128>& hashes) {
    Json per = Json::array();
    for (const Hash128& h : hashes) per.push_back(hex128(h));
    return per;
}
Json field_json(EndpointRole role) {
    return name_or_number(detail::kRoleNames, static_cast<std::uint32_t>(role));
}
Json field_json(EventKind kind) {
    return name_or_number(detail::kEventKindNames, static_cast<std::uint32_t>(kind));
}
Json field_json(abi::ContractRule rule) {
    std::string name = abi::rule_name(rule);
    return name == "unknown" ? Json(static_cast<std::uint16_t>(rule)) : Json(name);
}
Json field_json(abi::MethodId method) {
    const abi::MethodInfo* m = abi::method_info(method);
    if (m != nullptr) return std::string(m->qualified_name);
    if (method == abi::MethodId::kNone) return "none";
    return static_cast<std::uint16_t>(method);
}
Json field_json(const abi::StreamFormat& f) {
    return {{"sample_type",
             name_or_number(detail::kSampleTypeNames, static_cast<std::uint32_t>(f.sample_type))},
            {"bits", f.bits_per_sample},
            {"channels", f.channels},
            {"rate", f.sample_rate}};
}

/// {"type": <table name>, <field>: <value>, ...} for a field-listed record.
template <detail::FieldListed T>
Json record_json(const T& record) {
    Json j;
    j["type"] = std::string(record_type_name(kRecordTypeOf<T>));
    detail::for_each_field<T>([&](const auto& f) { j[f.name] = field_json(record.*f.member); });
    return j;
}

Json record_json(const CallRecord& c) {
    return call_json(c);
}

void write_line(const Json& j, std::ostream& out) {
    out << j.dump(-1, ' ', false, Json::error_handler_t::replace) << '\n';
}

}  // namespace

void dump_jsonl(const Trace& trace, std::ostream& out) {
    const TraceHeader& h = trace.header;
    Json header{{"type", "header"},
                {"format", std::to_string(h.format_major) + "." + std::to_string(h.format_minor)},
                {"writer", h.writer_version},
                {"host", h.host},
                {"clock", h.clock},
                {"flags", h.flags},
                {"hash_only", (h.flags & kHeaderHashOnly) != 0},
                {"default_format", wave_format_json(h.default_format)}};
    write_line(header, out);
    std::vector<RecordRef> order = trace.order.empty() ? canonical_order(trace) : trace.order;
    for (const RecordRef& ref : order) {
        // Every row needs a record_json(const Struct&) (a field list or a hand-written one).
        write_line(std::visit([](const auto& r) { return record_json(r); }, record_at(trace, ref)),
                   out);
    }
}

}  // namespace aetrace::format
