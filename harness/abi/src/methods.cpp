#include "aetrace/abi/methods.h"

namespace aetrace::abi {
namespace {

// clang-format off
constexpr MethodInfo kMethods[] = {
#define AETRACE_X(id, iface, method, slot, rt, ret, shape, a0, a1, a2, o0, o1, R, P, A)        \
    {MethodId::iface##_##method, #iface, #method, #iface "::" #method, slot, rt, ReturnKind::ret,  \
     static_cast<std::uint32_t>(shape),                                                           \
     {AETRACE_FIELD(a0).name, AETRACE_FIELD(a1).name, AETRACE_FIELD(a2).name},                    \
     {AETRACE_FIELD(o0).name, AETRACE_FIELD(o1).name},                                            \
     {AETRACE_FIELD(a0).kind, AETRACE_FIELD(a1).kind, AETRACE_FIELD(a2).kind},                    \
     {AETRACE_FIELD(o0).kind, AETRACE_FIELD(o1).kind}},
    AETRACE_METHODS(AETRACE_X)
#undef AETRACE_X
};
// clang-format on

static_assert(sizeof(kMethods) / sizeof(kMethods[0]) == kMethodCount);

constexpr bool ids_are_dense() {
    for (std::uint16_t i = 0; i < kMethodCount; ++i)
        if (static_cast<std::uint16_t>(kMethods[i].id) != i + 1) return false;
    return true;
}
static_assert(ids_are_dense(), "method ids must be 1..kMethodCount in table order");

}  // namespace

const MethodInfo* method_info(MethodId id) noexcept {
    auto i = static_cast<std::uint16_t>(id);
    return (i >= 1 && i <= kMethodCount) ? &kMethods[i - 1] : nullptr;
}

const MethodInfo* find_method(std::string_view qualified) noexcept {
    for (const MethodInfo& m : kMethods)
        if (m.qualified_name == qualified) return &m;
    return nullptr;
}

const MethodInfo* all_methods() noexcept {
    return kMethods;
}

}  // namespace aetrace::abi
