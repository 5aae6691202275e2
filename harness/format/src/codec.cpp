#include "codec.h"

#include <cstring>
#include <type_traits>

#include "aetrace/format/hash.h"

namespace aetrace::format::detail {

std::vector<std::uint8_t> encode_header(const TraceHeader& h) {
    std::vector<std::uint8_t> out;
    ByteWriter w(out);
    w.bytes(reinterpret_cast<const std::uint8_t*>(kMagic), 8);
    w.u16(kFormatMajor);
    w.u16(kFormatMinor);
    w.u32(0);  // header size, patched below
    w.str(h.writer_version);
    w.str(h.host);
    w.str(h.clock);
    w.u32(h.flags);
    w.wave_format(h.default_format);
    auto size = static_cast<std::uint32_t>(out.size() + kFrameTail);
    for (int i = 0; i < 4; ++i) out[12 + i] = static_cast<std::uint8_t>(size >> (8 * i));
    w.u32(checksum32(out.data(), out.size()));
    return out;
}

bool decode_header_fields(const std::uint8_t* data, std::size_t size, TraceHeader* out) {
    ByteReader r(data, size);
    out->writer_version = r.str();
    out->host = r.str();
    out->clock = r.str();
    out->flags = r.u32();
    out->default_format = r.wave_format();
    return r.ok();
}

namespace {

void encode_position(ByteWriter& w, const abi::AE_CURRENT_POSITION& p) {
    w.u64(p.u64DevicePosition);
    w.u64(p.u64StreamPosition);
    w.u64(p.u64PaddingFrames);
    w.i64(p.hnsQPCPosition);
    w.f32(p.f32FramesPerSecond);
    w.i32(p.Flag);
}

abi::AE_CURRENT_POSITION decode_position(ByteReader& r) {
    abi::AE_CURRENT_POSITION p{};
    p.u64DevicePosition = r.u64();
    p.u64StreamPosition = r.u64();
    p.u64PaddingFrames = r.u64();
    p.hnsQPCPosition = r.i64();
    p.f32FramesPerSecond = r.f32();
    p.Flag = static_cast<abi::AE_POSITION_FLAGS>(r.i32());
    return p;
}

void encode_connection(ByteWriter& w, const ConnectionValue& c) {
    w.u32(c.valid_frame_count);
    w.u32(c.buffer_flags);
    w.u32(c.signature);
    w.u32(c.buffer_present);
}

ConnectionValue decode_connection(ByteReader& r) {
    ConnectionValue c;
    c.valid_frame_count = r.u32();
    c.buffer_flags = r.u32();
    c.signature = r.u32();
    c.buffer_present = r.u32();
    return c;
}

void encode_payload(ByteWriter& w, const CallRecord& c) {
    w.u64(c.seq);
    w.u32(c.thread);
    w.u16(static_cast<std::uint16_t>(c.method));
    w.u16(c.flags);
    w.i64(c.virtual_time);
    w.i64(c.real_time);
    w.i32(c.result);
    w.u32(c.endpoint);
    for (std::uint64_t a : c.arg) w.u64(a);
    for (std::uint64_t o : c.out) w.u64(o);
    encode_position(w, c.position);
    encode_connection(w, c.connection_in);
    encode_connection(w, c.connection_out);
    w.wave_format(c.format);
    w.u32(c.buffer.frames);
    w.u32(c.buffer.bytes);
    w.u64(c.buffer.xxh3);
}

CallRecord decode_call(ByteReader& r) {
    CallRecord c;
    c.seq = r.u64();
    c.thread = r.u32();
    c.method = static_cast<abi::MethodId>(r.u16());
    c.flags = r.u16();
    c.virtual_time = r.i64();
    c.real_time = r.i64();
    c.result = r.i32();
    c.endpoint = r.u32();
    for (std::uint64_t& a : c.arg) a = r.u64();
    for (std::uint64_t& o : c.out) o = r.u64();
    c.position = decode_position(r);
    c.connection_in = decode_connection(r);
    c.connection_out = decode_connection(r);
    c.format = r.wave_format();
    c.buffer.frames = r.u32();
    c.buffer.bytes = r.u32();
    c.buffer.xxh3 = r.u64();
    return c;
}

void encode_payload(ByteWriter& w, const AudioPayload& p) {
    w.u64(p.seq);
    w.u32(p.endpoint);
    w.u32(p.frames);
    w.u32(static_cast<std::uint32_t>(p.bytes.size()));
    w.bytes(p.bytes.data(), p.bytes.size());
}

AudioPayload decode_audio(ByteReader& r) {
    AudioPayload p;
    p.seq = r.u64();
    p.endpoint = r.u32();
    p.frames = r.u32();
    p.bytes = r.bytes(r.u32());
    return p;
}

void encode_payload(ByteWriter& w, const ViolationRecord& v) {
    w.u64(v.call_seq);
    w.u16(static_cast<std::uint16_t>(v.rule));
    w.u16(static_cast<std::uint16_t>(v.method));
    w.u32(v.source);
    w.u64(v.value);
    w.u64(v.limit);
}

ViolationRecord decode_violation(ByteReader& r) {
    ViolationRecord v;
    v.call_seq = r.u64();
    v.rule = static_cast<abi::ContractRule>(r.u16());
    v.method = static_cast<abi::MethodId>(r.u16());
    v.source = r.u32();
    v.value = r.u64();
    v.limit = r.u64();
    return v;
}

void encode_payload(ByteWriter& w, const EndpointInfo& e) {
    w.u32(e.endpoint);
    w.u8(static_cast<std::uint8_t>(e.role));
    w.str(e.implementation);
    w.str(e.source_path);
    w.str(e.source_hash);
    w.str(e.options);
    w.stream_format(e.format);
}

EndpointInfo decode_endpoint(ByteReader& r) {
    EndpointInfo e;
    e.endpoint = r.u32();
    e.role = static_cast<EndpointRole>(r.u8());
    e.implementation = r.str();
    e.source_path = r.str();
    e.source_hash = r.str();
    e.options = r.str();
    e.format = r.stream_format();
    return e;
}

void encode_payload(ByteWriter& w, const EventRecord& e) {
    w.u64(e.last_call_seq);
    w.u32(e.endpoint);
    w.i64(e.virtual_time);
    w.u32(static_cast<std::uint32_t>(e.kind));
}

EventRecord decode_event(ByteReader& r) {
    EventRecord e;
    e.last_call_seq = r.u64();
    e.endpoint = r.u32();
    e.virtual_time = r.i64();
    e.kind = static_cast<EventKind>(r.u32());
    return e;
}

void encode_payload(ByteWriter& w, const MetadataRecord& m) {
    w.str(m.key);
    w.str(m.value);
}

MetadataRecord decode_metadata(ByteReader& r) {
    MetadataRecord m;
    m.key = r.str();
    m.value = r.str();
    return m;
}

void encode_payload(ByteWriter& w, const OutputDigestRecord& d) {
    w.u32(d.endpoint);
    w.u64(d.frames);
    w.u64(d.pcm.low64);
    w.u64(d.pcm.high64);
    w.u32(static_cast<std::uint32_t>(d.per_second.size()));
    for (const Hash128& h : d.per_second) {
        w.u64(h.low64);
        w.u64(h.high64);
    }
}

OutputDigestRecord decode_digest(ByteReader& r) {
    OutputDigestRecord d;
    d.endpoint = r.u32();
    d.frames = r.u64();
    d.pcm.low64 = r.u64();
    d.pcm.high64 = r.u64();
    std::uint32_t n = r.u32();
    if (static_cast<std::uint64_t>(n) * 16 > r.remaining()) {
        r.bytes(r.remaining() + 1);  // mark as short
        return d;
    }
    d.per_second.resize(n);
    for (Hash128& h : d.per_second) {
        h.low64 = r.u64();
        h.high64 = r.u64();
    }
    return d;
}

void encode_payload(ByteWriter& w, const GapRecord& g) {
    w.u32(g.thread);
    w.u64(g.first_seq);
    w.u64(g.count);
}

GapRecord decode_gap(ByteReader& r) {
    GapRecord g;
    g.thread = r.u32();
    g.first_seq = r.u64();
    g.count = r.u64();
    return g;
}

void encode_payload(ByteWriter& w, const EndRecord& e) {
    w.u64(e.call_count);
    w.u64(e.violation_count);
}

EndRecord decode_end(ByteReader& r) {
    EndRecord e;
    e.call_count = r.u64();
    e.violation_count = r.u64();
    return e;
}

}  // namespace

void encode_record(const Record& record, std::vector<std::uint8_t>& out) {
    std::size_t start = out.size();
    ByteWriter w(out);
    w.u32(0);  // payload size, patched below
    w.u16(static_cast<std::uint16_t>(record_type(record)));
    w.u16(0);  // record flags: none defined in 1.0
    std::visit([&w](const auto& r) { encode_payload(w, r); }, record);
    auto size = static_cast<std::uint32_t>(out.size() - start - kFrameHead);
    for (int i = 0; i < 4; ++i) out[start + i] = static_cast<std::uint8_t>(size >> (8 * i));
    w.u32(checksum32(out.data() + start, out.size() - start));
}

bool known_type(std::uint16_t type) noexcept {
    return type >= static_cast<std::uint16_t>(RecordType::kCall) &&
           type <= static_cast<std::uint16_t>(RecordType::kEnd);
}

bool decode_payload(RecordType type, const std::uint8_t* data, std::size_t size, Record* out,
                    std::string* why) {
    ByteReader r(data, size);
    switch (type) {
        case RecordType::kCall:
            *out = decode_call(r);
            break;
        case RecordType::kAudioPayload:
            *out = decode_audio(r);
            break;
        case RecordType::kViolation:
            *out = decode_violation(r);
            break;
        case RecordType::kEndpointInfo:
            *out = decode_endpoint(r);
            break;
        case RecordType::kEvent:
            *out = decode_event(r);
            break;
        case RecordType::kMetadata:
            *out = decode_metadata(r);
            break;
        case RecordType::kOutputDigest:
            *out = decode_digest(r);
            break;
        case RecordType::kGap:
            *out = decode_gap(r);
            break;
        case RecordType::kEnd:
            *out = decode_end(r);
            break;
        default:
            *why = "unknown record type";
            return false;
    }
    if (!r.ok()) *why = "payload too short for its type";
    return r.ok();
}

}  // namespace aetrace::format::detail
