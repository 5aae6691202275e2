// FrameFifo: the engine model's preallocated ring of whole frames between capture and render.
// Internal to the engine layer.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <vector>

namespace aetrace::engine {

/// A ring buffer of frames of `bytes_per_frame` bytes. init() allocates once; push/pop/discard
/// never allocate (RT-safe). When full, push drops the oldest frames (an overrun) and says how
/// many.
class FrameFifo {
  public:
    /// Allocates room for `capacity_frames` frames (>= 1). Not RT-safe.
    void init(std::uint32_t bytes_per_frame, std::uint64_t capacity_frames) {
        bpf_ = bytes_per_frame;
        capacity_ = std::max<std::uint64_t>(capacity_frames, 1);
        data_.assign(static_cast<std::size_t>(capacity_ * bpf_), 0);
        head_ = size_ = 0;
    }

    std::uint64_t size() const noexcept { return size_; }
    std::uint64_t capacity() const noexcept { return capacity_; }

    /// Appends `frames` frames from `src` (or silence - zero bytes - when src is null). Returns the
    /// number of oldest frames dropped to make room.
    std::uint64_t push(const std::uint8_t* src, std::uint64_t frames) noexcept {
        std::uint64_t dropped = 0;
        if (frames > capacity_) {  // only the newest capacity_ frames can be kept
            const std::uint64_t skip = frames - capacity_;
            if (src) src += skip * bpf_;
            dropped += skip;
            frames = capacity_;
        }
        if (size_ + frames > capacity_) {
            const std::uint64_t over = size_ + frames - capacity_;
            discard(over);
            dropped += over;
        }
        std::uint64_t tail = (head_ + size_) % capacity_;
        std::uint64_t left = frames;
        while (left > 0) {
            const std::uint64_t chunk = std::min(left, capacity_ - tail);
            std::uint8_t* dst = data_.data() + tail * bpf_;
            if (src) {
                std::memcpy(dst, src, static_cast<std::size_t>(chunk * bpf_));
                src += chunk * bpf_;
            } else {
                std::memset(dst, 0, static_cast<std::size_t>(chunk * bpf_));
            }
            tail = (tail + chunk) % capacity_;
            left -= chunk;
        }
        size_ += frames;
        return dropped;
    }

    /// Moves the oldest `frames` frames (<= size()) to `dst`.
    void pop(std::uint8_t* dst, std::uint64_t frames) noexcept {
        frames = std::min(frames, size_);
        std::uint64_t left = frames;
        while (left > 0) {
            const std::uint64_t chunk = std::min(left, capacity_ - head_);
            std::memcpy(dst, data_.data() + head_ * bpf_, static_cast<std::size_t>(chunk * bpf_));
            dst += chunk * bpf_;
            head_ = (head_ + chunk) % capacity_;
            left -= chunk;
        }
        size_ -= frames;
    }

    /// Drops the oldest `frames` frames (at most size()).
    void discard(std::uint64_t frames) noexcept {
        frames = std::min(frames, size_);
        head_ = (head_ + frames) % capacity_;
        size_ -= frames;
    }

  private:
    std::vector<std::uint8_t> data_;
    std::uint32_t bpf_ = 1;
    std::uint64_t capacity_ = 1;
    std::uint64_t head_ = 0;
    std::uint64_t size_ = 0;
};

}  // namespace aetrace::engine
