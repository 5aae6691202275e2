// The six RDS AudioEndpoint interfaces, in Windows SDK vtable order, with their IIDs.
//
// Source: spec section 2 (SDK audioengineendpoint.h, MIDL 8.01.0628, and win32metadata). Slot
// numbers count IUnknown's three methods first. Method semantics are documented on
// learn.microsoft.com
// ([L] nf-audioengineendpoint-<interface>-<method>); the notes below quote what a caller and an
// implementer need, and POLICY.md says what the harness decides where the documentation is silent.
//
// Real-time (RT) rule: methods of IAudioEndpointRT, IAudioInputEndpointRT and
// IAudioOutputEndpointRT are called on the engine's real-time thread and must not allocate, lock,
// make a system call or do I/O. All other methods are not RT (POLICY #20-21).
#pragma once

#include "aetrace/abi/platform.h"
#include "aetrace/abi/types.h"
#include "aetrace/abi/unknown.h"

namespace aetrace::abi {

#define AETRACE_STDMETHOD(ret, name) virtual ret AETRACE_STDMETHODCALLTYPE name

/// IAudioEndpoint {30A99515-1527-4451-AF9F-00C5F0234DAF}: information about the endpoint. Not RT.
class IAudioEndpoint : public IUnknown {
  public:
    /// Slot 3. [out] *ppFormat: the endpoint format, allocated with co_task_mem_alloc; the caller
    /// frees it with co_task_mem_free. E_POINTER if ppFormat is null.
    AETRACE_STDMETHOD(HRESULT, GetFrameFormat)(WAVEFORMATEX** ppFormat) = 0;
    /// Slot 4. [out] maximum frames per packet (upper bound of every RT frame count).
    AETRACE_STDMETHOD(HRESULT, GetFramesPerPacket)(UINT32* pFramesPerPacket) = 0;
    /// Slot 5. [out] latency the endpoint adds, HNSTIME.
    AETRACE_STDMETHOD(HRESULT, GetLatency)(HNSTIME* pLatency) = 0;
    /// Slot 6. OR of AUDCLNT_STREAMFLAGS_*.
    AETRACE_STDMETHOD(HRESULT, SetStreamFlags)(DWORD streamFlags) = 0;
    /// Slot 7. Event for buffer-completion signalling; AEERR_NOT_INITIALIZED before SetBuffer.
    AETRACE_STDMETHOD(HRESULT, SetEventHandle)(HANDLE eventHandle) = 0;

  protected:
    ~IAudioEndpoint() = default;
};

/// IAudioEndpointRT {DFD2005F-A6E5-4D39-A265-939ADA9FBB4D}: buffer state and pass notifications.
/// RT.
class IAudioEndpointRT : public IUnknown {
  public:
    /// Slot 3. [out] *pPadding: padding, raw value (frames by default, POLICY #1). [out, optional]
    /// *pAeCurrentPosition: current position; may be null (POLICY #2).
    AETRACE_STDMETHOD(void, GetCurrentPadding)
    (HNSTIME* pPadding, AE_CURRENT_POSITION* pAeCurrentPosition) = 0;
    /// Slot 4. End of a processing pass.
    AETRACE_STDMETHOD(void, ProcessingComplete)() = 0;
    /// Slot 5. The endpoint may pause stream resources.
    AETRACE_STDMETHOD(HRESULT, SetPinInactive)() = 0;
    /// Slot 6. The endpoint must prepare stream resources.
    AETRACE_STDMETHOD(HRESULT, SetPinActive)() = 0;

  protected:
    ~IAudioEndpointRT() = default;
};

/// IAudioInputEndpointRT {8026AB61-92B2-43C1-A1DF-5C37EBD08D82}: capture data. RT.
class IAudioInputEndpointRT : public IUnknown {
  public:
    /// Slot 3. [in,out] pConnectionProperty: on entry pBuffer = 0, u32ValidFrameCount = N frames
    /// wanted (N <= frames per packet; 0 is valid), flags BUFFER_INVALID. On return pBuffer points
    /// to N readable frames, count unchanged, flags BUFFER_VALID or BUFFER_SILENT. [out, optional]
    /// pAeTimeStamp: position of the captured data.
    AETRACE_STDMETHOD(void, GetInputDataPointer)
    (APO_CONNECTION_PROPERTY* pConnectionProperty, AE_CURRENT_POSITION* pAeTimeStamp) = 0;
    /// Slot 4. u32FrameCount frames were consumed (<= N); pDataPointer is the pBuffer returned.
    AETRACE_STDMETHOD(void, ReleaseInputDataPointer)
    (UINT32 u32FrameCount, UINT_PTR pDataPointer) = 0;
    /// Slot 5. Reserved.
    AETRACE_STDMETHOD(void, PulseEndpoint)() = 0;

  protected:
    ~IAudioInputEndpointRT() = default;
};

/// IAudioOutputEndpointRT {8FA906E4-C31C-4E31-932E-19A66385E9AA}: render data. RT.
class IAudioOutputEndpointRT : public IUnknown {
  public:
    /// Slot 3. Returns a frame-aligned pointer for u32FrameCount frames (<= frames per packet), or
    /// 0 (POLICY #7). [in, optional] pAeTimeStamp: engine-supplied timestamp.
    AETRACE_STDMETHOD(UINT_PTR, GetOutputDataPointer)
    (UINT32 u32FrameCount, AE_CURRENT_POSITION* pAeTimeStamp) = 0;
    /// Slot 4. [in] pBuffer from Get, u32ValidFrameCount frames produced (may be fewer than asked),
    /// flags BUFFER_VALID or BUFFER_SILENT (write silence whatever the bytes). Must not be
    /// modified.
    AETRACE_STDMETHOD(void, ReleaseOutputDataPointer)
    (const APO_CONNECTION_PROPERTY* pConnectionProperty) = 0;
    /// Slot 5. End of a pass (event-driven mode).
    AETRACE_STDMETHOD(void, PulseEndpoint)() = 0;

  protected:
    ~IAudioOutputEndpointRT() = default;
};

/// IAudioDeviceEndpoint {D4952F5A-A0B2-4CC4-8B82-9358488DD8AC}: initialisation. Not RT.
class IAudioDeviceEndpoint : public IUnknown {
  public:
    /// Slot 3. Creates the endpoint buffer: MaxPeriod HNSTIME, latency = coefficient x MaxPeriod
    /// (the endpoint's minimum when the coefficient is 0 or below it).
    AETRACE_STDMETHOD(HRESULT, SetBuffer)(HNSTIME MaxPeriod, UINT32 u32LatencyCoefficient) = 0;
    /// Slot 4. [out] RDS implementations report FALSE.
    AETRACE_STDMETHOD(HRESULT, GetRTCaps)(BOOL* pbIsRTCapable) = 0;
    /// Slot 5. [out] TRUE when the endpoint is event driven. Called before SetBuffer.
    AETRACE_STDMETHOD(HRESULT, GetEventDrivenCapable)(BOOL* pbisEventCapable) = 0;
    /// Slot 6. Exclusive-mode path; E_NOTIMPL in the reference endpoints (POLICY #18).
    AETRACE_STDMETHOD(HRESULT, WriteExclusiveModeParametersToSharedMemory)
    (UINT_PTR hTargetProcess, HNSTIME hnsPeriod, HNSTIME hnsBufferDuration,
     UINT32 u32LatencyCoefficient, UINT32* pu32SharedMemorySize, UINT_PTR* phSharedMemory) = 0;

  protected:
    ~IAudioDeviceEndpoint() = default;
};

/// IAudioEndpointControl {C684B72A-6DF4-4774-BDF9-76B77509B653}: stream state. Not RT.
class IAudioEndpointControl : public IUnknown {
  public:
    AETRACE_STDMETHOD(HRESULT, Start)() = 0;  ///< Slot 3.
    AETRACE_STDMETHOD(HRESULT, Reset)() = 0;  ///< Slot 4. Discards unprocessed data.
    AETRACE_STDMETHOD(HRESULT, Stop)() = 0;   ///< Slot 5.

  protected:
    ~IAudioEndpointControl() = default;
};

#undef AETRACE_STDMETHOD

inline constexpr IID IID_IAudioEndpoint = {
    0x30A99515, 0x1527, 0x4451, {0xAF, 0x9F, 0x00, 0xC5, 0xF0, 0x23, 0x4D, 0xAF}};
inline constexpr IID IID_IAudioEndpointRT = {
    0xDFD2005F, 0xA6E5, 0x4D39, {0xA2, 0x65, 0x93, 0x9A, 0xDA, 0x9F, 0xBB, 0x4D}};
inline constexpr IID IID_IAudioInputEndpointRT = {
    0x8026AB61, 0x92B2, 0x43C1, {0xA1, 0xDF, 0x5C, 0x37, 0xEB, 0xD0, 0x8D, 0x82}};
inline constexpr IID IID_IAudioOutputEndpointRT = {
    0x8FA906E4, 0xC31C, 0x4E31, {0x93, 0x2E, 0x19, 0xA6, 0x63, 0x85, 0xE9, 0xAA}};
inline constexpr IID IID_IAudioDeviceEndpoint = {
    0xD4952F5A, 0xA0B2, 0x4CC4, {0x8B, 0x82, 0x93, 0x58, 0x48, 0x8D, 0xD8, 0xAC}};
inline constexpr IID IID_IAudioEndpointControl = {
    0xC684B72A, 0x6DF4, 0x4774, {0xBD, 0xF9, 0x76, 0xB7, 0x75, 0x09, 0xB6, 0x53}};

// clang-format off
template <> struct InterfaceTraits<IAudioEndpoint> { static constexpr const IID& iid = IID_IAudioEndpoint; };
template <> struct InterfaceTraits<IAudioEndpointRT> { static constexpr const IID& iid = IID_IAudioEndpointRT; };
template <> struct InterfaceTraits<IAudioInputEndpointRT> { static constexpr const IID& iid = IID_IAudioInputEndpointRT; };
template <> struct InterfaceTraits<IAudioOutputEndpointRT> { static constexpr const IID& iid = IID_IAudioOutputEndpointRT; };
template <> struct InterfaceTraits<IAudioDeviceEndpoint> { static constexpr const IID& iid = IID_IAudioDeviceEndpoint; };
template <> struct InterfaceTraits<IAudioEndpointControl> { static constexpr const IID& iid = IID_IAudioEndpointControl; };
// clang-format on

}  // namespace aetrace::abi
