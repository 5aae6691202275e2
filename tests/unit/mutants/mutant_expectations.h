// Where each mutant endpoint must be caught: for a trace recorded with the reference, the call
// (seq, method, field) of the first divergence its bug causes, or the second of audio it spoils.
// Worked out from the recorded calls only, so the expectation is independent of the mutant's code.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "aetrace/abi/methods.h"
#include "aetrace/format/trace.h"

namespace aetrace::mutants {

/// What the first divergence of a mutant's replay must be.
struct Expectation {
    /// The seq of the call, when determinable from the trace (nullopt: any call of `method`).
    std::optional<std::uint64_t> seq;
    abi::MethodId method = abi::MethodId::kNone;
    /// The divergence field, or a prefix of it when it ends with '.'.
    std::string field;
    /// Instead of a call: the first second of render audio that differs (no call divergence).
    std::optional<std::uint64_t> audio_second;
};

/// One mutant: its built-in name, the scenario whose trace proves it caught (a committed scenario
/// name or a synthetic one of mutant_scenarios.h) and how to derive the expectation from it.
/// `expect` returns nullopt when the trace has no trigger for the bug.
struct MutantCase {
    std::string name;
    std::string scenario;
    std::string trigger;  ///< one line: the call that triggers the bug
    std::function<std::optional<Expectation>(const format::Trace&)> expect;
};

/// Every mutant of endpoints::builtin_endpoint_names(), in that order.
std::vector<MutantCase> mutant_cases();

}  // namespace aetrace::mutants
