#include "aetrace/abi/cotaskmem.h"

#if defined(_WIN32)
#include <objbase.h>
#else
#include <cstdlib>
#endif

namespace aetrace::abi {

#if defined(_WIN32)
void* co_task_mem_alloc(std::size_t bytes) noexcept {
    return ::CoTaskMemAlloc(bytes ? bytes : 1);
}
void co_task_mem_free(void* p) noexcept {
    ::CoTaskMemFree(p);
}
#else
void* co_task_mem_alloc(std::size_t bytes) noexcept {
    return std::malloc(bytes ? bytes : 1);
}
void co_task_mem_free(void* p) noexcept {
    std::free(p);
}
#endif

}  // namespace aetrace::abi
