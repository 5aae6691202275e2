// EndpointSession setup and the comparisons shared by the handlers: scalar results by field kind,
// the frame format, a missing interface.
#include "session.h"

#include <cstring>
#include <string>

#include "text.h"

namespace aetrace::replay::detail {

EndpointSession::EndpointSession(const format::EndpointInfo& endpoint_info,
                                 abi::ComPtr<abi::IUnknown> obj)
    : info(endpoint_info),
      block_align(endpoint_info.format.bytes_per_frame()),
      object(std::move(obj)),
      ifaces(abi::EndpointInterfaces::query(object.get())) {}

abi::APO_CONNECTION_PROPERTY CallContext::connection_in(abi::UINT_PTR buffer) const noexcept {
    abi::APO_CONNECTION_PROPERTY conn{};
    conn.pBuffer = buffer;
    conn.u32ValidFrameCount = c.connection_in.valid_frame_count;
    conn.u32BufferFlags = static_cast<abi::APO_BUFFER_FLAGS>(c.connection_in.buffer_flags);
    conn.u32Signature = c.connection_in.signature;
    return conn;
}

void CallContext::compare_outs(const std::uint64_t* actual, std::size_t count) const {
    for (std::size_t i = 0; i < count; ++i) {
        const char* name = info.out_names[i];
        const std::uint64_t expected = c.out[i];
        switch (info.out_kinds[i]) {
            case abi::FieldKind::kNone:
                break;
            case abi::FieldKind::kU64:
            case abi::FieldKind::kMatch:
                out.u64(name, expected, actual[i]);
                break;
            case abi::FieldKind::kI64:
                out.i64(name, static_cast<std::int64_t>(expected),
                        static_cast<std::int64_t>(actual[i]));
                break;
            case abi::FieldKind::kBool:
                out.boolean(name, expected, actual[i]);
                break;
            case abi::FieldKind::kPresent:
                out.present(name, expected != 0, actual[i] != 0);
                break;
        }
    }
}

void CallReplayer::report_missing(EndpointSession& s, const abi::MethodInfo& info,
                                  unsigned iface_index) {
    if (s.missing_reported[iface_index]) return;
    s.missing_reported[iface_index] = true;
    out_.add("interface", std::string(info.interface_name) + " implemented",
             "missing (QueryInterface failed)");
}

void compare_format(const CallContext& cx, const abi::WAVEFORMATEX* format) {
    // Compare exactly the bytes the recorder keeps: 18 + cbSize, at most the extensible.
    const auto* expected = reinterpret_cast<const std::uint8_t*>(&cx.c.format);
    std::uint32_t expected_size =
        static_cast<std::uint32_t>(sizeof(abi::WAVEFORMATEX)) + cx.c.format.Format.cbSize;
    if (expected_size > sizeof(abi::WAVEFORMATEXTENSIBLE))
        expected_size = sizeof(abi::WAVEFORMATEXTENSIBLE);
    if (!format) {
        cx.out.add("format", format_text(expected, expected_size), "null");
        return;
    }
    std::uint32_t actual_size =
        static_cast<std::uint32_t>(sizeof(abi::WAVEFORMATEX)) + format->cbSize;
    if (actual_size > sizeof(abi::WAVEFORMATEXTENSIBLE))
        actual_size = sizeof(abi::WAVEFORMATEXTENSIBLE);
    const auto* actual = reinterpret_cast<const std::uint8_t*>(format);
    if (actual_size != expected_size || std::memcmp(expected, actual, actual_size) != 0)
        cx.out.add("format", format_text(expected, expected_size),
                   format_text(actual, actual_size));
}

}  // namespace aetrace::replay::detail
