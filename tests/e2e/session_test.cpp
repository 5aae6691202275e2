// The session layer's golden and record pipelines, called directly (the CLI prints their results).
#include <gtest/gtest.h>

#include <fstream>
#include <string>
#include <vector>

#include "aetrace/abi/error.h"
#include "aetrace/golden/golden.h"
#include "aetrace/session/golden_check.h"
#include "aetrace/session/pipeline.h"
#include "aetrace/test/temp_dir.h"
#include "synthetic.h"

namespace fs = std::filesystem;
namespace aetrace::e2e {

namespace {

fs::path synthetic_scenario(const test::TempDir& tmp) {
    const abi::StreamFormat f{abi::SampleType::kInt, 16, 2, 48000};
    test::write_synthetic_wav(tmp / "in.wav", f, 0.3, 11);
    return test::write_scenario(tmp.path(), "session", tmp / "in.wav", "period_ms = 10");
}

}  // namespace

TEST(SessionGoldenTest, UpdateCreatesThenKeepsTheGoldenAndCheckPassesWithReplay) {
    test::TempDir tmp;
    const fs::path scenario = synthetic_scenario(tmp);
    const fs::path golden_dir = tmp / "golden";

    const session::GoldenUpdate created =
        session::update_golden(scenario, tmp / "update", golden_dir);
    EXPECT_EQ(created.status, session::GoldenUpdateStatus::kCreated);
    EXPECT_EQ(created.golden_path, golden_dir / "session.golden");
    EXPECT_EQ(golden::read_golden(created.golden_path).calls_xxh3_128,
              created.run.actual.calls_xxh3_128);
    const session::GoldenUpdate again =
        session::update_golden(scenario, tmp / "update", golden_dir);
    EXPECT_EQ(again.status, session::GoldenUpdateStatus::kUnchanged);

    session::RunOptions opts;
    opts.out_dir = tmp / "check";
    const session::ScenarioCheck check =
        session::check_scenario(scenario, opts, golden_dir, /*check_golden=*/true, /*replay=*/true);
    EXPECT_EQ(check.verdict, session::CheckVerdict::kPass);
    EXPECT_TRUE(check.golden_checked);
    ASSERT_TRUE(check.replay.has_value());
    EXPECT_TRUE(check.replay->ok) << check.replay->summary;
}

TEST(SessionGoldenTest, ACheckAgainstADifferentGoldenSaysWhatDiffers) {
    test::TempDir tmp;
    const fs::path scenario = synthetic_scenario(tmp);
    const fs::path golden_dir = tmp / "golden";
    const session::GoldenUpdate created = session::update_golden(scenario, tmp / "u", golden_dir);
    golden::Golden changed = created.run.actual;
    changed.calls += 1;
    golden::write_golden(created.golden_path, changed);

    session::RunOptions opts;
    opts.out_dir = tmp / "check";
    const session::ScenarioCheck check =
        session::check_scenario(scenario, opts, golden_dir, /*check_golden=*/true, /*replay=*/true);
    EXPECT_EQ(check.verdict, session::CheckVerdict::kGoldenDiffers);
    EXPECT_FALSE(check.differences.empty());
    EXPECT_FALSE(check.replay.has_value());  // no replay once the golden differs
}

TEST(SessionRecordTest, RecordWritesOnlyTheTraceAndLeavesNoScratch) {
    test::TempDir tmp;
    const fs::path scenario = synthetic_scenario(tmp);
    fs::create_directories(tmp / "traces");
    const fs::path trace = tmp / "traces" / "t.aetrace";
    const session::RunOutcome o = session::record_scenario(scenario, trace, {});
    ASSERT_TRUE(o.engine.ok) << o.engine.message;
    EXPECT_TRUE(o.output_path.empty());
    EXPECT_GT(o.calls, 0u);
    ASSERT_TRUE(fs::exists(trace));
    std::size_t entries = 0;
    for (const auto& e : fs::directory_iterator(tmp / "traces")) {
        ++entries;
        EXPECT_EQ(e.path(), trace);
    }
    EXPECT_EQ(entries, 1u);
}

TEST(SessionGoldenTest, ScenarioFilesAreTheSortedTomlFilesOfADirectory) {
    test::TempDir tmp;
    for (const char* name : {"b.toml", "a.toml", "notes.txt"}) std::ofstream(tmp / name) << "";
    const std::vector<fs::path> files = session::scenario_files(tmp.path());
    ASSERT_EQ(files.size(), 2u);
    EXPECT_EQ(files[0].filename(), "a.toml");
    EXPECT_EQ(files[1].filename(), "b.toml");
    EXPECT_THROW(session::scenario_files(tmp / "missing"), InputError);
}

}  // namespace aetrace::e2e
