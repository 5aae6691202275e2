// Factories and the by-name registry of the built-in reference endpoints.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "aetrace/abi/unknown.h"
#include "aetrace/audio/pcm_buffer.h"
#include "aetrace/clock/clock.h"
#include "aetrace/endpoints/endpoint_config.h"

namespace aetrace::endpoints {

/// A WavCaptureEndpoint playing `source` (see wav_capture_endpoint.h), as its IUnknown (QI for the
/// API interfaces). `clock` must outlive the endpoint. Throws InputError when config.format is
/// unsupported or source.format differs from it. Not RT.
abi::ComPtr<abi::IUnknown> make_wav_capture_endpoint(const EndpointConfig& config,
                                                     const clock::Clock& clock,
                                                     audio::PcmBuffer source);

/// A WavRenderEndpoint (see wav_render_endpoint.h), as its IUnknown. `clock` must outlive the
/// endpoint. Throws InputError when config.format is unsupported. Not RT.
abi::ComPtr<abi::IUnknown> make_wav_render_endpoint(const EndpointConfig& config,
                                                    const clock::Clock& clock);

/// A PacketRingCaptureEndpoint playing `source` (packet_ring_capture_endpoint.h), as its IUnknown.
/// `clock` must outlive the endpoint. Throws InputError when config.format is unsupported or
/// source.format differs from it. Not RT.
abi::ComPtr<abi::IUnknown> make_packet_ring_capture_endpoint(const EndpointConfig& config,
                                                             const clock::Clock& clock,
                                                             audio::PcmBuffer source);

/// A PacketRingRenderEndpoint (packet_ring_render_endpoint.h), as its IUnknown. `clock` must
/// outlive the endpoint. Throws InputError when config.format is unsupported. Not RT.
abi::ComPtr<abi::IUnknown> make_packet_ring_render_endpoint(const EndpointConfig& config,
                                                            const clock::Clock& clock);

/// Names accepted by create_builtin_endpoint, in this order: "reference" (WavCapture/WavRender
/// endpoints), "packet-ring" (the independent PacketRing endpoints), then the mutants, one Fault
/// each (docs/ENDPOINTS.md): on the reference "mutant-padding-off-by-one",
/// "mutant-swap-channels", "mutant-ignore-silent-flag", "mutant-position-not-reset"; on the
/// packet ring "mutant-wrap-off-by-one", "mutant-padding-in-bytes",
/// "mutant-continuous-after-glitch", "mutant-drop-frame-every-16",
/// "mutant-latency-ignores-coefficient", "mutant-frame-count-cached",
/// "mutant-position-reset-on-stop", "mutant-frames-per-packet-floor",
/// "mutant-capture-silent-not-set", "mutant-qpc-in-ticks", "mutant-release-commits-requested".
/// Every name but the first two starts with "mutant-".
std::vector<std::string> builtin_endpoint_names();

/// Creates the built-in endpoint `name` for `role`. The name sets the implementation and
/// config.fault ("reference" and "packet-ring" = Fault::kNone, whatever config.fault says).
/// Capture: `source` is the audio the device produces (copied; null = silence only). Render:
/// `source` is ignored. `clock` must outlive the endpoint. Throws InputError for an unknown name
/// (the message lists the known names), an unsupported format or a source in another format. Not
/// RT.
abi::ComPtr<abi::IUnknown> create_builtin_endpoint(std::string_view name, Role role,
                                                   const EndpointConfig& config,
                                                   const clock::Clock& clock,
                                                   const audio::PcmBuffer* source);

}  // namespace aetrace::endpoints
