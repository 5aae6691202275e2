// aetrace: the command-line interface. See README.md for examples.
#include <CLI/CLI.hpp>

#include <cstdio>
#include <exception>
#include <iostream>

#include "aetrace/abi/error.h"
#include "cmd_diff.h"
#include "commands.h"

namespace aetrace::cli {
void register_compare_command(CLI::App& app);  // cmd_compare.cpp
}

using namespace aetrace::cli;

int main(int argc, char** argv) {
    CLI::App app{"aetrace: record-and-replay test harness for RDS AudioEndpoint implementations"};
    app.require_subcommand(1);
    app.set_version_flag("--version", "aetrace 0.1.0");

    RunCommand run;
    auto* run_cmd = app.add_subcommand(
        "run",
        "Run a scenario: write DIR/output.wav and DIR/trace.aetrace, check the golden "
        "(exit 0 match, 1 mismatch or failed run, 2 input error)");
    run_cmd->add_option("scenario", run.scenario, "scenario file (TOML)")->required();
    run_cmd->add_option("--out", run.out_dir, "output directory (default: out/<scenario name>)");
    run_cmd->add_option("--impl", run.implementation,
                        "built-in implementation (see `aetrace list`)");
    run_cmd->add_option("--golden-dir", run.golden_dir, "directory of golden files");
    run_cmd->add_flag("--hash-only", run.hash_only, "store buffer hashes only, not audio");
    run_cmd->add_flag("--real-timestamps", run.real_timestamps,
                      "also stamp calls with the monotonic clock");
    run_cmd->add_flag("!--no-golden", run.check_golden, "do not check the golden");

    RecordCommand rec;
    auto* rec_cmd = app.add_subcommand("record", "Run a scenario and write only its trace");
    rec_cmd->add_option("scenario", rec.scenario, "scenario file (TOML)")->required();
    rec_cmd->add_option("-o,--output", rec.trace, "trace file to write")->required();
    rec_cmd->add_option("--impl", rec.implementation, "built-in implementation");
    rec_cmd->add_flag("--hash-only", rec.hash_only, "store buffer hashes only, not audio");
    rec_cmd->add_flag("--realtime", rec.realtime,
                      "run the engine on a real-time thread against the real clock (SCHED_FIFO "
                      "when permitted); the trace replays deterministically");
    rec_cmd->add_flag("--real-timestamps", rec.real_timestamps,
                      "also stamp calls with the monotonic clock");

    ReplayCommand rep;
    auto* rep_cmd = app.add_subcommand(
        "replay", "Replay a trace against an implementation (exit 0 no divergence, 1 divergence)");
    rep_cmd->add_option("trace", rep.trace, "trace file")->required();
    rep_cmd->add_option("--impl", rep.implementation, "implementation (default: the recorded one)");
    rep_cmd->add_option("--source", rep.source, "capture source WAV (default: the recorded path)");
    rep_cmd->add_option("--expected-output", rep.expected_output,
                        "expected render output WAV (default: output.wav beside the trace)");
    rep_cmd->add_option("--snr-db-min", rep.snr_db_min, "audio within this SNR (dB) passes");

    std::filesystem::path dump_trace;
    auto* dump_cmd = app.add_subcommand("dump", "Print a trace as JSON Lines on stdout");
    dump_cmd->add_option("trace", dump_trace, "trace file")->required();

    std::filesystem::path import_in, import_out;
    auto* import_cmd = app.add_subcommand("import", "Convert JSON Lines (from `dump`) to a trace");
    import_cmd->add_option("jsonl", import_in, "JSON Lines file")->required();
    import_cmd->add_option("-o,--output", import_out, "trace file to write")->required();

    std::filesystem::path info_trace;
    auto* info_cmd = app.add_subcommand("info", "Summarise a trace: header, endpoints, counts");
    info_cmd->add_option("trace", info_trace, "trace file")->required();

    auto* list_cmd = app.add_subcommand("list", "List the built-in implementations");
    register_diff_command(app);
    register_compare_command(app);

    GoldenCommand golden;
    auto* golden_cmd = app.add_subcommand("golden", "Check or update golden files");
    golden_cmd->require_subcommand(1);
    auto add_golden_options = [&](CLI::App* c) {
        c->add_option("scenarios", golden.scenarios,
                      "scenario files (default: all in --scenarios-dir)");
        c->add_option("--scenarios-dir", golden.scenarios_dir, "where to find scenarios");
        c->add_option("--golden-dir", golden.golden_dir, "directory of golden files");
        c->add_option("--out", golden.out_root, "root of the per-scenario output directories");
    };
    auto* check_cmd = golden_cmd->add_subcommand(
        "check", "Run scenarios and compare with their goldens, one verdict line each");
    add_golden_options(check_cmd);
    check_cmd->add_flag("--replay", golden.replay, "also replay each trace (round trip)");
    auto* update_cmd =
        golden_cmd->add_subcommand("update", "Run scenarios and rewrite their goldens");
    add_golden_options(update_cmd);
    update_cmd->get_option("scenarios")->required();

    try {
        app.parse(argc, argv);
    } catch (const CLI::CallForHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForAllHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForVersion& e) {
        return app.exit(e);
    } catch (const CLI::ParseError& e) {
        app.exit(e);
        return kExitInput;
    }

    try {
        if (*run_cmd) {
            if (run.out_dir.empty()) run.out_dir = "";  // resolved from the scenario name
            return run_command(run);
        }
        if (*rec_cmd) return record_command(rec);
        if (*rep_cmd) return replay_command(rep);
        if (*dump_cmd) return dump_command(dump_trace);
        if (*import_cmd) return import_command(import_in, import_out);
        if (*info_cmd) return info_command(info_trace);
        if (*list_cmd) return list_command();
        if (*check_cmd) return golden_command(golden);
        if (*update_cmd) {
            golden.update = true;
            return golden_command(golden);
        }
    } catch (const aetrace::InputError& e) {
        std::cerr << "aetrace: " << e.what() << "\n";
        return kExitInput;
    } catch (const std::exception& e) {
        std::cerr << "aetrace: internal error: " << e.what() << "\n";
        return 3;
    }
    return kExitInput;
}
