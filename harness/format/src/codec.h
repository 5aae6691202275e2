// Private: little-endian field-by-field encoding of the header and record payloads.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "aetrace/format/records.h"

namespace aetrace::format::detail {

/// Appends little-endian fixed-width fields to a byte vector.
class ByteWriter {
  public:
    explicit ByteWriter(std::vector<std::uint8_t>& out) : out_(out) {}
    void u8(std::uint8_t v) { out_.push_back(v); }
    void u16(std::uint16_t v) { put(v, 2); }
    void u32(std::uint32_t v) { put(v, 4); }
    void u64(std::uint64_t v) { put(v, 8); }
    void i32(std::int32_t v) { u32(static_cast<std::uint32_t>(v)); }
    void i64(std::int64_t v) { u64(static_cast<std::uint64_t>(v)); }
    void f32(float v);
    void str(const std::string& s);  ///< u32 byte length, then the UTF-8 bytes
    void bytes(const std::uint8_t* data, std::size_t n) { out_.insert(out_.end(), data, data + n); }
    void wave_format(const abi::WAVEFORMATEXTENSIBLE& f);  ///< 40 bytes
    void stream_format(const abi::StreamFormat& f);        ///< 9 bytes

  private:
    void put(std::uint64_t v, int n) {
        for (int i = 0; i < n; ++i) out_.push_back(static_cast<std::uint8_t>(v >> (8 * i)));
    }
    std::vector<std::uint8_t>& out_;
};

/// Reads little-endian fields from a byte range; a read past the end sets !ok() and yields zeros.
class ByteReader {
  public:
    ByteReader(const std::uint8_t* data, std::size_t size) : p_(data), end_(data + size) {}
    bool ok() const { return ok_; }
    std::size_t remaining() const { return static_cast<std::size_t>(end_ - p_); }
    std::uint8_t u8() { return static_cast<std::uint8_t>(get(1)); }
    std::uint16_t u16() { return static_cast<std::uint16_t>(get(2)); }
    std::uint32_t u32() { return static_cast<std::uint32_t>(get(4)); }
    std::uint64_t u64() { return get(8); }
    std::int32_t i32() { return static_cast<std::int32_t>(u32()); }
    std::int64_t i64() { return static_cast<std::int64_t>(u64()); }
    float f32();
    std::string str();
    std::vector<std::uint8_t> bytes(std::size_t n);
    abi::WAVEFORMATEXTENSIBLE wave_format();
    abi::StreamFormat stream_format();

  private:
    std::uint64_t get(int n);
    const std::uint8_t* p_;
    const std::uint8_t* end_;
    bool ok_ = true;
};

/// Fixed part of the header before its variable fields: magic, major, minor, header size.
inline constexpr std::size_t kHeaderPrefix = 16;
/// Frame overhead: u32 size, u16 type, u16 flags before the payload; u32 checksum after.
inline constexpr std::size_t kFrameHead = 8;
inline constexpr std::size_t kFrameTail = 4;
/// Largest payload a reader accepts; anything bigger is damage.
inline constexpr std::uint32_t kMaxPayload = 256u << 20;
/// Largest header a reader accepts.
inline constexpr std::uint32_t kMaxHeader = 1u << 20;

/// The whole header, checksum included, as written.
std::vector<std::uint8_t> encode_header(const TraceHeader& header);
/// Parses the variable fields of a header (bytes after the 16-byte prefix, before the checksum).
/// Longer input (a newer minor) is accepted. False when too short.
bool decode_header_fields(const std::uint8_t* data, std::size_t size, TraceHeader* out);

/// Appends one framed record (size, type, flags, payload, checksum) for `record` to `out`.
void encode_record(const Record& record, std::vector<std::uint8_t>& out);
/// Decodes the payload of a record of type `type` (a row of AETRACE_RECORD_TYPES). Longer payloads
/// are accepted (fields appended by a newer minor are ignored). Returns false with `why` set when
/// the payload is too short/malformed.
bool decode_payload(RecordType type, const std::uint8_t* data, std::size_t size, Record* out,
                    std::string* why);
/// Low 32 bits of XXH3-64 over `n` bytes.
std::uint32_t checksum32(const std::uint8_t* data, std::size_t n) noexcept;

}  // namespace aetrace::format::detail
