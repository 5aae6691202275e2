#include "aetrace/format/trace_writer.h"

#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <system_error>
#include <utility>

#include "aetrace/abi/error.h"
#include "codec.h"

namespace aetrace::format {

TraceWriter TraceWriter::create(const std::filesystem::path& path, const TraceHeader& header) {
    TraceWriter w;
    w.path_ = path;
    if (!w.file_.open(path, io::TempName::kFixed))
        throw InputError(path.string() + ": cannot create trace: " + w.file_.error());
    std::vector<std::uint8_t> bytes = detail::encode_header(header);
    w.put(bytes.data(), bytes.size());
    return w;
}

TraceWriter::TraceWriter(TraceWriter&& other) noexcept
    : path_(std::move(other.path_)),
      file_(std::move(other.file_)),
      frame_(std::move(other.frame_)),
      calls_(other.calls_),
      violations_(other.violations_),
      end_written_(other.end_written_),
      committed_(other.committed_) {}

TraceWriter& TraceWriter::operator=(TraceWriter&& other) noexcept {
    if (this != &other) {
        discard();
        path_ = std::move(other.path_);
        file_ = std::move(other.file_);
        frame_ = std::move(other.frame_);
        calls_ = other.calls_;
        violations_ = other.violations_;
        end_written_ = other.end_written_;
        committed_ = other.committed_;
    }
    return *this;
}

TraceWriter::~TraceWriter() {
    discard();
}

void TraceWriter::discard() noexcept {
    file_.abandon();
}

void TraceWriter::fail(const std::string& what) {
    std::string reason = errno ? std::strerror(errno) : "I/O error";
    throw InputError(path_.string() + ": " + what + ": " + reason);
}

void TraceWriter::put(const std::uint8_t* data, std::size_t n) {
    if (!file_.is_open()) throw std::logic_error("TraceWriter used after commit()");
    errno = 0;
    if (n != 0 && std::fwrite(data, 1, n, file_.stream()) != n) fail("cannot write trace");
}

void TraceWriter::append(const Record& record) {
    if (!file_.is_open()) throw std::logic_error("TraceWriter used after commit()");
    frame_.clear();
    detail::encode_record(record, frame_);
    put(frame_.data(), frame_.size());
    RecordType type = record_type(record);
    if (type == RecordType::kCall) ++calls_;
    if (type == RecordType::kViolation) ++violations_;
    if (type == RecordType::kEnd) end_written_ = true;
}

void TraceWriter::write_call(const CallRecord& call) {
    append(call);
}

void TraceWriter::write_payload(std::uint64_t seq, std::uint32_t endpoint, std::uint32_t frames,
                                const std::uint8_t* data, std::uint32_t bytes) {
    AudioPayload p{seq, endpoint, frames, {}};
    if (bytes != 0) p.bytes.assign(data, data + bytes);
    append(p);
}

void TraceWriter::write_violation(const ViolationRecord& v) {
    append(v);
}
void TraceWriter::write_endpoint_info(const EndpointInfo& e) {
    append(e);
}
void TraceWriter::write_event(const EventRecord& e) {
    append(e);
}
void TraceWriter::write_metadata(const MetadataRecord& m) {
    append(m);
}
void TraceWriter::write_output_digest(const OutputDigestRecord& d) {
    append(d);
}
void TraceWriter::write_gap(const GapRecord& g) {
    append(g);
}
void TraceWriter::write_record(const Record& r) {
    append(r);
}

void TraceWriter::flush() {
    if (!file_.is_open()) throw std::logic_error("TraceWriter::flush() after commit()");
    errno = 0;
    if (std::fflush(file_.stream()) != 0) fail("cannot write trace");
}

bool TraceWriter::close_keep_temp() noexcept {
    return file_.close_keep_temp();
}

void TraceWriter::commit() {
    finish(true);
}
void TraceWriter::commit_without_end() {
    finish(false);
}

void TraceWriter::finish(bool write_end) {
    if (!file_.is_open()) throw std::logic_error("TraceWriter::commit() called twice");
    if (write_end && !end_written_) append(EndRecord{calls_, violations_});
    if (!file_.commit()) {  // flush, fsync, close, rename; the temp file is removed on failure
        if (file_.failed_step() == io::Step::kRename)
            throw InputError(path_.string() +
                             ": cannot rename temp file into place: " + file_.error());
        throw InputError(path_.string() + ": cannot write trace: " + file_.error());
    }
    committed_ = true;
}

}  // namespace aetrace::format
