// Counting replacement of the global operator new, for tests that prove real-time code does not
// allocate. Linking aetrace_alloc_counter into a test binary (and calling allocation_count())
// installs it for the whole process; it forwards to malloc/free.
#pragma once

#include <cstdint>

namespace aetrace::test {

/// Number of operator new / new[] calls (all overloads) in this process so far. Thread-safe.
std::uint64_t allocation_count() noexcept;

/// Allocations made between construction and allocations() / the destructor.
class AllocationWindow {
  public:
    AllocationWindow() noexcept : start_(allocation_count()) {}
    std::uint64_t allocations() const noexcept { return allocation_count() - start_; }

  private:
    std::uint64_t start_;
};

}  // namespace aetrace::test
