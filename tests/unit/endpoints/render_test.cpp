// WavRenderEndpoint: device output, underrun, silent flag, partial buffers, padding, events,
// output capacity.
#include <gtest/gtest.h>

#include <algorithm>

#include "endpoint_test_util.h"

namespace aetrace::endpoints::test {
namespace {

bool all_zero(const std::uint8_t* p, std::size_t n) {
    return std::all_of(p, p + n, [](std::uint8_t b) { return b == 0; });
}

TEST(WavRenderEndpointTest, DeviceOutputEqualsReleasedAudio) {
    clock::VirtualClock clk;
    Endpoint e(make_wav_render_endpoint(config_44k(), clk));
    ASSERT_EQ(e.device->SetBuffer(100000, 2), S_OK);  // 441 a packet, ring 882
    const audio::PcmBuffer src = ramp(config_44k().format, 441 * 50);
    ASSERT_EQ(e.control->Start(), S_OK);
    std::uint64_t sent = 0;
    while (sent < src.frames() || e.padding() > 0) {
        const std::uint64_t pad = e.padding();
        const std::uint32_t n = static_cast<std::uint32_t>(
            std::min<std::uint64_t>({882 - pad, 441, src.frames() - sent}));
        render_packet(e, src.bytes.data() + sent * 4, n, 4);
        sent += n;
        const AE_CURRENT_POSITION p = e.position();
        EXPECT_EQ(p.Flag, POSITION_CONTINUOUS);
        EXPECT_EQ(p.u64PaddingFrames, sent - p.u64StreamPosition);
        clk.advance(100000);
    }
    ASSERT_EQ(e.control->Stop(), S_OK);
    EXPECT_EQ(e.rendered(), src.bytes);
    EXPECT_EQ(e.position().u64StreamPosition, src.frames());
    EXPECT_EQ(e.inspect->GetViolationCount(), 0u);
}

TEST(WavRenderEndpointTest, UnderrunPlaysSilenceAndFlagsNextPositionDiscontinuous) {
    clock::VirtualClock clk;
    Endpoint e(make_wav_render_endpoint(config_44k(), clk));
    ASSERT_EQ(e.device->SetBuffer(100000, 2), S_OK);
    const audio::PcmBuffer src = ramp(config_44k().format, 441);
    ASSERT_EQ(e.control->Start(), S_OK);
    render_packet(e, src.bytes.data(), 441, 4);
    clk.advance(200000);  // the device wants 882 frames, only 441 are queued
    AE_CURRENT_POSITION p = e.position();
    EXPECT_EQ(p.Flag, POSITION_DISCONTINUOUS);
    EXPECT_EQ(p.u64DevicePosition, 882u);
    EXPECT_EQ(p.u64StreamPosition, 441u);
    EXPECT_EQ(p.u64PaddingFrames, 0u);
    EXPECT_EQ(e.position().Flag, POSITION_CONTINUOUS);
    const std::vector<std::uint8_t> out = e.rendered();
    ASSERT_EQ(out.size(), 882u * 4);
    EXPECT_TRUE(std::equal(src.bytes.begin(), src.bytes.end(), out.begin()));
    EXPECT_TRUE(all_zero(out.data() + 441 * 4, 441 * 4));
}

TEST(WavRenderEndpointTest, SilentFlagWritesZerosWhateverTheBytes) {
    clock::VirtualClock clk;
    Endpoint e(make_wav_render_endpoint(config_44k(), clk));
    ASSERT_EQ(e.device->SetBuffer(100000, 2), S_OK);
    const audio::PcmBuffer src = ramp(config_44k().format, 441);
    ASSERT_EQ(e.control->Start(), S_OK);
    render_packet(e, src.bytes.data(), 441, 4, BUFFER_SILENT);
    clk.advance(100000);
    const std::vector<std::uint8_t> out = e.rendered();
    ASSERT_EQ(out.size(), 441u * 4);
    EXPECT_TRUE(all_zero(out.data(), out.size()));
}

TEST(WavRenderEndpointTest, PartialBufferAdvancesByProducedFramesAndConnIsUnchanged) {
    clock::VirtualClock clk;
    Endpoint e(make_wav_render_endpoint(config_44k(), clk));
    ASSERT_EQ(e.device->SetBuffer(100000, 2), S_OK);
    const audio::PcmBuffer src = ramp(config_44k().format, 441);
    const UINT_PTR p = e.output->GetOutputDataPointer(441, nullptr);
    ASSERT_NE(p, 0u);
    EXPECT_EQ(p % 4, 0u);  // frame-aligned
    std::memcpy(reinterpret_cast<void*>(p), src.bytes.data(), src.bytes.size());
    const APO_CONNECTION_PROPERTY conn{p, 100, BUFFER_VALID, APO_CONNECTION_PROPERTY_SIGNATURE};
    const APO_CONNECTION_PROPERTY copy = conn;
    e.output->ReleaseOutputDataPointer(&conn);
    EXPECT_EQ(std::memcmp(&conn, &copy, sizeof conn), 0);
    EXPECT_EQ(e.padding(), 100u);
    ASSERT_EQ(e.control->Start(), S_OK);
    clk.advance(100000);
    const std::vector<std::uint8_t> out = e.rendered();
    ASSERT_EQ(out.size(), 441u * 4);
    EXPECT_TRUE(std::equal(src.bytes.begin(), src.bytes.begin() + 400, out.begin()));
    EXPECT_TRUE(all_zero(out.data() + 400, out.size() - 400));
    EXPECT_EQ(e.inspect->GetViolationCount(), 0u);
}

TEST(WavRenderEndpointTest, PaddingInFramesAndInHnstime) {
    clock::VirtualClock clk;
    EndpointConfig c = config_44k();
    c.padding_unit = EndpointConfig::PaddingUnit::kHns;
    Endpoint hns(make_wav_render_endpoint(c, clk));
    Endpoint frames(make_wav_render_endpoint(config_44k(), clk));
    const audio::PcmBuffer src = ramp(c.format, 441);
    for (Endpoint* e : {&hns, &frames}) {
        ASSERT_EQ(e->device->SetBuffer(100000, 2), S_OK);
        render_packet(*e, src.bytes.data(), 441, 4);
        ASSERT_EQ(e->control->Start(), S_OK);
    }
    EXPECT_EQ(frames.padding(), 441u);
    EXPECT_EQ(hns.padding(), 100000u);
    clk.advance(50000);  // 220 frames played
    EXPECT_EQ(frames.padding(), 221u);
    EXPECT_EQ(hns.padding(), static_cast<std::uint64_t>(clock::time_of_frames(221, 44100)));
}

TEST(WavRenderEndpointTest, ResetDiscardsQueuedFramesAndZeroesStreamPosition) {
    clock::VirtualClock clk;
    Endpoint e(make_wav_render_endpoint(config_44k(), clk));
    ASSERT_EQ(e.device->SetBuffer(100000, 2), S_OK);
    const audio::PcmBuffer src = ramp(config_44k().format, 882);
    render_packet(e, src.bytes.data(), 441, 4);
    render_packet(e, src.bytes.data() + 441 * 4, 441, 4);
    ASSERT_EQ(e.control->Start(), S_OK);
    clk.advance(100000);
    ASSERT_EQ(e.control->Stop(), S_OK);
    EXPECT_EQ(e.position().u64StreamPosition, 441u);
    ASSERT_EQ(e.control->Reset(), S_OK);
    const AE_CURRENT_POSITION p = e.position();
    EXPECT_EQ(p.u64StreamPosition, 0u);
    EXPECT_EQ(p.u64PaddingFrames, 0u);
    EXPECT_EQ(p.u64DevicePosition, 441u);
    EXPECT_EQ(e.rendered().size(), 441u * 4);  // the discarded packet is never played
}

TEST(WavRenderEndpointTest, EventModeSchedulesAndSignalsPacketCompletion) {
    clock::VirtualClock clk;
    Endpoint e(make_wav_render_endpoint(config_44k(), clk));
    ASSERT_EQ(e.device->SetBuffer(100000, 2), S_OK);
    VirtualEvent ev;
    ASSERT_EQ(e.info->SetEventHandle(&ev), S_OK);
    const audio::PcmBuffer src = ramp(config_44k().format, 882);
    ASSERT_EQ(e.control->Start(), S_OK);
    EXPECT_EQ(ev.due.load(), 0);  // an empty buffer: a full packet of space is free now
    render_packet(e, src.bytes.data(), 441, 4);
    render_packet(e, src.bytes.data() + 441 * 4, 441, 4);
    e.rt->ProcessingComplete();
    EXPECT_EQ(ev.due.load(), 100000);  // when the device has played one packet
    EXPECT_EQ(ev.signal_count.load(), 0u);
    clk.set(100000);
    e.output->PulseEndpoint();
    EXPECT_EQ(ev.signal_count.load(), 1u);
    EXPECT_EQ(ev.due.load(), 100000);
    ASSERT_EQ(e.control->Stop(), S_OK);
    EXPECT_EQ(ev.due.load(), kNeverDue);
}

TEST(WavRenderEndpointTest, OutputCapacityOverflowIsCountedOnce) {
    clock::VirtualClock clk;
    EndpointConfig c = config_44k();
    c.max_render_frames = 1000;
    Endpoint e(make_wav_render_endpoint(c, clk));
    ASSERT_EQ(e.device->SetBuffer(100000, 2), S_OK);
    ASSERT_EQ(e.control->Start(), S_OK);
    clk.advance(1'000'000);  // 44100 frames of silence
    EXPECT_EQ(e.padding(), 0u);
    clk.advance(1'000'000);
    EXPECT_EQ(e.padding(), 0u);
    EXPECT_EQ(e.rendered().size(), 1000u * 4);
    const std::vector<ViolationInfo> v = e.violations();
    ASSERT_EQ(v.size(), 1u);
    EXPECT_EQ(v[0].rule, ContractRule::kCapacityExceeded);
    EXPECT_EQ(v[0].limit, 1000u);
}

}  // namespace
}  // namespace aetrace::endpoints::test
