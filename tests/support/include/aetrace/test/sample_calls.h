// Calls any method of the table with fixed sample arguments, for the tests that sweep the whole
// method table (through abi::for_each_method) across a dispatcher, a recording proxy or a
// forwarder. The one place where a test spells out an argument list per method.
#pragma once

#include <type_traits>
#include <vector>

#include "aetrace/abi/method_dispatch.h"

namespace aetrace::test {

/// Storage for the arguments of call_with_sample_args: every pointer argument points into it, so
/// out-parameters land here and the addresses passed can be compared with what an object received.
/// Must outlive the calls that use it. Not thread-safe.
struct SampleArgs {
    abi::WAVEFORMATEX* format = nullptr;  ///< GetFrameFormat's out (not freed: fakes leave it null)
    abi::UINT32 u32 = 0;                  ///< frames per packet / shared memory size outs
    abi::HNSTIME hns = 0;                 ///< latency / padding outs, HNSTIME or frames
    abi::BOOL b = 0;                      ///< GetRTCaps / GetEventDrivenCapable outs
    abi::UINT_PTR ptr = 0;                ///< shared memory handle out
    abi::AE_CURRENT_POSITION pos{};       ///< position out (or the engine's timestamp in)
    abi::APO_CONNECTION_PROPERTY conn{};  ///< connection in/out of the data calls
    int event = 0;                        ///< its address is the event handle passed
    std::vector<const void*> pointers;    ///< every pointer argument passed, in call order
};

/// Calls method Id on `obj` with these arguments and returns its result:
///   SetStreamFlags(0x30), SetEventHandle(&a.event), ReleaseInputDataPointer(2, 0),
///   GetOutputDataPointer(480, &a.pos), SetBuffer(-100000 HNSTIME, coefficient 2),
///   WriteExclusiveModeParametersToSharedMemory(9, 100000, 200000, 3, &a.u32, &a.ptr);
/// every other out- or in/out-parameter points at the member of `a` of its type, and methods
/// without parameters get none. Appends each pointer argument to a.pointers. Not RT-safe.
template <abi::MethodId Id>
typename abi::MethodTraits<Id>::Return call_with_sample_args(
    typename abi::MethodTraits<Id>::Interface& obj, SampleArgs& a) {
    using M = abi::MethodId;
    auto note = [&](auto arg) {
        if constexpr (std::is_pointer_v<decltype(arg)>)
            a.pointers.push_back(static_cast<const void*>(arg));
    };
    auto invoke = [&](auto... args) {
        (note(args), ...);
        return abi::MethodTraits<Id>::invoke(obj, args...);
    };
    if constexpr (Id == M::IAudioEndpoint_GetFrameFormat)
        return invoke(&a.format);
    else if constexpr (Id == M::IAudioEndpoint_GetFramesPerPacket)
        return invoke(&a.u32);
    else if constexpr (Id == M::IAudioEndpoint_GetLatency)
        return invoke(&a.hns);
    else if constexpr (Id == M::IAudioEndpoint_SetStreamFlags)
        return invoke(abi::DWORD{0x30});
    else if constexpr (Id == M::IAudioEndpoint_SetEventHandle)
        return invoke(static_cast<abi::HANDLE>(&a.event));
    else if constexpr (Id == M::IAudioEndpointRT_GetCurrentPadding)
        return invoke(&a.hns, &a.pos);
    else if constexpr (Id == M::IAudioInputEndpointRT_GetInputDataPointer)
        return invoke(&a.conn, &a.pos);
    else if constexpr (Id == M::IAudioInputEndpointRT_ReleaseInputDataPointer)
        return invoke(abi::UINT32{2}, abi::UINT_PTR{0});
    else if constexpr (Id == M::IAudioOutputEndpointRT_GetOutputDataPointer)
        return invoke(abi::UINT32{480}, &a.pos);
    else if constexpr (Id == M::IAudioOutputEndpointRT_ReleaseOutputDataPointer)
        return invoke(static_cast<const abi::APO_CONNECTION_PROPERTY*>(&a.conn));
    else if constexpr (Id == M::IAudioDeviceEndpoint_SetBuffer)
        return invoke(abi::HNSTIME{-100000}, abi::UINT32{2});
    else if constexpr (Id == M::IAudioDeviceEndpoint_GetRTCaps ||
                       Id == M::IAudioDeviceEndpoint_GetEventDrivenCapable)
        return invoke(&a.b);
    else if constexpr (Id == M::IAudioDeviceEndpoint_WriteExclusiveModeParametersToSharedMemory)
        return invoke(abi::UINT_PTR{9}, abi::HNSTIME{100000}, abi::HNSTIME{200000}, abi::UINT32{3},
                      &a.u32, &a.ptr);
    else
        return invoke();  // the methods without parameters
}

}  // namespace aetrace::test
