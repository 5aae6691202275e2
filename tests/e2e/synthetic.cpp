#include "synthetic.h"

#include <cmath>
#include <cstring>
#include <fstream>

#include "aetrace/audio/pcm_buffer.h"
#include "aetrace/audio/wav_file.h"

namespace aetrace::test {
namespace {

std::uint64_t splitmix(std::uint64_t& s) {
    std::uint64_t z = (s += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

void put_sample(std::uint8_t* dst, const abi::StreamFormat& f, double v) {
    if (f.sample_type == abi::SampleType::kFloat) {
        const float x = static_cast<float>(v);
        std::memcpy(dst, &x, 4);
        return;
    }
    const double scale = std::ldexp(1.0, f.bits_per_sample - 1) - 1.0;
    const auto x = static_cast<std::int32_t>(std::lround(v * scale));
    for (unsigned b = 0; b < f.bytes_per_sample(); ++b)
        dst[b] = static_cast<std::uint8_t>(static_cast<std::uint32_t>(x) >> (8 * b));
}

}  // namespace

void write_synthetic_wav(const std::filesystem::path& path, const abi::StreamFormat& f,
                         double seconds, std::uint64_t seed) {
    audio::PcmBuffer pcm{f, {}};
    const auto frames = static_cast<std::uint64_t>(seconds * f.sample_rate);
    pcm.bytes.resize(frames * f.bytes_per_frame());
    std::uint64_t s = seed;
    double freq[8], phase[8];
    for (int c = 0; c < f.channels; ++c) {
        freq[c] = 110.0 + static_cast<double>(splitmix(s) % 900) + 37.0 * c;
        phase[c] = static_cast<double>(splitmix(s) % 1000) / 159.0;
    }
    for (std::uint64_t i = 0; i < frames; ++i) {
        for (int c = 0; c < f.channels; ++c) {
            const double t = static_cast<double>(i) / f.sample_rate;
            const double noise = (static_cast<double>(splitmix(s) % 2001) - 1000.0) / 1000.0;
            const double v =
                0.5 * std::sin(2 * 3.14159265358979 * freq[c] * t + phase[c]) + 0.01 * noise;
            put_sample(&pcm.bytes[(i * f.channels + c) * f.bytes_per_sample()], f, v);
        }
    }
    audio::write_wav(path, pcm);
}

std::filesystem::path write_scenario(const std::filesystem::path& dir, const std::string& name,
                                     const std::filesystem::path& wav, const std::string& engine,
                                     const std::string& extra) {
    const auto path = dir / (name + ".toml");
    std::ofstream out(path);
    out << "name = \"" << name << "\"\n"
        << "input = \"" << wav.generic_string() << "\"\n\n[engine]\n"
        << engine << "\n"
        << extra << "\n";
    return path;
}

}  // namespace aetrace::test
