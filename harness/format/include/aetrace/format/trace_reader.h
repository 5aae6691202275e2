// TraceReader: reads a trace file record by record, stopping cleanly at a damaged or cut tail.
#pragma once

#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include "aetrace/format/records.h"

namespace aetrace::format {

/// How reading a trace went so far / ended.
struct ReadStatus {
    enum class State : std::uint8_t {
        kReading,    ///< next() has not returned nullopt yet
        kClean,      ///< an End record was read: the trace was closed cleanly
        kNoEnd,      ///< the file ends on a record boundary but has no End record
        kTruncated,  ///< the file ends inside a record (short read)
        kDamaged,    ///< checksum mismatch, absurd size or malformed payload
    };
    State state = State::kReading;
    /// kTruncated / kDamaged: byte offset (from the file start) of the first bad record's frame.
    /// kClean / kNoEnd: the offset where reading stopped.
    std::uint64_t offset = 0;
    /// kTruncated / kDamaged: what is wrong ("checksum mismatch", "short read: 12 of 40 bytes",
    /// "absurd record size 4294967295", ...). Empty otherwise.
    std::string reason;
    std::uint64_t records_read = 0;     ///< records returned by next() (known types only)
    std::uint64_t unknown_skipped = 0;  ///< intact records of unknown type, skipped
    /// True for kTruncated and kDamaged.
    bool damaged() const noexcept { return state == State::kTruncated || state == State::kDamaged; }
    /// One line: "clean end after 12 records", "truncated at byte 4711 (short read: ...) after 3
    /// records", ...
    std::string describe() const;
};

/// Reads a trace file. Not RT-safe; not thread-safe; movable.
class TraceReader {
  public:
    /// Opens `path` and reads its header. Throws aetrace::InputError naming the path for: a missing
    /// or unreadable file, a bad magic ("not an aetrace trace"), a newer major version ("trace
    /// format 2.x is newer than this aetrace (reads 1.x)"), a short or damaged header. A newer
    /// minor is accepted (its extra header fields are ignored).
    static TraceReader open(const std::filesystem::path& path);

    TraceReader(TraceReader&&) noexcept = default;
    TraceReader& operator=(TraceReader&&) noexcept = default;
    ~TraceReader() = default;

    /// The header as read (format_major/minor are the file's).
    const TraceHeader& header() const noexcept { return header_; }
    /// Byte size of the header (where the first record starts).
    std::uint64_t header_size() const noexcept { return header_size_; }

    /// The next record of a known type (unknown types are skipped and counted). Returns nullopt at
    /// the end: after the End record, at end of file, or at the first truncated/damaged record;
    /// status() says which. Payloads longer than this build expects are accepted (the extra bytes,
    /// from a newer minor, are ignored). Throws InputError only for a read error of the OS.
    std::optional<Record> next();

    const ReadStatus& status() const noexcept { return status_; }
    const std::filesystem::path& path() const noexcept { return path_; }

  private:
    struct FileCloser {
        void operator()(std::FILE* f) const noexcept;
    };
    TraceReader() = default;
    std::optional<Record> stop(ReadStatus::State state, std::string reason);

    std::filesystem::path path_;
    std::unique_ptr<std::FILE, FileCloser> file_;
    TraceHeader header_;
    std::uint64_t header_size_ = 0;
    std::uint64_t file_size_ = 0;
    std::uint64_t offset_ = 0;
    std::vector<std::uint8_t> frame_;
    ReadStatus status_;
};

}  // namespace aetrace::format
