// ForwardingEndpoint: an endpoint object that forwards every call to another one.
//
// It exposes exactly the interfaces the inner object exposes (the six API interfaces and
// IAetraceEndpointInspect), passes every argument and result through unchanged (pointers included,
// so a replay sees the inner object's buffers), and calls before_call() with the method id before
// each of the 22 API methods. Uses: the harness tracks which trace call an isolated implementation
// reached; a plugin keeps per-object state (for example its PluginClock) alive exactly as long as
// the object; test plugins inject crashes and hangs at a chosen call.
//
// The 22 API methods are not written out here: each interface's methods come from
// abi::DispatchOf (generated from the method table, method_dispatch.h) and all reach the one
// on_call() below; IUnknown comes from abi::ComObject (com_object.h).
#pragma once

#include "aetrace/abi/com_object.h"
#include "aetrace/abi/endpoint_interfaces.h"
#include "aetrace/abi/inspect.h"
#include "aetrace/abi/interfaces.h"
#include "aetrace/abi/method_dispatch.h"
#include "aetrace/abi/methods.h"

namespace aetrace::plugin {

class ForwardingEndpoint;

namespace detail {
/// The COM base of ForwardingEndpoint: the six API interfaces through DispatchOf (so the two
/// PulseEndpoint methods stay apart) and IAetraceEndpointInspect forwarded by hand.
using ForwardingBase = abi::DispatchingComObject<ForwardingEndpoint, abi::IAetraceEndpointInspect>;
}  // namespace detail

/// Reference-counted (atomic) forwarder. Create with new (count 1) and hand out unknown() with
/// ComPtr::attach; it deletes itself when the count drops to 0 and then releases the inner object.
/// QueryInterface: S_OK for IUnknown and for every interface the inner object has (the pointer
/// handed out is this object's, never the inner one's), else E_NOINTERFACE with *ppv = nullptr;
/// E_POINTER for a null ppv. Thread safety and RT safety are the inner object's plus
/// before_call()'s: the forwarding itself never allocates, locks or makes a system call.
class ForwardingEndpoint : public detail::ForwardingBase {
  public:
    /// Queries `inner` (may be null: then nothing but IUnknown is exposed) for every interface and
    /// keeps a reference to it until this object is deleted. Not RT-safe.
    explicit ForwardingEndpoint(abi::ComPtr<abi::IUnknown> inner);

    // unknown(), QueryInterface, AddRef, Release: abi::ComObject.

    // IAetraceEndpointInspect, forwarded without before_call (not API calls). Called only when
    // the inner object has the interface (QueryInterface hides it otherwise).
    std::uint64_t GetViolationCount() override;
    abi::HRESULT GetViolation(std::uint64_t index, abi::ViolationInfo* pInfo) override;
    abi::HRESULT GetRenderedAudio(const std::uint8_t** ppData, std::uint64_t* pFrames) override;

  protected:
    ~ForwardingEndpoint() override;
    /// Called before each API method is forwarded, on the caller's thread. Must be as RT-safe as
    /// the method (RT methods: no allocation, lock or system call). Default: nothing.
    virtual void before_call(abi::MethodId method) noexcept;
    /// Exposes an interface only when the inner object has it.
    bool exposes(const abi::IID& riid) const noexcept override;

  private:
    template <class, class>
    friend class abi::DispatchOf;

    /// Every API method: before_call(Id), then the same method on the inner object's interface
    /// with the same arguments; returns its result unchanged.
    template <abi::MethodId Id, class... Args>
    typename abi::MethodTraits<Id>::Return on_call(Args... args) {
        using Traits = abi::MethodTraits<Id>;
        before_call(Id);
        return Traits::invoke(*ifaces_.get<typename Traits::Interface>(), args...);
    }

    abi::ComPtr<abi::IUnknown> inner_;
    abi::EndpointInterfaces ifaces_;
};

}  // namespace aetrace::plugin
