// RtCall: the ring form of a call on a real-time method (internal to the record layer).
//
// A format::CallRecord is 208 bytes, most of them for fields no real-time method sets (the
// GetFrameFormat result, a third argument, a second output). Building one on the real-time thread
// meant zeroing it (GCC emits `rep stos`, whose stores do not forward to the loads that follow:
// the flag update and the copy into the ring then stall) and copying 224 bytes. An RtCall holds
// exactly what the nine real-time methods record, is filled with plain stores, and is expanded
// into a CallRecord by the writer thread.
#pragma once

#include <cstdint>
#include <type_traits>

#include "aetrace/abi/methods.h"
#include "aetrace/abi/types.h"
#include "aetrace/format/call_record.h"

namespace aetrace::record::detail {

struct RtCall {
    std::uint64_t seq;                       ///< CallRecord::seq
    abi::HNSTIME virtual_time;               ///< CallRecord::virtual_time
    std::uint64_t real_stamp;                ///< raw ticks or HNSTIME, per RecorderCore::stamp
    abi::MethodId method;                    ///< CallRecord::method
    std::uint16_t flags;                     ///< CallRecord::flags (format::CallFlags)
    std::uint32_t endpoint;                  ///< CallRecord::endpoint
    std::int32_t result;                     ///< CallRecord::result
    std::uint32_t buffer_frames;             ///< CallRecord::buffer.frames
    std::uint64_t arg0;                      ///< CallRecord::arg[0]
    std::uint32_t arg1;                      ///< CallRecord::arg[1] (a flag or a frame count)
    std::uint32_t buffer_bytes;              ///< CallRecord::buffer.bytes
    std::uint64_t out0;                      ///< CallRecord::out[0]
    abi::AE_CURRENT_POSITION position;       ///< CallRecord::position
    format::ConnectionValue connection_in;   ///< CallRecord::connection_in
    format::ConnectionValue connection_out;  ///< CallRecord::connection_out
};
static_assert(std::is_trivially_copyable_v<RtCall>);
static_assert(sizeof(RtCall) == 136);

/// `call` as a CallRecord of thread `thread` (the ring's index), with real_time = `real_time`
/// (the stamp converted by the writer). Everything an RtCall does not carry is zero.
inline format::CallRecord expand(const RtCall& call, std::uint32_t thread,
                                 abi::HNSTIME real_time) noexcept {
    format::CallRecord r;
    r.seq = call.seq;
    r.thread = thread;
    r.method = call.method;
    r.flags = call.flags;
    r.virtual_time = call.virtual_time;
    r.real_time = real_time;
    r.result = call.result;
    r.endpoint = call.endpoint;
    r.arg[0] = call.arg0;
    r.arg[1] = call.arg1;
    r.out[0] = call.out0;
    r.position = call.position;
    r.connection_in = call.connection_in;
    r.connection_out = call.connection_out;
    r.buffer.frames = call.buffer_frames;
    r.buffer.bytes = call.buffer_bytes;
    return r;
}

}  // namespace aetrace::record::detail
