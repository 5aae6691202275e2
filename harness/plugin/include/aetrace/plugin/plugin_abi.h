/* The aetrace plugin ABI, version 1: the C interface between the harness and an implementation
 * under test built as a shared library (.so on Linux, .dll on Windows). See docs/PLUGINS.md.
 *
 * A plugin exports two functions (AETRACE_PLUGIN_EXPORT):
 *   uint32_t aetrace_plugin_abi_version(void);     returns AETRACE_PLUGIN_ABI_VERSION it was built
 *                                                  with; the harness refuses any other value.
 *   int32_t aetrace_create_endpoint_v1(const struct aetrace_create_params_v1* params,
 *                                      void** out_unknown);
 *       creates one endpoint object. Returns an HRESULT: S_OK (0) with *out_unknown = an AddRef'ed
 *       IUnknown* of the aetrace::abi interfaces (SDK vtable order, aetrace/abi/interfaces.h);
 *       a failure code (< 0) with *out_unknown = NULL (E_POINTER 0x80004003 for null arguments,
 *       E_INVALIDARG 0x80070057 for a params struct it does not understand). Not RT; the harness
 *       calls it from one thread at a time.
 *
 * Only C types cross the boundary here: fixed-width integers, pointers, function pointers. The
 * header compiles as C99 and as C++. Everything is little-endian, natural alignment. */
#ifndef AETRACE_PLUGIN_PLUGIN_ABI_H
#define AETRACE_PLUGIN_PLUGIN_ABI_H

#include <stdint.h>

#define AETRACE_PLUGIN_ABI_VERSION 1u

/* Role values of aetrace_create_params_v1::role. */
#define AETRACE_ROLE_CAPTURE 0u
#define AETRACE_ROLE_RENDER 1u

/* Symbol names the harness looks up. */
#define AETRACE_PLUGIN_CREATE_SYMBOL "aetrace_create_endpoint_v1"
#define AETRACE_PLUGIN_VERSION_SYMBOL "aetrace_plugin_abi_version"

/* Export macro for the two functions above: platform bits only here. */
#if defined(_WIN32)
#define AETRACE_PLUGIN_EXPORT __declspec(dllexport)
#elif defined(__GNUC__) || defined(__clang__)
#define AETRACE_PLUGIN_EXPORT __attribute__((visibility("default")))
#else
#define AETRACE_PLUGIN_EXPORT
#endif

#ifdef __cplusplus
extern "C" {
#endif

/* The harness clock, injected into the implementation (time injection). During replay it reads
 * the recorded virtual time of the call being replayed. Both functions are RT-safe (no lock,
 * allocation or system call) and may be called from any thread. The struct and `context` stay
 * valid as long as any object created with it exists (the harness keeps them until it unloads the
 * library). */
struct aetrace_clock_v1 {
    void* context;                       /* passed back to both functions */
    int64_t (*now_hns)(void* context);   /* current time, HNSTIME (100 ns), monotonic */
    int32_t (*qpc_error)(void* context); /* nonzero when the reading is inaccurate
                                            (report POSITION_QPC_ERROR) */
};

/* Everything one endpoint needs. All pointers are owned by the harness and valid only during the
 * aetrace_create_endpoint_v1 call, except `clock` (see aetrace_clock_v1): copy what you keep. */
struct aetrace_create_params_v1 {
    uint32_t struct_size;  /* sizeof(struct aetrace_create_params_v1) as the harness knows it; a
                              plugin reads only the fields that fit */
    uint32_t abi_version;  /* AETRACE_PLUGIN_ABI_VERSION of the harness */
    uint32_t role;         /* AETRACE_ROLE_CAPTURE or AETRACE_ROLE_RENDER */
    uint32_t format_bytes; /* meaningful bytes of `format`: 18 (WAVEFORMATEX) or 40 */
    /* The endpoint format as WAVEFORMATEX (18 bytes) or WAVEFORMATEXTENSIBLE (40 bytes), packed,
     * little-endian: the layout of aetrace::abi::WAVEFORMATEXTENSIBLE. */
    uint8_t format[40];
    const struct aetrace_clock_v1* clock; /* never NULL */
    /* The endpoint's options as recorded in the trace: space-separated "key=value" pairs,
     * NUL-terminated, never NULL (may be ""). Ignore keys you do not know. */
    const char* options;
    /* Capture only: the audio the device produces, in the endpoint format (interleaved frames,
     * format.nBlockAlign bytes each); NULL with 0 bytes when there is none (render, or silence). */
    const uint8_t* capture_source;
    uint64_t capture_source_bytes;
};

typedef uint32_t (*aetrace_plugin_abi_version_fn)(void);
typedef int32_t (*aetrace_create_endpoint_v1_fn)(const struct aetrace_create_params_v1* params,
                                                 void** out_unknown);

#ifdef __cplusplus
}
#endif

#endif /* AETRACE_PLUGIN_PLUGIN_ABI_H */
