// PluginLibrary: an implementation under test loaded from a shared library (plugin ABI v1).
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string_view>

#include "aetrace/abi/unknown.h"
#include "aetrace/abi/wave_format.h"
#include "aetrace/audio/pcm_buffer.h"
#include "aetrace/clock/clock.h"

namespace aetrace::plugin {

/// Direction of the endpoint a plugin creates (aetrace_create_params_v1::role).
enum class PluginRole : std::uint32_t { kCapture = 0, kRender = 1 };

/// One loaded plugin library. Move-only; unloads the library on destruction, so every object it
/// created must be released first. Not thread-safe (create() from one thread at a time).
class PluginLibrary {
  public:
    /// Loads the library at `path` (dlopen on POSIX, LoadLibrary on Windows) and checks its ABI.
    /// Throws aetrace::InputError, one line each:
    ///   "<path>: cannot load plugin: <loader message>"       (missing file, not a library, ...)
    ///   "<path>: plugin ABI version N, this aetrace supports 1" (checked first, so a newer
    ///   plugin that no longer exports the v1 factory is named as such)
    ///   "<path>: not an aetrace plugin (no aetrace_create_endpoint_v1)" (or "(no
    ///   aetrace_plugin_abi_version)")
    static PluginLibrary open(const std::filesystem::path& path);

    PluginLibrary(PluginLibrary&&) noexcept;
    PluginLibrary& operator=(PluginLibrary&&) noexcept;
    ~PluginLibrary();

    /// The path given to open().
    const std::filesystem::path& path() const noexcept;
    /// The version the plugin reports (always AETRACE_PLUGIN_ABI_VERSION after open()).
    std::uint32_t abi_version() const noexcept;

    /// Creates one endpoint: calls aetrace_create_endpoint_v1 with `role`, `format` (as
    /// WAVEFORMATEX(TENSIBLE)), a C adapter of `clock`, `options` ("key=value ..." text) and, for
    /// capture, `source` (in: its bytes are read during the call only; null = none). `clock` must
    /// outlive the returned object; the adapter struct lives as long as this library object.
    /// Returns the plugin's object (the reference it handed over). Throws std::runtime_error
    /// "<path>: aetrace_create_endpoint_v1 failed: <HRESULT name>" when the plugin returns a
    /// failure code or a success code with a null object, and aetrace::InputError when `source`
    /// is not in `format`. Not RT.
    abi::ComPtr<abi::IUnknown> create(PluginRole role, const abi::StreamFormat& format,
                                      const clock::Clock& clock, std::string_view options,
                                      const audio::PcmBuffer* source);

  private:
    struct State;
    explicit PluginLibrary(std::unique_ptr<State> state);
    std::unique_ptr<State> state_;
};

/// True when an --impl value names a library rather than a built-in implementation: it contains
/// '/' (or '\\'), or ends in ".so", ".dll" or ".dylib".
bool is_library_path(std::string_view implementation) noexcept;

}  // namespace aetrace::plugin
