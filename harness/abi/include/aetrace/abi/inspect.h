// IAetraceEndpointInspect: a harness extension interface, not part of the Windows API.
//
// The reference endpoints (and any implementation that wants richer reports) expose it through
// QueryInterface. The engine model uses it for strict mode, the recorder to write contract
// violations into the trace, the replayer to compare the audio a render endpoint played. An
// implementation that does not expose it is still fully usable; the harness then checks only what
// the six API interfaces show.
#pragma once

#include <cstdint>

#include "aetrace/abi/contract.h"
#include "aetrace/abi/platform.h"
#include "aetrace/abi/types.h"
#include "aetrace/abi/unknown.h"

namespace aetrace::abi {

/// {6B1F3C2E-8D4A-4E5B-9C7D-A3E2F1B0C9D8} (harness-defined).
inline constexpr IID IID_IAetraceEndpointInspect = {
    0x6B1F3C2E, 0x8D4A, 0x4E5B, {0x9C, 0x7D, 0xA3, 0xE2, 0xF1, 0xB0, 0xC9, 0xD8}};

class IAetraceEndpointInspect : public IUnknown {
  public:
    /// Number of contract violations found so far (including any beyond the stored capacity).
    /// RT-safe.
    virtual std::uint64_t AETRACE_STDMETHODCALLTYPE GetViolationCount() = 0;
    /// [out] *pInfo: violation `index` (0-based, in order found). E_INVALIDARG when index is not
    /// stored (at or above the count, or beyond capacity); E_POINTER for a null pInfo. RT-safe.
    virtual HRESULT AETRACE_STDMETHODCALLTYPE GetViolation(std::uint64_t index,
                                                           ViolationInfo* pInfo) = 0;
    /// Render endpoints: [out] *ppData = the frames the device has played so far (endpoint format,
    /// interleaved), [out] *pFrames = their count. The pointer stays valid until the next call on
    /// the endpoint. E_NOTIMPL for capture endpoints. Not RT.
    virtual HRESULT AETRACE_STDMETHODCALLTYPE GetRenderedAudio(const std::uint8_t** ppData,
                                                               std::uint64_t* pFrames) = 0;

  protected:
    ~IAetraceEndpointInspect() = default;
};

template <>
struct InterfaceTraits<IAetraceEndpointInspect> {
    static constexpr const IID& iid = IID_IAetraceEndpointInspect;
};

}  // namespace aetrace::abi
