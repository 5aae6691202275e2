// ForwardingEndpoint: exposes exactly the inner object's interfaces and reports every API call.
#include <gtest/gtest.h>

#include <vector>

#include "aetrace/abi/abi.h"
#include "aetrace/clock/clock.h"
#include "aetrace/endpoints/factory.h"
#include "aetrace/plugin/forwarding_endpoint.h"

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

}  // namespace
}  // namespace aetrace::plugin
