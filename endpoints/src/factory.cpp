#include "aetrace/endpoints/factory.h"

#include <utility>

#include "aetrace/abi/error.h"
#include "aetrace/endpoints/packet_ring_capture_endpoint.h"
#include "aetrace/endpoints/packet_ring_render_endpoint.h"
#include "aetrace/endpoints/wav_capture_endpoint.h"
#include "aetrace/endpoints/wav_render_endpoint.h"

namespace aetrace::endpoints {

namespace {

enum class Impl : std::uint8_t { kReference, kPacketRing };

struct NamedFault {
    const char* name;
    Impl impl;
    Fault fault;
};

constexpr NamedFault kBuiltins[] = {
    {"reference", Impl::kReference, Fault::kNone},
    {"packet-ring", Impl::kPacketRing, Fault::kNone},
    {"mutant-padding-off-by-one", Impl::kReference, Fault::kPaddingOffByOne},
    {"mutant-swap-channels", Impl::kReference, Fault::kSwapChannels},
    {"mutant-ignore-silent-flag", Impl::kReference, Fault::kIgnoreSilentFlag},
    {"mutant-position-not-reset", Impl::kReference, Fault::kPositionNotReset},
    {"mutant-wrap-off-by-one", Impl::kPacketRing, Fault::kWrapOffByOne},
    {"mutant-padding-in-bytes", Impl::kPacketRing, Fault::kPaddingInBytes},
    {"mutant-continuous-after-glitch", Impl::kPacketRing, Fault::kContinuousAfterGlitch},
    {"mutant-drop-frame-every-16", Impl::kPacketRing, Fault::kDropFrameEvery16},
    {"mutant-latency-ignores-coefficient", Impl::kPacketRing, Fault::kLatencyIgnoresCoefficient},
    {"mutant-frame-count-cached", Impl::kPacketRing, Fault::kFrameCountCached},
    {"mutant-position-reset-on-stop", Impl::kPacketRing, Fault::kPositionResetOnStop},
    {"mutant-frames-per-packet-floor", Impl::kPacketRing, Fault::kFramesPerPacketFloor},
    {"mutant-capture-silent-not-set", Impl::kPacketRing, Fault::kCaptureSilentNotSet},
    {"mutant-qpc-in-ticks", Impl::kPacketRing, Fault::kQpcInTicks},
    {"mutant-release-commits-requested", Impl::kPacketRing, Fault::kReleaseCommitsRequested},
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

abi::ComPtr<abi::IUnknown> make_packet_ring_capture_endpoint(const EndpointConfig& config,
                                                             const clock::Clock& clock,
                                                             audio::PcmBuffer source) {
    auto* endpoint = new PacketRingCaptureEndpoint(config, clock, std::move(source));
    return abi::ComPtr<abi::IUnknown>::attach(static_cast<abi::IAudioEndpoint*>(endpoint));
}

abi::ComPtr<abi::IUnknown> make_packet_ring_render_endpoint(const EndpointConfig& config,
                                                            const clock::Clock& clock) {
    auto* endpoint = new PacketRingRenderEndpoint(config, clock);
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
        if (role == Role::kRender)
            return b.impl == Impl::kPacketRing ? make_packet_ring_render_endpoint(c, clock)
                                               : make_wav_render_endpoint(c, clock);
        audio::PcmBuffer pcm;
        if (source)
            pcm = *source;
        else
            pcm.format = c.format;
        return b.impl == Impl::kPacketRing
                   ? make_packet_ring_capture_endpoint(c, clock, std::move(pcm))
                   : make_wav_capture_endpoint(c, clock, std::move(pcm));
    }
    std::string known;
    for (const NamedFault& b : kBuiltins) known += std::string(known.empty() ? "" : ", ") + b.name;
    throw InputError("unknown endpoint '" + std::string(name) + "' (known: " + known + ")");
}

}  // namespace aetrace::endpoints
