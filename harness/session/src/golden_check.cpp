#include "aetrace/session/golden_check.h"

#include <algorithm>
#include <system_error>

#include "aetrace/abi/error.h"
#include "aetrace/golden/golden.h"

namespace aetrace::session {
namespace fs = std::filesystem;

ScenarioCheck check_scenario(const fs::path& scenario_path, const RunOptions& options,
                             const std::optional<fs::path>& golden_dir, bool check_golden,
                             bool replay) {
    ScenarioCheck c;
    c.run = run_scenario(scenario_path, options);
    if (!c.run.engine.ok) {
        c.verdict = CheckVerdict::kRunFailed;
        return c;
    }
    if (check_golden) {
        c.golden_path = golden_path_for(scenario_path, c.run.scenario.name, golden_dir);
        const golden::Golden expected = golden::read_golden(c.golden_path);
        const golden::GoldenComparison cmp = golden::compare(expected, c.run.actual);
        c.golden_checked = true;
        if (!cmp.matches) {
            c.verdict = CheckVerdict::kGoldenDiffers;
            c.differences = cmp.differences;
            return c;
        }
    }
    if (replay) {
        c.replay = replay_trace_file(c.run.trace_path, std::nullopt, std::nullopt);
        if (!c.replay->ok) c.verdict = CheckVerdict::kReplayDiverged;
    }
    return c;
}

GoldenUpdate update_golden(const fs::path& scenario_path, const fs::path& out_dir,
                           const std::optional<fs::path>& golden_dir) {
    RunOptions opts;
    opts.out_dir = out_dir;
    GoldenUpdate u;
    u.run = run_scenario(scenario_path, opts);
    if (!u.run.engine.ok) {
        u.status = GoldenUpdateStatus::kRunFailed;
        return u;
    }
    u.golden_path = golden_path_for(scenario_path, u.run.scenario.name, golden_dir);
    std::error_code ec;
    if (fs::exists(u.golden_path, ec)) {
        const golden::Golden old = golden::read_golden(u.golden_path);
        const golden::GoldenComparison cmp = golden::compare(old, u.run.actual);
        if (cmp.matches) {
            u.status = GoldenUpdateStatus::kUnchanged;
            return u;
        }
        golden::write_golden(u.golden_path, u.run.actual);
        u.status = GoldenUpdateStatus::kUpdated;
        u.differences = cmp.differences;
        return u;
    }
    fs::create_directories(u.golden_path.parent_path(), ec);
    golden::write_golden(u.golden_path, u.run.actual);
    u.status = GoldenUpdateStatus::kCreated;
    return u;
}

std::vector<fs::path> scenario_files(const fs::path& dir) {
    std::vector<fs::path> found;
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(dir, ec))
        if (entry.path().extension() == ".toml") found.push_back(entry.path());
    if (ec) throw InputError(dir.string() + ": cannot list scenarios: " + ec.message());
    if (found.empty()) throw InputError(dir.string() + ": no *.toml scenario files");
    std::sort(found.begin(), found.end());
    return found;
}

}  // namespace aetrace::session
