// EndpointSession setup and the not-RT calls: IAudioEndpoint, IAudioDeviceEndpoint,
// IAudioEndpointControl.
#include "session.h"

#include <cstring>

#include "text.h"

namespace aetrace::replay::detail {

using abi::MethodId;

namespace {

constexpr const char* kInterfaceNames[kIfaceCount] = {
    "IAudioEndpoint",         "IAudioEndpointRT",     "IAudioInputEndpointRT",
    "IAudioOutputEndpointRT", "IAudioDeviceEndpoint", "IAudioEndpointControl"};

template <class T>
abi::ComPtr<T> query(const abi::ComPtr<abi::IUnknown>& object) {
    return object ? object.as<T>() : abi::ComPtr<T>();
}

}  // namespace

Iface interface_of(const abi::MethodInfo& info) noexcept {
    for (int i = 0; i < kIfaceCount; ++i)
        if (info.interface_name == kInterfaceNames[i]) return static_cast<Iface>(i);
    return kEndpoint;  // unreachable for rows of the table
}

const char* interface_name(Iface iface) noexcept {
    return kInterfaceNames[iface];
}

EndpointSession::EndpointSession(const format::EndpointInfo& endpoint_info,
                                 abi::ComPtr<abi::IUnknown> obj)
    : info(endpoint_info),
      block_align(endpoint_info.format.bytes_per_frame()),
      object(std::move(obj)),
      endpoint(query<abi::IAudioEndpoint>(object)),
      rt(query<abi::IAudioEndpointRT>(object)),
      input(query<abi::IAudioInputEndpointRT>(object)),
      output(query<abi::IAudioOutputEndpointRT>(object)),
      device(query<abi::IAudioDeviceEndpoint>(object)),
      control(query<abi::IAudioEndpointControl>(object)),
      inspect(query<abi::IAetraceEndpointInspect>(object)) {}

bool EndpointSession::has(Iface iface) const noexcept {
    switch (iface) {
        case kEndpoint:
            return static_cast<bool>(endpoint);
        case kRt:
            return static_cast<bool>(rt);
        case kInput:
            return static_cast<bool>(input);
        case kOutput:
            return static_cast<bool>(output);
        case kDevice:
            return static_cast<bool>(device);
        case kControl:
            return static_cast<bool>(control);
        default:
            return false;
    }
}

bool CallReplayer::issue(EndpointSession& s, const abi::MethodInfo& info) {
    const format::CallRecord& c = out_.call();
    const Iface iface = interface_of(info);
    if (!s.has(iface)) {
        if (!s.missing_reported[iface]) {
            s.missing_reported[iface] = true;
            out_.add("interface", std::string(interface_name(iface)) + " implemented",
                     "missing (QueryInterface failed)");
        }
        return false;
    }
    switch (iface) {
        case kEndpoint:
            endpoint_call(s, c);
            break;
        case kRt:
            rt_call(s, c);
            break;
        case kInput:
            input_call(s, c);
            break;
        case kOutput:
            output_call(s, c);
            break;
        case kDevice:
            device_call(s, c);
            break;
        case kControl:
            control_call(s, c);
            break;
        default:
            break;
    }
    return true;
}

void CallReplayer::endpoint_call(EndpointSession& s, const format::CallRecord& c) {
    abi::IAudioEndpoint& ep = *s.endpoint.get();
    switch (c.method) {
        case MethodId::IAudioEndpoint_GetFrameFormat: {
            abi::WAVEFORMATEX* format = nullptr;
            const abi::HRESULT hr = ep.GetFrameFormat(&format);
            const abi::CoTaskMemPtr<abi::WAVEFORMATEX> owned(format);
            out_.hr(c.result, hr);
            if (!abi::succeeded(c.result) || !abi::succeeded(hr)) break;
            // Compare exactly the bytes the recorder keeps: 18 + cbSize, at most the extensible.
            const auto* expected = reinterpret_cast<const std::uint8_t*>(&c.format);
            std::uint32_t expected_size =
                static_cast<std::uint32_t>(sizeof(abi::WAVEFORMATEX)) + c.format.Format.cbSize;
            if (expected_size > sizeof(abi::WAVEFORMATEXTENSIBLE))
                expected_size = sizeof(abi::WAVEFORMATEXTENSIBLE);
            if (!format) {
                out_.add("format", format_text(expected, expected_size), "null");
                break;
            }
            std::uint32_t actual_size =
                static_cast<std::uint32_t>(sizeof(abi::WAVEFORMATEX)) + format->cbSize;
            if (actual_size > sizeof(abi::WAVEFORMATEXTENSIBLE))
                actual_size = sizeof(abi::WAVEFORMATEXTENSIBLE);
            const auto* actual = reinterpret_cast<const std::uint8_t*>(format);
            if (actual_size != expected_size || std::memcmp(expected, actual, actual_size) != 0)
                out_.add("format", format_text(expected, expected_size),
                         format_text(actual, actual_size));
            break;
        }
        case MethodId::IAudioEndpoint_GetFramesPerPacket: {
            abi::UINT32 frames = 0;
            const abi::HRESULT hr = ep.GetFramesPerPacket(&frames);
            out_.hr(c.result, hr);
            if (abi::succeeded(c.result) && abi::succeeded(hr))
                out_.u64("frames_per_packet", c.out[0], frames);
            break;
        }
        case MethodId::IAudioEndpoint_GetLatency: {
            abi::HNSTIME latency = 0;
            const abi::HRESULT hr = ep.GetLatency(&latency);
            out_.hr(c.result, hr);
            if (abi::succeeded(c.result) && abi::succeeded(hr))
                out_.i64("latency_hns", static_cast<std::int64_t>(c.out[0]), latency);
            break;
        }
        case MethodId::IAudioEndpoint_SetStreamFlags:
            out_.hr(c.result, ep.SetStreamFlags(static_cast<abi::DWORD>(c.arg[0])));
            break;
        case MethodId::IAudioEndpoint_SetEventHandle:
            out_.hr(c.result,
                    ep.SetEventHandle(c.arg[0] ? static_cast<abi::HANDLE>(&s.event) : nullptr));
            break;
        default:
            break;
    }
}

void CallReplayer::device_call(EndpointSession& s, const format::CallRecord& c) {
    abi::IAudioDeviceEndpoint& dev = *s.device.get();
    switch (c.method) {
        case MethodId::IAudioDeviceEndpoint_SetBuffer:
            out_.hr(c.result, dev.SetBuffer(static_cast<abi::HNSTIME>(c.arg[0]),
                                            static_cast<abi::UINT32>(c.arg[1])));
            break;
        case MethodId::IAudioDeviceEndpoint_GetRTCaps: {
            abi::BOOL capable = abi::kFalse;
            const abi::HRESULT hr = dev.GetRTCaps(&capable);
            out_.hr(c.result, hr);
            if (abi::succeeded(c.result) && abi::succeeded(hr))
                out_.boolean("is_rt_capable", c.out[0], static_cast<std::uint32_t>(capable));
            break;
        }
        case MethodId::IAudioDeviceEndpoint_GetEventDrivenCapable: {
            abi::BOOL capable = abi::kFalse;
            const abi::HRESULT hr = dev.GetEventDrivenCapable(&capable);
            out_.hr(c.result, hr);
            if (abi::succeeded(c.result) && abi::succeeded(hr))
                out_.boolean("is_event_capable", c.out[0], static_cast<std::uint32_t>(capable));
            break;
        }
        case MethodId::IAudioDeviceEndpoint_WriteExclusiveModeParametersToSharedMemory: {
            abi::UINT32 size = 0;
            abi::UINT_PTR handle = 0;
            const abi::HRESULT hr = dev.WriteExclusiveModeParametersToSharedMemory(
                0, static_cast<abi::HNSTIME>(c.arg[0]), static_cast<abi::HNSTIME>(c.arg[1]),
                static_cast<abi::UINT32>(c.arg[2]), &size, &handle);
            out_.hr(c.result, hr);
            if (abi::succeeded(c.result) && abi::succeeded(hr)) {
                out_.u64("shared_memory_size", c.out[0], size);
                out_.present("shared_memory_present", c.out[1] != 0, handle != 0);
            }
            break;
        }
        default:
            break;
    }
}

void CallReplayer::control_call(EndpointSession& s, const format::CallRecord& c) {
    abi::IAudioEndpointControl& control = *s.control.get();
    switch (c.method) {
        case MethodId::IAudioEndpointControl_Start:
            out_.hr(c.result, control.Start());
            break;
        case MethodId::IAudioEndpointControl_Reset:
            out_.hr(c.result, control.Reset());
            break;
        case MethodId::IAudioEndpointControl_Stop:
            out_.hr(c.result, control.Stop());
            break;
        default:
            break;
    }
}

}  // namespace aetrace::replay::detail
