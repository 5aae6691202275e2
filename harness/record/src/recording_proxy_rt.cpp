// RecordingProxy: the handlers of the real-time methods (IAudioEndpointRT, IAudioInputEndpointRT,
// IAudioOutputEndpointRT). No allocation, lock, system call or I/O on any path below: each
// handler is compiled, with capture() and the CaptureScope inline, into its on_call<Id> (defined
// at the end), which the generated override jumps to.
#include "recording_proxy.h"

namespace aetrace::record::detail {
namespace {

format::ConnectionValue to_value(const APO_CONNECTION_PROPERTY& c) noexcept {
    format::ConnectionValue v;
    v.valid_frame_count = c.u32ValidFrameCount;
    v.buffer_flags = static_cast<std::uint32_t>(c.u32BufferFlags);
    v.signature = c.u32Signature;
    v.buffer_present = c.pBuffer != 0;
    return v;
}

}  // namespace

/// Records a real-time method's call: `fill(RtCall&)` sets what the method returned, in place in
/// the ring (with `bytes` bytes at `payload` copied, or a silent buffer); then `forward()` runs
/// (the wrapped call, for a method whose payload must be copied before it; else nothing); then
/// the wrapped object's new violations. `next_payload` > 0: the thread's next call will copy that
/// many bytes (a Get announcing its Release), so the ring lines it will fill are prefetched now,
/// while the engine works between the two calls. RT-safe.
template <class Fill, class Forward>
void RecordingProxy::capture(MethodId method, const std::uint8_t* payload, std::uint32_t bytes,
                             bool silent, Fill&& fill, Forward&& forward,
                             std::uint32_t next_payload) noexcept {
    CaptureScope scope(*core_, /*for_call=*/true);
    if (scope.active()) {
        if (RtCall* call = scope.begin_rt_call(method, endpoint_, payload, bytes, silent)) {
            fill(*call);
            scope.commit();
        }
        if (next_payload != 0) scope.prefetch_next_call(next_payload);
    }
    forward();
    if (scope.active()) record_new_violations(scope, scope.seq());
}

/// A real-time method without parameters or outputs (ProcessingComplete, both PulseEndpoints):
/// forwarded, then recorded.
template <MethodId Id>
struct RecordingProxy::RecordRtVoid {
    static void call(RecordingProxy& self) {
        self.call_inner<Id>();
        self.capture(Id, nullptr, 0, false, [](RtCall&) {});
    }
};

/// SetPinInactive and SetPinActive: forwarded, then recorded with their result.
template <MethodId Id>
struct RecordingProxy::RecordRtResult {
    static HRESULT call(RecordingProxy& self) {
        const HRESULT hr = self.call_inner<Id>();
        self.capture(Id, nullptr, 0, false, [hr](RtCall& call) { call.result = hr; });
        return hr;
    }
};

// --- IAudioEndpointRT -----------------------------------------------------------------------

template <>
struct RecordingProxy::Record<MethodId::IAudioEndpointRT_GetCurrentPadding> {
    static void call(RecordingProxy& self, HNSTIME* pPadding, AE_CURRENT_POSITION* pPosition) {
        constexpr MethodId kId = MethodId::IAudioEndpointRT_GetCurrentPadding;
        self.call_inner<kId>(pPadding, pPosition);
        self.capture(kId, nullptr, 0, false, [&](RtCall& call) {
            if (pPadding) call.out0 = static_cast<std::uint64_t>(*pPadding);
            if (pPosition) {
                call.position = *pPosition;
                call.flags = format::kHasPosition;
            }
        });
    }
};

template <>
struct RecordingProxy::Record<MethodId::IAudioEndpointRT_ProcessingComplete>
    : RecordRtVoid<MethodId::IAudioEndpointRT_ProcessingComplete> {};
template <>
struct RecordingProxy::Record<MethodId::IAudioEndpointRT_SetPinInactive>
    : RecordRtResult<MethodId::IAudioEndpointRT_SetPinInactive> {};
template <>
struct RecordingProxy::Record<MethodId::IAudioEndpointRT_SetPinActive>
    : RecordRtResult<MethodId::IAudioEndpointRT_SetPinActive> {};

// --- IAudioInputEndpointRT ------------------------------------------------------------------

template <>
struct RecordingProxy::Record<MethodId::IAudioInputEndpointRT_GetInputDataPointer> {
    static void call(RecordingProxy& self, APO_CONNECTION_PROPERTY* pConnection,
                     AE_CURRENT_POSITION* pTimeStamp) {
        format::ConnectionValue in{};
        if (pConnection) in = to_value(*pConnection);
        self.call_inner<MethodId::IAudioInputEndpointRT_GetInputDataPointer>(pConnection,
                                                                             pTimeStamp);
        const std::uint8_t* data = nullptr;
        bool silent = false;
        std::uint32_t frames = 0;
        if (pConnection) {
            self.last_input_pointer_.store(pConnection->pBuffer, std::memory_order_relaxed);
            if (pConnection->pBuffer != 0) {
                frames = pConnection->u32ValidFrameCount;
                // A BUFFER_SILENT buffer is hashed as zeros (POLICY #8): no bytes are copied.
                silent = pConnection->u32BufferFlags == BUFFER_SILENT;
                if (!silent) data = reinterpret_cast<const std::uint8_t*>(pConnection->pBuffer);
            }
        }
        const std::uint32_t bytes = frames * self.block_align_;
        self.capture(MethodId::IAudioInputEndpointRT_GetInputDataPointer, data, bytes, silent,
                     [&](RtCall& call) {
                         std::uint16_t flags = 0;
                         call.connection_in = in;
                         if (pTimeStamp) {
                             call.position = *pTimeStamp;
                             flags |= format::kHasPosition;
                         }
                         if (pConnection) {
                             call.connection_out = to_value(*pConnection);
                             if (pConnection->pBuffer != 0) {
                                 call.buffer_frames = frames;
                                 call.buffer_bytes = bytes;
                                 flags |= format::kHasBuffer;
                             }
                         }
                         call.flags = flags;
                     });
    }
};

template <>
struct RecordingProxy::Record<MethodId::IAudioInputEndpointRT_ReleaseInputDataPointer> {
    static void call(RecordingProxy& self, UINT32 u32FrameCount, UINT_PTR pDataPointer) {
        constexpr MethodId kId = MethodId::IAudioInputEndpointRT_ReleaseInputDataPointer;
        const bool same = pDataPointer == self.last_input_pointer_.load(std::memory_order_relaxed);
        self.call_inner<kId>(u32FrameCount, pDataPointer);
        self.capture(kId, nullptr, 0, false, [&](RtCall& call) {
            call.arg0 = u32FrameCount;
            call.arg1 = same;
        });
    }
};

template <>
struct RecordingProxy::Record<MethodId::IAudioInputEndpointRT_PulseEndpoint>
    : RecordRtVoid<MethodId::IAudioInputEndpointRT_PulseEndpoint> {};

// --- IAudioOutputEndpointRT -----------------------------------------------------------------

template <>
struct RecordingProxy::Record<MethodId::IAudioOutputEndpointRT_GetOutputDataPointer> {
    static UINT_PTR call(RecordingProxy& self, UINT32 u32FrameCount,
                         AE_CURRENT_POSITION* pTimeStamp) {
        constexpr MethodId kId = MethodId::IAudioOutputEndpointRT_GetOutputDataPointer;
        // pTimeStamp is an input: the engine's timestamp of the rendered data.
        AE_CURRENT_POSITION stamp{};
        if (pTimeStamp) stamp = *pTimeStamp;
        const UINT_PTR p = self.call_inner<kId>(u32FrameCount, pTimeStamp);
        self.last_output_pointer_.store(p, std::memory_order_relaxed);
        self.last_output_frames_.store(p ? u32FrameCount : 0, std::memory_order_relaxed);
        self.capture(
            kId, nullptr, 0, false,
            [&](RtCall& call) {
                call.arg0 = u32FrameCount;
                if (pTimeStamp) {
                    call.position = stamp;
                    call.flags = format::kHasPosition;
                }
                call.out0 = p != 0;
            },
            AlreadyForwarded{}, p ? u32FrameCount * self.block_align_ : 0);
        return p;
    }
};

template <>
struct RecordingProxy::Record<MethodId::IAudioOutputEndpointRT_ReleaseOutputDataPointer> {
    static void call(RecordingProxy& self, const APO_CONNECTION_PROPERTY* pConnection) {
        constexpr MethodId kId = MethodId::IAudioOutputEndpointRT_ReleaseOutputDataPointer;
        const std::uint8_t* data = nullptr;
        std::uint32_t frames = 0;
        if (pConnection && pConnection->pBuffer != 0) {
            // Read the engine's frames before the endpoint may reuse the memory. The raw bytes are
            // kept even for BUFFER_SILENT: an endpoint that ignores the flag plays them. Never
            // read more than the preceding Get asked for: a count above it (a contract violation
            // the endpoint reports) must not make the recorder read past the buffer.
            const std::uint32_t asked = self.last_output_frames_.load(std::memory_order_relaxed);
            frames =
                pConnection->u32ValidFrameCount < asked ? pConnection->u32ValidFrameCount : asked;
            data = reinterpret_cast<const std::uint8_t*>(pConnection->pBuffer);
        }
        const std::uint32_t bytes = frames * self.block_align_;
        // Capture before forwarding so the payload copy is taken while the buffer is the engine's.
        self.capture(
            kId, data, bytes, false,
            [&](RtCall& call) {
                if (pConnection) {
                    call.connection_in = to_value(*pConnection);
                    call.arg1 = pConnection->pBuffer ==
                                self.last_output_pointer_.load(std::memory_order_relaxed);
                }
                if (data) {
                    call.buffer_frames = frames;
                    call.buffer_bytes = bytes;
                    call.flags = format::kHasBuffer;
                }
            },
            [&] { self.call_inner<kId>(pConnection); });
    }
};

template <>
struct RecordingProxy::Record<MethodId::IAudioOutputEndpointRT_PulseEndpoint>
    : RecordRtVoid<MethodId::IAudioOutputEndpointRT_PulseEndpoint> {};

AETRACE_RECORD_ON_CALL(true)

}  // namespace aetrace::record::detail
