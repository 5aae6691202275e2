#include <algorithm>
#include <cstdio>
#include <ostream>
#include <string>

#include "aetrace/abi/methods.h"
#include "aetrace/replay/divergence.h"

namespace aetrace::replay {

bool ReplayReport::ok() const noexcept {
    if (divergence_count != 0) return false;
    for (const AudioVerdict& v : audio)
        if (!v.passes()) return false;
    return true;
}

std::string describe(const Divergence& d) {
    const abi::MethodInfo* info = abi::method_info(d.method);
    std::string text = "call #" + std::to_string(d.call_index) + " (seq " + std::to_string(d.seq) +
                       ") endpoint " + std::to_string(d.endpoint) + " ";
    text += info ? std::string(info->qualified_name)
                 : "method " + std::to_string(static_cast<unsigned>(d.method));
    text += ": " + d.field + " expected " + d.expected + ", actual " + d.actual;
    return text;
}

namespace {

std::uint64_t audio_mismatches(const ReplayReport& report) {
    std::uint64_t n = 0;
    for (const AudioVerdict& v : report.audio) n += !v.passes();
    return n;
}

/// "1.5e-07" / "inf": a double in short form.
std::string number_text(double value) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.6g", value);
    return buf;
}

/// The sample tier and the threshold, as the second line of a mismatching verdict.
void print_comparison(const AudioVerdict& v, std::ostream& out) {
    if (v.compared) {
        const audio::AudioComparison& c = v.comparison;
        out << "    first difference at frame " << c.first_diff_frame << ", channel "
            << c.first_diff_channel << "; max abs diff " << number_text(c.max_abs_diff)
            << "; max ULP diff " << c.max_ulp_diff << "; SNR " << number_text(c.snr_db)
            << " dB; samples differ in second" << (c.differing_seconds.size() == 1 ? " " : "s ");
        const std::size_t shown = std::min<std::size_t>(c.differing_seconds.size(), 20);
        for (std::size_t i = 0; i < shown; ++i) out << (i ? ", " : "") << c.differing_seconds[i];
        if (shown < c.differing_seconds.size())
            out << ", ... (" << c.differing_seconds.size() << " seconds)";
        out << "\n";
    } else if (v.note.empty()) {
        out << "    (sample-level detail needs the expected output audio: ReplayOptions::"
               "expected_output, aetrace replay --expected-output)\n";
    }
    if (!v.snr_db_min) return;
    const std::string threshold = "SNR >= " + number_text(*v.snr_db_min) + " dB";
    if (v.within_tolerance)
        out << "    within tolerance (" << threshold << ")\n";
    else if (!v.compared)
        out << "    fails: no expected output to measure the SNR against (" << threshold << ")\n";
    else if (v.comparison.frames_a != v.comparison.frames_b)
        out << "    fails: frame counts differ (" << threshold << " applies to equal lengths)\n";
    else
        out << "    fails: below " << threshold << "\n";
}

void print_verdict(const AudioVerdict& v, std::ostream& out) {
    out << "  render endpoint " << v.endpoint << ": ";
    if (!v.checked) {
        out << v.note << "\n";
        return;
    }
    if (v.matches) {
        out << "matches, " << v.frames_actual << " frames\n";
        return;
    }
    out << "audio differs";
    if (!v.differing_seconds.empty()) {
        out << " in second" << (v.differing_seconds.size() > 1 ? "s " : " ");
        const std::size_t shown = v.differing_seconds.size() < 20 ? v.differing_seconds.size() : 20;
        for (std::size_t i = 0; i < shown; ++i) out << (i ? ", " : "") << v.differing_seconds[i];
        if (shown < v.differing_seconds.size())
            out << ", ... (" << v.differing_seconds.size() << " seconds)";
        out << " of " << v.seconds;
    }
    out << " (frames expected " << v.frames_expected << ", actual " << v.frames_actual << ")";
    if (!v.note.empty()) out << "; " << v.note;
    out << "\n";
    print_comparison(v, out);
}

}  // namespace

void print_report(const ReplayReport& report, std::ostream& out) {
    const std::uint64_t bad_audio = audio_mismatches(report);
    out << "replay: " << (report.ok() ? "OK" : "DIVERGED") << ": " << report.calls_replayed
        << " calls replayed, " << report.divergence_count << " divergence"
        << (report.divergence_count == 1 ? "" : "s");
    if (bad_audio) out << ", audio differs on " << bad_audio << " endpoint(s)";
    std::uint64_t tolerated = 0;
    for (const AudioVerdict& v : report.audio) tolerated += v.within_tolerance;
    if (tolerated) out << ", audio within tolerance on " << tolerated << " endpoint(s)";
    if (report.calls_skipped) out << ", " << report.calls_skipped << " skipped (unknown method)";
    if (report.calls_not_issued) out << ", " << report.calls_not_issued << " not issued";
    out << "\n";
    if (!report.divergences.empty()) {
        const Divergence& d = report.divergences.front();
        const abi::MethodInfo* info = abi::method_info(d.method);
        out << "first divergence:\n"
            << "  call:     #" << d.call_index << " (seq " << d.seq << "), endpoint " << d.endpoint
            << "\n"
            << "  method:   "
            << (info ? std::string(info->qualified_name)
                     : "method " + std::to_string(static_cast<unsigned>(d.method)))
            << "\n"
            << "  field:    " << d.field << "\n"
            << "  expected: " << d.expected << "\n"
            << "  actual:   " << d.actual << "\n";
    }
    if (!report.per_method.empty()) {
        out << "divergences per method:\n";
        for (const auto& [name, count] : report.per_method)
            out << "  " << name << ": " << count << "\n";
        if (report.divergences.size() < report.divergence_count)
            out << "  (first " << report.divergences.size() << " of " << report.divergence_count
                << " kept)\n";
    }
    if (!report.audio.empty()) {
        out << "audio:\n";
        for (const AudioVerdict& v : report.audio) print_verdict(v, out);
    }
    if (!report.notes.empty()) {
        out << "notes:\n";
        for (const std::string& note : report.notes) out << "  - " << note << "\n";
    }
}

}  // namespace aetrace::replay
