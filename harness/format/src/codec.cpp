#include "codec.h"

#include <cstring>
#include <type_traits>

#include "aetrace/format/hash.h"
#include "record_fields.h"

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

CallRecord decode(ByteReader& r, std::type_identity<CallRecord>) {
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

// Field handlers of the field-listed record types (record_fields.h), one per C++ field type.

template <typename T>
requires std::is_integral_v<T> || std::is_enum_v<T>
void put(ByteWriter& w, T v) {
    if constexpr (sizeof(T) == 1)
        w.u8(static_cast<std::uint8_t>(v));
    else if constexpr (sizeof(T) == 2)
        w.u16(static_cast<std::uint16_t>(v));
    else if constexpr (sizeof(T) == 4)
        w.u32(static_cast<std::uint32_t>(v));
    else
        w.u64(static_cast<std::uint64_t>(v));
}

template <typename T>
requires std::is_integral_v<T> || std::is_enum_v<T>
void get(ByteReader& r, T& v) {
    if constexpr (sizeof(T) == 1)
        v = static_cast<T>(r.u8());
    else if constexpr (sizeof(T) == 2)
        v = static_cast<T>(r.u16());
    else if constexpr (sizeof(T) == 4)
        v = static_cast<T>(r.u32());
    else
        v = static_cast<T>(r.u64());
}

void put(ByteWriter& w, const std::string& s) {
    w.str(s);
}
void get(ByteReader& r, std::string& s) {
    s = r.str();
}

void put(ByteWriter& w, const std::vector<std::uint8_t>& bytes) {
    w.u32(static_cast<std::uint32_t>(bytes.size()));
    w.bytes(bytes.data(), bytes.size());
}
void get(ByteReader& r, std::vector<std::uint8_t>& bytes) {
    bytes = r.bytes(r.u32());
}

void put(ByteWriter& w, const Hash128& h) {
    w.u64(h.low64);
    w.u64(h.high64);
}
void get(ByteReader& r, Hash128& h) {
    h.low64 = r.u64();
    h.high64 = r.u64();
}

void put(ByteWriter& w, const std::vector<Hash128>& hashes) {
    w.u32(static_cast<std::uint32_t>(hashes.size()));
    for (const Hash128& h : hashes) put(w, h);
}
void get(ByteReader& r, std::vector<Hash128>& hashes) {
    std::uint32_t n = r.u32();
    if (static_cast<std::uint64_t>(n) * 16 > r.remaining()) {
        r.bytes(r.remaining() + 1);  // mark as short
        return;
    }
    hashes.resize(n);
    for (Hash128& h : hashes) get(r, h);
}

void put(ByteWriter& w, const abi::StreamFormat& f) {
    w.stream_format(f);
}
void get(ByteReader& r, abi::StreamFormat& f) {
    f = r.stream_format();
}

template <FieldListed T>
void encode_payload(ByteWriter& w, const T& record) {
    for_each_field<T>([&](const auto& f) { put(w, record.*f.member); });
}

template <FieldListed T>
T decode(ByteReader& r, std::type_identity<T>) {
    T record;
    for_each_field<T>([&](const auto& f) { get(r, record.*f.member); });
    return record;
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

bool decode_payload(RecordType type, const std::uint8_t* data, std::size_t size, Record* out,
                    std::string* why) {
    ByteReader r(data, size);
    // Every row needs a decode(ByteReader&, std::type_identity<Struct>) (a field list or a
    // hand-written one) or this does not compile.
    bool known = visit_record_type(type, [&](auto tag) { *out = decode(r, tag); });
    if (!known) {
        *why = "unknown record type";
        return false;
    }
    if (!r.ok()) *why = "payload too short for its type";
    return r.ok();
}

}  // namespace aetrace::format::detail
