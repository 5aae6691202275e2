#include "output_hash.h"

#include <bit>

namespace aetrace::replay::detail {

PlayedAudioHasher::PlayedAudioHasher(const abi::StreamFormat& format)
    : format_(format),
      block_(format.bytes_per_frame()),
      raw_is_canonical_(std::endian::native == std::endian::little &&
                        format.bits_per_sample == 32) {
    // CanonicalHasher validates the format (InputError) for both paths.
    canonical_ = std::make_unique<audio::CanonicalHasher>(format);
    if (raw_is_canonical_) canonical_.reset();
}

PlayedAudioHasher::~PlayedAudioHasher() = default;
PlayedAudioHasher::PlayedAudioHasher(PlayedAudioHasher&&) noexcept = default;
PlayedAudioHasher& PlayedAudioHasher::operator=(PlayedAudioHasher&&) noexcept = default;

void PlayedAudioHasher::hash_seconds(const std::uint8_t* data, std::uint64_t end_frame) {
    if (end_frame <= hashed_) return;
    const std::uint8_t* p = data + static_cast<std::size_t>(hashed_) * block_;
    if (!raw_is_canonical_) {
        canonical_->update(p, static_cast<std::size_t>(end_frame - hashed_) * block_);
        hashed_ = end_frame;
        return;
    }
    const std::uint64_t rate = format_.sample_rate;
    while (hashed_ < end_frame) {
        const std::uint64_t n = end_frame - hashed_ < rate ? end_frame - hashed_ : rate;
        per_second_.push_back(audio::xxh3_128(p, static_cast<std::size_t>(n) * block_));
        p += static_cast<std::size_t>(n) * block_;
        hashed_ += n;
    }
}

void PlayedAudioHasher::poll(abi::IAetraceEndpointInspect& inspect) {
    if (broken_) return;
    const std::uint8_t* data = nullptr;
    std::uint64_t frames = 0;
    if (abi::failed(inspect.GetRenderedAudio(&data, &frames)) || (!data && frames)) return;
    if (frames < seen_) {
        broken_ = true;
        return;
    }
    seen_ = frames;
    hash_seconds(data, frames - frames % format_.sample_rate);  // whole seconds only
}

OutputHashes PlayedAudioHasher::finish(const std::uint8_t* data, std::uint64_t frames) {
    if (broken_ || frames < hashed_) {
        PlayedAudioHasher fresh(format_);
        return fresh.finish(data, frames);
    }
    hash_seconds(data, frames);
    OutputHashes out;
    out.frames = frames;
    out.per_second = raw_is_canonical_ ? per_second_ : canonical_->per_second();
    return out;
}

}  // namespace aetrace::replay::detail
