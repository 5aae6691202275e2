#include "aetrace/abi/hresult.h"

#include <cstdio>
#include <cstdlib>

namespace aetrace::abi {
namespace {

struct Named {
    HRESULT hr;
    const char* name;
};
constexpr Named kNames[] = {
    {S_OK, "S_OK"},
    {S_FALSE, "S_FALSE"},
    {E_NOTIMPL, "E_NOTIMPL"},
    {E_NOINTERFACE, "E_NOINTERFACE"},
    {E_POINTER, "E_POINTER"},
    {E_FAIL, "E_FAIL"},
    {E_UNEXPECTED, "E_UNEXPECTED"},
    {E_OUTOFMEMORY, "E_OUTOFMEMORY"},
    {E_INVALIDARG, "E_INVALIDARG"},
    {AEERR_NOT_INITIALIZED, "AEERR_NOT_INITIALIZED"},
};

}  // namespace

std::string hresult_name(HRESULT hr) {
    for (const Named& n : kNames)
        if (n.hr == hr) return n.name;
    char buf[16];
    std::snprintf(buf, sizeof buf, "0x%08X", static_cast<unsigned>(hr));
    return buf;
}

bool parse_hresult(const std::string& text, HRESULT* out) {
    for (const Named& n : kNames) {
        if (text == n.name) {
            *out = n.hr;
            return true;
        }
    }
    if (text.size() < 3 || text.size() > 10 || text[0] != '0' || (text[1] != 'x' && text[1] != 'X'))
        return false;
    char* end = nullptr;
    unsigned long v = std::strtoul(text.c_str() + 2, &end, 16);
    if (end != text.c_str() + text.size()) return false;
    *out = static_cast<HRESULT>(static_cast<std::uint32_t>(v));
    return true;
}

}  // namespace aetrace::abi
