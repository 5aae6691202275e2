#include "mutant_expectations.h"

#include <algorithm>
#include <cstring>

#include "aetrace/clock/frame_math.h"
#include "aetrace/endpoints/packet_ring.h"

namespace aetrace::mutants {
namespace {

using abi::MethodId;
using format::CallRecord;
using format::Trace;
using Pred = std::function<bool(const CallRecord&)>;

constexpr MethodId kPadding = MethodId::IAudioEndpointRT_GetCurrentPadding;
constexpr MethodId kGetIn = MethodId::IAudioInputEndpointRT_GetInputDataPointer;
constexpr MethodId kGetOut = MethodId::IAudioOutputEndpointRT_GetOutputDataPointer;
constexpr MethodId kReleaseOut = MethodId::IAudioOutputEndpointRT_ReleaseOutputDataPointer;

const CallRecord* first(const Trace& t, const Pred& pred, std::size_t from = 0) {
    for (std::size_t i = from; i < t.calls.size(); ++i)
        if (pred(t.calls[i])) return &t.calls[i];
    return nullptr;
}

std::size_t index_of(const Trace& t, const CallRecord* c) {
    return static_cast<std::size_t>(c - t.calls.data());
}

std::uint32_t endpoint_of(const Trace& t, format::EndpointRole role) {
    for (const auto& e : t.endpoints)
        if (e.role == role) return e.endpoint;
    return ~0u;
}

std::uint32_t capture_of(const Trace& t) {
    return endpoint_of(t, format::EndpointRole::kCapture);
}
std::uint32_t render_of(const Trace& t) {
    return endpoint_of(t, format::EndpointRole::kRender);
}

bool position_out(const CallRecord& c) {
    return (c.method == kPadding || c.method == kGetIn) && (c.flags & format::kHasPosition);
}

std::optional<Expectation> at(const CallRecord* c, std::string field) {
    if (!c) return std::nullopt;
    return Expectation{c->seq, c->method, std::move(field), std::nullopt};
}

/// The recorded bytes of a capture buffer, or null when the trace does not hold them.
const std::vector<std::uint8_t>* payload(const Trace& t, const CallRecord& c) {
    const auto it = t.payloads.find(c.seq);
    return it == t.payloads.end() ? nullptr : &it->second.bytes;
}

bool frames_differ(const std::vector<std::uint8_t>* bytes, std::uint64_t a, std::uint64_t b,
                   std::uint32_t block) {
    if (!bytes) return true;  // cannot tell: assume the audio differs
    if ((std::max(a, b) + 1) * block > bytes->size()) return false;
    return std::memcmp(bytes->data() + a * block, bytes->data() + b * block, block) != 0;
}

/// True when some frame of the buffer differs from the next one (a buffer shifted by one frame
/// then hashes differently), or when the bytes are not in the trace.
bool not_constant(const std::vector<std::uint8_t>* bytes, std::uint64_t frames,
                  std::uint32_t block) {
    if (!bytes) return true;
    for (std::uint64_t i = 0; i + 1 < frames && (i + 2) * block <= bytes->size(); ++i)
        if (frames_differ(bytes, i, i + 1, block)) return true;
    return false;
}

/// True when channels 0 and 1 differ in some frame (swapping them changes the bytes), or when the
/// bytes are not in the trace.
bool channels_differ(const std::vector<std::uint8_t>* bytes, const abi::StreamFormat& f) {
    if (f.channels < 2) return false;
    if (!bytes) return true;
    const std::uint32_t block = f.bytes_per_frame(), bps = f.bytes_per_sample();
    for (std::size_t at = 0; at + block <= bytes->size(); at += block)
        if (std::memcmp(bytes->data() + at, bytes->data() + at + bps, bps) != 0) return true;
    return false;
}

/// Packet-ring frames of the capture endpoint: slots x frames per packet, from the recorded
/// GetFramesPerPacket and GetLatency.
std::uint64_t ring_frames(const Trace& t, std::uint32_t ep, std::uint32_t rate) {
    const CallRecord* fpp = first(t, [&](const CallRecord& c) {
        return c.endpoint == ep && c.method == MethodId::IAudioEndpoint_GetFramesPerPacket;
    });
    const CallRecord* lat = first(t, [&](const CallRecord& c) {
        return c.endpoint == ep && c.method == MethodId::IAudioEndpoint_GetLatency;
    });
    if (!fpp || !lat || fpp->out[0] == 0) return 0;
    const auto packet = static_cast<std::uint32_t>(fpp->out[0]);
    const std::uint64_t capacity = std::max<std::uint64_t>(
        clock::frames_at(static_cast<abi::HNSTIME>(lat->out[0]), rate), 2ull * packet);
    return endpoints::PacketRing::slots_for(capacity, packet) * packet;
}

std::uint32_t block_of(const Trace& t, std::uint32_t ep) {
    for (const auto& e : t.endpoints)
        if (e.endpoint == ep) return e.format.bytes_per_frame();
    return 1;
}

std::uint32_t rate_of(const Trace& t, std::uint32_t ep) {
    for (const auto& e : t.endpoints)
        if (e.endpoint == ep) return e.format.sample_rate;
    return 1;
}

// ---- one expectation per mutant ----

std::optional<Expectation> wrap_off_by_one(const Trace& t) {
    const std::uint32_t ep = capture_of(t), block = block_of(t, ep);
    const std::uint64_t ring = ring_frames(t, ep, rate_of(t, ep));
    if (ring == 0) return std::nullopt;
    return at(first(t,
                    [&](const CallRecord& c) {
                        if (c.endpoint != ep || c.method != kGetIn || !position_out(c) ||
                            c.connection_out.buffer_flags != abi::BUFFER_VALID)
                            return false;
                        const std::uint64_t queued = c.position.u64PaddingFrames;
                        const std::uint64_t head = c.position.u64DevicePosition - queued;
                        const std::uint64_t real =
                            std::min<std::uint64_t>(c.connection_out.valid_frame_count, queued);
                        const std::uint64_t to_wrap = ring - head % ring;
                        return real > to_wrap &&
                               frames_differ(payload(t, c), to_wrap, to_wrap - 1, block);
                    }),
              "buffer.xxh3");
}

std::optional<Expectation> drop_frame_every_16(const Trace& t) {
    const std::uint32_t ep = capture_of(t), block = block_of(t, ep);
    std::uint64_t nonempty = 0;
    return at(first(t,
                    [&](const CallRecord& c) {
                        if (c.endpoint != ep || c.method != kGetIn ||
                            c.connection_in.valid_frame_count == 0)
                            return false;
                        if (++nonempty % 16 != 0) return false;
                        const std::uint32_t n = c.connection_out.valid_frame_count;
                        return c.connection_out.buffer_flags == abi::BUFFER_VALID && n > 1 &&
                               not_constant(payload(t, c), n, block);
                    }),
              "buffer.xxh3");
}

std::optional<Expectation> frame_count_cached(const Trace& t) {
    const std::uint32_t ep = capture_of(t);
    std::uint32_t cached = 0;
    return at(first(t,
                    [&](const CallRecord& c) {
                        if (c.endpoint != ep || c.method != kGetIn) return false;
                        const std::uint32_t n = c.connection_out.valid_frame_count;
                        if (cached == 0) {
                            cached = n;
                            return false;
                        }
                        return n != cached;
                    }),
              "connection_out.u32ValidFrameCount");
}

/// The first position-reporting call on the endpoint of the first mid-run `method` call (one that
/// is followed by a data call on that endpoint), after it.
std::optional<Expectation> position_after(const Trace& t, MethodId method) {
    for (std::size_t i = 0; i < t.calls.size(); ++i) {
        const CallRecord& ctl = t.calls[i];
        if (ctl.method != method || ctl.virtual_time == 0) continue;
        const CallRecord* next = first(
            t, [&](const CallRecord& c) { return c.endpoint == ctl.endpoint && position_out(c); },
            i + 1);
        if (next) return at(next, "position.");
    }
    return std::nullopt;
}

std::optional<Expectation> release_commits_requested(const Trace& t) {
    const std::uint32_t ep = render_of(t);
    std::uint64_t asked = 0;
    const CallRecord* release = first(t, [&](const CallRecord& c) {
        if (c.endpoint != ep) return false;
        if (c.method == kGetOut) asked = c.arg[0];
        return c.method == kReleaseOut && c.connection_in.valid_frame_count < asked;
    });
    if (!release) return std::nullopt;
    return at(first(
                  t, [&](const CallRecord& c) { return c.endpoint == ep && c.method == kPadding; },
                  index_of(t, release) + 1),
              "padding");
}

std::optional<Expectation> ignore_silent_flag(const Trace& t) {
    const std::uint32_t ep = render_of(t);
    const CallRecord* padding = nullptr;
    const CallRecord* silent = first(t, [&](const CallRecord& c) {
        if (c.endpoint != ep) return false;
        if (c.method == kPadding && position_out(c)) padding = &c;
        return c.method == kReleaseOut && c.virtual_time > 0 &&
               c.connection_in.buffer_flags == abi::BUFFER_SILENT &&
               c.connection_in.valid_frame_count > 0;
    });
    if (!silent || !padding) return std::nullopt;
    // The silent frames play right after what was queued when the pass began.
    const std::uint64_t frame =
        padding->position.u64DevicePosition + padding->position.u64PaddingFrames;
    Expectation e;
    e.audio_second = frame / rate_of(t, ep);
    return e;
}

Pred method_is(MethodId m) {
    return [m](const CallRecord& c) { return c.method == m; };
}

}  // namespace

std::vector<MutantCase> mutant_cases() {
    std::vector<MutantCase> cases;
    auto add = [&](std::string name, std::string scenario, std::string trigger,
                   std::function<std::optional<Expectation>(const Trace&)> f) {
        cases.push_back({std::move(name), std::move(scenario), std::move(trigger), std::move(f)});
    };
    add("mutant-padding-off-by-one", "speech-48k-stereo-s16", "first GetCurrentPadding",
        [](const Trace& t) { return at(first(t, method_is(kPadding)), "padding"); });
    add("mutant-swap-channels", "speech-48k-stereo-s16",
        "first VALID capture buffer whose channels 0 and 1 differ", [](const Trace& t) {
            const std::uint32_t ep = capture_of(t);
            abi::StreamFormat f{};
            for (const auto& e : t.endpoints)
                if (e.endpoint == ep) f = e.format;
            return at(first(t,
                            [&](const CallRecord& c) {
                                return c.endpoint == ep && c.method == kGetIn &&
                                       c.connection_out.buffer_flags == abi::BUFFER_VALID &&
                                       c.buffer.frames > 0 && channels_differ(payload(t, c), f);
                            }),
                      "buffer.xxh3");
        });
    add("mutant-ignore-silent-flag", "freedesktop-complete",
        "first BUFFER_SILENT render buffer (audio only)", ignore_silent_flag);
    add("mutant-position-not-reset", "surround-48k-8ch-s24", "first position after a mid-run Reset",
        [](const Trace& t) { return position_after(t, MethodId::IAudioEndpointControl_Reset); });
    add("mutant-wrap-off-by-one", "music-44k1-stereo-f32",
        "first VALID capture buffer copied across the packet-ring wrap", wrap_off_by_one);
    add("mutant-padding-in-bytes", "speech-48k-stereo-s16", "first non-zero padding",
        [](const Trace& t) {
            return at(
                first(t, [](const CallRecord& c) { return c.method == kPadding && c.out[0]; }),
                "padding");
        });
    add("mutant-continuous-after-glitch", "surround-48k-8ch-s24",
        "first DISCONTINUOUS position (render underrun after partial buffers)", [](const Trace& t) {
            return at(first(t,
                            [](const CallRecord& c) {
                                return position_out(c) &&
                                       (c.position.Flag & abi::POSITION_DISCONTINUOUS);
                            }),
                      "position.Flag");
        });
    add("mutant-drop-frame-every-16", "speech-48k-stereo-s16",
        "16th non-empty capture buffer (first VALID multiple of 16)", drop_frame_every_16);
    add("mutant-latency-ignores-coefficient", "speech-48k-stereo-s16", "first GetLatency",
        [](const Trace& t) {
            return at(first(t, method_is(MethodId::IAudioEndpoint_GetLatency)), "latency_hns");
        });
    add("mutant-frame-count-cached", "music-44k1-stereo-f32",
        "first capture Get whose count differs from the first one", frame_count_cached);
    add("mutant-position-reset-on-stop", "surround-48k-8ch-s24",
        "first position after a mid-run Stop",
        [](const Trace& t) { return position_after(t, MethodId::IAudioEndpointControl_Stop); });
    add("mutant-frames-per-packet-floor", "synthetic-22k05-fraction",
        "first GetFramesPerPacket (220.5 frames: half-up 221)", [](const Trace& t) {
            return at(first(t, method_is(MethodId::IAudioEndpoint_GetFramesPerPacket)),
                      "frames_per_packet");
        });
    add("mutant-capture-silent-not-set", "speech-48k-stereo-s16", "first SILENT capture buffer",
        [](const Trace& t) {
            return at(first(t,
                            [](const CallRecord& c) {
                                return c.method == kGetIn &&
                                       c.connection_out.buffer_flags == abi::BUFFER_SILENT;
                            }),
                      "connection_out.u32BufferFlags");
        });
    add("mutant-qpc-in-ticks", "speech-48k-stereo-s16", "first position with a non-zero QPC time",
        [](const Trace& t) {
            return at(first(t,
                            [](const CallRecord& c) {
                                return position_out(c) && c.position.hnsQPCPosition != 0;
                            }),
                      "position.hnsQPCPosition");
        });
    add("mutant-release-commits-requested", "surround-48k-8ch-s24",
        "first padding after a render Release shorter than its Get", release_commits_requested);
    return cases;
}

}  // namespace aetrace::mutants
