// Disk full and unwritable files: reported once, the engine keeps running, losses are counted and
// the trace on disk stays readable up to the error.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/resource.h>
#include <unistd.h>

#include <filesystem>

#include "aetrace/abi/error.h"
#include "aetrace/test/temp_dir.h"
#include "recording_fixture.h"

using namespace aetrace;
using namespace aetrace::abi;
using namespace aetrace::record;
using namespace aetrace::record::test;

namespace {

/// Render passes until the writer reports an error (or `limit` passes). Returns the passes made.
int record_until_error(RenderRig& rig, int limit) {
    auto out = rig.proxy.as<IAudioOutputEndpointRT>();
    int passes = 0;
    while (passes < limit && rig.recorder.stats().write_error.empty()) {
        render_pass(*out.get(), 480, passes & 0xff);
        rig.recorder.flush();
        ++passes;
    }
    return passes;
}

/// Points the descriptor this process has open on `file` at /dev/full (every later write: ENOSPC).
/// The trace's temp file is created exclusively, so it cannot be a link to /dev/full itself.
bool redirect_to_dev_full(const std::filesystem::path& file) {
    const std::filesystem::path target = std::filesystem::weakly_canonical(file);
    const int full = ::open("/dev/full", O_WRONLY | O_CLOEXEC);
    bool done = false;
    for (const auto& e : std::filesystem::directory_iterator("/proc/self/fd")) {
        std::error_code ec;
        if (full >= 0 && std::filesystem::read_symlink(e.path(), ec) == target)
            done = ::dup2(full, std::stoi(e.path().filename().string())) >= 0;
    }
    if (full >= 0) ::close(full);
    return done;
}

}  // namespace

TEST(RecorderWriteErrorTest, DiskFullIsReportedOnceAndCountedWhileCallsGoOn) {
    aetrace::test::TempDir dir;
    const auto path = dir / "t.aetrace";
    auto tmp = path;
    tmp += ".tmp";
    RenderRig rig(path);
    ASSERT_TRUE(redirect_to_dev_full(tmp));  // every write from now on: ENOSPC
    ASSERT_EQ(rig.proxy.as<IAudioDeviceEndpoint>()->SetBuffer(100000, 2), S_OK);
    record_until_error(rig, 200);
    const RecorderStats mid = rig.recorder.stats();
    ASSERT_FALSE(mid.write_error.empty());
    EXPECT_NE(mid.write_error.find(path.string()), std::string::npos) << mid.write_error;
    EXPECT_EQ(mid.write_error.find('\n'), std::string::npos);
    // The engine keeps running: calls return and are counted as unwritten.
    auto rt = rig.proxy.as<IAudioEndpointRT>();
    for (int i = 0; i < 10; ++i) rt->ProcessingComplete();
    rig.recorder.flush();
    const RecorderStats after = rig.recorder.stats();
    EXPECT_GE(after.unwritten, mid.unwritten + 10);
    EXPECT_EQ(after.write_error, mid.write_error);  // the first error only
    try {
        rig.recorder.finish();
        FAIL() << "finish() did not report the error";
    } catch (const InputError& e) {
        EXPECT_EQ(std::string(e.what()), mid.write_error);
    }
    EXPECT_FALSE(std::filesystem::exists(path));
}

TEST(RecorderWriteErrorTest, FileSizeLimitLeavesATraceReadableUpToTheError) {
    aetrace::test::TempDir dir;
    const auto path = dir / "t.aetrace";
    rlimit saved{};
    ASSERT_EQ(getrlimit(RLIMIT_FSIZE, &saved), 0);
    void (*old_handler)(int) = signal(SIGXFSZ, SIG_IGN);  // write() fails with EFBIG instead
    RenderRig rig(path);
    ASSERT_EQ(rig.proxy.as<IAudioDeviceEndpoint>()->SetBuffer(100000, 2), S_OK);
    rlimit small = saved;
    small.rlim_cur = 64 * 1024;
    ASSERT_EQ(setrlimit(RLIMIT_FSIZE, &small), 0);
    record_until_error(rig, 500);
    ASSERT_EQ(setrlimit(RLIMIT_FSIZE, &saved), 0);
    signal(SIGXFSZ, old_handler);

    auto rt = rig.proxy.as<IAudioEndpointRT>();
    for (int i = 0; i < 5; ++i) rt->ProcessingComplete();  // still returns; not written
    rig.recorder.flush();
    const RecorderStats stats = rig.recorder.stats();
    ASSERT_FALSE(stats.write_error.empty());
    EXPECT_NE(stats.write_error.find(path.string()), std::string::npos) << stats.write_error;
    EXPECT_THROW(rig.recorder.finish(), InputError);
    const RecorderStats final_stats = rig.recorder.stats();
    EXPECT_GT(final_stats.unwritten, 0u);
    const format::Trace t = format::read_trace(dir / "t.aetrace.tmp", /*strict=*/false);
    EXPECT_GT(t.calls.size(), 10u);
    EXPECT_LE(t.calls.size(), final_stats.written);
    for (std::size_t i = 0; i < t.calls.size(); ++i) ASSERT_EQ(t.calls[i].seq, i);
    EXPECT_FALSE(t.end.has_value());
}
