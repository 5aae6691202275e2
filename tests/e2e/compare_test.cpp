// `aetrace compare` as a user runs it: load errors, the matrix, isolation of crashing and hanging
// plugins, --json and --junit.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "aetrace/format/trace.h"
#include "aetrace/test/temp_dir.h"
#include "cli_runner.h"
#include "synthetic.h"

namespace fs = std::filesystem;
namespace aetrace::e2e {

namespace {

std::string q(const fs::path& p) {
    return "\"" + p.string() + "\"";
}

/// The line of `out` that starts (after indentation) with `name` followed by a space.
std::string row_of(const std::string& out, const std::string& name) {
    std::istringstream in(out);
    std::string line;
    while (std::getline(in, line))
        if (line.rfind("  " + name + " ", 0) == 0) return line;
    return "";
}

/// Minimal well-formedness check: every element is closed in order, attributes are quoted.
bool well_formed_xml(const std::string& xml) {
    std::vector<std::string> open;
    std::size_t i = xml.find("?>");
    if (xml.rfind("<?xml", 0) != 0 || i == std::string::npos) return false;
    for (i += 2; (i = xml.find('<', i)) != std::string::npos;) {
        const std::size_t end = xml.find('>', i);
        if (end == std::string::npos) return false;
        std::string tag = xml.substr(i + 1, end - i - 1);
        i = end + 1;
        if (std::count(tag.begin(), tag.end(), '"') % 2) return false;
        if (tag[0] == '/') {
            if (open.empty() || open.back() != tag.substr(1)) return false;
            open.pop_back();
        } else if (tag.back() != '/') {
            open.push_back(tag.substr(0, tag.find(' ')));
        }
    }
    return open.empty();
}

/// `attr="N"` of the first element named `element`.
std::string attribute(const std::string& xml, const std::string& element, const std::string& attr) {
    const std::size_t at = xml.find("<" + element + " ");
    if (at == std::string::npos) return "";
    const std::size_t a = xml.find(attr + "=\"", at);
    if (a == std::string::npos) return "";
    const std::size_t v = a + attr.size() + 2;
    return xml.substr(v, xml.find('"', v) - v);
}

class CompareTest : public ::testing::Test {
  protected:
    void SetUp() override {
        test::write_synthetic_wav(tmp_ / "in.wav", {abi::SampleType::kInt, 16, 2, 48000}, 0.5, 4);
        const fs::path scenario =
            test::write_scenario(tmp_.path(), "cmp", tmp_ / "in.wav", "period_ms = 10");
        fs::create_directories(tmp_ / "traces");
        trace_ = tmp_ / "traces" / "a.aetrace";
        const CliResult r = run_cli(tmp_, "record " + q(scenario) + " -o " + q(trace_));
        ASSERT_EQ(r.code, 0) << r.err;
    }
    /// Index in the trace's calls of the n-th (1-based) GetCurrentPadding call.
    std::uint64_t nth_padding_call(int n) const {
        const format::Trace t = format::read_trace(trace_);
        for (std::size_t i = 0; i < t.calls.size(); ++i)
            if (t.calls[i].method == abi::MethodId::IAudioEndpointRT_GetCurrentPadding && --n == 0)
                return i;
        return ~0ull;
    }
    test::TempDir tmp_;
    fs::path trace_;
};

}  // namespace

TEST_F(CompareTest, PluginLoadErrorsExitTwoWithOneLineNamingTheLibrary) {
    const std::vector<std::pair<std::string, std::string>> cases = {
        {(tmp_ / "absent.so").string(), "cannot load plugin"},
        {AETRACE_NOFACTORY_PLUGIN, "not an aetrace plugin (no aetrace_create_endpoint_v1)"},
        {AETRACE_ABI2_PLUGIN, "plugin ABI version 2, this aetrace supports 1"}};
    for (const auto& [path, message] : cases) {
        const CliResult r =
            run_cli(tmp_, "compare " + q(trace_) + " --impl reference --impl " + q(path));
        EXPECT_EQ(r.code, 2) << path << r.out << r.err;
        EXPECT_EQ(count_lines(r.err), 1) << r.err;
        EXPECT_NE(r.err.find(path + ": " + message), std::string::npos) << r.err;
        EXPECT_EQ(r.out, "") << "nothing runs before every implementation is loaded";
    }
}

TEST_F(CompareTest, HelpExitsZeroAndNamesTheOptions) {
    const CliResult r = run_cli(tmp_, "compare --help");
    EXPECT_EQ(r.code, 0) << r.err;
    for (const char* option : {"--impl", "--json", "--junit", "--timeout", "--time-tolerance-hns"})
        EXPECT_NE(r.out.find(option), std::string::npos) << option;
}

TEST_F(CompareTest, MissingTraceOrUnknownImplementationExitsTwo) {
    CliResult r = run_cli(tmp_, "compare " + q(tmp_ / "nope.aetrace") + " --impl reference");
    EXPECT_EQ(r.code, 2);
    EXPECT_EQ(count_lines(r.err), 1) << r.err;
    EXPECT_NE(r.err.find("nope.aetrace"), std::string::npos) << r.err;
    r = run_cli(tmp_, "compare " + q(trace_) + " --impl no-such-thing");
    EXPECT_EQ(r.code, 2);
    EXPECT_NE(r.err.find("no-such-thing"), std::string::npos) << r.err;
    EXPECT_EQ(run_cli(tmp_, "compare " + q(trace_)).code, 2);  // --impl is required
}

TEST_F(CompareTest, ExamplePluginAndReferenceReplayClean) {
    const CliResult r = run_cli(
        tmp_, "compare " + q(trace_) + " --impl reference --impl " + q(AETRACE_EXAMPLE_PLUGIN));
    EXPECT_EQ(r.code, 0) << r.out << r.err;
    EXPECT_NE(row_of(r.out, "reference").find(" clean "), std::string::npos) << r.out;
    EXPECT_NE(row_of(r.out, AETRACE_EXAMPLE_PLUGIN).find(" clean "), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("SUMMARY 2 replays: 2 clean"), std::string::npos) << r.out;
}

TEST_F(CompareTest, CrashAndHangAreReportedWithTheirCallWhileTheOthersStillRun) {
    const CliResult r =
        run_cli(tmp_, "compare " + q(trace_) + " --impl " + q(AETRACE_CRASH_PLUGIN) + " --impl " +
                          q(AETRACE_HANG_PLUGIN) +
                          " --impl mutant-padding-off-by-one --impl reference --timeout 2");
    EXPECT_EQ(r.code, 1) << r.out << r.err;
    const std::string crash = row_of(r.out, AETRACE_CRASH_PLUGIN);
    EXPECT_NE(crash.find("crashed (SIGSEGV) in call #" + std::to_string(nth_padding_call(5)) +
                         " IAudioEndpointRT::GetCurrentPadding"),
              std::string::npos)
        << r.out;
    const std::string hang = row_of(r.out, AETRACE_HANG_PLUGIN);
    EXPECT_NE(
        hang.find("hung (time limit 2 s exceeded) in call #" + std::to_string(nth_padding_call(3)) +
                  " IAudioEndpointRT::GetCurrentPadding"),
        std::string::npos)
        << r.out;
    const std::string mutant = row_of(r.out, "mutant-padding-off-by-one");
    EXPECT_NE(mutant.find(" diverged "), std::string::npos) << r.out;
    EXPECT_NE(mutant.find("IAudioEndpointRT::GetCurrentPadding padding: "), std::string::npos)
        << r.out;
    EXPECT_NE(row_of(r.out, "reference").find(" clean "), std::string::npos) << r.out;
    // Counts by method and field follow the diverging row.
    EXPECT_NE(r.out.find("      IAudioEndpointRT::GetCurrentPadding: "), std::string::npos)
        << r.out;
}

TEST_F(CompareTest, JsonIsOneDocumentWithAVerdictPerImplementation) {
    const CliResult r =
        run_cli(tmp_, "compare " + q(tmp_ / "traces") + " --json --impl reference --impl " +
                          q(AETRACE_CRASH_PLUGIN) + " --impl mutant-swap-channels");
    EXPECT_EQ(r.code, 1) << r.err;
    const nlohmann::json doc = nlohmann::json::parse(r.out);  // throws if not one JSON document
    EXPECT_EQ(doc.at("ok"), false);
    ASSERT_EQ(doc.at("traces").size(), 1u);
    const nlohmann::json& results = doc["traces"][0].at("results");
    ASSERT_EQ(results.size(), 3u);
    EXPECT_EQ(results[0].at("verdict"), "clean");
    EXPECT_EQ(results[0].at("divergence_count"), 0);
    EXPECT_EQ(results[1].at("verdict"), "crashed");
    EXPECT_EQ(results[1].at("call_index"), nth_padding_call(5));
    EXPECT_EQ(results[1].at("call_method"), "IAudioEndpointRT::GetCurrentPadding");
    EXPECT_EQ(results[2].at("verdict"), "diverged");
    EXPECT_FALSE(results[2].at("first_divergence").is_null());
    EXPECT_TRUE(results[2].at("divergences_by_method").is_object());
    EXPECT_EQ(doc.at("summary").at("clean"), 1);
}

TEST_F(CompareTest, JunitFileIsWellFormedWithTheRightCounts) {
    // A second trace in the folder: two testsuites.
    fs::copy_file(trace_, tmp_ / "traces" / "b.aetrace");
    const fs::path junit = tmp_ / "report.xml";
    const CliResult r =
        run_cli(tmp_, "compare " + q(tmp_ / "traces") + " --junit " + q(junit) +
                          " --timeout 2 --impl reference --impl " + q(AETRACE_CRASH_PLUGIN) +
                          " --impl mutant-padding-off-by-one");
    EXPECT_EQ(r.code, 1) << r.err;
    EXPECT_NE(r.out.find("b.aetrace"), std::string::npos) << r.out;
    const std::string xml = slurp(junit);
    EXPECT_TRUE(well_formed_xml(xml)) << xml;
    EXPECT_EQ(attribute(xml, "testsuites", "tests"), "6") << xml;
    EXPECT_EQ(attribute(xml, "testsuites", "failures"), "2") << xml;
    EXPECT_EQ(attribute(xml, "testsuites", "errors"), "2") << xml;
    EXPECT_EQ(attribute(xml, "testsuite", "tests"), "3") << xml;
    EXPECT_NE(xml.find("<failure type=\"divergence\" message=\"call #"), std::string::npos) << xml;
    EXPECT_NE(xml.find("<error type=\"crashed\""), std::string::npos) << xml;
    for (const auto& e : fs::directory_iterator(tmp_.path()))
        EXPECT_EQ(e.path().filename().string().find(".tmp-"), std::string::npos) << e.path();
}

TEST_F(CompareTest, TimeToleranceAcceptsAnOwnClockOriginAndTheReportSaysSo) {
    const std::string base =
        "compare " + q(trace_) + " --json --impl " + q(AETRACE_OFFSET_CLOCK_PLUGIN);
    CliResult r = run_cli(tmp_, base);
    EXPECT_EQ(r.code, 1) << r.err;
    nlohmann::json doc = nlohmann::json::parse(r.out);
    const nlohmann::json& strict = doc["traces"][0]["results"][0];
    EXPECT_EQ(strict.at("verdict"), "diverged");
    // Only the time differs: every divergence is an hnsQPCPosition.
    for (const auto& [method, fields] : strict.at("divergences_by_method").items())
        for (const auto& [field, n] : fields.items())
            EXPECT_EQ(field, "position.hnsQPCPosition") << method;

    r = run_cli(tmp_, base + " --time-tolerance-hns 0");
    EXPECT_EQ(r.code, 0) << r.out << r.err;
    doc = nlohmann::json::parse(r.out);
    const nlohmann::json& tolerant = doc["traces"][0]["results"][0];
    EXPECT_EQ(tolerant.at("verdict"), "clean");
    bool noted = false;
    for (const auto& note : tolerant.at("report").at("notes"))
        noted = noted || note.get<std::string>().find("time tolerance") != std::string::npos;
    EXPECT_TRUE(noted) << tolerant.dump();
}

TEST_F(CompareTest, ImplementationInAnotherFormatIsRefusedNamingBothFormatsWhileOthersRun) {
    const CliResult r = run_cli(
        tmp_, "compare " + q(trace_) + " --impl " + q(AETRACE_44K1_PLUGIN) + " --impl reference");
    EXPECT_EQ(r.code, 2) << r.out << r.err;
    const std::string row = row_of(r.out, AETRACE_44K1_PLUGIN);
    EXPECT_NE(row.find(" refused "), std::string::npos) << r.out;
    EXPECT_NE(row.find("trace format 48000 Hz, 2 ch, s16"), std::string::npos) << r.out;
    EXPECT_NE(row.find("44100 Hz, 2 ch, s16"), std::string::npos) << r.out;
    EXPECT_NE(row_of(r.out, "reference").find(" clean "), std::string::npos) << r.out;
}

}  // namespace aetrace::e2e
