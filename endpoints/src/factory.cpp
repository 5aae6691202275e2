#include "aetrace/endpoints/factory.h"

#include <utility>

#include "aetrace/abi/error.h"
#include "aetrace/endpoints/wav_capture_endpoint.h"
#include "aetrace/endpoints/wav_render_endpoint.h"

namespace aetrace::endpoints {

namespace {

struct NamedFault {
    const char* name;
    Fault fault;
};

constexpr NamedFault kBuiltins[] = {
    {"reference", Fault::kNone},
    {"mutant-padding-off-by-one", Fault::kPaddingOffByOne},
    {"mutant-swap-channels", Fault::kSwapChannels},
    {"mutant-ignore-silent-flag", Fault::kIgnoreSilentFlag},
    {"mutant-position-not-reset", Fault::kPositionNotReset},
};

}  // namespace

abi::ComPtr<abi::IUnknown> make_wav_capture_endpoint(const EndpointConfig& config,
                                                     const clock::Clock& clock,
                                                     audio::PcmBuffer source) {
    auto* endpoint = new WavCaptureEndpoint(config, clock, std::move(source));
    return abi::ComPtr<abi::IUnknown>::attach(static_cast<abi::IAudioEndpoint*>(endpoint));
}

abi::ComPtr<abi::IUnknown> make_wav_render_endpoint(const EndpointConfig& config,
                                                    const clock::Clock& clock) {
    auto* endpoint = new WavRenderEndpoint(config, clock);
    return abi::ComPtr<abi::IUnknown>::attach(static_cast<abi::IAudioEndpoint*>(endpoint));
}

std::vector<std::string> builtin_endpoint_names() {
    std::vector<std::string> names;
    for (const NamedFault& b : kBuiltins) names.emplace_back(b.name);
    return names;
}

abi::ComPtr<abi::IUnknown> create_builtin_endpoint(std::string_view name, Role role,
                                                   const EndpointConfig& config,
                                                   const clock::Clock& clock,
                                                   const audio::PcmBuffer* source) {
    for (const NamedFault& b : kBuiltins) {
        if (name != b.name) continue;
        EndpointConfig c = config;
        c.fault = b.fault;
        if (role == Role::kRender) return make_wav_render_endpoint(c, clock);
        audio::PcmBuffer pcm;
        if (source)
            pcm = *source;
        else
            pcm.format = c.format;
        return make_wav_capture_endpoint(c, clock, std::move(pcm));
    }
    std::string known;
    for (const NamedFault& b : kBuiltins) known += std::string(known.empty() ? "" : ", ") + b.name;
    throw InputError("unknown endpoint '" + std::string(name) + "' (known: " + known + ")");
}

}  // namespace aetrace::endpoints
