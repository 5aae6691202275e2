// Platform macros for the portable ABI declarations.
//
// AETRACE_STDMETHODCALLTYPE matches the SDK's STDMETHODCALLTYPE: __stdcall on 32-bit Windows (the
// callee pops its arguments), nothing elsewhere (x64 and non-Windows have one calling convention).
// Source: spec section 2 ("Calling convention STDMETHODCALLTYPE").
#pragma once

#if defined(_WIN32) && !defined(_WIN64)
#define AETRACE_STDMETHODCALLTYPE __stdcall
#else
#define AETRACE_STDMETHODCALLTYPE
#endif
