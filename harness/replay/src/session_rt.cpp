// The RT calls: IAudioEndpointRT, IAudioInputEndpointRT, IAudioOutputEndpointRT, issued exactly as
// the recorder (harness/record/src/recording_proxy_rt.cpp) saw them.
#include <algorithm>
#include <cstring>
#include <iterator>

#include "aetrace/format/hash.h"
#include "session.h"

namespace aetrace::replay::detail {

using abi::MethodId;

void CallReplayer::rt_call(EndpointSession& s, const format::CallRecord& c) {
    abi::IAudioEndpointRT& rt = *s.rt.get();
    switch (c.method) {
        case MethodId::IAudioEndpointRT_GetCurrentPadding: {
            abi::HNSTIME padding = 0;
            abi::AE_CURRENT_POSITION position{};
            const bool with_position = (c.flags & format::kHasPosition) != 0;
            rt.GetCurrentPadding(&padding, with_position ? &position : nullptr);
            out_.i64("padding", static_cast<std::int64_t>(c.out[0]), padding);
            if (with_position) out_.position(c.position, position);
            break;
        }
        case MethodId::IAudioEndpointRT_ProcessingComplete:
            rt.ProcessingComplete();
            break;
        case MethodId::IAudioEndpointRT_SetPinInactive:
            out_.hr(c.result, rt.SetPinInactive());
            break;
        case MethodId::IAudioEndpointRT_SetPinActive:
            out_.hr(c.result, rt.SetPinActive());
            break;
        default:
            break;
    }
}

void CallReplayer::input_call(EndpointSession& s, const format::CallRecord& c) {
    abi::IAudioInputEndpointRT& input = *s.input.get();
    switch (c.method) {
        case MethodId::IAudioInputEndpointRT_GetInputDataPointer: {
            abi::APO_CONNECTION_PROPERTY conn{};
            conn.pBuffer = 0;
            conn.u32ValidFrameCount = c.connection_in.valid_frame_count;
            conn.u32BufferFlags = static_cast<abi::APO_BUFFER_FLAGS>(c.connection_in.buffer_flags);
            conn.u32Signature = c.connection_in.signature;
            abi::AE_CURRENT_POSITION timestamp{};
            const bool with_position = (c.flags & format::kHasPosition) != 0;
            input.GetInputDataPointer(&conn, with_position ? &timestamp : nullptr);
            s.last_input = conn.pBuffer;
            out_.connection_out(c.connection_out, conn);
            if (with_position) out_.position(c.position, timestamp);
            if ((c.flags & format::kHasBuffer) && conn.pBuffer != 0) {
                // Hash as the recorder does: the returned frame count x block align, silence as
                // zeros (POLICY #8).
                const std::size_t bytes =
                    static_cast<std::size_t>(conn.u32ValidFrameCount) * s.block_align;
                const std::uint64_t hash =
                    conn.u32BufferFlags == abi::BUFFER_SILENT
                        ? format::xxh3_64_zeros(bytes)
                        : format::xxh3_64(reinterpret_cast<const void*>(conn.pBuffer), bytes);
                out_.hash("buffer.xxh3", c.buffer.xxh3, hash);
            }
            break;
        }
        case MethodId::IAudioInputEndpointRT_ReleaseInputDataPointer: {
            const abi::UINT_PTR pointer =
                c.arg[1] ? s.last_input : reinterpret_cast<abi::UINT_PTR>(s.foreign);
            input.ReleaseInputDataPointer(static_cast<abi::UINT32>(c.arg[0]), pointer);
            break;
        }
        case MethodId::IAudioInputEndpointRT_PulseEndpoint:
            input.PulseEndpoint();
            break;
        default:
            break;
    }
}

void CallReplayer::output_call(EndpointSession& s, const format::CallRecord& c) {
    abi::IAudioOutputEndpointRT& output = *s.output.get();
    switch (c.method) {
        case MethodId::IAudioOutputEndpointRT_GetOutputDataPointer: {
            // The timestamp is an input: hand the implementation a copy of the recorded one.
            abi::AE_CURRENT_POSITION timestamp = c.position;
            const bool with_position = (c.flags & format::kHasPosition) != 0;
            const abi::UINT32 frames = static_cast<abi::UINT32>(c.arg[0]);
            const abi::UINT_PTR p =
                output.GetOutputDataPointer(frames, with_position ? &timestamp : nullptr);
            s.last_output = p;
            s.last_output_frames = frames;
            out_.present("pointer_present", c.out[0] != 0, p != 0);
            break;
        }
        case MethodId::IAudioOutputEndpointRT_ReleaseOutputDataPointer:
            release_output(s, c);
            break;
        case MethodId::IAudioOutputEndpointRT_PulseEndpoint:
            output.PulseEndpoint();
            break;
        default:
            break;
    }
}

void CallReplayer::release_output(EndpointSession& s, const format::CallRecord& c) {
    abi::UINT_PTR pointer = 0;
    if (c.arg[1])
        pointer = s.last_output;  // the engine passed back what Get returned
    else if (c.connection_in.buffer_present)
        pointer = reinterpret_cast<abi::UINT_PTR>(s.foreign);
    if ((c.flags & format::kHasBuffer) && pointer != 0 && pointer == s.last_output) {
        // Write the engine's frames, at most what the preceding Get asked for.
        const std::uint32_t frames = std::min(c.buffer.frames, s.last_output_frames);
        const std::size_t bytes = static_cast<std::size_t>(frames) * s.block_align;
        auto* dst = reinterpret_cast<std::uint8_t*>(pointer);
        const bool hash_only = (trace_.header.flags & format::kHeaderHashOnly) != 0;
        auto it = trace_.payloads.end();
        if (!hash_only) {
            it = next_payload_ != trace_.payloads.end() && next_payload_->first == c.seq
                     ? next_payload_
                     : trace_.payloads.find(c.seq);
            if (it != trace_.payloads.end()) next_payload_ = std::next(it);
        }
        if (it != trace_.payloads.end()) {
            const std::size_t n = std::min(bytes, it->second.bytes.size());
            if (n) std::memcpy(dst, it->second.bytes.data(), n);
            if (n < bytes) std::memset(dst + n, 0, bytes - n);
        } else if (bytes) {
            std::memset(dst, 0, bytes);
            if (payloads_missing_++ == 0) first_missing_seq_ = c.seq;
            s.render_fed_zeros = true;
        }
    }
    abi::APO_CONNECTION_PROPERTY conn{};
    conn.pBuffer = pointer;
    conn.u32ValidFrameCount = c.connection_in.valid_frame_count;
    conn.u32BufferFlags = static_cast<abi::APO_BUFFER_FLAGS>(c.connection_in.buffer_flags);
    conn.u32Signature = c.connection_in.signature;
    s.output->ReleaseOutputDataPointer(&conn);
}

}  // namespace aetrace::replay::detail
