// rt_syscall_probe: records engine passes on a real-time thread, for RtSyscallTest (run under
// strace). Linux only.
//
// Usage: rt_syscall_probe DIR [PASSES [WARMUP]]
//   Records into DIR/probe.aet through a record::Recorder (default options, real timestamps from
//   clock::SystemClock) around a reference capture and a reference render endpoint (48 kHz stereo
//   float, 10 ms packets). A thread, switched to SCHED_FIFO when permitted, makes WARMUP passes
//   (default 50), renames itself "aet-begin" with prctl(PR_SET_NAME), makes PASSES passes (default
//   300) paced 1 ms apart by spinning on the real clock, then renames itself "aet-end". Nothing
//   between the two prctl calls may make a system call. A pass is what the engine model does:
//   capture GetCurrentPadding, GetInputDataPointer, ReleaseInputDataPointer, ProcessingComplete;
//   render GetCurrentPadding, GetOutputDataPointer, ReleaseOutputDataPointer, ProcessingComplete;
//   then Recorder::note_event (the engine woke up). The frames captured are copied to the render
//   buffer through a preallocated staging buffer.
// Prints one line after the recording is finished:
//   probe: passes=P warmup=W calls=C written=N dropped=D sched=fifo|other
// Exit status 0 on success, 1 on an error (message on stderr), 2 for bad arguments.
#include <pthread.h>
#include <sched.h>
#include <sys/prctl.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <filesystem>
#include <thread>
#include <vector>

#include "aetrace/abi/abi.h"
#include "aetrace/audio/pcm_buffer.h"
#include "aetrace/clock/clock.h"
#include "aetrace/endpoints/factory.h"
#include "aetrace/record/recorder.h"

namespace {

using namespace aetrace;
using namespace aetrace::abi;

constexpr UINT32 kFrames = 480;
constexpr HNSTIME kPeriod = 100'000;
constexpr HNSTIME kPassSpacing = 10'000;  // 1 ms of real time between passes

struct Endpoint {
    ComPtr<IUnknown> object;
    ComPtr<IAudioEndpointRT> rt;
    ComPtr<IAudioInputEndpointRT> input;
    ComPtr<IAudioOutputEndpointRT> output;
};

Endpoint open(ComPtr<IUnknown> object) {
    Endpoint e{std::move(object), {}, {}, {}};
    if (e.object.as<IAudioDeviceEndpoint>()->SetBuffer(kPeriod, 2) != S_OK ||
        e.object.as<IAudioEndpointControl>()->Start() != S_OK)
        throw std::runtime_error("SetBuffer/Start failed");
    e.rt = e.object.as<IAudioEndpointRT>();
    e.input = e.object.as<IAudioInputEndpointRT>();
    e.output = e.object.as<IAudioOutputEndpointRT>();
    return e;
}

/// One engine pass (RT-safe: no allocation, lock or system call of its own).
void pass(const Endpoint& capture, const Endpoint& render, std::uint8_t* staging,
          std::uint32_t bytes_per_frame) noexcept {
    HNSTIME padding = 0;
    AE_CURRENT_POSITION pos{};
    capture.rt->GetCurrentPadding(&padding, &pos);
    const auto n = static_cast<UINT32>(std::clamp<HNSTIME>(padding, 0, kFrames));
    APO_CONNECTION_PROPERTY in{0, n, BUFFER_INVALID, APO_CONNECTION_PROPERTY_SIGNATURE};
    capture.input->GetInputDataPointer(&in, &pos);
    UINT32 captured = 0;
    if (in.pBuffer != 0 && in.u32BufferFlags != BUFFER_SILENT) {
        captured = std::min(in.u32ValidFrameCount, kFrames);
        std::memcpy(staging, reinterpret_cast<const void*>(in.pBuffer),
                    static_cast<std::size_t>(captured) * bytes_per_frame);
    }
    capture.input->ReleaseInputDataPointer(in.u32ValidFrameCount, in.pBuffer);
    capture.rt->ProcessingComplete();

    render.rt->GetCurrentPadding(&padding, &pos);
    const auto space = static_cast<UINT32>(std::clamp<HNSTIME>(2 * kFrames - padding, 0, kFrames));
    const UINT_PTR out = render.output->GetOutputDataPointer(space, nullptr);
    if (out != 0) {
        const UINT32 copied = std::min(space, captured);
        auto* dst = reinterpret_cast<std::uint8_t*>(out);
        std::memcpy(dst, staging, static_cast<std::size_t>(copied) * bytes_per_frame);
        std::memset(dst + static_cast<std::size_t>(copied) * bytes_per_frame, 0,
                    static_cast<std::size_t>(space - copied) * bytes_per_frame);
        const APO_CONNECTION_PROPERTY prop{out, space, BUFFER_VALID,
                                           APO_CONNECTION_PROPERTY_SIGNATURE};
        render.output->ReleaseOutputDataPointer(&prop);
    }
    render.rt->ProcessingComplete();
}

audio::PcmBuffer noise(const StreamFormat& format, double seconds) {
    audio::PcmBuffer pcm{format, {}};
    const auto samples = static_cast<std::size_t>(seconds * format.sample_rate) * format.channels;
    pcm.bytes.resize(samples * sizeof(float));
    std::uint32_t x = 12345;
    for (std::size_t i = 0; i < samples; ++i) {
        x = x * 1664525u + 1013904223u;
        const float v = static_cast<float>(x >> 8) / 16777216.0f - 0.5f;
        std::memcpy(&pcm.bytes[i * sizeof(float)], &v, sizeof(float));
    }
    return pcm;
}

int run(const std::filesystem::path& dir, int passes, int warmup) {
    const StreamFormat format{SampleType::kFloat, 32, 2, 48000};
    clock::VirtualClock virtual_clock;
    clock::SystemClock real_clock;
    format::TraceHeader header;
    header.writer_version = "aetrace 0.1.0";
    header.host = "linux";
    header.clock = "virtual";
    to_wave_format(format, &header.default_format);
    record::Recorder recorder(dir / "probe.aet", header, virtual_clock, &real_clock);

    endpoints::EndpointConfig config;
    config.format = format;
    config.max_render_frames = 48000ull * 60;
    const double seconds = (passes + warmup) * 0.01 + 1.0;
    format::EndpointInfo info;
    info.format = format;
    info.role = format::EndpointRole::kCapture;
    info.implementation = "reference-capture";
    const Endpoint capture = open(recorder.wrap(
        endpoints::make_wav_capture_endpoint(config, virtual_clock, noise(format, seconds)), 0,
        info));
    info.role = format::EndpointRole::kRender;
    info.implementation = "reference-render";
    const Endpoint render =
        open(recorder.wrap(endpoints::make_wav_render_endpoint(config, virtual_clock), 1, info));
    std::vector<std::uint8_t> staging(static_cast<std::size_t>(kFrames) * format.bytes_per_frame());

    bool fifo = false;
    std::thread rt([&] {
        sched_param param{};
        param.sched_priority = 10;
        fifo = pthread_setschedparam(pthread_self(), SCHED_FIFO, &param) == 0;
        const auto one_pass = [&] {
            virtual_clock.advance(kPeriod);
            pass(capture, render, staging.data(), format.bytes_per_frame());
            recorder.note_event(format::EventKind::kEngineWoke, 0, virtual_clock.now());
        };
        for (int i = 0; i < warmup; ++i) one_pass();
        // Read the clock once before the region too: in a UBSan build the first virtual call
        // from a new call site misses the vptr-check cache, and the miss handler probes memory
        // with pipe2/write/close system calls (sanitizer_common IsAccessibleMemoryRange). Only
        // the probe's own pacing loop would be new in the region.
        HNSTIME next = real_clock.now();
        prctl(PR_SET_NAME, "aet-begin", 0, 0, 0);
        // ---- measured region: no system call from here ----
        for (int i = 0; i < passes; ++i) {
            one_pass();
            next += kPassSpacing;
            while (real_clock.now() < next) {
            }
        }
        // ---- end of the measured region ----
        prctl(PR_SET_NAME, "aet-end", 0, 0, 0);
    });
    rt.join();
    const record::RecorderStats stats = recorder.finish();
    std::printf("probe: passes=%d warmup=%d calls=%llu written=%llu dropped=%llu sched=%s\n",
                passes, warmup, static_cast<unsigned long long>(stats.calls),
                static_cast<unsigned long long>(stats.written),
                static_cast<unsigned long long>(stats.dropped), fifo ? "fifo" : "other");
    std::fflush(stdout);
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 2 || argc > 4) {
        std::fprintf(stderr, "usage: rt_syscall_probe DIR [PASSES [WARMUP]]\n");
        return 2;
    }
    const int passes = argc > 2 ? std::atoi(argv[2]) : 300;
    const int warmup = argc > 3 ? std::atoi(argv[3]) : 50;
    if (passes <= 0 || warmup < 0) {
        std::fprintf(stderr, "rt_syscall_probe: PASSES must be > 0 and WARMUP >= 0\n");
        return 2;
    }
    try {
        return run(argv[1], passes, warmup);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "rt_syscall_probe: %s\n", e.what());
        return 1;
    }
}
