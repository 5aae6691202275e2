// DynamicLibrary: the small platform interface behind PluginLibrary (internal).
#pragma once

#include <filesystem>
#include <memory>
#include <string>

namespace aetrace::plugin::detail {

/// A loaded shared library. Unloaded on destruction.
class DynamicLibrary {
  public:
    virtual ~DynamicLibrary() = default;
    /// Address of the exported symbol `name`, or nullptr when absent.
    virtual void* symbol(const char* name) const noexcept = 0;
};

/// Loads `path` (dynamic_library_posix.cpp or dynamic_library_windows.cpp). On failure returns
/// nullptr and sets `error` to the loader's one-line message.
std::unique_ptr<DynamicLibrary> load_library(const std::filesystem::path& path, std::string& error);

}  // namespace aetrace::plugin::detail
