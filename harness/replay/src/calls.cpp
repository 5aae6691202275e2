// One handler a method of the table (Replay<Id>, in table order), and the dispatch array built
// from the table: a row without a handler does not compile.
#include <array>
#include <cstddef>

#include "aetrace/abi/cotaskmem.h"
#include "aetrace/abi/method_dispatch.h"
#include "session.h"

namespace aetrace::replay::detail {

using abi::MethodId;

namespace {

/// Whether the recorded call passed (GetCurrentPadding, GetInputDataPointer) or received
/// (GetOutputDataPointer) an AE_CURRENT_POSITION.
bool with_position(const CallContext& cx) noexcept {
    return (cx.c.flags & format::kHasPosition) != 0;
}

}  // namespace

// IAudioEndpoint

template <>
struct Replay<MethodId::IAudioEndpoint_GetFrameFormat> {
    static void run(const CallContext& cx, abi::IAudioEndpoint& ep) {
        abi::WAVEFORMATEX* format = nullptr;
        const abi::HRESULT hr = ep.GetFrameFormat(&format);
        const abi::CoTaskMemPtr<abi::WAVEFORMATEX> owned(format);
        cx.check(hr);
        if (abi::succeeded(cx.c.result) && abi::succeeded(hr)) compare_format(cx, format);
    }
};

template <>
struct Replay<MethodId::IAudioEndpoint_GetFramesPerPacket> {
    static void run(const CallContext& cx, abi::IAudioEndpoint& ep) {
        abi::UINT32 frames = 0;
        const abi::HRESULT hr = ep.GetFramesPerPacket(&frames);
        cx.check(hr, frames);
    }
};

template <>
struct Replay<MethodId::IAudioEndpoint_GetLatency> {
    static void run(const CallContext& cx, abi::IAudioEndpoint& ep) {
        abi::HNSTIME latency = 0;
        const abi::HRESULT hr = ep.GetLatency(&latency);
        cx.check(hr, latency);
    }
};

template <>
struct Replay<MethodId::IAudioEndpoint_SetStreamFlags> {
    static void run(const CallContext& cx, abi::IAudioEndpoint& ep) {
        cx.check(ep.SetStreamFlags(cx.arg<abi::DWORD>(0)));
    }
};

template <>
struct Replay<MethodId::IAudioEndpoint_SetEventHandle> {
    static void run(const CallContext& cx, abi::IAudioEndpoint& ep) {
        // A recorded non-null handle becomes the session's own virtual event.
        cx.check(ep.SetEventHandle(cx.c.arg[0] ? static_cast<abi::HANDLE>(&cx.s.event) : nullptr));
    }
};

// IAudioEndpointRT

template <>
struct Replay<MethodId::IAudioEndpointRT_GetCurrentPadding> {
    static void run(const CallContext& cx, abi::IAudioEndpointRT& rt) {
        abi::HNSTIME padding = 0;
        abi::AE_CURRENT_POSITION position{};
        const bool with = with_position(cx);
        rt.GetCurrentPadding(&padding, with ? &position : nullptr);
        cx.outs(padding);
        if (with) cx.out.position(cx.c.position, position);
    }
};

template <>
struct Replay<MethodId::IAudioEndpointRT_ProcessingComplete> {
    static void run(const CallContext&, abi::IAudioEndpointRT& rt) { rt.ProcessingComplete(); }
};

template <>
struct Replay<MethodId::IAudioEndpointRT_SetPinInactive> {
    static void run(const CallContext& cx, abi::IAudioEndpointRT& rt) {
        cx.check(rt.SetPinInactive());
    }
};

template <>
struct Replay<MethodId::IAudioEndpointRT_SetPinActive> {
    static void run(const CallContext& cx, abi::IAudioEndpointRT& rt) {
        cx.check(rt.SetPinActive());
    }
};

// IAudioInputEndpointRT

template <>
struct Replay<MethodId::IAudioInputEndpointRT_GetInputDataPointer> {
    static void run(const CallContext& cx, abi::IAudioInputEndpointRT& input) {
        abi::APO_CONNECTION_PROPERTY conn = cx.connection_in(0);
        abi::AE_CURRENT_POSITION timestamp{};
        abi::AE_CURRENT_POSITION* position = with_position(cx) ? &timestamp : nullptr;
        input.GetInputDataPointer(&conn, position);
        cx.s.last_input = conn.pBuffer;
        compare_input(cx, conn, position);
    }
};

template <>
struct Replay<MethodId::IAudioInputEndpointRT_ReleaseInputDataPointer> {
    static void run(const CallContext& cx, abi::IAudioInputEndpointRT& input) {
        // pointer_matches: the engine passed back what Get returned, else some other address.
        const abi::UINT_PTR pointer =
            cx.c.arg[1] ? cx.s.last_input : reinterpret_cast<abi::UINT_PTR>(cx.s.foreign);
        input.ReleaseInputDataPointer(cx.arg<abi::UINT32>(0), pointer);
    }
};

template <>
struct Replay<MethodId::IAudioInputEndpointRT_PulseEndpoint> {
    static void run(const CallContext&, abi::IAudioInputEndpointRT& input) {
        input.PulseEndpoint();
    }
};

// IAudioOutputEndpointRT

template <>
struct Replay<MethodId::IAudioOutputEndpointRT_GetOutputDataPointer> {
    static void run(const CallContext& cx, abi::IAudioOutputEndpointRT& output) {
        // The timestamp is an input: hand the implementation a copy of the recorded one.
        abi::AE_CURRENT_POSITION timestamp = cx.c.position;
        const abi::UINT32 frames = cx.arg<abi::UINT32>(0);
        const abi::UINT_PTR p =
            output.GetOutputDataPointer(frames, with_position(cx) ? &timestamp : nullptr);
        cx.s.last_output = p;
        cx.s.last_output_frames = frames;
        cx.outs(p);
    }
};

template <>
struct Replay<MethodId::IAudioOutputEndpointRT_ReleaseOutputDataPointer> {
    static void run(const CallContext& cx, abi::IAudioOutputEndpointRT& output) {
        const abi::APO_CONNECTION_PROPERTY conn = cx.connection_in(release_output_pointer(cx));
        output.ReleaseOutputDataPointer(&conn);
    }
};

template <>
struct Replay<MethodId::IAudioOutputEndpointRT_PulseEndpoint> {
    static void run(const CallContext&, abi::IAudioOutputEndpointRT& output) {
        output.PulseEndpoint();
    }
};

// IAudioDeviceEndpoint

template <>
struct Replay<MethodId::IAudioDeviceEndpoint_SetBuffer> {
    static void run(const CallContext& cx, abi::IAudioDeviceEndpoint& dev) {
        cx.check(dev.SetBuffer(cx.arg<abi::HNSTIME>(0), cx.arg<abi::UINT32>(1)));
    }
};

template <>
struct Replay<MethodId::IAudioDeviceEndpoint_GetRTCaps> {
    static void run(const CallContext& cx, abi::IAudioDeviceEndpoint& dev) {
        abi::BOOL capable = abi::kFalse;
        const abi::HRESULT hr = dev.GetRTCaps(&capable);
        cx.check(hr, capable);
    }
};

template <>
struct Replay<MethodId::IAudioDeviceEndpoint_GetEventDrivenCapable> {
    static void run(const CallContext& cx, abi::IAudioDeviceEndpoint& dev) {
        abi::BOOL capable = abi::kFalse;
        const abi::HRESULT hr = dev.GetEventDrivenCapable(&capable);
        cx.check(hr, capable);
    }
};

template <>
struct Replay<MethodId::IAudioDeviceEndpoint_WriteExclusiveModeParametersToSharedMemory> {
    static void run(const CallContext& cx, abi::IAudioDeviceEndpoint& dev) {
        abi::UINT32 size = 0;
        abi::UINT_PTR handle = 0;
        // The target process is not recorded: replay passes 0.
        const abi::HRESULT hr = dev.WriteExclusiveModeParametersToSharedMemory(
            0, cx.arg<abi::HNSTIME>(0), cx.arg<abi::HNSTIME>(1), cx.arg<abi::UINT32>(2), &size,
            &handle);
        cx.check(hr, size, handle);
    }
};

// IAudioEndpointControl

template <>
struct Replay<MethodId::IAudioEndpointControl_Start> {
    static void run(const CallContext& cx, abi::IAudioEndpointControl& control) {
        cx.check(control.Start());
    }
};

template <>
struct Replay<MethodId::IAudioEndpointControl_Reset> {
    static void run(const CallContext& cx, abi::IAudioEndpointControl& control) {
        cx.check(control.Reset());
    }
};

template <>
struct Replay<MethodId::IAudioEndpointControl_Stop> {
    static void run(const CallContext& cx, abi::IAudioEndpointControl& control) {
        cx.check(control.Stop());
    }
};

// The dispatch array.

namespace {

/// Issues the collector's current call (method Id) on `s`, or reports its interface missing.
using Handler = bool (*)(CallReplayer& r, EndpointSession& s, const abi::MethodInfo& info);

template <MethodId Id>
bool dispatch(CallReplayer& r, EndpointSession& s, const abi::MethodInfo& info) {
    using Interface = typename abi::MethodTraits<Id>::Interface;
    constexpr unsigned index = interface_index<Interface>();
    static_assert(index < kInterfaceCount, "the method's interface is not in AETRACE_INTERFACES");
    Interface* obj = s.ifaces.get<Interface>();
    if (!obj) {
        r.report_missing(s, info, index);
        return false;
    }
    const CallContext cx{r, s, r.out().call(), info, r.out()};
    Replay<Id>::run(cx, *obj);
    return true;
}

template <MethodId Id>
constexpr bool kHasHandler = requires {
    sizeof(Replay<Id>);
};

constexpr std::array<Handler, abi::kMethodCount + 1> make_handlers() {
    std::array<Handler, abi::kMethodCount + 1> handlers{};
    abi::for_each_method([&]<MethodId Id>() {
        static_assert(kHasHandler<Id>, "a method of the table has no Replay<Id> handler");
        handlers[static_cast<std::size_t>(Id)] = &dispatch<Id>;
    });
    return handlers;
}

/// Indexed by MethodId; [0] (kNone) is null.
constexpr std::array<Handler, abi::kMethodCount + 1> kHandlers = make_handlers();

/// Ids 1..kMethodCount are each filled by exactly one row (compared as ids, not as function
/// pointers: a pointer compared with null is not a constant expression under the sanitizers).
constexpr bool every_id_has_a_handler() {
    std::array<bool, abi::kMethodCount + 1> filled{};
    abi::for_each_method([&]<MethodId Id>() { filled[static_cast<std::size_t>(Id)] = true; });
    for (std::size_t i = 1; i < filled.size(); ++i)
        if (!filled[i]) return false;
    return !filled[0];
}
static_assert(every_id_has_a_handler(), "method ids must be 1..kMethodCount");

}  // namespace

bool CallReplayer::issue(EndpointSession& s, const abi::MethodInfo& info) {
    return kHandlers[static_cast<std::size_t>(info.id)](*this, s, info);
}

}  // namespace aetrace::replay::detail
