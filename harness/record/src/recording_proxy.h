// RecordingProxy: the object Recorder::wrap returns (internal header).
//
// The proxy implements the six API interfaces through abi::DispatchOf (method_dispatch.h), which
// turns every method into a call of on_call<Id>(args...), and IUnknown through abi::ComObject. Each
// method is recorded by its handler, RecordingProxy::Record<Id> (one explicit specialization per
// row of the method table): the real-time ones in recording_proxy_rt.cpp, the others in
// recording_proxy.cpp.
//
// How a call reaches its handler: on_call<Id> is declared below, for every row of the table, as an
// explicit specialization with the method's own parameter list; each .cpp file defines those of
// its path (AETRACE_RECORD_ON_CALL) as a call of Record<Id>::call, inline. So the generated
// override is a this-adjust and a jump to a function in which the forwarding and the capture are
// compiled together (the same code as the former hand-written methods), and a row without a
// Record<Id> does not compile.
#pragma once

#include <atomic>
#include <memory>

#include "aetrace/abi/com_object.h"
#include "aetrace/abi/endpoint_interfaces.h"
#include "aetrace/abi/method_dispatch.h"
#include "aetrace/record/recorder.h"
#include "recorder_core.h"

namespace aetrace::record::detail {

using namespace aetrace::abi;

class RecordingProxy final : public DispatchingComObject<RecordingProxy> {
  public:
    /// Holds `core` (the capture state outlives the Recorder while proxies exist) and the
    /// interfaces of `inner`, queried once here. `format` gives the bytes per frame of the
    /// buffers. Starts with one reference (ComObject). Not RT-safe.
    RecordingProxy(std::shared_ptr<RecorderCore> core, const ComPtr<IUnknown>& inner,
                   std::uint32_t endpoint, const StreamFormat& format);

  protected:
    /// QueryInterface: IUnknown always; IAetraceEndpointInspect passed through to the wrapped
    /// object's own pointer (not recorded); each API interface per exposes(). RT-safe.
    IUnknown* find_interface(const IID& riid) noexcept override {
        if (riid == IID_IAetraceEndpointInspect) return ifs_.find(riid);
        return ComObject::find_interface(riid);
    }
    /// An API interface is exposed only when the wrapped object implements it. RT-safe.
    bool exposes(const IID& riid) const noexcept override { return ifs_.has(riid); }

  private:
    template <class, class>
    friend class abi::DispatchOf;

    ~RecordingProxy() override = default;

    /// Every method of the six interfaces lands here (DispatchOf): records the call of method Id
    /// with Record<Id>. Declared for every row below; defined per path by AETRACE_RECORD_ON_CALL.
    template <MethodId Id, class... Args>
    typename MethodTraits<Id>::Return on_call(Args... args);

    /// The handler of method Id: `static Return call(RecordingProxy&, <the method's parameters>)`
    /// forwards the call to the wrapped object and records it. One explicit specialization per
    /// row of the table; none for an id is a compile error.
    template <MethodId Id>
    struct Record;
    /// Not-RT handlers shared by several rows (recording_proxy.cpp): the result only (Start,
    /// Reset, Stop); the result and a BOOL output (GetRTCaps, GetEventDrivenCapable).
    template <MethodId Id>
    struct RecordResult;
    template <MethodId Id>
    struct RecordBoolOut;
    /// RT handlers shared by several rows (recording_proxy_rt.cpp): no parameters or outputs
    /// (ProcessingComplete, both PulseEndpoints); the result only (SetPinInactive, SetPinActive).
    template <MethodId Id>
    struct RecordRtVoid;
    template <MethodId Id>
    struct RecordRtResult;

    /// Calls method Id on the wrapped object (its interface must be implemented: the proxy only
    /// exposes those). As RT-safe as the wrapped method.
    template <MethodId Id, class... Args>
    typename MethodTraits<Id>::Return call_inner(Args... args) {
        using T = MethodTraits<Id>;
        return T::invoke(*ifs_.get<typename T::Interface>(), args...);
    }

    /// A not-RT call's record, with method and endpoint set.
    format::CallRecord begin(MethodId method) const noexcept;
    /// Records `call` (with call.buffer.bytes bytes at `payload` when not null; as a silent
    /// buffer when `silent`), then the wrapped object's new violations. RT-safe.
    void finish(format::CallRecord& call, const std::uint8_t* payload = nullptr,
                bool silent = false) noexcept;
    /// Forwards not-RT method Id, records its result and what `fill(call)` sets (after the
    /// wrapped call returned), and returns the result.
    template <MethodId Id, class Fill, class... Args>
    HRESULT record_hresult(Fill&& fill, Args... args) {
        format::CallRecord call = begin(Id);
        call.result = call_inner<Id>(args...);
        fill(call);
        finish(call);
        return call.result;
    }

    /// capture()'s default `forward`: the wrapped method was called before.
    struct AlreadyForwarded {
        void operator()() const noexcept {}
    };
    /// Records a real-time call in place in the ring (recording_proxy_rt.cpp). RT-safe.
    template <class Fill, class Forward = AlreadyForwarded>
    void capture(MethodId method, const std::uint8_t* payload, std::uint32_t bytes, bool silent,
                 Fill&& fill, Forward&& forward = AlreadyForwarded{},
                 std::uint32_t next_payload = 0) noexcept;
    /// Records the violations the wrapped object noted since the last look, as noted right after
    /// call `seq`. RT-safe; inline up to the (virtual) count query.
    void record_new_violations(CaptureScope& scope, std::uint64_t seq) noexcept {
        if (!ifs_.inspect) return;
        const std::uint64_t count = ifs_.inspect->GetViolationCount();
        if (count > violations_seen_.load(std::memory_order_relaxed))
            record_violations_upto(scope, seq, count);
    }
    /// record_new_violations() past the check: claims and records violations up to `count`.
    void record_violations_upto(CaptureScope& scope, std::uint64_t seq,
                                std::uint64_t count) noexcept;

    std::shared_ptr<RecorderCore> core_;
    EndpointInterfaces ifs_;  ///< the wrapped object's interfaces (null when not implemented)
    std::uint32_t endpoint_;
    std::uint32_t block_align_;
    std::atomic<std::uint64_t> violations_seen_{0};  ///< claimed with CAS (any thread)
    // RT-thread state (relaxed atomics: one RT thread per endpoint, but never a data race).
    std::atomic<UINT_PTR> last_input_pointer_{0};
    std::atomic<UINT_PTR> last_output_pointer_{0};
    std::atomic<std::uint32_t> last_output_frames_{0};  ///< frames the last Get asked for
};

// on_call<Id>, declared for every row with the method's parameter list (Args deduced from it).
// clang-format off
#define AETRACE_RECORD_DECLARE_X(id, iface, method, slot, rt, ret, shape, a0, a1, a2, o0, o1, R, P, A) \
    template <>                                                                                     \
    R RecordingProxy::on_call<MethodId::iface##_##method> P;
AETRACE_METHODS(AETRACE_RECORD_DECLARE_X)
#undef AETRACE_RECORD_DECLARE_X
// clang-format on

// AETRACE_RECORD_ON_CALL(true) defines on_call<Id> of every real-time row, (false) of every other
// row, as `return Record<Id>::call(*this, args...)`. Used once by each .cpp file, after its
// Record<Id> specializations (a row of that path without one does not compile).
// clang-format off
#define AETRACE_RECORD_ON_CALL(realtime) AETRACE_METHODS(AETRACE_RECORD_ON_CALL_X_##realtime)
#define AETRACE_RECORD_ON_CALL_X_true(id, iface, method, slot, rt, ret, shape, a0, a1, a2, o0, o1, R, P, A) \
    AETRACE_RECORD_ON_CALL_IF_##rt(MethodId::iface##_##method, R, P, A)
#define AETRACE_RECORD_ON_CALL_X_false(id, iface, method, slot, rt, ret, shape, a0, a1, a2, o0, o1, R, P, A) \
    AETRACE_RECORD_ON_CALL_UNLESS_##rt(MethodId::iface##_##method, R, P, A)
#define AETRACE_RECORD_ON_CALL_IF_true(Id, R, P, A) AETRACE_RECORD_ON_CALL_DEFINE(Id, R, P, A)
#define AETRACE_RECORD_ON_CALL_IF_false(Id, R, P, A)
#define AETRACE_RECORD_ON_CALL_UNLESS_true(Id, R, P, A)
#define AETRACE_RECORD_ON_CALL_UNLESS_false(Id, R, P, A) AETRACE_RECORD_ON_CALL_DEFINE(Id, R, P, A)
#define AETRACE_RECORD_ON_CALL_DEFINE(Id, R, P, A) \
    template <>                                    \
    R RecordingProxy::on_call<Id> P {              \
        return Record<Id>::call AETRACE_RECORD_WITH_SELF A; \
    }
#define AETRACE_RECORD_WITH_SELF(...) (*this __VA_OPT__(, ) __VA_ARGS__)
// clang-format on

}  // namespace aetrace::record::detail
