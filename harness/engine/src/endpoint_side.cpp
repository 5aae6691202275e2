#include "endpoint_side.h"

#include "aetrace/abi/cotaskmem.h"
#include "aetrace/abi/hresult.h"
#include "aetrace/clock/frame_math.h"

namespace aetrace::engine {
namespace {

std::string call_failed(const char* role, const char* call, abi::HRESULT hr) {
    return std::string(role) + " " + call + " failed: " + abi::hresult_name(hr);
}

template <class I>
bool query(const abi::ComPtr<abi::IUnknown>& unknown, abi::ComPtr<I>& out) {
    out = unknown.as<I>();
    return static_cast<bool>(out);
}

}  // namespace

std::string EndpointSide::query_interfaces() {
    const auto missing = [this](const char* name) {
        return std::string(role) + " endpoint does not implement " + name;
    };
    if (!query(unknown, ifaces.endpoint)) return missing("IAudioEndpoint");
    if (!query(unknown, ifaces.rt)) return missing("IAudioEndpointRT");
    if (!query(unknown, ifaces.device)) return missing("IAudioDeviceEndpoint");
    if (!query(unknown, ifaces.control)) return missing("IAudioEndpointControl");
    if (index == 0) {
        if (!query(unknown, ifaces.input)) return missing("IAudioInputEndpointRT");
    } else {
        if (!query(unknown, ifaces.output)) return missing("IAudioOutputEndpointRT");
    }
    query(unknown, ifaces.inspect);  // optional
    return {};
}

std::string EndpointSide::init(const EngineSettings& settings, std::vector<std::string>& notes) {
    abi::WAVEFORMATEX* wfx = nullptr;
    abi::HRESULT hr = ifaces.endpoint->GetFrameFormat(&wfx);
    if (abi::failed(hr)) return call_failed(role, "IAudioEndpoint::GetFrameFormat", hr);
    abi::CoTaskMemPtr<abi::WAVEFORMATEX> owned(wfx);
    if (!wfx) return std::string(role) + " IAudioEndpoint::GetFrameFormat returned a null format";
    const auto decoded = abi::from_wave_format(wfx, 18u + wfx->cbSize);
    owned.reset();
    if (!decoded) return std::string(role) + " IAudioEndpoint::GetFrameFormat: unsupported format";
    std::string why;
    if (!abi::is_supported(*decoded, &why))
        return std::string(role) + " IAudioEndpoint::GetFrameFormat: " + why;
    format = *decoded;

    hr = ifaces.endpoint->GetFramesPerPacket(&frames_per_packet);
    if (abi::failed(hr)) return call_failed(role, "IAudioEndpoint::GetFramesPerPacket", hr);
    hr = ifaces.device->GetEventDrivenCapable(&event_capable);
    if (abi::failed(hr))
        return call_failed(role, "IAudioDeviceEndpoint::GetEventDrivenCapable", hr);
    hr = ifaces.device->SetBuffer(settings.period, settings.latency_coefficient);
    if (abi::failed(hr)) return call_failed(role, "IAudioDeviceEndpoint::SetBuffer", hr);
    hr = ifaces.endpoint->GetLatency(&latency);
    if (abi::failed(hr)) return call_failed(role, "IAudioEndpoint::GetLatency", hr);
    if (latency < 0) latency = 0;
    buffer_frames = clock::frames_at(latency, format.sample_rate);
    // GetFramesPerPacket is read before SetBuffer (POLICY #11-12); an endpoint that only knows it
    // after SetBuffer reports 0, so fall back to the engine's own packet size (POLICY #15).
    if (frames_per_packet == 0) {
        frames_per_packet = clock::frames_per_packet(settings.period, format.sample_rate);
        notes.push_back(std::string(role) +
                        " endpoint reported 0 frames per packet; using the period's " +
                        std::to_string(frames_per_packet));
    }

    if (settings.driving == Driving::kEvent) {
        if (!event_capable) {
            notes.push_back(std::string(role) +
                            " endpoint is not event-driven capable; it gets no event handle");
        } else {
            hr = ifaces.endpoint->SetStreamFlags(abi::AUDCLNT_STREAMFLAGS_EVENTCALLBACK);
            if (abi::failed(hr)) return call_failed(role, "IAudioEndpoint::SetStreamFlags", hr);
            hr = ifaces.endpoint->SetEventHandle(static_cast<abi::HANDLE>(&event));
            if (abi::failed(hr)) return call_failed(role, "IAudioEndpoint::SetEventHandle", hr);
            event_mode = true;
        }
    }
    hr = ifaces.rt->SetPinActive();
    if (abi::failed(hr)) return call_failed(role, "IAudioEndpointRT::SetPinActive", hr);
    return {};
}

std::uint64_t EndpointSide::padding_frames(HNSTIME raw, PaddingUnit unit) const noexcept {
    if (raw <= 0) return 0;
    if (unit == PaddingUnit::kHns) return clock::frames_at(raw, format.sample_rate);
    return static_cast<std::uint64_t>(raw);
}

std::string EndpointSide::control_call(ActionKind kind) {
    abi::HRESULT hr = abi::S_OK;
    const char* name = "";
    switch (kind) {
        case ActionKind::kStop:
            hr = ifaces.control->Stop(), name = "IAudioEndpointControl::Stop";
            break;
        case ActionKind::kStart:
            hr = ifaces.control->Start(), name = "IAudioEndpointControl::Start";
            break;
        case ActionKind::kReset:
            hr = ifaces.control->Reset(), name = "IAudioEndpointControl::Reset";
            break;
        case ActionKind::kPinInactive:
            hr = ifaces.rt->SetPinInactive(), name = "IAudioEndpointRT::SetPinInactive";
            break;
        case ActionKind::kPinActive:
            hr = ifaces.rt->SetPinActive(), name = "IAudioEndpointRT::SetPinActive";
            break;
        default:
            return {};
    }
    if (abi::succeeded(hr)) return {};
    return std::string(role) + " " + name + " returned " + abi::hresult_name(hr);
}

}  // namespace aetrace::engine
