#include <gtest/gtest.h>

#include "recording_fixture.h"

using namespace aetrace;
using namespace aetrace::record;
using namespace aetrace::record::test;

namespace {
format::CallRecord call_with_seq(std::uint64_t seq) {
    format::CallRecord c;
    c.seq = seq;
    c.thread = 3;
    c.method = aetrace::abi::MethodId::IAudioEndpointRT_ProcessingComplete;
    return c;
}
}  // namespace

TEST(StagingBufferTest, DrainsInOrderAndEmpties) {
    StagingBuffer staging(8, 64);
    const std::uint8_t bytes[4] = {1, 2, 3, 4};
    auto c = call_with_seq(0);
    c.flags = format::kPayloadStored;
    ASSERT_TRUE(staging.stage_call(c, bytes, 4, 1));
    ASSERT_TRUE(staging.stage_call(call_with_seq(1), nullptr, 0, 0));
    CollectingSink sink;
    staging.drain(sink);
    ASSERT_EQ(sink.calls.size(), 2u);
    EXPECT_EQ(sink.calls[1].seq, 1u);
    ASSERT_EQ(sink.payloads.size(), 1u);
    EXPECT_EQ(sink.payloads[0].bytes, (std::vector<std::uint8_t>{1, 2, 3, 4}));
    EXPECT_EQ(staging.staged(), 0u);
}

TEST(StagingBufferTest, OverflowDropsCountsAndReportsAGap) {
    StagingBuffer staging(2, 16);
    EXPECT_TRUE(staging.stage_call(call_with_seq(0), nullptr, 0, 0));
    EXPECT_TRUE(staging.stage_call(call_with_seq(1), nullptr, 0, 0));
    EXPECT_FALSE(staging.stage_call(call_with_seq(2), nullptr, 0, 0));
    EXPECT_FALSE(staging.stage_call(call_with_seq(3), nullptr, 0, 0));
    EXPECT_EQ(staging.dropped(), 2u);
    CollectingSink sink;
    staging.drain(sink);
    ASSERT_EQ(sink.calls.size(), 2u);
    ASSERT_EQ(sink.gaps.size(), 1u);
    EXPECT_EQ(sink.gaps[0].first_seq, 2u);
    EXPECT_EQ(sink.gaps[0].count, 2u);
    EXPECT_EQ(sink.gaps[0].thread, 3u);
    // After a drain the buffer accepts records again, and the next gap is reported in place.
    EXPECT_TRUE(staging.stage_call(call_with_seq(4), nullptr, 0, 0));
    EXPECT_TRUE(staging.stage_call(call_with_seq(5), nullptr, 0, 0));
    EXPECT_FALSE(staging.stage_call(call_with_seq(6), nullptr, 0, 0));
    CollectingSink sink2;
    staging.drain(sink2);
    ASSERT_EQ(sink2.gaps.size(), 1u);
    EXPECT_EQ(sink2.gaps[0].first_seq, 6u);
}

TEST(StagingBufferTest, PayloadThatDoesNotFitDropsTheCall) {
    StagingBuffer staging(8, 4);
    const std::uint8_t bytes[8] = {};
    auto c = call_with_seq(0);
    c.flags = format::kPayloadStored;
    EXPECT_FALSE(staging.stage_call(c, bytes, 8, 2));
    EXPECT_EQ(staging.dropped(), 1u);
}
