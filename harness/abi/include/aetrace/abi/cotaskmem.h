// CoTaskMemAlloc / CoTaskMemFree stand-ins (POLICY #19).
//
// IAudioEndpoint::GetFrameFormat allocates its WAVEFORMATEX with CoTaskMemAlloc and the caller
// frees it with CoTaskMemFree (spec 2.1). On Windows these forward to the real functions in ole32;
// on other platforms they use malloc/free. Both sides of the call must use this pair. Not RT-safe.
#pragma once

#include <cstddef>
#include <memory>

namespace aetrace::abi {

/// Allocates `bytes` bytes (at least 1); returns nullptr when out of memory.
void* co_task_mem_alloc(std::size_t bytes) noexcept;
/// Frees memory from co_task_mem_alloc; nullptr is ignored.
void co_task_mem_free(void* p) noexcept;

struct CoTaskMemDeleter {
    void operator()(void* p) const noexcept { co_task_mem_free(p); }
};
/// Owns a block allocated with co_task_mem_alloc (for example a GetFrameFormat result).
template <class T>
using CoTaskMemPtr = std::unique_ptr<T, CoTaskMemDeleter>;

}  // namespace aetrace::abi
