// Catching bugs, measured (issue 4 item 8): every committed scenario (and one synthetic scenario
// for a trigger no committed one has) is recorded with "reference"; the trace is replayed against
// every mutant endpoint. Each mutant must be caught, and in its designated trace the first
// divergence must be the call (seq, method, field) or the second of audio its bug spoils. The score
// table is printed with the results.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <map>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "aetrace/abi/methods.h"
#include "aetrace/endpoints/factory.h"
#include "aetrace/format/trace.h"
#include "aetrace/session/pipeline.h"
#include "aetrace/session/replay_runner.h"
#include "aetrace/test/temp_dir.h"
#include "mutant_expectations.h"
#include "synthetic.h"

namespace fs = std::filesystem;
namespace aetrace::mutants {
namespace {

struct Recorded {
    fs::path trace_path;
    format::Trace trace;
};

/// Records scenarios with "reference" on first use, once per test program (CTest runs each test
/// in its own process, so each records only what it replays).
class Traces {
  public:
    static Traces& get() {
        static Traces traces;
        return traces;
    }
    /// The recorded trace of `scenario` (recorded now if needed); null for an unknown name.
    const Recorded* find(const std::string& scenario) {
        if (auto it = by_scenario_.find(scenario); it != by_scenario_.end()) return &it->second;
        const auto path = paths_.find(scenario);
        if (path == paths_.end()) return nullptr;
        session::RunOptions opts;
        opts.out_dir = tmp_ / scenario;
        opts.write_wav = false;
        const session::RunOutcome o = session::run_scenario(path->second, opts);
        if (!o.engine.ok) ADD_FAILURE() << scenario << ": " << o.engine.message;
        Recorded& r = by_scenario_[scenario];
        r.trace_path = o.trace_path;
        r.trace = format::read_trace(o.trace_path, true);
        return &r;
    }

  private:
    Traces() {
        for (const auto& e :
             fs::directory_iterator(aetrace::test::source_dir() / "fixtures" / "scenarios"))
            if (e.path().extension() == ".toml") paths_[e.path().stem().string()] = e.path();
        // 22.05 kHz with a 10 ms period: 220.5 frames per packet (POLICY #15 rounds half up).
        const abi::StreamFormat f{abi::SampleType::kInt, 16, 1, 22050};
        aetrace::test::write_synthetic_wav(tmp_ / "fraction.wav", f, 0.3, 5);
        paths_["synthetic-22k05-fraction"] = aetrace::test::write_scenario(
            tmp_.path(), "synthetic-22k05-fraction", tmp_ / "fraction.wav",
            "period_ms = 10\nlatency_coefficient = 2\nseed = 2\njitter_us = 1000");
    }
    aetrace::test::TempDir tmp_;
    std::map<std::string, fs::path> paths_;
    std::map<std::string, Recorded> by_scenario_;
};

std::vector<std::string> mutant_names() {
    std::vector<std::string> names;
    for (const std::string& n : endpoints::builtin_endpoint_names())
        if (n.rfind("mutant-", 0) == 0) names.push_back(n);
    return names;
}

std::string first_divergence(const replay::ReplayReport& r) {
    if (!r.divergences.empty()) return replay::describe(r.divergences.front());
    for (const auto& a : r.audio)
        if (a.checked && !a.matches && !a.differing_seconds.empty())
            return "render endpoint " + std::to_string(a.endpoint) +
                   ": audio differs from second " + std::to_string(a.differing_seconds.front());
    return "-";
}

bool field_matches(const std::string& expected, const std::string& actual) {
    if (!expected.empty() && expected.back() == '.') return actual.rfind(expected, 0) == 0;
    return actual == expected;
}

/// Empty when the report's first divergence is the expected one, else why not.
std::string check(const Expectation& e, const replay::ReplayReport& r) {
    if (e.audio_second) {
        if (!r.divergences.empty())
            return "expected only an audio difference, got " + first_divergence(r);
        for (const auto& a : r.audio)
            if (a.checked && !a.matches && !a.differing_seconds.empty() &&
                a.differing_seconds.front() == *e.audio_second)
                return {};
        return "expected audio to differ first in second " + std::to_string(*e.audio_second) +
               ", got " + first_divergence(r);
    }
    if (r.divergences.empty()) return "expected a call divergence, got " + first_divergence(r);
    const replay::Divergence& d = r.divergences.front();
    if (d.method != e.method || !field_matches(e.field, d.field) || (e.seq && d.seq != *e.seq)) {
        std::string want = std::string(abi::method_info(e.method)->qualified_name) + " " + e.field;
        if (e.seq) want += " at seq " + std::to_string(*e.seq);
        return "expected " + want + ", got " + replay::describe(d);
    }
    return {};
}

TEST(MutantSetTest, HasAtLeastTwelveMutantsEachWithAnExpectation) {
    const auto names = mutant_names();
    EXPECT_GE(names.size(), 12u);
    std::vector<std::string> covered;
    for (const MutantCase& c : mutant_cases()) covered.push_back(c.name);
    EXPECT_EQ(covered, names);
}

// One test for the whole set, so each trace is recorded once (CTest runs every TEST in its own
// process). Each mutant is replayed against its designated trace; each failure names its mutant.
TEST(MutantScoreTest, EveryMutantIsCaughtAtTheCallItsBugSpoils) {
    std::ostringstream table;
    std::size_t caught = 0, pointed = 0;
    const auto cases = mutant_cases();
    for (const MutantCase& m : cases) {
        const Recorded* rec = Traces::get().find(m.scenario);
        ASSERT_NE(rec, nullptr) << m.scenario;
        const std::optional<Expectation> e = m.expect(rec->trace);
        EXPECT_TRUE(e.has_value())
            << m.name << ": " << m.scenario << " has no trigger: " << m.trigger;
        const auto r = session::replay_trace_file(rec->trace_path, m.name, std::nullopt);
        const std::string why = e ? check(*e, r.report) : "no expectation";
        caught += r.ok ? 0 : 1;
        pointed += !r.ok && why.empty() ? 1 : 0;
        EXPECT_FALSE(r.ok) << m.name << " not caught on " << m.scenario;
        EXPECT_EQ(why, "") << m.name << " on " << m.scenario << " (" << m.trigger << ")";
        char line[200];
        std::snprintf(line, sizeof line, "%-36s %-6s %-11s %-25s ", m.name.c_str(),
                      r.ok ? "NO" : "yes", why.empty() ? "right call" : "WRONG call",
                      m.scenario.c_str());
        table << line << first_divergence(r.report) << "\n";
    }
    std::printf("%-36s %-6s %-11s %-25s %s\n%s", "mutant", "caught", "pointing", "trace",
                "first divergence", table.str().c_str());
    std::printf("score: %zu/%zu mutants caught, %zu/%zu at the expected call\n", caught,
                cases.size(), pointed, cases.size());
    EXPECT_EQ(caught, cases.size());
}

// The committed scenarios replay clean against both bases (packet_ring_agreement_test, e2e tests);
// so must the synthetic one, or a mutant could be "caught" by a bug of its base.
TEST(MutantScoreTest, SyntheticTraceReplaysCleanAgainstTheMutantsBases) {
    const Recorded* rec = Traces::get().find("synthetic-22k05-fraction");
    ASSERT_NE(rec, nullptr);
    for (const char* impl : {"reference", "packet-ring"}) {
        const auto r = session::replay_trace_file(rec->trace_path, impl, std::nullopt);
        EXPECT_TRUE(r.ok) << impl << ": " << first_divergence(r.report);
    }
}

}  // namespace
}  // namespace aetrace::mutants
