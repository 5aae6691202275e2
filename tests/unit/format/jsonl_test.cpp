#include <gtest/gtest.h>

#include <sstream>

#include "aetrace/abi/error.h"
#include "aetrace/format/jsonl.h"
#include "aetrace/format/trace_writer.h"
#include "aetrace/test/temp_dir.h"
#include "sample_trace.h"

using namespace aetrace::format;
using aetrace::InputError;
using aetrace::test::TempDir;

namespace {

std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> lines;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) lines.push_back(line);
    return lines;
}

std::string import_error(const std::string& text) {
    std::istringstream in(text);
    try {
        import_jsonl(in, "hand.jsonl");
    } catch (const InputError& e) {
        return e.what();
    }
    return "(no error)";
}

const std::string kHeader =
    R"({"type":"header","format":"1.0","writer":"w","host":"h","clock":"virtual","flags":0,)"
    R"("default_format":{"tag":1,"channels":2,"rate":48000,"avg_bytes_per_sec":192000,)"
    R"("block_align":4,"bits":16,"cb_size":0,"valid_bits":0,"channel_mask":0,)"
    R"("subformat":"{00000000-0000-0000-0000-000000000000}"}})";

}  // namespace

TEST(JsonlTest, BinaryDumpImportWriteIsByteIdentical) {
    TempDir dir;
    test::write_sample(dir / "a.aetrace");
    std::string text = test::dump_text(read_trace(dir / "a.aetrace", true));
    std::istringstream in(text);
    write_trace(dir / "b.aetrace", import_jsonl(in, "a.jsonl"));
    EXPECT_EQ(test::file_bytes(dir / "a.aetrace"), test::file_bytes(dir / "b.aetrace"));
    // And the text form is stable too.
    EXPECT_EQ(test::dump_text(read_trace(dir / "b.aetrace", true)), text);
}

TEST(JsonlTest, PayloadBytesOfEveryLengthSurviveBase64) {
    TempDir dir;
    TraceWriter w = TraceWriter::create(dir / "a.aetrace", test::sample_header());
    std::vector<std::uint8_t> bytes;
    for (std::uint32_t n = 0; n < 8; ++n) {
        w.write_payload(n, 0, n, bytes.data(), n);
        bytes.push_back(static_cast<std::uint8_t>(0xF0 + n * 37));
    }
    w.commit();
    std::istringstream in(test::dump_text(read_trace(dir / "a.aetrace")));
    write_trace(dir / "b.aetrace", import_jsonl(in, "a.jsonl"));
    EXPECT_EQ(test::file_bytes(dir / "a.aetrace"), test::file_bytes(dir / "b.aetrace"));
}

TEST(JsonlTest, CallLinesCarryOnlyTheFieldsTheMethodUses) {
    TempDir dir;
    test::write_sample(dir / "a.aetrace");
    std::vector<std::string> lines = lines_of(test::dump_text(read_trace(dir / "a.aetrace")));
    ASSERT_EQ(lines.size(), 1 + test::sample_records().size());
    EXPECT_EQ(lines[0].rfind(R"({"type":"header","format":"1.0",)", 0), 0u) << lines[0];
    const std::string& padding = lines[6];
    EXPECT_NE(padding.find(R"("call":"IAudioEndpointRT::GetCurrentPadding")"), std::string::npos);
    EXPECT_NE(padding.find(R"("padding":480)"), std::string::npos) << padding;
    EXPECT_NE(padding.find(R"("flags":["continuous"])"), std::string::npos) << padding;
    EXPECT_NE(padding.find(R"("fps":44099.8984375)"), std::string::npos) << padding;
    EXPECT_EQ(padding.find(R"("hr")"), std::string::npos) << padding;  // void method
    EXPECT_EQ(padding.find(R"("format")"), std::string::npos) << padding;
    EXPECT_EQ(padding.find(R"("buffer")"), std::string::npos) << padding;
    const std::string& set_buffer = lines[5];
    EXPECT_NE(set_buffer.find(R"("hr":"E_INVALIDARG")"), std::string::npos) << set_buffer;
    EXPECT_NE(set_buffer.find(R"("max_period_hns":100000,"latency_coefficient":2)"),
              std::string::npos)
        << set_buffer;
    EXPECT_EQ(set_buffer.find(R"("position")"), std::string::npos) << set_buffer;
    const std::string& release = lines[7];
    EXPECT_NE(release.find(R"("connection_in":{"valid_frames":2,"buffer_flags":"valid")"),
              std::string::npos)
        << release;
    EXPECT_NE(release.find(R"("buffer":{"frames":2,"bytes":16,"xxh3":")"), std::string::npos);
    EXPECT_NE(lines[8].find(R"("bytes":"AQIDBAUGBwgJCgsMDQ4PEA==")"), std::string::npos)
        << lines[8];
}

TEST(JsonlTest, HandWrittenLinesImport) {
    std::istringstream in(kHeader + "\n\n" +
                          R"({"type":"call","seq":0,"call":"IAudioEndpointControl::Start",)"
                          R"("thread":0,"endpoint":0,"vt":5,"hr":"S_OK"})" +
                          "\n");
    Trace t = import_jsonl(in, "hand.jsonl");
    ASSERT_EQ(t.calls.size(), 1u);
    EXPECT_EQ(t.calls[0].method, aetrace::abi::MethodId::IAudioEndpointControl_Start);
    EXPECT_EQ(t.calls[0].virtual_time, 5);
    EXPECT_EQ(t.header.default_format.Format.nSamplesPerSec, 48000u);
}

TEST(JsonlTest, ImportErrorsNameTheLine) {
    EXPECT_EQ(import_error(kHeader + "\n{\"type\":\"gap\",\"thread\":1,\"first_seq\":2}\n"),
              "hand.jsonl:2: missing field \"count\"");
    EXPECT_EQ(import_error(kHeader + "\n\n" +
                           R"({"type":"call","seq":0,"call":"IAudioEndpointRT::Nope",)"
                           R"("thread":0,"endpoint":0,"vt":0})"),
              "hand.jsonl:3: unknown method \"IAudioEndpointRT::Nope\"");
    EXPECT_EQ(import_error(kHeader + "\n{\"type\":\"end\",\"call_count\":1,")
                  .rfind("hand.jsonl:2: bad JSON: ", 0),
              0u);
    EXPECT_EQ(
        import_error(kHeader + "\n{\"type\":\"gap\",\"thread\":-1,\"first_seq\":2,\"count\":1}"),
        "hand.jsonl:2: field \"thread\": expected an unsigned integer");
    EXPECT_EQ(import_error(kHeader + "\n{\"type\":\"wat\"}"),
              "hand.jsonl:2: unknown record type \"wat\"");
    EXPECT_EQ(import_error(R"({"type":"end","call_count":0,"violation_count":0})"),
              "hand.jsonl:1: expected the header object first");
    EXPECT_EQ(import_error(kHeader + "\n" +
                           R"({"type":"call","seq":0,"call":"IAudioEndpointControl::Start",)"
                           R"("thread":0,"endpoint":0,"vt":0})"),
              "hand.jsonl:2: missing field \"hr\"");
}
