#include "bench_rig.h"

#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <random>
#include <stdexcept>
#include <system_error>
#include <thread>

#include "aetrace/audio/pcm_buffer.h"
#include "aetrace/endpoints/factory.h"

namespace aetrace::bench {

abi::StreamFormat float_format(std::uint16_t channels) {
    return {abi::SampleType::kFloat, 32, channels, 48000};
}

namespace {

std::filesystem::path& scratch_path() {
    static std::filesystem::path path;
    return path;
}

std::vector<TargetCheck>& target_list() {
    static std::vector<TargetCheck> list;
    return list;
}

std::vector<std::string>& note_list() {
    static std::vector<std::string> list;
    return list;
}

audio::PcmBuffer noise(const abi::StreamFormat& format, double seconds) {
    audio::PcmBuffer pcm{format, {}};
    const auto frames = static_cast<std::size_t>(seconds * format.sample_rate);
    const std::size_t samples = frames * format.channels;
    pcm.bytes.resize(samples * sizeof(float));
    std::minstd_rand rng(42);
    std::uniform_real_distribution<float> dist(-0.5f, 0.5f);
    for (std::size_t i = 0; i < samples; ++i) {
        const float v = dist(rng);
        std::memcpy(&pcm.bytes[i * sizeof(float)], &v, sizeof(float));
    }
    return pcm;
}

}  // namespace

std::filesystem::path scratch_dir() {
    auto& path = scratch_path();
    if (path.empty()) {
        path = std::filesystem::temp_directory_path() /
               ("aetrace-bench-" + std::to_string(::getpid()));
        std::filesystem::create_directories(path);
    }
    return path;
}

void remove_scratch_dir() noexcept {
    auto& path = scratch_path();
    if (path.empty()) return;
    std::error_code ec;
    std::filesystem::remove_all(path, ec);
    path.clear();
}

const char* kind_name(EndpointKind kind) noexcept {
    return kind == EndpointKind::kTrivial ? "trivial" : "reference";
}

abi::ComPtr<abi::IUnknown> make_endpoint(EndpointKind kind, TrivialRole role,
                                         const abi::StreamFormat& format, const clock::Clock& clock,
                                         double source_seconds) {
    if (kind == EndpointKind::kTrivial) return make_trivial_endpoint(role, format, kPacketFrames);
    endpoints::EndpointConfig config;
    config.format = format;
    config.default_period = kPeriod;
    config.max_render_frames = 30ull * format.sample_rate;
    if (role == TrivialRole::kCapture)
        return endpoints::make_wav_capture_endpoint(config, clock, noise(format, source_seconds));
    return endpoints::make_wav_render_endpoint(config, clock);
}

void start_endpoint(const abi::ComPtr<abi::IUnknown>& endpoint) {
    auto device = endpoint.as<abi::IAudioDeviceEndpoint>();
    auto control = endpoint.as<abi::IAudioEndpointControl>();
    if (!device || !control) throw std::runtime_error("endpoint lacks device/control interfaces");
    if (device->SetBuffer(kPeriod, 2) != abi::S_OK) throw std::runtime_error("SetBuffer failed");
    if (control->Start() != abi::S_OK) throw std::runtime_error("Start failed");
}

RtInterfaces rt_interfaces(const abi::ComPtr<abi::IUnknown>& endpoint) {
    RtInterfaces r;
    r.rt = endpoint.as<abi::IAudioEndpointRT>();
    r.input = endpoint.as<abi::IAudioInputEndpointRT>();
    r.output = endpoint.as<abi::IAudioOutputEndpointRT>();
    if (!r.rt || (!r.input && !r.output))
        throw std::runtime_error("endpoint lacks the RT interfaces");
    return r;
}

std::uint32_t run_pass(const RtInterfaces& capture, const RtInterfaces& render,
                       std::uint32_t frames, std::uint32_t bytes_per_frame,
                       std::uint8_t* staging) noexcept {
    // Capture side: take what is available (at most `frames`) into the staging buffer.
    abi::HNSTIME padding = 0;
    abi::AE_CURRENT_POSITION pos{};
    capture.rt->GetCurrentPadding(&padding, &pos);
    const auto available = static_cast<std::uint32_t>(
        std::clamp<abi::HNSTIME>(padding, 0, static_cast<abi::HNSTIME>(frames)));
    abi::APO_CONNECTION_PROPERTY in{0, available, abi::BUFFER_INVALID,
                                    abi::APO_CONNECTION_PROPERTY_SIGNATURE};
    abi::AE_CURRENT_POSITION ts{};
    capture.input->GetInputDataPointer(&in, &ts);
    std::uint32_t captured = 0;
    if (in.pBuffer != 0 && in.u32BufferFlags != abi::BUFFER_SILENT) {
        captured = std::min(in.u32ValidFrameCount, frames);
        std::memcpy(staging, reinterpret_cast<const std::uint8_t*>(in.pBuffer),
                    static_cast<std::size_t>(captured) * bytes_per_frame);
    }
    capture.input->ReleaseInputDataPointer(in.u32ValidFrameCount, in.pBuffer);
    capture.rt->ProcessingComplete();

    // Render side: fill the free space (at most `frames`) from the staging buffer, then silence.
    render.rt->GetCurrentPadding(&padding, &pos);
    const abi::HNSTIME space = 2 * static_cast<abi::HNSTIME>(kPacketFrames) - padding;
    const auto n = static_cast<std::uint32_t>(
        std::clamp<abi::HNSTIME>(space, 0, static_cast<abi::HNSTIME>(frames)));
    const abi::UINT_PTR out = render.output->GetOutputDataPointer(n, nullptr);
    if (out != 0) {
        auto* dst = reinterpret_cast<std::uint8_t*>(out);
        const std::uint32_t copied = std::min(n, captured);
        std::memcpy(dst, staging, static_cast<std::size_t>(copied) * bytes_per_frame);
        std::memset(dst + static_cast<std::size_t>(copied) * bytes_per_frame, 0,
                    static_cast<std::size_t>(n - copied) * bytes_per_frame);
        const abi::APO_CONNECTION_PROPERTY prop{out, n, abi::BUFFER_VALID,
                                                abi::APO_CONNECTION_PROPERTY_SIGNATURE};
        render.output->ReleaseOutputDataPointer(&prop);
    }
    render.rt->ProcessingComplete();
    return out != 0 ? n : 0;
}

BenchRecorder::BenchRecorder(const std::string& name, const abi::StreamFormat& format,
                             record::RecorderOptions options)
    : path_(scratch_dir() / (name + ".aet")), format_(format) {
    format::TraceHeader header;
    header.writer_version = "aetrace 0.1.0";
    header.host = "bench";
    header.clock = "virtual";
    header.flags = options.hash_only ? static_cast<std::uint32_t>(format::kHeaderHashOnly) : 0u;
    abi::to_wave_format(format, &header.default_format);
    recorder_ =
        std::make_unique<record::Recorder>(path_, header, virtual_clock_, &real_clock_, options);
}

BenchRecorder::~BenchRecorder() {
    recorder_.reset();
    std::error_code ec;
    std::filesystem::remove(path_, ec);
    std::filesystem::remove(path_.string() + ".tmp", ec);
}

abi::ComPtr<abi::IUnknown> BenchRecorder::wrap(abi::ComPtr<abi::IUnknown> inner,
                                               std::uint32_t index, TrivialRole role,
                                               const std::string& implementation) {
    format::EndpointInfo info;
    info.endpoint = index;
    info.role = role == TrivialRole::kCapture ? format::EndpointRole::kCapture
                                              : format::EndpointRole::kRender;
    info.implementation = implementation;
    info.format = format_;
    return recorder_->wrap(std::move(inner), index, info);
}

record::RecorderStats BenchRecorder::finish() {
    finished_ = true;
    return recorder_->finish();
}

std::uintmax_t BenchRecorder::trace_bytes() const {
    std::error_code ec;
    const std::filesystem::path file =
        finished_ ? path_ : std::filesystem::path(path_.string() + ".tmp");
    const auto size = std::filesystem::file_size(file, ec);
    return ec ? 0 : size;
}

std::int64_t thread_cpu_ns() noexcept {
#if defined(CLOCK_THREAD_CPUTIME_ID)
    timespec ts{};
    ::clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return static_cast<std::int64_t>(ts.tv_sec) * 1'000'000'000 + ts.tv_nsec;
#else
    return std::chrono::duration_cast<std::chrono::nanoseconds>(
               std::chrono::steady_clock::now().time_since_epoch())
        .count();
#endif
}

Pacer::Pacer(double rate) : start_(std::chrono::steady_clock::now()), rate_(rate) {}

void Pacer::tick(std::uint64_t n) {
    events_ += n;
    if (rate_ <= 0) return;
    const auto due =
        start_ + std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                     std::chrono::duration<double>(static_cast<double>(events_) / rate_));
    if (due - std::chrono::steady_clock::now() >= std::chrono::microseconds(200))
        std::this_thread::sleep_until(due);
}

double percentile(std::vector<double>& samples, double fraction) {
    if (samples.empty()) return 0;
    const auto rank =
        static_cast<std::size_t>(std::ceil(fraction * static_cast<double>(samples.size())));
    const std::size_t index = std::min(samples.size() - 1, rank > 0 ? rank - 1 : 0);
    std::nth_element(samples.begin(), samples.begin() + static_cast<std::ptrdiff_t>(index),
                     samples.end());
    return samples[index];
}

void report_target(const TargetCheck& check) {
    auto& list = target_list();
    for (auto& t : list) {
        if (t.name == check.name) {
            t = check;
            return;
        }
    }
    list.push_back(check);
}

const std::vector<TargetCheck>& targets() {
    return target_list();
}

void report_note(const std::string& line) {
    note_list().push_back(line);
}

const std::vector<std::string>& notes() {
    return note_list();
}

}  // namespace aetrace::bench
