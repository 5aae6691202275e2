#include "aetrace/session/time_tolerance.h"

#include <algorithm>
#include <charconv>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "aetrace/abi/methods.h"

namespace aetrace::session {

namespace {

constexpr const char* kField = "position.hnsQPCPosition";

std::optional<std::int64_t> parse(const std::string& text) {
    std::int64_t v = 0;
    const auto r = std::from_chars(text.data(), text.data() + text.size(), v);
    if (r.ec != std::errc{} || r.ptr != text.data() + text.size()) return std::nullopt;
    return v;
}

/// Index in trace.calls of each endpoint's first call that carries a recorded position out.
std::map<std::uint32_t, std::uint64_t> first_positions(const format::Trace& trace) {
    std::map<std::uint32_t, std::uint64_t> first;
    for (std::size_t i = 0; i < trace.calls.size(); ++i) {
        const format::CallRecord& c = trace.calls[i];
        const abi::MethodInfo* info = abi::method_info(c.method);
        if (!info || !(info->shape & abi::kPositionOut) || !(c.flags & format::kHasPosition))
            continue;
        first.emplace(c.endpoint, i);
    }
    return first;
}

}  // namespace

void apply_time_tolerance(replay::ReplayReport& report, const format::Trace& trace,
                          std::int64_t tolerance_hns) {
    const std::map<std::uint32_t, std::uint64_t> first = first_positions(trace);
    std::map<std::uint32_t, std::int64_t> origin;  // d0 per endpoint
    for (const replay::Divergence& d : report.divergences) {
        if (d.field != kField) continue;
        const auto f = first.find(d.endpoint);
        if (f == first.end() || f->second != d.call_index) continue;
        const auto e = parse(d.expected), a = parse(d.actual);
        if (e && a) origin[d.endpoint] = *a - *e;
    }
    std::uint64_t accepted = 0;
    std::vector<replay::Divergence> kept;
    for (replay::Divergence& d : report.divergences) {
        const auto e = parse(d.expected), a = parse(d.actual);
        bool ok = false;
        if (d.field == kField && e && a) {
            const std::int64_t drift = (*a - *e) - origin[d.endpoint];
            ok = drift <= tolerance_hns && drift >= -tolerance_hns;
        }
        if (!ok) {
            kept.push_back(std::move(d));
            continue;
        }
        ++accepted;
        const abi::MethodInfo* info = abi::method_info(d.method);
        if (info) {
            const auto m = report.per_method.find(std::string(info->qualified_name));
            if (m != report.per_method.end() && m->second > 0 && --m->second == 0)
                report.per_method.erase(m);
        }
    }
    report.divergences = std::move(kept);
    report.divergence_count -= std::min(report.divergence_count, accepted);
    if (accepted)
        report.notes.push_back(
            std::to_string(accepted) +
            " hnsQPCPosition differences accepted within the time tolerance of " +
            std::to_string(tolerance_hns) + " hns (after each endpoint's clock origin offset)");
}

}  // namespace aetrace::session
