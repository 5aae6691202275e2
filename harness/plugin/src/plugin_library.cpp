#include "aetrace/plugin/plugin_library.h"

#include <cstring>
#include <deque>
#include <stdexcept>
#include <string>

#include "aetrace/abi/error.h"
#include "aetrace/abi/hresult.h"
#include "aetrace/abi/types.h"
#include "aetrace/plugin/plugin_abi.h"
#include "dynamic_library.h"

namespace aetrace::plugin {

static_assert(sizeof(abi::WAVEFORMATEXTENSIBLE) == sizeof(aetrace_create_params_v1::format));
static_assert(sizeof(void*) != 8 || sizeof(aetrace_create_params_v1) == 88);

namespace {

std::int64_t clock_now(void* context) {
    return static_cast<const clock::Clock*>(context)->now();
}
std::int32_t clock_qpc_error(void* context) {
    return static_cast<const clock::Clock*>(context)->qpc_error() ? 1 : 0;
}

}  // namespace

struct PluginLibrary::State {
    std::filesystem::path path;
    std::unique_ptr<detail::DynamicLibrary> library;
    aetrace_create_endpoint_v1_fn create = nullptr;
    std::uint32_t version = 0;
    /// Clock adapters handed to the plugin; a deque keeps their addresses stable. Declared after
    /// `library` so they are destroyed first (the plugin's objects are gone by then).
    std::deque<aetrace_clock_v1> clocks;
};

PluginLibrary::PluginLibrary(std::unique_ptr<State> state) : state_(std::move(state)) {}
PluginLibrary::PluginLibrary(PluginLibrary&&) noexcept = default;
PluginLibrary& PluginLibrary::operator=(PluginLibrary&&) noexcept = default;
PluginLibrary::~PluginLibrary() = default;

const std::filesystem::path& PluginLibrary::path() const noexcept {
    return state_->path;
}
std::uint32_t PluginLibrary::abi_version() const noexcept {
    return state_->version;
}

PluginLibrary PluginLibrary::open(const std::filesystem::path& path) {
    auto state = std::make_unique<State>();
    state->path = path;
    const std::string name = path.string();
    std::string error;
    // dlopen searches the library path for a bare name: make a relative path explicit.
    const std::filesystem::path load_path =
        path.has_parent_path() || path.is_absolute() ? path : std::filesystem::path(".") / path;
    state->library = detail::load_library(load_path, error);
    if (!state->library) throw InputError(name + ": cannot load plugin: " + error);

    const auto version = reinterpret_cast<aetrace_plugin_abi_version_fn>(
        state->library->symbol(AETRACE_PLUGIN_VERSION_SYMBOL));
    if (version) {
        state->version = version();
        if (state->version != AETRACE_PLUGIN_ABI_VERSION)
            throw InputError(name + ": plugin ABI version " + std::to_string(state->version) +
                             ", this aetrace supports " +
                             std::to_string(AETRACE_PLUGIN_ABI_VERSION));
    }
    state->create = reinterpret_cast<aetrace_create_endpoint_v1_fn>(
        state->library->symbol(AETRACE_PLUGIN_CREATE_SYMBOL));
    if (!state->create)
        throw InputError(name + ": not an aetrace plugin (no " AETRACE_PLUGIN_CREATE_SYMBOL ")");
    if (!version)
        throw InputError(name + ": not an aetrace plugin (no " AETRACE_PLUGIN_VERSION_SYMBOL ")");
    return PluginLibrary(std::move(state));
}

abi::ComPtr<abi::IUnknown> PluginLibrary::create(PluginRole role, const abi::StreamFormat& format,
                                                 const clock::Clock& clock,
                                                 std::string_view options,
                                                 const audio::PcmBuffer* source) {
    const std::string name = state_->path.string();
    if (source && !source->bytes.empty() && source->format != format)
        throw InputError(name + ": capture source is " + abi::describe(source->format) +
                         ", the endpoint format is " + abi::describe(format));

    aetrace_clock_v1& c = state_->clocks.emplace_back();
    c.context = const_cast<clock::Clock*>(&clock);
    c.now_hns = &clock_now;
    c.qpc_error = &clock_qpc_error;

    aetrace_create_params_v1 params{};
    params.struct_size = sizeof(params);
    params.abi_version = AETRACE_PLUGIN_ABI_VERSION;
    params.role = static_cast<std::uint32_t>(role);
    abi::WAVEFORMATEXTENSIBLE wfx{};
    params.format_bytes = abi::to_wave_format(format, &wfx);
    std::memcpy(params.format, &wfx, sizeof(params.format));
    params.clock = &c;
    const std::string options_text(options);
    params.options = options_text.c_str();
    if (role == PluginRole::kCapture && source && !source->bytes.empty()) {
        params.capture_source = source->bytes.data();
        params.capture_source_bytes = source->bytes.size();
    }

    void* object = nullptr;
    const std::int32_t hr = state_->create(&params, &object);
    if (hr < 0 || !object) {
        if (hr >= 0 && object == nullptr)
            throw std::runtime_error(name + ": " AETRACE_PLUGIN_CREATE_SYMBOL " returned " +
                                     abi::hresult_name(hr) + " without an object");
        throw std::runtime_error(
            name + ": " AETRACE_PLUGIN_CREATE_SYMBOL " failed: " + abi::hresult_name(hr));
    }
    return abi::ComPtr<abi::IUnknown>::attach(static_cast<abi::IUnknown*>(object));
}

bool is_library_path(std::string_view impl) noexcept {
    auto ends_with = [&](std::string_view suffix) {
        return impl.size() >= suffix.size() && impl.substr(impl.size() - suffix.size()) == suffix;
    };
    return impl.find('/') != std::string_view::npos || impl.find('\\') != std::string_view::npos ||
           ends_with(".so") || ends_with(".dll") || ends_with(".dylib");
}

}  // namespace aetrace::plugin
