#include "capture_ring.h"

#include <cstring>

#include "prefetch.h"

namespace aetrace::record::detail {

void CaptureRing::allocate(std::size_t bytes, std::size_t warm_bytes) {
    capacity_ = bytes / kEntryAlign * kEntryAlign;
    if (capacity_ < 64) capacity_ = 64;
    warm_ = warm_bytes < capacity_ ? warm_bytes : 0;
    // Cache-line aligned, so that an entry's lines are its own.
    storage_.reset(new unsigned char[capacity_ + kLine]);
    const auto raw = reinterpret_cast<std::uintptr_t>(storage_.get());
    base_ = storage_.get() + ((kLine - raw % kLine) % kLine);
    std::memset(base_, 0, capacity_);  // touch every page now, not on the RT thread
}

unsigned char* CaptureRing::reserve_slow(EntryKind kind, std::uint16_t flags,
                                         std::uint64_t position, std::uint64_t head,
                                         std::size_t size) noexcept {
    if (size > capacity_) return nullptr;
    std::size_t offset = head_offset_;
    const std::size_t contiguous = capacity_ - offset;
    std::size_t pad = wrap_pad(size);
    if (pad == 0 && warm_ != 0 && offset >= warm_) {
        // Past the warm window: go back to the start if the consumer keeps up and is done with
        // the start. Look at the consumer's cache line at most every quarter window.
        if (head >= next_warm_check_) {
            cached_tail_ = tail_.load(std::memory_order_acquire);
            cached_keeping_up_ = keeping_up_.load(std::memory_order_relaxed);
            next_warm_check_ = head + warm_ / 4;
        }
        if (cached_keeping_up_ && fits_as_seen(head, contiguous + size)) pad = contiguous;
    }
    const std::uint64_t need = pad + size;
    if (!fits_as_seen(head, need)) {
        cached_tail_ = tail_.load(std::memory_order_acquire);
        if (!fits_as_seen(head, need)) return nullptr;
    }
    if (pad) {
        const EntryHeader skip{static_cast<std::uint32_t>(pad), EntryKind::kSkip, 0, 0};
        std::memcpy(base_ + offset, &skip, sizeof skip);
        offset = 0;
    }
    return place(kind, flags, position, head, offset, pad, size);
}

void CaptureRing::prefetch_next(std::size_t payload) noexcept {
    const std::size_t size = entry_size(payload, 0);
    if (size > capacity_) return;
    const std::uint64_t head = head_.load(std::memory_order_relaxed);
    // Placed as reserve() would place it now; the warm window may send it to offset 0 instead,
    // which the hint ignores (a wasted hint, no harm).
    const std::size_t pad = wrap_pad(size);
    const std::size_t offset = pad != 0 ? 0 : head_offset_;
    if (!fits_as_seen(head, pad + size)) return;
    const unsigned char* line = base_ + offset / kLine * kLine;
    for (const unsigned char* end = base_ + offset + size; line < end; line += kLine)
        prefetch_for_write(line);
}

bool CaptureRing::push(EntryKind kind, std::uint16_t flags, std::uint64_t position, const void* a,
                       std::size_t na, const void* b, std::size_t nb) noexcept {
    unsigned char* p = reserve(kind, flags, position, na + nb);
    if (!p) return false;
    if (na) std::memcpy(p, a, na);
    if (nb) std::memcpy(p + na, b, nb);
    commit();
    return true;
}

const unsigned char* CaptureRing::entry_at(std::uint64_t at, EntryHeader* header,
                                           std::uint64_t* next) const noexcept {
    const unsigned char* base = base_;
    std::size_t offset = static_cast<std::size_t>(at % capacity_);
    std::memcpy(header, base + offset, sizeof *header);
    if (header->kind == EntryKind::kSkip) {  // published together with the entry that follows
        at += header->size;
        offset = 0;
        std::memcpy(header, base, sizeof *header);
    }
    *next = at + header->size;
    return base + offset;
}

}  // namespace aetrace::record::detail
