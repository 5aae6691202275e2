// aetrace_example_plugin: a minimal endpoint plugin (plugin ABI v1, docs/PLUGINS.md).
//
// It builds aetrace's reference WAV endpoints (endpoints/) from the create params, so a trace
// recorded with the built-in "reference" implementation replays against it with no divergence.
// Replace make_endpoint() with your own implementation; the rest is the plugin boilerplate:
//   1. read the create params (format, role, options, capture source),
//   2. read time only through the harness clock (PluginClock),
//   3. return an AddRef'ed IUnknown* whose QueryInterface gives the API interfaces.
#include <charconv>
#include <cstring>
#include <exception>
#include <memory>
#include <new>
#include <optional>
#include <sstream>
#include <string>

#include "aetrace/abi/hresult.h"
#include "aetrace/endpoints/factory.h"
#include "aetrace/plugin/forwarding_endpoint.h"
#include "aetrace/plugin/plugin_abi.h"
#include "aetrace/plugin/plugin_clock.h"

namespace {

using namespace aetrace;

/// Owns the clock adapter. A base listed before ForwardingEndpoint: constructed first, destroyed
/// last, so the inner endpoint (released by ~ForwardingEndpoint) never sees a dead clock.
struct ClockHolder {
    std::unique_ptr<plugin::PluginClock> clock;
};

/// The endpoint handed to the harness: forwards every call to the reference endpoint and owns the
/// clock adapter that endpoint reads, so the adapter lives exactly as long as the object.
class ExampleEndpoint final : private ClockHolder, public plugin::ForwardingEndpoint {
  public:
    ExampleEndpoint(abi::ComPtr<abi::IUnknown> inner, std::unique_ptr<plugin::PluginClock> c)
        : ClockHolder{std::move(c)}, ForwardingEndpoint(std::move(inner)) {}

  private:
    ~ExampleEndpoint() override = default;
};

/// Applies the "key=value ..." options the reference endpoints record (unknown keys ignored).
bool apply_options(const char* text, endpoints::EndpointConfig& config) {
    std::istringstream in(text ? text : "");
    std::string pair;
    while (in >> pair) {
        const auto eq = pair.find('=');
        if (eq == std::string::npos) return false;
        const std::string key = pair.substr(0, eq), value = pair.substr(eq + 1);
        std::uint64_t n = 0;
        const bool numeric =
            std::from_chars(value.data(), value.data() + value.size(), n).ec == std::errc{};
        if (key == "padding_unit") {
            if (value != "hns" && value != "frames") return false;
            config.padding_unit = value == "hns" ? endpoints::EndpointConfig::PaddingUnit::kHns
                                                 : endpoints::EndpointConfig::PaddingUnit::kFrames;
            continue;
        }
        const bool known = key == "default_period" || key == "min_latency_coefficient" ||
                           key == "event_capable" || key == "max_render_frames" ||
                           key == "max_violations";
        if (!known) continue;
        if (!numeric) return false;
        if (key == "default_period") config.default_period = static_cast<abi::HNSTIME>(n);
        if (key == "min_latency_coefficient")
            config.min_latency_coefficient = static_cast<std::uint32_t>(n);
        if (key == "event_capable") config.event_capable = n != 0;
        if (key == "max_render_frames") config.max_render_frames = n;
        if (key == "max_violations") config.max_violations = static_cast<std::uint32_t>(n);
    }
    return true;
}

abi::HRESULT make_endpoint(const aetrace_create_params_v1& params, void** out) {
    if (params.format_bytes < sizeof(abi::WAVEFORMATEX) ||
        params.format_bytes > sizeof(params.format))
        return abi::E_INVALIDARG;
    abi::WAVEFORMATEXTENSIBLE wfx{};
    std::memcpy(&wfx, params.format, params.format_bytes);
    const std::optional<abi::StreamFormat> format =
        abi::from_wave_format(&wfx.Format, params.format_bytes);
    if (!format || !abi::is_supported(*format)) return abi::E_INVALIDARG;

    endpoints::EndpointConfig config;
    config.format = *format;
    if (!apply_options(params.options, config)) return abi::E_INVALIDARG;

    auto clock = std::make_unique<plugin::PluginClock>(params.clock);
    abi::ComPtr<abi::IUnknown> inner;
    if (params.role == AETRACE_ROLE_CAPTURE) {
        audio::PcmBuffer source;
        source.format = *format;
        if (params.capture_source)
            source.bytes.assign(params.capture_source,
                                params.capture_source + params.capture_source_bytes);
        inner = endpoints::make_wav_capture_endpoint(config, *clock, std::move(source));
    } else if (params.role == AETRACE_ROLE_RENDER) {
        inner = endpoints::make_wav_render_endpoint(config, *clock);
    } else {
        return abi::E_INVALIDARG;
    }
    auto* endpoint = new ExampleEndpoint(std::move(inner), std::move(clock));
    *out = endpoint->unknown();  // carries the initial reference
    return abi::S_OK;
}

}  // namespace

extern "C" AETRACE_PLUGIN_EXPORT uint32_t aetrace_plugin_abi_version(void) {
    return AETRACE_PLUGIN_ABI_VERSION;
}

extern "C" AETRACE_PLUGIN_EXPORT int32_t
aetrace_create_endpoint_v1(const aetrace_create_params_v1* params, void** out_unknown) {
    if (!out_unknown) return aetrace::abi::E_POINTER;
    *out_unknown = nullptr;
    if (!params || !params->clock) return aetrace::abi::E_POINTER;
    if (params->struct_size < sizeof(aetrace_create_params_v1) ||
        params->abi_version != AETRACE_PLUGIN_ABI_VERSION)
        return aetrace::abi::E_INVALIDARG;
    try {  // no C++ exception may cross the C boundary
        return make_endpoint(*params, out_unknown);
    } catch (const std::bad_alloc&) {
        return aetrace::abi::E_OUTOFMEMORY;
    } catch (const std::exception&) {
        return aetrace::abi::E_INVALIDARG;
    }
}
