// EndpointBase: what the WAV capture and WAV render reference endpoints share.
//
// THE MODEL (POLICY.md decisions, in one place)
// - Device timeline. The simulated device runs only between Start and Stop. The endpoint keeps the
//   accumulated running time R; the device has clocked D = clock::frames_at(R, rate) frames,
//   computed exactly from R every time (never by adding rounded per-pass counts), so nothing
//   drifts. Before every API method the endpoint "advances the device" to clock.now(): capture
//   devices produce the new frames into the endpoint's ring buffer, render devices consume them
//   from it.
// - Ring buffer. Capacity = max(frames_at(latency), 2 packets) frames, latency = coefficient x
//   MaxPeriod (SetBuffer). Padding = frames queued in it: render, released by the engine and not
//   yet played; capture, captured by the device and not yet released by the engine.
// - Positions (AE_CURRENT_POSITION, POLICY #3/#4): u64DevicePosition = D (monotonic for the
// object's
//   life); u64StreamPosition = stream frames played (render) / captured (capture) since the last
//   Reset, frozen by Stop; u64PaddingFrames = padding in frames; hnsQPCPosition = clock.now();
//   f32FramesPerSecond = nominal rate; Flag = CONTINUOUS, or DISCONTINUOUS on the first position
//   reported after a glitch (underrun/overrun) or after a Start that follows a Reset, OR'ed with
//   QPC_ERROR when clock.qpc_error(). Before SetBuffer: all zero with POSITION_INVALID.
// - Contract violations (POLICY #6): the endpoint clamps, keeps running and stores a ViolationInfo
//   whose call_index is the 0-based index of the call among all calls of the 22 API methods made on
//   this object (IUnknown and IAetraceEndpointInspect calls are not counted, so the index matches
//   the recorder's numbering of API calls).
// - Errors (POLICY #14): E_POINTER for null out-pointers, E_INVALIDARG for bad arguments,
//   AEERR_NOT_INITIALIZED before SetBuffer, E_UNEXPECTED for a second SetBuffer (harness decision),
//   E_NOTIMPL for WriteExclusiveModeParametersToSharedMemory (POLICY #18, out-params zeroed).
// - Events (POLICY #10): after SetEventHandle, ProcessingComplete and PulseEndpoint (and Start)
//   call abi::signal_event when the device completed a packet since the last signal and
//   abi::schedule_event with the virtual time at which the device completes its next packet
//   (render: a full packet of free space; capture: a full packet available; abi::kNeverDue when the
//   device is stopped).
//
// THREADING AND REAL TIME
// - RT methods (IAudioEndpointRT, IAudioInputEndpointRT, IAudioOutputEndpointRT) never allocate,
//   lock, make a system call or do I/O: every buffer is allocated by SetBuffer (the violation array
//   at construction) and the clock is read through Clock::now(), which is RT-safe.
// - One RT thread plus one control thread may use the object (POLICY #13) under this guarantee: the
//   reference count, the call counter, the violation count, the event handle and the stream flags
//   are atomics and safe at any time; the stream state (ring, positions) has a single writer at a
//   time, so the control methods that change it (SetBuffer, Start, Stop, Reset) and
//   GetRenderedAudio must be called between processing passes, never during one (the engine model
//   and the Windows audio engine both do so). The endpoint does not detect an overlap.
// - Lifetime: the Clock passed at construction must outlive the object.
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

namespace aetrace::endpoints {

/// Shared implementation of IAudioEndpoint, IAudioEndpointRT, IAudioDeviceEndpoint,
/// IAudioEndpointControl and IAetraceEndpointInspect; IUnknown (atomic reference counting) comes
/// from abi::ComObject. `Direction` is the direction's RT interface (IAudioInputEndpointRT for
/// capture, IAudioOutputEndpointRT for render), which the concrete endpoint implements.
/// QueryInterface: S_OK for IUnknown, the five interfaces above and Direction; E_NOINTERFACE with
/// *ppv = nullptr otherwise (the other direction included); E_POINTER for a null ppv. Create
/// objects through the factories (factory.h); they are deleted when their reference count drops to
/// 0.
template <class Direction>
class EndpointBase : public abi::EndpointComObject<Direction> {
  public:
    // IAudioEndpoint (not RT).
    /// WAVEFORMATEX or WAVEFORMATEXTENSIBLE (POLICY #19) from abi::co_task_mem_alloc; the caller
    /// frees it with abi::co_task_mem_free. E_POINTER, E_OUTOFMEMORY.
    abi::HRESULT GetFrameFormat(abi::WAVEFORMATEX** ppFormat) override;
    /// frames_per_packet(period, rate); period = SetBuffer's MaxPeriod, before it
    /// config.default_period. E_POINTER.
    abi::HRESULT GetFramesPerPacket(abi::UINT32* pFramesPerPacket) override;
    /// Latency = coefficient x MaxPeriod, HNSTIME. AEERR_NOT_INITIALIZED (and *pLatency = 0) before
    /// SetBuffer; E_POINTER.
    abi::HRESULT GetLatency(abi::HNSTIME* pLatency) override;
    /// Stores the flags (any value accepted); S_OK.
    abi::HRESULT SetStreamFlags(abi::DWORD streamFlags) override;
    /// Enables event mode with an abi::VirtualEvent* (must outlive the endpoint).
    /// AEERR_NOT_INITIALIZED before SetBuffer, then E_INVALIDARG for a null handle.
    abi::HRESULT SetEventHandle(abi::HANDLE eventHandle) override;

    // IAudioEndpointRT (RT).
    /// [out] *pPadding: padding in frames or HNSTIME (config.padding_unit); a null pPadding is a
    /// kNullPointerArgument violation. [out, optional] *pPos: current position (may be null).
    void GetCurrentPadding(abi::HNSTIME* pPadding, abi::AE_CURRENT_POSITION* pPos) override;
    /// End of a pass: event signalling/scheduling in event mode, otherwise nothing.
    void ProcessingComplete() override;
    /// S_OK, records nothing.
    abi::HRESULT SetPinInactive() override;
    /// S_OK, records nothing.
    abi::HRESULT SetPinActive() override;

    // IAudioDeviceEndpoint (not RT).
    /// Allocates every buffer. E_INVALIDARG when MaxPeriod <= 0, MaxPeriod > 1 s, the packet would
    /// be 0 frames or the latency above 10 s; E_UNEXPECTED for a second call; E_OUTOFMEMORY.
    abi::HRESULT SetBuffer(abi::HNSTIME MaxPeriod, abi::UINT32 u32LatencyCoefficient) override;
    /// *pbIsRTCapable = FALSE (RDS). E_POINTER.
    abi::HRESULT GetRTCaps(abi::BOOL* pbIsRTCapable) override;
    /// *pbisEventCapable = config.event_capable. E_POINTER.
    abi::HRESULT GetEventDrivenCapable(abi::BOOL* pbisEventCapable) override;
    /// E_NOTIMPL; non-null out-params are zeroed (POLICY #18).
    abi::HRESULT WriteExclusiveModeParametersToSharedMemory(abi::UINT_PTR hTargetProcess,
                                                            abi::HNSTIME hnsPeriod,
                                                            abi::HNSTIME hnsBufferDuration,
                                                            abi::UINT32 u32LatencyCoefficient,
                                                            abi::UINT32* pu32SharedMemorySize,
                                                            abi::UINT_PTR* phSharedMemory) override;

    // IAudioEndpointControl (not RT). AEERR_NOT_INITIALIZED before SetBuffer, else S_OK.
    /// Starts (or keeps running) the device; a second Start is S_OK and changes nothing.
    abi::HRESULT Start() override;
    /// Discards queued data, sets stream position and padding to 0; the device position is kept.
    abi::HRESULT Reset() override;
    /// Stops the device: positions freeze, queued data stays.
    abi::HRESULT Stop() override;

    // IAetraceEndpointInspect (not API calls: they do not count in call_index).
    /// Violations found so far, including those beyond config.max_violations. RT-safe.
    std::uint64_t GetViolationCount() override;
    /// [out] *pInfo = stored violation `index`. E_INVALIDARG when not stored, E_POINTER. RT-safe.
    abi::HRESULT GetViolation(std::uint64_t index, abi::ViolationInfo* pInfo) override;
    /// E_NOTIMPL here (capture); WavRenderEndpoint overrides it.
    abi::HRESULT GetRenderedAudio(const std::uint8_t** ppData, std::uint64_t* pFrames) override;

  protected:
    /// `clock` must outlive the object. Throws InputError for an unsupported config.format.
    EndpointBase(const EndpointConfig& config, const clock::Clock& clock);
    ~EndpointBase() override;

    /// Allocates direction-specific buffers at SetBuffer (not RT). May throw std::bad_alloc.
    virtual void allocate_direction() {}
    /// The device clocks `frames` new frames (> 0) while running: produce (capture) or consume
    /// (render). Called with the state in a consistent form; RT-safe.
    virtual void on_device_frames(std::uint64_t frames) noexcept = 0;
    /// Frames the device still has to clock until a full packet is free (render) or available
    /// (capture); 0 when that is already the case.
    virtual std::uint64_t frames_until_packet() const noexcept = 0;

    /// Counts one API call and advances the device to clock.now(). Returns the call's index.
    std::uint64_t begin_call() noexcept;
    /// Advances the device to clock.now() (see THE MODEL) without counting a call. RT-safe.
    void advance_device() noexcept;
    /// Stores (or, beyond capacity, only counts) a contract violation. RT-safe.
    void record_violation(std::uint64_t call_index, abi::ContractRule rule, abi::MethodId method,
                          std::uint64_t value, std::uint64_t limit) noexcept;
    /// Fills *pos with the current position, stream position `stream_position`; consumes a pending
    /// discontinuity. RT-safe.
    void fill_position(abi::AE_CURRENT_POSITION* pos, std::uint64_t stream_position) noexcept;
    /// Event mode: signal/schedule as described above. RT-safe.
    void update_event() noexcept;
    /// Copies `frames` frames starting at ring index `first` (total count, wrapped here) to dst.
    void ring_read(std::uint64_t first, std::uint64_t frames, std::uint8_t* dst) const noexcept;
    /// Copies `frames` frames from src (zeros when src is null) to ring index `first`.
    void ring_write(std::uint64_t first, std::uint64_t frames, const std::uint8_t* src) noexcept;
    /// Swaps channels 0 and 1 of `frames` frames at data when config.fault == kSwapChannels.
    void apply_swap_fault(std::uint8_t* data, std::uint64_t frames) const noexcept;
    /// Padding in frames (write - read).
    std::uint64_t padding_frames() const noexcept { return write_ - read_; }

    const EndpointConfig config_;
    const clock::Clock& clock_;
    const std::uint32_t bytes_per_frame_;
    const std::uint32_t rate_;

    // Set by SetBuffer.
    std::atomic<bool> initialized_{false};
    abi::HNSTIME latency_ = 0;
    std::uint32_t frames_per_packet_ = 0;
    std::uint64_t capacity_ = 0;  ///< ring capacity, frames
    std::unique_ptr<std::uint8_t[]> ring_;
    std::unique_ptr<std::uint8_t[]> scratch_;  ///< packet buffer handed to the engine

    // Stream state (single writer at a time, see THREADING).
    std::uint64_t write_ = 0;  ///< total frames ever written into the ring
    std::uint64_t read_ = 0;   ///< total frames ever taken out of the ring (<= write_)
    std::uint64_t device_frames_ = 0;
    std::uint64_t stream_position_ = 0;
    bool glitch_pending_ = false;  ///< next position is DISCONTINUOUS
    bool get_outstanding_ = false;
    std::uint32_t get_frames_ = 0;    ///< frame count of the outstanding Get (after clamping)
    std::uint64_t current_call_ = 0;  ///< index of the latest API call

  private:
    abi::HNSTIME now_monotonic() noexcept;
    abi::HNSTIME running_time(abi::HNSTIME now) const noexcept;

    std::atomic<std::uint64_t> call_count_{0};
    std::atomic<std::uint64_t> violation_count_{0};
    std::unique_ptr<abi::ViolationInfo[]> violations_;
    std::atomic<abi::HANDLE> event_{nullptr};
    std::atomic<abi::DWORD> stream_flags_{0};
    abi::HNSTIME max_period_ = 0;
    bool running_ = false;
    bool reset_since_start_ = false;
    abi::HNSTIME start_time_ = 0;   ///< clock time of the last Start
    abi::HNSTIME accumulated_ = 0;  ///< running time before the last Start
    abi::HNSTIME last_now_ = 0;     ///< clock readings are clamped to be monotonic
    std::uint64_t signaled_packets_ = 0;
};

// Instantiated once per direction in endpoint_base.cpp.
extern template class EndpointBase<abi::IAudioInputEndpointRT>;
extern template class EndpointBase<abi::IAudioOutputEndpointRT>;

}  // namespace aetrace::endpoints
