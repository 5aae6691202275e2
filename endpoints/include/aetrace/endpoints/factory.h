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

/// Names accepted by create_builtin_endpoint: "reference", then the mutants
/// "mutant-padding-off-by-one", "mutant-swap-channels", "mutant-ignore-silent-flag",
/// "mutant-position-not-reset" (Fault kPaddingOffByOne, kSwapChannels, kIgnoreSilentFlag,
/// kPositionNotReset).
std::vector<std::string> builtin_endpoint_names();

/// Creates the built-in endpoint `name` for `role`. The name sets config.fault ("reference" =
/// Fault::kNone, whatever config.fault says). Capture: `source` is the audio the device produces
/// (copied; null = silence only). Render: `source` is ignored. `clock` must outlive the endpoint.
/// Throws InputError for an unknown name (the message lists the known names), an unsupported format
/// or a source in another format. Not RT.
abi::ComPtr<abi::IUnknown> create_builtin_endpoint(std::string_view name, Role role,
                                                   const EndpointConfig& config,
                                                   const clock::Clock& clock,
                                                   const audio::PcmBuffer* source);

}  // namespace aetrace::endpoints
