// `aetrace diff`: registered on the app by main() (internal to the CLI).
#pragma once

namespace CLI {
class App;
}

namespace aetrace::cli {

/// Adds the `diff A B` subcommand to `app` (in/out). The subcommand runs as a CLI11 callback when
/// it was given, prints the aligned call listing on stdout and ends the process with exit code 0
/// (identical, ignoring real_time and thread), 1 (different) or 2 (unreadable or damaged trace;
/// the message on stderr names the file). Not thread-safe; call once, before app.parse().
void register_diff_command(CLI::App& app);

}  // namespace aetrace::cli
