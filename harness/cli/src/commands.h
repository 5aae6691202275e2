// The aetrace subcommands (internal to the CLI). Every cmd_<name>.cpp registers its subcommand the
// same way: `void register_<name>_command(CLI::App& app, CommandAction& action)` adds the
// subcommand and its options to `app`, and when the subcommand is given on the command line, its
// parse callback stores in `action` the function that runs it. main() registers them all, parses,
// then runs `action`.
//
// An action returns the process exit code: kExitOk (0) success / match / no divergence,
// kExitMismatch (1) golden mismatch, divergence or failed run, kExitInput (2) usage or input
// error. Input errors are thrown as aetrace::InputError and turned into kExitInput by main(), any
// other exception into 3 (internal error).
#pragma once

#include <functional>

namespace CLI {
class App;
}

namespace aetrace::cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitMismatch = 1;
inline constexpr int kExitInput = 2;
inline constexpr int kExitInternal = 3;

/// The selected subcommand, ready to run; returns the exit code. Empty until a subcommand's parse
/// callback sets it.
using CommandAction = std::function<int()>;

/// Registration functions, one per cmd_<name>.cpp, in the order main() lists them in --help. Each
/// adds its subcommand to `app` (in/out) and keeps `action` (out; must outlive app.parse()) to set
/// it. Call each once, before app.parse(). Not thread-safe.
void register_run_command(CLI::App& app, CommandAction& action);
void register_record_command(CLI::App& app, CommandAction& action);
void register_replay_command(CLI::App& app, CommandAction& action);
void register_dump_command(CLI::App& app, CommandAction& action);
void register_import_command(CLI::App& app, CommandAction& action);
void register_info_command(CLI::App& app, CommandAction& action);
void register_list_command(CLI::App& app, CommandAction& action);
void register_diff_command(CLI::App& app, CommandAction& action);
void register_compare_command(CLI::App& app, CommandAction& action);
void register_golden_command(CLI::App& app, CommandAction& action);

}  // namespace aetrace::cli
