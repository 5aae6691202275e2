// run_isolated: results, crashes, hangs and exceptions of the child, with its progress.
#include <gtest/gtest.h>

#include <csignal>
#include <cstdlib>

#include "aetrace/abi/error.h"
#include "aetrace/plugin/isolation.h"

namespace aetrace::plugin {
namespace {

using namespace std::chrono_literals;

TEST(IsolationTest, CompletedWorkReturnsItsOutputAndProgress) {
    const IsolationResult r = run_isolated(
        [](IsolationProgress& p) {
            p.call_index.store(7);
            p.calls_started.store(8);
            return std::string("hello\0world", 11);
        },
        10s);
    EXPECT_EQ(r.status, IsolationStatus::kCompleted);
    EXPECT_EQ(r.output, std::string("hello\0world", 11));
    EXPECT_EQ(r.call_index, 7u);
    EXPECT_EQ(r.calls_started, 8u);
}

TEST(IsolationTest, CrashIsReportedWithItsSignalAndTheCallReached) {
    if (!isolation_supported()) GTEST_SKIP() << "in-process fallback";
    const IsolationResult r = run_isolated(
        [](IsolationProgress& p) -> std::string {
            p.call_index.store(41);
            std::raise(SIGSEGV);
            return "unreachable";
        },
        10s);
    EXPECT_EQ(r.status, IsolationStatus::kCrashed);
    EXPECT_EQ(r.message, "SIGSEGV");
    EXPECT_EQ(r.call_index, 41u);
}

TEST(IsolationTest, ChildExitingWithoutAResultIsACrash) {
    if (!isolation_supported()) GTEST_SKIP() << "in-process fallback";
    const IsolationResult r =
        run_isolated([](IsolationProgress&) -> std::string { std::_Exit(3); }, 10s);
    EXPECT_EQ(r.status, IsolationStatus::kCrashed);
    EXPECT_EQ(r.message, "exit status 3 without a result");
}

TEST(IsolationTest, HangIsKilledAtTheTimeLimit) {
    if (!isolation_supported()) GTEST_SKIP() << "in-process fallback";
    const auto start = std::chrono::steady_clock::now();
    const IsolationResult r = run_isolated(
        [](IsolationProgress& p) -> std::string {
            p.call_index.store(3);
            volatile unsigned long spin = 0;
            for (;;) spin = spin + 1;
        },
        300ms);
    EXPECT_EQ(r.status, IsolationStatus::kTimedOut);
    EXPECT_EQ(r.call_index, 3u);
    EXPECT_NE(r.message.find("time limit"), std::string::npos) << r.message;
    EXPECT_LT(std::chrono::steady_clock::now() - start, 5s);
}

TEST(IsolationTest, ExceptionsAreReportedAsFailedAndInputErrorsMarked) {
    IsolationResult r = run_isolated(
        [](IsolationProgress&) -> std::string { throw InputError("x.aetrace: bad"); }, 10s);
    EXPECT_EQ(r.status, IsolationStatus::kFailed);
    EXPECT_TRUE(r.input_error);
    EXPECT_EQ(r.message, "x.aetrace: bad");
    r = run_isolated([](IsolationProgress&) -> std::string { throw std::runtime_error("boom"); },
                     10s);
    EXPECT_EQ(r.status, IsolationStatus::kFailed);
    EXPECT_FALSE(r.input_error);
    EXPECT_EQ(r.message, "boom");
}

}  // namespace
}  // namespace aetrace::plugin
