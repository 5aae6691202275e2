// ForwardingEndpoint: an endpoint object that forwards every call to another one.
//
// It exposes exactly the interfaces the inner object exposes (the six API interfaces and
// IAetraceEndpointInspect), passes every argument and result through unchanged (pointers included,
// so a replay sees the inner object's buffers), and calls before_call() with the method id before
// each of the 22 API methods. Uses: the harness tracks which trace call an isolated implementation
// reached; a plugin keeps per-object state (for example its PluginClock) alive exactly as long as
// the object; test plugins inject crashes and hangs at a chosen call.
#pragma once

#include <atomic>
#include <cstdint>

#include "aetrace/abi/inspect.h"
#include "aetrace/abi/interfaces.h"
#include "aetrace/abi/methods.h"

namespace aetrace::plugin {

namespace detail {
// IAudioInputEndpointRT and IAudioOutputEndpointRT both declare PulseEndpoint(): these two bases
// give each its own override so the forwarder knows which interface was called.
class InputRtForward : public abi::IAudioInputEndpointRT {
  public:
    void PulseEndpoint() override { input_pulse(); }

  protected:
    ~InputRtForward() = default;
    virtual void input_pulse() noexcept = 0;
};
class OutputRtForward : public abi::IAudioOutputEndpointRT {
  public:
    void PulseEndpoint() override { output_pulse(); }

  protected:
    ~OutputRtForward() = default;
    virtual void output_pulse() noexcept = 0;
};
}  // namespace detail

/// Reference-counted (atomic) forwarder. Create with new (count 1) and hand out unknown() with
/// ComPtr::attach; it deletes itself when the count drops to 0 and then releases the inner object.
/// Thread safety and RT safety are the inner object's plus before_call()'s: the forwarding itself
/// never allocates, locks or makes a system call.
class ForwardingEndpoint : public abi::IAudioEndpoint,
                           public abi::IAudioEndpointRT,
                           public detail::InputRtForward,
                           public detail::OutputRtForward,
                           public abi::IAudioDeviceEndpoint,
                           public abi::IAudioEndpointControl,
                           public abi::IAetraceEndpointInspect {
  public:
    /// Queries `inner` (may be null: then nothing but IUnknown is exposed) for every interface.
    explicit ForwardingEndpoint(abi::ComPtr<abi::IUnknown> inner);
    ForwardingEndpoint(const ForwardingEndpoint&) = delete;
    ForwardingEndpoint& operator=(const ForwardingEndpoint&) = delete;

    /// This object's IUnknown (no AddRef).
    abi::IUnknown* unknown() noexcept { return static_cast<abi::IAudioEndpoint*>(this); }

    // IUnknown: S_OK for IUnknown and every interface the inner object has, else E_NOINTERFACE
    // with *ppv = nullptr; E_POINTER for a null ppv.
    abi::HRESULT QueryInterface(const abi::IID& riid, void** ppv) override;
    std::uint32_t AddRef() override;
    std::uint32_t Release() override;

    // IAudioEndpoint.
    abi::HRESULT GetFrameFormat(abi::WAVEFORMATEX** ppFormat) override;
    abi::HRESULT GetFramesPerPacket(abi::UINT32* pFramesPerPacket) override;
    abi::HRESULT GetLatency(abi::HNSTIME* pLatency) override;
    abi::HRESULT SetStreamFlags(abi::DWORD streamFlags) override;
    abi::HRESULT SetEventHandle(abi::HANDLE eventHandle) override;
    // IAudioEndpointRT.
    void GetCurrentPadding(abi::HNSTIME* pPadding, abi::AE_CURRENT_POSITION* pPos) override;
    void ProcessingComplete() override;
    abi::HRESULT SetPinInactive() override;
    abi::HRESULT SetPinActive() override;
    // IAudioInputEndpointRT (PulseEndpoint via input_pulse).
    void GetInputDataPointer(abi::APO_CONNECTION_PROPERTY* pConnectionProperty,
                             abi::AE_CURRENT_POSITION* pAeTimeStamp) override;
    void ReleaseInputDataPointer(abi::UINT32 u32FrameCount, abi::UINT_PTR pDataPointer) override;
    // IAudioOutputEndpointRT (PulseEndpoint via output_pulse).
    abi::UINT_PTR GetOutputDataPointer(abi::UINT32 u32FrameCount,
                                       abi::AE_CURRENT_POSITION* pAeTimeStamp) override;
    void ReleaseOutputDataPointer(const abi::APO_CONNECTION_PROPERTY* pConnectionProperty) override;
    // IAudioDeviceEndpoint.
    abi::HRESULT SetBuffer(abi::HNSTIME MaxPeriod, abi::UINT32 u32LatencyCoefficient) override;
    abi::HRESULT GetRTCaps(abi::BOOL* pbIsRTCapable) override;
    abi::HRESULT GetEventDrivenCapable(abi::BOOL* pbisEventCapable) override;
    abi::HRESULT WriteExclusiveModeParametersToSharedMemory(abi::UINT_PTR hTargetProcess,
                                                            abi::HNSTIME hnsPeriod,
                                                            abi::HNSTIME hnsBufferDuration,
                                                            abi::UINT32 u32LatencyCoefficient,
                                                            abi::UINT32* pu32SharedMemorySize,
                                                            abi::UINT_PTR* phSharedMemory) override;
    // IAudioEndpointControl.
    abi::HRESULT Start() override;
    abi::HRESULT Reset() override;
    abi::HRESULT Stop() override;
    // IAetraceEndpointInspect (forwarded without before_call: not API calls).
    std::uint64_t GetViolationCount() override;
    abi::HRESULT GetViolation(std::uint64_t index, abi::ViolationInfo* pInfo) override;
    abi::HRESULT GetRenderedAudio(const std::uint8_t** ppData, std::uint64_t* pFrames) override;

  protected:
    virtual ~ForwardingEndpoint();
    /// Called before each API method is forwarded, on the caller's thread. Must be as RT-safe as
    /// the method (RT methods: no allocation, lock or system call). Default: nothing.
    virtual void before_call(abi::MethodId method) noexcept;

  private:
    void input_pulse() noexcept override;
    void output_pulse() noexcept override;

    std::atomic<std::uint32_t> ref_count_{1};
    abi::ComPtr<abi::IUnknown> inner_;
    abi::ComPtr<abi::IAudioEndpoint> endpoint_;
    abi::ComPtr<abi::IAudioEndpointRT> rt_;
    abi::ComPtr<abi::IAudioInputEndpointRT> input_;
    abi::ComPtr<abi::IAudioOutputEndpointRT> output_;
    abi::ComPtr<abi::IAudioDeviceEndpoint> device_;
    abi::ComPtr<abi::IAudioEndpointControl> control_;
    abi::ComPtr<abi::IAetraceEndpointInspect> inspect_;
};

}  // namespace aetrace::plugin
