/* Compiled as C: plugin_abi.h must be a C header. The C++ test compares these with its own view. */
#include <stddef.h>

#include "aetrace/plugin/plugin_abi.h"

typedef char aetrace_format_at_16[offsetof(struct aetrace_create_params_v1, format) == 16 ? 1 : -1];

size_t aetrace_c_params_size(void);
size_t aetrace_c_params_size(void) {
    return sizeof(struct aetrace_create_params_v1);
}

size_t aetrace_c_clock_offset(void);
size_t aetrace_c_clock_offset(void) {
    return offsetof(struct aetrace_create_params_v1, clock);
}
