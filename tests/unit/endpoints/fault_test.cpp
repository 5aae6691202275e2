// Each Fault mutant differs observably from the reference, so tests can prove the harness catches
// it.
#include <gtest/gtest.h>

#include "endpoint_test_util.h"

namespace aetrace::endpoints::test {
namespace {

Endpoint render(const char* name, clock::VirtualClock& clk) {
    Endpoint e(create_builtin_endpoint(name, Role::kRender, config_44k(), clk, nullptr));
    EXPECT_EQ(e.device->SetBuffer(100000, 2), S_OK);
    return e;
}

std::vector<std::uint8_t> swapped(const std::vector<std::uint8_t>& s16_stereo) {
    std::vector<std::uint8_t> out = s16_stereo;
    for (std::size_t i = 0; i + 4 <= out.size(); i += 4) {
        std::swap(out[i], out[i + 2]);
        std::swap(out[i + 1], out[i + 3]);
    }
    return out;
}

TEST(EndpointFaultTest, PaddingOffByOneReportsOneFrameMore) {
    clock::VirtualClock clk;
    const audio::PcmBuffer src = ramp(config_44k().format, 100);
    Endpoint ref = render("reference", clk);
    Endpoint bad = render("mutant-padding-off-by-one", clk);
    for (Endpoint* e : {&ref, &bad}) render_packet(*e, src.bytes.data(), 100, 4);
    EXPECT_EQ(ref.padding(), 100u);
    EXPECT_EQ(bad.padding(), 101u);
    EXPECT_EQ(bad.position().u64PaddingFrames, 101u);
}

TEST(EndpointFaultTest, SwapChannelsSwapsRenderedAndCapturedChannels) {
    clock::VirtualClock clk;
    const audio::PcmBuffer src = ramp(config_44k().format, 441);
    Endpoint ref = render("reference", clk);
    Endpoint bad = render("mutant-swap-channels", clk);
    for (Endpoint* e : {&ref, &bad}) {
        render_packet(*e, src.bytes.data(), 441, 4);
        ASSERT_EQ(e->control->Start(), S_OK);
    }
    clk.advance(100000);
    EXPECT_EQ(ref.rendered(), src.bytes);
    EXPECT_EQ(bad.rendered(), swapped(src.bytes));

    Endpoint cap(
        create_builtin_endpoint("mutant-swap-channels", Role::kCapture, config_44k(), clk, &src));
    ASSERT_EQ(cap.device->SetBuffer(100000, 2), S_OK);
    ASSERT_EQ(cap.control->Start(), S_OK);
    clk.advance(100000);
    APO_CONNECTION_PROPERTY conn{0, 441, BUFFER_INVALID, APO_CONNECTION_PROPERTY_SIGNATURE};
    cap.input->GetInputDataPointer(&conn, nullptr);
    const auto* p = reinterpret_cast<const std::uint8_t*>(conn.pBuffer);
    EXPECT_EQ(std::vector<std::uint8_t>(p, p + 441 * 4), swapped(src.bytes));
    cap.input->ReleaseInputDataPointer(441, conn.pBuffer);
}

TEST(EndpointFaultTest, IgnoreSilentFlagPlaysTheBufferBytes) {
    clock::VirtualClock clk;
    const audio::PcmBuffer src = ramp(config_44k().format, 441);
    Endpoint ref = render("reference", clk);
    Endpoint bad = render("mutant-ignore-silent-flag", clk);
    for (Endpoint* e : {&ref, &bad}) {
        render_packet(*e, src.bytes.data(), 441, 4, BUFFER_SILENT);
        ASSERT_EQ(e->control->Start(), S_OK);
    }
    clk.advance(100000);
    EXPECT_EQ(ref.rendered(), std::vector<std::uint8_t>(441 * 4, 0));
    EXPECT_EQ(bad.rendered(), src.bytes);
}

TEST(EndpointFaultTest, PositionNotResetKeepsStreamPositionAfterReset) {
    clock::VirtualClock clk;
    const audio::PcmBuffer src = ramp(config_44k().format, 441);
    Endpoint ref = render("reference", clk);
    Endpoint bad = render("mutant-position-not-reset", clk);
    for (Endpoint* e : {&ref, &bad}) {
        render_packet(*e, src.bytes.data(), 441, 4);
        ASSERT_EQ(e->control->Start(), S_OK);
    }
    clk.advance(100000);
    for (Endpoint* e : {&ref, &bad}) {
        ASSERT_EQ(e->control->Stop(), S_OK);
        ASSERT_EQ(e->control->Reset(), S_OK);
    }
    EXPECT_EQ(ref.position().u64StreamPosition, 0u);
    EXPECT_EQ(bad.position().u64StreamPosition, 441u);
}

}  // namespace
}  // namespace aetrace::endpoints::test
