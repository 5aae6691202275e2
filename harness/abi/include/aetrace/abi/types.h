// Scalar types, enums and structures of audioengineendpoint.h / audioapotypes.h, declared portably.
//
// Every layout below is pinned with static_asserts (x64 and, where the spec gives them, x86) in
// layout_asserts.h. Source: ../shared/spec/rds-audioendpoint-api.md sections 1.1-1.7, which takes
// them from the Windows SDK header and win32metadata. Never include mingw-w64's
// audioengineendpoint.h instead (spec section 4: wrong slot order).
#pragma once

#include <cstdint>

namespace aetrace::abi {

using HRESULT = std::int32_t;  ///< COM result code; negative means failure.
using BOOL = std::int32_t;     ///< Win32 BOOL: 4 bytes, 0 = FALSE, anything else TRUE.
using DWORD = std::uint32_t;
using UINT32 = std::uint32_t;
using UINT64 = std::uint64_t;
using LONGLONG = std::int64_t;
using UINT_PTR = std::uintptr_t;  ///< Pointer-sized unsigned integer (4 bytes on x86, 8 on x64).
using HANDLE = void*;
using FLOAT32 = float;
/// Time in 100-nanosecond units, signed 64-bit (audioapotypes.h). 10'000'000 HNSTIME = 1 second.
using HNSTIME = std::int64_t;

inline constexpr BOOL kTrue = 1;
inline constexpr BOOL kFalse = 0;
/// HNSTIME units per second.
inline constexpr HNSTIME kHnsPerSecond = 10'000'000;

/// AE_POSITION_FLAGS [L ne-audioengineendpoint-ae_position_flags]. POLICY #4 compares it as a
/// bitmask.
enum AE_POSITION_FLAGS : std::int32_t {
    POSITION_INVALID = 0,
    POSITION_DISCONTINUOUS = 1,
    POSITION_CONTINUOUS = 2,
    POSITION_QPC_ERROR = 4,
};

/// APO_BUFFER_FLAGS [A ne-audioapotypes-apo_buffer_flags].
enum APO_BUFFER_FLAGS : std::int32_t {
    BUFFER_INVALID = 0,
    BUFFER_VALID = 1,
    BUFFER_SILENT = 2,
};

/// EndpointConnectorType, current SDK values (spec 1.1; win32metadata stops at eConnectorCount=4).
enum EndpointConnectorType : std::int32_t {
    eHostProcessConnector = 0,
    eOffloadConnector = 1,
    eLoopbackConnector = 2,
    eKeywordDetectorConnector = 3,
    eLoopbackConnectorPostVolume = 4,
    eConnectorCount = 5,
};

/// 'ACPS' as MSVC and GCC evaluate the multi-character literal (spec 1.1); the engine model passes
/// it in u32Signature (POLICY #5).
inline constexpr UINT32 APO_CONNECTION_PROPERTY_SIGNATURE = 0x41435053u;
/// 'ACP2': the struct may be cast to APO_CONNECTION_PROPERTY_V2 (Windows 10 build 20348+).
inline constexpr UINT32 APO_CONNECTION_PROPERTY_V2_SIGNATURE = 0x41435032u;
/// 'ACDS': APO connection descriptor signature.
inline constexpr UINT32 APO_CONNECTION_DESCRIPTOR_SIGNATURE = 0x41434453u;

/// AUDCLNT_STREAMFLAGS_* for IAudioEndpoint::SetStreamFlags (audclnt-streamflags-xxx-constants).
inline constexpr DWORD AUDCLNT_STREAMFLAGS_CROSSPROCESS = 0x00010000u;
inline constexpr DWORD AUDCLNT_STREAMFLAGS_LOOPBACK = 0x00020000u;
inline constexpr DWORD AUDCLNT_STREAMFLAGS_EVENTCALLBACK = 0x00040000u;
inline constexpr DWORD AUDCLNT_STREAMFLAGS_NOPERSIST = 0x00080000u;
inline constexpr DWORD AUDCLNT_STREAMFLAGS_RATEADJUST = 0x00100000u;

/// AE_CURRENT_POSITION [L ns-audioengineendpoint-ae_current_position]. sizeof 40 on x86 and x64.
struct alignas(8) AE_CURRENT_POSITION {
    UINT64 u64DevicePosition;    ///< device position, frames
    UINT64 u64StreamPosition;    ///< stream position, frames
    UINT64 u64PaddingFrames;     ///< frames between the current position and the stream fill point
    HNSTIME hnsQPCPosition;      ///< time u64DevicePosition was sampled; HNSTIME here (POLICY #3)
    FLOAT32 f32FramesPerSecond;  ///< measured data rate when the position was taken
    AE_POSITION_FLAGS Flag;      ///< validity
};

/// APO_CONNECTION_PROPERTY [A ns-audioapotypes-apo_connection_property]. x64: 24 bytes, x86: 16.
struct APO_CONNECTION_PROPERTY {
    UINT_PTR pBuffer;                 ///< connection buffer (frame-aligned)
    UINT32 u32ValidFrameCount;        ///< valid frames in the buffer
    APO_BUFFER_FLAGS u32BufferFlags;  ///< validity of the buffer contents
    UINT32 u32Signature;              ///< APO_CONNECTION_PROPERTY_SIGNATURE or the V2 signature
};

/// APO_CONNECTION_PROPERTY_V2 (Windows 10 build 20348+, AEC). x64: 32 bytes, x86: 24.
struct APO_CONNECTION_PROPERTY_V2 {
    APO_CONNECTION_PROPERTY property;
    UINT64 u64QPCTime;
};

#pragma pack(push, 1)
/// WAVEFORMATEX, packed to 1 byte: sizeof 18 (spec 1.4).
struct WAVEFORMATEX {
    std::uint16_t wFormatTag;
    std::uint16_t nChannels;
    std::uint32_t nSamplesPerSec;
    std::uint32_t nAvgBytesPerSec;
    std::uint16_t nBlockAlign;
    std::uint16_t wBitsPerSample;
    std::uint16_t cbSize;
};
#pragma pack(pop)

/// GUID with the Windows memory layout (16 bytes).
struct GUID {
    std::uint32_t Data1;
    std::uint16_t Data2;
    std::uint16_t Data3;
    std::uint8_t Data4[8];
};
using IID = GUID;

constexpr bool operator==(const GUID& a, const GUID& b) noexcept {
    if (a.Data1 != b.Data1 || a.Data2 != b.Data2 || a.Data3 != b.Data3) return false;
    for (int i = 0; i < 8; ++i)
        if (a.Data4[i] != b.Data4[i]) return false;
    return true;
}

#pragma pack(push, 1)
/// WAVEFORMATEXTENSIBLE (mmreg.h): WAVEFORMATEX + 22 bytes, packed to 1, sizeof 40.
struct WAVEFORMATEXTENSIBLE {
    WAVEFORMATEX Format;
    std::uint16_t wValidBitsPerSample;  ///< Samples.wValidBitsPerSample of the union
    std::uint32_t dwChannelMask;
    GUID SubFormat;
};
#pragma pack(pop)

inline constexpr std::uint16_t WAVE_FORMAT_PCM = 0x0001;
inline constexpr std::uint16_t WAVE_FORMAT_IEEE_FLOAT = 0x0003;
inline constexpr std::uint16_t WAVE_FORMAT_EXTENSIBLE = 0xFFFE;
/// cbSize of a WAVEFORMATEXTENSIBLE: the 22 bytes after WAVEFORMATEX.
inline constexpr std::uint16_t kWaveFormatExtensibleCbSize = 22;

/// KSDATAFORMAT_SUBTYPE_PCM {00000001-0000-0010-8000-00AA00389B71} (ksmedia.h).
inline constexpr GUID KSDATAFORMAT_SUBTYPE_PCM = {
    0x00000001, 0x0000, 0x0010, {0x80, 0x00, 0x00, 0xAA, 0x00, 0x38, 0x9B, 0x71}};
/// KSDATAFORMAT_SUBTYPE_IEEE_FLOAT {00000003-0000-0010-8000-00AA00389B71} (ksmedia.h).
inline constexpr GUID KSDATAFORMAT_SUBTYPE_IEEE_FLOAT = {
    0x00000003, 0x0000, 0x0010, {0x80, 0x00, 0x00, 0xAA, 0x00, 0x38, 0x9B, 0x71}};

/// AUDIO_ENDPOINT_SHARED_CREATE_PARAMS, current-SDK layout only (POLICY #16-17), sizeof 32.
struct AUDIO_ENDPOINT_SHARED_CREATE_PARAMS {
    UINT32 u32Size;
    UINT32 u32TSSessionId;
    EndpointConnectorType targetEndpointConnectorType;
    WAVEFORMATEX wfxDeviceFormat;
};

/// AUDIO_ENDPOINT_EXCLUSIVE_CREATE_PARAMS (Win7-era SDK; removed from the current SDK), sizeof 64.
/// The 64-bit members are forced to 8-byte alignment as MSVC does on x86 too (spec 1.6).
struct alignas(8) AUDIO_ENDPOINT_EXCLUSIVE_CREATE_PARAMS {
    UINT32 u32Size;
    alignas(8) LONGLONG hConnection;
    BOOL bIsRtCapable;
    alignas(8) HNSTIME hnsBufferDuration;
    alignas(8) HNSTIME hnsPeriod;
    UINT32 u32LatencyCoefficient;
    WAVEFORMATEX wfxDeviceFormat;
};

}  // namespace aetrace::abi
