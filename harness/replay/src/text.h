// Readable text for the values a divergence shows (internal). Every function allocates; they are
// called only when a difference was found.
#pragma once

#include <cstdint>
#include <string>

#include "aetrace/abi/contract.h"
#include "aetrace/abi/types.h"

namespace aetrace::replay::detail {

/// AE_POSITION_FLAGS as a bit set: "INVALID" for 0, else "DISCONTINUOUS|CONTINUOUS|QPC_ERROR"
/// order, unknown bits appended as hex ("CONTINUOUS|0x10").
std::string position_flag_text(std::int32_t flag);
/// APO_BUFFER_FLAGS: "INVALID", "VALID", "SILENT", else the decimal value.
std::string buffer_flags_text(std::uint32_t flags);
/// "0x41435053 ('ACPS')" for printable four-character codes, else "0x%08x".
std::string signature_text(std::uint32_t signature);
/// A float by value and bit pattern: "48000 (0x473b8000)".
std::string float_text(float value);
/// "present" / "null".
std::string presence_text(bool present);
/// "TRUE" / "FALSE", or the decimal value for anything else than 0 and 1.
std::string bool_text(std::uint64_t value);
/// A WAVEFORMATEX(TENSIBLE) of `bytes` meaningful bytes: "48000 Hz, 2 ch, s16 (18 bytes: ...hex)".
std::string format_text(const std::uint8_t* bytes, std::uint32_t size);
/// One violation: "frames-above-packet in IAudioInputEndpointRT::GetInputDataPointer (value 5,
/// limit 4)".
std::string violation_text(abi::ContractRule rule, abi::MethodId method, std::uint64_t value,
                           std::uint64_t limit);

}  // namespace aetrace::replay::detail
