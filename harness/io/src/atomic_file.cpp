#include "aetrace/io/atomic_file.h"

#include <cerrno>
#include <random>
#include <system_error>
#include <utility>

#ifdef _WIN32
#include <fcntl.h>
#include <io.h>
#include <sys/stat.h>
#else
#include <fcntl.h>
#include <unistd.h>
#endif

namespace aetrace::io {
namespace {

// --- The platform interface: everything that differs between POSIX and Windows. ---

/// Creates `path` exclusively for writing; the descriptor, or -1 with `err` set to errno.
int create_exclusive(const std::filesystem::path& path, int& err) {
#ifdef _WIN32
    const int fd = ::_wopen(path.c_str(), _O_WRONLY | _O_CREAT | _O_EXCL | _O_BINARY | _O_NOINHERIT,
                            _S_IREAD | _S_IWRITE);
#else
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
#endif
    err = fd < 0 ? errno : 0;
    return fd;
}

/// A stdio stream over `fd` (which it then owns), or null with errno set.
std::FILE* stream_of(int fd) {
#ifdef _WIN32
    return ::_fdopen(fd, "wb");
#else
    return ::fdopen(fd, "wb");
#endif
}

int descriptor_of(std::FILE* stream) {
#ifdef _WIN32
    return ::_fileno(stream);
#else
    return ::fileno(stream);
#endif
}

void close_descriptor(int fd) {
#ifdef _WIN32
    ::_close(fd);
#else
    ::close(fd);
#endif
}

/// Pushes the file's data to the storage device; 0 or errno.
int sync_descriptor(int fd) {
#ifdef _WIN32
    return ::_commit(fd) == 0 ? 0 : errno;
#else
    return ::fsync(fd) == 0 ? 0 : errno;
#endif
}

/// Makes a rename in `dir` durable (POSIX; a no-op on Windows). Best effort: errors are ignored,
/// the file itself is already synced.
void sync_directory(const std::filesystem::path& dir) {
#ifndef _WIN32
    const std::filesystem::path d = dir.empty() ? std::filesystem::path(".") : dir;
    const int fd = ::open(d.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) return;
    ::fsync(fd);
    ::close(fd);
#else
    (void)dir;
#endif
}

// --- Portable part. ---

std::string message(int err) {
    return err ? std::generic_category().message(err) : std::string("unknown error");
}

std::filesystem::path with_suffix(const std::filesystem::path& path, const std::string& suffix) {
    std::filesystem::path p = path;
    p += suffix;
    return p;
}

std::filesystem::path unique_candidate(const std::filesystem::path& final_path,
                                       std::random_device& rd) {
    char suffix[16];
    std::snprintf(suffix, sizeof suffix, "%08x", static_cast<unsigned>(rd()));
    return with_suffix(final_path, std::string(".tmp-") + suffix);
}

void remove_quietly(const std::filesystem::path& path) noexcept {
    std::error_code ec;
    std::filesystem::remove(path, ec);
}

}  // namespace

AtomicFile::AtomicFile(AtomicFile&& other) noexcept
    : final_path_(std::move(other.final_path_)),
      temp_path_(std::move(other.temp_path_)),
      stream_(std::exchange(other.stream_, nullptr)),
      error_(std::move(other.error_)),
      failed_step_(std::exchange(other.failed_step_, Step::kNone)) {}

AtomicFile& AtomicFile::operator=(AtomicFile&& other) noexcept {
    if (this != &other) {
        abandon();
        final_path_ = std::move(other.final_path_);
        temp_path_ = std::move(other.temp_path_);
        stream_ = std::exchange(other.stream_, nullptr);
        error_ = std::move(other.error_);
        failed_step_ = std::exchange(other.failed_step_, Step::kNone);
    }
    return *this;
}

AtomicFile::~AtomicFile() {
    abandon();
}

int AtomicFile::descriptor() const noexcept {
    return stream_ ? descriptor_of(stream_) : -1;
}

bool AtomicFile::fail(Step step, const std::string& why) {
    failed_step_ = step;
    error_ = why;
    return false;
}

void AtomicFile::close_stream() noexcept {
    if (stream_) std::fclose(std::exchange(stream_, nullptr));
}

bool AtomicFile::open(const std::filesystem::path& final_path, TempName naming) {
    abandon();
    final_path_ = final_path;
    temp_path_.clear();
    error_.clear();
    failed_step_ = Step::kNone;
    std::random_device rd;
    int err = 0;
    int fd = -1;
    std::filesystem::path candidate;
    for (int attempt = 0; attempt < 100 && fd < 0; ++attempt) {
        candidate = naming == TempName::kFixed ? with_suffix(final_path, ".tmp")
                                               : unique_candidate(final_path, rd);
        fd = create_exclusive(candidate, err);
        if (fd >= 0 || err != EEXIST) break;
        if (naming == TempName::kFixed) {
            // A stale file or link from a killed run: remove the name itself (never its target).
            std::error_code ec;
            std::filesystem::remove(candidate, ec);
            if (ec) return fail(Step::kCreate, ec.message());
            if (attempt >= 3) break;  // someone keeps creating it: give up with EEXIST
        }
    }
    if (fd < 0) return fail(Step::kCreate, message(err));
    std::FILE* stream = stream_of(fd);
    if (!stream) {
        const int stream_err = errno;
        close_descriptor(fd);
        remove_quietly(candidate);
        return fail(Step::kCreate, message(stream_err));
    }
    stream_ = stream;
    temp_path_ = std::move(candidate);
    return true;
}

bool AtomicFile::write(const void* data, std::size_t size) {
    if (!stream_) return fail(Step::kWrite, "not open");
    errno = 0;
    if (size != 0 && std::fwrite(data, 1, size, stream_) != size)
        return fail(Step::kWrite, message(errno));
    return true;
}

bool AtomicFile::flush() {
    if (!stream_) return fail(Step::kWrite, "not open");
    errno = 0;
    if (std::fflush(stream_) != 0) return fail(Step::kWrite, message(errno));
    return true;
}

bool AtomicFile::commit() {
    if (!stream_) return fail(Step::kWrite, "not open");
    errno = 0;
    int err = std::fflush(stream_) == 0 ? 0 : (errno ? errno : EIO);
    if (!err) err = sync_descriptor(descriptor_of(stream_));
    errno = 0;
    if (std::fclose(std::exchange(stream_, nullptr)) != 0 && !err) err = errno ? errno : EIO;
    if (err) {
        remove_quietly(temp_path_);
        return fail(Step::kWrite, message(err));
    }
    std::error_code ec;
    std::filesystem::rename(temp_path_, final_path_, ec);
    if (ec) {
        remove_quietly(temp_path_);
        return fail(Step::kRename, ec.message());
    }
    sync_directory(final_path_.parent_path());
    return true;
}

void AtomicFile::abandon() noexcept {
    if (!stream_) return;
    close_stream();
    remove_quietly(temp_path_);
}

bool AtomicFile::close_keep_temp() noexcept {
    if (!stream_) return false;
    errno = 0;
    int err = std::fflush(stream_) == 0 ? 0 : (errno ? errno : EIO);
    errno = 0;
    if (std::fclose(std::exchange(stream_, nullptr)) != 0 && !err) err = errno ? errno : EIO;
    if (!err) return true;
    try {
        fail(Step::kWrite, message(err));
    } catch (...) {  // allocation failure while describing the error: the result still says it
    }
    return false;
}

}  // namespace aetrace::io
