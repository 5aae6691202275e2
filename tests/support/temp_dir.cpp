#include "aetrace/test/temp_dir.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <random>
#include <string>

namespace aetrace::test {

TempDir::TempDir() {
    const ::testing::TestInfo* info = ::testing::UnitTest::GetInstance()->current_test_info();
    std::string name = info ? std::string(info->test_suite_name()) + "." + info->name() : "aetrace";
    for (char& c : name)
        if (c == '/') c = '_';
    std::random_device rd;
    for (int attempt = 0;; ++attempt) {
        auto candidate =
            std::filesystem::temp_directory_path() / (name + "-" + std::to_string(rd() % 1000000u));
        std::error_code ec;
        if (std::filesystem::create_directory(candidate, ec)) {
            path_ = candidate;
            return;
        }
        if (attempt > 100) throw std::runtime_error("cannot create a temporary directory");
    }
}

TempDir::~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
}

std::filesystem::path source_dir() {
    if (const char* s = std::getenv("AETRACE_SOURCE_DIR")) return s;
    return std::filesystem::current_path();
}

}  // namespace aetrace::test
