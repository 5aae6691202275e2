#include "capture_ring.h"

#include <cstring>

namespace aetrace::record::detail {

void CaptureRing::allocate(std::size_t bytes) {
    capacity_ = bytes / kEntryAlign * kEntryAlign;
    if (capacity_ < 64) capacity_ = 64;
    memory_.reset(new unsigned char[capacity_]);
    std::memset(memory_.get(), 0, capacity_);  // touch every page now, not on the RT thread
}

bool CaptureRing::push(EntryKind kind, std::uint16_t flags, std::uint64_t position, const void* a,
                       std::size_t na, const void* b, std::size_t nb) noexcept {
    const std::size_t size = entry_size(na, nb);
    if (size > capacity_) return false;
    const std::uint64_t head = head_.load(std::memory_order_relaxed);
    std::size_t offset = static_cast<std::size_t>(head % capacity_);
    const std::size_t contiguous = capacity_ - offset;
    const std::size_t pad = size > contiguous ? contiguous : 0;
    const std::uint64_t need = pad + size;
    if (head + need - cached_tail_ > capacity_) {
        cached_tail_ = tail_.load(std::memory_order_acquire);
        if (head + need - cached_tail_ > capacity_) return false;
    }
    unsigned char* const base = memory_.get();
    if (pad) {
        const EntryHeader skip{static_cast<std::uint32_t>(pad), EntryKind::kSkip, 0, 0};
        std::memcpy(base + offset, &skip, sizeof skip);
        offset = 0;
    }
    const EntryHeader header{static_cast<std::uint32_t>(size), kind, flags, position};
    unsigned char* p = base + offset;
    std::memcpy(p, &header, sizeof header);
    p += sizeof header;
    if (na) std::memcpy(p, a, na);
    if (nb) std::memcpy(p + na, b, nb);
    head_.store(head + need, std::memory_order_release);
    return true;
}

const unsigned char* CaptureRing::entry_at(std::uint64_t at, EntryHeader* header,
                                           std::uint64_t* next) const noexcept {
    const unsigned char* base = memory_.get();
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
