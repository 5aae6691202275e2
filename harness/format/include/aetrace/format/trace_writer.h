// TraceWriter: writes a trace file (docs/FORMAT.md) record by record.
#pragma once

#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "aetrace/format/records.h"
#include "aetrace/io/atomic_file.h"

namespace aetrace::format {

/// Writes `<path>.tmp`, then commit() renames it to `path`, so a failed run never leaves a
/// half-written trace. Destroying an uncommitted writer removes the temp file.
///
/// Not RT-safe (allocates and does file I/O): the recorder buffers on the RT thread and calls this
/// from its background writer. Not thread-safe: one thread at a time. Movable, not copyable.
/// Every write method throws aetrace::InputError naming the path on an I/O failure (disk full...),
/// and std::logic_error when called after commit().
class TraceWriter {
  public:
    /// Creates `<path>.tmp` exclusively (io::TempName::kFixed: a stale file or link of that name is
    /// removed, never opened or followed) and writes the header. The header's
    /// format_major/minor are ignored: this build always writes kFormatMajor.kFormatMinor.
    /// Throws InputError "<path>: cannot create trace: <reason>" when the file cannot be created.
    static TraceWriter create(const std::filesystem::path& path, const TraceHeader& header);

    TraceWriter(TraceWriter&&) noexcept;
    TraceWriter& operator=(TraceWriter&&) noexcept;
    TraceWriter(const TraceWriter&) = delete;
    TraceWriter& operator=(const TraceWriter&) = delete;
    /// Closes and removes the temp file unless commit() succeeded. Never throws.
    ~TraceWriter();

    /// One Call record (all fields serialized).
    void write_call(const CallRecord& call);
    /// One AudioPayload record: `bytes` bytes at `data` (may be null when bytes is 0) moved by call
    /// `seq` on `endpoint`, `frames` frames. The data is copied; the caller keeps ownership.
    void write_payload(std::uint64_t seq, std::uint32_t endpoint, std::uint32_t frames,
                       const std::uint8_t* data, std::uint32_t bytes);
    void write_violation(const ViolationRecord& violation);
    void write_endpoint_info(const EndpointInfo& endpoint);
    void write_event(const EventRecord& event);
    void write_metadata(const MetadataRecord& metadata);
    void write_output_digest(const OutputDigestRecord& digest);
    void write_gap(const GapRecord& gap);
    /// Any record, dispatched on its type. An EndRecord written this way replaces the one commit()
    /// would write (used by write_trace() to reproduce a file exactly).
    void write_record(const Record& record);

    /// Writes End {calls written, violations written} (unless an End was written explicitly),
    /// flushes, fsyncs, closes and renames `<path>.tmp` to `path`. Throws InputError naming the
    /// path.
    void commit();
    /// As commit() but never writes an End record (the file reads as "ended without End record").
    /// For reproducing cut-short traces (write_trace); recorders use commit().
    void commit_without_end();

    /// Pushes everything written so far to the operating system (fflush, not fsync), so a process
    /// killed afterwards leaves it readable in `<path>.tmp`. Throws InputError naming the path on
    /// an I/O error (disk full...).
    void flush();
    /// Closes without committing and KEEPS `<path>.tmp`: an interrupted or failed recording stays
    /// readable up to the last record written (no End record). Returns false when the final flush
    /// or close failed. Never throws.
    bool close_keep_temp() noexcept;

    /// Calls and violations written so far.
    std::uint64_t call_count() const noexcept { return calls_; }
    std::uint64_t violation_count() const noexcept { return violations_; }
    /// The final path (not the temp path).
    const std::filesystem::path& path() const noexcept { return path_; }

  private:
    TraceWriter() = default;
    void append(const Record& record);
    void put(const std::uint8_t* data, std::size_t n);
    void finish(bool write_end);
    void discard() noexcept;
    [[noreturn]] void fail(const std::string& what);

    std::filesystem::path path_;
    io::AtomicFile file_;              ///< `<path>.tmp` while open
    std::vector<std::uint8_t> frame_;  ///< reused encoding buffer
    std::uint64_t calls_ = 0;
    std::uint64_t violations_ = 0;
    bool end_written_ = false;
    bool committed_ = false;
};

}  // namespace aetrace::format
