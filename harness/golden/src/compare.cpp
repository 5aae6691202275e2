#include "aetrace/golden/compare.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <string>
#include <utility>

namespace aetrace::golden {
namespace {

std::string number(double v) {
    char buf[64];
    const auto r = std::to_chars(buf, buf + sizeof buf, v);
    return std::string(buf, r.ptr);
}

bool close_enough(double a, double b) {
    if (std::isnan(a) || std::isnan(b)) return std::isnan(a) && std::isnan(b);
    if (a == b) return true;
    return std::fabs(a - b) <= kStatisticTolerance * std::max(std::fabs(a), std::fabs(b));
}

/// "2, 3, 7" (at most 20 listed, then "and N more").
std::string list_seconds(const std::vector<std::uint64_t>& seconds) {
    constexpr std::size_t kMaxListed = 20;
    std::string s;
    for (std::size_t i = 0; i < seconds.size() && i < kMaxListed; ++i) {
        if (i) s += ", ";
        s += std::to_string(seconds[i]);
    }
    if (seconds.size() > kMaxListed)
        s += " and " + std::to_string(seconds.size() - kMaxListed) + " more";
    return s;
}

}  // namespace

GoldenComparison compare(const Golden& expected, const Golden& actual) {
    GoldenComparison r;
    auto differ = [&](std::string line) { r.differences.push_back(std::move(line)); };

    if (expected.scenario != actual.scenario)
        differ("scenario: expected \"" + expected.scenario + "\", got \"" + actual.scenario + "\"");
    if (!(expected.format == actual.format))
        differ("format: expected " + abi::describe(expected.format) + ", got " +
               abi::describe(actual.format));
    if (expected.frames != actual.frames)
        differ("frames: expected " + std::to_string(expected.frames) + ", got " +
               std::to_string(actual.frames));

    const std::size_t seconds = std::max(expected.seconds.size(), actual.seconds.size());
    for (std::size_t i = 0; i < seconds; ++i) {
        const bool both = i < expected.seconds.size() && i < actual.seconds.size();
        if (!both || !(expected.seconds[i] == actual.seconds[i])) r.differing_seconds.push_back(i);
    }
    if (!r.differing_seconds.empty()) {
        const char* noun = r.differing_seconds.size() == 1 ? "second " : "seconds ";
        differ("audio differs in " + std::string(noun) + list_seconds(r.differing_seconds) +
               " (of " + std::to_string(seconds) + ", counted from 0)");
    } else if (!(expected.audio_xxh3_128 == actual.audio_xxh3_128)) {
        differ("audio differs (audio_xxh3_128 " + expected.audio_xxh3_128.hex() + " vs " +
               actual.audio_xxh3_128.hex() + "; per-second hashes equal)");
    }

    if (expected.calls != actual.calls)
        differ("call results differ (calls: expected " + std::to_string(expected.calls) + ", got " +
               std::to_string(actual.calls) + ")");
    else if (!(expected.calls_xxh3_128 == actual.calls_xxh3_128))
        differ("call results differ (calls_xxh3_128 " + expected.calls_xxh3_128.hex() + " vs " +
               actual.calls_xxh3_128.hex() + ")");

    if (!close_enough(expected.peak, actual.peak))
        r.notes.push_back("peak: expected " + number(expected.peak) + ", got " +
                          number(actual.peak));
    if (!close_enough(expected.rms, actual.rms))
        r.notes.push_back("rms: expected " + number(expected.rms) + ", got " + number(actual.rms));

    r.matches = r.differences.empty();
    return r;
}

}  // namespace aetrace::golden
