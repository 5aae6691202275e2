// EndpointInterfaces: the seven interface pointers of one endpoint object (the six API interfaces
// and the harness's IAetraceEndpointInspect), queried once. Held by everything that wraps or drives
// an endpoint: the recording proxy, the plugin forwarder, the replay session.
#pragma once

#include "aetrace/abi/inspect.h"
#include "aetrace/abi/interfaces.h"
#include "aetrace/abi/unknown.h"

namespace aetrace::abi {

struct EndpointInterfaces {
    ComPtr<IAudioEndpoint> endpoint;
    ComPtr<IAudioEndpointRT> rt;
    ComPtr<IAudioInputEndpointRT> input;    ///< capture endpoints only
    ComPtr<IAudioOutputEndpointRT> output;  ///< render endpoints only
    ComPtr<IAudioDeviceEndpoint> device;
    ComPtr<IAudioEndpointControl> control;
    ComPtr<IAetraceEndpointInspect> inspect;  ///< optional harness interface (inspect.h)

    /// Queries every interface of `object` (each pointer holds its own reference; null when
    /// QueryInterface fails or `object` is null). Not RT-safe (AddRef/QueryInterface of an unknown
    /// implementation).
    static EndpointInterfaces query(IUnknown* object) {
        EndpointInterfaces r;
        if (!object) return r;
        r.endpoint = query_one<IAudioEndpoint>(object);
        r.rt = query_one<IAudioEndpointRT>(object);
        r.input = query_one<IAudioInputEndpointRT>(object);
        r.output = query_one<IAudioOutputEndpointRT>(object);
        r.device = query_one<IAudioDeviceEndpoint>(object);
        r.control = query_one<IAudioEndpointControl>(object);
        r.inspect = query_one<IAetraceEndpointInspect>(object);
        return r;
    }

    /// The held pointer for interface I (one of the seven), or nullptr. No reference is added.
    /// RT-safe.
    template <class I>
    I* get() const noexcept {
        return slot<I>(*this).get();
    }

    /// The held pointer whose IID is `iid`, as IUnknown* (the interface's own IUnknown), or nullptr
    /// for an IID not among the seven or not implemented. No reference is added. RT-safe.
    IUnknown* find(const IID& iid) const noexcept {
        if (iid == IID_IAudioEndpoint) return endpoint.get();
        if (iid == IID_IAudioEndpointRT) return rt.get();
        if (iid == IID_IAudioInputEndpointRT) return input.get();
        if (iid == IID_IAudioOutputEndpointRT) return output.get();
        if (iid == IID_IAudioDeviceEndpoint) return device.get();
        if (iid == IID_IAudioEndpointControl) return control.get();
        if (iid == IID_IAetraceEndpointInspect) return inspect.get();
        return nullptr;
    }

    /// Whether the object implements `iid` (one of the seven). RT-safe.
    bool has(const IID& iid) const noexcept { return find(iid) != nullptr; }

  private:
    template <class I>
    static ComPtr<I> query_one(IUnknown* object) {
        ComPtr<I> p;
        if (object->QueryInterface(iid_of<I>(), p.put_void()) != S_OK) p.reset();
        return p;
    }
    template <class I, class Self>
    static auto& slot(Self& self) noexcept {
        if constexpr (std::is_same_v<I, IAudioEndpoint>)
            return self.endpoint;
        else if constexpr (std::is_same_v<I, IAudioEndpointRT>)
            return self.rt;
        else if constexpr (std::is_same_v<I, IAudioInputEndpointRT>)
            return self.input;
        else if constexpr (std::is_same_v<I, IAudioOutputEndpointRT>)
            return self.output;
        else if constexpr (std::is_same_v<I, IAudioDeviceEndpoint>)
            return self.device;
        else if constexpr (std::is_same_v<I, IAudioEndpointControl>)
            return self.control;
        else {
            static_assert(std::is_same_v<I, IAetraceEndpointInspect>, "not an endpoint interface");
            return self.inspect;
        }
    }
};

}  // namespace aetrace::abi
