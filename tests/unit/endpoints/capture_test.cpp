// WavCaptureEndpoint: data, silence, padding, positions, overrun, events, drift.
#include <gtest/gtest.h>

#include <algorithm>

#include "endpoint_test_util.h"

namespace aetrace::endpoints::test {
namespace {

struct Captured {
    std::uint32_t n = 0;
    APO_BUFFER_FLAGS flags = BUFFER_INVALID;
    std::vector<std::uint8_t> bytes;
};

Captured capture_packet(Endpoint& e, std::uint32_t n, std::uint32_t release) {
    APO_CONNECTION_PROPERTY conn{0, n, BUFFER_INVALID, APO_CONNECTION_PROPERTY_SIGNATURE};
    e.input->GetInputDataPointer(&conn, nullptr);
    Captured c;
    c.n = conn.u32ValidFrameCount;
    c.flags = conn.u32BufferFlags;
    EXPECT_NE(conn.pBuffer, 0u);
    const auto* p = reinterpret_cast<const std::uint8_t*>(conn.pBuffer);
    c.bytes.assign(p, p + std::size_t{c.n} * 4);
    e.input->ReleaseInputDataPointer(release, conn.pBuffer);
    return c;
}

TEST(WavCaptureEndpointTest, LoopReturnsSourceFramesInOrderAcrossRingWrapsThenSilence) {
    clock::VirtualClock clk;
    const audio::PcmBuffer src = ramp(config_44k().format, 20000);
    Endpoint e(make_wav_capture_endpoint(config_44k(), clk, src));
    ASSERT_EQ(e.device->SetBuffer(100000, 2), S_OK);  // 441 frames a packet, ring 882 frames
    ASSERT_EQ(e.control->Start(), S_OK);
    std::vector<std::uint8_t> got;
    const HNSTIME steps[] = {100000, 30000, 70000, 100000, 55555};
    int pass = 0;
    while (got.size() < src.bytes.size()) {
        clk.advance(steps[pass++ % 5]);
        const std::uint64_t pad = e.padding();
        ASSERT_LE(pad, 882u);
        // Read in two chunks to move the read position to odd places.
        const std::uint32_t n = static_cast<std::uint32_t>(std::min<std::uint64_t>(pad, 441));
        const std::uint32_t first = n / 3;
        for (std::uint32_t k : {first, n - first}) {
            Captured c = capture_packet(e, k, k);
            ASSERT_EQ(c.n, k);
            if (k) {
                ASSERT_EQ(c.flags, BUFFER_VALID) << "pass " << pass;
                got.insert(got.end(), c.bytes.begin(), c.bytes.end());
            }
        }
        ASSERT_LT(pass, 10000);
    }
    EXPECT_TRUE(std::equal(src.bytes.begin(), src.bytes.end(), got.begin()));
    EXPECT_EQ(e.inspect->GetViolationCount(), 0u);
    // The source is exhausted: from now on every packet is silence.
    clk.advance(200000);
    Captured c = capture_packet(e, 441, 441);
    Captured d = capture_packet(e, 441, 441);
    EXPECT_EQ(d.flags, BUFFER_SILENT);
    EXPECT_TRUE(std::all_of(d.bytes.begin(), d.bytes.end(), [](std::uint8_t b) { return b == 0; }));
    (void)c;
}

TEST(WavCaptureEndpointTest, StoppedOrEmptyDeliversSilentBufferOfRequestedSize) {
    clock::VirtualClock clk;
    Endpoint e(make_wav_capture_endpoint(config_44k(), clk, ramp(config_44k().format, 5000)));
    ASSERT_EQ(e.device->SetBuffer(100000, 2), S_OK);
    Captured c = capture_packet(e, 441, 0);  // not started: nothing captured
    EXPECT_EQ(c.n, 441u);
    EXPECT_EQ(c.flags, BUFFER_SILENT);
    Captured z = capture_packet(e, 0, 0);  // N = 0 is valid
    EXPECT_EQ(z.n, 0u);
    EXPECT_EQ(e.inspect->GetViolationCount(), 0u);
}

TEST(WavCaptureEndpointTest, ShortDataIsPaddedWithSilenceAndFlaggedValid) {
    clock::VirtualClock clk;
    const audio::PcmBuffer src = ramp(config_44k().format, 5000);
    Endpoint e(make_wav_capture_endpoint(config_44k(), clk, src));
    ASSERT_EQ(e.device->SetBuffer(100000, 2), S_OK);
    ASSERT_EQ(e.control->Start(), S_OK);
    clk.advance(50000);  // 220.5 -> 220 frames
    EXPECT_EQ(e.padding(), 220u);
    Captured c = capture_packet(e, 441, 220);
    EXPECT_EQ(c.flags, BUFFER_VALID);
    EXPECT_TRUE(std::equal(src.bytes.begin(), src.bytes.begin() + 220 * 4, c.bytes.begin()));
    EXPECT_TRUE(std::all_of(c.bytes.begin() + 220 * 4, c.bytes.end(),
                            [](std::uint8_t b) { return b == 0; }));
    EXPECT_EQ(e.padding(), 0u);
}

TEST(WavCaptureEndpointTest, PaddingInFramesAndInHnstime) {
    clock::VirtualClock clk;
    EndpointConfig c = config_44k();
    Endpoint frames(make_wav_capture_endpoint(c, clk, ramp(c.format, 5000)));
    c.padding_unit = EndpointConfig::PaddingUnit::kHns;
    Endpoint hns(make_wav_capture_endpoint(c, clk, ramp(c.format, 5000)));
    for (Endpoint* e : {&frames, &hns}) {
        ASSERT_EQ(e->device->SetBuffer(100000, 2), S_OK);
        ASSERT_EQ(e->control->Start(), S_OK);
    }
    clk.advance(100000);
    EXPECT_EQ(frames.padding(), 441u);
    EXPECT_EQ(hns.padding(), 100000u);  // 441 frames at 44.1 kHz = 10 ms
    clk.advance(1000);                  // + 4.41 frames -> 445 frames
    EXPECT_EQ(frames.padding(), 445u);
    EXPECT_EQ(hns.padding(), static_cast<std::uint64_t>(clock::time_of_frames(445, 44100)));
    EXPECT_EQ(hns.position().u64PaddingFrames, 445u);  // the position is always in frames
}

TEST(WavCaptureEndpointTest, PositionsAcrossStopStartReset) {
    clock::VirtualClock clk;
    clk.set(5'000'000);  // the clock origin does not matter
    Endpoint e(make_wav_capture_endpoint(config_44k(), clk, ramp(config_44k().format, 100)));
    ASSERT_EQ(e.device->SetBuffer(100000, 2), S_OK);
    ASSERT_EQ(e.control->Start(), S_OK);
    AE_CURRENT_POSITION p = e.position();
    EXPECT_EQ(p.Flag, POSITION_CONTINUOUS);  // stream start is not a discontinuity
    clk.advance(100000);
    p = e.position();
    EXPECT_EQ(p.u64DevicePosition, 441u);
    EXPECT_EQ(p.u64StreamPosition, 441u);
    EXPECT_EQ(p.u64PaddingFrames, 441u);
    EXPECT_EQ(p.hnsQPCPosition, 5'100'000);
    EXPECT_EQ(p.f32FramesPerSecond, 44100.0f);
    EXPECT_EQ(p.Flag, POSITION_CONTINUOUS);
    ASSERT_EQ(e.control->Stop(), S_OK);
    clk.advance(100000);
    p = e.position();
    EXPECT_EQ(p.u64DevicePosition, 441u);  // frozen while stopped
    EXPECT_EQ(p.u64StreamPosition, 441u);
    ASSERT_EQ(e.control->Start(), S_OK);
    clk.advance(50000);
    p = e.position();
    EXPECT_EQ(p.u64DevicePosition, 661u);  // frames_at(15 ms of running time) = 661.5 -> 661
    EXPECT_EQ(p.u64StreamPosition, 661u);
    EXPECT_EQ(p.Flag, POSITION_CONTINUOUS);
    ASSERT_EQ(e.control->Stop(), S_OK);
    ASSERT_EQ(e.control->Reset(), S_OK);
    p = e.position();
    EXPECT_EQ(p.u64DevicePosition, 661u);  // device position is monotonic
    EXPECT_EQ(p.u64StreamPosition, 0u);
    EXPECT_EQ(p.u64PaddingFrames, 0u);
    ASSERT_EQ(e.control->Start(), S_OK);
    EXPECT_EQ(e.position().Flag, POSITION_DISCONTINUOUS);  // first position after Start-after-Reset
    EXPECT_EQ(e.position().Flag, POSITION_CONTINUOUS);
    clk.advance(100000);
    p = e.position();
    EXPECT_EQ(p.u64DevicePosition, 1102u);  // frames_at(25 ms)
    EXPECT_EQ(p.u64StreamPosition, 441u);
    clk.set_qpc_error(true);
    EXPECT_EQ(e.position().Flag, POSITION_CONTINUOUS | POSITION_QPC_ERROR);
}

TEST(WavCaptureEndpointTest, OverrunDropsOldestFramesAndFlagsDiscontinuity) {
    clock::VirtualClock clk;
    const audio::PcmBuffer src = ramp(config_44k().format, 5000);
    Endpoint e(make_wav_capture_endpoint(config_44k(), clk, src));
    ASSERT_EQ(e.device->SetBuffer(100000, 2), S_OK);  // ring 882 frames
    ASSERT_EQ(e.control->Start(), S_OK);
    clk.advance(300000);  // 1323 frames produced, only the last 882 kept
    AE_CURRENT_POSITION p = e.position();
    EXPECT_EQ(p.Flag, POSITION_DISCONTINUOUS);
    EXPECT_EQ(p.u64PaddingFrames, 882u);
    EXPECT_EQ(e.position().Flag, POSITION_CONTINUOUS);
    Captured c = capture_packet(e, 441, 441);
    EXPECT_TRUE(std::equal(c.bytes.begin(), c.bytes.end(), src.bytes.begin() + 441 * 4));
}

TEST(WavCaptureEndpointTest, TimestampGivesStreamPositionOfTheData) {
    clock::VirtualClock clk;
    Endpoint e(make_wav_capture_endpoint(config_44k(), clk, ramp(config_44k().format, 5000)));
    ASSERT_EQ(e.device->SetBuffer(100000, 2), S_OK);
    ASSERT_EQ(e.control->Start(), S_OK);
    clk.advance(100000);
    capture_packet(e, 200, 200);
    APO_CONNECTION_PROPERTY conn{0, 100, BUFFER_INVALID, APO_CONNECTION_PROPERTY_SIGNATURE};
    AE_CURRENT_POSITION ts{};
    e.input->GetInputDataPointer(&conn, &ts);
    EXPECT_EQ(ts.u64StreamPosition, 200u);
    EXPECT_EQ(ts.u64DevicePosition, 441u);
    e.input->ReleaseInputDataPointer(100, conn.pBuffer);
}

TEST(WavCaptureEndpointTest, EventModeSchedulesWhenAPacketIsAvailable) {
    clock::VirtualClock clk;
    Endpoint e(make_wav_capture_endpoint(config_44k(), clk, ramp(config_44k().format, 5000)));
    ASSERT_EQ(e.device->SetBuffer(100000, 2), S_OK);
    VirtualEvent ev;
    ASSERT_EQ(e.info->SetEventHandle(&ev), S_OK);
    ASSERT_EQ(e.control->Start(), S_OK);
    EXPECT_EQ(ev.due.load(), 100000);
    clk.set(60000);
    e.rt->ProcessingComplete();
    EXPECT_EQ(ev.signal_count.load(), 0u);
    EXPECT_EQ(ev.due.load(), 100000);
    clk.set(100000);
    e.rt->ProcessingComplete();
    EXPECT_EQ(ev.signal_count.load(), 1u);
    EXPECT_EQ(ev.due.load(), 100000);
}

TEST(WavCaptureEndpointTest, OneHourAt44kHasNoDrift) {
    clock::VirtualClock clk;
    EndpointConfig c = config_44k();
    Endpoint e(make_wav_capture_endpoint(c, clk, audio::PcmBuffer{c.format, {}}));
    ASSERT_EQ(e.device->SetBuffer(100000, 2), S_OK);
    ASSERT_EQ(e.control->Start(), S_OK);
    const HNSTIME step = 100003;  // not a whole number of frames: 441.013 frames a pass
    const HNSTIME hour = 3600 * kHnsPerSecond;
    std::uint64_t read = 0;
    while (clk.now() + step <= hour) {
        clk.advance(step);
        HNSTIME pad = 0;
        e.rt->GetCurrentPadding(&pad, nullptr);
        while (pad > 0) {  // the device makes 441.013 frames a pass: sometimes two packets
            APO_CONNECTION_PROPERTY conn{0, static_cast<UINT32>(std::min<HNSTIME>(pad, 441)),
                                         BUFFER_INVALID, APO_CONNECTION_PROPERTY_SIGNATURE};
            e.input->GetInputDataPointer(&conn, nullptr);
            e.input->ReleaseInputDataPointer(conn.u32ValidFrameCount, conn.pBuffer);
            read += conn.u32ValidFrameCount;
            pad -= conn.u32ValidFrameCount;
        }
    }
    clk.set(hour);
    const AE_CURRENT_POSITION p = e.position();
    EXPECT_EQ(p.u64DevicePosition, 158'760'000u);  // exactly 3600 s x 44100
    EXPECT_EQ(p.u64StreamPosition, 158'760'000u);
    EXPECT_EQ(read + p.u64PaddingFrames, 158'760'000u);
    EXPECT_EQ(e.inspect->GetViolationCount(), 0u);
}

}  // namespace
}  // namespace aetrace::endpoints::test
