#include "aetrace/abi/wave_format.h"

#include <cstdio>
#include <cstring>

namespace aetrace::abi {

bool is_supported(const StreamFormat& f, std::string* why) {
    auto fail = [&](const char* msg) {
        if (why) *why = msg;
        return false;
    };
    if (f.channels < 1 || f.channels > 8) return fail("channel count must be 1 to 8");
    if (f.sample_rate < 1 || f.sample_rate > 768000)
        return fail("sample rate must be 1 to 768000 Hz");
    if (f.sample_type == SampleType::kFloat && f.bits_per_sample != 32)
        return fail("float samples must be 32-bit");
    if (f.sample_type == SampleType::kInt && f.bits_per_sample != 16 && f.bits_per_sample != 24 &&
        f.bits_per_sample != 32)
        return fail("integer samples must be 16, 24 or 32-bit");
    return true;
}

std::uint32_t to_wave_format(const StreamFormat& f, WAVEFORMATEXTENSIBLE* out) noexcept {
    std::memset(out, 0, sizeof *out);
    const bool extensible = f.channels > 2 || f.bits_per_sample > 16;
    const bool is_float = f.sample_type == SampleType::kFloat;
    WAVEFORMATEX& w = out->Format;
    w.wFormatTag =
        extensible ? WAVE_FORMAT_EXTENSIBLE : (is_float ? WAVE_FORMAT_IEEE_FLOAT : WAVE_FORMAT_PCM);
    w.nChannels = f.channels;
    w.nSamplesPerSec = f.sample_rate;
    w.nBlockAlign = static_cast<std::uint16_t>(f.bytes_per_frame());
    w.nAvgBytesPerSec = f.sample_rate * f.bytes_per_frame();
    w.wBitsPerSample = f.bits_per_sample;
    if (!extensible) return sizeof(WAVEFORMATEX);
    w.cbSize = kWaveFormatExtensibleCbSize;
    out->wValidBitsPerSample = f.bits_per_sample;
    // Speaker masks of ksmedia.h: mono FC, stereo FL|FR, ... 7.1 (FL FR FC LFE BL BR SL SR).
    static constexpr std::uint32_t kMasks[9] = {0, 0x4, 0x3, 0x7, 0x33, 0x37, 0x3F, 0x13F, 0x63F};
    out->dwChannelMask = kMasks[f.channels <= 8 ? f.channels : 0];
    out->SubFormat = is_float ? KSDATAFORMAT_SUBTYPE_IEEE_FLOAT : KSDATAFORMAT_SUBTYPE_PCM;
    return sizeof(WAVEFORMATEXTENSIBLE);
}

std::optional<StreamFormat> from_wave_format(const WAVEFORMATEX* w, std::uint32_t bytes) noexcept {
    if (!w || bytes < sizeof(WAVEFORMATEX)) return std::nullopt;
    StreamFormat f;
    f.channels = w->nChannels;
    f.sample_rate = w->nSamplesPerSec;
    f.bits_per_sample = w->wBitsPerSample;
    if (w->wFormatTag == WAVE_FORMAT_PCM) {
        f.sample_type = SampleType::kInt;
    } else if (w->wFormatTag == WAVE_FORMAT_IEEE_FLOAT) {
        f.sample_type = SampleType::kFloat;
    } else if (w->wFormatTag == WAVE_FORMAT_EXTENSIBLE) {
        if (w->cbSize < kWaveFormatExtensibleCbSize || bytes < sizeof(WAVEFORMATEXTENSIBLE))
            return std::nullopt;
        WAVEFORMATEXTENSIBLE x;
        std::memcpy(&x, w, sizeof x);
        if (x.SubFormat == KSDATAFORMAT_SUBTYPE_PCM)
            f.sample_type = SampleType::kInt;
        else if (x.SubFormat == KSDATAFORMAT_SUBTYPE_IEEE_FLOAT)
            f.sample_type = SampleType::kFloat;
        else
            return std::nullopt;
    } else {
        return std::nullopt;
    }
    if (!is_supported(f)) return std::nullopt;
    if (w->nBlockAlign != f.bytes_per_frame()) return std::nullopt;
    return f;
}

std::string describe(const StreamFormat& f) {
    // snprintf rather than string concatenation: GCC 12 at -O3 reports a false -Wrestrict inside
    // std::string's operator+.
    char buf[64];
    std::snprintf(buf, sizeof buf, "%u Hz, %u ch, %c%u", static_cast<unsigned>(f.sample_rate),
                  static_cast<unsigned>(f.channels), f.sample_type == SampleType::kFloat ? 'f' : 's',
                  static_cast<unsigned>(f.bits_per_sample));
    return buf;
}

}  // namespace aetrace::abi
