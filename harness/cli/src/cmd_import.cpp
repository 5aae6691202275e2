// aetrace import JSONL -o TRACE: JSON Lines (from `dump`) back to a trace file.
#include <CLI/CLI.hpp>

#include <fstream>
#include <iostream>
#include <memory>

#include "aetrace/abi/error.h"
#include "aetrace/format/jsonl.h"
#include "aetrace/format/trace.h"
#include "commands.h"

namespace aetrace::cli {
namespace fs = std::filesystem;

namespace {

struct ImportCommand {
    fs::path jsonl;
    fs::path trace;
};

int import_command(const ImportCommand& cmd) {
    std::ifstream in(cmd.jsonl, std::ios::binary);
    if (!in) throw InputError(cmd.jsonl.string() + ": cannot open");
    const format::Trace trace = format::import_jsonl(in, cmd.jsonl.string());
    format::write_trace(cmd.trace, trace);
    std::cout << "wrote " << cmd.trace.string() << ": " << trace.calls.size() << " calls\n";
    return kExitOk;
}

}  // namespace

void register_import_command(CLI::App& app, CommandAction& action) {
    auto cmd = std::make_shared<ImportCommand>();
    CLI::App* sub = app.add_subcommand("import", "Convert JSON Lines (from `dump`) to a trace");
    sub->add_option("jsonl", cmd->jsonl, "JSON Lines file")->required();
    sub->add_option("-o,--output", cmd->trace, "trace file to write")->required();
    sub->callback([cmd, &action] { action = [cmd] { return import_command(*cmd); }; });
}

}  // namespace aetrace::cli
