// Trace diff: alignment of call sequences and field-level differences of hand-built traces.
#include "aetrace/replay/trace_diff.h"

#include <gtest/gtest.h>

#include <chrono>
#include <sstream>

#include "aetrace/abi/methods.h"

namespace aetrace::replay {
namespace {

using abi::MethodId;

/// A render trace of `passes` passes: padding, get, release, complete; padding = 480 * pass.
format::Trace render_trace(int passes) {
    format::Trace t;
    format::EndpointInfo info;
    info.endpoint = 0;
    info.role = format::EndpointRole::kRender;
    info.implementation = "reference";
    t.add(info);
    std::uint64_t seq = 0;
    auto call = [&](MethodId m, abi::HNSTIME time) -> format::CallRecord& {
        format::CallRecord c;
        c.seq = seq++;
        c.method = m;
        c.virtual_time = time;
        t.add(c);
        return t.calls.back();
    };
    for (int p = 0; p < passes; ++p) {
        const abi::HNSTIME time = static_cast<abi::HNSTIME>(p) * 100000;
        auto& pad = call(MethodId::IAudioEndpointRT_GetCurrentPadding, time);
        pad.out[0] = 480u * static_cast<unsigned>(p % 3);
        auto& get = call(MethodId::IAudioOutputEndpointRT_GetOutputDataPointer, time);
        get.arg[0] = 480;
        get.out[0] = 1;
        auto& rel = call(MethodId::IAudioOutputEndpointRT_ReleaseOutputDataPointer, time);
        rel.arg[1] = 1;
        rel.connection_in = {480, abi::BUFFER_VALID, abi::APO_CONNECTION_PROPERTY_SIGNATURE, 1};
        rel.flags = format::kHasBuffer;
        rel.buffer = {480, 1920, 0x1000u + static_cast<std::uint64_t>(p)};
        call(MethodId::IAudioEndpointRT_ProcessingComplete, time);
    }
    return t;
}

/// Inserts `c` before index `at` of t.calls and renumbers seq (as a recorder would).
void insert_call(format::Trace& t, std::size_t at, format::CallRecord c) {
    t.calls.insert(t.calls.begin() + static_cast<std::ptrdiff_t>(at), c);
    for (std::size_t i = 0; i < t.calls.size(); ++i) t.calls[i].seq = i;
    t.order.clear();
}

std::string text_of(const format::Trace& a, const format::Trace& b, const TraceDiff& d) {
    std::ostringstream s;
    print_trace_diff(a, b, d, "A", "B", s);
    return s.str();
}

TEST(TraceDiffTest, IdenticalTracesGiveNoDifference) {
    const format::Trace a = render_trace(20);
    const TraceDiff d = diff_traces(a, a);
    EXPECT_TRUE(d.identical());
    EXPECT_EQ(d.calls.size(), a.calls.size());
    EXPECT_NE(text_of(a, a, d).find("0 inserted, 0 deleted, 0 changed calls (identical)"),
              std::string::npos);
}

TEST(TraceDiffTest, RealTimeAndThreadAreIgnored) {
    const format::Trace a = render_trace(5);
    format::Trace b = a;
    for (auto& c : b.calls) {
        c.real_time = 12345 + static_cast<abi::HNSTIME>(c.seq);
        c.thread = 3;
    }
    EXPECT_TRUE(diff_traces(a, b).identical());
}

TEST(TraceDiffTest, OneInsertedCallIsExactlyOneInsertion) {
    const format::Trace a = render_trace(50);
    format::Trace b = a;
    format::CallRecord extra;
    extra.method = MethodId::IAudioOutputEndpointRT_PulseEndpoint;
    extra.virtual_time = 10 * 100000;
    insert_call(b, 41, extra);  // in the middle of pass 10
    const TraceDiff d = diff_traces(a, b);
    EXPECT_EQ(d.inserted, 1u);
    EXPECT_EQ(d.deleted, 0u);
    EXPECT_EQ(d.changed, 0u);
    ASSERT_EQ(d.calls.size(), b.calls.size());
    EXPECT_EQ(d.calls[41].op, CallDiffEntry::Op::kInserted);
    EXPECT_EQ(d.calls[41].index_b, 41u);
    const std::string text = text_of(a, b, d);
    EXPECT_NE(text.find("+ seq 41 endpoint 0 IAudioOutputEndpointRT::PulseEndpoint"),
              std::string::npos)
        << text;
    EXPECT_NE(text.find("1 inserted, 0 deleted, 0 changed calls"), std::string::npos) << text;
}

TEST(TraceDiffTest, OneDeletedPassIsFourDeletions) {
    const format::Trace a = render_trace(30);
    format::Trace b = a;
    b.calls.erase(b.calls.begin() + 40, b.calls.begin() + 44);
    const TraceDiff d = diff_traces(a, b);
    EXPECT_EQ(d.deleted, 4u);
    EXPECT_EQ(d.inserted, 0u);
    EXPECT_EQ(d.changed, 0u);  // the later passes stay aligned with their own values
    ASSERT_EQ(d.calls.size(), a.calls.size());
    for (std::size_t i = 40; i < 44; ++i) {
        EXPECT_EQ(d.calls[i].op, CallDiffEntry::Op::kDeleted);
        EXPECT_EQ(d.calls[i].index_a, i);
    }
}

TEST(TraceDiffTest, ChangedPaddingIsOneChangeNamingTheField) {
    const format::Trace a = render_trace(20);
    format::Trace b = a;
    b.calls[8].out[0] += 1;  // pass 2 padding
    const TraceDiff d = diff_traces(a, b);
    EXPECT_EQ(d.inserted, 0u);
    EXPECT_EQ(d.deleted, 0u);
    ASSERT_EQ(d.changed, 1u);
    const CallDiffEntry& e = d.calls[8];
    ASSERT_EQ(e.op, CallDiffEntry::Op::kChanged);
    ASSERT_EQ(e.fields.size(), 1u);
    EXPECT_EQ(e.fields[0].field, "padding");
    EXPECT_EQ(e.fields[0].a, "960");
    EXPECT_EQ(e.fields[0].b, "961");
    const std::string text = text_of(a, b, d);
    EXPECT_NE(text.find("~ seq 8 endpoint 0 IAudioEndpointRT::GetCurrentPadding\n"
                        "    padding: 960 -> 961\n"),
              std::string::npos)
        << text;
    // Context lines around the change.
    EXPECT_NE(text.find("  seq 7 endpoint 0 IAudioEndpointRT::ProcessingComplete"),
              std::string::npos)
        << text;
}

TEST(TraceDiffTest, ChangedFlagsAndViolationsAreFields) {
    const format::Trace a = render_trace(4);
    format::Trace b = a;
    b.calls[2].connection_in.buffer_flags = abi::BUFFER_SILENT;
    format::ViolationRecord v;
    v.call_seq = 2;
    v.rule = abi::ContractRule::kCapacityExceeded;
    v.method = MethodId::IAudioOutputEndpointRT_ReleaseOutputDataPointer;
    b.violations.push_back(v);
    const TraceDiff d = diff_traces(a, b);
    ASSERT_EQ(d.changed, 1u);
    ASSERT_EQ(d.calls[2].fields.size(), 2u);
    EXPECT_EQ(d.calls[2].fields[0].field, "connection_in.u32BufferFlags");
    EXPECT_EQ(d.calls[2].fields[0].a, "VALID");
    EXPECT_EQ(d.calls[2].fields[0].b, "SILENT");
    EXPECT_EQ(d.calls[2].fields[1].field, "violations");
    EXPECT_EQ(d.calls[2].fields[1].a, "none");
}

TEST(TraceDiffTest, DifferentPayloadBytesAreAChange) {
    format::Trace a = render_trace(3);
    a.calls[6].flags |= format::kPayloadStored;
    a.payloads[6] = format::AudioPayload{6, 0, 1, {1, 2, 3, 4, 5, 6, 7, 8}};
    format::Trace b = a;
    b.payloads[6].bytes[7] = 9;
    const TraceDiff d = diff_traces(a, b);
    ASSERT_EQ(d.changed, 1u);
    ASSERT_EQ(d.calls[6].fields.size(), 1u);
    EXPECT_EQ(d.calls[6].fields[0].field, "payload");
    EXPECT_TRUE(diff_traces(a, a).identical());
}

TEST(TraceDiffTest, DifferentEndpointOrDigestIsARecordDifference) {
    format::Trace a = render_trace(2);
    format::Trace b = a;
    b.endpoints[0].implementation = "other";
    format::OutputDigestRecord digest;
    digest.frames = 960;
    a.digests.push_back(digest);
    digest.frames = 959;
    b.digests.push_back(digest);
    const TraceDiff d = diff_traces(a, b);
    EXPECT_FALSE(d.identical());
    ASSERT_EQ(d.records.size(), 2u);
    EXPECT_EQ(d.records[0].record, "endpoint 0");
    EXPECT_EQ(d.records[0].difference.field, "implementation");
    EXPECT_EQ(d.records[1].difference.field, "frames");
}

TEST(TraceDiffTest, HundredThousandCallsWithScatteredInsertionsAreFast) {
    const format::Trace a = render_trace(25000);  // 100k calls
    format::Trace b = a;
    format::CallRecord extra;
    extra.method = MethodId::IAudioOutputEndpointRT_PulseEndpoint;
    for (std::size_t at : {99000u, 70001u, 50002u, 10003u, 5u}) insert_call(b, at, extra);
    const auto start = std::chrono::steady_clock::now();
    const TraceDiff d = diff_traces(a, b);
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    EXPECT_EQ(d.inserted, 5u);
    EXPECT_EQ(d.deleted, 0u);
    EXPECT_EQ(d.changed, 0u);
    EXPECT_LT(seconds, 5.0);  // generous: sanitizers, shared machine
}

TEST(TraceDiffTest, TooManyEditsFallsBackToPositionalPairing) {
    const format::Trace a = render_trace(10);
    format::Trace b = a;
    for (auto& c : b.calls) c.endpoint = 1;  // no key in common
    TraceDiffOptions options;
    options.max_edits = 8;
    const TraceDiff d = diff_traces(a, b, options);
    EXPECT_EQ(d.deleted, a.calls.size());
    EXPECT_EQ(d.inserted, b.calls.size());
    ASSERT_FALSE(d.notes.empty());
    EXPECT_NE(d.notes[0].find("paired by position"), std::string::npos);
}

}  // namespace
}  // namespace aetrace::replay
