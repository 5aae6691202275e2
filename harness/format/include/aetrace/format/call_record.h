// The in-memory form of one recorded call, and of the other trace records.
//
// A CallRecord is fixed-size and trivially copyable so the recorder can copy it into a preallocated
// ring on the real-time thread. Which fields are meaningful for a method is given by its row in the
// method table (aetrace/abi/methods.h): arg[i]/out[i] are named there, and `shape` says which of
// position / connection / format / buffer are carried. Fields a method does not use are zero.
#pragma once

#include <cstdint>
#include <type_traits>

#include "aetrace/abi/contract.h"
#include "aetrace/abi/methods.h"
#include "aetrace/abi/types.h"

namespace aetrace::format {

using abi::HNSTIME;

/// An APO_CONNECTION_PROPERTY as recorded: the pointer itself is process-specific, so only whether
/// it was null is kept.
struct ConnectionValue {
    std::uint32_t valid_frame_count = 0;  ///< u32ValidFrameCount, frames
    std::uint32_t buffer_flags = 0;       ///< u32BufferFlags (APO_BUFFER_FLAGS)
    std::uint32_t signature = 0;          ///< u32Signature
    std::uint32_t buffer_present = 0;     ///< 1 when pBuffer != 0
    friend bool operator==(const ConnectionValue&, const ConnectionValue&) = default;
};

/// An audio buffer moved by a data call. The bytes themselves travel in an AudioPayload record
/// (unless the trace is hash-only).
struct BufferRef {
    std::uint32_t frames = 0;  ///< frames in the buffer
    std::uint32_t bytes = 0;   ///< frames x block align
    /// XXH3-64 of the bytes; for a BUFFER_SILENT buffer, of `bytes` zero bytes (POLICY #8).
    std::uint64_t xxh3 = 0;
    friend bool operator==(const BufferRef&, const BufferRef&) = default;
};

/// Presence bits of CallRecord::flags.
enum CallFlags : std::uint16_t {
    kHasPosition = 1u << 0,    ///< `position` holds a value (the optional pointer was non-null)
    kHasBuffer = 1u << 1,      ///< `buffer` holds a value
    kPayloadStored = 1u << 2,  ///< an AudioPayload record with this seq follows
};

/// One call on one of the six interfaces.
struct CallRecord {
    std::uint64_t seq = 0;     ///< global sequence number, from 0, over all threads
    std::uint32_t thread = 0;  ///< recorder-assigned thread index (0 = first thread seen)
    abi::MethodId method = abi::MethodId::kNone;
    std::uint16_t flags = 0;     ///< CallFlags
    HNSTIME virtual_time = 0;    ///< virtual clock at the call, HNSTIME
    HNSTIME real_time = 0;       ///< monotonic clock at the call, HNSTIME (0 when not taken)
    std::int32_t result = 0;     ///< HRESULT for kHresult methods, 0 otherwise
    std::uint32_t endpoint = 0;  ///< which endpoint object was called (index of its EndpointInfo)
    std::uint64_t arg[3] = {};   ///< scalar inputs, named by MethodInfo::arg_names
    std::uint64_t out[2] = {};   ///< scalar outputs, named by MethodInfo::out_names
    abi::AE_CURRENT_POSITION position = {};  ///< in or out per the method's shape
    ConnectionValue connection_in;           ///< as passed by the caller
    ConnectionValue connection_out;          ///< as returned (GetInputDataPointer)
    abi::WAVEFORMATEXTENSIBLE format = {};   ///< GetFrameFormat result (WAVEFORMATEX in its head)
    BufferRef buffer;
};
static_assert(std::is_trivially_copyable_v<CallRecord>);

/// A contract violation in a trace: which call broke which rule (see aetrace/abi/contract.h).
struct ViolationRecord {
    std::uint64_t call_seq = 0;  ///< seq of the call that broke the rule (its CallRecord::seq)
    abi::ContractRule rule = abi::ContractRule::kNone;
    abi::MethodId method = abi::MethodId::kNone;
    std::uint32_t source = 0;  ///< 0 = reported by the endpoint, 1 = found by the engine model
    std::uint64_t value = 0;   ///< the offending value (a frame count, a signature, ...)
    std::uint64_t limit = 0;   ///< the limit it broke
};
static_assert(std::is_trivially_copyable_v<ViolationRecord>);

}  // namespace aetrace::format
