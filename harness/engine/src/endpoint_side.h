// EndpointSide: one endpoint as the engine model sees it (its interfaces, what init learned, its
// virtual event). Internal to the engine layer.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "aetrace/abi/endpoint_interfaces.h"
#include "aetrace/abi/event.h"
#include "aetrace/abi/inspect.h"
#include "aetrace/abi/interfaces.h"
#include "aetrace/abi/wave_format.h"
#include "aetrace/engine/scenario.h"

namespace aetrace::engine {

struct EndpointSide {
    int index = 0;          ///< kCaptureEndpoint or kRenderEndpoint
    const char* role = "";  ///< "capture" or "render"
    abi::ComPtr<abi::IUnknown> unknown;
    /// Set by query_interfaces(): input on capture only, output on render only, inspect optional.
    abi::EndpointInterfaces ifaces;

    abi::StreamFormat format;
    std::uint32_t frames_per_packet = 0;
    abi::BOOL event_capable = abi::kFalse;
    HNSTIME latency = 0;
    std::uint64_t buffer_frames = 0;  ///< frames_at(latency, rate)
    bool event_mode = false;          ///< SetStreamFlags/SetEventHandle were issued
    abi::VirtualEvent event;          ///< handed to SetEventHandle in event mode
    std::uint64_t violations_seen = 0;

    bool present() const noexcept { return static_cast<bool>(unknown); }

    /// QueryInterface for every interface the engine needs. Returns "" or a one-line error.
    std::string query_interfaces();

    /// The init sequence of POLICY #11-12 up to and including SetPinActive (Start is separate).
    /// Returns "" or "<role> <Interface::Method> failed: <hresult>" (or a format problem). Notes
    /// non-fatal remarks in `notes`. Not RT-safe.
    std::string init(const EngineSettings& settings, std::vector<std::string>& notes);

    /// Converts a raw GetCurrentPadding value to frames (POLICY #1). RT-safe.
    std::uint64_t padding_frames(HNSTIME raw, PaddingUnit unit) const noexcept;

    /// Calls an IAudioEndpointControl / pin method and returns "" or "<role> <name> returned <hr>".
    std::string control_call(ActionKind kind);
};

}  // namespace aetrace::engine
