#include "writer_thread.h"

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <exception>
#include <system_error>

#include "aetrace/format/hash.h"

namespace aetrace::record::detail {
namespace fs = std::filesystem;
namespace {

using Clock = std::chrono::steady_clock;

std::chrono::nanoseconds hns(abi::HNSTIME t) {
    return std::chrono::nanoseconds(t * 100);
}

}  // namespace

WriterThread::WriterThread(std::shared_ptr<RecorderCore> core, format::TraceWriter writer)
    : core_(std::move(core)),
      writer_(std::move(writer)),
      tails_(core_->ring_count(), 0),
      last_real_(core_->ring_count(), 0),
      drained_from_(core_->ring_count(), 0),
      close_before_(core_->ring_count(), false) {
    thread_ = std::thread([this] { run(); });
}

WriterThread::~WriterThread() {
    stop(false);
}

std::vector<std::uint64_t> WriterThread::heads() const {
    std::vector<std::uint64_t> h(core_->ring_count());
    for (std::uint32_t i = 0; i < core_->ring_count(); ++i) h[i] = core_->ring(i).ring.published();
    return h;
}

void WriterThread::enqueue(format::Record record) {
    std::lock_guard lock(mutex_);
    queue_.push_back({std::move(record), heads()});  // snapshot under the lock: keeps the order
    cv_.notify_all();
}

void WriterThread::flush() {
    std::unique_lock lock(mutex_);
    if (stop_) return;
    const std::uint64_t ticket = ++flush_requested_;
    cv_.notify_all();
    cv_.wait(lock, [&] { return flush_done_ >= ticket || stopped_; });
}

void WriterThread::pause(bool paused) {
    paused_.store(paused);
    std::lock_guard wait_for_drain(drain_mutex_);
}

std::string WriterThread::write_error() const {
    std::lock_guard lock(error_mutex_);
    return write_error_;
}

void WriterThread::note_error(const std::string& message) {
    std::lock_guard lock(error_mutex_);
    if (write_error_.empty()) write_error_ = message;
    failed_.store(true);
}

template <class Write>
void WriterThread::emit(bool is_call, Write&& write) noexcept {
    if (failed_.load(std::memory_order_relaxed)) {
        unwritten_.fetch_add(1, std::memory_order_relaxed);
        return;
    }
    try {
        write();
        if (is_call) written_.fetch_add(1, std::memory_order_relaxed);
    } catch (const std::exception& e) {
        note_error(e.what());
        unwritten_.fetch_add(1, std::memory_order_relaxed);
    }
}

abi::HNSTIME WriterThread::real_time(std::uint32_t ring, abi::HNSTIME stamp) noexcept {
    if (core_->stamp == Stamp::kNone) return 0;
    abi::HNSTIME t = stamp;
    if (core_->stamp == Stamp::kTicks) t = ticks_.to_hns(static_cast<std::uint64_t>(stamp));
    // Successive anchors may move the conversion by a few ns: keep each thread's times monotonic.
    if (t < last_real_[ring]) t = last_real_[ring];
    last_real_[ring] = t;
    return t;
}

void WriterThread::write_call(format::CallRecord& call, std::uint16_t entry_flags,
                              const unsigned char* data) {
    if (entry_flags & kEntrySilent)
        call.buffer.xxh3 = format::xxh3_64_zeros(call.buffer.bytes);
    else if (data)
        call.buffer.xxh3 = format::xxh3_64(data, call.buffer.bytes);
    const bool store = data && !core_->options.hash_only;
    if (store) call.flags |= format::kPayloadStored;
    emit(true, [&] { writer_->write_call(call); });
    if (store)
        emit(false, [&] {
            writer_->write_payload(call.seq, call.endpoint, call.buffer.frames, data,
                                   call.buffer.bytes);
        });
}

void WriterThread::write_entry(std::uint32_t ring, const EntryHeader& header,
                               const unsigned char* entry) {
    const unsigned char* body = entry + sizeof(EntryHeader);
    switch (header.kind) {
        case EntryKind::kCall:
        case EntryKind::kRtCall: {
            format::CallRecord call;
            std::size_t record_size = sizeof call;
            if (header.kind == EntryKind::kCall) {
                std::memcpy(&call, body, sizeof call);
            } else {
                RtCall rt;
                std::memcpy(&rt, body, sizeof rt);
                record_size = sizeof rt;
                call = expand(rt, ring, static_cast<abi::HNSTIME>(rt.real_stamp));
            }
            call.thread = ring;
            call.real_time = real_time(ring, call.real_time);
            const unsigned char* data = (header.flags & kEntryBytes) ? body + record_size : nullptr;
            write_call(call, header.flags, data);
            break;
        }
        case EntryKind::kViolation: {
            format::ViolationRecord v;
            std::memcpy(&v, body, sizeof v);
            emit(false, [&] { writer_->write_violation(v); });
            break;
        }
        case EntryKind::kEvent: {
            format::EventRecord e;
            std::memcpy(&e, body, sizeof e);
            emit(false, [&] { writer_->write_event(e); });
            break;
        }
        case EntryKind::kGap: {
            format::GapRecord g;
            std::memcpy(&g, body, sizeof g);
            emit(false, [&] { writer_->write_gap(g); });
            gaps_.fetch_add(1, std::memory_order_relaxed);
            break;
        }
        case EntryKind::kSkip:
            break;
    }
}

void WriterThread::drain_to(const std::vector<std::uint64_t>& limits) {
    const std::uint32_t n = core_->ring_count();
    for (;;) {
        std::uint32_t best = n;
        EntryHeader best_header{};
        const unsigned char* best_entry = nullptr;
        std::uint64_t best_next = 0;
        for (std::uint32_t r = 0; r < n; ++r) {
            if (tails_[r] >= limits[r]) continue;
            EntryHeader h;
            std::uint64_t next = 0;
            const unsigned char* e = core_->ring(r).ring.entry_at(tails_[r], &h, &next);
            if (best == n || h.position < best_header.position) {
                best = r;
                best_header = h;
                best_entry = e;
                best_next = next;
            }
        }
        if (best == n) return;
        write_entry(best, best_header, best_entry);
        tails_[best] = best_next;
        core_->ring(best).ring.release(best_next);
    }
}

void WriterThread::write_pending_gaps() {
    // After stop_capture(): no producer is active, the gap fields are stable.
    for (std::uint32_t r = 0; r < core_->ring_count(); ++r) {
        ThreadRing& ring = core_->ring(r);
        const std::uint64_t count = ring.gap_count.load();
        if (count == 0) continue;
        const format::GapRecord g{r, ring.gap_first.load(), count};
        emit(false, [&] { writer_->write_gap(g); });
        gaps_.fetch_add(1, std::memory_order_relaxed);
        ring.gap_count.store(0);
    }
    const std::uint64_t lost = core_->dropped_without_ring.load();
    if (lost != 0) {
        const format::GapRecord g{kNoRingThread, core_->first_seq_without_ring.load(), lost};
        emit(false, [&] { writer_->write_gap(g); });
        gaps_.fetch_add(1, std::memory_order_relaxed);
    }
}

void WriterThread::run() {
    const abi::HNSTIME interval = core_->options.flush_interval;
    std::chrono::nanoseconds idle_poll = hns(interval) / 4;
    if (idle_poll > std::chrono::milliseconds(10)) idle_poll = std::chrono::milliseconds(10);
    if (idle_poll < std::chrono::milliseconds(1)) idle_poll = std::chrono::milliseconds(1);
    // Warm windows (RecorderOptions::ring_warm_bytes, CaptureRing::reserve): a ring whose last
    // two drains each found at most a quarter window keeps up, and its producer may wrap early;
    // after such a wrap it has at least three quarters of a window of room, three drains' worth. A
    // drain that found more than an eighth of a window in some ring means producers would soon
    // leave their windows: poll every 1 ms until the rate drops well below that.
    const std::size_t warm = core_->options.ring_warm_bytes;
    const std::uint64_t busy_bytes = warm != 0 ? warm / 8 : UINT64_MAX;
    // Back to the idle poll only when a 1 ms drain found so little that a drain every idle_poll
    // would still find less than a third of a window (idle_poll <= 10 ms): hysteresis.
    const std::uint64_t idle_bytes = warm / 32;
    const std::uint64_t keeping_up_bytes = warm / 4;
    std::chrono::nanoseconds poll = idle_poll;
    Clock::time_point last_flush = Clock::now();

    std::unique_lock lock(mutex_);
    for (;;) {
        cv_.wait_for(lock, poll, [&] {
            return stop_ || flush_requested_ != flush_done_ || (!queue_.empty() && !paused_.load());
        });
        const bool stopping = stop_;
        const std::uint64_t ticket = flush_requested_;
        const bool flush_asked = ticket != flush_done_;
        // Paused (test hook): do nothing at all, not even allocate. pause() waits on drain_mutex_,
        // which is held from here until the drain ends, so no drain starts after it returned.
        if (paused_.load() && !stopping && !flush_asked) continue;
        std::unique_lock drain(drain_mutex_);
        if (paused_.load() && !stopping && !flush_asked) continue;
        {
            std::deque<Pending> items;
            items.swap(queue_);
            const std::vector<std::uint64_t> now_heads = heads();
            lock.unlock();
            // Every entry up to now_heads was stamped before this anchor.
            if (core_->stamp == Stamp::kTicks) ticks_.anchor();
            for (Pending& item : items) {
                drain_to(item.heads);
                emit(false, [&] { writer_->write_record(item.record); });
            }
            drain_to(now_heads);
            std::uint64_t most = 0;
            for (std::uint32_t r = 0; r < now_heads.size(); ++r) {
                const std::uint64_t found = now_heads[r] - drained_from_[r];
                most = std::max(most, found);
                drained_from_[r] = now_heads[r];
                const bool close = found <= keeping_up_bytes;
                core_->ring(r).ring.set_keeping_up(warm != 0 && close && close_before_[r]);
                close_before_[r] = close;
            }
            if (most > busy_bytes)
                poll = std::chrono::milliseconds(1);
            else if (most <= idle_bytes)
                poll = idle_poll;
            if (stopping) write_pending_gaps();
            const Clock::time_point now = Clock::now();
            if (stopping || flush_asked || now - last_flush >= hns(interval)) {
                if (!failed_.load()) {
                    try {
                        writer_->flush();
                    } catch (const std::exception& e) {
                        note_error(e.what());
                    }
                }
                last_flush = now;
            }
        }
        drain.unlock();
        lock.lock();
        if (flush_asked) flush_done_ = ticket;
        cv_.notify_all();
        if (stopping) break;
    }
    stopped_ = true;
    cv_.notify_all();
}

void WriterThread::stop(bool commit) {
    {
        std::lock_guard lock(mutex_);
        if (stop_) return;
        stop_ = true;
        cv_.notify_all();
    }
    if (thread_.joinable()) thread_.join();
    if (commit && !failed_.load()) {
        try {
            writer_->commit();
            writer_.reset();
            return;
        } catch (const std::exception& e) {
            note_error(e.what());
        }
    }
    keep_tmp_and_close();
}

void WriterThread::keep_tmp_and_close() noexcept {
    if (!writer_) return;
    // An unfinished recording stays readable as <trace>.tmp, up to the last record written.
    writer_->close_keep_temp();
    writer_.reset();
}

}  // namespace aetrace::record::detail
