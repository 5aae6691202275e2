#include "aetrace/audio/convert.h"

#include <cmath>
#include <string>

#include "aetrace/abi/error.h"
#include "sample_codec.h"

namespace aetrace::audio {
namespace {

/// Rounds `x` (already scaled to integer units of a `bits`-bit sample) to nearest, clamps to the
/// `bits`-bit range and returns the left-justified 32-bit word.
std::uint32_t quantize(double x, std::uint16_t bits) {
    const double full = std::ldexp(1.0, bits - 1);
    double v = std::isnan(x) ? 0.0 : std::round(x);
    if (v < -full) v = -full;
    if (v > full - 1.0) v = full - 1.0;
    const auto i = static_cast<std::int64_t>(v);
    return detail::as_unsigned(static_cast<std::int32_t>(i * (std::int64_t{1} << (32 - bits))));
}

}  // namespace

PcmBuffer convert_samples(const PcmBuffer& pcm, abi::SampleType sample_type, std::uint16_t bits) {
    std::string why;
    if (!abi::is_supported(pcm.format, &why))
        throw InputError("convert_samples: unsupported source format (" + why + ")");
    PcmBuffer out;
    out.format = pcm.format;
    out.format.sample_type = sample_type;
    out.format.bits_per_sample = bits;
    if (!abi::is_supported(out.format, &why))
        throw InputError("convert_samples: unsupported target format (" + why + ")");

    const abi::StreamFormat& from = pcm.format;
    const std::uint64_t samples = pcm.frames() * from.channels;
    const std::size_t in_size = from.bytes_per_sample();
    const std::size_t out_size = out.format.bytes_per_sample();
    out.bytes.resize(static_cast<std::size_t>(samples) * out_size);
    const bool from_float = from.sample_type == abi::SampleType::kFloat;
    const bool to_float = sample_type == abi::SampleType::kFloat;
    const double full_to = std::ldexp(1.0, bits - 1);

    const std::uint8_t* in = pcm.bytes.data();
    std::uint8_t* dst = out.bytes.data();
    for (std::uint64_t i = 0; i < samples; ++i, in += in_size, dst += out_size) {
        const std::uint32_t w = detail::load_canonical(in, from.bits_per_sample);
        std::uint32_t result;
        if (from_float && to_float) {
            result = w;
        } else if (from_float) {
            result = quantize(static_cast<double>(detail::as_float(w)) * full_to, bits);
        } else if (to_float) {
            // The left-justified word / 2^31 equals v / 2^(bits-1) exactly in double.
            const double x = static_cast<double>(detail::as_signed(w)) / 2147483648.0;
            result = detail::float_bits(static_cast<float>(x));
        } else if (bits >= from.bits_per_sample) {
            result = w;  // left-justified: widening keeps the word, the new low bits are zero
        } else {
            // Narrowing: the value in target units is word / 2^(32-bits), exact in double.
            const double x = std::ldexp(static_cast<double>(detail::as_signed(w)), bits - 32);
            result = quantize(x, bits);
        }
        detail::store_canonical(dst, bits, result);
    }
    return out;
}

std::vector<float> to_float(const PcmBuffer& pcm) {
    const abi::StreamFormat& f = pcm.format;
    std::string why;
    if (!abi::is_supported(f, &why)) throw InputError("to_float: unsupported format (" + why + ")");
    const std::uint64_t samples = pcm.frames() * f.channels;
    std::vector<float> out(static_cast<std::size_t>(samples));
    const std::size_t size = f.bytes_per_sample();
    const std::uint8_t* in = pcm.bytes.data();
    for (std::size_t i = 0; i < out.size(); ++i, in += size)
        out[i] = static_cast<float>(detail::load_normalized(in, f));
    return out;
}

}  // namespace aetrace::audio
