#include "aetrace/audio/canonical.h"

#include <xxhash.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <new>
#include <stdexcept>
#include <string>

#include "aetrace/abi/error.h"
#include "sample_codec.h"

namespace aetrace::audio {
namespace {

struct StateDeleter {
    void operator()(XXH3_state_t* s) const noexcept { XXH3_freeState(s); }
};
using XxhState = std::unique_ptr<XXH3_state_t, StateDeleter>;

XxhState new_state() {
    XxhState s(XXH3_createState());
    if (!s) throw std::bad_alloc();
    XXH3_128bits_reset(s.get());
    return s;
}

Hash128 to_hash(XXH128_hash_t h) noexcept {
    return Hash128{h.high64, h.low64};
}

int hex_value(char c) noexcept {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

}  // namespace

std::string Hash128::hex() const {
    static constexpr char kDigits[] = "0123456789abcdef";
    std::string s(32, '0');
    for (int i = 0; i < 16; ++i) {
        s[static_cast<std::size_t>(15 - i)] = kDigits[(high >> (4 * i)) & 0xf];
        s[static_cast<std::size_t>(31 - i)] = kDigits[(low >> (4 * i)) & 0xf];
    }
    return s;
}

std::optional<Hash128> Hash128::parse(std::string_view text) noexcept {
    if (text.size() != 32) return std::nullopt;
    Hash128 h;
    for (std::size_t i = 0; i < 32; ++i) {
        const int v = hex_value(text[i]);
        if (v < 0) return std::nullopt;
        std::uint64_t& part = i < 16 ? h.high : h.low;
        part = (part << 4) | static_cast<std::uint64_t>(v);
    }
    return h;
}

Hash128 xxh3_128(const void* data, std::size_t bytes) noexcept {
    return to_hash(XXH3_128bits(bytes ? data : nullptr, bytes));
}

struct CanonicalHasher::State {
    abi::StreamFormat format;
    XxhState total = new_state();
    XxhState second = new_state();
    std::uint64_t frames = 0;
    std::uint64_t frames_in_second = 0;
    std::vector<Hash128> seconds;  // complete seconds only
};

CanonicalHasher::CanonicalHasher(const abi::StreamFormat& format) {
    std::string why;
    if (!abi::is_supported(format, &why))
        throw InputError("canonical hash: unsupported format (" + why + ")");
    state_ = std::make_unique<State>();
    state_->format = format;
}

CanonicalHasher::~CanonicalHasher() = default;
CanonicalHasher::CanonicalHasher(CanonicalHasher&&) noexcept = default;
CanonicalHasher& CanonicalHasher::operator=(CanonicalHasher&&) noexcept = default;

void CanonicalHasher::reserve(std::uint64_t frames) {
    const std::uint64_t rate = state_->format.sample_rate;
    state_->seconds.reserve(static_cast<std::size_t>((frames + rate - 1) / rate));
}

void CanonicalHasher::update(const std::uint8_t* data, std::size_t bytes) {
    State& s = *state_;
    const std::size_t frame_bytes = s.format.bytes_per_frame();
    if (bytes % frame_bytes != 0)
        throw std::invalid_argument("CanonicalHasher::update: " + std::to_string(bytes) +
                                    " bytes is not a whole number of " +
                                    std::to_string(frame_bytes) + "-byte frames");
    const std::size_t sample_bytes = s.format.bytes_per_sample();
    const std::uint16_t bits = s.format.bits_per_sample;
    const std::uint16_t channels = s.format.channels;
    // Canonical words for up to kChunk frames (8 channels max), staged on the stack.
    constexpr std::size_t kChunkFrames = 256;
    std::array<std::uint8_t, kChunkFrames * 8 * 4> staged;
    std::uint64_t remaining = bytes / frame_bytes;
    while (remaining > 0) {
        const std::uint64_t to_boundary = s.format.sample_rate - s.frames_in_second;
        const std::size_t n = static_cast<std::size_t>(
            std::min<std::uint64_t>({remaining, to_boundary, kChunkFrames}));
        std::uint8_t* out = staged.data();
        for (std::size_t i = 0; i < n * channels; ++i, data += sample_bytes, out += 4) {
            const std::uint32_t w = detail::load_canonical(data, bits);
            out[0] = static_cast<std::uint8_t>(w);
            out[1] = static_cast<std::uint8_t>(w >> 8);
            out[2] = static_cast<std::uint8_t>(w >> 16);
            out[3] = static_cast<std::uint8_t>(w >> 24);
        }
        const std::size_t staged_bytes = n * channels * 4u;
        XXH3_128bits_update(s.total.get(), staged.data(), staged_bytes);
        XXH3_128bits_update(s.second.get(), staged.data(), staged_bytes);
        s.frames += n;
        s.frames_in_second += n;
        remaining -= n;
        if (s.frames_in_second == s.format.sample_rate) {
            s.seconds.push_back(to_hash(XXH3_128bits_digest(s.second.get())));
            XXH3_128bits_reset(s.second.get());
            s.frames_in_second = 0;
        }
    }
}

const abi::StreamFormat& CanonicalHasher::format() const noexcept {
    return state_->format;
}

std::uint64_t CanonicalHasher::frames() const noexcept {
    return state_->frames;
}

Hash128 CanonicalHasher::pcm_hash() const noexcept {
    return to_hash(XXH3_128bits_digest(state_->total.get()));
}

std::vector<Hash128> CanonicalHasher::per_second() const {
    std::vector<Hash128> out = state_->seconds;
    if (state_->frames_in_second > 0)
        out.push_back(to_hash(XXH3_128bits_digest(state_->second.get())));
    return out;
}

AudioDigest digest(const PcmBuffer& pcm) {
    CanonicalHasher hasher(pcm.format);
    const std::uint64_t frames = pcm.frames();
    hasher.reserve(frames);
    hasher.update(pcm.bytes.data(),
                  static_cast<std::size_t>(frames) * pcm.format.bytes_per_frame());

    AudioDigest d;
    d.format = pcm.format;
    d.frames = frames;
    d.pcm = hasher.pcm_hash();
    d.per_second = hasher.per_second();
    const std::uint64_t samples = frames * pcm.format.channels;
    const std::size_t size = pcm.format.bytes_per_sample();
    double sum_sq = 0.0;
    const std::uint8_t* p = pcm.bytes.data();
    for (std::uint64_t i = 0; i < samples; ++i, p += size) {
        const double x = detail::load_normalized(p, pcm.format);
        if (std::fabs(x) > d.peak) d.peak = std::fabs(x);
        sum_sq += x * x;
    }
    d.rms = samples ? std::sqrt(sum_sq / static_cast<double>(samples)) : 0.0;
    return d;
}

}  // namespace aetrace::audio
