#include "aetrace/plugin/forwarding_endpoint.h"

#include <utility>

namespace aetrace::plugin {

ForwardingEndpoint::ForwardingEndpoint(abi::ComPtr<abi::IUnknown> inner)
    : inner_(std::move(inner)), ifaces_(abi::EndpointInterfaces::query(inner_.get())) {}

ForwardingEndpoint::~ForwardingEndpoint() = default;

void ForwardingEndpoint::before_call(abi::MethodId) noexcept {}

bool ForwardingEndpoint::exposes(const abi::IID& riid) const noexcept {
    return ifaces_.has(riid);
}

std::uint64_t ForwardingEndpoint::GetViolationCount() {
    return ifaces_.inspect->GetViolationCount();
}

abi::HRESULT ForwardingEndpoint::GetViolation(std::uint64_t index, abi::ViolationInfo* pInfo) {
    return ifaces_.inspect->GetViolation(index, pInfo);
}

abi::HRESULT ForwardingEndpoint::GetRenderedAudio(const std::uint8_t** ppData,
                                                  std::uint64_t* pFrames) {
    return ifaces_.inspect->GetRenderedAudio(ppData, pFrames);
}

}  // namespace aetrace::plugin
