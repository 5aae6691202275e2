// Runs the built `aetrace` command as a user would (through the shell) and collects its exit code,
// stdout and stderr. Needs AETRACE_CLI_PATH (the test target defines it). Not thread-safe: the
// outputs go to fixed names in the given temporary directory.
#pragma once

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#if !defined(_WIN32)
#include <sys/wait.h>
#endif

#include "aetrace/test/temp_dir.h"

namespace aetrace::e2e {

/// What one command run gave: exit code (-1 when it did not exit normally), stdout, stderr.
struct CliResult {
    int code;
    std::string out, err;
};

/// The whole file `p` ("" when it cannot be read).
inline std::string slurp(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

/// Runs `aetrace <args>` (args as shell text), stdout and stderr captured in files under `tmp`.
inline CliResult run_cli(const test::TempDir& tmp, const std::string& args) {
    const std::filesystem::path out = tmp / "stdout.txt", err = tmp / "stderr.txt";
    const std::string cmd = std::string("\"") + AETRACE_CLI_PATH + "\" " + args + " >\"" +
                            out.string() + "\" 2>\"" + err.string() + "\"";
    const int status = std::system(cmd.c_str());
#if defined(_WIN32)
    const int code = status;
#else
    const int code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
#endif
    return CliResult{code, slurp(out), slurp(err)};
}

/// Newline count of `s`.
inline int count_lines(const std::string& s) {
    int n = 0;
    for (char c : s) n += c == '\n';
    return n;
}

}  // namespace aetrace::e2e
