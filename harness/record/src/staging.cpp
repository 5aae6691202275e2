#include "aetrace/record/staging.h"

#include <cstring>

namespace aetrace::record {

StagingBuffer::StagingBuffer(std::size_t max_entries, std::size_t payload_bytes)
    : entries_(max_entries + 1), payload_(payload_bytes) {}  // +1: room for a pending gap entry

void StagingBuffer::note_drop(const format::CallRecord* call) noexcept {
    ++dropped_total_;
    if (!call) return;
    if (gap_count_ == 0) {
        gap_first_ = call->seq;
        gap_thread_ = call->thread;
    }
    ++gap_count_;
}

bool StagingBuffer::stage_call(const format::CallRecord& call, const std::uint8_t* bytes,
                               std::uint32_t size, std::uint32_t frames) noexcept {
    const std::size_t needed_entries = (gap_count_ ? 2 : 1);
    const std::size_t payload_needed = bytes ? size : 0;
    if (count_ + needed_entries > entries_.size() - 1 ||
        payload_used_ + payload_needed > payload_.size()) {
        note_drop(&call);
        return false;
    }
    if (gap_count_) {
        Entry& g = entries_[count_++];
        g.kind = Kind::kGap;
        g.call = format::CallRecord{};
        g.call.thread = gap_thread_;
        g.call.seq = gap_first_;
        g.call.arg[0] = gap_count_;
        gap_count_ = 0;
    }
    Entry& e = entries_[count_++];
    e.kind = Kind::kCall;
    e.call = call;
    e.payload_size = 0;
    e.payload_frames = frames;
    e.payload_offset = payload_used_;
    if (bytes) {
        std::memcpy(payload_.data() + payload_used_, bytes, size);
        payload_used_ += size;
        e.payload_size = size;
    }
    return true;
}

bool StagingBuffer::stage_violation(const format::ViolationRecord& violation) noexcept {
    if (count_ + 1 > entries_.size() - 1) {
        note_drop(nullptr);
        return false;
    }
    Entry& e = entries_[count_++];
    e.kind = Kind::kViolation;
    e.violation = violation;
    return true;
}

void StagingBuffer::drain(RecordSink& sink) {
    for (std::size_t i = 0; i < count_; ++i) {
        const Entry& e = entries_[i];
        switch (e.kind) {
            case Kind::kCall:
                sink.on_call(e.call);
                if (e.call.flags & format::kPayloadStored)
                    sink.on_payload(e.call.seq, e.call.endpoint, e.payload_frames,
                                    payload_.data() + e.payload_offset, e.payload_size);
                break;
            case Kind::kViolation:
                sink.on_violation(e.violation);
                break;
            case Kind::kGap:
                sink.on_gap(e.call.thread, e.call.seq, e.call.arg[0]);
                break;
        }
    }
    if (gap_count_) {  // calls dropped after the last staged record
        sink.on_gap(gap_thread_, gap_first_, gap_count_);
        gap_count_ = 0;
    }
    count_ = 0;
    payload_used_ = 0;
}

}  // namespace aetrace::record
