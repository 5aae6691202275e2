#include "aetrace/format/hash.h"

#define XXH_STATIC_LINKING_ONLY  // XXH3_state_t on the stack
#include <xxhash.h>

namespace aetrace::format {
namespace {
constexpr std::size_t kZeroBlock = 4096;
alignas(64) const unsigned char kZeros[kZeroBlock] = {};
}  // namespace

std::uint64_t xxh3_64(const void* data, std::size_t bytes) noexcept {
    return XXH3_64bits(bytes == 0 ? kZeros : data, bytes);
}

std::uint64_t xxh3_64_zeros(std::size_t bytes) noexcept {
    if (bytes <= kZeroBlock) return XXH3_64bits(kZeros, bytes);
    XXH3_state_t state;
    XXH3_INITSTATE(&state);
    XXH3_64bits_reset(&state);
    while (bytes > 0) {
        std::size_t n = bytes < kZeroBlock ? bytes : kZeroBlock;
        XXH3_64bits_update(&state, kZeros, n);
        bytes -= n;
    }
    return XXH3_64bits_digest(&state);
}

std::string hex64(std::uint64_t value) {
    static constexpr char kDigits[] = "0123456789abcdef";
    std::string out(16, '0');
    for (int i = 15; i >= 0; --i, value >>= 4)
        out[static_cast<std::size_t>(i)] = kDigits[value & 0xF];
    return out;
}

std::optional<std::uint64_t> parse_hex64(std::string_view text) noexcept {
    if (text.empty() || text.size() > 16) return std::nullopt;
    std::uint64_t v = 0;
    for (char c : text) {
        unsigned d;
        if (c >= '0' && c <= '9')
            d = static_cast<unsigned>(c - '0');
        else if (c >= 'a' && c <= 'f')
            d = static_cast<unsigned>(c - 'a' + 10);
        else if (c >= 'A' && c <= 'F')
            d = static_cast<unsigned>(c - 'A' + 10);
        else
            return std::nullopt;
        v = (v << 4) | d;
    }
    return v;
}

}  // namespace aetrace::format
