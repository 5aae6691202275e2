// aetrace diff A.aetrace B.aetrace [-U N] [--max-edits N]: two traces compared by sequence
// alignment of their calls. Prints the aligned call listing on stdout; exit 0 identical (ignoring
// real_time and thread), 1 different, 2 unreadable or damaged trace (the message on stderr names
// the file).
#include <CLI/CLI.hpp>

#include <filesystem>
#include <iostream>
#include <memory>

#include "aetrace/abi/error.h"
#include "aetrace/format/trace.h"
#include "aetrace/replay/trace_diff.h"
#include "commands.h"

namespace aetrace::cli {
namespace fs = std::filesystem;

namespace {

struct DiffCommand {
    fs::path a;
    fs::path b;
    std::size_t context = 3;
    std::size_t max_edits = 2000;
};

/// Reads a trace for diffing: a damaged or cut tail is an input error (a diff of half a trace
/// would report every missing call as deleted).
format::Trace read_for_diff(const fs::path& path) {
    format::Trace trace = format::read_trace(path, /*strict=*/false);
    if (trace.status.damaged())
        throw InputError(path.string() + ": trace " + trace.status.describe());
    return trace;
}

int diff_command(const DiffCommand& cmd) {
    const format::Trace a = read_for_diff(cmd.a);
    const format::Trace b = read_for_diff(cmd.b);
    replay::TraceDiffOptions options;
    options.max_edits = cmd.max_edits;
    const replay::TraceDiff diff = replay::diff_traces(a, b, options);
    replay::print_trace_diff(a, b, diff, cmd.a.string(), cmd.b.string(), std::cout, cmd.context);
    return diff.identical() ? kExitOk : kExitMismatch;
}

}  // namespace

void register_diff_command(CLI::App& app, CommandAction& action) {
    auto cmd = std::make_shared<DiffCommand>();
    CLI::App* sub = app.add_subcommand(
        "diff",
        "Compare two traces call by call after aligning their call sequences (exit 0 identical "
        "ignoring real_time and thread, 1 different, 2 bad input)");
    sub->add_option("a", cmd->a, "first trace (A)")->required();
    sub->add_option("b", cmd->b, "second trace (B)")->required();
    sub->add_option("-U,--context", cmd->context, "unchanged calls shown around each change")
        ->capture_default_str();
    sub->add_option("--max-edits", cmd->max_edits,
                    "inserted+deleted calls beyond which calls are paired by position")
        ->capture_default_str();
    sub->callback([cmd, &action] { action = [cmd] { return diff_command(*cmd); }; });
}

}  // namespace aetrace::cli
