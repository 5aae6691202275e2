// aetrace golden check [SCENARIO...] [--scenarios-dir DIR] [--golden-dir DIR] [--out DIR]
// [--replay] aetrace golden update SCENARIO... [--scenarios-dir DIR] [--golden-dir DIR] [--out DIR]
#include <CLI/CLI.hpp>

#include <algorithm>
#include <iostream>
#include <memory>
#include <optional>
#include <vector>

#include "aetrace/abi/error.h"
#include "aetrace/session/golden_check.h"
#include "commands.h"
#include "verdict.h"

namespace aetrace::cli {
namespace fs = std::filesystem;

namespace {

struct GoldenCommand {
    bool update = false;
    std::vector<fs::path> scenarios;  ///< empty: every *.toml in scenarios_dir
    fs::path scenarios_dir = "fixtures/scenarios";
    std::optional<fs::path> golden_dir;
    fs::path out_root = "out";
    bool replay = false;  ///< check: also replay each trace against the same implementation
};

int check_one(const fs::path& scenario, const GoldenCommand& cmd) {
    session::RunOptions opts;
    opts.out_dir = session::default_out_dir(cmd.out_root, scenario);
    const Verdict v =
        check_verdict(session::check_scenario(scenario, opts, cmd.golden_dir, true, cmd.replay));
    std::cout << v.line << "\n";
    return v.code;
}

int update_one(const fs::path& scenario, const GoldenCommand& cmd) {
    const session::GoldenUpdate u = session::update_golden(
        scenario, session::default_out_dir(cmd.out_root / "golden-update", scenario),
        cmd.golden_dir);
    const std::string& name = u.run.scenario.name;
    const std::string listen = " (listen: " + u.run.output_path.string() + ")";
    switch (u.status) {
        case session::GoldenUpdateStatus::kRunFailed:
            std::cout << "NOT UPDATED " << name << ": the run failed: " << u.run.engine.message
                      << "\n";
            return kExitMismatch;
        case session::GoldenUpdateStatus::kUnchanged:
            std::cout << "UNCHANGED " << name << ": " << u.golden_path.string() << "\n";
            break;
        case session::GoldenUpdateStatus::kUpdated:
            std::cout << "UPDATED " << name << ": " << u.golden_path.string() << ": "
                      << join(u.differences, "; ") << listen << "\n";
            break;
        case session::GoldenUpdateStatus::kCreated:
            std::cout << "CREATED " << name << ": " << u.golden_path.string() << ": "
                      << run_summary(u.run) << listen << "\n";
            break;
    }
    return kExitOk;
}

int golden_command(const GoldenCommand& cmd) {
    const std::vector<fs::path> scenarios =
        cmd.scenarios.empty() ? session::scenario_files(cmd.scenarios_dir) : cmd.scenarios;
    int worst = kExitOk;
    for (const fs::path& scenario : scenarios) {
        int code = kExitOk;
        try {
            code = cmd.update ? update_one(scenario, cmd) : check_one(scenario, cmd);
        } catch (const InputError& e) {
            std::cout << "ERROR " << scenario.string() << ": " << e.what() << "\n";
            code = kExitInput;
        }
        std::cout.flush();
        worst = std::max(worst, code);
    }
    return worst;
}

void add_scenario_options(CLI::App* sub, GoldenCommand& cmd) {
    sub->add_option("scenarios", cmd.scenarios, "scenario files (default: all in --scenarios-dir)");
    sub->add_option("--scenarios-dir", cmd.scenarios_dir, "where to find scenarios");
    sub->add_option("--golden-dir", cmd.golden_dir, "directory of golden files");
    sub->add_option("--out", cmd.out_root, "root of the per-scenario output directories");
}

}  // namespace

void register_golden_command(CLI::App& app, CommandAction& action) {
    auto cmd = std::make_shared<GoldenCommand>();
    CLI::App* golden = app.add_subcommand("golden", "Check or update golden files");
    golden->require_subcommand(1);
    CLI::App* check = golden->add_subcommand(
        "check", "Run scenarios and compare with their goldens, one verdict line each");
    add_scenario_options(check, *cmd);
    check->add_flag("--replay", cmd->replay, "also replay each trace (round trip)");
    check->callback([cmd, &action] { action = [cmd] { return golden_command(*cmd); }; });
    CLI::App* update = golden->add_subcommand("update", "Run scenarios and rewrite their goldens");
    add_scenario_options(update, *cmd);
    update->get_option("scenarios")->required();
    update->callback([cmd, &action] {
        cmd->update = true;
        action = [cmd] { return golden_command(*cmd); };
    });
}

}  // namespace aetrace::cli
