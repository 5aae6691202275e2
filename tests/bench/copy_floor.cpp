#include "copy_floor.h"

#include <xxhash.h>

#include <cstring>

namespace aetrace::bench {
namespace {

constexpr std::size_t kAlign = 16;
constexpr std::size_t kLine = 64;

/// Entry layout: a 16-byte size word (only the first 8 bytes used), then the bytes.
struct EntryHeader {
    std::uint64_t size;  ///< whole entry, header included; 0: skip to the start of the memory
    std::uint64_t reserved;
};
static_assert(sizeof(EntryHeader) == kAlign);

}  // namespace

CopyFloor::CopyFloor(std::size_t ring_bytes, std::chrono::microseconds poll)
    : capacity_(ring_bytes / kAlign * kAlign), poll_(poll) {
    storage_.reset(new unsigned char[capacity_ + kLine]);
    const auto raw = reinterpret_cast<std::uintptr_t>(storage_.get());
    base_ = storage_.get() + ((kLine - raw % kLine) % kLine);
    std::memset(base_, 0, capacity_);
    consumer_ = std::thread([this] { consume(); });
}

CopyFloor::~CopyFloor() {
    stop_.store(true, std::memory_order_release);
    consumer_.join();
}

bool CopyFloor::push(const void* header, std::size_t header_bytes, const void* data,
                     std::size_t bytes) noexcept {
    const std::size_t size =
        (sizeof(EntryHeader) + header_bytes + bytes + kAlign - 1) / kAlign * kAlign;
    const std::uint64_t head = head_.load(std::memory_order_relaxed);
    std::size_t offset = head_offset_;
    const std::size_t pad = size > capacity_ - offset ? capacity_ - offset : 0;
    if (head + pad + size - cached_tail_ > capacity_) {
        cached_tail_ = tail_.load(std::memory_order_acquire);
        if (head + pad + size - cached_tail_ > capacity_) {
            ++refused_;
            return false;
        }
    }
    if (pad) {
        const EntryHeader skip{0, pad};
        std::memcpy(base_ + offset, &skip, sizeof skip);
        offset = 0;
    }
    const EntryHeader h{size, 0};
    unsigned char* p = base_ + offset;
    std::memcpy(p, &h, sizeof h);
    std::memcpy(p + sizeof h, header, header_bytes);
    std::memcpy(p + sizeof h + header_bytes, data, bytes);
    head_offset_ = offset + size == capacity_ ? 0 : offset + size;
    head_.store(head + pad + size, std::memory_order_release);
    ++pushed_;
    return true;
}

void CopyFloor::consume() noexcept {
    std::uint64_t digest = 0;
    for (;;) {
        const bool last = stop_.load(std::memory_order_acquire);
        const std::uint64_t head = head_.load(std::memory_order_acquire);
        std::uint64_t at = tail_.load(std::memory_order_relaxed);
        while (at < head) {
            std::size_t offset = static_cast<std::size_t>(at % capacity_);
            EntryHeader h;
            std::memcpy(&h, base_ + offset, sizeof h);
            if (h.size == 0) {  // skip entry: h.reserved bytes to the end of the memory
                at += h.reserved;
                continue;
            }
            digest ^= XXH3_64bits(base_ + offset + sizeof h, h.size - sizeof h);
            at += h.size;
        }
        tail_.store(at, std::memory_order_release);
        digest_.store(digest, std::memory_order_release);
        if (last) return;
        std::this_thread::sleep_for(poll_);
    }
}

}  // namespace aetrace::bench
