// aetrace compare TRACE|DIR... --impl A --impl B ... [--json] [--junit FILE] [--timeout S]
//                 [--time-tolerance-hns N]
//
// Replays each trace (a directory stands for its *.aetrace files, sorted by name) against every
// implementation, each in its own child process (replay_isolated), and prints the matrix
// (compare_output.h). Exit 0 when every replay is clean, 1 when any diverged, crashed, hung or
// failed, 2 for usage and input errors: a missing or unreadable trace, a trace from a newer major
// format, an implementation that cannot be loaded (checked before anything runs), or an
// implementation refused by a trace (format mismatch; the other results are still printed).
#include <CLI/CLI.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <exception>
#include <iostream>
#include <memory>

#include "aetrace/abi/error.h"
#include "aetrace/plugin/isolation.h"
#include "aetrace/session/compare.h"
#include "commands.h"
#include "compare_output.h"

namespace aetrace::cli {
namespace fs = std::filesystem;

namespace {

struct CompareCommand {
    std::vector<fs::path> inputs;  ///< trace files or directories of them
    std::vector<std::string> implementations;
    bool json = false;
    std::optional<fs::path> junit;
    double timeout_s = 60.0;
    std::optional<std::int64_t> time_tolerance_hns;  ///< see aetrace/session/time_tolerance.h
};

int compare_command(const CompareCommand& cmd) {
    if (!(cmd.timeout_s > 0) || !std::isfinite(cmd.timeout_s))
        throw InputError("--timeout: must be a positive number of seconds");
    // Everything that can be an input error is checked before the first replay.
    std::vector<session::Implementation> impls;
    for (const std::string& spec : cmd.implementations)
        impls.push_back(session::Implementation::open(spec));
    std::vector<session::LoadedTrace> loaded;
    for (const fs::path& path : session::expand_trace_inputs(cmd.inputs))
        loaded.push_back(session::load_trace(path));

    if (cmd.time_tolerance_hns && *cmd.time_tolerance_hns < 0)
        throw InputError("--time-tolerance-hns: must be >= 0");
    replay::ReplayOptions options;
    // Enough to count every field of a typical divergence; all of them when a tolerance must judge
    // each hnsQPCPosition difference.
    options.max_divergences = cmd.time_tolerance_hns ? ~std::size_t{0} : 100000;
    const auto limit = std::chrono::milliseconds(
        std::max<std::int64_t>(1, static_cast<std::int64_t>(cmd.timeout_s * 1000)));

    const session::CompareResult result = session::compare_traces(
        loaded, impls, cmd.implementations, options, limit, cmd.time_tolerance_hns);

    const bool isolated = plugin::isolation_supported();
    if (cmd.json)
        std::cout << compare_json(result.traces, isolated).dump(2) << "\n";
    else
        print_matrix(result.traces, isolated, std::cout);
    std::cout.flush();
    if (cmd.junit) write_junit(*cmd.junit, result.traces);
    if (result.refused) return kExitInput;
    return result.clean ? kExitOk : kExitMismatch;
}

int run_guarded(const CompareCommand& cmd) {
    try {
        return compare_command(cmd);
    } catch (const InputError& e) {
        std::cout.flush();
        std::cerr << "aetrace: " << e.what() << "\n";
        return kExitInput;
    } catch (const std::exception& e) {
        std::cout.flush();
        std::cerr << "aetrace: internal error: " << e.what() << "\n";
        return kExitInternal;
    }
}

}  // namespace

void register_compare_command(CLI::App& app, CommandAction& action) {
    auto cmd = std::make_shared<CompareCommand>();
    CLI::App* sub = app.add_subcommand(
        "compare",
        "Replay traces against several implementations, each in a child process, and print a "
        "matrix (exit 0 all clean, 1 any diverged/crashed/hung, 2 input error)");
    sub->add_option("traces", cmd->inputs, "trace files, or directories of *.aetrace files")
        ->required();
    sub->add_option("--impl", cmd->implementations,
                    "implementation: a built-in name (see `aetrace list`) or a plugin library "
                    "path (contains '/' or ends in .so/.dll); repeat for each")
        ->required()
        ->expected(1)
        ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
    sub->add_flag("--json", cmd->json, "print one JSON document instead of the matrix");
    sub->add_option("--junit", cmd->junit, "also write a JUnit XML file (one testsuite per trace)");
    sub->add_option("--timeout", cmd->timeout_s,
                    "time limit per replay, seconds (default 60): a replay still running is "
                    "killed and reported as hung");
    sub->add_option("--time-tolerance-hns", cmd->time_tolerance_hns,
                    "accept hnsQPCPosition differences up to N hns (100 ns) after each "
                    "endpoint's clock origin offset, for implementations that read their own "
                    "clock; the report notes how many were accepted");
    sub->callback([cmd, &action] { action = [cmd] { return run_guarded(*cmd); }; });
}

}  // namespace aetrace::cli
