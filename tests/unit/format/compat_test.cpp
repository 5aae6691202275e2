#include <gtest/gtest.h>

#include "aetrace/abi/error.h"
#include "aetrace/format/trace.h"
#include "aetrace/test/temp_dir.h"
#include "sample_trace.h"

using namespace aetrace::format;
using aetrace::InputError;
using aetrace::test::TempDir;

namespace {

std::string open_error(const std::filesystem::path& path) {
    try {
        TraceReader::open(path);
    } catch (const InputError& e) {
        return e.what();
    }
    return "(no error)";
}

std::vector<std::uint8_t> insert_after_header(std::vector<std::uint8_t> bytes,
                                              const std::vector<std::uint8_t>& extra) {
    std::size_t at = test::get_u32(bytes, 12);
    bytes.insert(bytes.begin() + static_cast<long>(at), extra.begin(), extra.end());
    return bytes;
}

}  // namespace

TEST(TraceCompatTest, UnknownRecordTypeIsSkippedAndCounted) {
    TempDir dir;
    test::write_sample(dir / "t.aetrace");
    auto bytes =
        insert_after_header(test::file_bytes(dir / "t.aetrace"), test::frame(200, {1, 2, 3, 4, 5}));
    test::put_bytes(dir / "t.aetrace", bytes);
    Trace t = read_trace(dir / "t.aetrace", true);
    EXPECT_EQ(t.status.state, ReadStatus::State::kClean);
    EXPECT_EQ(t.status.unknown_skipped, 1u);
    EXPECT_EQ(t.status.records_read, test::sample_records().size());
    EXPECT_EQ(t.endpoints.size(), 2u);
}

TEST(TraceCompatTest, NewerMajorIsRefused) {
    TempDir dir;
    test::write_sample(dir / "t.aetrace");
    auto bytes = test::file_bytes(dir / "t.aetrace");
    bytes[8] = 2;  // major 2
    test::fix_header_checksum(bytes);
    test::put_bytes(dir / "t.aetrace", bytes);
    EXPECT_EQ(
        open_error(dir / "t.aetrace"),
        (dir / "t.aetrace").string() + ": trace format 2.x is newer than this aetrace (reads 1.x)");
}

TEST(TraceCompatTest, NewerMinorWithLongerHeaderIsAccepted) {
    TempDir dir;
    test::write_sample(dir / "t.aetrace");
    auto bytes = test::file_bytes(dir / "t.aetrace");
    std::size_t size = test::get_u32(bytes, 12);
    bytes[10] = 7;  // minor 7
    // A 1.7 writer appended a field to the header, before the checksum.
    const std::vector<std::uint8_t> field = {0xAA, 0xBB, 0xCC, 0xDD, 0xEE, 0xFF};
    bytes.insert(bytes.begin() + static_cast<long>(size - 4), field.begin(), field.end());
    test::set_u32(bytes, 12, static_cast<std::uint32_t>(size + field.size()));
    test::fix_header_checksum(bytes);
    test::put_bytes(dir / "t.aetrace", bytes);
    TraceReader r = TraceReader::open(dir / "t.aetrace");
    EXPECT_EQ(r.header().format_minor, 7);
    EXPECT_EQ(r.header().writer_version, test::sample_header().writer_version);
    Trace t = read_trace(dir / "t.aetrace", true);
    EXPECT_EQ(t.status.state, ReadStatus::State::kClean);
    EXPECT_EQ(t.status.records_read, test::sample_records().size());
}

TEST(TraceCompatTest, PayloadLongerThanExpectedIsTolerated) {
    TempDir dir;
    test::write_sample(dir / "t.aetrace");
    // A Gap record from a newer minor with 8 more payload bytes appended.
    std::vector<std::uint8_t> gap(4 + 8 + 8 + 8, 0);
    test::set_u32(gap, 0, 3);      // thread
    test::set_u32(gap, 4, 11);     // first seq (low half)
    test::set_u32(gap, 12, 22);    // count (low half)
    test::set_u32(gap, 20, 0xEE);  // the newer field
    auto bytes =
        insert_after_header(test::file_bytes(dir / "t.aetrace"),
                            test::frame(static_cast<std::uint16_t>(RecordType::kGap), gap));
    test::put_bytes(dir / "t.aetrace", bytes);
    Trace t = read_trace(dir / "t.aetrace", true);
    ASSERT_EQ(t.gaps.size(), 2u);
    EXPECT_EQ(t.gaps[0], (GapRecord{3, 11, 22}));
    EXPECT_EQ(t.status.state, ReadStatus::State::kClean);
}

TEST(TraceCompatTest, PayloadShorterThanItsTypeIsDamage) {
    TempDir dir;
    test::write_sample(dir / "t.aetrace");
    auto bytes =
        insert_after_header(test::file_bytes(dir / "t.aetrace"),
                            test::frame(static_cast<std::uint16_t>(RecordType::kGap), {1, 2, 3}));
    test::put_bytes(dir / "t.aetrace", bytes);
    Trace t = read_trace(dir / "t.aetrace");
    EXPECT_EQ(t.status.state, ReadStatus::State::kDamaged);
    EXPECT_EQ(t.status.reason, "payload too short for its type in record 1");
}

TEST(TraceCompatTest, MissingFileErrorNamesThePath) {
    TempDir dir;
    EXPECT_EQ(open_error(dir / "nope.aetrace"),
              (dir / "nope.aetrace").string() + ": no such trace file");
}

TEST(TraceCompatTest, BadMagicErrorNamesThePath) {
    TempDir dir;
    test::put_bytes(dir / "x.wav",
                    {'R', 'I', 'F', 'F', 0, 0, 0, 0, 'W', 'A', 'V', 'E', 0, 0, 0, 0});
    EXPECT_EQ(open_error(dir / "x.wav"),
              (dir / "x.wav").string() + ": not an aetrace trace (bad magic)");
    test::put_bytes(dir / "empty", {});
    EXPECT_EQ(open_error(dir / "empty"),
              (dir / "empty").string() + ": not an aetrace trace (bad magic)");
}
