#include "text.h"

#include <cstdio>
#include <cstring>

#include "aetrace/abi/methods.h"
#include "aetrace/abi/wave_format.h"

namespace aetrace::replay::detail {

std::string position_flag_text(std::int32_t flag) {
    if (flag == 0) return "INVALID";
    static constexpr struct {
        std::int32_t bit;
        const char* name;
    } kBits[] = {{abi::POSITION_DISCONTINUOUS, "DISCONTINUOUS"},
                 {abi::POSITION_CONTINUOUS, "CONTINUOUS"},
                 {abi::POSITION_QPC_ERROR, "QPC_ERROR"}};
    std::string text;
    std::uint32_t rest = static_cast<std::uint32_t>(flag);
    for (const auto& b : kBits) {
        if (rest & static_cast<std::uint32_t>(b.bit)) {
            if (!text.empty()) text += '|';
            text += b.name;
            rest &= ~static_cast<std::uint32_t>(b.bit);
        }
    }
    if (rest) {
        char buf[16];
        std::snprintf(buf, sizeof buf, "0x%x", static_cast<unsigned>(rest));
        if (!text.empty()) text += '|';
        text += buf;
    }
    return text;
}

std::string buffer_flags_text(std::uint32_t flags) {
    switch (flags) {
        case abi::BUFFER_INVALID:
            return "INVALID";
        case abi::BUFFER_VALID:
            return "VALID";
        case abi::BUFFER_SILENT:
            return "SILENT";
        default:
            return std::to_string(flags);
    }
}

std::string signature_text(std::uint32_t signature) {
    char buf[32];
    char c[4];
    bool printable = true;
    for (int i = 0; i < 4; ++i) {
        c[i] = static_cast<char>((signature >> (24 - 8 * i)) & 0xff);
        if (c[i] < 0x20 || c[i] > 0x7e) printable = false;
    }
    if (printable)
        std::snprintf(buf, sizeof buf, "0x%08x ('%c%c%c%c')", static_cast<unsigned>(signature),
                      c[0], c[1], c[2], c[3]);
    else
        std::snprintf(buf, sizeof buf, "0x%08x", static_cast<unsigned>(signature));
    return buf;
}

std::string float_text(float value) {
    std::uint32_t bits = 0;
    std::memcpy(&bits, &value, sizeof bits);
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.9g (0x%08x)", static_cast<double>(value),
                  static_cast<unsigned>(bits));
    return buf;
}

std::string presence_text(bool present) {
    return present ? "present" : "null";
}

std::string bool_text(std::uint64_t value) {
    if (value == 0) return "FALSE";
    if (value == 1) return "TRUE";
    return std::to_string(value);
}

std::string format_text(const std::uint8_t* bytes, std::uint32_t size) {
    std::string text;
    if (size >= sizeof(abi::WAVEFORMATEX)) {
        // from_wave_format may read the extensible tail: hand it a whole, zero-padded struct.
        abi::WAVEFORMATEXTENSIBLE ext{};
        const std::uint32_t n = size < sizeof ext ? size : static_cast<std::uint32_t>(sizeof ext);
        std::memcpy(&ext, bytes, n);
        auto format = abi::from_wave_format(&ext.Format, n);
        text = format ? abi::describe(*format) + " " : "unsupported ";
    }
    text += "(" + std::to_string(size) + " bytes:";
    char buf[4];
    for (std::uint32_t i = 0; i < size; ++i) {
        std::snprintf(buf, sizeof buf, " %02x", bytes[i]);
        text += buf;
    }
    text += ')';
    return text;
}

std::string violation_text(abi::ContractRule rule, abi::MethodId method, std::uint64_t value,
                           std::uint64_t limit) {
    const abi::MethodInfo* info = abi::method_info(method);
    std::string text = abi::rule_name(rule);
    text += " in ";
    text += info ? std::string(info->qualified_name)
                 : "method " + std::to_string(static_cast<unsigned>(method));
    text += " (value " + std::to_string(value) + ", limit " + std::to_string(limit) + ")";
    return text;
}

}  // namespace aetrace::replay::detail
