// RecordingProxy: the object Recorder::wrap returns (internal header).
#pragma once

#include <atomic>
#include <memory>

#include "aetrace/record/recorder.h"
#include "recorder_core.h"

namespace aetrace::record::detail {

using namespace aetrace::abi;

// IAudioInputEndpointRT and IAudioOutputEndpointRT both declare `void PulseEndpoint()`; one class
// overriding it would record both as one method. These adapters give each its own name.
class InputRtAdapter : public IAudioInputEndpointRT {
  public:
    void AETRACE_STDMETHODCALLTYPE PulseEndpoint() final { InputPulseEndpoint(); }
    virtual void InputPulseEndpoint() = 0;

  protected:
    ~InputRtAdapter() = default;
};
class OutputRtAdapter : public IAudioOutputEndpointRT {
  public:
    void AETRACE_STDMETHODCALLTYPE PulseEndpoint() final { OutputPulseEndpoint(); }
    virtual void OutputPulseEndpoint() = 0;

  protected:
    ~OutputRtAdapter() = default;
};

class RecordingProxy final : public IAudioEndpoint,
                             public IAudioEndpointRT,
                             public InputRtAdapter,
                             public OutputRtAdapter,
                             public IAudioDeviceEndpoint,
                             public IAudioEndpointControl {
  public:
    /// Holds `core` (the capture state outlives the Recorder while proxies exist) and `inner`.
    RecordingProxy(std::shared_ptr<RecorderCore> core, ComPtr<IUnknown> inner,
                   std::uint32_t endpoint, const StreamFormat& format);

    // IUnknown (one implementation shared by every base through these forwarding overrides).
    HRESULT AETRACE_STDMETHODCALLTYPE QueryInterface(const IID& riid, void** ppv) override;
    std::uint32_t AETRACE_STDMETHODCALLTYPE AddRef() override;
    std::uint32_t AETRACE_STDMETHODCALLTYPE Release() override;

    // IAudioEndpoint
    HRESULT AETRACE_STDMETHODCALLTYPE GetFrameFormat(WAVEFORMATEX** ppFormat) override;
    HRESULT AETRACE_STDMETHODCALLTYPE GetFramesPerPacket(UINT32* pFramesPerPacket) override;
    HRESULT AETRACE_STDMETHODCALLTYPE GetLatency(HNSTIME* pLatency) override;
    HRESULT AETRACE_STDMETHODCALLTYPE SetStreamFlags(DWORD streamFlags) override;
    HRESULT AETRACE_STDMETHODCALLTYPE SetEventHandle(HANDLE eventHandle) override;
    // IAudioEndpointRT
    void AETRACE_STDMETHODCALLTYPE GetCurrentPadding(HNSTIME* pPadding,
                                                     AE_CURRENT_POSITION* pPosition) override;
    void AETRACE_STDMETHODCALLTYPE ProcessingComplete() override;
    HRESULT AETRACE_STDMETHODCALLTYPE SetPinInactive() override;
    HRESULT AETRACE_STDMETHODCALLTYPE SetPinActive() override;
    // IAudioInputEndpointRT
    void AETRACE_STDMETHODCALLTYPE GetInputDataPointer(APO_CONNECTION_PROPERTY* pConnection,
                                                       AE_CURRENT_POSITION* pTimeStamp) override;
    void AETRACE_STDMETHODCALLTYPE ReleaseInputDataPointer(UINT32 u32FrameCount,
                                                           UINT_PTR pDataPointer) override;
    void InputPulseEndpoint() override;
    // IAudioOutputEndpointRT
    UINT_PTR AETRACE_STDMETHODCALLTYPE
    GetOutputDataPointer(UINT32 u32FrameCount, AE_CURRENT_POSITION* pTimeStamp) override;
    void AETRACE_STDMETHODCALLTYPE
    ReleaseOutputDataPointer(const APO_CONNECTION_PROPERTY* pConnection) override;
    void OutputPulseEndpoint() override;
    // IAudioDeviceEndpoint
    HRESULT AETRACE_STDMETHODCALLTYPE SetBuffer(HNSTIME MaxPeriod,
                                                UINT32 u32LatencyCoefficient) override;
    HRESULT AETRACE_STDMETHODCALLTYPE GetRTCaps(BOOL* pbIsRTCapable) override;
    HRESULT AETRACE_STDMETHODCALLTYPE GetEventDrivenCapable(BOOL* pbIsEventCapable) override;
    HRESULT AETRACE_STDMETHODCALLTYPE WriteExclusiveModeParametersToSharedMemory(
        UINT_PTR hTargetProcess, HNSTIME hnsPeriod, HNSTIME hnsBufferDuration,
        UINT32 u32LatencyCoefficient, UINT32* pu32SharedMemorySize,
        UINT_PTR* phSharedMemory) override;
    // IAudioEndpointControl
    HRESULT AETRACE_STDMETHODCALLTYPE Start() override;
    HRESULT AETRACE_STDMETHODCALLTYPE Reset() override;
    HRESULT AETRACE_STDMETHODCALLTYPE Stop() override;

  private:
    ~RecordingProxy() = default;
    format::CallRecord begin(MethodId method) noexcept;
    /// Records `call` (with call.buffer.bytes bytes at `payload` when not null; as a silent
    /// buffer when `silent`), then the wrapped object's new violations. RT-safe.
    void finish(format::CallRecord& call, const std::uint8_t* payload = nullptr,
                bool silent = false) noexcept;
    /// capture()'s default `forward`: the wrapped method was called before.
    struct AlreadyForwarded {
        void operator()() const noexcept {}
    };
    template <class Fill, class Forward = AlreadyForwarded>
    void capture(MethodId method, const std::uint8_t* payload, std::uint32_t bytes, bool silent,
                 Fill&& fill, Forward&& forward = AlreadyForwarded{},
                 std::uint32_t next_payload = 0) noexcept;
    /// Records the violations the wrapped object noted since the last look, as noted right after
    /// call `seq`. RT-safe; inline up to the (virtual) count query.
    void record_new_violations(CaptureScope& scope, std::uint64_t seq) noexcept {
        if (!inspect_if_) return;
        const std::uint64_t count = inspect_if_->GetViolationCount();
        if (count > violations_seen_.load(std::memory_order_relaxed))
            record_violations_upto(scope, seq, count);
    }
    /// record_new_violations() past the check: claims and records violations up to `count`.
    void record_violations_upto(CaptureScope& scope, std::uint64_t seq,
                                std::uint64_t count) noexcept;

    std::shared_ptr<RecorderCore> core_;
    ComPtr<IUnknown> inner_;
    std::uint32_t endpoint_;
    std::uint32_t block_align_;
    std::atomic<std::uint32_t> refs_{1};
    // Interfaces of the wrapped object, queried once at wrap time (null when not implemented).
    ComPtr<IAudioEndpoint> endpoint_if_;
    ComPtr<IAudioEndpointRT> rt_if_;
    ComPtr<IAudioInputEndpointRT> input_if_;
    ComPtr<IAudioOutputEndpointRT> output_if_;
    ComPtr<IAudioDeviceEndpoint> device_if_;
    ComPtr<IAudioEndpointControl> control_if_;
    ComPtr<IAetraceEndpointInspect> inspect_if_;
    std::atomic<std::uint64_t> violations_seen_{0};  ///< claimed with CAS (any thread)
    // RT-thread state (relaxed atomics: one RT thread per endpoint, but never a data race).
    std::atomic<UINT_PTR> last_input_pointer_{0};
    std::atomic<UINT_PTR> last_output_pointer_{0};
    std::atomic<std::uint32_t> last_output_frames_{0};  ///< frames the last Get asked for
};

}  // namespace aetrace::record::detail
