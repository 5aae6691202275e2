// Code generated from the method table (methods.h): compile-time traits of every method, and one
// base class per interface that implements each of its methods by handing the call to the derived
// class. The recording proxy, the plugin forwarder and test doubles are written once against these,
// so none of them lists the 22 methods by hand and none can forget one.
//
// Header-only; nothing here allocates, locks or makes a system call, so the generated overrides
// are as RT-safe as the derived class's on_call.
#pragma once

#include <type_traits>

#include "aetrace/abi/interfaces.h"
#include "aetrace/abi/methods.h"

namespace aetrace::abi {

/// Compile-time facts about method `Id`: its interface, its C++ return type, and invoke(), which
/// calls the method on an interface pointer. Specialised for every row of the table; using an id
/// that is not in the table is a compile error.
template <MethodId Id>
struct MethodTraits;

// clang-format off
#define AETRACE_TRAITS_X(id, iface, method, slot, rt, ret, shape, a0, a1, a2, o0, o1, R, P, A) \
    template <>                                                                                \
    struct MethodTraits<MethodId::iface##_##method> {                                          \
        using Interface = iface;   /**< the interface that declares the method */             \
        using Return = R;          /**< the C++ return type (void, HRESULT, UINT_PTR) */      \
        static constexpr MethodId kId = MethodId::iface##_##method;                           \
        static constexpr bool kRealtime = rt;                                                 \
        /** Calls the method on `obj` with `args` exactly as given. Not RT-safe unless the   \
            method is and `obj`'s implementation is. */                                       \
        template <class... Args>                                                               \
        static R invoke(iface& obj, Args... args) {                                           \
            return obj.method(args...);                                                        \
        }                                                                                      \
    };
AETRACE_METHODS(AETRACE_TRAITS_X)
#undef AETRACE_TRAITS_X
// clang-format on

/// Calls f.template operator()<Id>() for every method id of the table, in id order (for example
/// with a C++20 lambda `[]<MethodId Id>() {...}`). Builds per-method tables (the replayer's handler
/// array, test sweeps) without a hand-written list. Runs at compile time when f is constexpr.
template <class F>
constexpr void for_each_method(F&& f) {
#define AETRACE_EACH_X(id, iface, method, slot, rt, ret, shape, a0, a1, a2, o0, o1, R, P, A) \
    f.template operator()<MethodId::iface##_##method>();
    AETRACE_METHODS(AETRACE_EACH_X)
#undef AETRACE_EACH_X
}

/// Implements every method of `Interface` by calling
/// `static_cast<Derived*>(this)->template on_call<MethodId::Interface_Method>(args...)` and
/// returning its result. Derived provides one member template
///
///     template <MethodId Id, class... Args>
///     typename MethodTraits<Id>::Return on_call(Args... args);
///
/// (it may be private if Derived befriends DispatchOf). A class deriving from DispatchOf for both
/// IAudioInputEndpointRT and IAudioOutputEndpointRT gets two distinct PulseEndpoint overrides, one
/// per interface, each with its own id. The vtable is the interface's own (interfaces.h, SDK
/// order).
template <class Derived, class Interface>
class DispatchOf;

/// The interface a base class implements: DispatchOf<D, I> -> I, an interface -> itself.
template <class Base>
struct ComInterfaceOf {
    using type = Base;
};
template <class Derived, class Interface>
struct ComInterfaceOf<DispatchOf<Derived, Interface>> {
    using type = Interface;
};

// clang-format off
#define AETRACE_DISPATCH_METHOD_X(id, iface, method, slot, rt, ret, shape, a0, a1, a2, o0, o1, R, P, A) \
    R AETRACE_STDMETHODCALLTYPE method P override {                                                   \
        return static_cast<Derived*>(this)->template on_call<MethodId::iface##_##method> A;             \
    }
#define AETRACE_DISPATCH_CLASS_Y(iface)                                                          \
    template <class Derived>                                                                     \
    class DispatchOf<Derived, iface> : public iface {                                            \
      public:                                                                                    \
        AETRACE_METHODS_##iface(AETRACE_DISPATCH_METHOD_X)                                       \
      protected:                                                                                 \
        ~DispatchOf() = default;                                                                 \
    };
AETRACE_INTERFACES(AETRACE_DISPATCH_CLASS_Y)
#undef AETRACE_DISPATCH_CLASS_Y
#undef AETRACE_DISPATCH_METHOD_X
// clang-format on

}  // namespace aetrace::abi
