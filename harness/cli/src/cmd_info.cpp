// aetrace info TRACE: header, metadata, endpoints and record counts of a trace.
#include <CLI/CLI.hpp>

#include <iostream>
#include <memory>

#include "aetrace/abi/wave_format.h"
#include "aetrace/format/trace.h"
#include "commands.h"

namespace aetrace::cli {
namespace fs = std::filesystem;

namespace {

int info_command(const fs::path& path) {
    const format::Trace t = format::read_trace(path, /*strict=*/false);
    std::cout << path.string() << ": aetrace trace " << t.header.format_major << "."
              << t.header.format_minor << ", written by " << t.header.writer_version << " on "
              << t.header.host << ", " << t.header.clock << " clock"
              << ((t.header.flags & format::kHeaderHashOnly) ? ", hash-only" : "") << "\n";
    for (const auto& m : t.metadata) std::cout << "  " << m.key << ": " << m.value << "\n";
    for (const auto& e : t.endpoints)
        std::cout << "  endpoint " << e.endpoint << ": "
                  << (e.role == format::EndpointRole::kCapture ? "capture" : "render") << ", "
                  << e.implementation << ", " << abi::describe(e.format)
                  << (e.source_path.empty() ? "" : ", source " + e.source_path) << "\n";
    std::cout << "  " << t.calls.size() << " calls, " << t.payloads.size() << " audio payloads, "
              << t.violations.size() << " contract violations, " << t.events.size() << " events, "
              << t.gaps.size() << " gaps\n";
    std::cout << "  " << t.status.describe() << "\n";
    return t.status.damaged() ? kExitInput : kExitOk;
}

}  // namespace

void register_info_command(CLI::App& app, CommandAction& action) {
    auto trace = std::make_shared<fs::path>();
    CLI::App* sub = app.add_subcommand("info", "Summarise a trace: header, endpoints, counts");
    sub->add_option("trace", *trace, "trace file")->required();
    sub->callback([trace, &action] { action = [trace] { return info_command(*trace); }; });
}

}  // namespace aetrace::cli
