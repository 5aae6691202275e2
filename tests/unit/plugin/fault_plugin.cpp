// Test plugins built from one source with compile definitions (tests/unit/plugin/CMakeLists.txt):
//   AETRACE_FAULT_CRASH_AT=N   segfaults in its N-th GetCurrentPadding (counted over the process)
//   AETRACE_FAULT_HANG_AT=N    spins forever in its N-th GetCurrentPadding
//   AETRACE_FAULT_ABI_VERSION=V reports plugin ABI version V
//   AETRACE_FAULT_NO_FACTORY    exports no aetrace_create_endpoint_v1
//   AETRACE_FAULT_FORCE_RATE=R  ignores the requested format: always R frames per second
//   AETRACE_FAULT_CLOCK_OFFSET=T reads a clock of its own: the harness time + T hns (a
//                                self-clocked implementation with another clock origin)
// Until the fault fires they behave as the reference endpoint with default options.
#include <atomic>
#include <cstdint>
#include <cstring>
#include <memory>
#include <optional>

#include "aetrace/abi/hresult.h"
#include "aetrace/endpoints/factory.h"
#include "aetrace/plugin/forwarding_endpoint.h"
#include "aetrace/plugin/plugin_abi.h"
#include "aetrace/plugin/plugin_clock.h"

#ifndef AETRACE_FAULT_ABI_VERSION
#define AETRACE_FAULT_ABI_VERSION AETRACE_PLUGIN_ABI_VERSION
#endif

namespace {

using namespace aetrace;

std::atomic<int> g_padding_calls{0};

#ifdef AETRACE_FAULT_CLOCK_OFFSET
/// The harness time shifted by a constant: hnsQPCPosition differs, nothing else.
class OffsetClock final : public clock::Clock {
  public:
    explicit OffsetClock(const aetrace_clock_v1* c) : inner_(c) {}
    clock::HNSTIME now() const noexcept override {
        return inner_.now() + AETRACE_FAULT_CLOCK_OFFSET;
    }

  private:
    plugin::PluginClock inner_;
};
using EndpointClock = OffsetClock;
#else
using EndpointClock = plugin::PluginClock;
#endif

struct ClockHolder {
    std::unique_ptr<EndpointClock> clock;
};

class FaultyEndpoint final : private ClockHolder, public plugin::ForwardingEndpoint {
  public:
    FaultyEndpoint(abi::ComPtr<abi::IUnknown> inner, std::unique_ptr<EndpointClock> c)
        : ClockHolder{std::move(c)}, ForwardingEndpoint(std::move(inner)) {}

  private:
    ~FaultyEndpoint() override = default;
    void before_call(abi::MethodId method) noexcept override {
        if (method != abi::MethodId::IAudioEndpointRT_GetCurrentPadding) return;
        const int n = ++g_padding_calls;
        (void)n;
#ifdef AETRACE_FAULT_CRASH_AT
        if (n == AETRACE_FAULT_CRASH_AT) {
            // An unmapped address (not null: UBSan would end the process with its own report),
            // read from a volatile so the compiler cannot see the store's target at -O2.
            volatile std::uintptr_t address = 8;
            *reinterpret_cast<volatile int*>(address) = 42;
        }
#endif
#ifdef AETRACE_FAULT_HANG_AT
        if (n == AETRACE_FAULT_HANG_AT) {
            volatile std::uint64_t spin = 0;
            for (;;) spin = spin + 1;
        }
#endif
    }
};

}  // namespace

extern "C" AETRACE_PLUGIN_EXPORT uint32_t aetrace_plugin_abi_version(void) {
    return AETRACE_FAULT_ABI_VERSION;
}

#ifndef AETRACE_FAULT_NO_FACTORY
extern "C" AETRACE_PLUGIN_EXPORT int32_t
aetrace_create_endpoint_v1(const aetrace_create_params_v1* params, void** out_unknown) {
    if (!out_unknown) return abi::E_POINTER;
    *out_unknown = nullptr;
    if (!params || !params->clock) return abi::E_POINTER;
    abi::WAVEFORMATEXTENSIBLE wfx{};
    std::memcpy(&wfx, params->format, sizeof(wfx));
    const std::optional<abi::StreamFormat> format =
        abi::from_wave_format(&wfx.Format, params->format_bytes);
    if (!format) return abi::E_INVALIDARG;
    try {
        endpoints::EndpointConfig config;
        config.format = *format;
#ifdef AETRACE_FAULT_FORCE_RATE
        config.format.sample_rate = AETRACE_FAULT_FORCE_RATE;
#endif
        auto clock = std::make_unique<EndpointClock>(params->clock);
        abi::ComPtr<abi::IUnknown> inner;
        if (params->role == AETRACE_ROLE_CAPTURE) {
            audio::PcmBuffer source;
            source.format = config.format;
            if (params->capture_source)
                source.bytes.assign(params->capture_source,
                                    params->capture_source + params->capture_source_bytes);
            inner = endpoints::make_wav_capture_endpoint(config, *clock, std::move(source));
        } else {
            inner = endpoints::make_wav_render_endpoint(config, *clock);
        }
        *out_unknown = (new FaultyEndpoint(std::move(inner), std::move(clock)))->unknown();
        return abi::S_OK;
    } catch (...) {
        return abi::E_INVALIDARG;
    }
}
#else
extern "C" AETRACE_PLUGIN_EXPORT int32_t aetrace_something_else(void) {
    return 0;
}
#endif
