#include <algorithm>
#include <ostream>

#include "aetrace/abi/methods.h"
#include "aetrace/replay/trace_diff.h"

namespace aetrace::replay {

namespace {

using Op = CallDiffEntry::Op;

std::string call_text(const format::CallRecord& c) {
    const abi::MethodInfo* info = abi::method_info(c.method);
    return "seq " + std::to_string(c.seq) + " endpoint " + std::to_string(c.endpoint) + " " +
           (info ? std::string(info->qualified_name)
                 : "method " + std::to_string(static_cast<unsigned>(c.method)));
}

void print_entry(const format::Trace& a, const format::Trace& b, const CallDiffEntry& e,
                 std::ostream& out) {
    switch (e.op) {
        case Op::kSame:
            out << "  " << call_text(a.calls[e.index_a]) << "\n";
            break;
        case Op::kDeleted:
            out << "- " << call_text(a.calls[e.index_a]) << "\n";
            break;
        case Op::kInserted:
            out << "+ " << call_text(b.calls[e.index_b]) << "\n";
            break;
        case Op::kChanged: {
            const format::CallRecord& cb = b.calls[e.index_b];
            out << "~ " << call_text(a.calls[e.index_a]);
            if (cb.seq != a.calls[e.index_a].seq) out << " (B seq " << cb.seq << ")";
            out << "\n";
            for (const FieldDifference& f : e.fields)
                out << "    " << f.field << ": " << f.a << " -> " << f.b << "\n";
            break;
        }
    }
}

}  // namespace

void print_trace_diff(const format::Trace& a, const format::Trace& b, const TraceDiff& diff,
                      const std::string& name_a, const std::string& name_b, std::ostream& out,
                      std::size_t context) {
    out << "--- " << name_a << " (" << a.calls.size() << " calls)\n"
        << "+++ " << name_b << " (" << b.calls.size() << " calls)\n";
    const std::vector<CallDiffEntry>& calls = diff.calls;
    // Position in A and B before each entry, for the hunk headers.
    std::size_t i = 0;
    while (i < calls.size()) {
        if (calls[i].op == Op::kSame) {
            ++i;
            continue;
        }
        // A hunk: from `context` entries before the change to `context` after the last change
        // that is within 2 * context of the previous one.
        const std::size_t begin = i > context ? i - context : 0;
        std::size_t end = i;
        std::size_t quiet = 0;
        while (end < calls.size() && quiet <= 2 * context) {
            quiet = calls[end].op == Op::kSame ? quiet + 1 : 0;
            ++end;
        }
        end = std::min(calls.size(), end - quiet + std::min(quiet, context));
        std::size_t ia = 0, ib = 0;
        bool have_a = false, have_b = false;
        for (std::size_t k = begin; k < end && !(have_a && have_b); ++k) {
            if (!have_a && calls[k].op != Op::kInserted) ia = calls[k].index_a, have_a = true;
            if (!have_b && calls[k].op != Op::kDeleted) ib = calls[k].index_b, have_b = true;
        }
        std::size_t na = 0, nb = 0;
        for (std::size_t k = begin; k < end; ++k) {
            na += calls[k].op != Op::kInserted;
            nb += calls[k].op != Op::kDeleted;
        }
        out << "@@ A #" << ia << " +" << na << ", B #" << ib << " +" << nb << " @@\n";
        for (std::size_t k = begin; k < end; ++k) print_entry(a, b, calls[k], out);
        i = end;
    }
    if (!diff.records.empty()) {
        out << "records:\n";
        for (const RecordDifference& r : diff.records)
            out << "~ " << r.record << ": " << r.difference.field << ": " << r.difference.a
                << " -> " << r.difference.b << "\n";
    }
    for (const std::string& note : diff.notes) out << "note: " << note << "\n";
    out << diff.inserted << " inserted, " << diff.deleted << " deleted, " << diff.changed
        << " changed calls";
    if (!diff.records.empty()) out << ", " << diff.records.size() << " record differences";
    out << (diff.identical() ? " (identical)" : "") << "\n";
}

}  // namespace aetrace::replay
