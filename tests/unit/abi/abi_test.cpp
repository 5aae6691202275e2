#include <gtest/gtest.h>

#include <cstring>
#include <set>
#include <string>

#include "aetrace/abi/abi.h"

using namespace aetrace::abi;

TEST(MethodTableTest, IdsAreDenseAndNamesUnique) {
    std::set<std::string_view> names;
    for (std::uint16_t i = 1; i <= kMethodCount; ++i) {
        const MethodInfo* m = method_info(static_cast<MethodId>(i));
        ASSERT_NE(m, nullptr) << i;
        EXPECT_EQ(static_cast<std::uint16_t>(m->id), i);
        EXPECT_TRUE(names.insert(m->qualified_name).second) << m->qualified_name;
        EXPECT_EQ(find_method(m->qualified_name), m);
    }
    EXPECT_EQ(method_info(static_cast<MethodId>(0)), nullptr);
    EXPECT_EQ(method_info(static_cast<MethodId>(kMethodCount + 1)), nullptr);
    EXPECT_EQ(find_method("IAudioEndpointRT::NoSuchMethod"), nullptr);
}

TEST(MethodTableTest, SlotsFollowTheSdkNotMingw) {
    // Spec section 4: mingw-w64 swaps these; the SDK order is the one in the table.
    EXPECT_EQ(method_info(MethodId::IAudioDeviceEndpoint_SetBuffer)->vtable_slot, 3);
    EXPECT_EQ(method_info(MethodId::IAudioDeviceEndpoint_GetEventDrivenCapable)->vtable_slot, 5);
    EXPECT_EQ(method_info(MethodId::IAudioEndpoint_SetStreamFlags)->vtable_slot, 6);
    EXPECT_EQ(method_info(MethodId::IAudioEndpoint_SetEventHandle)->vtable_slot, 7);
    EXPECT_EQ(method_info(MethodId::IAudioEndpointControl_Start)->vtable_slot, 3);
    EXPECT_EQ(method_info(MethodId::IAudioEndpointControl_Reset)->vtable_slot, 4);
    EXPECT_EQ(method_info(MethodId::IAudioEndpointRT_SetPinInactive)->vtable_slot, 5);
    EXPECT_EQ(method_info(MethodId::IAudioInputEndpointRT_ReleaseInputDataPointer)->vtable_slot, 4);
    EXPECT_EQ(method_info(MethodId::IAudioOutputEndpointRT_ReleaseOutputDataPointer)->vtable_slot,
              4);
}

TEST(MethodTableTest, RealTimeFlagFollowsTheInterface) {
    for (std::uint16_t i = 1; i <= kMethodCount; ++i) {
        const MethodInfo* m = method_info(static_cast<MethodId>(i));
        bool rt_interface = m->interface_name == "IAudioEndpointRT" ||
                            m->interface_name == "IAudioInputEndpointRT" ||
                            m->interface_name == "IAudioOutputEndpointRT";
        EXPECT_EQ(m->realtime, rt_interface) << m->qualified_name;
    }
}

// A vtable probe: an implementation whose methods record their own slot. Calling through the
// interface type must land in the slot the SDK gives.
class SlotProbe final : public IAudioEndpointControl {
  public:
    int last = -1;
    HRESULT QueryInterface(const IID&, void**) override { return E_NOINTERFACE; }
    std::uint32_t AddRef() override { return 1; }
    std::uint32_t Release() override { return 1; }
    HRESULT Start() override { return last = 3, S_OK; }
    HRESULT Reset() override { return last = 4, S_OK; }
    HRESULT Stop() override { return last = 5, S_OK; }
};

TEST(InterfaceLayoutTest, ControlSlotsAreStartResetStop) {
    SlotProbe probe;
    probe.last = 0;
    // Read the vtable directly: slot 3 must be Start (mingw-w64 puts Reset there). The vtable
    // pointer is the first word of the object (Itanium and MSVC ABIs alike).
    using Fn = HRESULT (*)(IAudioEndpointControl*);
    IAudioEndpointControl* iface = &probe;
    Fn* vtable = nullptr;
    std::memcpy(&vtable, static_cast<const void*>(iface), sizeof vtable);
    vtable[3](iface);
    EXPECT_EQ(probe.last, 3);
    vtable[4](iface);
    EXPECT_EQ(probe.last, 4);
    vtable[5](iface);
    EXPECT_EQ(probe.last, 5);
}

TEST(GuidTest, PrintsAndParsesTheSdkIids) {
    EXPECT_EQ(to_string(IID_IAudioEndpointRT), "{DFD2005F-A6E5-4D39-A265-939ADA9FBB4D}");
    EXPECT_EQ(to_string(IID_IAudioOutputEndpointRT), "{8FA906E4-C31C-4E31-932E-19A66385E9AA}");
    auto g = parse_guid("{c684b72a-6df4-4774-bdf9-76b77509b653}");
    ASSERT_TRUE(g.has_value());
    EXPECT_EQ(*g, IID_IAudioEndpointControl);
    EXPECT_FALSE(parse_guid("{C684B72A-6DF4-4774-BDF9-76B77509B65}").has_value());
    EXPECT_FALSE(parse_guid("{C684B72A_6DF4-4774-BDF9-76B77509B653}").has_value());
}

TEST(HresultTest, NamesRoundTrip) {
    EXPECT_EQ(hresult_name(E_POINTER), "E_POINTER");
    EXPECT_EQ(hresult_name(static_cast<HRESULT>(0x88890001u)), "0x88890001");
    HRESULT hr = 0;
    ASSERT_TRUE(parse_hresult("AEERR_NOT_INITIALIZED", &hr));
    EXPECT_EQ(hr, AEERR_NOT_INITIALIZED);
    ASSERT_TRUE(parse_hresult("0x88890001", &hr));
    EXPECT_EQ(static_cast<std::uint32_t>(hr), 0x88890001u);
    EXPECT_FALSE(parse_hresult("E_BOGUS", &hr));
    EXPECT_TRUE(failed(E_NOTIMPL));
    EXPECT_TRUE(succeeded(S_FALSE));
}

TEST(WaveFormatTest, ExtensibleAboveTwoChannelsOrSixteenBits) {
    WAVEFORMATEXTENSIBLE w;
    EXPECT_EQ(to_wave_format({SampleType::kInt, 16, 2, 48000}, &w), 18u);
    EXPECT_EQ(w.Format.wFormatTag, WAVE_FORMAT_PCM);
    EXPECT_EQ(w.Format.nBlockAlign, 4);
    EXPECT_EQ(w.Format.nAvgBytesPerSec, 192000u);

    StreamFormat f{SampleType::kInt, 24, 8, 96000};
    EXPECT_EQ(to_wave_format(f, &w), 40u);
    EXPECT_EQ(w.Format.wFormatTag, WAVE_FORMAT_EXTENSIBLE);
    EXPECT_EQ(w.Format.cbSize, 22);
    EXPECT_EQ(w.SubFormat, KSDATAFORMAT_SUBTYPE_PCM);
    auto back = from_wave_format(&w.Format, sizeof w);
    ASSERT_TRUE(back.has_value());
    EXPECT_EQ(*back, f);

    to_wave_format({SampleType::kFloat, 32, 2, 44100}, &w);
    EXPECT_EQ(w.SubFormat, KSDATAFORMAT_SUBTYPE_IEEE_FLOAT);
    EXPECT_EQ(from_wave_format(&w.Format, 18), std::nullopt);  // truncated extensible
}

TEST(WaveFormatTest, RejectsUnsupportedFormats) {
    std::string why;
    EXPECT_FALSE(is_supported({SampleType::kInt, 8, 2, 48000}, &why));
    EXPECT_NE(why.find("16, 24 or 32"), std::string::npos);
    EXPECT_FALSE(is_supported({SampleType::kInt, 16, 9, 48000}, &why));
    EXPECT_FALSE(is_supported({SampleType::kFloat, 64, 2, 48000}, &why));
    WAVEFORMATEX w{0x0055, 2, 44100, 0, 4, 16, 0};  // MP3 tag
    EXPECT_EQ(from_wave_format(&w, sizeof w), std::nullopt);
}

TEST(CoTaskMemTest, AllocatesAndFrees) {
    CoTaskMemPtr<WAVEFORMATEX> p(
        static_cast<WAVEFORMATEX*>(co_task_mem_alloc(sizeof(WAVEFORMATEX))));
    ASSERT_NE(p, nullptr);
    std::memset(p.get(), 0, sizeof(WAVEFORMATEX));
    EXPECT_EQ(p->cbSize, 0);
}
