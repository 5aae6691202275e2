#include "compare_output.h"

#include <algorithm>
#include <map>
#include <ostream>
#include <sstream>

#include "aetrace/abi/error.h"
#include "aetrace/abi/methods.h"
#include "aetrace/io/atomic_file.h"
#include "aetrace/session/report_json.h"

namespace aetrace::cli {
namespace fs = std::filesystem;
using nlohmann::json;

namespace {

using FieldCounts = std::map<std::string, std::map<std::string, std::uint64_t>>;

/// Divergences by qualified method name and field (over the divergences the report kept).
FieldCounts by_method_and_field(const replay::ReplayReport& r) {
    FieldCounts counts;
    for (const replay::Divergence& d : r.divergences) {
        const abi::MethodInfo* info = abi::method_info(d.method);
        const std::string method = info ? std::string(info->qualified_name)
                                        : "method " + std::to_string(unsigned(d.method));
        ++counts[method][d.field];
    }
    return counts;
}

std::string audio_text(const IsolatedReplay& r) {
    if (r.status != ReplayStatus::kReplayed) return "-";
    bool any = false, tolerated = false;
    for (const replay::AudioVerdict& v : r.report.audio) {
        if (!v.checked) continue;
        any = true;
        if (!v.passes()) return "differs";
        tolerated = tolerated || (!v.matches && v.within_tolerance);
    }
    if (!any) return "n/a";
    return tolerated ? "tolerance" : "match";
}

std::string call_name(const CompareTrace& t, std::uint64_t index) {
    if (!t.trace || index >= t.trace->calls.size()) return "";
    const abi::MethodInfo* info = abi::method_info(t.trace->calls[index].method);
    return info ? std::string(info->qualified_name) : "";
}

std::string where(const CompareTrace& t, const IsolatedReplay& r) {
    if (!r.call_index) return "before the first call";
    return "in call #" + std::to_string(*r.call_index) + " " + call_name(t, *r.call_index);
}

/// The last column: first divergence, or what went wrong and where.
std::string detail_text(const CompareTrace& t, const IsolatedReplay& r) {
    switch (r.status) {
        case ReplayStatus::kReplayed: {
            if (r.report.divergences.empty()) {
                for (const replay::AudioVerdict& v : r.report.audio)
                    if (!v.passes())
                        return "audio of endpoint " + std::to_string(v.endpoint) + " differs" +
                               (v.note.empty() ? "" : ": " + v.note);
                return "-";
            }
            const replay::Divergence& d = r.report.divergences.front();
            const abi::MethodInfo* info = abi::method_info(d.method);
            return "call #" + std::to_string(d.call_index) + " " +
                   (info ? std::string(info->qualified_name) : "?") + " " + d.field + ": " +
                   d.expected + " -> " + d.actual;
        }
        case ReplayStatus::kCrashed:
            return "crashed (" + r.message + ") " + where(t, r);
        case ReplayStatus::kHung:
            return "hung (" + r.message + ") " + where(t, r);
        case ReplayStatus::kError:
            return r.message;
        case ReplayStatus::kRefused:
            return r.message;
    }
    return r.message;
}

/// `s` followed by spaces up to `width` characters (at least one space).
std::string pad(const std::string& s, std::size_t width) {
    return s + std::string(s.size() < width ? width - s.size() : 1, ' ');
}
/// `s` right-aligned in `width` characters.
std::string lpad(const std::string& s, std::size_t width) {
    return std::string(s.size() < width ? width - s.size() : 0, ' ') + s;
}

std::string xml_escape(const std::string& s) {
    std::string out;
    for (char c : s) {
        switch (c) {
            case '&':
                out += "&amp;";
                break;
            case '<':
                out += "&lt;";
                break;
            case '>':
                out += "&gt;";
                break;
            case '"':
                out += "&quot;";
                break;
            case '\'':
                out += "&apos;";
                break;
            default:
                if (static_cast<unsigned char>(c) < 0x20 && c != '\n' && c != '\t')
                    out += ' ';
                else
                    out += c;
        }
    }
    return out;
}

}  // namespace

std::string verdict_of(const IsolatedReplay& r) {
    switch (r.status) {
        case ReplayStatus::kReplayed:
            return r.report.ok() ? "clean" : "diverged";
        case ReplayStatus::kRefused:
            return "refused";
        case ReplayStatus::kError:
            return "error";
        case ReplayStatus::kCrashed:
            return "crashed";
        case ReplayStatus::kHung:
            return "hung";
    }
    return "error";
}

void print_matrix(const std::vector<CompareTrace>& traces, bool isolated, std::ostream& out) {
    std::map<std::string, std::uint64_t> totals;
    std::size_t cells = 0, width = 14;
    for (const CompareTrace& t : traces)
        for (const CompareCell& c : t.cells) width = std::max(width, c.implementation.size());
    for (const CompareTrace& t : traces) {
        out << "TRACE " << t.path.string() << " (" << (t.trace ? t.trace->calls.size() : 0)
            << " calls)\n";
        out << "  " << pad("IMPLEMENTATION", width + 2) << pad("VERDICT", 10)
            << lpad("DIVERGENCES", 11) << "  " << pad("AUDIO", 11)
            << "FIRST DIVERGENCE / FAILURE\n";
        for (const CompareCell& c : t.cells) {
            const IsolatedReplay& r = c.result;
            const std::string verdict = verdict_of(r);
            ++totals[verdict];
            ++cells;
            const std::string count = r.status == ReplayStatus::kReplayed
                                          ? std::to_string(r.report.divergence_count)
                                          : "-";
            out << "  " << pad(c.implementation, width + 2) << pad(verdict, 10) << lpad(count, 11)
                << "  " << pad(audio_text(r), 11) << detail_text(t, r) << "\n";
            if (r.status != ReplayStatus::kReplayed) continue;
            for (const auto& [method, fields] : by_method_and_field(r.report)) {
                out << "      " << method << ":";
                bool first = true;
                for (const auto& [field, n] : fields) {
                    out << (first ? " " : ", ") << field << " " << n;
                    first = false;
                }
                out << "\n";
            }
            for (const std::string& note : r.report.notes) out << "      note: " << note << "\n";
            if (r.report.divergence_count > r.report.divergences.size())
                out << "      (counts by field cover the first " << r.report.divergences.size()
                    << " of " << r.report.divergence_count << " divergences)\n";
        }
    }
    out << "SUMMARY " << cells << " replays: ";
    bool first = true;
    for (const char* v : {"clean", "diverged", "crashed", "hung", "error", "refused"}) {
        if (!totals[v] && std::string(v) != "clean") continue;
        out << (first ? "" : ", ") << totals[v] << " " << v;
        first = false;
    }
    out << (isolated ? "" : " (not isolated: in-process fallback)") << "\n";
}

json compare_json(const std::vector<CompareTrace>& traces, bool isolated) {
    json doc = {{"aetrace_compare", 1}, {"isolated", isolated}};
    json list = json::array();
    std::map<std::string, std::uint64_t> totals;
    bool ok = true;
    for (const CompareTrace& t : traces) {
        json results = json::array();
        for (const CompareCell& c : t.cells) {
            const IsolatedReplay& r = c.result;
            const std::string verdict = verdict_of(r);
            ++totals[verdict];
            ok = ok && is_clean(r);
            json row = {{"implementation", c.implementation},
                        {"verdict", verdict},
                        {"audio", audio_text(r)},
                        {"detail", detail_text(t, r)},
                        {"calls_started", r.calls_started}};
            row["message"] = r.message.empty() ? json(nullptr) : json(r.message);
            row["call_index"] = r.call_index ? json(*r.call_index) : json(nullptr);
            row["call_method"] = r.call_index ? json(call_name(t, *r.call_index)) : json(nullptr);
            if (r.status == ReplayStatus::kReplayed) {
                row["divergence_count"] = r.report.divergence_count;
                row["divergences_by_method"] = by_method_and_field(r.report);
                row["first_divergence"] =
                    r.report.divergences.empty()
                        ? json(nullptr)
                        : session::divergence_to_json(r.report.divergences.front());
                row["report"] = session::report_to_json(r.report);
            }
            results.push_back(std::move(row));
        }
        list.push_back({{"path", t.path.string()},
                        {"calls", t.trace ? t.trace->calls.size() : 0},
                        {"results", std::move(results)}});
    }
    doc["ok"] = ok;
    doc["summary"] = totals;
    doc["traces"] = std::move(list);
    return doc;
}

void write_junit(const fs::path& path, const std::vector<CompareTrace>& traces) {
    std::ostringstream body;
    std::uint64_t tests = 0, failures = 0, errors = 0;
    for (const CompareTrace& t : traces) {
        std::uint64_t f = 0, e = 0;
        std::ostringstream cases;
        for (const CompareCell& c : t.cells) {
            const IsolatedReplay& r = c.result;
            cases << "    <testcase classname=\"" << xml_escape(t.path.stem().string())
                  << "\" name=\"" << xml_escape(c.implementation) << "\">\n";
            if (r.status == ReplayStatus::kReplayed && !r.report.ok()) {
                ++f;
                std::ostringstream counts;
                for (const auto& [method, fields] : by_method_and_field(r.report))
                    for (const auto& [field, n] : fields)
                        counts << method << " " << field << ": " << n << "\n";
                cases << "      <failure type=\"divergence\" message=\""
                      << xml_escape(detail_text(t, r)) << "\">"
                      << xml_escape(std::to_string(r.report.divergence_count) + " divergences\n" +
                                    counts.str())
                      << "</failure>\n";
            } else if (r.status != ReplayStatus::kReplayed) {
                ++e;
                cases << "      <error type=\"" << verdict_of(r) << "\" message=\""
                      << xml_escape(detail_text(t, r)) << "\"/>\n";
            }
            cases << "    </testcase>\n";
        }
        tests += t.cells.size();
        failures += f;
        errors += e;
        body << "  <testsuite name=\"" << xml_escape(t.path.string()) << "\" tests=\""
             << t.cells.size() << "\" failures=\"" << f << "\" errors=\"" << e << "\">\n"
             << cases.str() << "  </testsuite>\n";
    }
    const std::string text =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        "<testsuites name=\"aetrace compare\" tests=\"" +
        std::to_string(tests) + "\" failures=\"" + std::to_string(failures) + "\" errors=\"" +
        std::to_string(errors) + "\">\n" + body.str() + "</testsuites>\n";

    io::AtomicFile f;
    if (!f.open(path))
        throw InputError(path.string() + ": cannot create a temporary file next to it");
    if (!f.write(text.data(), text.size()))
        throw InputError(path.string() + ": cannot write JUnit file");
    if (!f.commit()) {  // fsync, close, rename; the temp file is removed on failure
        if (f.failed_step() == io::Step::kRename)
            throw InputError(path.string() + ": cannot write JUnit file (" + f.error() + ")");
        throw InputError(path.string() + ": cannot write JUnit file");
    }
}

}  // namespace aetrace::cli
