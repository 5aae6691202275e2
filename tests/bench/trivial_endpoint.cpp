#include "trivial_endpoint.h"

#include <atomic>
#include <cstring>
#include <memory>

#include "aetrace/abi/abi.h"

namespace aetrace::bench {
namespace {

using namespace aetrace::abi;

class TrivialEndpoint final : public IAudioEndpoint,
                              public IAudioEndpointRT,
                              public IAudioInputEndpointRT,
                              public IAudioOutputEndpointRT,
                              public IAudioDeviceEndpoint,
                              public IAudioEndpointControl {
  public:
    TrivialEndpoint(TrivialRole role, const StreamFormat& format, std::uint32_t frames_per_packet)
        : role_(role),
          format_(format),
          frames_per_packet_(frames_per_packet),
          bytes_(static_cast<std::size_t>(frames_per_packet) * format.bytes_per_frame()),
          buffer_(new std::uint8_t[bytes_]) {
        for (std::size_t i = 0; i < bytes_; ++i) buffer_[i] = static_cast<std::uint8_t>(i * 7 + 1);
    }

    HRESULT QueryInterface(const IID& riid, void** ppv) override {
        if (!ppv) return E_POINTER;
        void* p = nullptr;
        if (riid == IID_IUnknown || riid == IID_IAudioEndpoint)
            p = static_cast<IAudioEndpoint*>(this);
        else if (riid == IID_IAudioEndpointRT)
            p = static_cast<IAudioEndpointRT*>(this);
        else if (riid == IID_IAudioDeviceEndpoint)
            p = static_cast<IAudioDeviceEndpoint*>(this);
        else if (riid == IID_IAudioEndpointControl)
            p = static_cast<IAudioEndpointControl*>(this);
        else if (riid == IID_IAudioInputEndpointRT && role_ == TrivialRole::kCapture)
            p = static_cast<IAudioInputEndpointRT*>(this);
        else if (riid == IID_IAudioOutputEndpointRT && role_ == TrivialRole::kRender)
            p = static_cast<IAudioOutputEndpointRT*>(this);
        *ppv = p;
        if (!p) return E_NOINTERFACE;
        AddRef();
        return S_OK;
    }
    std::uint32_t AddRef() override { return refs_.fetch_add(1, std::memory_order_relaxed) + 1; }
    std::uint32_t Release() override {
        const std::uint32_t left = refs_.fetch_sub(1, std::memory_order_acq_rel) - 1;
        if (left == 0) delete this;
        return left;
    }

    // IAudioEndpoint (not RT).
    HRESULT GetFrameFormat(WAVEFORMATEX** ppFormat) override {
        if (!ppFormat) return E_POINTER;
        WAVEFORMATEXTENSIBLE wfx{};
        const std::uint32_t size = to_wave_format(format_, &wfx);
        *ppFormat = static_cast<WAVEFORMATEX*>(co_task_mem_alloc(size));
        if (!*ppFormat) return E_OUTOFMEMORY;
        std::memcpy(*ppFormat, &wfx, size);
        return S_OK;
    }
    HRESULT GetFramesPerPacket(UINT32* p) override {
        if (!p) return E_POINTER;
        *p = frames_per_packet_;
        return S_OK;
    }
    HRESULT GetLatency(HNSTIME* p) override {
        if (!p) return E_POINTER;
        *p = 200'000;
        return S_OK;
    }
    HRESULT SetStreamFlags(DWORD) override { return S_OK; }
    HRESULT SetEventHandle(HANDLE) override { return S_OK; }

    // IAudioEndpointRT (RT).
    void GetCurrentPadding(HNSTIME* pPadding, AE_CURRENT_POSITION* pPos) override {
        const std::uint32_t padding = role_ == TrivialRole::kCapture ? frames_per_packet_ : 0;
        if (pPadding) *pPadding = padding;
        if (pPos) {
            pPos->u64DevicePosition = ++position_;
            pPos->u64StreamPosition = position_;
            pPos->u64PaddingFrames = padding;
            pPos->hnsQPCPosition = 0;
            pPos->f32FramesPerSecond = static_cast<FLOAT32>(format_.sample_rate);
            pPos->Flag = POSITION_CONTINUOUS;
        }
    }
    void ProcessingComplete() override {}
    HRESULT SetPinInactive() override { return S_OK; }
    HRESULT SetPinActive() override { return S_OK; }

    // IAudioInputEndpointRT (RT).
    void GetInputDataPointer(APO_CONNECTION_PROPERTY* conn, AE_CURRENT_POSITION* pTs) override {
        if (!conn) return;
        if (conn->u32ValidFrameCount > frames_per_packet_)
            conn->u32ValidFrameCount = frames_per_packet_;
        conn->pBuffer = reinterpret_cast<UINT_PTR>(buffer_.get());
        conn->u32BufferFlags = BUFFER_VALID;
        if (pTs) GetCurrentPadding(nullptr, pTs);
    }
    void ReleaseInputDataPointer(UINT32, UINT_PTR) override {}
    // PulseEndpoint of both RT interfaces (same signature, one override).
    void PulseEndpoint() override {}

    // IAudioOutputEndpointRT (RT).
    UINT_PTR GetOutputDataPointer(UINT32 frames, AE_CURRENT_POSITION*) override {
        return frames <= frames_per_packet_ ? reinterpret_cast<UINT_PTR>(buffer_.get()) : 0;
    }
    void ReleaseOutputDataPointer(const APO_CONNECTION_PROPERTY*) override {}

    // IAudioDeviceEndpoint (not RT).
    HRESULT SetBuffer(HNSTIME, UINT32) override { return S_OK; }
    HRESULT GetRTCaps(BOOL* p) override {
        if (!p) return E_POINTER;
        *p = kFalse;
        return S_OK;
    }
    HRESULT GetEventDrivenCapable(BOOL* p) override {
        if (!p) return E_POINTER;
        *p = kFalse;
        return S_OK;
    }
    HRESULT WriteExclusiveModeParametersToSharedMemory(UINT_PTR, HNSTIME, HNSTIME, UINT32,
                                                       UINT32* size, UINT_PTR* handle) override {
        if (size) *size = 0;
        if (handle) *handle = 0;
        return E_NOTIMPL;
    }

    // IAudioEndpointControl (not RT).
    HRESULT Start() override { return S_OK; }
    HRESULT Reset() override { return S_OK; }
    HRESULT Stop() override { return S_OK; }

  private:
    ~TrivialEndpoint() = default;

    const TrivialRole role_;
    const StreamFormat format_;
    const std::uint32_t frames_per_packet_;
    const std::size_t bytes_;
    std::unique_ptr<std::uint8_t[]> buffer_;
    std::uint64_t position_ = 0;
    std::atomic<std::uint32_t> refs_{1};
};

}  // namespace

abi::ComPtr<abi::IUnknown> make_trivial_endpoint(TrivialRole role, const abi::StreamFormat& format,
                                                 std::uint32_t frames_per_packet) {
    auto* ep = new TrivialEndpoint(role, format, frames_per_packet);
    return abi::ComPtr<abi::IUnknown>::attach(static_cast<abi::IAudioEndpoint*>(ep));
}

}  // namespace aetrace::bench
