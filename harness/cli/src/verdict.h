// Verdict lines of `aetrace run` and `golden check|update` (internal to the CLI: printing only).
#pragma once

#include <string>
#include <vector>

#include "aetrace/session/golden_check.h"

namespace aetrace::cli {

/// "3.04 s of 48000 Hz, 2 ch, s16, 306 passes, 2460 calls[, N records DROPPED]".
std::string run_summary(const session::RunOutcome& outcome);

/// `items` joined with `separator` between them.
std::string join(const std::vector<std::string>& items, const char* separator);

/// One scenario check as printed: the exit code it stands for and its line ("PASS name: ...",
/// "FAIL name: ...").
struct Verdict {
    int code = 0;
    std::string line;
};
Verdict check_verdict(const session::ScenarioCheck& check);

}  // namespace aetrace::cli
