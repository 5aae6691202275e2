// HRESULT codes used by the harness and the reference endpoints.
//
// The winerror.h values are the documented Windows ones. AEERR_NOT_INITIALIZED is named by the
// IAudioEndpoint::SetEventHandle page but its value is published in no public header (spec 2.1,
// question 14); the value below is harness-defined (POLICY #14) and documented as such.
#pragma once

#include <string>

#include "aetrace/abi/types.h"

namespace aetrace::abi {

inline constexpr HRESULT S_OK = 0;
inline constexpr HRESULT S_FALSE = 1;
inline constexpr HRESULT E_NOTIMPL = static_cast<HRESULT>(0x80004001u);
inline constexpr HRESULT E_NOINTERFACE = static_cast<HRESULT>(0x80004002u);
inline constexpr HRESULT E_POINTER = static_cast<HRESULT>(0x80004003u);
inline constexpr HRESULT E_FAIL = static_cast<HRESULT>(0x80004005u);
inline constexpr HRESULT E_UNEXPECTED = static_cast<HRESULT>(0x8000FFFFu);
inline constexpr HRESULT E_OUTOFMEMORY = static_cast<HRESULT>(0x8007000Eu);
inline constexpr HRESULT E_INVALIDARG = static_cast<HRESULT>(0x80070057u);
/// Harness-defined stand-in: MAKE_HRESULT(SEVERITY_ERROR, FACILITY_ITF, 0xAE01). The real value is
/// unpublished; a trace records whatever value the real endpoint returned.
inline constexpr HRESULT AEERR_NOT_INITIALIZED = static_cast<HRESULT>(0x8004AE01u);

constexpr bool succeeded(HRESULT hr) noexcept {
    return hr >= 0;
}
constexpr bool failed(HRESULT hr) noexcept {
    return hr < 0;
}

/// Symbolic name of a known code ("E_POINTER"), or "0x%08X" for any other value. Not RT-safe
/// (allocates).
std::string hresult_name(HRESULT hr);

/// Parses what hresult_name() prints (a known name or "0x" + hex). Returns false on anything else.
bool parse_hresult(const std::string& text, HRESULT* out);

}  // namespace aetrace::abi
