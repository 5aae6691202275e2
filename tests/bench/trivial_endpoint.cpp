#include "trivial_endpoint.h"

#include <cstring>
#include <memory>

#include "aetrace/abi/abi.h"
#include "aetrace/abi/com_object.h"

namespace aetrace::bench {
namespace {

using namespace aetrace::abi;

// IUnknown from ComObject; exposes() hides the RT interface of the other role.
class TrivialEndpoint final
    : public ComObject<IAudioEndpoint, IAudioEndpointRT, IAudioInputEndpointRT,
                       IAudioOutputEndpointRT, IAudioDeviceEndpoint, IAudioEndpointControl> {
  public:
    TrivialEndpoint(TrivialRole role, const StreamFormat& format, std::uint32_t frames_per_packet)
        : role_(role),
          format_(format),
          frames_per_packet_(frames_per_packet),
          bytes_(static_cast<std::size_t>(frames_per_packet) * format.bytes_per_frame()),
          buffer_(new std::uint8_t[bytes_]) {
        for (std::size_t i = 0; i < bytes_; ++i) buffer_[i] = static_cast<std::uint8_t>(i * 7 + 1);
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
    ~TrivialEndpoint() override = default;
    bool exposes(const IID& riid) const noexcept override {
        if (riid == IID_IAudioInputEndpointRT) return role_ == TrivialRole::kCapture;
        if (riid == IID_IAudioOutputEndpointRT) return role_ == TrivialRole::kRender;
        return true;
    }

    const TrivialRole role_;
    const StreamFormat format_;
    const std::uint32_t frames_per_packet_;
    const std::size_t bytes_;
    std::unique_ptr<std::uint8_t[]> buffer_;
    std::uint64_t position_ = 0;
};

}  // namespace

abi::ComPtr<abi::IUnknown> make_trivial_endpoint(TrivialRole role, const abi::StreamFormat& format,
                                                 std::uint32_t frames_per_packet) {
    auto* ep = new TrivialEndpoint(role, format, frames_per_packet);
    return abi::ComPtr<abi::IUnknown>::attach(ep->unknown());
}

}  // namespace aetrace::bench
