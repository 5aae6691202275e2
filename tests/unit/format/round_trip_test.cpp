#include <gtest/gtest.h>

#include <set>

#include "aetrace/format/trace.h"
#include "aetrace/format/trace_reader.h"
#include "aetrace/test/temp_dir.h"
#include "sample_trace.h"

using namespace aetrace::format;
using aetrace::format::test::same_record;
using aetrace::format::test::sample_records;
using aetrace::test::TempDir;

TEST(TraceRoundTripTest, EveryRecordTypeReadsBackAsWritten) {
    TempDir dir;
    test::write_sample(dir / "t.aetrace");
    TraceReader reader = TraceReader::open(dir / "t.aetrace");
    EXPECT_EQ(reader.header(), test::sample_header());
    EXPECT_EQ(reader.header().format_major, 1);
    EXPECT_EQ(reader.header().format_minor, 0);
    std::vector<Record> expected = sample_records();
    std::set<RecordType> seen_types;
    for (std::size_t i = 0; i < expected.size(); ++i) {
        std::optional<Record> r = reader.next();
        ASSERT_TRUE(r) << "record " << i << ": " << reader.status().describe();
        EXPECT_TRUE(same_record(*r, expected[i])) << "record " << i;
        seen_types.insert(record_type(*r));
    }
    for (RecordType t : kAllRecordTypes) EXPECT_EQ(seen_types.count(t), 1u) << record_type_name(t);
    EXPECT_FALSE(reader.next());
    EXPECT_EQ(reader.status().state, ReadStatus::State::kClean);
    EXPECT_EQ(reader.status().records_read, expected.size());
    EXPECT_EQ(reader.status().unknown_skipped, 0u);
}

TEST(TraceRoundTripTest, ReadTraceGroupsRecordsAndKeysPayloadsBySeq) {
    TempDir dir;
    test::write_sample(dir / "t.aetrace");
    Trace t = read_trace(dir / "t.aetrace", true);
    EXPECT_EQ(t.calls.size(), 5u);
    ASSERT_EQ(t.payloads.count(3), 1u);
    EXPECT_EQ(t.payloads.at(3).bytes.size(), 16u);
    EXPECT_EQ(t.violations.size(), 1u);
    EXPECT_EQ(t.endpoints.size(), 2u);
    EXPECT_EQ(t.events.size(), 2u);
    EXPECT_EQ(t.metadata.size(), 1u);
    EXPECT_EQ(t.digests.size(), 1u);
    EXPECT_EQ(t.gaps.size(), 1u);
    ASSERT_TRUE(t.end);
    EXPECT_EQ(*t.end, (EndRecord{5, 1}));  // counted by the writer
    EXPECT_EQ(t.order.size(), sample_records().size());
    EXPECT_EQ(t.status.state, ReadStatus::State::kClean);
}

TEST(TraceRoundTripTest, WriteTraceReproducesTheFile) {
    TempDir dir;
    test::write_sample(dir / "a.aetrace");
    write_trace(dir / "b.aetrace", read_trace(dir / "a.aetrace"));
    EXPECT_EQ(test::file_bytes(dir / "a.aetrace"), test::file_bytes(dir / "b.aetrace"));
}

TEST(TraceRoundTripTest, HandBuiltTraceUsesCanonicalOrder) {
    TempDir dir;
    Trace t;
    t.header = test::sample_header();
    CallRecord c;
    c.seq = 7;
    c.method = aetrace::abi::MethodId::IAudioEndpointControl_Start;
    t.calls.push_back(c);
    t.payloads[7] = AudioPayload{7, 0, 1, {9, 9}};
    t.metadata.push_back({"k", "v"});
    write_trace(dir / "h.aetrace", t);
    Trace back = read_trace(dir / "h.aetrace");
    ASSERT_EQ(back.order.size(), 3u);
    EXPECT_EQ(back.order[0].type, RecordType::kMetadata);
    EXPECT_EQ(back.order[1].type, RecordType::kCall);
    EXPECT_EQ(back.order[2], (RecordRef{RecordType::kAudioPayload, 7}));
    EXPECT_EQ(back.status.state, ReadStatus::State::kNoEnd);  // no End in the Trace, none written
}
