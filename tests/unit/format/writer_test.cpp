#include <gtest/gtest.h>

#include "aetrace/abi/error.h"
#include "aetrace/format/trace.h"
#include "aetrace/format/trace_writer.h"
#include "aetrace/test/temp_dir.h"
#include "sample_trace.h"

using namespace aetrace::format;
using aetrace::InputError;
using aetrace::test::TempDir;
namespace fs = std::filesystem;

TEST(TraceWriterTest, UncommittedWriterLeavesNoFile) {
    TempDir dir;
    {
        TraceWriter w = TraceWriter::create(dir / "t.aetrace", test::sample_header());
        w.write_metadata({"k", "v"});
        EXPECT_TRUE(fs::exists(dir / "t.aetrace.tmp"));
        EXPECT_FALSE(fs::exists(dir / "t.aetrace"));
    }
    EXPECT_FALSE(fs::exists(dir / "t.aetrace.tmp"));
    EXPECT_FALSE(fs::exists(dir / "t.aetrace"));
}

TEST(TraceWriterTest, CommitRenamesTheTempFileAndWritesEnd) {
    TempDir dir;
    TraceWriter w = TraceWriter::create(dir / "t.aetrace", test::sample_header());
    CallRecord c;
    c.method = aetrace::abi::MethodId::IAudioEndpointControl_Start;
    w.write_call(c);
    w.write_violation({});
    TraceWriter moved = std::move(w);  // movable: the recorder keeps it in a member
    moved.commit();
    EXPECT_FALSE(fs::exists(dir / "t.aetrace.tmp"));
    Trace t = read_trace(dir / "t.aetrace", true);
    ASSERT_TRUE(t.end);
    EXPECT_EQ(*t.end, (EndRecord{1, 1}));
    EXPECT_THROW(moved.write_gap({}), std::logic_error);
}

TEST(TraceWriterTest, FlushMakesRecordsReadableAndCloseKeepTempKeepsThem) {
    TempDir dir;
    TraceWriter w = TraceWriter::create(dir / "t.aetrace", test::sample_header());
    CallRecord c;
    c.method = aetrace::abi::MethodId::IAudioEndpointControl_Start;
    w.write_call(c);
    w.flush();  // now visible to another reader of the temp file while the writer is still open
    Trace live = read_trace(dir / "t.aetrace.tmp", false);
    EXPECT_EQ(live.calls.size(), 1u);
    w.write_call(c);
    EXPECT_TRUE(w.close_keep_temp());
    EXPECT_FALSE(w.close_keep_temp());  // already closed
    Trace kept = read_trace(dir / "t.aetrace.tmp", false);
    EXPECT_EQ(kept.calls.size(), 2u);
    EXPECT_FALSE(kept.end.has_value());
    EXPECT_EQ(kept.status.state, ReadStatus::State::kNoEnd);
    EXPECT_FALSE(fs::exists(dir / "t.aetrace"));
}

TEST(TraceWriterTest, UnwritablePathThrowsInputErrorNamingIt) {
    TempDir dir;
    const fs::path path = dir / "no-such-dir" / "t.aetrace";
    try {
        TraceWriter::create(path, test::sample_header());
        FAIL();
    } catch (const InputError& e) {
        EXPECT_EQ(std::string(e.what()).rfind(path.string() + ": cannot create trace: ", 0), 0u)
            << e.what();
    }
}

TEST(TraceWriterTest, SameRecordsGiveByteIdenticalFiles) {
    TempDir dir;
    test::write_sample(dir / "a.aetrace");
    test::write_sample(dir / "b.aetrace");
    auto a = test::file_bytes(dir / "a.aetrace");
    EXPECT_GT(a.size(), 100u);
    EXPECT_EQ(a, test::file_bytes(dir / "b.aetrace"));
    EXPECT_EQ(std::string(a.begin(), a.begin() + 8), std::string("AETRACE\0", 8));
}

TEST(TraceWriterTest, HashOnlyFlagIsKept) {
    TempDir dir;
    TraceHeader h = test::sample_header();
    h.flags = kHeaderHashOnly;
    TraceWriter::create(dir / "t.aetrace", h).commit();
    EXPECT_EQ(TraceReader::open(dir / "t.aetrace").header().flags, kHeaderHashOnly);
}
