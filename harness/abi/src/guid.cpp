#include "aetrace/abi/guid.h"

#include <cstdio>

namespace aetrace::abi {

std::string to_string(const GUID& g) {
    char buf[40];
    std::snprintf(buf, sizeof buf, "{%08X-%04X-%04X-%02X%02X-%02X%02X%02X%02X%02X%02X}",
                  static_cast<unsigned>(g.Data1), g.Data2, g.Data3, g.Data4[0], g.Data4[1],
                  g.Data4[2], g.Data4[3], g.Data4[4], g.Data4[5], g.Data4[6], g.Data4[7]);
    return buf;
}

std::optional<GUID> parse_guid(std::string_view text) {
    if (text.size() == 38 && text.front() == '{' && text.back() == '}') text = text.substr(1, 36);
    if (text.size() != 36) return std::nullopt;
    auto hex = [&](std::size_t pos, int digits, std::uint64_t* v) {
        *v = 0;
        for (int i = 0; i < digits; ++i) {
            char c = text[pos + static_cast<std::size_t>(i)];
            int d = (c >= '0' && c <= '9')   ? c - '0'
                    : (c >= 'a' && c <= 'f') ? c - 'a' + 10
                    : (c >= 'A' && c <= 'F') ? c - 'A' + 10
                                             : -1;
            if (d < 0) return false;
            *v = (*v << 4) | static_cast<std::uint64_t>(d);
        }
        return true;
    };
    if (text[8] != '-' || text[13] != '-' || text[18] != '-' || text[23] != '-')
        return std::nullopt;
    GUID g{};
    std::uint64_t v = 0;
    if (!hex(0, 8, &v)) return std::nullopt;
    g.Data1 = static_cast<std::uint32_t>(v);
    if (!hex(9, 4, &v)) return std::nullopt;
    g.Data2 = static_cast<std::uint16_t>(v);
    if (!hex(14, 4, &v)) return std::nullopt;
    g.Data3 = static_cast<std::uint16_t>(v);
    const std::size_t pos[8] = {19, 21, 24, 26, 28, 30, 32, 34};
    for (int i = 0; i < 8; ++i) {
        if (!hex(pos[i], 2, &v)) return std::nullopt;
        g.Data4[i] = static_cast<std::uint8_t>(v);
    }
    return g;
}

}  // namespace aetrace::abi
