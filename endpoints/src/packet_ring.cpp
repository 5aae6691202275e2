#include "aetrace/endpoints/packet_ring.h"

#include <algorithm>
#include <cstring>

namespace aetrace::endpoints {

void PacketRing::allocate(std::uint32_t frames_per_packet, std::uint64_t capacity,
                          std::uint32_t bytes_per_frame) {
    const std::uint64_t slots = slots_for(capacity, frames_per_packet);
    storage_.reset(new std::uint8_t[slots * frames_per_packet * bytes_per_frame]());
    valid_.reset(new std::uint32_t[slots]());
    source_.reset(new std::uint32_t[slots]());
    flags_.reset(new std::uint8_t[slots]());
    fpp_ = frames_per_packet;
    bytes_per_frame_ = bytes_per_frame;
    capacity_ = capacity;
    slots_ = slots;
    read_packet_ = write_packet_ = 0;
    read_offset_ = write_offset_ = 0;
}

void PacketRing::open_packet(std::uint64_t slot, std::uint32_t offset) noexcept {
    // Frames before `offset` were skipped: they are never read, so they count as written and, as
    // far as head_is_source() can tell, as whatever follows them.
    valid_[slot] = offset;
    source_[slot] = offset;
    flags_[slot] = kSilentPacket;
}

void PacketRing::append(const std::uint8_t* src, std::uint64_t frames, bool source) noexcept {
    while (frames > 0) {
        const std::uint64_t slot = write_packet_ % slots_;
        if (write_offset_ == 0) open_packet(slot, 0);
        const std::uint32_t n =
            static_cast<std::uint32_t>(std::min<std::uint64_t>(frames, fpp_ - write_offset_));
        std::uint8_t* dst = frame_at(write_packet_, write_offset_);
        const std::size_t bytes = static_cast<std::size_t>(n) * bytes_per_frame_;
        if (src) {
            std::memcpy(dst, src, bytes);
            src += bytes;
            flags_[slot] &= static_cast<std::uint8_t>(~kSilentPacket);
        } else {
            std::memset(dst, 0, bytes);
        }
        write_offset_ += n;
        valid_[slot] = write_offset_;
        if (source) source_[slot] = write_offset_;
        if (write_offset_ == fpp_) {
            ++write_packet_;
            write_offset_ = 0;
        }
        frames -= n;
    }
}

void PacketRing::skip(std::uint64_t frames) noexcept {
    const std::uint64_t offset = write_offset_ + frames;
    write_packet_ += offset / fpp_;
    write_offset_ = static_cast<std::uint32_t>(offset % fpp_);
    if (write_offset_ > 0) open_packet(write_packet_ % slots_, write_offset_);
    clear();
}

void PacketRing::peek(std::uint64_t frames, std::uint8_t* dst) const noexcept {
    std::uint64_t packet = read_packet_;
    std::uint32_t offset = read_offset_;
    while (frames > 0) {
        const std::uint32_t avail = valid_[packet % slots_] - offset;
        const std::uint32_t n = static_cast<std::uint32_t>(std::min<std::uint64_t>(frames, avail));
        const std::size_t bytes = static_cast<std::size_t>(n) * bytes_per_frame_;
        std::memcpy(dst, frame_at(packet, offset), bytes);
        dst += bytes;
        frames -= n;
        offset += n;
        if (offset == fpp_) {
            ++packet;
            offset = 0;
        } else if (n == 0) {
            break;  // not reached when frames <= queued()
        }
    }
}

void PacketRing::consume(std::uint64_t frames) noexcept {
    frames = std::min(frames, queued());
    const std::uint64_t offset = read_offset_ + frames;
    read_packet_ += offset / fpp_;
    read_offset_ = static_cast<std::uint32_t>(offset % fpp_);
}

void PacketRing::clear() noexcept {
    read_packet_ = write_packet_;
    read_offset_ = write_offset_;
}

bool PacketRing::head_is_source() const noexcept {
    return queued() > 0 && read_offset_ < source_[read_packet_ % slots_];
}

bool PacketRing::head_packet_silent() const noexcept {
    return (flags_[read_packet_ % slots_] & kSilentPacket) != 0;
}

}  // namespace aetrace::endpoints
