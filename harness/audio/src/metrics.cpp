#include "aetrace/audio/metrics.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <string>

#include "aetrace/abi/error.h"
#include "sample_codec.h"

namespace aetrace::audio {

namespace {

/// A float's bit pattern mapped to an integer that orders like the float values (-0 just below +0).
std::int64_t ordered_float(std::uint32_t bits) noexcept {
    return (bits & 0x80000000u) ? -static_cast<std::int64_t>(bits & 0x7fffffffu) - 1
                                : static_cast<std::int64_t>(bits);
}

/// The ULP / LSB distance between two samples of the same encoding (see AudioComparison).
std::uint64_t ulp_distance(const std::uint8_t* pa, const std::uint8_t* pb,
                           const abi::StreamFormat& f) noexcept {
    const std::uint32_t wa = detail::load_canonical(pa, f.bits_per_sample);
    const std::uint32_t wb = detail::load_canonical(pb, f.bits_per_sample);
    if (wa == wb) return 0;
    if (f.sample_type == abi::SampleType::kFloat) {
        if (std::isnan(detail::as_float(wa)) || std::isnan(detail::as_float(wb)))
            return std::numeric_limits<std::uint32_t>::max();
        const std::int64_t d = ordered_float(wa) - ordered_float(wb);
        return static_cast<std::uint64_t>(d < 0 ? -d : d);
    }
    const unsigned shift = 32u - f.bits_per_sample;
    const std::int64_t d = static_cast<std::int64_t>(detail::as_signed(wa) >> shift) -
                           static_cast<std::int64_t>(detail::as_signed(wb) >> shift);
    return static_cast<std::uint64_t>(d < 0 ? -d : d);
}

}  // namespace

AudioComparison compare_audio(const PcmBuffer& expected, const PcmBuffer& actual) {
    const abi::StreamFormat& fa = expected.format;
    const abi::StreamFormat& fb = actual.format;
    std::string why;
    if (!abi::is_supported(fa, &why))
        throw InputError("compare_audio: unsupported expected format (" + why + ")");
    if (!abi::is_supported(fb, &why))
        throw InputError("compare_audio: unsupported actual format (" + why + ")");
    if (fa.channels != fb.channels || fa.sample_rate != fb.sample_rate)
        throw InputError("compare_audio: formats differ in channels or rate (" + abi::describe(fa) +
                         " vs " + abi::describe(fb) + ")");

    AudioComparison r;
    r.frames_a = expected.frames();
    r.frames_b = actual.frames();
    const std::uint64_t longer = std::max(r.frames_a, r.frames_b);
    const std::uint16_t channels = fa.channels;
    const std::size_t size_a = fa.bytes_per_sample();
    const std::size_t size_b = fb.bytes_per_sample();
    const bool same_encoding =
        fa.sample_type == fb.sample_type && fa.bits_per_sample == fb.bits_per_sample;
    double ref_energy = 0.0;
    double diff_energy = 0.0;
    std::uint64_t last_second = std::numeric_limits<std::uint64_t>::max();

    for (std::uint64_t frame = 0; frame < longer; ++frame) {
        const bool in_a = frame < r.frames_a;
        const bool in_b = frame < r.frames_b;
        bool frame_differs = false;
        for (std::uint16_t ch = 0; ch < channels; ++ch) {
            const std::uint64_t index = frame * channels + ch;
            const std::uint8_t* pa = in_a ? expected.bytes.data() + index * size_a : nullptr;
            const std::uint8_t* pb = in_b ? actual.bytes.data() + index * size_b : nullptr;
            const double a = pa ? detail::load_normalized(pa, fa) : 0.0;
            const double b = pb ? detail::load_normalized(pb, fb) : 0.0;
            bool differs;
            if (!pa || !pb)
                differs = true;
            else if (same_encoding) {
                differs = std::memcmp(pa, pb, size_a) != 0;
                if (differs) r.max_ulp_diff = std::max(r.max_ulp_diff, ulp_distance(pa, pb, fa));
            } else
                differs = !(a == b);
            double d = std::fabs(a - b);
            if (std::isnan(d)) d = differs ? std::numeric_limits<double>::infinity() : 0.0;
            ref_energy += a * a;
            diff_energy += d * d;
            r.max_abs_diff = std::max(r.max_abs_diff, d);
            if (differs && r.identical) {
                r.identical = false;
                r.first_diff_frame = frame;
                r.first_diff_channel = (pa && pb) ? ch : 0;
            }
            frame_differs = frame_differs || differs;
        }
        if (frame_differs) {
            const std::uint64_t second = frame / fa.sample_rate;
            if (second != last_second) r.differing_seconds.push_back(second);
            last_second = second;
        }
    }
    if (diff_energy == 0.0)
        r.snr_db = std::numeric_limits<double>::infinity();
    else
        r.snr_db = 10.0 * std::log10(ref_energy / diff_energy);
    return r;
}

}  // namespace aetrace::audio
