// Contract violations (POLICY #6): counted with the call index and rule; the endpoint keeps going.
#include <gtest/gtest.h>

#include "endpoint_test_util.h"

namespace aetrace::endpoints::test {
namespace {

void expect_violation(const ViolationInfo& v, std::uint64_t call, ContractRule rule,
                      MethodId method, std::uint64_t value, std::uint64_t limit) {
    EXPECT_EQ(v.call_index, call);
    EXPECT_EQ(v.rule, rule) << rule_name(v.rule);
    EXPECT_EQ(v.method, method);
    EXPECT_EQ(v.value, value);
    EXPECT_EQ(v.limit, limit);
}

TEST(EndpointViolationTest, RenderMisuseIsClampedAndCountedWithCallIndex) {
    clock::VirtualClock clk;
    Endpoint e(make_wav_render_endpoint(config_44k(), clk));
    constexpr MethodId kGet = MethodId::IAudioOutputEndpointRT_GetOutputDataPointer;
    constexpr MethodId kRel = MethodId::IAudioOutputEndpointRT_ReleaseOutputDataPointer;
    // call 0: before SetBuffer
    EXPECT_EQ(e.output->GetOutputDataPointer(10, nullptr), 0u);
    ASSERT_EQ(e.device->SetBuffer(100000, 2), S_OK);                  // call 1
    const UINT_PTR p = e.output->GetOutputDataPointer(500, nullptr);  // call 2: above packet
    ASSERT_NE(p, 0u);
    APO_CONNECTION_PROPERTY conn{p, 450, BUFFER_VALID, APO_CONNECTION_PROPERTY_SIGNATURE};
    e.output->ReleaseOutputDataPointer(&conn);    // call 3: 450 > 441 -> clamped
    EXPECT_EQ(e.padding(), 441u);                 // call 4
    e.output->ReleaseOutputDataPointer(&conn);    // call 5: no Get outstanding
    EXPECT_EQ(e.padding(), 441u);                 // call 6
    e.output->GetOutputDataPointer(10, nullptr);  // call 7
    e.output->GetOutputDataPointer(10, nullptr);  // call 8: twice without Release
    std::uint8_t foreign[40] = {};
    conn = {reinterpret_cast<UINT_PTR>(foreign), 10, BUFFER_VALID, 0};
    e.output->ReleaseOutputDataPointer(&conn);     // call 9: foreign pointer
    e.output->GetOutputDataPointer(441, nullptr);  // call 10
    conn = {p, 441, BUFFER_VALID, 0};
    e.output->ReleaseOutputDataPointer(&conn);  // call 11: only 431 frames fit
    EXPECT_EQ(e.padding(), 882u);
    e.output->ReleaseOutputDataPointer(nullptr);  // call 13
    e.rt->GetCurrentPadding(nullptr, nullptr);    // call 14

    const std::vector<ViolationInfo> v = e.violations();
    ASSERT_EQ(v.size(), 9u);
    expect_violation(v[0], 0, ContractRule::kNotInitialized, kGet, 10, 0);
    expect_violation(v[1], 2, ContractRule::kFramesAbovePacket, kGet, 500, 441);
    expect_violation(v[2], 3, ContractRule::kReleaseAboveGet, kRel, 450, 441);
    expect_violation(v[3], 5, ContractRule::kReleaseWithoutGet, kRel, 450, 0);
    expect_violation(v[4], 8, ContractRule::kGetTwiceWithoutRelease, kGet, 10, 0);
    expect_violation(v[5], 9, ContractRule::kForeignPointer, kRel, 0, 0);
    expect_violation(v[6], 11, ContractRule::kCapacityExceeded, kRel, 441, 431);
    expect_violation(v[7], 13, ContractRule::kNullPointerArgument, kRel, 0, 0);
    expect_violation(v[8], 14, ContractRule::kNullPointerArgument,
                     MethodId::IAudioEndpointRT_GetCurrentPadding, 0, 0);
    ViolationInfo info;
    EXPECT_EQ(e.inspect->GetViolation(9, &info), E_INVALIDARG);
    EXPECT_EQ(e.inspect->GetViolation(0, nullptr), E_POINTER);
}

TEST(EndpointViolationTest, CaptureMisuseIsClampedAndCountedWithCallIndex) {
    clock::VirtualClock clk;
    Endpoint e(make_wav_capture_endpoint(config_44k(), clk, ramp(config_44k().format, 5000)));
    constexpr MethodId kGet = MethodId::IAudioInputEndpointRT_GetInputDataPointer;
    constexpr MethodId kRel = MethodId::IAudioInputEndpointRT_ReleaseInputDataPointer;
    APO_CONNECTION_PROPERTY conn{0, 10, BUFFER_INVALID, APO_CONNECTION_PROPERTY_SIGNATURE};
    e.input->GetInputDataPointer(&conn, nullptr);  // call 0: before SetBuffer
    EXPECT_EQ(conn.pBuffer, 0u);
    EXPECT_EQ(conn.u32BufferFlags, BUFFER_INVALID);
    ASSERT_EQ(e.device->SetBuffer(100000, 2), S_OK);  // call 1
    ASSERT_EQ(e.control->Start(), S_OK);              // call 2
    clk.advance(200000);
    conn = {0, 600, BUFFER_INVALID, APO_CONNECTION_PROPERTY_SIGNATURE};
    e.input->GetInputDataPointer(&conn, nullptr);  // call 3: above packet
    EXPECT_EQ(conn.u32ValidFrameCount, 441u);
    EXPECT_EQ(conn.u32BufferFlags, BUFFER_VALID);
    e.input->ReleaseInputDataPointer(500, conn.pBuffer);  // call 4: above Get
    EXPECT_EQ(e.padding(), 441u);                         // call 5
    e.input->ReleaseInputDataPointer(1, conn.pBuffer);    // call 6: no Get
    conn = {0, 10, BUFFER_INVALID, APO_CONNECTION_PROPERTY_SIGNATURE};
    e.input->GetInputDataPointer(&conn, nullptr);            // call 7
    e.input->GetInputDataPointer(&conn, nullptr);            // call 8: twice
    e.input->ReleaseInputDataPointer(10, conn.pBuffer + 4);  // call 9: foreign
    EXPECT_EQ(e.padding(), 431u);                            // call 10: still released

    const std::vector<ViolationInfo> v = e.violations();
    ASSERT_EQ(v.size(), 6u);
    expect_violation(v[0], 0, ContractRule::kNotInitialized, kGet, 10, 0);
    expect_violation(v[1], 3, ContractRule::kFramesAbovePacket, kGet, 600, 441);
    expect_violation(v[2], 4, ContractRule::kReleaseAboveGet, kRel, 500, 441);
    expect_violation(v[3], 6, ContractRule::kReleaseWithoutGet, kRel, 1, 0);
    expect_violation(v[4], 8, ContractRule::kGetTwiceWithoutRelease, kGet, 10, 0);
    expect_violation(v[5], 9, ContractRule::kForeignPointer, kRel, 0, 0);
}

TEST(EndpointViolationTest, ViolationsBeyondCapacityAreOnlyCounted) {
    clock::VirtualClock clk;
    EndpointConfig c = config_44k();
    c.max_violations = 2;
    Endpoint e(make_wav_render_endpoint(c, clk));
    for (int i = 0; i < 5; ++i) e.output->GetOutputDataPointer(1, nullptr);
    EXPECT_EQ(e.inspect->GetViolationCount(), 5u);
    ViolationInfo info;
    EXPECT_EQ(e.inspect->GetViolation(1, &info), S_OK);
    EXPECT_EQ(info.call_index, 1u);
    EXPECT_EQ(e.inspect->GetViolation(2, &info), E_INVALIDARG);
}

}  // namespace
}  // namespace aetrace::endpoints::test
