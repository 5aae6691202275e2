// aetrace replay TRACE [--impl NAME|LIBRARY] [--source WAV] [--expected-output WAV]
//                      [--snr-db-min DB]
#include <CLI/CLI.hpp>

#include <iostream>
#include <memory>
#include <optional>

#include "aetrace/session/expected_output.h"
#include "aetrace/session/replay_runner.h"
#include "commands.h"

namespace aetrace::cli {
namespace fs = std::filesystem;

namespace {

struct ReplayCommand {
    fs::path trace;
    std::optional<std::string> implementation;  ///< default: the one recorded for each endpoint
    std::optional<fs::path> source;             ///< capture source WAV override
    std::optional<fs::path> expected_output;    ///< expected render output WAV
    std::optional<double> snr_db_min;           ///< audio pass threshold, dB (else trace metadata)
};

int replay_command(const ReplayCommand& cmd) {
    session::Implementation impl = session::Implementation::open(cmd.implementation);
    const session::LoadedTrace trace = session::load_trace(cmd.trace, cmd.source);
    const session::ExpectedOutput expected =
        session::load_expected_output(trace.trace, cmd.trace, cmd.expected_output);
    replay::ReplayOptions options;
    expected.apply(options);
    options.snr_db_min = session::snr_threshold(trace.trace, cmd.trace, cmd.snr_db_min);
    replay::ReplayReport report = session::replay_loaded(trace, impl, options);
    if (!expected.note.empty()) report.notes.push_back(expected.note);
    replay::print_report(report, std::cout);
    return report.ok() ? kExitOk : kExitMismatch;
}

}  // namespace

void register_replay_command(CLI::App& app, CommandAction& action) {
    auto cmd = std::make_shared<ReplayCommand>();
    CLI::App* sub = app.add_subcommand(
        "replay", "Replay a trace against an implementation (exit 0 no divergence, 1 divergence)");
    sub->add_option("trace", cmd->trace, "trace file")->required();
    sub->add_option("--impl", cmd->implementation, "implementation (default: the recorded one)");
    sub->add_option("--source", cmd->source, "capture source WAV (default: the recorded path)");
    sub->add_option("--expected-output", cmd->expected_output,
                    "expected render output WAV (default: output.wav beside the trace)");
    sub->add_option("--snr-db-min", cmd->snr_db_min, "audio within this SNR (dB) passes");
    sub->callback([cmd, &action] { action = [cmd] { return replay_command(*cmd); }; });
}

}  // namespace aetrace::cli
