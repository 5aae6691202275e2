#include "collector.h"

#include <cstring>

#include "aetrace/abi/hresult.h"
#include "aetrace/abi/methods.h"
#include "aetrace/format/hash.h"
#include "text.h"

namespace aetrace::replay::detail {

void Collector::add(const char* field, std::string expected, std::string actual) {
    ++report_.divergence_count;
    const abi::MethodInfo* info = abi::method_info(call_->method);
    const std::string name = info
                                 ? std::string(info->qualified_name)
                                 : "method " + std::to_string(static_cast<unsigned>(call_->method));
    ++report_.per_method[name];
    if (report_.divergences.size() >= max_kept_) return;
    Divergence d;
    d.call_index = index_;
    d.seq = call_->seq;
    d.endpoint = call_->endpoint;
    d.method = call_->method;
    d.field = field;
    d.expected = std::move(expected);
    d.actual = std::move(actual);
    report_.divergences.push_back(std::move(d));
}

void Collector::hr(abi::HRESULT expected, abi::HRESULT actual) {
    if (expected != actual) add("hr", abi::hresult_name(expected), abi::hresult_name(actual));
}

void Collector::u64(const char* field, std::uint64_t expected, std::uint64_t actual) {
    if (expected != actual) add(field, std::to_string(expected), std::to_string(actual));
}

void Collector::i64(const char* field, std::int64_t expected, std::int64_t actual) {
    if (expected != actual) add(field, std::to_string(expected), std::to_string(actual));
}

void Collector::present(const char* field, bool expected, bool actual) {
    if (expected != actual) add(field, presence_text(expected), presence_text(actual));
}

void Collector::boolean(const char* field, std::uint64_t expected, std::uint64_t actual) {
    if (expected != actual) add(field, bool_text(expected), bool_text(actual));
}

void Collector::buffer_flags(const char* field, std::uint32_t expected, std::uint32_t actual) {
    if (expected != actual) add(field, buffer_flags_text(expected), buffer_flags_text(actual));
}

void Collector::signature(const char* field, std::uint32_t expected, std::uint32_t actual) {
    if (expected != actual) add(field, signature_text(expected), signature_text(actual));
}

void Collector::hash(const char* field, std::uint64_t expected, std::uint64_t actual) {
    if (expected != actual) add(field, format::hex64(expected), format::hex64(actual));
}

void Collector::position(const abi::AE_CURRENT_POSITION& e, const abi::AE_CURRENT_POSITION& a) {
    u64("position.u64DevicePosition", e.u64DevicePosition, a.u64DevicePosition);
    u64("position.u64StreamPosition", e.u64StreamPosition, a.u64StreamPosition);
    u64("position.u64PaddingFrames", e.u64PaddingFrames, a.u64PaddingFrames);
    i64("position.hnsQPCPosition", e.hnsQPCPosition, a.hnsQPCPosition);
    std::uint32_t eb = 0, ab = 0;
    std::memcpy(&eb, &e.f32FramesPerSecond, sizeof eb);
    std::memcpy(&ab, &a.f32FramesPerSecond, sizeof ab);
    if (eb != ab)
        add("position.f32FramesPerSecond", float_text(e.f32FramesPerSecond),
            float_text(a.f32FramesPerSecond));
    if (e.Flag != a.Flag)
        add("position.Flag", position_flag_text(e.Flag), position_flag_text(a.Flag));
}

void Collector::connection_out(const format::ConnectionValue& e,
                               const abi::APO_CONNECTION_PROPERTY& a) {
    present("connection_out.pBuffer", e.buffer_present != 0, a.pBuffer != 0);
    u64("connection_out.u32ValidFrameCount", e.valid_frame_count, a.u32ValidFrameCount);
    buffer_flags("connection_out.u32BufferFlags", e.buffer_flags,
                 static_cast<std::uint32_t>(a.u32BufferFlags));
    signature("connection_out.u32Signature", e.signature, a.u32Signature);
}

}  // namespace aetrace::replay::detail
