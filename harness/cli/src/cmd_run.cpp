// aetrace run | record | golden check | golden update
#include <algorithm>
#include <cstdio>
#include <iostream>
#include <sstream>

#include "aetrace/abi/error.h"
#include "aetrace/cli/pipeline.h"
#include "aetrace/cli/replay_runner.h"
#include "aetrace/golden/golden.h"
#include "commands.h"

namespace aetrace::cli {
namespace fs = std::filesystem;

namespace {

std::string summary(const RunOutcome& o) {
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

// Default output directory: out/<scenario file stem>.
fs::path out_dir_for(const fs::path& root, const fs::path& scenario) {
    return root / scenario.stem();
}

struct Verdict {
    int code = kExitOk;
    std::string line;
};

// Runs one scenario for `golden check` / `run`: one verdict line.
Verdict check_one(const fs::path& scenario, const fs::path& out_dir, const RunOptions& base,
                  const std::optional<fs::path>& golden_dir, bool check_golden, bool replay) {
    RunOptions opts = base;
    opts.out_dir = out_dir;
    RunOutcome o = run_scenario(scenario, opts);
    Verdict v;
    const std::string name = o.scenario.name;
    if (!o.engine.ok) {
        v.code = kExitMismatch;
        v.line =
            "FAIL " + name + ": " + o.engine.message + " (trace: " + o.trace_path.string() + ")";
        return v;
    }
    std::string golden_text = "golden not checked";
    if (check_golden) {
        const fs::path gpath = golden_path_for(scenario, name, golden_dir);
        const golden::Golden expected = golden::read_golden(gpath);
        const golden::GoldenComparison cmp = golden::compare(expected, o.actual);
        if (!cmp.matches) {
            v.code = kExitMismatch;
            v.line = "FAIL " + name + ": " + summary(o) + "; golden " + gpath.string() +
                     " differs: " + join(cmp.differences, "; ");
            return v;
        }
        golden_text = "audio and calls match golden";
    }
    std::string replay_text;
    if (replay) {
        const ReplayOutcome r = replay_trace_file(o.trace_path, std::nullopt, std::nullopt);
        if (!r.ok) {
            v.code = kExitMismatch;
            v.line =
                "FAIL " + name + ": " + summary(o) + "; " + golden_text + "; replay: " + r.summary;
            return v;
        }
        replay_text = "; replay: " + r.summary;
    }
    v.line = "PASS " + name + ": " + summary(o) + "; " + golden_text + replay_text;
    return v;
}

std::vector<fs::path> scenarios_of(const GoldenCommand& cmd) {
    if (!cmd.scenarios.empty()) return cmd.scenarios;
    std::vector<fs::path> found;
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(cmd.scenarios_dir, ec))
        if (entry.path().extension() == ".toml") found.push_back(entry.path());
    if (ec)
        throw InputError(cmd.scenarios_dir.string() + ": cannot list scenarios: " + ec.message());
    if (found.empty()) throw InputError(cmd.scenarios_dir.string() + ": no *.toml scenario files");
    std::sort(found.begin(), found.end());
    return found;
}

int update_one(const fs::path& scenario, const GoldenCommand& cmd) {
    RunOptions opts;
    opts.out_dir = out_dir_for(cmd.out_root / "golden-update", scenario);
    RunOutcome o = run_scenario(scenario, opts);
    const std::string name = o.scenario.name;
    if (!o.engine.ok) {
        std::cout << "NOT UPDATED " << name << ": the run failed: " << o.engine.message << "\n";
        return kExitMismatch;
    }
    const fs::path gpath = golden_path_for(scenario, name, cmd.golden_dir);
    std::error_code ec;
    if (fs::exists(gpath, ec)) {
        const golden::Golden old = golden::read_golden(gpath);
        const golden::GoldenComparison cmp = golden::compare(old, o.actual);
        if (cmp.matches) {
            std::cout << "UNCHANGED " << name << ": " << gpath.string() << "\n";
            return kExitOk;
        }
        golden::write_golden(gpath, o.actual);
        std::cout << "UPDATED " << name << ": " << gpath.string() << ": "
                  << join(cmp.differences, "; ") << " (listen: " << o.output_path.string() << ")\n";
        return kExitOk;
    }
    fs::create_directories(gpath.parent_path(), ec);
    golden::write_golden(gpath, o.actual);
    std::cout << "CREATED " << name << ": " << gpath.string() << ": " << summary(o)
              << " (listen: " << o.output_path.string() << ")\n";
    return kExitOk;
}

}  // namespace

int run_command(const RunCommand& cmd) {
    RunOptions opts;
    opts.implementation = cmd.implementation;
    opts.hash_only = cmd.hash_only;
    opts.real_timestamps = cmd.real_timestamps;
    const fs::path out = cmd.out_dir.empty() ? out_dir_for("out", cmd.scenario) : cmd.out_dir;
    const Verdict v = check_one(cmd.scenario, out, opts, cmd.golden_dir, cmd.check_golden, false);
    std::cout << v.line << "\n";
    if (v.code == kExitOk)
        std::cout << "wrote " << (out / "output.wav").string() << " and "
                  << (out / "trace.aetrace").string() << "\n";
    return v.code;
}

int record_command(const RecordCommand& cmd) {
    RunOptions opts;
    opts.implementation = cmd.implementation;
    opts.hash_only = cmd.hash_only;
    opts.real_timestamps = cmd.real_timestamps;
    opts.write_wav = false;
    opts.realtime = cmd.realtime;
    const fs::path dir = cmd.trace.has_parent_path() ? cmd.trace.parent_path() : fs::path(".");
    const fs::path scratch = dir / (".aetrace-record-" + cmd.trace.filename().string());
    opts.out_dir = scratch;
    RunOutcome o;
    try {
        o = run_scenario(cmd.scenario, opts);
    } catch (...) {
        std::error_code ec;
        fs::remove_all(scratch, ec);
        throw;
    }
    std::error_code ec;
    fs::rename(o.trace_path, cmd.trace, ec);
    fs::remove_all(scratch, ec);
    if (!fs::exists(cmd.trace)) throw InputError(cmd.trace.string() + ": cannot write trace");
    std::cout << (o.engine.ok ? "recorded " : "recorded (run FAILED: " + o.engine.message + ") ")
              << o.calls << " calls of " << o.scenario.name << " to " << cmd.trace.string() << "\n";
    if (cmd.realtime) std::cout << "real-time run: " << o.realtime_summary << "\n";
    return o.engine.ok ? kExitOk : kExitMismatch;
}

int golden_command(const GoldenCommand& cmd) {
    int worst = kExitOk;
    for (const fs::path& scenario : scenarios_of(cmd)) {
        int code = kExitOk;
        try {
            if (cmd.update) {
                code = update_one(scenario, cmd);
            } else {
                const Verdict v = check_one(scenario, out_dir_for(cmd.out_root, scenario),
                                            RunOptions{}, cmd.golden_dir, true, cmd.replay);
                std::cout << v.line << "\n";
                code = v.code;
            }
        } catch (const InputError& e) {
            std::cout << "ERROR " << scenario.string() << ": " << e.what() << "\n";
            code = kExitInput;
        }
        std::cout.flush();
        worst = std::max(worst, code);
    }
    return worst;
}

}  // namespace aetrace::cli
