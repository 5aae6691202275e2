// ComObject: IUnknown (QueryInterface, AddRef, Release) written once for every object aetrace
// implements: the reference endpoints, the recording proxy, the plugin forwarder, test doubles.
//
//     class MyEndpoint final : public abi::ComObject<abi::IAudioEndpoint, abi::IAudioEndpointRT> {
//         ... the interfaces' methods ...
//     };
//     abi::ComPtr<abi::IUnknown> p = abi::ComPtr<abi::IUnknown>::attach(new
//     MyEndpoint(...)->unknown());
//
// A base may be an interface or an abi::DispatchOf<Derived, Interface> (method_dispatch.h); the
// IID answered for it is its interface's. A new object starts with one reference, owned by its
// creator. The last Release deletes the object (virtual destructor). Reference counting is atomic
// (any thread); QueryInterface, AddRef and Release never allocate, lock or make a system call, so
// they are RT-safe as long as Release does not drop the last reference.
#pragma once

#include <atomic>
#include <cstdint>
#include <type_traits>

#include "aetrace/abi/inspect.h"
#include "aetrace/abi/method_dispatch.h"
#include "aetrace/abi/unknown.h"

namespace aetrace::abi {

template <class... Bases>
class ComObject : public Bases... {
    static_assert(sizeof...(Bases) > 0, "ComObject needs at least one interface");

  public:
    ComObject(const ComObject&) = delete;
    ComObject& operator=(const ComObject&) = delete;

    /// S_OK with an AddRef'ed pointer in *ppv for IUnknown and every interface find_interface()
    /// returns; E_NOINTERFACE with *ppv = nullptr otherwise; E_POINTER when ppv is null.
    HRESULT AETRACE_STDMETHODCALLTYPE QueryInterface(const IID& riid, void** ppv) override {
        if (!ppv) return E_POINTER;
        IUnknown* p = find_interface(riid);
        *ppv = p;
        if (!p) return E_NOINTERFACE;
        p->AddRef();
        return S_OK;
    }
    /// Adds a reference; returns the new count. Atomic, RT-safe.
    std::uint32_t AETRACE_STDMETHODCALLTYPE AddRef() override {
        return refs_.fetch_add(1, std::memory_order_relaxed) + 1;
    }
    /// Drops a reference; deletes the object when it was the last one. Returns the new count.
    std::uint32_t AETRACE_STDMETHODCALLTYPE Release() override {
        const std::uint32_t left = refs_.fetch_sub(1, std::memory_order_acq_rel) - 1;
        if (left == 0) delete this;
        return left;
    }

    /// This object's canonical IUnknown (the first base's). No reference is added.
    IUnknown* unknown() noexcept { return first_unknown<Bases...>(); }

  protected:
    ComObject() = default;
    virtual ~ComObject() = default;

    /// The interface pointer QueryInterface hands out for `riid`, or nullptr. The default answers
    /// IUnknown with unknown() and each base's IID with that base when exposes(riid) says so.
    /// Override to hide interfaces or to pass one through to another object (the pointer
    /// returned is AddRef'ed through its own vtable, so a foreign object counts its own
    /// reference). Must not allocate, lock or make a system call.
    virtual IUnknown* find_interface(const IID& riid) noexcept {
        if (riid == IID_IUnknown) return unknown();
        IUnknown* found = nullptr;
        (void)(((found = base_for<Bases>(riid)) != nullptr) || ...);
        return found;
    }

    /// Whether an interface among the bases is answered by QueryInterface (default: all). For an
    /// object whose interfaces depend on state (a proxy exposes only what it wraps).
    virtual bool exposes(const IID& riid) const noexcept {
        (void)riid;
        return true;
    }

  private:
    template <class Base>
    IUnknown* base_for(const IID& riid) noexcept {
        using I = typename ComInterfaceOf<Base>::type;
        return riid == iid_of<I>() && exposes(riid) ? static_cast<I*>(this) : nullptr;
    }
    template <class First, class...>
    IUnknown* first_unknown() noexcept {
        return static_cast<typename ComInterfaceOf<First>::type*>(this);
    }

    std::atomic<std::uint32_t> refs_{1};
};

/// A ComObject implementing the six API interfaces through DispatchOf<Derived, I> (every method
/// lands in Derived::on_call<Id>), in table order, followed by Extra... (for example
/// IAetraceEndpointInspect). Derived's canonical IUnknown is its IAudioEndpoint. Used by the
/// recording proxy, the plugin forwarder and table-driven test doubles.
template <class Derived, class... Extra>
using DispatchingComObject =
    ComObject<DispatchOf<Derived, IAudioEndpoint>, DispatchOf<Derived, IAudioEndpointRT>,
              DispatchOf<Derived, IAudioInputEndpointRT>,
              DispatchOf<Derived, IAudioOutputEndpointRT>,
              DispatchOf<Derived, IAudioDeviceEndpoint>, DispatchOf<Derived, IAudioEndpointControl>,
              Extra...>;

/// The interfaces of one endpoint object of one direction: IAudioEndpoint, IAudioEndpointRT,
/// Direction (IAudioInputEndpointRT for capture, IAudioOutputEndpointRT for render; anything else
/// does not compile), IAudioDeviceEndpoint, IAudioEndpointControl, and IAetraceEndpointInspect.
template <class Direction>
struct EndpointBases {
    static_assert(std::is_same_v<Direction, IAudioInputEndpointRT> ||
                      std::is_same_v<Direction, IAudioOutputEndpointRT>,
                  "Direction is IAudioInputEndpointRT or IAudioOutputEndpointRT");
    using type = ComObject<IAudioEndpoint, IAudioEndpointRT, Direction, IAudioDeviceEndpoint,
                           IAudioEndpointControl, IAetraceEndpointInspect>;
};
/// ComObject of an endpoint implementation of one direction (see EndpointBases). Used by the
/// reference and packet-ring endpoints and the engine test doubles.
template <class Direction>
using EndpointComObject = typename EndpointBases<Direction>::type;

}  // namespace aetrace::abi
