// aetrace dump TRACE: the trace as JSON Lines on stdout.
#include <CLI/CLI.hpp>

#include <iostream>
#include <memory>

#include "aetrace/format/jsonl.h"
#include "aetrace/format/trace.h"
#include "commands.h"

namespace aetrace::cli {
namespace fs = std::filesystem;

namespace {

int dump_command(const fs::path& path) {
    const format::Trace trace = format::read_trace(path, /*strict=*/false);
    format::dump_jsonl(trace, std::cout);
    std::cout.flush();
    if (trace.status.state != format::ReadStatus::State::kClean)
        std::cerr << "aetrace: " << path.string() << ": " << trace.status.describe() << "\n";
    return trace.status.damaged() ? kExitInput : kExitOk;
}

}  // namespace

void register_dump_command(CLI::App& app, CommandAction& action) {
    auto trace = std::make_shared<fs::path>();
    CLI::App* sub = app.add_subcommand("dump", "Print a trace as JSON Lines on stdout");
    sub->add_option("trace", *trace, "trace file")->required();
    sub->callback([trace, &action] { action = [trace] { return dump_command(*trace); }; });
}

}  // namespace aetrace::cli
