#include "aetrace/session/compare.h"

#include <algorithm>
#include <system_error>
#include <utility>

#include "aetrace/abi/error.h"
#include "aetrace/session/time_tolerance.h"

namespace aetrace::session {
namespace fs = std::filesystem;

bool is_clean(const IsolatedReplay& r) {
    return r.status == ReplayStatus::kReplayed && r.report.ok();
}

std::vector<fs::path> expand_trace_inputs(const std::vector<fs::path>& inputs) {
    std::vector<fs::path> traces;
    for (const fs::path& input : inputs) {
        std::error_code ec;
        if (!fs::is_directory(input, ec)) {
            traces.push_back(input);  // load_trace reports a missing file
            continue;
        }
        std::vector<fs::path> found;
        for (const fs::directory_entry& e : fs::directory_iterator(input, ec))
            if (e.is_regular_file() && e.path().extension() == ".aetrace")
                found.push_back(e.path());
        if (ec) throw InputError(input.string() + ": cannot list directory: " + ec.message());
        if (found.empty()) throw InputError(input.string() + ": no *.aetrace files");
        std::sort(found.begin(), found.end());
        traces.insert(traces.end(), found.begin(), found.end());
    }
    return traces;
}

CompareResult compare_traces(const std::vector<LoadedTrace>& traces,
                             std::vector<Implementation>& implementations,
                             const std::vector<std::string>& names,
                             const replay::ReplayOptions& options,
                             std::chrono::milliseconds time_limit,
                             std::optional<std::int64_t> time_tolerance_hns) {
    CompareResult result;
    for (const LoadedTrace& t : traces) {
        CompareTrace row{t.path, &t.trace, {}};
        for (std::size_t i = 0; i < implementations.size(); ++i) {
            IsolatedReplay r = replay_isolated(t, implementations[i], options, time_limit);
            if (time_tolerance_hns && r.status == ReplayStatus::kReplayed)
                apply_time_tolerance(r.report, t.trace, *time_tolerance_hns);
            result.refused = result.refused || r.status == ReplayStatus::kRefused;
            result.clean = result.clean && is_clean(r);
            row.cells.push_back({names[i], std::move(r)});
        }
        result.traces.push_back(std::move(row));
    }
    return result;
}

}  // namespace aetrace::session
