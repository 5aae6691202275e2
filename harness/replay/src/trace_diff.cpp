#include "aetrace/replay/trace_diff.h"

#include <algorithm>
#include <cstring>
#include <map>

#include "aetrace/abi/hresult.h"
#include "aetrace/abi/methods.h"
#include "aetrace/format/hash.h"
#include "align.h"
#include "text.h"

namespace aetrace::replay {

namespace {

using detail::AlignStep;

/// Adds a difference when the texts differ (the texts are built only by the caller's lambdas
/// when the raw values differ).
void add(std::vector<FieldDifference>& fields, std::string field, std::string a, std::string b) {
    fields.push_back({std::move(field), std::move(a), std::move(b)});
}

void u64(std::vector<FieldDifference>& f, const std::string& field, std::uint64_t a,
         std::uint64_t b) {
    if (a != b) add(f, field, std::to_string(a), std::to_string(b));
}

void i64(std::vector<FieldDifference>& f, const std::string& field, std::int64_t a,
         std::int64_t b) {
    if (a != b) add(f, field, std::to_string(a), std::to_string(b));
}

void position(std::vector<FieldDifference>& f, const abi::AE_CURRENT_POSITION& a,
              const abi::AE_CURRENT_POSITION& b) {
    u64(f, "position.u64DevicePosition", a.u64DevicePosition, b.u64DevicePosition);
    u64(f, "position.u64StreamPosition", a.u64StreamPosition, b.u64StreamPosition);
    u64(f, "position.u64PaddingFrames", a.u64PaddingFrames, b.u64PaddingFrames);
    i64(f, "position.hnsQPCPosition", a.hnsQPCPosition, b.hnsQPCPosition);
    if (std::memcmp(&a.f32FramesPerSecond, &b.f32FramesPerSecond, sizeof(float)) != 0)
        add(f, "position.f32FramesPerSecond", detail::float_text(a.f32FramesPerSecond),
            detail::float_text(b.f32FramesPerSecond));
    if (a.Flag != b.Flag)
        add(f, "position.Flag", detail::position_flag_text(a.Flag),
            detail::position_flag_text(b.Flag));
}

void connection(std::vector<FieldDifference>& f, const std::string& prefix,
                const format::ConnectionValue& a, const format::ConnectionValue& b) {
    if (a.buffer_present != b.buffer_present)
        add(f, prefix + ".pBuffer", detail::presence_text(a.buffer_present != 0),
            detail::presence_text(b.buffer_present != 0));
    u64(f, prefix + ".u32ValidFrameCount", a.valid_frame_count, b.valid_frame_count);
    if (a.buffer_flags != b.buffer_flags)
        add(f, prefix + ".u32BufferFlags", detail::buffer_flags_text(a.buffer_flags),
            detail::buffer_flags_text(b.buffer_flags));
    if (a.signature != b.signature)
        add(f, prefix + ".u32Signature", detail::signature_text(a.signature),
            detail::signature_text(b.signature));
}

std::uint32_t format_size(const abi::WAVEFORMATEXTENSIBLE& f) {
    const std::uint32_t size =
        static_cast<std::uint32_t>(sizeof(abi::WAVEFORMATEX)) + f.Format.cbSize;
    return std::min<std::uint32_t>(size, sizeof(abi::WAVEFORMATEXTENSIBLE));
}

/// Violation texts of every call, by seq, sorted (so the comparison ignores record order).
std::map<std::uint64_t, std::vector<std::string>> violations_by_seq(const format::Trace& t) {
    std::map<std::uint64_t, std::vector<std::string>> by_seq;
    for (const format::ViolationRecord& v : t.violations)
        by_seq[v.call_seq].push_back((v.source ? "engine: " : "endpoint: ") +
                                     detail::violation_text(v.rule, v.method, v.value, v.limit));
    for (auto& [seq, texts] : by_seq) std::sort(texts.begin(), texts.end());
    return by_seq;
}

std::string join(const std::vector<std::string>* texts) {
    if (!texts || texts->empty()) return "none";
    std::string s;
    for (const std::string& t : *texts) s += (s.empty() ? "" : "; ") + t;
    return s;
}

std::uint64_t key_of(const format::CallRecord& c) {
    return (std::uint64_t{c.endpoint} << 16) | static_cast<std::uint16_t>(c.method);
}

std::string hash_text(const format::Hash128& h) {
    return format::hex64(h.high64) + format::hex64(h.low64);
}

void add_record(TraceDiff& diff, std::string name, std::string field, std::string va,
                std::string vb) {
    diff.records.push_back({std::move(name), {std::move(field), std::move(va), std::move(vb)}});
}

void compare_header(const format::Trace& a, const format::Trace& b, TraceDiff& diff) {
    if (a.header.clock != b.header.clock)
        add_record(diff, "header", "clock", a.header.clock, b.header.clock);
    if (a.header.flags != b.header.flags)
        add_record(diff, "header", "flags", std::to_string(a.header.flags),
                   std::to_string(b.header.flags));
    if (a.header.writer_version != b.header.writer_version || a.header.host != b.header.host)
        diff.notes.push_back("writers differ (" + a.header.writer_version + " on " + a.header.host +
                             " vs " + b.header.writer_version + " on " + b.header.host +
                             "): not compared");
}

void compare_endpoints(const format::Trace& a, const format::Trace& b, TraceDiff& diff) {
    std::map<std::uint32_t, const format::EndpointInfo*> ea, eb;
    for (const auto& e : a.endpoints) ea[e.endpoint] = &e;
    for (const auto& e : b.endpoints) eb[e.endpoint] = &e;
    for (const auto& [index, x] : ea) {
        const std::string name = "endpoint " + std::to_string(index);
        const auto it = eb.find(index);
        if (it == eb.end()) {
            add_record(diff, name, "present", "yes", "no");
            continue;
        }
        const format::EndpointInfo& y = *it->second;
        auto role = [](format::EndpointRole r) {
            return std::string(r == format::EndpointRole::kCapture ? "capture" : "render");
        };
        if (x->role != y.role) add_record(diff, name, "role", role(x->role), role(y.role));
        if (x->implementation != y.implementation)
            add_record(diff, name, "implementation", x->implementation, y.implementation);
        if (!(x->format == y.format))
            add_record(diff, name, "format", abi::describe(x->format), abi::describe(y.format));
        if (x->source_hash != y.source_hash)
            add_record(diff, name, "source_hash", x->source_hash, y.source_hash);
        if (x->options != y.options) add_record(diff, name, "options", x->options, y.options);
    }
    for (const auto& [index, y] : eb)
        if (!ea.count(index))
            add_record(diff, "endpoint " + std::to_string(index), "present", "no", "yes");
}

void compare_metadata(const format::Trace& a, const format::Trace& b, TraceDiff& diff) {
    std::map<std::string, std::string> ma, mb;
    for (const auto& m : a.metadata) ma[m.key] = m.value;
    for (const auto& m : b.metadata) mb[m.key] = m.value;
    for (const auto& [key, value] : ma) {
        const auto it = mb.find(key);
        if (it == mb.end() || it->second != value)
            add_record(diff, "metadata " + key, "value", value,
                       it == mb.end() ? "(absent)" : it->second);
    }
    for (const auto& [key, value] : mb)
        if (!ma.count(key)) add_record(diff, "metadata " + key, "value", "(absent)", value);
}

/// The output digests of one endpoint present in both traces.
void compare_digest(const std::string& name, const format::OutputDigestRecord& x,
                    const format::OutputDigestRecord& y, TraceDiff& diff) {
    if (x.frames != y.frames)
        add_record(diff, name, "frames", std::to_string(x.frames), std::to_string(y.frames));
    if (!(x.pcm == y.pcm)) add_record(diff, name, "pcm", hash_text(x.pcm), hash_text(y.pcm));
    const std::size_t n = std::max(x.per_second.size(), y.per_second.size());
    std::vector<std::uint64_t> seconds;
    for (std::size_t i = 0; i < n; ++i)
        if (i >= x.per_second.size() || i >= y.per_second.size() ||
            !(x.per_second[i] == y.per_second[i]))
            seconds.push_back(i);
    if (seconds.empty()) return;
    std::string list;
    for (std::size_t i = 0; i < seconds.size() && i < 20; ++i)
        list += (i ? ", " : "") + std::to_string(seconds[i]);
    if (seconds.size() > 20) list += ", ... (" + std::to_string(seconds.size()) + ")";
    add_record(diff, name, "per_second (differ in seconds " + list + ")",
               std::to_string(x.per_second.size()) + " hashes",
               std::to_string(y.per_second.size()) + " hashes");
}

void compare_digests(const format::Trace& a, const format::Trace& b, TraceDiff& diff) {
    std::map<std::uint32_t, const format::OutputDigestRecord*> da, db;
    for (const auto& d : a.digests) da[d.endpoint] = &d;
    for (const auto& d : b.digests) db[d.endpoint] = &d;
    for (const auto& [index, x] : da) {
        const std::string name = "output digest of endpoint " + std::to_string(index);
        const auto it = db.find(index);
        if (it == db.end())
            add_record(diff, name, "present", "yes", "no");
        else
            compare_digest(name, *x, *it->second, diff);
    }
    for (const auto& [index, y] : db)
        if (!da.count(index))
            add_record(diff, "output digest of endpoint " + std::to_string(index), "present", "no",
                       "yes");
}

/// Everything but the calls: header, endpoints, metadata, output digests, gaps.
void compare_records(const format::Trace& a, const format::Trace& b, TraceDiff& diff) {
    compare_header(a, b, diff);
    compare_endpoints(a, b, diff);
    compare_metadata(a, b, diff);
    compare_digests(a, b, diff);
    if (a.gaps.size() || b.gaps.size())
        diff.notes.push_back("calls lost by the recorder: " + std::to_string(a.gaps.size()) +
                             " gaps in A, " + std::to_string(b.gaps.size()) + " in B");
}

}  // namespace

void compare_calls(const format::CallRecord& a, const format::CallRecord& b,
                   std::vector<FieldDifference>& f) {
    f.clear();
    const abi::MethodInfo* info = abi::method_info(a.method);
    i64(f, "virtual_time", a.virtual_time, b.virtual_time);
    if (!info) {  // unknown method: compare every scalar
        for (int i = 0; i < 3; ++i) u64(f, "arg" + std::to_string(i), a.arg[i], b.arg[i]);
        for (int i = 0; i < 2; ++i) u64(f, "out" + std::to_string(i), a.out[i], b.out[i]);
        i64(f, "result", a.result, b.result);
        return;
    }
    if (info->returns == abi::ReturnKind::kHresult && a.result != b.result)
        add(f, "hr", abi::hresult_name(a.result), abi::hresult_name(b.result));
    for (int i = 0; i < 3; ++i)
        if (info->arg_names[i]) u64(f, info->arg_names[i], a.arg[i], b.arg[i]);
    for (int i = 0; i < 2; ++i)
        if (info->out_names[i]) u64(f, info->out_names[i], a.out[i], b.out[i]);
    const bool pa = (a.flags & format::kHasPosition) != 0;
    const bool pb = (b.flags & format::kHasPosition) != 0;
    if (info->shape & (abi::kPositionIn | abi::kPositionOut)) {
        if (pa != pb)
            add(f, "position", detail::presence_text(pa), detail::presence_text(pb));
        else if (pa)
            position(f, a.position, b.position);
    }
    if (info->shape & abi::kConnectionIn)
        connection(f, "connection_in", a.connection_in, b.connection_in);
    if (info->shape & abi::kConnectionOut)
        connection(f, "connection_out", a.connection_out, b.connection_out);
    if (info->shape & abi::kFormatOut) {
        const std::uint32_t sa = format_size(a.format), sb = format_size(b.format);
        if (sa != sb || std::memcmp(&a.format, &b.format, sa) != 0)
            add(f, "format",
                detail::format_text(reinterpret_cast<const std::uint8_t*>(&a.format), sa),
                detail::format_text(reinterpret_cast<const std::uint8_t*>(&b.format), sb));
    }
    if (info->shape & (abi::kBufferIn | abi::kBufferOut)) {
        const bool ba = (a.flags & format::kHasBuffer) != 0;
        const bool bb = (b.flags & format::kHasBuffer) != 0;
        if (ba != bb) {
            add(f, "buffer", detail::presence_text(ba), detail::presence_text(bb));
        } else if (ba) {
            u64(f, "buffer.frames", a.buffer.frames, b.buffer.frames);
            u64(f, "buffer.bytes", a.buffer.bytes, b.buffer.bytes);
            if (a.buffer.xxh3 != b.buffer.xxh3)
                add(f, "buffer.xxh3", format::hex64(a.buffer.xxh3), format::hex64(b.buffer.xxh3));
        }
    }
}

namespace {

/// A hash of everything compare_calls() looks at (not seq, real_time, thread): calls with equal
/// content keys are (barring collisions, which compare_calls then shows) equal.
std::uint64_t content_key(const format::CallRecord& c) {
    std::uint64_t words[24] = {};
    std::size_t n = 0;
    words[n++] = key_of(c);
    words[n++] = c.flags;
    words[n++] = static_cast<std::uint64_t>(c.virtual_time);
    words[n++] = static_cast<std::uint32_t>(c.result);
    for (std::uint64_t v : c.arg) words[n++] = v;
    for (std::uint64_t v : c.out) words[n++] = v;
    std::uint32_t fps = 0;
    std::memcpy(&fps, &c.position.f32FramesPerSecond, sizeof fps);
    words[n++] = c.position.u64DevicePosition;
    words[n++] = c.position.u64StreamPosition;
    words[n++] = c.position.u64PaddingFrames;
    words[n++] = static_cast<std::uint64_t>(c.position.hnsQPCPosition);
    words[n++] = (std::uint64_t{fps} << 32) | static_cast<std::uint32_t>(c.position.Flag);
    for (const format::ConnectionValue* v : {&c.connection_in, &c.connection_out}) {
        words[n++] = (std::uint64_t{v->valid_frame_count} << 32) | v->buffer_flags;
        words[n++] = (std::uint64_t{v->signature} << 32) | v->buffer_present;
    }
    words[n++] = format::xxh3_64(&c.format, format_size(c.format));
    words[n++] = (std::uint64_t{c.buffer.frames} << 32) | c.buffer.bytes;
    words[n++] = c.buffer.xxh3;
    return format::xxh3_64(words, n * sizeof words[0]);
}

/// Re-aligns each run of deletions and insertions between matches on (endpoint, method), so a
/// call whose fields changed becomes one aligned pair instead of a deletion plus an insertion.
std::vector<AlignStep> pair_runs(const std::vector<AlignStep>& steps,
                                 const std::vector<std::uint64_t>& ka,
                                 const std::vector<std::uint64_t>& kb, std::size_t max_edits) {
    std::vector<AlignStep> out;
    out.reserve(steps.size());
    std::vector<std::uint64_t> sa, sb;
    std::vector<std::size_t> ia, ib;
    std::size_t i = 0;
    while (i < steps.size()) {
        if (steps[i].kind == AlignStep::Kind::kMatch) {
            out.push_back(steps[i++]);
            continue;
        }
        sa.clear(), sb.clear(), ia.clear(), ib.clear();
        for (; i < steps.size() && steps[i].kind != AlignStep::Kind::kMatch; ++i) {
            if (steps[i].kind == AlignStep::Kind::kDelete) {
                ia.push_back(steps[i].a);
                sa.push_back(ka[steps[i].a]);
            } else {
                ib.push_back(steps[i].b);
                sb.push_back(kb[steps[i].b]);
            }
        }
        bool gave_up = false;
        for (AlignStep s : detail::align(sa, sb, max_edits, gave_up)) {
            s.a = s.kind == AlignStep::Kind::kInsert ? 0 : ia[s.a];
            s.b = s.kind == AlignStep::Kind::kDelete ? 0 : ib[s.b];
            out.push_back(s);
        }
    }
    return out;
}

}  // namespace

TraceDiff diff_traces(const format::Trace& a, const format::Trace& b,
                      const TraceDiffOptions& options) {
    TraceDiff diff;
    std::vector<std::uint64_t> ka(a.calls.size()), kb(b.calls.size());
    std::vector<std::uint64_t> ca(a.calls.size()), cb(b.calls.size());
    for (std::size_t i = 0; i < ka.size(); ++i) {
        ka[i] = key_of(a.calls[i]);
        ca[i] = content_key(a.calls[i]);
    }
    for (std::size_t i = 0; i < kb.size(); ++i) {
        kb[i] = key_of(b.calls[i]);
        cb[i] = content_key(b.calls[i]);
    }
    // Tier 1: whole calls, then changed calls paired inside each run of edits. Tier 2 (too many
    // changed calls): (endpoint, method) only.
    bool gave_up = false;
    std::vector<AlignStep> steps = detail::align(ca, cb, options.max_edits, gave_up);
    if (!gave_up) {
        steps = pair_runs(steps, ka, kb, options.max_edits);
    } else {
        steps = detail::align(ka, kb, options.max_edits, gave_up);
        if (gave_up)
            diff.notes.push_back("more than " + std::to_string(options.max_edits) +
                                 " inserted/deleted calls: after the common prefix and suffix, "
                                 "calls were paired by position");
    }

    const auto va = violations_by_seq(a);
    const auto vb = violations_by_seq(b);
    auto find = [](const auto& map, std::uint64_t seq) -> const std::vector<std::string>* {
        const auto it = map.find(seq);
        return it == map.end() ? nullptr : &it->second;
    };
    diff.calls.reserve(steps.size());
    std::vector<FieldDifference> fields;
    for (const AlignStep& s : steps) {
        CallDiffEntry e;
        e.index_a = s.a;
        e.index_b = s.b;
        if (s.kind == AlignStep::Kind::kDelete) {
            e.op = CallDiffEntry::Op::kDeleted;
            ++diff.deleted;
        } else if (s.kind == AlignStep::Kind::kInsert) {
            e.op = CallDiffEntry::Op::kInserted;
            ++diff.inserted;
        } else {
            const format::CallRecord& ca = a.calls[s.a];
            const format::CallRecord& cb = b.calls[s.b];
            compare_calls(ca, cb, fields);
            const auto* xa = find(va, ca.seq);
            const auto* xb = find(vb, cb.seq);
            if ((xa && !xa->empty()) || (xb && !xb->empty()))
                if (!xa || !xb || *xa != *xb) fields.push_back({"violations", join(xa), join(xb)});
            if ((ca.flags | cb.flags) & format::kPayloadStored) {
                const auto pa = a.payloads.find(ca.seq);
                const auto pb = b.payloads.find(cb.seq);
                const bool ha = pa != a.payloads.end(), hb = pb != b.payloads.end();
                if (ha != hb)
                    fields.push_back(
                        {"payload", ha ? "stored" : "absent", hb ? "stored" : "absent"});
                else if (ha && pa->second.bytes != pb->second.bytes)
                    fields.push_back({"payload",
                                      format::hex64(format::xxh3_64(pa->second.bytes.data(),
                                                                    pa->second.bytes.size())),
                                      format::hex64(format::xxh3_64(pb->second.bytes.data(),
                                                                    pb->second.bytes.size()))});
            }
            if (!fields.empty()) {
                e.op = CallDiffEntry::Op::kChanged;
                e.fields = fields;
                ++diff.changed;
            }
        }
        diff.calls.push_back(std::move(e));
    }
    compare_records(a, b, diff);
    return diff;
}

}  // namespace aetrace::replay
