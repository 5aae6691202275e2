// One pass of each endpoint (capture: read a packet into the FIFO; render: write one from it) and
// the scenario's actions. RT-safe once EngineModel::Impl::prepare() has allocated the FIFO.
#include <algorithm>
#include <cmath>
#include <cstring>

#include "engine_impl.h"

namespace aetrace::engine {

namespace {

constexpr std::uint8_t kGarbageByte = 0xA5;  // silent action: bytes the endpoint must ignore

}  // namespace

void EngineModel::Impl::capture_pass() {
    EndpointSide& c = capture;
    HNSTIME padding = 0;
    abi::AE_CURRENT_POSITION pos{};
    c.ifaces.rt->GetCurrentPadding(&padding, &pos);
    const std::uint64_t available = c.padding_frames(padding, settings().padding_unit);
    const auto n =
        static_cast<std::uint32_t>(std::min<std::uint64_t>(available, c.frames_per_packet));
    abi::APO_CONNECTION_PROPERTY prop{0, n, abi::BUFFER_INVALID,
                                      abi::APO_CONNECTION_PROPERTY_SIGNATURE};
    abi::AE_CURRENT_POSITION ts{};
    c.ifaces.input->GetInputDataPointer(&prop, &ts);
    if (n > 0) {
        std::uint64_t dropped = 0;
        if (prop.pBuffer == 0) {
            engine_violation(abi::ContractRule::kNullPointerArgument,
                             abi::MethodId::IAudioInputEndpointRT_GetInputDataPointer, 0, n, c);
            dropped = fifo.push(nullptr, n);
        } else if (prop.u32BufferFlags == abi::BUFFER_SILENT) {
            dropped = fifo.push(nullptr, n);
        } else {
            dropped = fifo.push(reinterpret_cast<const std::uint8_t*>(prop.pBuffer), n);
        }
        result.fifo_overrun_frames += dropped;
    }
    c.ifaces.input->ReleaseInputDataPointer(n, prop.pBuffer);
    c.ifaces.rt->ProcessingComplete();
    result.frames_captured += n;
}

std::uint32_t EngineModel::Impl::render_pass(bool prefill) {
    EndpointSide& r = render;
    const std::uint32_t bpf = r.format.bytes_per_frame();
    HNSTIME padding = 0;
    abi::AE_CURRENT_POSITION pos{};
    r.ifaces.rt->GetCurrentPadding(&padding, &pos);
    const std::uint64_t queued = r.padding_frames(padding, settings().padding_unit);
    const std::uint64_t space = r.buffer_frames > queued ? r.buffer_frames - queued : 0;
    render_space = space;
    const auto n = static_cast<std::uint32_t>(std::min<std::uint64_t>(space, r.frames_per_packet));

    abi::AE_CURRENT_POSITION ts{};
    ts.u64DevicePosition = ts.u64StreamPosition = render_position;
    ts.u64PaddingFrames = queued;
    ts.hnsQPCPosition = clock.now();
    ts.f32FramesPerSecond = static_cast<abi::FLOAT32>(r.format.sample_rate);
    ts.Flag = clock.qpc_error() ? static_cast<abi::AE_POSITION_FLAGS>(abi::POSITION_CONTINUOUS |
                                                                      abi::POSITION_QPC_ERROR)
                                : abi::POSITION_CONTINUOUS;
    const abi::UINT_PTR p = r.ifaces.output->GetOutputDataPointer(n, &ts);
    if (p == 0) {
        engine_violation(abi::ContractRule::kNullOutputPointer,
                         abi::MethodId::IAudioOutputEndpointRT_GetOutputDataPointer, 0, n, r);
    } else {
        auto* dst = reinterpret_cast<std::uint8_t*>(p);
        std::uint32_t produced = 0;
        abi::APO_BUFFER_FLAGS flags = abi::BUFFER_VALID;
        if (prefill) {
            produced = n;
            flags = abi::BUFFER_SILENT;
            std::memset(dst, 0, static_cast<std::size_t>(n) * bpf);
        } else {
            std::uint64_t want = n;
            if (partial_left > 0)
                want = static_cast<std::uint64_t>(std::floor(n * partial_fraction));
            produced = static_cast<std::uint32_t>(std::min<std::uint64_t>(want, fifo.size()));
            if (silent_left > 0) {
                flags = abi::BUFFER_SILENT;
                std::memset(dst, kGarbageByte, static_cast<std::size_t>(n) * bpf);
                fifo.discard(produced);
            } else {
                fifo.pop(dst, produced);
            }
            result.frames_rendered += produced;
        }
        const abi::APO_CONNECTION_PROPERTY prop{p, produced, flags,
                                                abi::APO_CONNECTION_PROPERTY_SIGNATURE};
        r.ifaces.output->ReleaseOutputDataPointer(&prop);
        render_position += produced;
    }
    r.ifaces.rt->ProcessingComplete();
    if (r.event_mode) r.ifaces.output->PulseEndpoint();
    if (!prefill) {
        if (silent_left > 0) --silent_left;
        if (partial_left > 0) --partial_left;
    }
    return n;
}

void EngineModel::Impl::apply_action(const Action& a) {
    switch (a.kind) {
        case ActionKind::kSilent:
            silent_left = a.passes;
            return;
        case ActionKind::kPartial:
            partial_left = a.passes;
            partial_fraction = a.fraction;
            return;
        case ActionKind::kQpcError:
            clock.set_qpc_error(true);
            return;
        default:
            break;
    }
    for (EndpointSide* side : {&capture, &render}) {
        if (!side->present()) continue;
        if (a.target != ActionTarget::kBoth &&
            (a.target == ActionTarget::kCapture) != (side->index == kCaptureEndpoint))
            continue;
        std::string error = side->control_call(a.kind);
        if (!error.empty())
            result.notes.push_back("pass " + std::to_string(pass_no) + ": " + error);
    }
}

}  // namespace aetrace::engine
