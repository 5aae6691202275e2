#include <cmath>
#include <cstring>
#include <nlohmann/json.hpp>
#include <ostream>

#include "aetrace/abi/contract.h"
#include "aetrace/abi/guid.h"
#include "aetrace/abi/hresult.h"
#include "aetrace/abi/methods.h"
#include "aetrace/format/hash.h"
#include "aetrace/format/jsonl.h"
#include "base64.h"
#include "jsonl_names.h"

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
    j["type"] = "call";
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

Json record_json(const Record& record) {
    struct Visitor {
        Json operator()(const CallRecord& c) const { return call_json(c); }
        Json operator()(const AudioPayload& p) const {
            return {{"type", "payload"},
                    {"seq", p.seq},
                    {"endpoint", p.endpoint},
                    {"frames", p.frames},
                    {"bytes", detail::base64_encode(p.bytes.data(), p.bytes.size())}};
        }
        Json operator()(const ViolationRecord& v) const {
            Json j{{"type", "violation"}, {"call_seq", v.call_seq}};
            std::string rule = abi::rule_name(v.rule);
            j["rule"] = rule == "unknown" ? Json(static_cast<std::uint16_t>(v.rule)) : Json(rule);
            const abi::MethodInfo* m = abi::method_info(v.method);
            if (m != nullptr)
                j["method"] = std::string(m->qualified_name);
            else if (v.method == abi::MethodId::kNone)
                j["method"] = "none";
            else
                j["method"] = static_cast<std::uint16_t>(v.method);
            j["source"] = v.source;
            j["value"] = v.value;
            j["limit"] = v.limit;
            return j;
        }
        Json operator()(const EndpointInfo& e) const {
            Json f{
                {"sample_type", name_or_number(detail::kSampleTypeNames,
                                               static_cast<std::uint32_t>(e.format.sample_type))},
                {"bits", e.format.bits_per_sample},
                {"channels", e.format.channels},
                {"rate", e.format.sample_rate}};
            return {
                {"type", "endpoint"},
                {"endpoint", e.endpoint},
                {"role", name_or_number(detail::kRoleNames, static_cast<std::uint32_t>(e.role))},
                {"implementation", e.implementation},
                {"source_path", e.source_path},
                {"source_hash", e.source_hash},
                {"options", e.options},
                {"format", f}};
        }
        Json operator()(const EventRecord& e) const {
            return {{"type", "event"},
                    {"last_call_seq", e.last_call_seq},
                    {"endpoint", e.endpoint},
                    {"vt", e.virtual_time},
                    {"kind",
                     name_or_number(detail::kEventKindNames, static_cast<std::uint32_t>(e.kind))}};
        }
        Json operator()(const MetadataRecord& m) const {
            return {{"type", "metadata"}, {"key", m.key}, {"value", m.value}};
        }
        Json operator()(const OutputDigestRecord& d) const {
            Json per = Json::array();
            for (const Hash128& h : d.per_second) per.push_back(hex128(h));
            return {{"type", "output_digest"},
                    {"endpoint", d.endpoint},
                    {"frames", d.frames},
                    {"pcm", hex128(d.pcm)},
                    {"per_second", per}};
        }
        Json operator()(const GapRecord& g) const {
            return {{"type", "gap"},
                    {"thread", g.thread},
                    {"first_seq", g.first_seq},
                    {"count", g.count}};
        }
        Json operator()(const EndRecord& e) const {
            return {{"type", "end"},
                    {"call_count", e.call_count},
                    {"violation_count", e.violation_count}};
        }
    };
    return std::visit(Visitor{}, record);
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
    for (const RecordRef& ref : order) write_line(record_json(record_at(trace, ref)), out);
}

}  // namespace aetrace::format
