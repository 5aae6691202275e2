// PacketRingEndpoint: the second, independent implementation of the endpoint model ("packet-ring").
//
// It shares no code with EndpointBase (only the abi and clock headers): its own state machine,
// its own device timeline and position arithmetic (from clock/frame_math.h) and its own audio
// store, a PacketRing (packet_ring.h) of fixed-size packets with per-packet valid-frame counts and
// flags, the way a Remote Desktop audio channel moves audio. It implements the model documented in
// endpoint_base.h under POLICY.md, so a trace recorded with the reference replays against it
// without divergence; docs/ENDPOINTS.md lists where the two are built differently and why that is
// not observable.
//
// Its own formulation of the model:
// - State: kCreated -> (SetBuffer) kStopped <-> (Start/Stop) kRunning. Running time is kept as
//   "run origin": device frames = frames_at(clock - origin) while running, where the origin moves
//   forward by the stopped time at each Start (no accumulated-time sum).
// - Ring capacity (frames) = max(frames_at(coefficient x MaxPeriod), 2 packets), stored in packet
//   slots. Padding = frames queued in the packet ring.
// - Positions, flags, errors, violations (call_index = 0-based count of the 22 API methods called)
//   and events as in endpoint_base.h.
// - config.fault selects one of the packet-ring mutants (Fault values from kWrapOffByOne on); the
//   faults up to kPositionNotReset belong to the reference endpoints and are ignored here.
//
// Threading: as the reference (one RT thread plus one control thread; control methods between
// passes). RT methods never allocate, lock, make a system call or do I/O. The Clock passed at
// construction must outlive the object.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <type_traits>

#include "aetrace/abi/com_object.h"
#include "aetrace/abi/contract.h"
#include "aetrace/abi/inspect.h"
#include "aetrace/abi/interfaces.h"
#include "aetrace/clock/clock.h"
#include "aetrace/endpoints/endpoint_config.h"
#include "aetrace/endpoints/packet_ring.h"

namespace aetrace::endpoints {

/// Shared part of PacketRingCaptureEndpoint and PacketRingRenderEndpoint: IAudioEndpoint,
/// IAudioEndpointRT, IAudioDeviceEndpoint, IAudioEndpointControl and IAetraceEndpointInspect;
/// IUnknown comes from abi::ComObject. `Direction` is the direction's RT interface
/// (IAudioInputEndpointRT or IAudioOutputEndpointRT), implemented by the concrete endpoint; it is
/// answered by QueryInterface together with IUnknown and the five above (the other direction is
/// E_NOINTERFACE). Results, HRESULTs and out-parameters are those documented in endpoint_base.h
/// for the reference. Create objects through create_builtin_endpoint("packet-ring").
template <class Direction>
class PacketRingEndpoint : public abi::EndpointComObject<Direction> {
  public:
    // IAudioEndpoint (not RT).
    abi::HRESULT GetFrameFormat(abi::WAVEFORMATEX** ppFormat) override;
    abi::HRESULT GetFramesPerPacket(abi::UINT32* pFramesPerPacket) override;
    abi::HRESULT GetLatency(abi::HNSTIME* pLatency) override;
    abi::HRESULT SetStreamFlags(abi::DWORD streamFlags) override;
    abi::HRESULT SetEventHandle(abi::HANDLE eventHandle) override;

    // IAudioEndpointRT (RT).
    void GetCurrentPadding(abi::HNSTIME* pPadding, abi::AE_CURRENT_POSITION* pPos) override;
    void ProcessingComplete() override;
    abi::HRESULT SetPinInactive() override;
    abi::HRESULT SetPinActive() override;

    // IAudioDeviceEndpoint (not RT).
    abi::HRESULT SetBuffer(abi::HNSTIME MaxPeriod, abi::UINT32 u32LatencyCoefficient) override;
    abi::HRESULT GetRTCaps(abi::BOOL* pbIsRTCapable) override;
    abi::HRESULT GetEventDrivenCapable(abi::BOOL* pbisEventCapable) override;
    abi::HRESULT WriteExclusiveModeParametersToSharedMemory(abi::UINT_PTR hTargetProcess,
                                                            abi::HNSTIME hnsPeriod,
                                                            abi::HNSTIME hnsBufferDuration,
                                                            abi::UINT32 u32LatencyCoefficient,
                                                            abi::UINT32* pu32SharedMemorySize,
                                                            abi::UINT_PTR* phSharedMemory) override;

    // IAudioEndpointControl (not RT).
    abi::HRESULT Start() override;
    abi::HRESULT Reset() override;
    abi::HRESULT Stop() override;

    // IAetraceEndpointInspect (not API calls). GetRenderedAudio: E_NOTIMPL unless overridden.
    std::uint64_t GetViolationCount() override;
    abi::HRESULT GetViolation(std::uint64_t index, abi::ViolationInfo* pInfo) override;
    abi::HRESULT GetRenderedAudio(const std::uint8_t** ppData, std::uint64_t* pFrames) override;

  protected:
    enum class State : std::uint8_t { kCreated, kStopped, kRunning };

    /// Throws InputError for an unsupported config.format. `clock` must outlive the object.
    PacketRingEndpoint(const EndpointConfig& config, const clock::Clock& clock);
    ~PacketRingEndpoint() override;

    /// Direction-specific buffers, allocated by SetBuffer. May throw std::bad_alloc. Not RT.
    virtual void allocate_direction() {}
    /// The device clocked `frames` (> 0) frames while running. RT-safe.
    virtual void device_clocked(std::uint64_t frames) noexcept = 0;
    /// Frames the device must still clock until one packet is free (render) / queued (capture).
    virtual std::uint64_t frames_until_packet() const noexcept = 0;

    bool ready() const noexcept {
        return state_.load(std::memory_order_acquire) != State::kCreated;
    }
    bool faulty(Fault f) const noexcept { return config_.fault == f; }
    /// Counts an API call, catches the device up with the clock; returns the call's index.
    std::uint64_t enter() noexcept;
    /// Catches the device up with the clock without counting a call. RT-safe.
    void catch_up() noexcept;
    void violation(std::uint64_t call, abi::ContractRule rule, abi::MethodId method,
                   std::uint64_t value, std::uint64_t limit) noexcept;
    /// Writes the current position with stream position `stream`; reports (and clears) a pending
    /// discontinuity.
    void write_position(abi::AE_CURRENT_POSITION* pos, std::uint64_t stream) noexcept;
    void signal_and_schedule() noexcept;
    /// Copies the first `frames` queued frames (<= ring_.queued()) to dst; with kWrapOffByOne a
    /// copy that crosses the ring wrap loses the frame after it and repeats the one before.
    /// RT-safe.
    void take_copy(std::uint64_t frames, std::uint8_t* dst) const noexcept;

    const EndpointConfig config_;
    const clock::Clock& clock_;
    const std::uint32_t frame_bytes_;
    const std::uint32_t rate_;

    PacketRing ring_;
    std::unique_ptr<std::uint8_t[]> packet_;  ///< the packet buffer handed to the engine
    std::uint32_t packet_frames_ = 0;         ///< frames per packet (after SetBuffer)
    abi::HNSTIME period_ = 0;                 ///< SetBuffer's MaxPeriod
    abi::HNSTIME latency_ = 0;
    std::uint64_t clocked_ = 0;    ///< frames the device has clocked (device position)
    std::uint64_t stream_ = 0;     ///< stream position
    bool device_glitch_ = false;   ///< an underrun/overrun since the last reported position
    bool restart_glitch_ = false;  ///< a Start after Reset since the last reported position
    bool handed_out_ = false;      ///< a Get is outstanding
    std::uint32_t handed_frames_ = 0;
    std::uint64_t call_ = 0;  ///< index of the current API call

  private:
    abi::HNSTIME read_clock() noexcept;

    std::atomic<State> state_{State::kCreated};
    std::atomic<std::uint64_t> calls_{0};
    std::atomic<std::uint64_t> violation_total_{0};
    std::unique_ptr<abi::ViolationInfo[]> violation_log_;
    std::atomic<abi::HANDLE> event_{nullptr};
    std::atomic<abi::DWORD> flags_{0};
    abi::HNSTIME origin_ = 0;      ///< clock time at which the device would have clocked frame 0
    abi::HNSTIME stopped_at_ = 0;  ///< clock time of the last Stop
    abi::HNSTIME clock_seen_ = 0;  ///< latest clock reading (readings are kept monotonic)
    bool reset_pending_ = false;   ///< a Reset since the last effective Start
    std::uint64_t packets_signaled_ = 0;
};

// Instantiated once per direction in packet_ring_endpoint.cpp and packet_ring_timeline.cpp.
extern template class PacketRingEndpoint<abi::IAudioInputEndpointRT>;
extern template class PacketRingEndpoint<abi::IAudioOutputEndpointRT>;

}  // namespace aetrace::endpoints
