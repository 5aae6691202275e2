// Recorder: wraps endpoint objects in recording proxies and writes every call to a trace file, at a
// cost the real-time thread can afford (issue #3).
//
// A proxy implements, through QueryInterface, exactly those of the six API interfaces that the
// wrapped object implements. Each proxy method calls the wrapped method, takes the timestamps
// (virtual clock; real monotonic clock when given: one RDTSC that the writer thread converts, or
// a SystemClock read, see RecorderOptions::tsc_timestamps), writes one fixed-size record (136
// bytes for a real-time method, a format::CallRecord for the others) and, for data calls, the
// audio bytes (for a BUFFER_SILENT capture buffer only a flag) straight into the calling thread's
// preallocated single-producer ring, and publishes it with one release store. After each
// call it also captures any new contract violation the wrapped object reports through
// abi::IAetraceEndpointInspect (which QueryInterface passes through to the wrapped object, not
// recorded).
//
// Real-time safety: no proxy method of IAudioEndpointRT, IAudioInputEndpointRT or
// IAudioOutputEndpointRT allocates, locks, makes a system call or does I/O, neither in steady state
// nor at a thread's first call (a thread claims a free ring with one CAS and caches its index in a
// trivially initialised thread_local; the in-flight flag that lets a recorder be destroyed while
// calls run needs no locked instruction: Linux membarrier / Windows FlushProcessWriteBuffers on the
// stopping side instead, once). A background writer thread drains the rings, merges them by
// sequence number, computes the XXH3-64 buffer hashes, writes the records through
// format::TraceWriter and flushes to the OS at least every flush_interval.
//
// Overload: when a ring is full the call still returns at once; the record is dropped, counted
// (RecorderStats::dropped) and reported in the trace as a Gap record {thread, first seq, count}
// placed where the lost records were. Memory is bounded by max_threads x ring_bytes.
//
// Files: the trace is written to `<trace>.tmp` and renamed to `<trace>` by finish(). A recording
// that is not finished (process killed, recorder destroyed without finish(), write error) is left
// as `<trace>.tmp`, readable up to the last flush (format::read_trace(path, false)).
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>

#include "aetrace/abi/abi.h"
#include "aetrace/clock/clock.h"
#include "aetrace/format/call_record.h"
#include "aetrace/format/records.h"

namespace aetrace::record {

struct RecorderOptions {
    /// Buffers are hashed by the writer, never stored (no AudioPayload records; the Recorder sets
    /// kHeaderHashOnly in the header).
    bool hash_only = false;
    /// Bytes of each thread's capture ring, preallocated and touched by the constructor. A call
    /// on a real-time method takes 16 + 136 bytes plus its audio bytes, rounded up to 16 (any
    /// other call 16 + sizeof(format::CallRecord)).
    std::size_t ring_bytes = 4u << 20;
    /// Warm window of each ring, bytes; 0 (the default, or any value >= ring_bytes): off, each
    /// thread's records sweep its whole ring. When set (for example 256 KiB), while the writer
    /// keeps up with a thread (its last two drains of that ring each found at most
    /// ring_warm_bytes / 4), the thread's records cycle through the first ring_warm_bytes of its
    /// ring, which stay in the CPU caches, instead of the whole ring (cold memory: copying a
    /// 4 KB buffer into it costs more; docs/PERFORMANCE.md has the measured difference). The
    /// price: just after such an early wrap, and until the writer's next drain, the thread has at
    /// least ring_warm_bytes minus the writer's backlog of room rather than the whole ring, so a
    /// burst right then (or a writer descheduled for several milliseconds) drops records that
    /// the whole ring would have held. Suits a real-time engine at a steady few MB/s; never a
    /// virtual-time engine that runs in bursts.
    std::size_t ring_warm_bytes = 0;
    /// Rings preallocated: the first max_threads threads that call a proxy get one; the calls of
    /// any further thread are dropped and counted (Gap record with thread 0xFFFFFFFF). >= 1.
    std::uint32_t max_threads = 8;
    /// The writer flushes to the OS at least this often, HNSTIME (default 100 ms), > 0.
    abi::HNSTIME flush_interval = 1'000'000;
    /// Stamp CallRecord::real_time from the real clock (when one is given).
    bool real_timestamps = true;
    /// When the real clock is a clock::SystemClock and the processor's TSC is invariant
    /// (clock::ticks_are_invariant()), store the raw TSC on the real-time thread (one RDTSC) and
    /// let the writer thread convert it to SystemClock time (clock::TickConverter). False: call
    /// real_clock->now() on every recorded call (a vDSO call on Linux).
    bool tsc_timestamps = true;
};

struct RecorderStats {
    std::uint64_t calls = 0;      ///< calls captured (sequence numbers handed out)
    std::uint64_t written = 0;    ///< Call records written to the file
    std::uint64_t dropped = 0;    ///< records dropped because a ring was full / no ring was free
    std::uint64_t gaps = 0;       ///< Gap records written
    std::uint64_t unwritten = 0;  ///< records lost to a write error (disk full ...)
    std::string write_error;      ///< first write error, one line naming the file ("" if none)
};

namespace detail {
class RecorderCore;
class WriterThread;
}  // namespace detail

class Recorder {
  public:
    /// Creates `<trace>.tmp` with `header` (format::TraceWriter; kHeaderHashOnly is added when
    /// options.hash_only), preallocates options.max_threads rings of options.ring_bytes and starts
    /// the writer thread. `virtual_clock` stamps CallRecord::virtual_time; `real_clock` (may be
    /// null) stamps CallRecord::real_time in HNSTIME (0 when null or !options.real_timestamps;
    /// see options.tsc_timestamps for how a SystemClock is read).
    /// Both clocks must outlive the recorder. Throws aetrace::InputError naming the path when the
    /// file cannot be created, std::invalid_argument for max_threads 0 or flush_interval <= 0.
    /// Not RT.
    Recorder(const std::filesystem::path& trace, const format::TraceHeader& header,
             const clock::Clock& virtual_clock, const clock::Clock* real_clock,
             RecorderOptions options = {});
    /// Stops capturing (waits for captures in flight to finish), stops the writer. Without
    /// finish(): writes what it has, no End record, and leaves the file as `<trace>.tmp`. Safe
    /// while proxies still exist or are being called on other threads: they keep the shared capture
    /// state alive; calls after destruction are forwarded but not recorded. Never throws. Not RT.
    ~Recorder();
    Recorder(const Recorder&) = delete;
    Recorder& operator=(const Recorder&) = delete;

    /// Returns a recording proxy around `inner`; its calls are recorded with CallRecord::endpoint
    /// = `endpoint_index`, buffers sized by info.format (frames x block align). Queues an
    /// EndpointInfo record (`info` with its endpoint field set to endpoint_index). The proxy holds
    /// a reference on `inner` and on the shared capture state (not on the Recorder). Throws
    /// std::invalid_argument for a null `inner`, std::logic_error after finish(). Not RT.
    abi::ComPtr<abi::IUnknown> wrap(abi::ComPtr<abi::IUnknown> inner, std::uint32_t endpoint_index,
                                    const format::EndpointInfo& info);

    /// Queue a Metadata / OutputDigest record, written after everything the rings held at the
    /// time of the call and before anything published later. May lock and allocate. Throw
    /// std::logic_error after finish(). Not RT; any thread.
    void write_metadata(const std::string& key, const std::string& value);
    void write_output_digest(const format::OutputDigestRecord& digest);

    /// A contract violation found by the engine for the most recent call (call_seq = the last
    /// sequence number handed out), source 1. Goes through the calling thread's ring. RT-safe.
    void note_engine_violation(abi::ContractRule rule, abi::MethodId method, std::uint64_t value,
                               std::uint64_t limit) noexcept;
    /// An Event record {last_call_seq = last sequence number handed out, endpoint, virtual_time
    /// (HNSTIME), kind}. Goes through the calling thread's ring. RT-safe.
    void note_event(format::EventKind kind, std::uint32_t endpoint,
                    abi::HNSTIME virtual_time) noexcept;

    /// Blocks until everything captured before the call (on the calling thread, and published by
    /// others) is written and flushed to the OS. Returns at once after finish(). Not RT.
    void flush();
    /// Stops capturing, drains everything, writes the End record and renames `<trace>.tmp` to
    /// `<trace>`. Returns the final stats. Throws aetrace::InputError (the one-line
    /// stats.write_error) when the trace could not be written; the file is then left as
    /// `<trace>.tmp`, readable up to the error. std::logic_error when called twice. Not RT.
    RecorderStats finish();
    /// Counters so far. Any thread, any time. Not RT (copies a string).
    RecorderStats stats() const;

    /// The final trace path (`<trace>`; while recording the data is in `<trace>.tmp`).
    const std::filesystem::path& path() const noexcept { return path_; }

  private:
    friend void pause_writer_for_test(Recorder&, bool);
    std::filesystem::path path_;
    std::shared_ptr<detail::RecorderCore> core_;
    std::unique_ptr<detail::WriterThread> writer_;
    bool finished_ = false;
};

/// Test hook: while paused the writer thread does not drain the rings (to prove overload
/// behaviour). Pausing waits until a drain in progress has ended. finish() and the destructor
/// unpause. Not RT.
void pause_writer_for_test(Recorder& recorder, bool paused);

}  // namespace aetrace::record
