// CopyFloor: the least a recorder that copies audio into a ring can cost, measured next to the
// recorder in the same run (docs/PERFORMANCE.md, "Data calls and the copy floor").
//
// Issue 3 asks the capture path to copy a data call's buffer into a preallocated ring that a
// writer thread drains. CopyFloor does only that: push() copies a record-sized header and the
// payload into a byte ring of the recorder's default size and publishes it with one release
// store; a consumer thread wakes every `poll` (the writer's idle poll), XXH3-hashes every entry
// (as the writer does in hash-only mode) and releases the memory. No sequence number, timestamp,
// thread lookup, drop accounting or gap records: the recorder's added cost minus this floor is
// what its bookkeeping costs on top of the copy.
#pragma once

#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <thread>

namespace aetrace::bench {

class CopyFloor {
  public:
    /// `ring_bytes`: ring size (the recorder's default, 4 MiB); `poll`: consumer wake interval.
    /// Allocates and touches the ring, starts the consumer thread. Not RT.
    CopyFloor(std::size_t ring_bytes, std::chrono::microseconds poll);
    /// Stops and joins the consumer (after it drained everything).
    ~CopyFloor();
    CopyFloor(const CopyFloor&) = delete;
    CopyFloor& operator=(const CopyFloor&) = delete;

    /// Producer (one thread): copies `header_bytes` bytes of `header` then `bytes` bytes of
    /// `data` into the ring as one entry (rounded up to 16 bytes) and publishes it. Returns false
    /// (nothing copied) when the ring is full. No allocation, lock or system call.
    bool push(const void* header, std::size_t header_bytes, const void* data,
              std::size_t bytes) noexcept;
    /// Entries pushed and entries refused (ring full) so far.
    std::uint64_t pushed() const noexcept { return pushed_; }
    std::uint64_t refused() const noexcept { return refused_; }
    /// Combined hash of everything consumed (keeps the consumer's work observable).
    std::uint64_t digest() const noexcept { return digest_.load(std::memory_order_acquire); }

  private:
    void consume() noexcept;

    std::unique_ptr<unsigned char[]> storage_;
    unsigned char* base_ = nullptr;
    std::size_t capacity_ = 0;
    std::chrono::microseconds poll_;
    std::uint64_t cached_tail_ = 0;  ///< producer's copy of tail_
    std::size_t head_offset_ = 0;    ///< head_ % capacity_, kept (as the recorder's ring does)
    std::uint64_t pushed_ = 0;
    std::uint64_t refused_ = 0;
    alignas(64) std::atomic<std::uint64_t> head_{0};
    alignas(64) std::atomic<std::uint64_t> tail_{0};
    std::atomic<bool> stop_{false};
    std::atomic<std::uint64_t> digest_{0};
    std::thread consumer_;
};

}  // namespace aetrace::bench
