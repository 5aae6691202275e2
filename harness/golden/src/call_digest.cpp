#include "aetrace/golden/call_digest.h"

#include <cstring>
#include <vector>

namespace aetrace::golden {
namespace {

class Canon {
  public:
    void u64(std::uint64_t v) {
        for (int i = 0; i < 8; ++i) bytes_.push_back(static_cast<std::uint8_t>(v >> (8 * i)));
    }
    void u32(std::uint32_t v) { u64(v); }
    void pos(const abi::AE_CURRENT_POSITION& p) {
        u64(p.u64DevicePosition);
        u64(p.u64StreamPosition);
        u64(p.u64PaddingFrames);
        u64(static_cast<std::uint64_t>(p.hnsQPCPosition));
        std::uint32_t f;
        std::memcpy(&f, &p.f32FramesPerSecond, sizeof f);
        u32(f);
        u32(static_cast<std::uint32_t>(p.Flag));
    }
    void conn(const format::ConnectionValue& c) {
        u32(c.valid_frame_count);
        u32(c.buffer_flags);
        u32(c.signature);
        u32(c.buffer_present);
    }
    const std::vector<std::uint8_t>& bytes() const { return bytes_; }

  private:
    std::vector<std::uint8_t> bytes_;
};

}  // namespace

audio::Hash128 calls_digest(const format::Trace& trace) {
    Canon c;
    for (const format::CallRecord& call : trace.calls) {
        const abi::MethodInfo* m = abi::method_info(call.method);
        c.u32(static_cast<std::uint32_t>(call.method));
        c.u32(call.endpoint);
        c.u64(static_cast<std::uint64_t>(call.virtual_time));
        if (!m) continue;  // unknown method (newer trace): its id and time are all we can trust
        if (m->returns == abi::ReturnKind::kHresult) c.u32(static_cast<std::uint32_t>(call.result));
        for (int i = 0; i < 3; ++i)
            if (m->arg_names[i]) c.u64(call.arg[i]);
        for (int i = 0; i < 2; ++i)
            if (m->out_names[i]) c.u64(call.out[i]);
        if (call.flags & format::kHasPosition) c.pos(call.position);
        if (m->shape & abi::kConnectionIn) c.conn(call.connection_in);
        if (m->shape & abi::kConnectionOut) c.conn(call.connection_out);
        if (m->shape & abi::kFormatOut) {
            const auto* raw = reinterpret_cast<const std::uint8_t*>(&call.format);
            for (std::size_t i = 0; i < sizeof call.format; ++i) c.u32(raw[i]);
        }
        if (call.flags & format::kHasBuffer) {
            c.u32(call.buffer.frames);
            c.u32(call.buffer.bytes);
            c.u64(call.buffer.xxh3);
        }
    }
    for (const format::ViolationRecord& v : trace.violations) {
        c.u64(v.call_seq);
        c.u32(static_cast<std::uint32_t>(v.rule));
        c.u32(static_cast<std::uint32_t>(v.method));
        c.u32(v.source);
        c.u64(v.value);
        c.u64(v.limit);
    }
    return audio::xxh3_128(c.bytes().data(), c.bytes().size());
}

}  // namespace aetrace::golden
