#include "verdict.h"

#include <cstdio>
#include <sstream>

#include "aetrace/abi/wave_format.h"
#include "commands.h"

namespace aetrace::cli {

std::string run_summary(const session::RunOutcome& o) {
    std::ostringstream s;
    const double seconds = o.actual.format.sample_rate
                               ? static_cast<double>(o.actual.frames) / o.actual.format.sample_rate
                               : 0.0;
    char secs[32];
    std::snprintf(secs, sizeof secs, "%.2f s", seconds);
    s << secs << " of " << abi::describe(o.actual.format) << ", " << o.engine.passes << " passes, "
      << o.calls << " calls";
    if (o.dropped) s << ", " << o.dropped << " records DROPPED";
    return s.str();
}

std::string join(const std::vector<std::string>& items, const char* sep) {
    std::string out;
    for (const auto& i : items) out += (out.empty() ? "" : sep) + i;
    return out;
}

Verdict check_verdict(const session::ScenarioCheck& c) {
    const session::RunOutcome& o = c.run;
    const std::string& name = o.scenario.name;
    const std::string golden_text =
        c.golden_checked ? "audio and calls match golden" : "golden not checked";
    switch (c.verdict) {
        case session::CheckVerdict::kRunFailed:
            return {kExitMismatch, "FAIL " + name + ": " + o.engine.message +
                                       " (trace: " + o.trace_path.string() + ")"};
        case session::CheckVerdict::kGoldenDiffers:
            return {kExitMismatch, "FAIL " + name + ": " + run_summary(o) + "; golden " +
                                       c.golden_path.string() +
                                       " differs: " + join(c.differences, "; ")};
        case session::CheckVerdict::kReplayDiverged:
            return {kExitMismatch, "FAIL " + name + ": " + run_summary(o) + "; " + golden_text +
                                       "; replay: " + c.replay->summary};
        case session::CheckVerdict::kPass:
            break;
    }
    const std::string replay_text = c.replay ? "; replay: " + c.replay->summary : "";
    return {kExitOk, "PASS " + name + ": " + run_summary(o) + "; " + golden_text + replay_text};
}

}  // namespace aetrace::cli
