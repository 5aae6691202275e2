// AtomicFile: every output file of aetrace is written to a temporary file next to its final path
// and renamed over it only when complete, so no half-written file is ever left under the final
// name. The temporary file is created exclusively (O_CREAT|O_EXCL on POSIX, _O_CREAT|_O_EXCL on
// Windows): an existing file or symbolic link of that name is never opened, followed or
// truncated.
//
// Typical use:
//
//     io::AtomicFile f;
//     if (!f.open(path)) fail(path, "cannot write (" + f.error() + ")");
//     std::fwrite(data, 1, size, f.stream());   // or f.write(), or f.descriptor()
//     if (!f.commit()) fail(path, f.error());   // flush, fsync, close, rename over `path`
//
// Destroying an AtomicFile that was opened but neither committed nor kept closes and removes the
// temporary file. Nothing here is real-time safe (allocates, does file I/O); one AtomicFile is
// used by one thread at a time; distinct AtomicFiles are independent, even for one final path.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <string>

namespace aetrace::io {

/// How the temporary file is named.
enum class TempName : std::uint8_t {
    /// "<final>.tmp-XXXXXXXX" (8 random hex digits): a fresh name per file, so two writers of one
    /// final path never share a temporary file. Up to 100 names are tried.
    kUnique,
    /// "<final>.tmp" exactly, for writers whose unfinished file must be findable under a known
    /// name after a crash (the trace writer). A stale file or link of that name (left by a killed
    /// run) is removed, not opened, and the name is then created exclusively.
    kFixed,
};

/// Which step of an AtomicFile operation failed (error() says why).
enum class Step : std::uint8_t {
    kNone,    ///< no failure
    kCreate,  ///< creating the temporary file
    kWrite,   ///< writing, flushing, syncing or closing it
    kRename,  ///< renaming it over the final path
};

class AtomicFile {
  public:
    /// A closed AtomicFile (is_open() false). Never throws.
    AtomicFile() noexcept = default;
    /// Moves the open file (if any) out of `other`, which is left closed.
    AtomicFile(AtomicFile&& other) noexcept;
    /// abandon()s this file, then moves `other` in.
    AtomicFile& operator=(AtomicFile&& other) noexcept;
    AtomicFile(const AtomicFile&) = delete;
    AtomicFile& operator=(const AtomicFile&) = delete;
    /// abandon(): closes and removes the temporary file unless commit() or close_keep_temp() ran.
    ~AtomicFile();

    /// Creates the temporary file for `final_path` (in) in the same directory (so the final rename
    /// stays on one file system), exclusively, named as `naming` says, with the permissions a new
    /// file gets from fopen (0666 less the umask), and opens it for binary writing at offset 0.
    /// Returns false when it cannot be created (missing or unwritable directory, no free name...):
    /// then error() holds one line saying why (the system's message, such as "No such file or
    /// directory"), failed_step() is Step::kCreate and no file is left behind. Any file this
    /// object had open is abandon()ed first.
    [[nodiscard]] bool open(const std::filesystem::path& final_path,
                            TempName naming = TempName::kUnique);

    /// True between a successful open() and commit(), abandon() or close_keep_temp().
    bool is_open() const noexcept { return stream_ != nullptr; }
    /// The stdio stream of the open temporary file (owned by this object: never fclose it), or
    /// null when closed. Writes through it are buffered; commit() flushes them.
    std::FILE* stream() const noexcept { return stream_; }
    /// The file descriptor under stream() (POSIX fd / CRT fd on Windows), or -1 when closed, for
    /// writers that take a descriptor (libsndfile's sf_open_fd). Owned by this object: never close
    /// it. Do not mix buffered stream() writes and descriptor writes without flush() between.
    int descriptor() const noexcept;
    /// The temporary file's path (empty before open()); kept after closing, for messages.
    const std::filesystem::path& temp_path() const noexcept { return temp_path_; }
    /// The final path given to open() (empty before open()).
    const std::filesystem::path& final_path() const noexcept { return final_path_; }
    /// One line saying why the last failed operation failed; empty when none failed.
    const std::string& error() const noexcept { return error_; }
    /// The step the last failed operation failed in; Step::kNone when none failed.
    Step failed_step() const noexcept { return failed_step_; }

    /// Writes `size` bytes at `data` (in; may be null when size is 0) through stream(). Returns
    /// false with error() set (Step::kWrite) on a write error or when the file is not open; the
    /// file stays open (the caller decides to abandon()).
    [[nodiscard]] bool write(const void* data, std::size_t size);
    /// Pushes the stream's buffer to the operating system (fflush, not fsync), so another reader of
    /// temp_path() sees everything written so far. Returns false with error() set (Step::kWrite).
    [[nodiscard]] bool flush();
    /// Flushes, fsyncs and closes the temporary file, renames it over final_path() (replacing any
    /// file there) and, on POSIX, syncs the directory. Returns false with error() and
    /// failed_step() set (Step::kWrite or Step::kRename) when a step fails; the temporary file is
    /// then removed. Either way the object is closed afterwards. False (Step::kWrite, "not open")
    /// when the file is not open.
    [[nodiscard]] bool commit();
    /// Closes the temporary file, if open, and removes it. Never throws; idempotent.
    void abandon() noexcept;
    /// Flushes and closes the temporary file but KEEPS it under temp_path() (an interrupted
    /// recording stays readable there). Returns false when it was not open or the flush or close
    /// failed (error() says why). Never throws.
    bool close_keep_temp() noexcept;

  private:
    bool fail(Step step, const std::string& why);
    void close_stream() noexcept;

    std::filesystem::path final_path_;
    std::filesystem::path temp_path_;
    std::FILE* stream_ = nullptr;
    std::string error_;
    Step failed_step_ = Step::kNone;
};

}  // namespace aetrace::io
