// AtomicFile: exclusive creation of the temporary file, commit renames it over the final path,
// abandoning removes it, and failures are one-line errors.
#include <gtest/gtest.h>

#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "aetrace/io/atomic_file.h"
#include "aetrace/test/temp_dir.h"

using aetrace::io::AtomicFile;
using aetrace::io::Step;
using aetrace::io::TempName;
using aetrace::test::TempDir;
namespace fs = std::filesystem;

namespace {

std::string contents(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

std::vector<fs::path> files_in(const fs::path& dir) {
    std::vector<fs::path> out;
    for (const auto& e : fs::directory_iterator(dir)) out.push_back(e.path());
    return out;
}

}  // namespace

TEST(AtomicFileTest, CreatesAFreshTempFileNextToTheFinalPath) {
    TempDir dir;
    AtomicFile f;
    ASSERT_TRUE(f.open(dir / "out.txt")) << f.error();
    EXPECT_TRUE(f.is_open());
    EXPECT_NE(f.stream(), nullptr);
    EXPECT_GE(f.descriptor(), 0);
    EXPECT_EQ(f.temp_path().parent_path(), dir.path());
    EXPECT_EQ(f.temp_path().filename().string().rfind("out.txt.tmp-", 0), 0u);
    EXPECT_EQ(f.temp_path().filename().string().size(), std::string("out.txt.tmp-").size() + 8);
    EXPECT_TRUE(fs::exists(f.temp_path()));
    EXPECT_FALSE(fs::exists(dir / "out.txt"));
}

TEST(AtomicFileTest, CommitRenamesOverTheFinalPath) {
    TempDir dir;
    {
        std::ofstream old(dir / "out.txt");
        old << "old contents";
    }
    AtomicFile f;
    ASSERT_TRUE(f.open(dir / "out.txt"));
    ASSERT_TRUE(f.write("new", 3));
    EXPECT_EQ(contents(dir / "out.txt"), "old contents");  // untouched until commit
    const fs::path tmp = f.temp_path();
    ASSERT_TRUE(f.commit()) << f.error();
    EXPECT_FALSE(f.is_open());
    EXPECT_EQ(f.failed_step(), Step::kNone);
    EXPECT_EQ(contents(dir / "out.txt"), "new");
    EXPECT_FALSE(fs::exists(tmp));
    EXPECT_EQ(files_in(dir.path()).size(), 1u);
}

TEST(AtomicFileTest, AbandonAndDestructionRemoveTheTempFile) {
    TempDir dir;
    AtomicFile a;
    ASSERT_TRUE(a.open(dir / "a.txt"));
    ASSERT_TRUE(a.write("x", 1));
    a.abandon();
    EXPECT_FALSE(a.is_open());
    a.abandon();  // idempotent
    {
        AtomicFile b;
        ASSERT_TRUE(b.open(dir / "b.txt"));
        AtomicFile moved = std::move(b);  // the move keeps one owner
        EXPECT_FALSE(b.is_open());
        EXPECT_TRUE(moved.is_open());
    }
    EXPECT_TRUE(files_in(dir.path()).empty());
}

TEST(AtomicFileTest, TwoFilesForOneFinalPathGetDifferentTemps) {
    TempDir dir;
    AtomicFile a, b;
    ASSERT_TRUE(a.open(dir / "same.txt"));
    ASSERT_TRUE(b.open(dir / "same.txt"));
    EXPECT_NE(a.temp_path(), b.temp_path());
    ASSERT_TRUE(a.write("a", 1));
    ASSERT_TRUE(b.write("b", 1));
    ASSERT_TRUE(a.commit());
    EXPECT_EQ(contents(dir / "same.txt"), "a");
    ASSERT_TRUE(b.commit());
    EXPECT_EQ(contents(dir / "same.txt"), "b");
}

TEST(AtomicFileTest, MissingDirectoryIsAOneLineError) {
    TempDir dir;
    AtomicFile f;
    EXPECT_FALSE(f.open(dir / "no-such-dir" / "out.txt"));
    EXPECT_FALSE(f.is_open());
    EXPECT_EQ(f.failed_step(), Step::kCreate);
    EXPECT_FALSE(f.error().empty());
    EXPECT_EQ(f.error().find('\n'), std::string::npos) << f.error();
    EXPECT_EQ(f.error(), std::make_error_code(std::errc::no_such_file_or_directory).message());
    EXPECT_FALSE(f.commit());
    EXPECT_TRUE(files_in(dir.path()).empty());
}

TEST(AtomicFileTest, FixedNameIsCreatedExclusivelyAndReplacesAStaleFile) {
    TempDir dir;
    {
        std::ofstream stale(dir / "t.bin.tmp");
        stale << "stale data from a killed run";
    }
    AtomicFile f;
    ASSERT_TRUE(f.open(dir / "t.bin", TempName::kFixed)) << f.error();
    EXPECT_EQ(f.temp_path(), dir / "t.bin.tmp");
    ASSERT_TRUE(f.write("fresh", 5));
    ASSERT_TRUE(f.flush());
    EXPECT_EQ(contents(dir / "t.bin.tmp"), "fresh");
    EXPECT_TRUE(f.close_keep_temp());
    EXPECT_FALSE(f.close_keep_temp());  // already closed
    EXPECT_EQ(contents(dir / "t.bin.tmp"), "fresh");
    EXPECT_FALSE(fs::exists(dir / "t.bin"));
}

#ifndef _WIN32
TEST(AtomicFileTest, FixedNameNeverFollowsALinkLeftAtTheTempName) {
    TempDir dir;
    {
        std::ofstream victim(dir / "victim.txt");
        victim << "keep me";
    }
    fs::create_symlink(dir / "victim.txt", dir / "t.bin.tmp");
    AtomicFile f;
    ASSERT_TRUE(f.open(dir / "t.bin", TempName::kFixed)) << f.error();
    ASSERT_TRUE(f.write("fresh", 5));
    ASSERT_TRUE(f.commit());
    EXPECT_EQ(contents(dir / "victim.txt"), "keep me");
    EXPECT_EQ(contents(dir / "t.bin"), "fresh");
    EXPECT_FALSE(fs::is_symlink(dir / "t.bin"));
}
#endif
