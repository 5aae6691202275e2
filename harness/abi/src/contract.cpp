#include "aetrace/abi/contract.h"

#include <cstring>

namespace aetrace::abi {
namespace {

struct Named {
    ContractRule rule;
    const char* name;
};
constexpr Named kRules[] = {
    {ContractRule::kFramesAbovePacket, "frames-above-packet"},
    {ContractRule::kReleaseAboveGet, "release-above-get"},
    {ContractRule::kForeignPointer, "foreign-pointer"},
    {ContractRule::kGetTwiceWithoutRelease, "get-twice-without-release"},
    {ContractRule::kReleaseWithoutGet, "release-without-get"},
    {ContractRule::kNotInitialized, "not-initialized"},
    {ContractRule::kNullOutputPointer, "null-output-pointer"},
    {ContractRule::kBadSignature, "bad-signature"},
    {ContractRule::kCapacityExceeded, "capacity-exceeded"},
    {ContractRule::kNullPointerArgument, "null-pointer-argument"},
};

}  // namespace

const char* rule_name(ContractRule rule) noexcept {
    for (const Named& n : kRules)
        if (n.rule == rule) return n.name;
    return rule == ContractRule::kNone ? "none" : "unknown";
}

ContractRule parse_rule(const char* name) noexcept {
    for (const Named& n : kRules)
        if (std::strcmp(n.name, name) == 0) return n.rule;
    return ContractRule::kNone;
}

}  // namespace aetrace::abi
