// Initialisation sequence, HRESULTs, QueryInterface, format, frames per packet, registry.
#include <gtest/gtest.h>

#include <algorithm>

#include "endpoint_test_util.h"

namespace aetrace::endpoints::test {
namespace {

TEST(EndpointInitTest, QueryInterfaceExposesAllInterfacesOfItsDirection) {
    clock::VirtualClock clk;
    Endpoint cap(make_wav_capture_endpoint(config_44k(), clk, ramp(config_44k().format, 10)));
    Endpoint ren(make_wav_render_endpoint(config_44k(), clk));
    for (Endpoint* e : {&cap, &ren}) {
        EXPECT_TRUE(e->info && e->rt && e->device && e->control && e->inspect);
    }
    EXPECT_TRUE(cap.input);
    EXPECT_FALSE(cap.output);
    EXPECT_TRUE(ren.output);
    EXPECT_FALSE(ren.input);

    void* p = reinterpret_cast<void*>(1);
    const IID unknown_iid = {0x12345678, 1, 2, {1, 2, 3, 4, 5, 6, 7, 8}};
    EXPECT_EQ(cap.unknown->QueryInterface(unknown_iid, &p), E_NOINTERFACE);
    EXPECT_EQ(p, nullptr);
    EXPECT_EQ(cap.unknown->QueryInterface(IID_IAudioEndpoint, nullptr), E_POINTER);
    // IUnknown identity: QI for IUnknown from any interface gives the same pointer.
    ComPtr<IUnknown> a = cap.rt.as<IUnknown>();
    ComPtr<IUnknown> b = cap.control.as<IUnknown>();
    EXPECT_EQ(a.get(), b.get());
}

TEST(EndpointInitTest, PacketRingQueryInterfaceExposesAllInterfacesOfItsDirection) {
    clock::VirtualClock clk;
    const audio::PcmBuffer src = ramp(config_44k().format, 10);
    Endpoint cap(create_builtin_endpoint("packet-ring", Role::kCapture, config_44k(), clk, &src));
    Endpoint ren(create_builtin_endpoint("packet-ring", Role::kRender, config_44k(), clk, nullptr));
    for (Endpoint* e : {&cap, &ren}) {
        EXPECT_TRUE(e->info && e->rt && e->device && e->control && e->inspect);
        EXPECT_EQ(e->rt.as<IUnknown>().get(), e->unknown.get());  // one identity
    }
    EXPECT_TRUE(cap.input);
    EXPECT_FALSE(cap.output);
    EXPECT_TRUE(ren.output);
    EXPECT_FALSE(ren.input);
    void* p = reinterpret_cast<void*>(1);
    EXPECT_EQ(ren.unknown->QueryInterface(IID_IAudioInputEndpointRT, &p), E_NOINTERFACE);
    EXPECT_EQ(p, nullptr);
    EXPECT_EQ(ren.unknown->QueryInterface(IID_IAudioEndpoint, nullptr), E_POINTER);
}

TEST(EndpointInitTest, ReferenceCountDeletesOnLastRelease) {
    clock::VirtualClock clk;
    ComPtr<IUnknown> u = make_wav_render_endpoint(config_44k(), clk);
    IUnknown* raw = u.get();
    EXPECT_EQ(raw->AddRef(), 2u);
    EXPECT_EQ(raw->Release(), 1u);
    // The ASan build reports a leak if the last Release did not delete the object.
}

TEST(EndpointInitTest, MethodsReturnDocumentedCodesBeforeAndAfterSetBuffer) {
    clock::VirtualClock clk;
    Endpoint e(make_wav_render_endpoint(config_44k(), clk));
    // Null out-pointers.
    EXPECT_EQ(e.info->GetFrameFormat(nullptr), E_POINTER);
    EXPECT_EQ(e.info->GetFramesPerPacket(nullptr), E_POINTER);
    EXPECT_EQ(e.info->GetLatency(nullptr), E_POINTER);
    EXPECT_EQ(e.device->GetRTCaps(nullptr), E_POINTER);
    EXPECT_EQ(e.device->GetEventDrivenCapable(nullptr), E_POINTER);
    // Before SetBuffer.
    HNSTIME latency = 123;
    EXPECT_EQ(e.info->GetLatency(&latency), AEERR_NOT_INITIALIZED);
    EXPECT_EQ(latency, 0);
    VirtualEvent ev;
    EXPECT_EQ(e.info->SetEventHandle(&ev), AEERR_NOT_INITIALIZED);
    EXPECT_EQ(e.control->Start(), AEERR_NOT_INITIALIZED);
    AE_CURRENT_POSITION pos = e.position();
    EXPECT_EQ(pos.Flag, POSITION_INVALID);
    EXPECT_EQ(pos.u64DevicePosition, 0u);
    BOOL b = 7;
    EXPECT_EQ(e.device->GetRTCaps(&b), S_OK);
    EXPECT_EQ(b, kFalse);
    EXPECT_EQ(e.device->GetEventDrivenCapable(&b), S_OK);
    EXPECT_EQ(b, kTrue);
    UINT32 size = 5;
    UINT_PTR mem = 5;
    EXPECT_EQ(
        e.device->WriteExclusiveModeParametersToSharedMemory(0, 100000, 200000, 2, &size, &mem),
        E_NOTIMPL);
    EXPECT_EQ(size, 0u);
    EXPECT_EQ(mem, 0u);
    // SetBuffer arguments.
    EXPECT_EQ(e.device->SetBuffer(0, 2), E_INVALIDARG);
    EXPECT_EQ(e.device->SetBuffer(-100000, 2), E_INVALIDARG);
    EXPECT_EQ(e.device->SetBuffer(100000, 0), S_OK);  // coefficient 0 -> minimum 2
    EXPECT_EQ(e.device->SetBuffer(100000, 3), E_UNEXPECTED);
    EXPECT_EQ(e.info->GetLatency(&latency), S_OK);
    EXPECT_EQ(latency, 200000);
    EXPECT_EQ(e.info->SetEventHandle(nullptr), E_INVALIDARG);
    EXPECT_EQ(e.info->SetEventHandle(&ev), S_OK);
    EXPECT_EQ(e.info->SetStreamFlags(AUDCLNT_STREAMFLAGS_EVENTCALLBACK), S_OK);
    EXPECT_EQ(e.rt->SetPinActive(), S_OK);
    EXPECT_EQ(e.control->Start(), S_OK);
    EXPECT_EQ(e.control->Start(), S_OK);
    EXPECT_EQ(e.control->Stop(), S_OK);
    EXPECT_EQ(e.rt->SetPinInactive(), S_OK);
    EXPECT_EQ(e.control->Reset(), S_OK);
    pos = e.position();
    EXPECT_NE(pos.Flag, POSITION_INVALID);
    EXPECT_EQ(e.inspect->GetViolationCount(), 0u);
}

TEST(EndpointInitTest, LatencyUsesTheRequestedCoefficientAboveTheMinimum) {
    clock::VirtualClock clk;
    Endpoint e(make_wav_render_endpoint(config_44k(), clk));
    ASSERT_EQ(e.device->SetBuffer(100000, 5), S_OK);
    HNSTIME latency = 0;
    ASSERT_EQ(e.info->GetLatency(&latency), S_OK);
    EXPECT_EQ(latency, 500000);
}

TEST(EndpointInitTest, FrameFormatIsWaveFormatExOrExtensible) {
    clock::VirtualClock clk;
    Endpoint e(make_wav_render_endpoint(config_44k(), clk));
    WAVEFORMATEX* wfx = nullptr;
    ASSERT_EQ(e.info->GetFrameFormat(&wfx), S_OK);
    CoTaskMemPtr<WAVEFORMATEX> owned(wfx);
    EXPECT_EQ(wfx->wFormatTag, WAVE_FORMAT_PCM);
    EXPECT_EQ(wfx->nSamplesPerSec, 44100u);
    EXPECT_EQ(wfx->nChannels, 2);
    EXPECT_EQ(wfx->nBlockAlign, 4);

    EndpointConfig c = config_44k();
    c.format.channels = 6;
    c.format.sample_type = SampleType::kFloat;
    c.format.bits_per_sample = 32;
    Endpoint f(make_wav_render_endpoint(c, clk));
    ASSERT_EQ(f.info->GetFrameFormat(&wfx), S_OK);
    CoTaskMemPtr<WAVEFORMATEX> owned2(wfx);
    EXPECT_EQ(wfx->wFormatTag, WAVE_FORMAT_EXTENSIBLE);
    EXPECT_EQ(wfx->cbSize, kWaveFormatExtensibleCbSize);
    EXPECT_EQ(from_wave_format(wfx, 40), c.format);
}

TEST(EndpointInitTest, FramesPerPacketAt44kRoundsHalfUp) {
    clock::VirtualClock clk;
    Endpoint e(make_wav_render_endpoint(config_44k(), clk));
    UINT32 fpp = 0;
    ASSERT_EQ(e.info->GetFramesPerPacket(&fpp), S_OK);
    EXPECT_EQ(fpp, 441u);  // default period 10 ms
    Endpoint g(make_wav_render_endpoint(config_44k(), clk));
    ASSERT_EQ(g.device->SetBuffer(30000, 2), S_OK);  // 3 ms: 132.3 frames -> 132
    ASSERT_EQ(g.info->GetFramesPerPacket(&fpp), S_OK);
    EXPECT_EQ(fpp, 132u);
    Endpoint h(make_wav_render_endpoint(config_44k(), clk));
    ASSERT_EQ(h.device->SetBuffer(34014, 2), S_OK);  // 150.00174 frames -> 150
    ASSERT_EQ(h.info->GetFramesPerPacket(&fpp), S_OK);
    EXPECT_EQ(fpp, 150u);
    Endpoint k(make_wav_render_endpoint(config_44k(), clk));
    ASSERT_EQ(k.device->SetBuffer(34127, 2), S_OK);  // 150.50007 frames -> 151
    ASSERT_EQ(k.info->GetFramesPerPacket(&fpp), S_OK);
    EXPECT_EQ(fpp, 151u);
}

TEST(EndpointFactoryTest, RejectsSourceInAnotherFormat) {
    clock::VirtualClock clk;
    EndpointConfig c = config_44k();
    StreamFormat other = c.format;
    other.sample_rate = 48000;
    EXPECT_THROW(make_wav_capture_endpoint(c, clk, ramp(other, 10)), InputError);
    c.format.channels = 0;
    EXPECT_THROW(make_wav_render_endpoint(c, clk), InputError);
}

TEST(EndpointFactoryTest, RegistryKnowsReferenceAndMutantsAndRejectsOthers) {
    const std::vector<std::string> names = builtin_endpoint_names();
    ASSERT_EQ(names.size(), 17u);  // reference, packet-ring, 15 mutants
    EXPECT_EQ(names[0], "reference");
    EXPECT_EQ(names[1], "packet-ring");
    clock::VirtualClock clk;
    const audio::PcmBuffer src = ramp(config_44k().format, 10);
    for (const std::string& n : names) {
        Endpoint c(create_builtin_endpoint(n, Role::kCapture, config_44k(), clk, &src));
        EXPECT_TRUE(c.input) << n;
        Endpoint r(create_builtin_endpoint(n, Role::kRender, config_44k(), clk, nullptr));
        EXPECT_TRUE(r.output) << n;
    }
    try {
        create_builtin_endpoint("nope", Role::kRender, config_44k(), clk, nullptr);
        FAIL() << "no exception";
    } catch (const InputError& e) {
        const std::string what = e.what();
        EXPECT_NE(what.find("nope"), std::string::npos);
        EXPECT_NE(what.find("mutant-swap-channels"), std::string::npos);
    }
}

}  // namespace
}  // namespace aetrace::endpoints::test
