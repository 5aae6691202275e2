// Minimal fake endpoints for the engine model tests: they implement the six interfaces (and the
// inspect extension) directly, log every call in one shared CallLog, and keep just enough state to
// make a loopback meaningful. Not the reference endpoints (those live under endpoints/).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "aetrace/abi/abi.h"
#include "aetrace/abi/com_object.h"
#include "aetrace/clock/clock.h"

namespace aetrace::engine::test {

using namespace aetrace::abi;

/// One call as a fake saw it: "capture:GetCurrentPadding" and the virtual time of the call.
struct Call {
    std::string what;
    HNSTIME t;
};

/// Calls of both fakes in order.
struct CallLog {
    std::vector<Call> calls;
    /// The names only, optionally only those starting with `prefix` ("render:").
    std::vector<std::string> names(const std::string& prefix = "") const;
};

/// Settings shared by both fakes.
struct FakeConfig {
    StreamFormat format{SampleType::kInt, 16, 2, 48000};
    UINT32 frames_per_packet = 480;  ///< reported by GetFramesPerPacket
    HNSTIME latency = 200'000;       ///< reported by GetLatency (20 ms = 960 frames at 48 kHz)
    BOOL event_capable = kFalse;
    bool expose_inspect = true;
    /// Own call index (0-based, every method counted) at which a kFramesAbovePacket violation is
    /// reported through IAetraceEndpointInspect; -1 = never.
    std::int64_t violation_at_call = -1;
    /// Event mode: after Start and every ProcessingComplete, announce the next due time
    /// last_due + event_interval (first: Start time + event_interval). 0 = never announce.
    HNSTIME event_interval = 0;
    HRESULT set_buffer_result = S_OK;  ///< what SetBuffer returns
    /// false: log nothing and keep no per-call records (the fakes then never allocate in a pass).
    bool record = true;
};

/// Common part of both fakes: IAudioEndpoint, IAudioEndpointRT, IAudioDeviceEndpoint,
/// IAudioEndpointControl, IAetraceEndpointInspect (only when config.expose_inspect) and, by
/// `Direction`, IAudioInputEndpointRT or IAudioOutputEndpointRT (implemented by the derived fake).
/// IUnknown from ComObject: reference counted, deletes itself.
template <class Direction>
class FakeEndpoint : public EndpointComObject<Direction> {
  public:
    FakeEndpoint(std::string role, CallLog& log, const clock::VirtualClock& clock,
                 FakeConfig config);
    ~FakeEndpoint() override;

    HRESULT GetFrameFormat(WAVEFORMATEX** ppFormat) override;
    HRESULT GetFramesPerPacket(UINT32* p) override;
    HRESULT GetLatency(HNSTIME* p) override;
    HRESULT SetStreamFlags(DWORD flags) override;
    HRESULT SetEventHandle(HANDLE h) override;

    void GetCurrentPadding(HNSTIME* pPadding, AE_CURRENT_POSITION* pPos) override;
    void ProcessingComplete() override;
    HRESULT SetPinInactive() override;
    HRESULT SetPinActive() override;

    HRESULT SetBuffer(HNSTIME period, UINT32 coefficient) override;
    HRESULT GetRTCaps(BOOL* p) override;
    HRESULT GetEventDrivenCapable(BOOL* p) override;
    HRESULT WriteExclusiveModeParametersToSharedMemory(UINT_PTR, HNSTIME, HNSTIME, UINT32, UINT32*,
                                                       UINT_PTR*) override;

    HRESULT Start() override;
    HRESULT Reset() override;
    HRESULT Stop() override;

    std::uint64_t GetViolationCount() override { return violations_.size(); }
    HRESULT GetViolation(std::uint64_t index, ViolationInfo* pInfo) override;
    HRESULT GetRenderedAudio(const std::uint8_t**, std::uint64_t*) override { return E_NOTIMPL; }

    DWORD stream_flags = 0;
    HANDLE event = nullptr;
    HNSTIME set_buffer_period = 0;
    UINT32 set_buffer_coefficient = 0;

  protected:
    /// Hides IAetraceEndpointInspect unless config.expose_inspect.
    bool exposes(const IID& riid) const noexcept override {
        return config_.expose_inspect || riid != IID_IAetraceEndpointInspect;
    }
    /// Logs "<role>:<name>" at the clock's time and counts the call (may report a violation).
    void log(const char* name, MethodId method);
    virtual HNSTIME padding() = 0;

    std::string role_;
    CallLog& log_;
    const clock::VirtualClock& clock_;
    FakeConfig config_;
    bool started_ = false;
    HNSTIME start_time_ = 0;
    HNSTIME last_due_ = 0;

  private:
    std::uint64_t own_calls_ = 0;
    std::vector<ViolationInfo> violations_;
};

/// Capture fake: always has `available` frames; hands out a counting pattern (every sample of
/// frame i holds int16(i & 0x7FFF), i counting the frames released so far); 16-bit formats only.
class FakeCapture final : public FakeEndpoint<IAudioInputEndpointRT> {
  public:
    FakeCapture(CallLog& log, const clock::VirtualClock& clock, FakeConfig config);

    void GetInputDataPointer(APO_CONNECTION_PROPERTY* prop, AE_CURRENT_POSITION* ts) override;
    void ReleaseInputDataPointer(UINT32 count, UINT_PTR p) override;
    void PulseEndpoint() override;

    HNSTIME available = 480;         ///< raw padding value GetCurrentPadding reports
    bool hand_silent = false;        ///< flag buffers BUFFER_SILENT
    std::vector<UINT32> signatures;  ///< u32Signature of each GetInputDataPointer
    std::uint64_t released = 0;      ///< frames released so far

  protected:
    HNSTIME padding() override { return available; }

  private:
    std::vector<std::uint8_t> buffer_;
};

/// What the render fake saw in one ReleaseOutputDataPointer.
struct Released {
    UINT32 frames;
    APO_BUFFER_FLAGS flags;
    UINT32 signature;
    std::vector<std::uint8_t> bytes;  ///< the whole buffer handed out (requested frames)
    HNSTIME t;
};

/// Render fake: padding = frames written minus frames the device played since Start (one frame per
/// 1/rate s, never more than written); records every release.
class FakeRender final : public FakeEndpoint<IAudioOutputEndpointRT> {
  public:
    FakeRender(CallLog& log, const clock::VirtualClock& clock, FakeConfig config);

    UINT_PTR GetOutputDataPointer(UINT32 count, AE_CURRENT_POSITION* ts) override;
    void ReleaseOutputDataPointer(const APO_CONNECTION_PROPERTY* prop) override;
    void PulseEndpoint() override;

    std::uint32_t null_pointer_calls = 0;  ///< the next this many Get calls return 0
    std::vector<Released> releases;
    std::vector<UINT32> requested;              ///< u32FrameCount of each Get
    std::vector<std::int32_t> timestamp_flags;  ///< pAeTimeStamp->Flag of each Get (-1: null)
    std::uint64_t written = 0;

  protected:
    HNSTIME padding() override;

  private:
    std::vector<std::uint8_t> buffer_;
    UINT32 last_request_ = 0;
};

}  // namespace aetrace::engine::test
