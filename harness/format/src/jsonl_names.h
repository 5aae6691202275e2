// Private: the names shared by the JSONL dumper and importer.
#pragma once

#include <cstdint>
#include <string_view>

namespace aetrace::format::detail {

/// AE_POSITION_FLAGS bits by name (0 = POSITION_INVALID is the empty list).
struct FlagName {
    std::uint32_t bit;
    std::string_view name;
};
inline constexpr FlagName kPositionFlagNames[] = {
    {1u, "discontinuous"}, {2u, "continuous"}, {4u, "qpc-error"}};

/// APO_BUFFER_FLAGS values 0, 1, 2.
inline constexpr std::string_view kBufferFlagNames[] = {"invalid", "valid", "silent"};
/// EndpointRole values 0, 1.
inline constexpr std::string_view kRoleNames[] = {"capture", "render"};
/// EventKind values 1, 2 (index 0 unused).
inline constexpr std::string_view kEventKindNames[] = {"", "signalled", "engine-woke"};
/// SampleType values 0, 1.
inline constexpr std::string_view kSampleTypeNames[] = {"int", "float"};

}  // namespace aetrace::format::detail
