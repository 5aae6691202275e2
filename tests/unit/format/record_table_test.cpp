// Every row of the record-type table (AETRACE_RECORD_TYPES) goes through every layer of the format:
// TraceWriter -> TraceReader -> read_trace -> dump_jsonl -> import_jsonl -> write_trace. A row
// without a sample in sample_records(), or whose codec or JSONL handler loses a field, fails here.
#include <gtest/gtest.h>

#include <set>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "aetrace/format/jsonl.h"
#include "aetrace/format/trace.h"
#include "aetrace/format/trace_reader.h"
#include "aetrace/format/trace_writer.h"
#include "aetrace/test/temp_dir.h"
#include "sample_trace.h"

using namespace aetrace::format;
using aetrace::format::test::same_record;
using aetrace::test::TempDir;

namespace {

std::vector<Record> samples_of(RecordType type) {
    std::vector<Record> of_type;
    for (const Record& r : test::sample_records())
        if (record_type(r) == type) of_type.push_back(r);
    return of_type;
}

/// Writes `record` alone (plus the End commit() adds) and reads it back with TraceReader.
void expect_reads_back(const std::filesystem::path& path, const Record& record) {
    TraceWriter w = TraceWriter::create(path, test::sample_header());
    w.write_record(record);
    w.commit();
    TraceReader reader = TraceReader::open(path);
    std::optional<Record> back = reader.next();
    ASSERT_TRUE(back) << reader.status().describe();
    EXPECT_EQ(record_type(*back), record_type(record));
    EXPECT_TRUE(same_record(*back, record));
    if (record_type(record) != RecordType::kEnd) {
        std::optional<Record> end = reader.next();
        ASSERT_TRUE(end) << reader.status().describe();
        EXPECT_EQ(record_type(*end), RecordType::kEnd);
    }
    EXPECT_FALSE(reader.next());
    EXPECT_EQ(reader.status().state, ReadStatus::State::kClean);
    EXPECT_EQ(reader.status().unknown_skipped, 0u);
}

/// read_trace -> dump_jsonl -> import_jsonl -> write_trace gives back the record, the same text
/// and the same bytes.
void expect_jsonl_round_trip(const std::filesystem::path& a, const std::filesystem::path& b,
                             const Record& record) {
    std::string text = test::dump_text(read_trace(a, true));
    std::string want = R"({"type":")" + std::string(record_type_name(record_type(record))) + '"';
    std::istringstream lines(text);
    std::string header, first;
    std::getline(lines, header);
    std::getline(lines, first);
    EXPECT_EQ(first.rfind(want, 0), 0u) << first;

    std::istringstream in(text);
    Trace imported = import_jsonl(in, "row.jsonl");
    ASSERT_FALSE(imported.order.empty());
    EXPECT_TRUE(same_record(record_at(imported, imported.order.front()), record)) << first;
    write_trace(b, imported);
    EXPECT_EQ(test::file_bytes(a), test::file_bytes(b));
    EXPECT_EQ(test::dump_text(read_trace(b, true)), text);
}

}  // namespace

TEST(RecordTableTest, EveryRowHasANameAnIdAndAStruct) {
    std::set<std::string_view> names;
    std::set<std::uint16_t> ids;
    for (RecordType type : kAllRecordTypes) {
        std::string_view name = record_type_name(type);
        EXPECT_FALSE(name.empty());
        EXPECT_TRUE(names.insert(name).second) << name;
        EXPECT_TRUE(ids.insert(static_cast<std::uint16_t>(type)).second) << name;
        EXPECT_EQ(record_type_named(name), type) << name;
        EXPECT_TRUE(is_known_record_type(static_cast<std::uint16_t>(type))) << name;
        bool visited = visit_record_type(type, [&](auto tag) {
            using T = typename decltype(tag)::type;
            EXPECT_EQ(kRecordTypeOf<T>, type) << name;
            EXPECT_EQ(record_type(Record(T{})), type) << name;
        });
        EXPECT_TRUE(visited) << name;
    }
    EXPECT_EQ(names.size(), kRecordTypeCount);
    EXPECT_EQ(std::variant_size_v<Record>, kRecordTypeCount);
    EXPECT_FALSE(is_known_record_type(0));
    EXPECT_FALSE(is_known_record_type(0xFFFF));
    EXPECT_FALSE(record_type_named("header"));
    EXPECT_FALSE(visit_record_type(static_cast<RecordType>(0xFFFF), [](auto) {}));
}

TEST(RecordTableTest, EveryRowRoundTripsThroughBinaryAndJsonl) {
    TempDir dir;
    std::size_t rows = 0;
    for (RecordType type : kAllRecordTypes) {
        std::string name(record_type_name(type));
        SCOPED_TRACE("record type " + name);
        std::vector<Record> samples = samples_of(type);
        EXPECT_FALSE(samples.empty())
            << "sample_records() has no sample for the row \"" << name << "\": add one";
        for (std::size_t i = 0; i < samples.size(); ++i) {
            SCOPED_TRACE("sample " + std::to_string(i));
            std::filesystem::path a = dir / (name + std::to_string(i) + ".aetrace");
            std::filesystem::path b = dir / (name + std::to_string(i) + "-back.aetrace");
            expect_reads_back(a, samples[i]);
            expect_jsonl_round_trip(a, b, samples[i]);
        }
        rows += samples.empty() ? 0 : 1;
    }
    EXPECT_EQ(rows, kRecordTypeCount);
}
