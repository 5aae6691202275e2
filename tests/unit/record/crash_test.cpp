// Crash safety, for real: a child process records, is killed with SIGKILL, and the parent reads the
// trace it left behind (<trace>.tmp) up to the last flush.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <sstream>
#include <thread>

#include "aetrace/format/jsonl.h"
#include "aetrace/test/temp_dir.h"
#include "recording_fixture.h"

using namespace aetrace;
using namespace aetrace::abi;
using namespace aetrace::record;
using namespace aetrace::record::test;

namespace {

constexpr int kPasses = 50;
constexpr std::uint64_t kCallsPerPass = 4;  // padding, get, release, processing complete

/// The child: records kPasses render passes with a 20 ms flush interval, tells the parent, then
/// keeps recording slowly until it is killed. Never returns.
[[noreturn]] void record_until_killed(const std::filesystem::path& path, int ready_fd) {
    clock::VirtualClock clock;
    RecorderOptions opts = small_options();
    opts.flush_interval = 200'000;  // 20 ms
    Recorder recorder(path, test_header(), clock, nullptr, opts);
    auto proxy = recorder.wrap(endpoints::make_wav_render_endpoint(config(), clock), 0,
                               endpoint_info(format::EndpointRole::kRender));
    proxy.as<IAudioDeviceEndpoint>()->SetBuffer(100000, 2);
    proxy.as<IAudioEndpointControl>()->Start();
    auto rt = proxy.as<IAudioEndpointRT>();
    auto out = proxy.as<IAudioOutputEndpointRT>();
    for (int pass = 0;; ++pass) {
        clock.set(pass * 100000LL);
        HNSTIME padding = 0;
        rt->GetCurrentPadding(&padding, nullptr);
        render_pass(*out.get(), 480, pass & 0xff);
        rt->ProcessingComplete();
        if (pass + 1 == kPasses) {
            const char ready = 'r';
            if (write(ready_fd, &ready, 1) != 1) _exit(3);
        }
        if (pass + 1 >= kPasses) std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
}

}  // namespace

TEST(RecorderCrashTest, TraceOfAKilledProcessIsReadableUpToTheLastFlush) {
    aetrace::test::TempDir dir;
    const auto path = dir / "t.aetrace";
    int fds[2];
    ASSERT_EQ(pipe(fds), 0);
    const pid_t child = fork();
    ASSERT_GE(child, 0);
    if (child == 0) {
        close(fds[0]);
        record_until_killed(path, fds[1]);
    }
    close(fds[1]);
    char ready = 0;
    ASSERT_EQ(read(fds[0], &ready, 1), 1);
    close(fds[0]);
    std::this_thread::sleep_for(std::chrono::milliseconds(80));  // > one flush interval + a poll
    ASSERT_EQ(kill(child, SIGKILL), 0);
    int status = 0;
    ASSERT_EQ(waitpid(child, &status, 0), child);
    ASSERT_TRUE(WIFSIGNALED(status));

    EXPECT_FALSE(std::filesystem::exists(path));
    const format::Trace t = format::read_trace(dir / "t.aetrace.tmp", /*strict=*/false);
    // Everything of the first kPasses passes (and SetBuffer, Start) was flushed before the kill.
    EXPECT_GE(t.calls.size(), 2 + kPasses * kCallsPerPass);
    for (std::size_t i = 0; i < t.calls.size(); ++i) ASSERT_EQ(t.calls[i].seq, i);
    EXPECT_FALSE(t.end.has_value());
    EXPECT_TRUE(t.status.state == format::ReadStatus::State::kNoEnd ||
                t.status.state == format::ReadStatus::State::kTruncated)
        << t.status.describe();
    EXPECT_GT(t.status.offset, 0u);  // where it stopped
    ASSERT_EQ(t.endpoints.size(), 1u);
    EXPECT_GE(t.payloads.size(), static_cast<std::size_t>(kPasses));
    std::ostringstream jsonl;
    format::dump_jsonl(t, jsonl);
    EXPECT_NE(jsonl.str().find("ReleaseOutputDataPointer"), std::string::npos);
}
