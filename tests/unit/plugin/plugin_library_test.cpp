// PluginLibrary: loading, the three load errors, and the create params an example plugin receives.
#include <gtest/gtest.h>

#include <cstddef>
#include <cstdio>
#include <string>

#include "aetrace/abi/abi.h"
#include "aetrace/clock/clock.h"
#include "aetrace/plugin/plugin_abi.h"
#include "aetrace/plugin/plugin_library.h"
#include "aetrace/test/temp_dir.h"

extern "C" std::size_t aetrace_c_params_size(void);
extern "C" std::size_t aetrace_c_clock_offset(void);

namespace aetrace::plugin {
namespace {

TEST(PluginAbiTest, CAndCppSeeTheSameCreateParamsLayout) {
    EXPECT_EQ(aetrace_c_params_size(), sizeof(aetrace_create_params_v1));
    EXPECT_EQ(aetrace_c_clock_offset(), offsetof(aetrace_create_params_v1, clock));
    EXPECT_EQ(offsetof(aetrace_create_params_v1, clock), 56u);
}

std::string load_error(const std::filesystem::path& path) {
    try {
        PluginLibrary::open(path);
    } catch (const InputError& e) {
        return e.what();
    }
    return "";
}

TEST(PluginLibraryTest, MissingFileIsOneLineErrorNamingThePath) {
    test::TempDir tmp;
    const std::string path = (tmp / "absent.so").string();
    const std::string e = load_error(path);
    EXPECT_EQ(e.rfind(path + ": cannot load plugin: ", 0), 0u) << e;
    EXPECT_EQ(e.find('\n'), std::string::npos) << e;
}

TEST(PluginLibraryTest, FileThatIsNotALibraryCannotBeLoaded) {
    test::TempDir tmp;
    const auto path = tmp / "junk.so";
    {
        std::FILE* f = std::fopen(path.c_str(), "wb");
        std::fputs("not an ELF file", f);
        std::fclose(f);
    }
    EXPECT_NE(load_error(path).find("cannot load plugin"), std::string::npos);
}

TEST(PluginLibraryTest, LibraryWithoutFactoryIsNotAPlugin) {
    EXPECT_EQ(load_error(AETRACE_NOFACTORY_PLUGIN),
              std::string(AETRACE_NOFACTORY_PLUGIN) +
                  ": not an aetrace plugin (no aetrace_create_endpoint_v1)");
}

TEST(PluginLibraryTest, OtherAbiVersionIsRefusedNamingBothVersions) {
    EXPECT_EQ(load_error(AETRACE_ABI2_PLUGIN),
              std::string(AETRACE_ABI2_PLUGIN) + ": plugin ABI version 2, this aetrace supports 1");
}

TEST(PluginLibraryTest, ExamplePluginEndpointReadsTheInjectedClock) {
    PluginLibrary lib = PluginLibrary::open(AETRACE_EXAMPLE_PLUGIN);
    EXPECT_EQ(lib.abi_version(), AETRACE_PLUGIN_ABI_VERSION);
    const abi::StreamFormat format{abi::SampleType::kInt, 16, 2, 48000};
    clock::VirtualClock vclock;
    vclock.set(1'000'000);
    {
        abi::ComPtr<abi::IUnknown> object =
            lib.create(PluginRole::kRender, format, vclock, "padding_unit=frames", nullptr);
        ASSERT_TRUE(object);
        auto device = object.as<abi::IAudioDeviceEndpoint>();
        auto rt = object.as<abi::IAudioEndpointRT>();
        auto endpoint = object.as<abi::IAudioEndpoint>();
        ASSERT_TRUE(device && rt && endpoint);
        EXPECT_FALSE(object.as<abi::IAudioInputEndpointRT>());
        EXPECT_TRUE(object.as<abi::IAudioOutputEndpointRT>());

        abi::WAVEFORMATEX* wfx = nullptr;
        ASSERT_EQ(endpoint->GetFrameFormat(&wfx), abi::S_OK);
        const abi::CoTaskMemPtr<abi::WAVEFORMATEX> owned(wfx);
        EXPECT_EQ(wfx->nSamplesPerSec, 48000u);
        EXPECT_EQ(wfx->nChannels, 2u);

        ASSERT_EQ(device->SetBuffer(100000, 2), abi::S_OK);
        vclock.set(1'230'000);
        abi::HNSTIME padding = -1;
        abi::AE_CURRENT_POSITION pos{};
        rt->GetCurrentPadding(&padding, &pos);
        EXPECT_EQ(pos.hnsQPCPosition, 1'230'000);  // the harness time, not the system clock
        EXPECT_EQ(padding, 0);
    }
}

TEST(PluginLibraryTest, ExamplePluginRefusesASourceInAnotherFormat) {
    PluginLibrary lib = PluginLibrary::open(AETRACE_EXAMPLE_PLUGIN);
    clock::VirtualClock vclock;
    audio::PcmBuffer source;
    source.format = {abi::SampleType::kInt, 16, 1, 48000};
    source.bytes.assign(96, 0);
    EXPECT_THROW(lib.create(PluginRole::kCapture, {abi::SampleType::kInt, 16, 2, 48000}, vclock, "",
                            &source),
                 InputError);
}

TEST(PluginLibraryTest, IsLibraryPathTellsPathsFromBuiltinNames) {
    EXPECT_TRUE(is_library_path("./libmine.so"));
    EXPECT_TRUE(is_library_path("/opt/x/plugin"));
    EXPECT_TRUE(is_library_path("mine.dll"));
    EXPECT_TRUE(is_library_path("libmine.so"));
    EXPECT_FALSE(is_library_path("reference"));
    EXPECT_FALSE(is_library_path("mutant-swap-channels"));
}

}  // namespace
}  // namespace aetrace::plugin
