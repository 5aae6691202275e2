// GUID text form, "{XXXXXXXX-XXXX-XXXX-XXXX-XXXXXXXXXXXX}" (upper-case hex, as the SDK prints).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "aetrace/abi/types.h"

namespace aetrace::abi {

/// Registry form of a GUID, with braces. Not RT-safe (allocates).
std::string to_string(const GUID& guid);

/// Parses the registry form (braces optional, either case). Returns nullopt on malformed text.
std::optional<GUID> parse_guid(std::string_view text);

}  // namespace aetrace::abi
