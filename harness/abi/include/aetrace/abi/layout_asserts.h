// static_asserts pinning every structure layout of spec sections 1.2-1.7 (x64, and x86 where the
// spec gives x86 values). Included by abi.h so every translation unit using the ABI checks them.
#pragma once

#include <cstddef>

#include "aetrace/abi/types.h"

namespace aetrace::abi::layout_check {

inline constexpr bool k64 = sizeof(void*) == 8;

static_assert(sizeof(HNSTIME) == 8 && sizeof(BOOL) == 4 && sizeof(FLOAT32) == 4);
static_assert(sizeof(GUID) == 16);

static_assert(sizeof(AE_CURRENT_POSITION) == 40);
static_assert(offsetof(AE_CURRENT_POSITION, u64DevicePosition) == 0);
static_assert(offsetof(AE_CURRENT_POSITION, u64StreamPosition) == 8);
static_assert(offsetof(AE_CURRENT_POSITION, u64PaddingFrames) == 16);
static_assert(offsetof(AE_CURRENT_POSITION, hnsQPCPosition) == 24);
static_assert(offsetof(AE_CURRENT_POSITION, f32FramesPerSecond) == 32);
static_assert(offsetof(AE_CURRENT_POSITION, Flag) == 36);

static_assert(sizeof(APO_CONNECTION_PROPERTY) == (k64 ? 24 : 16));
static_assert(offsetof(APO_CONNECTION_PROPERTY, pBuffer) == 0);
static_assert(offsetof(APO_CONNECTION_PROPERTY, u32ValidFrameCount) == (k64 ? 8 : 4));
static_assert(offsetof(APO_CONNECTION_PROPERTY, u32BufferFlags) == (k64 ? 12 : 8));
static_assert(offsetof(APO_CONNECTION_PROPERTY, u32Signature) == (k64 ? 16 : 12));
static_assert(sizeof(APO_CONNECTION_PROPERTY_V2) == (k64 ? 32 : 24));
static_assert(offsetof(APO_CONNECTION_PROPERTY_V2, u64QPCTime) == (k64 ? 24 : 16));

static_assert(sizeof(WAVEFORMATEX) == 18);
static_assert(offsetof(WAVEFORMATEX, nChannels) == 2);
static_assert(offsetof(WAVEFORMATEX, nSamplesPerSec) == 4);
static_assert(offsetof(WAVEFORMATEX, nAvgBytesPerSec) == 8);
static_assert(offsetof(WAVEFORMATEX, nBlockAlign) == 12);
static_assert(offsetof(WAVEFORMATEX, wBitsPerSample) == 14);
static_assert(offsetof(WAVEFORMATEX, cbSize) == 16);
static_assert(sizeof(WAVEFORMATEXTENSIBLE) == 40);
static_assert(offsetof(WAVEFORMATEXTENSIBLE, SubFormat) == 24);

static_assert(sizeof(AUDIO_ENDPOINT_SHARED_CREATE_PARAMS) == 32);
static_assert(offsetof(AUDIO_ENDPOINT_SHARED_CREATE_PARAMS, targetEndpointConnectorType) == 8);
static_assert(offsetof(AUDIO_ENDPOINT_SHARED_CREATE_PARAMS, wfxDeviceFormat) == 12);

static_assert(sizeof(AUDIO_ENDPOINT_EXCLUSIVE_CREATE_PARAMS) == 64);
static_assert(offsetof(AUDIO_ENDPOINT_EXCLUSIVE_CREATE_PARAMS, hConnection) == 8);
static_assert(offsetof(AUDIO_ENDPOINT_EXCLUSIVE_CREATE_PARAMS, bIsRtCapable) == 16);
static_assert(offsetof(AUDIO_ENDPOINT_EXCLUSIVE_CREATE_PARAMS, hnsBufferDuration) == 24);
static_assert(offsetof(AUDIO_ENDPOINT_EXCLUSIVE_CREATE_PARAMS, hnsPeriod) == 32);
static_assert(offsetof(AUDIO_ENDPOINT_EXCLUSIVE_CREATE_PARAMS, u32LatencyCoefficient) == 40);
static_assert(offsetof(AUDIO_ENDPOINT_EXCLUSIVE_CREATE_PARAMS, wfxDeviceFormat) == 44);

}  // namespace aetrace::abi::layout_check
