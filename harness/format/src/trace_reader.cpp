#include "aetrace/format/trace_reader.h"

#include <cerrno>
#include <cstring>
#include <system_error>

#include "aetrace/abi/error.h"
#include "codec.h"

namespace aetrace::format {
namespace {

std::uint32_t le32(const std::uint8_t* p) {
    return static_cast<std::uint32_t>(p[0]) | static_cast<std::uint32_t>(p[1]) << 8 |
           static_cast<std::uint32_t>(p[2]) << 16 | static_cast<std::uint32_t>(p[3]) << 24;
}
std::uint16_t le16(const std::uint8_t* p) {
    return static_cast<std::uint16_t>(p[0] | p[1] << 8);
}

const char* state_name(ReadStatus::State s) {
    switch (s) {
        case ReadStatus::State::kReading:
            return "reading";
        case ReadStatus::State::kClean:
            return "clean end";
        case ReadStatus::State::kNoEnd:
            return "ended without End record";
        case ReadStatus::State::kTruncated:
            return "truncated";
        case ReadStatus::State::kDamaged:
            return "damaged";
    }
    return "?";
}

}  // namespace

std::string ReadStatus::describe() const {
    std::string s = state_name(state);
    if (damaged()) s += " at byte " + std::to_string(offset) + " (" + reason + ")";
    s += " after " + std::to_string(records_read) + " records";
    if (unknown_skipped != 0)
        s += ", " + std::to_string(unknown_skipped) + " of unknown type skipped";
    return s;
}

void TraceReader::FileCloser::operator()(std::FILE* f) const noexcept {
    std::fclose(f);
}

TraceReader TraceReader::open(const std::filesystem::path& path) {
    TraceReader r;
    r.path_ = path;
    const std::string name = path.string();
    std::error_code ec;
    if (!std::filesystem::is_regular_file(path, ec))
        throw InputError(name + ": no such trace file");
    r.file_size_ = std::filesystem::file_size(path, ec);
    if (ec) throw InputError(name + ": cannot read trace: " + ec.message());
    errno = 0;
    r.file_.reset(std::fopen(name.c_str(), "rb"));
    if (!r.file_)
        throw InputError(
            name + ": cannot open trace: " + (errno ? std::strerror(errno) : "unknown error"));

    std::uint8_t prefix[detail::kHeaderPrefix];
    std::size_t got = std::fread(prefix, 1, sizeof prefix, r.file_.get());
    if (got < 8 || std::memcmp(prefix, kMagic, 8) != 0)
        throw InputError(name + ": not an aetrace trace (bad magic)");
    if (got < sizeof prefix) throw InputError(name + ": damaged trace header (file too short)");
    r.header_.format_major = le16(prefix + 8);
    r.header_.format_minor = le16(prefix + 10);
    if (r.header_.format_major > kFormatMajor)
        throw InputError(name + ": trace format " + std::to_string(r.header_.format_major) +
                         ".x is newer than this aetrace (reads " + std::to_string(kFormatMajor) +
                         ".x)");
    if (r.header_.format_major < 1)
        throw InputError(name + ": damaged trace header (format major 0)");
    std::uint32_t size = le32(prefix + 12);
    if (size < detail::kHeaderPrefix + detail::kFrameTail || size > detail::kMaxHeader)
        throw InputError(name + ": damaged trace header (header size " + std::to_string(size) +
                         ")");
    std::vector<std::uint8_t> bytes(prefix, prefix + sizeof prefix);
    bytes.resize(size);
    std::size_t rest = size - sizeof prefix;
    if (std::fread(bytes.data() + sizeof prefix, 1, rest, r.file_.get()) != rest)
        throw InputError(name + ": damaged trace header (file too short)");
    if (detail::checksum32(bytes.data(), size - 4) != le32(bytes.data() + size - 4))
        throw InputError(name + ": damaged trace header (checksum mismatch)");
    if (!detail::decode_header_fields(bytes.data() + sizeof prefix,
                                      size - sizeof prefix - detail::kFrameTail, &r.header_))
        throw InputError(name + ": damaged trace header (fields missing)");
    r.header_size_ = size;
    r.offset_ = size;
    return r;
}

std::optional<Record> TraceReader::stop(ReadStatus::State state, std::string reason) {
    status_.state = state;
    status_.offset = offset_;
    status_.reason = std::move(reason);
    file_.reset();
    return std::nullopt;
}

std::optional<Record> TraceReader::next() {
    while (file_) {
        if (offset_ == file_size_) return stop(ReadStatus::State::kNoEnd, "");
        std::uint8_t head[detail::kFrameHead];
        std::size_t got = std::fread(head, 1, sizeof head, file_.get());
        if (got < sizeof head) {
            if (std::ferror(file_.get()))
                throw InputError(path_.string() + ": read error: " + std::strerror(errno));
            return stop(ReadStatus::State::kTruncated,
                        "short read: " + std::to_string(got) + " of 8 frame header bytes");
        }
        std::uint32_t size = le32(head);
        std::uint16_t type = le16(head + 4);
        if (size > detail::kMaxPayload)
            return stop(ReadStatus::State::kDamaged,
                        "absurd record size " + std::to_string(size) + " in record " +
                            std::to_string(status_.records_read + status_.unknown_skipped + 1));
        std::size_t want = size + detail::kFrameTail;
        if (offset_ + sizeof head + want > file_size_)
            return stop(ReadStatus::State::kTruncated,
                        "short read: " + std::to_string(file_size_ - offset_ - sizeof head) +
                            " of " + std::to_string(want) + " record bytes");
        frame_.resize(detail::kFrameHead + want);
        std::memcpy(frame_.data(), head, sizeof head);
        got = std::fread(frame_.data() + sizeof head, 1, want, file_.get());
        if (got < want) {
            if (std::ferror(file_.get()))
                throw InputError(path_.string() + ": read error: " + std::strerror(errno));
            return stop(ReadStatus::State::kTruncated, "short read: " + std::to_string(got) +
                                                           " of " + std::to_string(want) +
                                                           " record bytes");
        }
        std::uint64_t number = status_.records_read + status_.unknown_skipped + 1;
        std::size_t body = detail::kFrameHead + size;
        if (detail::checksum32(frame_.data(), body) != le32(frame_.data() + body))
            return stop(ReadStatus::State::kDamaged,
                        "checksum mismatch in record " + std::to_string(number));
        if (!is_known_record_type(type)) {
            ++status_.unknown_skipped;
            offset_ += body + detail::kFrameTail;
            continue;
        }
        Record record;
        std::string why;
        if (!detail::decode_payload(static_cast<RecordType>(type), frame_.data() + sizeof head,
                                    size, &record, &why))
            return stop(ReadStatus::State::kDamaged, why + " in record " + std::to_string(number));
        offset_ += body + detail::kFrameTail;
        ++status_.records_read;
        if (type == static_cast<std::uint16_t>(RecordType::kEnd)) {
            status_.state = ReadStatus::State::kClean;
            status_.offset = offset_;
            file_.reset();
        }
        return record;
    }
    return std::nullopt;
}

}  // namespace aetrace::format
