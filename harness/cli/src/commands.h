// The aetrace subcommands (internal to the CLI). Each returns the process exit code:
// kExitOk (0) success / match / no divergence, kExitMismatch (1) golden mismatch, divergence or
// failed run, kExitInput (2) usage or input error. Input errors are thrown as aetrace::InputError
// and turned into kExitInput by main().
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace aetrace::cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitMismatch = 1;
inline constexpr int kExitInput = 2;

struct RunCommand {
    std::filesystem::path scenario;
    std::filesystem::path out_dir;  ///< default: out/<scenario name>
    std::string implementation = "reference";
    std::optional<std::filesystem::path> golden_dir;
    bool hash_only = false;
    bool real_timestamps = false;
    bool check_golden = true;
};
int run_command(const RunCommand& cmd);

struct RecordCommand {
    std::filesystem::path scenario;
    std::filesystem::path trace;
    std::string implementation = "reference";
    bool hash_only = false;
    bool real_timestamps = false;
    bool realtime = false;  ///< engine on a real-time thread against the real clock
};
int record_command(const RecordCommand& cmd);

struct GoldenCommand {
    bool update = false;
    std::vector<std::filesystem::path> scenarios;  ///< empty: every *.toml in scenarios_dir
    std::filesystem::path scenarios_dir = "fixtures/scenarios";
    std::optional<std::filesystem::path> golden_dir;
    std::filesystem::path out_root = "out";
    bool replay = false;  ///< check: also replay each trace against the same implementation
};
int golden_command(const GoldenCommand& cmd);

struct ReplayCommand {
    std::filesystem::path trace;
    std::optional<std::string> implementation;    ///< default: the one recorded for each endpoint
    std::optional<std::filesystem::path> source;  ///< capture source WAV override
    std::optional<std::filesystem::path> expected_output;  ///< expected render output WAV
    std::optional<double> snr_db_min;  ///< audio pass threshold, dB (else trace metadata)
};
int replay_command(const ReplayCommand& cmd);

int dump_command(const std::filesystem::path& trace);
int import_command(const std::filesystem::path& jsonl, const std::filesystem::path& trace);
int info_command(const std::filesystem::path& trace);
int list_command();

}  // namespace aetrace::cli
