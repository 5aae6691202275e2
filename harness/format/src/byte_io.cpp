// Little-endian field readers/writers and the record checksum (declared in codec.h).
#include <cstring>

#include "aetrace/format/hash.h"
#include "codec.h"

namespace aetrace::format::detail {

void ByteWriter::f32(float v) {
    std::uint32_t bits;
    std::memcpy(&bits, &v, 4);
    u32(bits);
}

void ByteWriter::str(const std::string& s) {
    u32(static_cast<std::uint32_t>(s.size()));
    bytes(reinterpret_cast<const std::uint8_t*>(s.data()), s.size());
}

void ByteWriter::wave_format(const abi::WAVEFORMATEXTENSIBLE& f) {
    u16(f.Format.wFormatTag);
    u16(f.Format.nChannels);
    u32(f.Format.nSamplesPerSec);
    u32(f.Format.nAvgBytesPerSec);
    u16(f.Format.nBlockAlign);
    u16(f.Format.wBitsPerSample);
    u16(f.Format.cbSize);
    u16(f.wValidBitsPerSample);
    u32(f.dwChannelMask);
    u32(f.SubFormat.Data1);
    u16(f.SubFormat.Data2);
    u16(f.SubFormat.Data3);
    bytes(f.SubFormat.Data4, 8);
}

void ByteWriter::stream_format(const abi::StreamFormat& f) {
    u8(static_cast<std::uint8_t>(f.sample_type));
    u16(f.bits_per_sample);
    u16(f.channels);
    u32(f.sample_rate);
}

std::uint64_t ByteReader::get(int n) {
    if (!ok_ || remaining() < static_cast<std::size_t>(n)) {
        ok_ = false;
        p_ = end_;
        return 0;
    }
    std::uint64_t v = 0;
    for (int i = 0; i < n; ++i) v |= static_cast<std::uint64_t>(p_[i]) << (8 * i);
    p_ += n;
    return v;
}

float ByteReader::f32() {
    std::uint32_t bits = u32();
    float v;
    std::memcpy(&v, &bits, 4);
    return v;
}

std::vector<std::uint8_t> ByteReader::bytes(std::size_t n) {
    if (!ok_ || remaining() < n) {
        ok_ = false;
        p_ = end_;
        return {};
    }
    std::vector<std::uint8_t> v(p_, p_ + n);
    p_ += n;
    return v;
}

std::string ByteReader::str() {
    std::uint32_t n = u32();
    std::vector<std::uint8_t> b = bytes(n);
    return std::string(b.begin(), b.end());
}

abi::WAVEFORMATEXTENSIBLE ByteReader::wave_format() {
    abi::WAVEFORMATEXTENSIBLE f{};
    f.Format.wFormatTag = u16();
    f.Format.nChannels = u16();
    f.Format.nSamplesPerSec = u32();
    f.Format.nAvgBytesPerSec = u32();
    f.Format.nBlockAlign = u16();
    f.Format.wBitsPerSample = u16();
    f.Format.cbSize = u16();
    f.wValidBitsPerSample = u16();
    f.dwChannelMask = u32();
    f.SubFormat.Data1 = u32();
    f.SubFormat.Data2 = u16();
    f.SubFormat.Data3 = u16();
    for (std::uint8_t& b : f.SubFormat.Data4) b = u8();
    return f;
}

abi::StreamFormat ByteReader::stream_format() {
    abi::StreamFormat f;
    f.sample_type = static_cast<abi::SampleType>(u8());
    f.bits_per_sample = u16();
    f.channels = u16();
    f.sample_rate = u32();
    return f;
}

std::uint32_t checksum32(const std::uint8_t* data, std::size_t n) noexcept {
    return static_cast<std::uint32_t>(xxh3_64(data, n));
}

}  // namespace aetrace::format::detail
