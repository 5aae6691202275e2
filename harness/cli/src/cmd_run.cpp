// aetrace run SCENARIO [--out DIR] [--impl NAME] [--golden-dir DIR] [--hash-only]
//                      [--real-timestamps] [--no-golden]
#include <CLI/CLI.hpp>

#include <iostream>
#include <memory>
#include <optional>

#include "aetrace/session/golden_check.h"
#include "commands.h"
#include "verdict.h"

namespace aetrace::cli {
namespace fs = std::filesystem;

namespace {

struct RunCommand {
    fs::path scenario;
    fs::path out_dir;  ///< default: out/<scenario name>
    std::string implementation = "reference";
    std::optional<fs::path> golden_dir;
    bool hash_only = false;
    bool real_timestamps = false;
    bool check_golden = true;
};

int run_command(const RunCommand& cmd) {
    session::RunOptions opts;
    opts.implementation = cmd.implementation;
    opts.hash_only = cmd.hash_only;
    opts.real_timestamps = cmd.real_timestamps;
    const fs::path out =
        cmd.out_dir.empty() ? session::default_out_dir("out", cmd.scenario) : cmd.out_dir;
    opts.out_dir = out;
    const Verdict v = check_verdict(
        session::check_scenario(cmd.scenario, opts, cmd.golden_dir, cmd.check_golden, false));
    std::cout << v.line << "\n";
    if (v.code == kExitOk)
        std::cout << "wrote " << (out / "output.wav").string() << " and "
                  << (out / "trace.aetrace").string() << "\n";
    return v.code;
}

}  // namespace

void register_run_command(CLI::App& app, CommandAction& action) {
    auto cmd = std::make_shared<RunCommand>();
    CLI::App* sub = app.add_subcommand(
        "run",
        "Run a scenario: write DIR/output.wav and DIR/trace.aetrace, check the golden "
        "(exit 0 match, 1 mismatch or failed run, 2 input error)");
    sub->add_option("scenario", cmd->scenario, "scenario file (TOML)")->required();
    sub->add_option("--out", cmd->out_dir, "output directory (default: out/<scenario name>)");
    sub->add_option("--impl", cmd->implementation, "built-in implementation (see `aetrace list`)");
    sub->add_option("--golden-dir", cmd->golden_dir, "directory of golden files");
    sub->add_flag("--hash-only", cmd->hash_only, "store buffer hashes only, not audio");
    sub->add_flag("--real-timestamps", cmd->real_timestamps,
                  "also stamp calls with the monotonic clock");
    sub->add_flag("!--no-golden", cmd->check_golden, "do not check the golden");
    sub->callback([cmd, &action] { action = [cmd] { return run_command(*cmd); }; });
}

}  // namespace aetrace::cli
