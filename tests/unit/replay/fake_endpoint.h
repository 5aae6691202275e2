// FakeRenderEndpoint: a tiny, predictable render endpoint for hand-built replay traces (test only;
// allocates on its RT paths, which is fine in a test).
#pragma once

#include <cstdint>
#include <cstring>
#include <vector>

#include "aetrace/abi/abi.h"
#include "aetrace/abi/com_object.h"
#include "aetrace/clock/clock.h"
#include "aetrace/clock/frame_math.h"

namespace aetrace::replay::test {

/// IUnknown from abi::ComObject: QueryInterface answers IUnknown, IAudioEndpoint,
/// IAudioEndpointRT (unless Options::expose_rt is false), IAudioOutputEndpointRT and
/// IAetraceEndpointInspect.
class FakeRenderEndpoint final
    : public abi::ComObject<abi::IAudioEndpoint, abi::IAudioEndpointRT, abi::IAudioOutputEndpointRT,
                            abi::IAetraceEndpointInspect> {
  public:
    struct Options {
        std::uint32_t frames_per_packet = 480;
        std::int64_t padding_offset = 0;  ///< added to the true padding (a bug)
        abi::HRESULT latency_hr = abi::S_OK;
        bool expose_rt = true;
    };
    static constexpr abi::HNSTIME kLatency = 200000;

    FakeRenderEndpoint(const clock::Clock& clock, abi::StreamFormat format, Options options)
        : clock_(clock),
          format_(format),
          options_(options),
          packet_(std::size_t{options.frames_per_packet} * format.bytes_per_frame()) {}

    // IAudioEndpoint
    abi::HRESULT GetFrameFormat(abi::WAVEFORMATEX** pp) override {
        abi::WAVEFORMATEXTENSIBLE ext{};
        const std::uint32_t size = abi::to_wave_format(format_, &ext);
        void* p = abi::co_task_mem_alloc(size);
        std::memcpy(p, &ext, size);
        *pp = static_cast<abi::WAVEFORMATEX*>(p);
        return abi::S_OK;
    }
    abi::HRESULT GetFramesPerPacket(abi::UINT32* p) override {
        *p = options_.frames_per_packet;
        return abi::S_OK;
    }
    abi::HRESULT GetLatency(abi::HNSTIME* p) override {
        if (abi::failed(options_.latency_hr)) return options_.latency_hr;
        *p = kLatency;
        return abi::S_OK;
    }
    abi::HRESULT SetStreamFlags(abi::DWORD flags) override {
        stream_flags = flags;
        return abi::S_OK;
    }
    abi::HRESULT SetEventHandle(abi::HANDLE handle) override {
        event_handle = handle;
        return abi::S_OK;
    }

    // IAudioEndpointRT: padding = frames released so far (nothing is ever played).
    void GetCurrentPadding(abi::HNSTIME* padding, abi::AE_CURRENT_POSITION* pos) override {
        *padding = static_cast<abi::HNSTIME>(queued_) + options_.padding_offset;
        if (pos) *pos = position();
    }
    void ProcessingComplete() override {}
    abi::HRESULT SetPinInactive() override { return abi::S_OK; }
    abi::HRESULT SetPinActive() override { return abi::S_OK; }

    // IAudioOutputEndpointRT
    abi::UINT_PTR GetOutputDataPointer(abi::UINT32 frames, abi::AE_CURRENT_POSITION*) override {
        ++calls_;
        if (frames > options_.frames_per_packet)
            violate(abi::ContractRule::kFramesAbovePacket,
                    abi::MethodId::IAudioOutputEndpointRT_GetOutputDataPointer, frames,
                    options_.frames_per_packet);
        return reinterpret_cast<abi::UINT_PTR>(packet_.data());
    }
    void ReleaseOutputDataPointer(const abi::APO_CONNECTION_PROPERTY* c) override {
        ++calls_;
        if (c->pBuffer != reinterpret_cast<abi::UINT_PTR>(packet_.data()))
            violate(abi::ContractRule::kForeignPointer,
                    abi::MethodId::IAudioOutputEndpointRT_ReleaseOutputDataPointer, 0, 0);
        const std::size_t bytes = std::size_t{c->u32ValidFrameCount} * format_.bytes_per_frame();
        if (c->u32BufferFlags == abi::BUFFER_SILENT)
            played.insert(played.end(), bytes, 0);
        else
            played.insert(played.end(), packet_.begin(),
                          packet_.begin() + static_cast<std::ptrdiff_t>(bytes));
        queued_ += c->u32ValidFrameCount;
    }
    void PulseEndpoint() override {}

    // IAetraceEndpointInspect
    std::uint64_t GetViolationCount() override { return violations_.size(); }
    abi::HRESULT GetViolation(std::uint64_t i, abi::ViolationInfo* info) override {
        if (i >= violations_.size()) return abi::E_INVALIDARG;
        *info = violations_[i];
        return abi::S_OK;
    }
    abi::HRESULT GetRenderedAudio(const std::uint8_t** data, std::uint64_t* frames) override {
        *data = played.data();
        *frames = played.size() / format_.bytes_per_frame();
        return abi::S_OK;
    }

    /// The position this endpoint reports at virtual time `t` with `queued` frames released.
    static abi::AE_CURRENT_POSITION position_at(abi::HNSTIME t, std::uint64_t queued,
                                                std::uint32_t rate) {
        abi::AE_CURRENT_POSITION p{};
        p.u64DevicePosition = clock::frames_at(t, rate);
        p.u64StreamPosition = 0;
        p.u64PaddingFrames = queued;
        p.hnsQPCPosition = t;
        p.f32FramesPerSecond = static_cast<float>(rate);
        p.Flag = abi::POSITION_CONTINUOUS;
        return p;
    }

    std::vector<std::uint8_t> played;  ///< every released frame, in order
    abi::HANDLE event_handle = nullptr;
    abi::DWORD stream_flags = 0;

  private:
    ~FakeRenderEndpoint() override = default;
    bool exposes(const abi::IID& riid) const noexcept override {
        return options_.expose_rt || riid != abi::IID_IAudioEndpointRT;
    }
    abi::AE_CURRENT_POSITION position() const {
        return position_at(clock_.now(), queued_, format_.sample_rate);
    }
    void violate(abi::ContractRule rule, abi::MethodId method, std::uint64_t value,
                 std::uint64_t limit) {
        abi::ViolationInfo v;
        v.call_index = calls_;
        v.rule = rule;
        v.method = method;
        v.value = value;
        v.limit = limit;
        violations_.push_back(v);
    }

    const clock::Clock& clock_;
    abi::StreamFormat format_;
    Options options_;
    std::vector<std::uint8_t> packet_;
    std::vector<abi::ViolationInfo> violations_;
    std::uint64_t queued_ = 0;
    std::uint64_t calls_ = 0;
};

}  // namespace aetrace::replay::test
