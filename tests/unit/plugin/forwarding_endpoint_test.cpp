// ForwardingEndpoint: exposes exactly the inner object's interfaces and reports every API call.
#include <gtest/gtest.h>

#include <vector>

#include "aetrace/abi/abi.h"
#include "aetrace/abi/com_object.h"
#include "aetrace/abi/endpoint_interfaces.h"
#include "aetrace/abi/method_dispatch.h"
#include "aetrace/clock/clock.h"
#include "aetrace/endpoints/factory.h"
#include "aetrace/plugin/forwarding_endpoint.h"
#include "aetrace/test/sample_calls.h"

namespace aetrace::plugin {
namespace {

class Recording final : public ForwardingEndpoint {
  public:
    Recording(abi::ComPtr<abi::IUnknown> inner, std::vector<abi::MethodId>& seen)
        : ForwardingEndpoint(std::move(inner)), seen_(seen) {}

  private:
    ~Recording() override = default;
    void before_call(abi::MethodId method) noexcept override { seen_.push_back(method); }
    std::vector<abi::MethodId>& seen_;
};

/// An inner object with all six API interfaces: remembers the id of every method that reached it
/// and the pointer arguments it was given; answers S_FALSE / 0x1234 so results can be traced.
class Everything final : public abi::DispatchingComObject<Everything> {
  public:
    std::vector<abi::MethodId> calls;
    std::vector<const void*> pointers;  ///< every pointer argument, in order

    template <abi::MethodId Id, class... Args>
    typename abi::MethodTraits<Id>::Return on_call(Args... args) {
        calls.push_back(Id);
        (note(args), ...);
        if constexpr (std::is_same_v<typename abi::MethodTraits<Id>::Return, abi::HRESULT>)
            return abi::S_FALSE;
        else if constexpr (std::is_same_v<typename abi::MethodTraits<Id>::Return, abi::UINT_PTR>)
            return 0x1234;
    }

  private:
    template <class T>
    void note(T value) {
        if constexpr (std::is_pointer_v<T>) pointers.push_back(value);
    }
};

/// Calls method Id through `ifs` with the sample arguments (pointers into `args`, recorded in
/// args.pointers), checking the results the inner object answers.
template <abi::MethodId Id>
void call(const abi::EndpointInterfaces& ifs, test::SampleArgs& args) {
    using M = abi::MethodId;
    auto* obj = ifs.get<typename abi::MethodTraits<Id>::Interface>();
    ASSERT_NE(obj, nullptr);
    if constexpr (Id == M::IAudioEndpoint_GetFrameFormat)
        EXPECT_EQ(test::call_with_sample_args<Id>(*obj, args), abi::S_FALSE);
    else if constexpr (Id == M::IAudioOutputEndpointRT_GetOutputDataPointer)
        EXPECT_EQ(test::call_with_sample_args<Id>(*obj, args), abi::UINT_PTR{0x1234});
    else
        test::call_with_sample_args<Id>(*obj, args);
}

endpoints::EndpointConfig config() {
    endpoints::EndpointConfig c;
    c.format = {abi::SampleType::kInt, 16, 2, 48000};
    return c;
}

TEST(ForwardingEndpointTest, ExposesOnlyTheInnerObjectsInterfaces) {
    clock::VirtualClock vclock;
    std::vector<abi::MethodId> seen;
    auto* f = new Recording(endpoints::make_wav_render_endpoint(config(), vclock), seen);
    const auto object = abi::ComPtr<abi::IUnknown>::attach(f->unknown());
    EXPECT_TRUE(object.as<abi::IAudioOutputEndpointRT>());
    EXPECT_TRUE(object.as<abi::IAetraceEndpointInspect>());
    abi::HRESULT hr = abi::S_OK;
    EXPECT_FALSE(object.as<abi::IAudioInputEndpointRT>(&hr));
    EXPECT_EQ(hr, abi::E_NOINTERFACE);
    // Identity: IUnknown from any interface is the same pointer.
    auto rt = object.as<abi::IAudioEndpointRT>();
    EXPECT_EQ(rt.as<abi::IUnknown>().get(), object.as<abi::IUnknown>().get());
}

TEST(ForwardingEndpointTest, ReportsEachApiCallWithItsMethodAndForwardsResults) {
    clock::VirtualClock vclock;
    std::vector<abi::MethodId> seen;
    auto* f = new Recording(endpoints::make_wav_render_endpoint(config(), vclock), seen);
    const auto object = abi::ComPtr<abi::IUnknown>::attach(f->unknown());
    auto device = object.as<abi::IAudioDeviceEndpoint>();
    auto endpoint = object.as<abi::IAudioEndpoint>();
    auto output = object.as<abi::IAudioOutputEndpointRT>();
    auto inspect = object.as<abi::IAetraceEndpointInspect>();
    abi::HNSTIME latency = 0;
    EXPECT_EQ(endpoint->GetLatency(&latency), abi::AEERR_NOT_INITIALIZED);
    ASSERT_EQ(device->SetBuffer(100000, 2), abi::S_OK);
    EXPECT_EQ(endpoint->GetLatency(&latency), abi::S_OK);
    EXPECT_EQ(latency, 200000);
    output->PulseEndpoint();
    (void)inspect->GetViolationCount();  // not an API call
    const std::vector<abi::MethodId> expected = {
        abi::MethodId::IAudioEndpoint_GetLatency, abi::MethodId::IAudioDeviceEndpoint_SetBuffer,
        abi::MethodId::IAudioEndpoint_GetLatency,
        abi::MethodId::IAudioOutputEndpointRT_PulseEndpoint};
    EXPECT_EQ(seen, expected);
}

TEST(ForwardingEndpointTest, ForwardsEveryMethodOfTheTableWithItsOwnIdAndArguments) {
    auto* inner = new Everything;
    auto inner_ref = abi::ComPtr<abi::IUnknown>::attach(inner->unknown());
    std::vector<abi::MethodId> seen;
    auto* f = new Recording(inner_ref, seen);
    const auto object = abi::ComPtr<abi::IUnknown>::attach(f->unknown());
    const abi::EndpointInterfaces ifs = abi::EndpointInterfaces::query(object.get());
    EXPECT_FALSE(ifs.has(abi::IID_IAetraceEndpointInspect));  // the inner object lacks it
    std::vector<abi::MethodId> expected;
    test::SampleArgs args;
    abi::for_each_method([&]<abi::MethodId Id>() {
        expected.push_back(Id);
        call<Id>(ifs, args);
    });
    ASSERT_EQ(expected.size(), abi::kMethodCount);
    EXPECT_EQ(seen, expected);          // before_call, once a method, both PulseEndpoints apart
    EXPECT_EQ(inner->calls, expected);  // each reached the inner object's own method
    EXPECT_EQ(inner->pointers, args.pointers);  // pointer arguments passed through unchanged
}

TEST(ForwardingEndpointTest, WithoutAnInnerObjectExposesOnlyIUnknown) {
    std::vector<abi::MethodId> seen;
    auto* f = new Recording(nullptr, seen);
    const auto object = abi::ComPtr<abi::IUnknown>::attach(f->unknown());
    const abi::EndpointInterfaces ifs = abi::EndpointInterfaces::query(object.get());
    for (const abi::IID* iid :
         {&abi::IID_IAudioEndpoint, &abi::IID_IAudioEndpointRT, &abi::IID_IAudioInputEndpointRT,
          &abi::IID_IAudioOutputEndpointRT, &abi::IID_IAudioDeviceEndpoint,
          &abi::IID_IAudioEndpointControl, &abi::IID_IAetraceEndpointInspect})
        EXPECT_FALSE(ifs.has(*iid));
    EXPECT_EQ(object.as<abi::IUnknown>().get(), object.get());
    void* p = &seen;
    EXPECT_EQ(object->QueryInterface(abi::IID_IAudioEndpoint, &p), abi::E_NOINTERFACE);
    EXPECT_EQ(p, nullptr);
    EXPECT_EQ(object->QueryInterface(abi::IID_IUnknown, nullptr), abi::E_POINTER);
}

}  // namespace
}  // namespace aetrace::plugin
