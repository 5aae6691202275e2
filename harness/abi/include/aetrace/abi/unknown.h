// A minimal IUnknown and an intrusive ComPtr.
//
// The endpoints are "COM-like (ref-counted) but not real COM" (spec 3.1.4): no apartments, no
// registration. IUnknown here has the COM vtable (slots 0-2: QueryInterface, AddRef, Release), so
// an object declared with these types has the same vtable layout as the Windows SDK's on MSVC.
#pragma once

#include <cstdint>
#include <utility>

#include "aetrace/abi/hresult.h"
#include "aetrace/abi/platform.h"
#include "aetrace/abi/types.h"

namespace aetrace::abi {

/// IID_IUnknown {00000000-0000-0000-C000-000000000046}.
inline constexpr IID IID_IUnknown = {
    0x00000000, 0x0000, 0x0000, {0xC0, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x46}};

/// Maps an interface type to its IID: specialised next to each interface declaration.
template <class Interface>
struct InterfaceTraits;

template <class Interface>
constexpr const IID& iid_of() noexcept {
    return InterfaceTraits<Interface>::iid;
}

/// The root interface. QueryInterface returns S_OK with an AddRef'ed pointer, or E_NOINTERFACE
/// with *ppv = nullptr (E_POINTER when ppv is null). Thread-safe reference counting is up to each
/// implementation; the reference endpoints use atomics.
class IUnknown {
  public:
    virtual HRESULT AETRACE_STDMETHODCALLTYPE QueryInterface(const IID& riid, void** ppv) = 0;
    virtual std::uint32_t AETRACE_STDMETHODCALLTYPE AddRef() = 0;
    virtual std::uint32_t AETRACE_STDMETHODCALLTYPE Release() = 0;

  protected:
    ~IUnknown() = default;
};

template <>
struct InterfaceTraits<IUnknown> {
    static constexpr const IID& iid = IID_IUnknown;
};

/// Owning smart pointer for an IUnknown-derived interface (Release on destruction).
/// Not RT-safe to destroy the last reference of an object (its destructor may free memory).
template <class T>
class ComPtr {
  public:
    ComPtr() noexcept = default;
    ComPtr(std::nullptr_t) noexcept {}
    /// Takes a new reference (AddRef) on p.
    explicit ComPtr(T* p) noexcept : p_(p) {
        if (p_) p_->AddRef();
    }
    ComPtr(const ComPtr& o) noexcept : ComPtr(o.p_) {}
    ComPtr(ComPtr&& o) noexcept : p_(std::exchange(o.p_, nullptr)) {}
    template <class U>
    ComPtr(const ComPtr<U>& o) noexcept : ComPtr(static_cast<T*>(o.get())) {}
    ~ComPtr() { reset(); }

    ComPtr& operator=(ComPtr o) noexcept {
        std::swap(p_, o.p_);
        return *this;
    }

    /// Adopts p without AddRef (p already carries the reference being handed over).
    static ComPtr attach(T* p) noexcept {
        ComPtr r;
        r.p_ = p;
        return r;
    }

    /// Releases the held reference, if any.
    void reset() noexcept {
        if (p_) std::exchange(p_, nullptr)->Release();
    }

    /// Gives up ownership without Release; the caller now owns the reference.
    T* detach() noexcept { return std::exchange(p_, nullptr); }

    T* get() const noexcept { return p_; }
    T* operator->() const noexcept { return p_; }
    explicit operator bool() const noexcept { return p_ != nullptr; }

    /// Out-parameter address for functions that return an AddRef'ed pointer; releases first.
    T** put() noexcept {
        reset();
        return &p_;
    }
    void** put_void() noexcept { return reinterpret_cast<void**>(put()); }

    /// QueryInterface for U. Returns an empty ComPtr (and hr, if asked) when not implemented.
    template <class U>
    ComPtr<U> as(HRESULT* hr = nullptr) const noexcept {
        ComPtr<U> r;
        HRESULT h = p_ ? p_->QueryInterface(iid_of<U>(), r.put_void()) : E_POINTER;
        if (hr) *hr = h;
        return r;
    }

  private:
    T* p_ = nullptr;
};

}  // namespace aetrace::abi
