// aetrace: the command-line interface. See README.md for examples. Each subcommand lives in its
// own cmd_<name>.cpp and registers itself the same way (commands.h).
#include <CLI/CLI.hpp>

#include <exception>
#include <iostream>

#include "aetrace/abi/error.h"
#include "commands.h"

using namespace aetrace::cli;

namespace {

/// Adds every subcommand to `app` (in/out), in the order --help lists them.
void register_commands(CLI::App& app, CommandAction& action) {
    register_run_command(app, action);
    register_record_command(app, action);
    register_replay_command(app, action);
    register_dump_command(app, action);
    register_import_command(app, action);
    register_info_command(app, action);
    register_list_command(app, action);
    register_diff_command(app, action);
    register_compare_command(app, action);
    register_golden_command(app, action);
}

/// Runs the selected subcommand: its exit code, or kExitInput for an input error and
/// kExitInternal for any other exception (a bug), each reported as one line on stderr.
int run_action(const CommandAction& action) {
    if (!action) return kExitInput;
    try {
        return action();
    } catch (const aetrace::InputError& e) {
        std::cerr << "aetrace: " << e.what() << "\n";
        return kExitInput;
    } catch (const std::exception& e) {
        std::cerr << "aetrace: internal error: " << e.what() << "\n";
        return kExitInternal;
    }
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"aetrace: record-and-replay test harness for RDS AudioEndpoint implementations"};
    app.require_subcommand(1);
    app.set_version_flag("--version", "aetrace 0.1.0");
    CommandAction action;
    register_commands(app, action);
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
    return run_action(action);
}
