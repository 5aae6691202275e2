// The replayer's dispatch, built from the method table: every row reaches the implementation on
// its own interface, a missing interface is reported once, scalar results are compared by the
// table's field kinds.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "aetrace/abi/com_object.h"
#include "aetrace/abi/method_dispatch.h"
#include "aetrace/replay/replayer.h"

namespace aetrace::replay {
namespace {

using abi::MethodId;
using abi::MethodTraits;

/// Implements the interfaces Is through DispatchOf and remembers every method id called. Scalar
/// results: 480 frames per packet, latency -5, RT capable, 64 bytes of shared memory at 0x10.
template <class... Is>
class Recorder final : public abi::ComObject<abi::DispatchOf<Recorder<Is...>, Is>...> {
  public:
    std::vector<MethodId> calls;

    template <MethodId Id, class... Args>
    typename MethodTraits<Id>::Return on_call(Args... args) {
        calls.push_back(Id);
        if constexpr (Id == MethodId::IAudioEndpoint_GetFramesPerPacket)
            [](abi::UINT32* frames) { *frames = 480; }(args...);
        else if constexpr (Id == MethodId::IAudioEndpoint_GetLatency)
            [](abi::HNSTIME* latency) { *latency = -5; }(args...);
        else if constexpr (Id == MethodId::IAudioDeviceEndpoint_GetRTCaps)
            [](abi::BOOL* capable) { *capable = abi::kTrue; }(args...);
        else if constexpr (Id ==
                           MethodId::
                               IAudioDeviceEndpoint_WriteExclusiveModeParametersToSharedMemory)
            [](abi::UINT_PTR, abi::HNSTIME, abi::HNSTIME, abi::UINT32, abi::UINT32* size,
               abi::UINT_PTR* handle) {
                *size = 64;
                *handle = 0x10;
            }(args...);
        else
            ((void)args, ...);
        if constexpr (std::is_same_v<typename MethodTraits<Id>::Return, abi::HRESULT>)
            return abi::S_OK;
        else if constexpr (std::is_same_v<typename MethodTraits<Id>::Return, abi::UINT_PTR>)
            return 0;
    }
};

using Everything =
    Recorder<abi::IAudioEndpoint, abi::IAudioEndpointRT, abi::IAudioInputEndpointRT,
             abi::IAudioOutputEndpointRT, abi::IAudioDeviceEndpoint, abi::IAudioEndpointControl>;

format::Trace trace_with_endpoint() {
    format::Trace trace;
    format::EndpointInfo info;
    info.endpoint = 0;
    info.role = format::EndpointRole::kRender;
    info.implementation = "recorder";
    info.format = abi::StreamFormat{abi::SampleType::kInt, 16, 2, 48000};
    trace.add(info);
    return trace;
}

/// One call of every row of the table, in id order, `times` times over.
format::Trace every_method(int times) {
    format::Trace trace = trace_with_endpoint();
    std::uint64_t seq = 1;
    for (int round = 0; round < times; ++round) {
        for (std::uint16_t i = 0; i < abi::kMethodCount; ++i) {
            format::CallRecord c;
            c.seq = seq++;
            c.method = abi::all_methods()[i].id;
            trace.add(c);
        }
    }
    return trace;
}

/// Replays `trace` against `object` without the format, violation and audio checks.
ReplayReport replay_on(const format::Trace& trace, const abi::ComPtr<abi::IUnknown>& object) {
    ReplayOptions options;
    options.check_format = false;
    options.check_violations = false;
    options.check_audio = false;
    return replay(
        trace, [&](const format::EndpointInfo&, const clock::Clock&) { return object; }, options);
}

}  // namespace

TEST(ReplayDispatchTest, EveryMethodOfTheTableReachesTheImplementation) {
    auto* object = new Everything;
    abi::ComPtr<abi::IUnknown> keep = abi::ComPtr<abi::IUnknown>::attach(object->unknown());
    const ReplayReport report = replay_on(every_method(1), keep);
    std::vector<MethodId> expected;
    abi::for_each_method([&]<MethodId Id>() { expected.push_back(Id); });
    EXPECT_EQ(object->calls, expected);  // both PulseEndpoints on their own interface
    EXPECT_EQ(report.calls_replayed, abi::kMethodCount);
    EXPECT_EQ(report.calls_not_issued, 0u);
}

TEST(ReplayDispatchTest, AMissingInterfaceIsOneDivergenceAndItsCallsAreNotIssued) {
    auto* object = new Recorder<abi::IAudioEndpoint>;
    abi::ComPtr<abi::IUnknown> keep = abi::ComPtr<abi::IUnknown>::attach(object->unknown());
    const ReplayReport report = replay_on(every_method(2), keep);
    EXPECT_EQ(report.calls_replayed, 2u * 5);  // the five IAudioEndpoint methods, twice
    EXPECT_EQ(report.calls_not_issued, 2u * (abi::kMethodCount - 5));
    std::vector<std::string> missing;
    for (const Divergence& d : report.divergences) {
        if (d.field != "interface") continue;
        EXPECT_EQ(d.actual, "missing (QueryInterface failed)");
        missing.push_back(d.expected);
    }
    EXPECT_EQ(missing, (std::vector<std::string>{
                           "IAudioEndpointRT implemented", "IAudioInputEndpointRT implemented",
                           "IAudioOutputEndpointRT implemented", "IAudioDeviceEndpoint implemented",
                           "IAudioEndpointControl implemented"}));
}

TEST(ReplayDispatchTest, ScalarResultsAreComparedByTheirFieldKind) {
    format::Trace trace = trace_with_endpoint();
    const auto add = [&](MethodId method, std::uint64_t out0, std::uint64_t out1 = 0) {
        format::CallRecord c;
        c.seq = trace.calls.size() + 1;
        c.method = method;
        c.out[0] = out0;
        c.out[1] = out1;
        trace.add(c);
    };
    add(MethodId::IAudioEndpoint_GetFramesPerPacket, 481);                          // kU64
    add(MethodId::IAudioEndpoint_GetLatency, 3);                                    // kI64
    add(MethodId::IAudioDeviceEndpoint_GetRTCaps, 0);                               // kBool
    add(MethodId::IAudioDeviceEndpoint_WriteExclusiveModeParametersToSharedMemory,  // kU64,
        64, 0);                                                                     // kPresent
    add(MethodId::IAudioEndpoint_GetFramesPerPacket, 480);  // equal: no divergence
    auto* object = new Everything;
    abi::ComPtr<abi::IUnknown> keep = abi::ComPtr<abi::IUnknown>::attach(object->unknown());
    const ReplayReport report = replay_on(trace, keep);
    std::vector<std::string> seen;
    for (const Divergence& d : report.divergences)
        seen.push_back(d.field + ": " + d.expected + " -> " + d.actual);
    EXPECT_EQ(seen, (std::vector<std::string>{
                        "frames_per_packet: 481 -> 480", "latency_hns: 3 -> -5",
                        "is_rt_capable: FALSE -> TRUE", "shared_memory_present: null -> present"}));
}

}  // namespace aetrace::replay
