#include "recorded_session.h"

#include <algorithm>
#include <cstring>

#include "aetrace/test/temp_dir.h"

namespace aetrace::replay::test {

namespace {

void init(abi::IUnknown& proxy) {
    abi::ComPtr<abi::IUnknown> object(&proxy);
    auto endpoint = object.as<abi::IAudioEndpoint>();
    abi::WAVEFORMATEX* format = nullptr;
    endpoint->GetFrameFormat(&format);
    abi::co_task_mem_free(format);
    abi::UINT32 fpp = 0;
    endpoint->GetFramesPerPacket(&fpp);
    object.as<abi::IAudioDeviceEndpoint>()->SetBuffer(kPeriod, 0);
    abi::HNSTIME latency = 0;
    endpoint->GetLatency(&latency);
    object.as<abi::IAudioEndpointControl>()->Start();
}

/// One render pass of the hand-written engine: Get room for up to a packet, fill it with the next
/// `source` frames (0x5a bytes flagged SILENT in the script's silent passes), Release.
void render_pass(abi::IAudioOutputEndpointRT& output, const Script& script, int pass,
                 abi::HNSTIME padding, const audio::PcmBuffer& source, std::uint64_t& rendered) {
    const std::uint32_t fpp = 480;
    const std::uint32_t block = test_config().format.bytes_per_frame();
    const auto room = static_cast<std::uint32_t>(
        std::max<abi::HNSTIME>(0, 2 * static_cast<abi::HNSTIME>(fpp) - padding));
    const std::uint32_t n = std::min(fpp, room);
    const abi::UINT_PTR p = output.GetOutputDataPointer(n, nullptr);
    const bool silent = pass >= script.silent_from && pass < script.silent_to;
    auto* dst = reinterpret_cast<std::uint8_t*>(p);
    for (std::uint32_t f = 0; f < n; ++f, ++rendered) {
        const std::uint64_t src = rendered % source.frames();
        if (silent)
            std::memset(dst + f * block, 0x5a, block);  // not silence, flagged SILENT
        else
            std::memcpy(dst + f * block, source.bytes.data() + src * block, block);
    }
    abi::APO_CONNECTION_PROPERTY conn{p, n, silent ? abi::BUFFER_SILENT : abi::BUFFER_VALID,
                                      abi::APO_CONNECTION_PROPERTY_SIGNATURE};
    output.ReleaseOutputDataPointer(&conn);
}

/// The output digest of what render endpoint `inner` played so far (endpoint 0).
format::OutputDigestRecord played_digest(const abi::ComPtr<abi::IUnknown>& inner,
                                         const abi::StreamFormat& stream_format) {
    auto inspect = inner.as<abi::IAetraceEndpointInspect>();
    const std::uint8_t* data = nullptr;
    std::uint64_t frames = 0;
    inspect->GetRenderedAudio(&data, &frames);
    audio::CanonicalHasher hasher(stream_format);
    hasher.update(data, static_cast<std::size_t>(frames) * stream_format.bytes_per_frame());
    format::OutputDigestRecord digest;
    digest.endpoint = 0;
    digest.frames = hasher.frames();
    digest.pcm = {hasher.pcm_hash().low, hasher.pcm_hash().high};
    for (const audio::Hash128& h : hasher.per_second())
        digest.per_second.push_back({h.low, h.high});
    return digest;
}

}  // namespace

format::Trace record_session(const Script& script, const audio::PcmBuffer& source) {
    const endpoints::EndpointConfig config = test_config();
    const bool capture = script.role == endpoints::Role::kCapture;
    clock::VirtualClock clock;
    record::RecorderOptions options;
    options.hash_only = script.hash_only;
    options.ring_bytes = 1u << 20;
    options.max_threads = 1;
    aetrace::test::TempDir dir;
    const auto path = dir / "session.aetrace";
    format::TraceHeader header;
    header.writer_version = "replay test";
    header.clock = "virtual";
    record::Recorder recorder(path, header, clock, nullptr, options);

    format::EndpointInfo info;
    info.role = capture ? format::EndpointRole::kCapture : format::EndpointRole::kRender;
    info.implementation = "reference";
    info.format = config.format;

    auto inner = endpoints::create_builtin_endpoint("reference", script.role, config, clock,
                                                    capture ? &source : nullptr);
    auto proxy = recorder.wrap(inner, 0, info);
    init(*proxy.get());
    auto rt = proxy.as<abi::IAudioEndpointRT>();
    auto input = proxy.as<abi::IAudioInputEndpointRT>();
    auto output = proxy.as<abi::IAudioOutputEndpointRT>();
    auto control = proxy.as<abi::IAudioEndpointControl>();
    const std::uint32_t fpp = 480;
    std::uint64_t rendered = 0;  // source frames released so far

    for (int pass = 0; pass < script.passes; ++pass) {
        clock.set(pass * kPeriod);
        if (pass == script.reset_before) {
            control->Stop();
            control->Reset();
            control->Start();
        }
        abi::HNSTIME padding = 0;
        abi::AE_CURRENT_POSITION position{};
        rt->GetCurrentPadding(&padding, &position);
        if (capture) {
            const auto n = static_cast<std::uint32_t>(std::min<abi::HNSTIME>(padding, fpp));
            abi::APO_CONNECTION_PROPERTY conn{0, n, abi::BUFFER_INVALID,
                                              abi::APO_CONNECTION_PROPERTY_SIGNATURE};
            abi::AE_CURRENT_POSITION stamp{};
            input->GetInputDataPointer(&conn, &stamp);
            input->ReleaseInputDataPointer(n, conn.pBuffer);
        } else {
            render_pass(*output.get(), script, pass, padding, source, rendered);
        }
        rt->ProcessingComplete();
    }

    if (!capture) recorder.write_output_digest(played_digest(inner, config.format));
    recorder.finish();
    return format::read_trace(path, /*strict=*/true);
}

ImplementationFactory builtin_factory(std::string name, const audio::PcmBuffer& source) {
    return [name, &source](const format::EndpointInfo& info, const clock::Clock& clock) {
        const auto role = info.role == format::EndpointRole::kCapture ? endpoints::Role::kCapture
                                                                      : endpoints::Role::kRender;
        return endpoints::create_builtin_endpoint(
            name, role, test_config(), clock,
            role == endpoints::Role::kCapture ? &source : nullptr);
    };
}

}  // namespace aetrace::replay::test
