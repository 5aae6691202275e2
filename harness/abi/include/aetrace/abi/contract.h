// Contract rules of the API that the harness checks (POLICY #5, #6, #7), and one found violation.
#pragma once

#include <cstdint>

#include "aetrace/abi/methods.h"

namespace aetrace::abi {

/// Rules whose breaking is a contract violation. Stable numbers (they are stored in traces).
enum class ContractRule : std::uint16_t {
    kNone = 0,
    kFramesAbovePacket = 1,       ///< a frame count above GetFramesPerPacket
    kReleaseAboveGet = 2,         ///< a Release count above the Get count
    kForeignPointer = 3,          ///< a Release with a pointer the endpoint did not return
    kGetTwiceWithoutRelease = 4,  ///< a second Get before the Release of the first
    kReleaseWithoutGet = 5,       ///< a Release with no Get outstanding
    kNotInitialized = 6,          ///< an RT data call before SetBuffer
    kNullOutputPointer = 7,       ///< GetOutputDataPointer returned 0 (engine side, POLICY #7)
    kBadSignature = 8,            ///< u32Signature other than 'ACPS' (POLICY #5)
    kCapacityExceeded = 9,        ///< a harness buffer limit was reached (render output capacity)
    kNullPointerArgument = 10,    ///< a required pointer argument was null
};

/// Stable kebab-case name ("frames-above-packet"); "unknown" for values not in the enum. RT-safe.
const char* rule_name(ContractRule rule) noexcept;
/// Inverse of rule_name; kNone for an unknown name.
ContractRule parse_rule(const char* name) noexcept;

/// One violation as an endpoint (or the engine model) reports it. Trivially copyable; endpoints
/// keep them in a preallocated array so reporting is RT-safe.
struct ViolationInfo {
    std::uint64_t call_index = 0;  ///< 0-based index of the call among the reporter's own calls
    ContractRule rule = ContractRule::kNone;
    MethodId method = MethodId::kNone;  ///< the method whose call broke the rule
    std::uint32_t reserved = 0;
    std::uint64_t value = 0;  ///< the offending value (a frame count, a signature, ...)
    std::uint64_t limit = 0;  ///< the limit it broke (0 when there is none)
};

}  // namespace aetrace::abi
