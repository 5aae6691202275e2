#include "sample_trace.h"

#include <algorithm>

#include <fstream>
#include <iterator>
#include <sstream>
#include <type_traits>
#include <variant>

#include "aetrace/abi/hresult.h"
#include "aetrace/abi/wave_format.h"
#include "aetrace/format/hash.h"
#include "aetrace/format/jsonl.h"
#include "aetrace/format/trace_writer.h"

namespace aetrace::format::test {

using abi::MethodId;

TraceHeader sample_header() {
    TraceHeader h;
    h.writer_version = "aetrace 0.1.0-test";
    h.host = "linux gcc x86_64";
    h.clock = "virtual";
    h.flags = 0;
    abi::to_wave_format({abi::SampleType::kInt, 24, 6, 48000}, &h.default_format);
    return h;
}

std::vector<Record> sample_records() {
    std::vector<Record> r;
    abi::StreamFormat fmt{abi::SampleType::kFloat, 32, 2, 44100};
    r.push_back(
        EndpointInfo{0, EndpointRole::kRender, "reference-render", "", "", "latency=10ms", fmt});
    r.push_back(EndpointInfo{1, EndpointRole::kCapture, "reference-capture", "fixtures/tone.wav",
                             "0123456789abcdef0123456789abcdef", "", fmt});
    r.push_back(MetadataRecord{"scenario", "render-basic \"quoted\" \xc3\xa9"});

    CallRecord frame_format;
    frame_format.seq = 0;
    frame_format.method = MethodId::IAudioEndpoint_GetFrameFormat;
    frame_format.virtual_time = 0;
    frame_format.real_time = 123456789;
    frame_format.result = abi::S_OK;
    abi::to_wave_format(fmt, &frame_format.format);
    r.push_back(frame_format);

    CallRecord set_buffer;
    set_buffer.seq = 1;
    set_buffer.thread = 1;
    set_buffer.method = MethodId::IAudioDeviceEndpoint_SetBuffer;
    set_buffer.virtual_time = 10;
    set_buffer.result = abi::E_INVALIDARG;
    set_buffer.arg[0] = 100000;
    set_buffer.arg[1] = 2;
    r.push_back(set_buffer);

    CallRecord padding;
    padding.seq = 2;
    padding.method = MethodId::IAudioEndpointRT_GetCurrentPadding;
    padding.flags = kHasPosition;
    padding.virtual_time = 100000;
    padding.out[0] = 480;
    padding.position = {960, 960, 480, 100000, 44099.9f, abi::POSITION_CONTINUOUS};
    r.push_back(padding);

    std::vector<std::uint8_t> audio = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16};
    CallRecord release;
    release.seq = 3;
    release.method = MethodId::IAudioOutputEndpointRT_ReleaseOutputDataPointer;
    release.endpoint = 0;
    release.flags = kHasBuffer | kPayloadStored;
    release.virtual_time = 200000;
    release.arg[1] = 1;
    release.connection_in = {2, abi::BUFFER_VALID, abi::APO_CONNECTION_PROPERTY_SIGNATURE, 1};
    release.buffer = {2, 16, xxh3_64(audio.data(), audio.size())};
    r.push_back(release);
    r.push_back(AudioPayload{3, 0, 2, audio});

    CallRecord input;
    input.seq = 4;
    input.method = MethodId::IAudioInputEndpointRT_GetInputDataPointer;
    input.endpoint = 1;
    input.flags = kHasBuffer;  // position pointer was null
    input.virtual_time = -5;
    input.connection_in = {441, abi::BUFFER_VALID, abi::APO_CONNECTION_PROPERTY_SIGNATURE, 1};
    input.connection_out = {441, abi::BUFFER_SILENT, abi::APO_CONNECTION_PROPERTY_SIGNATURE, 1};
    input.buffer = {441, 3528, xxh3_64_zeros(3528)};
    r.push_back(input);

    r.push_back(ViolationRecord{3, abi::ContractRule::kReleaseAboveGet,
                                MethodId::IAudioOutputEndpointRT_ReleaseOutputDataPointer, 0, 9,
                                4});
    r.push_back(EventRecord{3, 0, 200000, EventKind::kSignalled});
    r.push_back(EventRecord{3, 0, 200001, EventKind::kEngineWoke});
    r.push_back(
        OutputDigestRecord{0, 88200, {0x1111, 0x2222}, {{1, 2}, {3, 0xFFFFFFFFFFFFFFFFull}}});
    r.push_back(GapRecord{1, 5, 7});
    r.push_back(EndRecord{5, 1});
    return r;
}

std::string dump_text(const Trace& trace) {
    std::ostringstream out;
    dump_jsonl(trace, out);
    return out.str();
}

bool same_record(const Record& a, const Record& b) {
    if (a.index() != b.index()) return false;
    if (const auto* c = std::get_if<CallRecord>(&a)) return same_call(*c, std::get<CallRecord>(b));
    if (const auto* v = std::get_if<ViolationRecord>(&a))
        return same_violation(*v, std::get<ViolationRecord>(b));
    return std::visit(
        [&b](const auto& x) {
            using T = std::decay_t<decltype(x)>;
            if constexpr (std::is_same_v<T, CallRecord> || std::is_same_v<T, ViolationRecord>) {
                return false;
            } else {
                return x == std::get<T>(b);
            }
        },
        a);
}

void write_sample(const std::filesystem::path& path) {
    TraceWriter w = TraceWriter::create(path, sample_header());
    for (const Record& rec : sample_records()) {
        if (std::holds_alternative<EndRecord>(rec)) continue;
        // Each typed write method, so all of them are exercised.
        if (const auto* p = std::get_if<AudioPayload>(&rec)) {
            w.write_payload(p->seq, p->endpoint, p->frames, p->bytes.data(),
                            static_cast<std::uint32_t>(p->bytes.size()));
        } else if (const auto* c = std::get_if<CallRecord>(&rec)) {
            w.write_call(*c);
        } else if (const auto* v = std::get_if<ViolationRecord>(&rec)) {
            w.write_violation(*v);
        } else if (const auto* e = std::get_if<EndpointInfo>(&rec)) {
            w.write_endpoint_info(*e);
        } else if (const auto* ev = std::get_if<EventRecord>(&rec)) {
            w.write_event(*ev);
        } else if (const auto* m = std::get_if<MetadataRecord>(&rec)) {
            w.write_metadata(*m);
        } else if (const auto* d = std::get_if<OutputDigestRecord>(&rec)) {
            w.write_output_digest(*d);
        } else if (const auto* g = std::get_if<GapRecord>(&rec)) {
            w.write_gap(*g);
        }
    }
    w.commit();
}

std::vector<std::uint8_t> file_bytes(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void put_bytes(const std::filesystem::path& path, const std::vector<std::uint8_t>& bytes) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(bytes.data()),
              static_cast<std::streamsize>(bytes.size()));
}

}  // namespace aetrace::format::test

namespace aetrace::format::test {

std::uint32_t get_u32(const std::vector<std::uint8_t>& b, std::size_t at) {
    return static_cast<std::uint32_t>(b[at]) | static_cast<std::uint32_t>(b[at + 1]) << 8 |
           static_cast<std::uint32_t>(b[at + 2]) << 16 |
           static_cast<std::uint32_t>(b[at + 3]) << 24;
}

void set_u32(std::vector<std::uint8_t>& b, std::size_t at, std::uint32_t v) {
    for (int i = 0; i < 4; ++i)
        b[at + static_cast<std::size_t>(i)] = static_cast<std::uint8_t>(v >> (8 * i));
}

std::vector<std::size_t> record_offsets(const std::vector<std::uint8_t>& b) {
    std::vector<std::size_t> offsets;
    std::size_t at = get_u32(b, 12);  // header size
    while (at < b.size()) {
        offsets.push_back(at);
        at += 8 + get_u32(b, at) + 4;
    }
    offsets.push_back(b.size());
    return offsets;
}

std::vector<std::uint8_t> frame(std::uint16_t type, const std::vector<std::uint8_t>& payload) {
    // Sized once and filled in place (GCC 12 misreports vector::insert into a small vector under
    // -O2 -Warray-bounds).
    std::vector<std::uint8_t> f(8 + payload.size() + 4);
    set_u32(f, 0, static_cast<std::uint32_t>(payload.size()));
    f[4] = static_cast<std::uint8_t>(type);
    f[5] = static_cast<std::uint8_t>(type >> 8);
    std::copy(payload.begin(), payload.end(), f.begin() + 8);
    const auto sum = static_cast<std::uint32_t>(xxh3_64(f.data(), 8 + payload.size()));
    set_u32(f, f.size() - 4, sum);
    return f;
}

void fix_header_checksum(std::vector<std::uint8_t>& b) {
    std::size_t size = get_u32(b, 12);
    set_u32(b, size - 4, static_cast<std::uint32_t>(xxh3_64(b.data(), size - 4)));
}

}  // namespace aetrace::format::test
