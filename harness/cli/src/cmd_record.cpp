// aetrace record SCENARIO -o TRACE [--impl NAME] [--hash-only] [--realtime] [--real-timestamps]
#include <CLI/CLI.hpp>

#include <iostream>
#include <memory>

#include "aetrace/session/pipeline.h"
#include "commands.h"

namespace aetrace::cli {
namespace fs = std::filesystem;

namespace {

struct RecordCommand {
    fs::path scenario;
    fs::path trace;
    std::string implementation = "reference";
    bool hash_only = false;
    bool real_timestamps = false;
    bool realtime = false;  ///< engine on a real-time thread against the real clock
};

int record_command(const RecordCommand& cmd) {
    session::RunOptions opts;
    opts.implementation = cmd.implementation;
    opts.hash_only = cmd.hash_only;
    opts.real_timestamps = cmd.real_timestamps;
    opts.realtime = cmd.realtime;
    const session::RunOutcome o = session::record_scenario(cmd.scenario, cmd.trace, opts);
    std::cout << (o.engine.ok ? "recorded " : "recorded (run FAILED: " + o.engine.message + ") ")
              << o.calls << " calls of " << o.scenario.name << " to " << cmd.trace.string() << "\n";
    if (cmd.realtime) std::cout << "real-time run: " << o.realtime_summary << "\n";
    return o.engine.ok ? kExitOk : kExitMismatch;
}

}  // namespace

void register_record_command(CLI::App& app, CommandAction& action) {
    auto cmd = std::make_shared<RecordCommand>();
    CLI::App* sub = app.add_subcommand("record", "Run a scenario and write only its trace");
    sub->add_option("scenario", cmd->scenario, "scenario file (TOML)")->required();
    sub->add_option("-o,--output", cmd->trace, "trace file to write")->required();
    sub->add_option("--impl", cmd->implementation, "built-in implementation");
    sub->add_flag("--hash-only", cmd->hash_only, "store buffer hashes only, not audio");
    sub->add_flag("--realtime", cmd->realtime,
                  "run the engine on a real-time thread against the real clock (SCHED_FIFO "
                  "when permitted); the trace replays deterministically");
    sub->add_flag("--real-timestamps", cmd->real_timestamps,
                  "also stamp calls with the monotonic clock");
    sub->callback([cmd, &action] { action = [cmd] { return record_command(*cmd); }; });
}

}  // namespace aetrace::cli
