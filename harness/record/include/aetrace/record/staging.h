// StagingBuffer: preallocated, fixed-capacity storage for records captured on the real-time thread,
// drained in order by a non-RT caller.
//
// Capture-side operations (stage_*) never allocate, lock, make a system call or do I/O: they copy
// into memory reserved by the constructor. When an entry or its payload does not fit, it is dropped
// and counted, and the next drain reports the loss as a gap (sequence numbers and count).
//
// Threading: one staging thread at a time and one draining thread, not concurrently with each
// other (the engine model stages during a pass and drains between passes). The per-thread lock-free
// rings of the real-time recorder replace this (issue #3).
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "aetrace/format/call_record.h"

namespace aetrace::record {

/// Receives drained records in capture order. Implemented over the trace writer by the caller.
class RecordSink {
  public:
    virtual ~RecordSink() = default;
    virtual void on_call(const format::CallRecord& call) = 0;
    /// `bytes` are the buffer's frames (endpoint format); valid only during the call.
    virtual void on_payload(std::uint64_t seq, std::uint32_t endpoint, std::uint32_t frames,
                            const std::uint8_t* bytes, std::uint32_t size) = 0;
    virtual void on_violation(const format::ViolationRecord& violation) = 0;
    /// `count` records of thread `thread` from sequence number `first_seq` on were lost.
    virtual void on_gap(std::uint32_t thread, std::uint64_t first_seq, std::uint64_t count) = 0;
};

class StagingBuffer {
  public:
    /// Reserves room for `max_entries` records and `payload_bytes` bytes of audio. Not RT.
    StagingBuffer(std::size_t max_entries, std::size_t payload_bytes);

    /// Stages a call and, when `bytes` is non-null, its audio payload (`size` bytes, `frames`
    /// frames). Returns false (and counts a drop) when either does not fit. RT-safe.
    bool stage_call(const format::CallRecord& call, const std::uint8_t* bytes, std::uint32_t size,
                    std::uint32_t frames) noexcept;
    /// Stages a violation. RT-safe.
    bool stage_violation(const format::ViolationRecord& violation) noexcept;

    /// Hands every staged record to `sink` in order, then empties the buffer. A run of dropped
    /// calls is reported with on_gap before the records that follow it. Not RT.
    void drain(RecordSink& sink);

    std::uint64_t dropped() const noexcept { return dropped_total_; }
    std::size_t staged() const noexcept { return count_; }

  private:
    enum class Kind : std::uint8_t { kCall, kViolation, kGap };
    struct Entry {
        Kind kind;
        std::uint32_t payload_size;
        std::uint32_t payload_frames;
        std::size_t payload_offset;
        format::CallRecord call;            // kCall; for kGap: seq = first lost, arg[0] = count
        format::ViolationRecord violation;  // kViolation
    };
    void note_drop(const format::CallRecord* call) noexcept;

    std::vector<Entry> entries_;
    std::vector<std::uint8_t> payload_;
    std::size_t count_ = 0;
    std::size_t payload_used_ = 0;
    // A gap being accumulated: calls dropped since the last staged record.
    std::uint64_t gap_first_ = 0, gap_count_ = 0;
    std::uint32_t gap_thread_ = 0;
    std::uint64_t dropped_total_ = 0;
};

}  // namespace aetrace::record
