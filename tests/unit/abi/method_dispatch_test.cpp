// The code generated from the method table: DispatchOf routes every method of every interface to
// on_call with its own id and unchanged arguments, ComObject answers QueryInterface for exactly its
// bases, EndpointInterfaces finds what an object implements.
#include <gtest/gtest.h>

#include <set>
#include <vector>

#include "aetrace/abi/com_object.h"
#include "aetrace/abi/endpoint_interfaces.h"
#include "aetrace/abi/method_dispatch.h"
#include "aetrace/test/sample_calls.h"

using namespace aetrace::abi;

namespace {

/// Implements all six interfaces through DispatchOf; remembers which ids were called.
class Everything final : public DispatchingComObject<Everything> {
  public:
    std::vector<MethodId> calls;
    UINT32 last_frames = 0;
    bool hide_output = false;
    int* destroyed = nullptr;

    ~Everything() override {
        if (destroyed) ++*destroyed;
    }

    template <MethodId Id, class... Args>
    typename MethodTraits<Id>::Return on_call(Args... args) {
        calls.push_back(Id);
        if constexpr (Id == MethodId::IAudioOutputEndpointRT_GetOutputDataPointer)
            last_frames = [](UINT32 n, AE_CURRENT_POSITION*) { return n; }(args...);
        else
            ((void)args, ...);
        if constexpr (std::is_same_v<typename MethodTraits<Id>::Return, HRESULT>)
            return S_FALSE;
        else if constexpr (std::is_same_v<typename MethodTraits<Id>::Return, UINT_PTR>)
            return 0x1234;
    }

  protected:
    bool exposes(const IID& riid) const noexcept override {
        return !(hide_output && riid == IID_IAudioOutputEndpointRT);
    }
};

/// Calls method Id through the interface, as the engine would.
template <MethodId Id>
void call_through_interface(const EndpointInterfaces& ifs) {
    auto* obj = ifs.get<typename MethodTraits<Id>::Interface>();
    ASSERT_NE(obj, nullptr);
    aetrace::test::SampleArgs args;
    if constexpr (Id == MethodId::IAudioOutputEndpointRT_GetOutputDataPointer)
        EXPECT_EQ(aetrace::test::call_with_sample_args<Id>(*obj, args), UINT_PTR{0x1234});
    else
        aetrace::test::call_with_sample_args<Id>(*obj, args);
}

}  // namespace

TEST(MethodDispatchTest, EveryMethodReachesOnCallWithItsOwnId) {
    auto* raw = new Everything;
    ComPtr<IUnknown> obj = ComPtr<IUnknown>::attach(raw->unknown());
    const EndpointInterfaces ifs = EndpointInterfaces::query(obj.get());
    std::vector<MethodId> expected;
    for_each_method([&]<MethodId Id>() {
        expected.push_back(Id);
        call_through_interface<Id>(ifs);
    });
    ASSERT_EQ(expected.size(), kMethodCount);
    EXPECT_EQ(raw->calls, expected);  // both PulseEndpoints kept apart
    EXPECT_EQ(raw->last_frames, 480u);
}

TEST(ComObjectTest, AnswersItsBasesAndCountsReferences) {
    int destroyed = 0;
    auto* raw = new Everything;
    raw->destroyed = &destroyed;
    raw->hide_output = true;
    ComPtr<IUnknown> obj = ComPtr<IUnknown>::attach(raw->unknown());
    EndpointInterfaces ifs = EndpointInterfaces::query(obj.get());
    EXPECT_TRUE(ifs.has(IID_IAudioEndpoint));
    EXPECT_TRUE(ifs.has(IID_IAudioInputEndpointRT));
    EXPECT_FALSE(ifs.has(IID_IAudioOutputEndpointRT));   // hidden by exposes()
    EXPECT_FALSE(ifs.has(IID_IAetraceEndpointInspect));  // not a base
    EXPECT_EQ(ifs.get<IAudioOutputEndpointRT>(), nullptr);
    EXPECT_EQ(static_cast<IUnknown*>(ifs.get<IAudioEndpointRT>()), ifs.find(IID_IAudioEndpointRT));

    void* p = &destroyed;
    EXPECT_EQ(obj->QueryInterface(IID_IAetraceEndpointInspect, &p), E_NOINTERFACE);
    EXPECT_EQ(p, nullptr);
    EXPECT_EQ(obj->QueryInterface(IID_IUnknown, nullptr), E_POINTER);
    ComPtr<IUnknown> again;
    ASSERT_EQ(ifs.rt->QueryInterface(IID_IUnknown, again.put_void()), S_OK);
    EXPECT_EQ(again.get(), obj.get());  // one identity whatever interface is asked

    again.reset();
    obj.reset();
    EXPECT_EQ(destroyed, 0);  // ifs still holds references
    ifs = EndpointInterfaces{};
    EXPECT_EQ(destroyed, 1);  // the last Release deleted it
}

TEST(MethodTableTest, FieldKindsNameEveryUsedField) {
    std::set<std::string_view> kinds_seen;
    for (std::uint16_t i = 1; i <= kMethodCount; ++i) {
        const MethodInfo& m = all_methods()[i - 1];
        for (int a = 0; a < 3; ++a)
            EXPECT_EQ(m.arg_names[a] == nullptr, m.arg_kinds[a] == FieldKind::kNone)
                << m.qualified_name << " arg " << a;
        for (int o = 0; o < 2; ++o)
            EXPECT_EQ(m.out_names[o] == nullptr, m.out_kinds[o] == FieldKind::kNone)
                << m.qualified_name << " out " << o;
    }
    const MethodInfo* latency = method_info(MethodId::IAudioEndpoint_GetLatency);
    EXPECT_STREQ(latency->out_names[0], "latency_hns");
    EXPECT_EQ(latency->out_kinds[0], FieldKind::kI64);
    EXPECT_EQ(method_info(MethodId::IAudioDeviceEndpoint_GetRTCaps)->out_kinds[0],
              FieldKind::kBool);
    EXPECT_EQ(method_info(MethodId::IAudioInputEndpointRT_ReleaseInputDataPointer)->arg_kinds[1],
              FieldKind::kMatch);
}
