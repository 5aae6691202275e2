// PacketRing: the audio store of the packet-ring endpoints (packet_ring_endpoint.h).
//
// Audio moves in fixed-size packets of frames_per_packet frames, like a Remote Desktop audio
// channel. The ring is an array of packet slots; each slot holds up to frames_per_packet frames and
// carries its own metadata: the valid-frame count (frames written into it so far), the count of
// leading frames that are source data (capture: frames of the WAV source; render: frames the engine
// released as BUFFER_VALID), and flags. The reader and the writer each keep a packet index (packets
// counted for the ring's life, slot = index % slots) and a frame offset inside that packet;
// nothing is counted in total frames. Queued frames are
//   (write_packet - read_packet) * frames_per_packet + write_offset - read_offset.
// The ring holds at most capacity() frames (the policy capacity passed to allocate()); it has
// capacity / frames_per_packet + 2 slots, enough for that many frames at any packet offset.
//
// Thread and real-time safety: allocate() allocates and is not RT; every other member is noexcept,
// RT-safe (no allocation, lock or system call) and must be used by one thread at a time.
#pragma once

#include <cstdint>
#include <memory>

namespace aetrace::endpoints {

class PacketRing {
  public:
    /// Packet flags.
    static constexpr std::uint8_t kSilentPacket = 1;  ///< every frame written so far was silence

    /// Slots for a ring of `capacity` frames of `frames_per_packet`-frame packets.
    static constexpr std::uint64_t slots_for(std::uint64_t capacity,
                                             std::uint32_t frames_per_packet) noexcept {
        return capacity / frames_per_packet + 2;
    }

    /// Allocates slots_for(capacity, frames_per_packet) zeroed slots and empties the ring.
    /// frames_per_packet > 0, bytes_per_frame > 0. Throws std::bad_alloc. Not RT.
    void allocate(std::uint32_t frames_per_packet, std::uint64_t capacity,
                  std::uint32_t bytes_per_frame);

    std::uint64_t capacity() const noexcept { return capacity_; }
    std::uint64_t slots() const noexcept { return slots_; }
    /// Frames queued (written and not yet consumed).
    std::uint64_t queued() const noexcept {
        return (write_packet_ - read_packet_) * fpp_ + write_offset_ - read_offset_;
    }
    /// Frames that can still be appended without exceeding capacity().
    std::uint64_t free_frames() const noexcept { return capacity_ - queued(); }

    /// Appends `frames` frames copied from `src` (zeros when src is null) after the last written
    /// frame; `source` says whether they are source data. The caller keeps queued() <= capacity()
    /// afterwards (append, then drop_oldest) and frames <= capacity().
    void append(const std::uint8_t* src, std::uint64_t frames, bool source) noexcept;
    /// Moves the writer `frames` frames on without storing anything and empties the ring (the
    /// skipped frames are lost). Used when more frames arrive at once than the ring can hold.
    void skip(std::uint64_t frames) noexcept;
    /// Copies the first `frames` queued frames (frames <= queued()) to dst, contiguously.
    void peek(std::uint64_t frames, std::uint8_t* dst) const noexcept;
    /// Consumes the first `frames` queued frames (at most queued()).
    void consume(std::uint64_t frames) noexcept;
    /// Discards every queued frame.
    void clear() noexcept;
    /// True when the first queued frame is source data (false when nothing is queued).
    bool head_is_source() const noexcept;
    /// True when the first queued frame is in a packet that so far holds only silence.
    bool head_packet_silent() const noexcept;
    /// Frames from the read head up to the end of the last slot (the ring wrap), >= 1.
    std::uint64_t frames_to_wrap() const noexcept {
        return (slots_ - read_packet_ % slots_) * fpp_ - read_offset_;
    }

  private:
    std::uint8_t* frame_at(std::uint64_t packet, std::uint64_t offset) const noexcept {
        return storage_.get() + ((packet % slots_) * fpp_ + offset) * bytes_per_frame_;
    }
    void open_packet(std::uint64_t slot, std::uint32_t offset) noexcept;

    std::uint32_t fpp_ = 0;
    std::uint32_t bytes_per_frame_ = 0;
    std::uint64_t capacity_ = 0;
    std::uint64_t slots_ = 0;
    std::unique_ptr<std::uint8_t[]> storage_;
    std::unique_ptr<std::uint32_t[]> valid_;   ///< per slot: frames written
    std::unique_ptr<std::uint32_t[]> source_;  ///< per slot: leading frames that are source data
    std::unique_ptr<std::uint8_t[]> flags_;    ///< per slot: kSilentPacket
    std::uint64_t read_packet_ = 0, write_packet_ = 0;
    std::uint32_t read_offset_ = 0, write_offset_ = 0;
};

}  // namespace aetrace::endpoints
