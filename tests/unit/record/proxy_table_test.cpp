// The recording proxy over the whole method table: every row is forwarded to the wrapped object's
// own method (both PulseEndpoints kept apart) and recorded under its id, with the scalar fields
// each handler has always stored (some outputs only on success, some whatever the result).
#include <gtest/gtest.h>

#include <stdexcept>
#include <vector>

#include "aetrace/abi/com_object.h"
#include "aetrace/abi/endpoint_interfaces.h"
#include "aetrace/abi/method_dispatch.h"
#include "aetrace/test/sample_calls.h"
#include "aetrace/test/temp_dir.h"
#include "recording_fixture.h"

using namespace aetrace;
using namespace aetrace::abi;
using namespace aetrace::record;
using namespace aetrace::record::test;

namespace {

/// Implements all six interfaces; remembers the ids it was called with and answers fixed values.
class AllMethods final : public DispatchingComObject<AllMethods> {
  public:
    std::vector<MethodId> seen;

    template <MethodId Id, class... Args>
    typename MethodTraits<Id>::Return on_call(Args... args) {
        seen.push_back(Id);
        using R = typename MethodTraits<Id>::Return;
        if constexpr (Id == MethodId::IAudioEndpoint_GetFramesPerPacket) {
            [](UINT32* p) { *p = 480; }(args...);
        } else if constexpr (Id == MethodId::IAudioEndpoint_GetLatency) {
            [](HNSTIME* p) { *p = -5; }(args...);
        } else if constexpr (Id == MethodId::IAudioEndpointRT_GetCurrentPadding) {
            [](HNSTIME* p, AE_CURRENT_POSITION*) { *p = 96; }(args...);
        } else if constexpr (Id == MethodId::IAudioDeviceEndpoint_GetRTCaps) {
            [](BOOL* p) { *p = -1; }(args...);  // recorded as a u32
        } else if constexpr (Id == MethodId::IAudioDeviceEndpoint_GetEventDrivenCapable) {
            [](BOOL* p) { *p = 1; }(args...);
            return E_FAIL;  // the output is then not recorded
        } else if constexpr (Id ==
                             MethodId::
                                 IAudioDeviceEndpoint_WriteExclusiveModeParametersToSharedMemory) {
            [](UINT_PTR, HNSTIME, HNSTIME, UINT32, UINT32* size, UINT_PTR* mem) {
                *size = 64;
                *mem = 7;
            }(args...);
            return E_FAIL;  // the outputs are recorded whatever the result
        } else {
            ((void)args, ...);
        }
        if constexpr (std::is_same_v<R, HRESULT>)
            return Id == MethodId::IAudioEndpoint_GetFrameFormat ? E_NOTIMPL : S_FALSE;
        if constexpr (std::is_same_v<R, UINT_PTR>) return 0;
    }
};

/// Calls method Id through the proxy's interface, as the engine would.
template <MethodId Id>
void call_through_proxy(const EndpointInterfaces& ifs) {
    auto* obj = ifs.get<typename MethodTraits<Id>::Interface>();
    ASSERT_NE(obj, nullptr);
    aetrace::test::SampleArgs args;
    aetrace::test::call_with_sample_args<Id>(*obj, args);
}

const format::CallRecord& call_of(const format::Trace& t, MethodId id) {
    for (const auto& c : t.calls)
        if (c.method == id) return c;
    throw std::runtime_error("no call");
}

}  // namespace

TEST(RecordingProxyTableTest, EveryRowIsForwardedAndRecordedUnderItsId) {
    aetrace::test::TempDir dir;
    clock::VirtualClock clock;
    Recorder recorder(dir / "t.aetrace", test_header(), clock, nullptr, small_options());
    auto* inner = new AllMethods;
    ComPtr<IUnknown> owned = ComPtr<IUnknown>::attach(inner->unknown());
    ComPtr<IUnknown> proxy = recorder.wrap(owned, 1, endpoint_info(format::EndpointRole::kRender));
    const EndpointInterfaces ifs = EndpointInterfaces::query(proxy.get());
    EXPECT_FALSE(ifs.inspect);  // the wrapped object has none, so neither has the proxy

    std::vector<MethodId> expected;
    for_each_method([&]<MethodId Id>() {
        expected.push_back(Id);
        call_through_proxy<Id>(ifs);
    });
    recorder.finish();
    EXPECT_EQ(inner->seen, expected);  // each forwarded to its own method, once

    const format::Trace t = format::read_trace(dir / "t.aetrace", /*strict=*/true);
    ASSERT_EQ(methods_of(t.calls), expected);
    EXPECT_EQ(call_of(t, MethodId::IAudioEndpoint_GetFrameFormat).result, E_NOTIMPL);
    EXPECT_EQ(call_of(t, MethodId::IAudioEndpoint_GetFramesPerPacket).out[0], 480u);
    EXPECT_EQ(call_of(t, MethodId::IAudioEndpoint_GetLatency).out[0],
              static_cast<std::uint64_t>(-5));
    EXPECT_EQ(call_of(t, MethodId::IAudioEndpoint_SetStreamFlags).arg[0], 0x30u);
    EXPECT_EQ(call_of(t, MethodId::IAudioEndpoint_SetEventHandle).arg[0], 1u);
    EXPECT_EQ(call_of(t, MethodId::IAudioEndpointRT_GetCurrentPadding).out[0], 96u);
    EXPECT_EQ(call_of(t, MethodId::IAudioEndpointRT_SetPinActive).result, S_FALSE);
    EXPECT_EQ(call_of(t, MethodId::IAudioInputEndpointRT_ReleaseInputDataPointer).arg[0], 2u);
    EXPECT_EQ(call_of(t, MethodId::IAudioOutputEndpointRT_GetOutputDataPointer).arg[0], 480u);
    EXPECT_EQ(call_of(t, MethodId::IAudioOutputEndpointRT_GetOutputDataPointer).out[0], 0u);
    const auto& set_buffer = call_of(t, MethodId::IAudioDeviceEndpoint_SetBuffer);
    EXPECT_EQ(set_buffer.arg[0], static_cast<std::uint64_t>(-100000));
    EXPECT_EQ(set_buffer.arg[1], 2u);
    EXPECT_EQ(call_of(t, MethodId::IAudioDeviceEndpoint_GetRTCaps).out[0], 0xFFFFFFFFu);
    const auto& event = call_of(t, MethodId::IAudioDeviceEndpoint_GetEventDrivenCapable);
    EXPECT_EQ(event.result, E_FAIL);
    EXPECT_EQ(event.out[0], 0u);
    const auto& shared =
        call_of(t, MethodId::IAudioDeviceEndpoint_WriteExclusiveModeParametersToSharedMemory);
    EXPECT_EQ(shared.result, E_FAIL);
    EXPECT_EQ(shared.arg[0], 100000u);
    EXPECT_EQ(shared.arg[1], 200000u);
    EXPECT_EQ(shared.arg[2], 3u);
    EXPECT_EQ(shared.out[0], 64u);
    EXPECT_EQ(shared.out[1], 1u);
    EXPECT_EQ(call_of(t, MethodId::IAudioEndpointControl_Stop).result, S_FALSE);
}
