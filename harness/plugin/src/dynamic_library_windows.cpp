// DynamicLibrary on Windows: LoadLibraryW / GetProcAddress / FreeLibrary.
#include <windows.h>

#include <string>

#include "dynamic_library.h"

namespace aetrace::plugin::detail {

namespace {

class WindowsLibrary final : public DynamicLibrary {
  public:
    explicit WindowsLibrary(HMODULE module) : module_(module) {}
    ~WindowsLibrary() override { FreeLibrary(module_); }
    void* symbol(const char* name) const noexcept override {
        return reinterpret_cast<void*>(GetProcAddress(module_, name));
    }

  private:
    HMODULE module_;
};

}  // namespace

std::unique_ptr<DynamicLibrary> load_library(const std::filesystem::path& path,
                                             std::string& error) {
    HMODULE module = LoadLibraryW(path.c_str());
    if (!module) {
        error = "LoadLibrary error " + std::to_string(GetLastError());
        return nullptr;
    }
    return std::make_unique<WindowsLibrary>(module);
}

}  // namespace aetrace::plugin::detail
