// A small trace with one record of every type, for the format tests.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "aetrace/format/trace.h"

namespace aetrace::format::test {

/// A header with non-trivial strings and an extensible default format.
TraceHeader sample_header();
/// One record of every type (and a few calls of different shapes), in file order, End last.
std::vector<Record> sample_records();
/// `trace` as dump_jsonl() writes it.
std::string dump_text(const Trace& trace);
/// Field-by-field equality of two records (false when their types differ).
bool same_record(const Record& a, const Record& b);
/// Writes sample_records() through TraceWriter (the End comes from commit()) to `path`.
void write_sample(const std::filesystem::path& path);
/// The raw bytes of a file.
std::vector<std::uint8_t> file_bytes(const std::filesystem::path& path);
/// Writes raw bytes to a file.
void put_bytes(const std::filesystem::path& path, const std::vector<std::uint8_t>& bytes);

}  // namespace aetrace::format::test

namespace aetrace::format::test {

/// Little-endian u32 at `at`.
std::uint32_t get_u32(const std::vector<std::uint8_t>& bytes, std::size_t at);
/// Stores a little-endian u32 at `at`.
void set_u32(std::vector<std::uint8_t>& bytes, std::size_t at, std::uint32_t value);
/// Start offsets of every record frame in a trace file's bytes, plus the file size at the end.
std::vector<std::size_t> record_offsets(const std::vector<std::uint8_t>& bytes);
/// One framed record {size, type, flags, payload, checksum} with a correct checksum.
std::vector<std::uint8_t> frame(std::uint16_t type, const std::vector<std::uint8_t>& payload);
/// Recomputes the header checksum after a test edited the header bytes.
void fix_header_checksum(std::vector<std::uint8_t>& bytes);

}  // namespace aetrace::format::test
