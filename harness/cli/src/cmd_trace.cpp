// aetrace replay | dump | import | info | list
#include <fstream>
#include <iostream>

#include "aetrace/abi/error.h"
#include "aetrace/cli/replay_runner.h"
#include "aetrace/endpoints/factory.h"
#include "aetrace/format/jsonl.h"
#include "aetrace/format/trace.h"
#include "commands.h"
#include "expected_output.h"

namespace aetrace::cli {
namespace fs = std::filesystem;

int replay_command(const ReplayCommand& cmd) {
    Implementation impl = Implementation::open(cmd.implementation);
    const LoadedTrace trace = load_trace(cmd.trace, cmd.source);
    const ExpectedOutput expected =
        load_expected_output(trace.trace, cmd.trace, cmd.expected_output);
    replay::ReplayOptions options;
    expected.apply(options);
    options.snr_db_min = snr_threshold(trace.trace, cmd.trace, cmd.snr_db_min);
    replay::ReplayReport report = replay_loaded(trace, impl, options);
    if (!expected.note.empty()) report.notes.push_back(expected.note);
    replay::print_report(report, std::cout);
    return report.ok() ? kExitOk : kExitMismatch;
}

int dump_command(const fs::path& path) {
    const format::Trace trace = format::read_trace(path, /*strict=*/false);
    format::dump_jsonl(trace, std::cout);
    std::cout.flush();
    if (trace.status.state != format::ReadStatus::State::kClean)
        std::cerr << "aetrace: " << path.string() << ": " << trace.status.describe() << "\n";
    return trace.status.damaged() ? kExitInput : kExitOk;
}

int import_command(const fs::path& jsonl, const fs::path& out) {
    std::ifstream in(jsonl, std::ios::binary);
    if (!in) throw InputError(jsonl.string() + ": cannot open");
    const format::Trace trace = format::import_jsonl(in, jsonl.string());
    format::write_trace(out, trace);
    std::cout << "wrote " << out.string() << ": " << trace.calls.size() << " calls\n";
    return kExitOk;
}

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

int list_command() {
    for (const std::string& name : endpoints::builtin_endpoint_names()) std::cout << name << "\n";
    return kExitOk;
}

}  // namespace aetrace::cli
