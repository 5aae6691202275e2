// The structured values of the RT calls, handled exactly as the recorder
// (harness/record/src/recording_proxy_rt.cpp) saw them: the captured buffer's hash, the render
// pointer and the render audio fed to it.
#include <algorithm>
#include <cstring>
#include <iterator>

#include "aetrace/format/hash.h"
#include "session.h"

namespace aetrace::replay::detail {

void compare_input(const CallContext& cx, const abi::APO_CONNECTION_PROPERTY& conn,
                   const abi::AE_CURRENT_POSITION* position) {
    cx.out.connection_out(cx.c.connection_out, conn);
    if (position) cx.out.position(cx.c.position, *position);
    if ((cx.c.flags & format::kHasBuffer) && conn.pBuffer != 0) {
        // Hash as the recorder does: the returned frame count x block align, silence as zeros
        // (POLICY #8).
        const std::size_t bytes =
            static_cast<std::size_t>(conn.u32ValidFrameCount) * cx.s.block_align;
        const std::uint64_t hash =
            conn.u32BufferFlags == abi::BUFFER_SILENT
                ? format::xxh3_64_zeros(bytes)
                : format::xxh3_64(reinterpret_cast<const void*>(conn.pBuffer), bytes);
        cx.out.hash("buffer.xxh3", cx.c.buffer.xxh3, hash);
    }
}

abi::UINT_PTR release_output_pointer(const CallContext& cx) {
    EndpointSession& s = cx.s;
    const format::CallRecord& c = cx.c;
    abi::UINT_PTR pointer = 0;
    if (c.arg[1])
        pointer = s.last_output;  // the engine passed back what Get returned
    else if (c.connection_in.buffer_present)
        pointer = reinterpret_cast<abi::UINT_PTR>(s.foreign);
    if ((c.flags & format::kHasBuffer) && pointer != 0 && pointer == s.last_output) {
        // Write the engine's frames, at most what the preceding Get asked for.
        const std::uint32_t frames = std::min(c.buffer.frames, s.last_output_frames);
        const std::size_t bytes = static_cast<std::size_t>(frames) * s.block_align;
        cx.replayer.feed_render(s, c, reinterpret_cast<std::uint8_t*>(pointer), bytes);
    }
    return pointer;
}

void CallReplayer::feed_render(EndpointSession& s, const format::CallRecord& c, std::uint8_t* dst,
                               std::size_t bytes) {
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

}  // namespace aetrace::replay::detail
