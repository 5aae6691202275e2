#include <gtest/gtest.h>

#include "aetrace/abi/error.h"
#include "aetrace/format/trace.h"
#include "aetrace/test/temp_dir.h"
#include "sample_trace.h"

using namespace aetrace::format;
using aetrace::InputError;
using aetrace::test::TempDir;

TEST(TraceDamageTest, TruncationAtEveryOffsetKeepsEveryIntactRecord) {
    TempDir dir;
    test::write_sample(dir / "full.aetrace");
    const std::vector<std::uint8_t> bytes = test::file_bytes(dir / "full.aetrace");
    const std::vector<std::size_t> offsets = test::record_offsets(bytes);
    const std::size_t header_size = offsets.front();
    const auto cut_path = dir / "cut.aetrace";
    for (std::size_t cut = 0; cut <= bytes.size(); ++cut) {
        test::put_bytes(cut_path, {bytes.begin(), bytes.begin() + static_cast<long>(cut)});
        if (cut < header_size) {
            EXPECT_THROW(read_trace(cut_path), InputError) << cut;
            continue;
        }
        Trace t = read_trace(cut_path);
        // Records whose frame ends at or before the cut are intact.
        std::size_t intact = 0;
        while (intact + 1 < offsets.size() && offsets[intact + 1] <= cut) ++intact;
        ASSERT_EQ(t.status.records_read, intact) << "cut at " << cut;
        ASSERT_EQ(t.order.size(), intact) << "cut at " << cut;
        if (cut == bytes.size()) {
            EXPECT_EQ(t.status.state, ReadStatus::State::kClean);
        } else if (cut == offsets[intact]) {
            EXPECT_EQ(t.status.state, ReadStatus::State::kNoEnd) << cut;
            EXPECT_EQ(t.status.offset, cut);
        } else {
            EXPECT_EQ(t.status.state, ReadStatus::State::kTruncated) << cut;
            EXPECT_EQ(t.status.offset, offsets[intact]) << cut;
            EXPECT_NE(t.status.reason.find("short read"), std::string::npos);
            EXPECT_THROW(read_trace(cut_path, true), InputError);
        }
    }
}

TEST(TraceDamageTest, FlippedByteIsReportedAsChecksumMismatch) {
    TempDir dir;
    test::write_sample(dir / "t.aetrace");
    std::vector<std::uint8_t> bytes = test::file_bytes(dir / "t.aetrace");
    const std::vector<std::size_t> offsets = test::record_offsets(bytes);
    bytes[offsets[2] + 9] ^= 0x40;  // inside the payload of record 3
    test::put_bytes(dir / "t.aetrace", bytes);

    Trace t = read_trace(dir / "t.aetrace");
    EXPECT_EQ(t.status.state, ReadStatus::State::kDamaged);
    EXPECT_EQ(t.status.offset, offsets[2]);
    EXPECT_EQ(t.status.reason, "checksum mismatch in record 3");
    EXPECT_EQ(t.status.records_read, 2u);
    EXPECT_EQ(t.endpoints.size(), 2u);

    const std::string path = (dir / "t.aetrace").string();
    try {
        read_trace(dir / "t.aetrace", true);
        FAIL() << "strict read accepted a damaged trace";
    } catch (const InputError& e) {
        EXPECT_EQ(std::string(e.what()), path + ": trace damaged at byte " +
                                             std::to_string(offsets[2]) +
                                             " (checksum mismatch in record 3); 2 records before "
                                             "it are intact");
    }
}

TEST(TraceDamageTest, AbsurdRecordSizeIsDamage) {
    TempDir dir;
    test::write_sample(dir / "t.aetrace");
    std::vector<std::uint8_t> bytes = test::file_bytes(dir / "t.aetrace");
    const std::vector<std::size_t> offsets = test::record_offsets(bytes);
    test::set_u32(bytes, offsets[1], 0xFFFFFFF0u);
    test::put_bytes(dir / "t.aetrace", bytes);
    Trace t = read_trace(dir / "t.aetrace");
    EXPECT_EQ(t.status.state, ReadStatus::State::kDamaged);
    EXPECT_EQ(t.status.offset, offsets[1]);
    EXPECT_NE(t.status.reason.find("absurd record size"), std::string::npos);
    EXPECT_EQ(t.status.records_read, 1u);
}

TEST(TraceDamageTest, DamagedHeaderIsRefusedNamingThePath) {
    TempDir dir;
    test::write_sample(dir / "t.aetrace");
    std::vector<std::uint8_t> bytes = test::file_bytes(dir / "t.aetrace");
    bytes[20] ^= 1;  // inside the writer version string
    test::put_bytes(dir / "t.aetrace", bytes);
    try {
        TraceReader::open(dir / "t.aetrace");
        FAIL();
    } catch (const InputError& e) {
        EXPECT_EQ(std::string(e.what()),
                  (dir / "t.aetrace").string() + ": damaged trace header (checksum mismatch)");
    }
}
