// Per-test scratch directory and repository paths for tests.
#pragma once

#include <filesystem>

namespace aetrace::test {

/// A fresh directory under the system temp dir named after the running test
/// (Suite.Name-<random>), removed with its contents on destruction.
class TempDir {
  public:
    TempDir();
    ~TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    const std::filesystem::path& path() const { return path_; }
    std::filesystem::path operator/(const std::filesystem::path& name) const {
        return path_ / name;
    }

  private:
    std::filesystem::path path_;
};

/// The repository root (AETRACE_SOURCE_DIR, else the working directory).
std::filesystem::path source_dir();

}  // namespace aetrace::test
