#include "aetrace/abi/temp_path.h"

#include <cstdio>
#include <random>

namespace aetrace {

std::optional<std::filesystem::path> fresh_temp_path(const std::filesystem::path& path) {
    std::random_device rd;
    for (int attempt = 0; attempt < 100; ++attempt) {
        char suffix[16];
        std::snprintf(suffix, sizeof suffix, "%08x", static_cast<unsigned>(rd()));
        std::filesystem::path candidate = path;
        candidate += ".tmp-";
        candidate += suffix;
        std::error_code ec;
        if (!std::filesystem::exists(candidate, ec)) return candidate;
    }
    return std::nullopt;
}

}  // namespace aetrace
