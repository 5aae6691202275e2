// The golden layer's own call digest (calls_xxh3_128): host- and wall-clock-dependent fields are
// left out, everything a run decides is in.
#include "aetrace/golden/call_digest.h"

#include <gtest/gtest.h>

#include "aetrace/format/trace.h"

namespace format = aetrace::format;
using aetrace::golden::calls_digest;

namespace {

format::Trace two_calls() {
    format::Trace t;
    format::CallRecord start;
    start.seq = 0;
    start.method = aetrace::abi::MethodId::IAudioEndpointControl_Start;
    start.endpoint = 1;
    start.virtual_time = 100000;
    start.result = 0;
    format::CallRecord format_call;
    format_call.seq = 1;
    format_call.method = aetrace::abi::MethodId::IAudioEndpoint_GetFrameFormat;
    format_call.endpoint = 0;
    format_call.virtual_time = 200000;
    t.calls = {start, format_call};
    return t;
}

}  // namespace

TEST(CallDigestTest, IgnoresRealTimeAndThread) {
    const format::Trace a = two_calls();
    format::Trace b = two_calls();
    b.calls[0].real_time = 123456789;
    b.calls[1].thread = 7;
    EXPECT_EQ(calls_digest(a), calls_digest(b));
}

TEST(CallDigestTest, ChangesWithResultTimeEndpointAndViolations) {
    const format::Trace base = two_calls();
    format::Trace result = two_calls();
    result.calls[0].result = static_cast<std::int32_t>(0x80004005u);
    format::Trace time = two_calls();
    time.calls[1].virtual_time += 1;
    format::Trace endpoint = two_calls();
    endpoint.calls[0].endpoint = 0;
    format::Trace violation = two_calls();
    format::ViolationRecord v;
    v.call_seq = 1;
    v.rule = aetrace::abi::ContractRule::kFramesAbovePacket;
    v.value = 10;
    v.limit = 5;
    violation.violations.push_back(v);
    for (const format::Trace* changed : {&result, &time, &endpoint, &violation})
        EXPECT_NE(calls_digest(*changed), calls_digest(base));
}
