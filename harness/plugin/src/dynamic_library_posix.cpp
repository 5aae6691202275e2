// DynamicLibrary on POSIX: dlopen / dlsym / dlclose.
#include <dlfcn.h>

#include "dynamic_library.h"

namespace aetrace::plugin::detail {

namespace {

class PosixLibrary final : public DynamicLibrary {
  public:
    explicit PosixLibrary(void* handle) : handle_(handle) {}
    ~PosixLibrary() override { dlclose(handle_); }
    void* symbol(const char* name) const noexcept override { return dlsym(handle_, name); }

  private:
    void* handle_;
};

}  // namespace

std::unique_ptr<DynamicLibrary> load_library(const std::filesystem::path& path,
                                             std::string& error) {
    // RTLD_LOCAL: two plugins may define the same symbols. RTLD_NOW: a missing dependency fails
    // here, not in the middle of a replay.
    void* handle = dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
    if (!handle) {
        const char* message = dlerror();
        error = message ? message : "unknown error";
        for (char& c : error)
            if (c == '\n') c = ' ';
        return nullptr;
    }
    return std::make_unique<PosixLibrary>(handle);
}

}  // namespace aetrace::plugin::detail
