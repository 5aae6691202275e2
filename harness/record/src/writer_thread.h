// WriterThread: the recorder's background writer (internal).
//
// Drains every ring up to a snapshot of their published ends, merging entries by their position
// key (so the file is in sequence-number order; a record published after a later one was written
// goes in a later batch), computes the buffer hashes, writes the records through
// format::TraceWriter, writes queued non-RT records in order with the rings, and flushes to the OS
// at least every flush_interval. A write error is recorded once; later records are counted as
// unwritten and the rings keep being drained so the capture side never stalls.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "aetrace/format/trace_writer.h"
#include "recorder_core.h"

namespace aetrace::record::detail {

class WriterThread {
  public:
    /// Takes over `writer` (already created, header written) and starts the thread.
    WriterThread(std::shared_ptr<RecorderCore> core, format::TraceWriter writer);
    /// Stops the thread (final drain) if stop() was not called, and leaves `<trace>.tmp`.
    ~WriterThread();

    /// Queues a non-RT record behind everything the rings hold now.
    void enqueue(format::Record record);
    /// Blocks until everything published before the call is written and flushed.
    void flush();
    /// Final drain and join; then, when `commit` and no write error occurred, writes End and
    /// renames the file into place; otherwise leaves `<trace>.tmp`. Call after the core's
    /// stop_capture(). Idempotent.
    void stop(bool commit);
    void pause(bool paused);

    std::uint64_t written() const noexcept { return written_.load(std::memory_order_relaxed); }
    std::uint64_t gaps() const noexcept { return gaps_.load(std::memory_order_relaxed); }
    std::uint64_t unwritten() const noexcept { return unwritten_.load(std::memory_order_relaxed); }
    std::string write_error() const;

  private:
    struct Pending {
        format::Record record;
        std::vector<std::uint64_t> heads;  ///< rings' published ends when it was queued
    };
    std::vector<std::uint64_t> heads() const;
    void run();
    void drain_to(const std::vector<std::uint64_t>& limits);
    void write_entry(std::uint32_t ring, const EntryHeader& header, const unsigned char* entry);
    /// Hashes the buffer (`data`, or zeros for a silent entry) and writes the call and its payload.
    void write_call(format::CallRecord& call, std::uint16_t entry_flags, const unsigned char* data);
    /// The CallRecord::real_time of a call of ring `ring` stamped `stamp` (per core_->stamp).
    abi::HNSTIME real_time(std::uint32_t ring, abi::HNSTIME stamp) noexcept;
    void write_pending_gaps();
    template <class Write>
    void emit(bool is_call, Write&& write) noexcept;
    void note_error(const std::string& message);
    void keep_tmp_and_close() noexcept;

    std::shared_ptr<RecorderCore> core_;
    std::optional<format::TraceWriter> writer_;
    std::vector<std::uint64_t> tails_;  ///< consumer positions (writer thread only)
    clock::TickConverter ticks_;        ///< raw TSC stamps to SystemClock time (writer thread only)
    std::vector<abi::HNSTIME> last_real_;  ///< last real_time written per ring (writer thread only)
    std::vector<std::uint64_t> drained_from_;  ///< rings' heads at the previous drain (writer only)
    std::vector<bool> close_before_;  ///< the previous drain found little in the ring (writer only)

    mutable std::mutex mutex_;  ///< guards everything below up to the thread
    std::condition_variable cv_;
    std::deque<Pending> queue_;
    std::uint64_t flush_requested_ = 0, flush_done_ = 0;
    bool stop_ = false;
    bool stopped_ = false;
    mutable std::mutex error_mutex_;  ///< guards write_error_ (a leaf lock)
    std::string write_error_;
    std::thread thread_;

    std::mutex drain_mutex_;  ///< held by the writer while it drains (pause waits on it)
    std::atomic<bool> paused_{false};
    std::atomic<bool> failed_{false};
    std::atomic<std::uint64_t> written_{0}, gaps_{0}, unwritten_{0};
};

}  // namespace aetrace::record::detail
