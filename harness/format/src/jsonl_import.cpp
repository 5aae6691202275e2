#include <cmath>
#include <cstdio>
#include <cstring>
#include <istream>
#include <limits>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <type_traits>
#include <vector>

#include "aetrace/abi/contract.h"
#include "aetrace/abi/error.h"
#include "aetrace/abi/guid.h"
#include "aetrace/abi/hresult.h"
#include "aetrace/abi/methods.h"
#include "aetrace/format/hash.h"
#include "aetrace/format/jsonl.h"
#include "base64.h"
#include "jsonl_names.h"
#include "record_fields.h"

namespace aetrace::format {
namespace {

using Json = nlohmann::ordered_json;

/// Thrown inside one line; import_jsonl adds "<name>:<line>: ".
struct LineError {
    std::string what;
};

/// Typed, checked access to the fields of one JSON object.
class Fields {
  public:
    Fields(const Json& j, std::string where) : j_(j), where_(std::move(where)) {
        if (!j_.is_object()) throw LineError{where_ + ": expected a JSON object"};
    }
    bool has(const char* key) const { return j_.contains(key) && !j_.at(key).is_null(); }
    const Json& at(const char* key) const {
        if (!j_.contains(key)) throw LineError{"missing field \"" + std::string(key) + "\"" + in()};
        return j_.at(key);
    }
    [[noreturn]] void bad(const char* key, const std::string& problem) const {
        throw LineError{"field \"" + std::string(key) + "\"" + in() + ": " + problem};
    }
    std::uint64_t u64(const char* key, std::uint64_t max = UINT64_MAX) const {
        const Json& v = at(key);
        if (!v.is_number_integer() ||
            (v.is_number_integer() && !v.is_number_unsigned() && v.get<std::int64_t>() < 0))
            bad(key, "expected an unsigned integer");
        auto x = v.get<std::uint64_t>();
        if (x > max) bad(key, "out of range (max " + std::to_string(max) + ")");
        return x;
    }
    std::uint32_t u32(const char* key) const {
        return static_cast<std::uint32_t>(u64(key, UINT32_MAX));
    }
    std::uint16_t u16(const char* key) const {
        return static_cast<std::uint16_t>(u64(key, UINT16_MAX));
    }
    std::int64_t i64(const char* key) const {
        const Json& v = at(key);
        if (!v.is_number_integer()) bad(key, "expected an integer");
        if (v.is_number_unsigned() &&
            v.get<std::uint64_t>() > static_cast<std::uint64_t>(INT64_MAX))
            bad(key, "out of range");
        return v.get<std::int64_t>();
    }
    std::string str(const char* key) const {
        const Json& v = at(key);
        if (!v.is_string()) bad(key, "expected a string");
        return v.get<std::string>();
    }
    /// A name from `names` or a plain number.
    template <std::size_t N>
    std::uint32_t named(const char* key, const std::string_view (&names)[N]) const {
        const Json& v = at(key);
        if (v.is_string()) {
            auto s = v.get<std::string>();
            for (std::size_t i = 0; i < N; ++i)
                if (!names[i].empty() && names[i] == s) return static_cast<std::uint32_t>(i);
            bad(key, "unknown name \"" + s + "\"");
        }
        return u32(key);
    }
    Fields object(const char* key) const { return Fields(at(key), key); }

  private:
    std::string in() const { return where_.empty() ? "" : " in \"" + where_ + "\""; }
    const Json& j_;
    std::string where_;
};

std::uint64_t hex_field(const Fields& f, const char* key) {
    auto v = parse_hex64(f.str(key));
    if (!v) f.bad(key, "expected 1-16 hex digits");
    return *v;
}

Hash128 parse_hash128(const Fields& f, const char* key, const std::string& text) {
    if (text.size() != 32) f.bad(key, "expected 32 hex digits");
    auto hi = parse_hex64(std::string_view(text).substr(0, 16));
    auto lo = parse_hex64(std::string_view(text).substr(16));
    if (!hi || !lo) f.bad(key, "expected 32 hex digits");
    return {*lo, *hi};
}

abi::WAVEFORMATEXTENSIBLE parse_wave_format(const Fields& f) {
    abi::WAVEFORMATEXTENSIBLE w{};
    w.Format.wFormatTag = f.u16("tag");
    w.Format.nChannels = f.u16("channels");
    w.Format.nSamplesPerSec = f.u32("rate");
    w.Format.nAvgBytesPerSec = f.u32("avg_bytes_per_sec");
    w.Format.nBlockAlign = f.u16("block_align");
    w.Format.wBitsPerSample = f.u16("bits");
    w.Format.cbSize = f.u16("cb_size");
    w.wValidBitsPerSample = f.u16("valid_bits");
    w.dwChannelMask = f.u32("channel_mask");
    auto guid = abi::parse_guid(f.str("subformat"));
    if (!guid) f.bad("subformat", "expected a GUID");
    w.SubFormat = *guid;
    return w;
}

abi::AE_CURRENT_POSITION parse_position(const Fields& f) {
    abi::AE_CURRENT_POSITION p{};
    p.u64DevicePosition = f.u64("device");
    p.u64StreamPosition = f.u64("stream");
    p.u64PaddingFrames = f.u64("padding");
    p.hnsQPCPosition = f.i64("qpc");
    if (f.has("fps_bits")) {
        std::uint32_t bits = f.u32("fps_bits");
        std::memcpy(&p.f32FramesPerSecond, &bits, 4);
    } else {
        const Json& v = f.at("fps");
        if (!v.is_number()) f.bad("fps", "expected a number");
        p.f32FramesPerSecond = static_cast<float>(v.get<double>());
    }
    const Json& flags = f.at("flags");
    if (!flags.is_array()) f.bad("flags", "expected an array");
    std::uint32_t bits = 0;
    for (const Json& e : flags) {
        if (e.is_number_unsigned()) {
            bits |= static_cast<std::uint32_t>(e.get<std::uint64_t>());
            continue;
        }
        bool found = false;
        for (const detail::FlagName& n : detail::kPositionFlagNames) {
            if (e.is_string() && e.get<std::string>() == n.name) {
                bits |= n.bit;
                found = true;
            }
        }
        if (!found) f.bad("flags", "unknown position flag " + e.dump());
    }
    p.Flag = static_cast<abi::AE_POSITION_FLAGS>(bits);
    return p;
}

ConnectionValue parse_connection(const Fields& f) {
    ConnectionValue c;
    c.valid_frame_count = f.u32("valid_frames");
    c.buffer_flags = f.named("buffer_flags", detail::kBufferFlagNames);
    c.signature = f.u32("signature");
    c.buffer_present = f.u32("buffer_present");
    return c;
}

CallRecord parse_call(const Fields& f) {
    CallRecord c;
    c.seq = f.u64("seq");
    c.thread = f.u32("thread");
    c.endpoint = f.u32("endpoint");
    c.virtual_time = f.i64("vt");
    c.real_time = f.has("rt") ? f.i64("rt") : 0;
    const abi::MethodInfo* m = nullptr;
    if (f.has("call")) {
        std::string name = f.str("call");
        m = abi::find_method(name);
        if (m == nullptr) throw LineError{"unknown method \"" + name + "\""};
        c.method = m->id;
    } else {
        c.method = static_cast<abi::MethodId>(f.u16("method_id"));
    }
    if (f.has("hr") || (m != nullptr && m->returns == abi::ReturnKind::kHresult)) {
        std::string hr = f.str("hr");
        if (!abi::parse_hresult(hr, &c.result)) f.bad("hr", "not an HRESULT: \"" + hr + "\"");
    }
    if (m == nullptr) {
        for (int i = 0; i < 3; ++i)
            c.arg[i] = f.at("arg").at(static_cast<std::size_t>(i)).get<std::uint64_t>();
        for (int i = 0; i < 2; ++i)
            c.out[i] = f.at("out").at(static_cast<std::size_t>(i)).get<std::uint64_t>();
        return c;
    }
    for (int i = 0; i < 3; ++i)
        if (m->arg_names[i] != nullptr) c.arg[i] = f.u64(m->arg_names[i]);
    for (int i = 0; i < 2; ++i)
        if (m->out_names[i] != nullptr) c.out[i] = f.u64(m->out_names[i]);
    if ((m->shape & (abi::kPositionIn | abi::kPositionOut)) && f.has("position")) {
        c.position = parse_position(f.object("position"));
        c.flags |= kHasPosition;
    }
    if (m->shape & abi::kConnectionIn)
        c.connection_in = parse_connection(f.object("connection_in"));
    if (m->shape & abi::kConnectionOut)
        c.connection_out = parse_connection(f.object("connection_out"));
    if (m->shape & abi::kFormatOut) c.format = parse_wave_format(f.object("format"));
    if ((m->shape & (abi::kBufferIn | abi::kBufferOut)) && f.has("buffer")) {
        Fields b = f.object("buffer");
        c.buffer.frames = b.u32("frames");
        c.buffer.bytes = b.u32("bytes");
        c.buffer.xxh3 = hex_field(b, "xxh3");
        c.flags |= kHasBuffer;
    }
    if (f.has("payload_stored")) {
        const Json& v = f.at("payload_stored");
        if (!v.is_boolean()) f.bad("payload_stored", "expected true or false");
        if (v.get<bool>()) c.flags |= kPayloadStored;
    }
    if (f.has("flags_extra")) c.flags |= f.u16("flags_extra");
    return c;
}

// Field handlers of the field-listed record types (record_fields.h), one per C++ field type.

template <typename T>
requires std::is_unsigned_v<T>
void read_field(const Fields& f, const char* key, T& v) {
    v = static_cast<T>(f.u64(key, std::numeric_limits<T>::max()));
}
void read_field(const Fields& f, const char* key, std::int64_t& v) {
    v = f.i64(key);
}
void read_field(const Fields& f, const char* key, std::string& s) {
    s = f.str(key);
}
void read_field(const Fields& f, const char* key, std::vector<std::uint8_t>& bytes) {
    auto decoded = detail::base64_decode(f.str(key));
    if (!decoded) f.bad(key, "not valid base64");
    bytes = std::move(*decoded);
}
void read_field(const Fields& f, const char* key, Hash128& h) {
    h = parse_hash128(f, key, f.str(key));
}
void read_field(const Fields& f, const char* key, std::vector<Hash128>& hashes) {
    const Json& per = f.at(key);
    if (!per.is_array()) f.bad(key, "expected an array");
    for (const Json& h : per) {
        if (!h.is_string()) f.bad(key, "expected hex strings");
        hashes.push_back(parse_hash128(f, key, h.get<std::string>()));
    }
}
void read_field(const Fields& f, const char* key, EndpointRole& role) {
    role = static_cast<EndpointRole>(f.named(key, detail::kRoleNames));
}
void read_field(const Fields& f, const char* key, EventKind& kind) {
    kind = static_cast<EventKind>(f.named(key, detail::kEventKindNames));
}
void read_field(const Fields& f, const char* key, abi::ContractRule& rule) {
    if (!f.at(key).is_string()) {
        rule = static_cast<abi::ContractRule>(f.u16(key));
        return;
    }
    std::string name = f.str(key);
    rule = abi::parse_rule(name.c_str());
    if (rule == abi::ContractRule::kNone && name != "none")
        f.bad(key, "unknown rule \"" + name + "\"");
}
void read_field(const Fields& f, const char* key, abi::MethodId& method) {
    if (!f.at(key).is_string()) {
        method = static_cast<abi::MethodId>(f.u16(key));
        return;
    }
    std::string name = f.str(key);
    if (name == "none") return;
    const abi::MethodInfo* m = abi::find_method(name);
    if (m == nullptr) throw LineError{"unknown method \"" + name + "\""};
    method = m->id;
}
void read_field(const Fields& f, const char* key, abi::StreamFormat& format) {
    Fields fmt = f.object(key);
    format.sample_type =
        static_cast<abi::SampleType>(fmt.named("sample_type", detail::kSampleTypeNames));
    format.bits_per_sample = fmt.u16("bits");
    format.channels = fmt.u16("channels");
    format.sample_rate = fmt.u32("rate");
}

template <detail::FieldListed T>
T parse(const Fields& f, std::type_identity<T>) {
    T record;
    detail::for_each_field<T>(
        [&](const auto& field) { read_field(f, field.name, record.*field.member); });
    return record;
}

CallRecord parse(const Fields& f, std::type_identity<CallRecord>) {
    return parse_call(f);
}

Record parse_record(const Fields& f, const std::string& type) {
    std::optional<RecordType> row = record_type_named(type);
    if (!row) throw LineError{"unknown record type \"" + type + "\""};
    Record record;
    // Every row needs a parse(const Fields&, std::type_identity<Struct>) (a field list or a
    // hand-written one).
    visit_record_type(*row, [&](auto tag) { record = parse(f, tag); });
    return record;
}

TraceHeader parse_header(const Fields& f) {
    TraceHeader h;
    std::string version = f.str("format");
    unsigned major = 0, minor = 0;
    char dot = 0;
    if (std::sscanf(version.c_str(), "%u%c%u", &major, &dot, &minor) != 3 || dot != '.')
        f.bad("format", "expected \"<major>.<minor>\"");
    if (major > kFormatMajor)
        throw LineError{"trace format " + std::to_string(major) +
                        ".x is newer than this aetrace (reads " + std::to_string(kFormatMajor) +
                        ".x)"};
    h.writer_version = f.str("writer");
    h.host = f.str("host");
    h.clock = f.str("clock");
    h.flags = f.u32("flags");
    h.default_format = parse_wave_format(f.object("default_format"));
    return h;
}

}  // namespace

Trace import_jsonl(std::istream& in, const std::string& name) {
    Trace trace;
    bool have_header = false;
    std::string line;
    std::size_t number = 0;
    while (std::getline(in, line)) {
        ++number;
        if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
        try {
            Json j;
            try {
                j = Json::parse(line);
            } catch (const Json::parse_error& e) {
                throw LineError{std::string("bad JSON: ") + e.what()};
            }
            Fields f(j, "");
            std::string type = f.str("type");
            if (!have_header) {
                if (type != "header") throw LineError{"expected the header object first"};
                trace.header = parse_header(f);
                have_header = true;
            } else if (type == "header") {
                throw LineError{"second header"};
            } else {
                trace.add(parse_record(f, type));
            }
        } catch (const LineError& e) {
            throw InputError(name + ":" + std::to_string(number) + ": " + e.what);
        } catch (const Json::exception& e) {
            throw InputError(name + ":" + std::to_string(number) + ": " + e.what());
        }
    }
    if (!have_header) throw InputError(name + ":" + std::to_string(number) + ": no header line");
    return trace;
}

}  // namespace aetrace::format
