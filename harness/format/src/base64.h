// Private: standard base64 (RFC 4648, '+' '/', '=' padding) for payload bytes in JSONL.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace aetrace::format::detail {

std::string base64_encode(const std::uint8_t* data, std::size_t size);
/// nullopt on a character outside the alphabet, bad padding or a length not a multiple of 4.
std::optional<std::vector<std::uint8_t>> base64_decode(std::string_view text);

}  // namespace aetrace::format::detail
