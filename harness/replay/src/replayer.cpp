#include "aetrace/replay/replayer.h"

#include <algorithm>
#include <numeric>
#include <vector>
#include <map>
#include <memory>
#include <set>
#include <string>

#include "aetrace/abi/cotaskmem.h"
#include "aetrace/abi/error.h"
#include "aetrace/abi/wave_format.h"
#include "checks.h"
#include "collector.h"
#include "session.h"

namespace aetrace::replay {

namespace {

using detail::EndpointSession;

std::string ids_text(const std::set<unsigned>& ids) {
    std::string text;
    for (unsigned id : ids) text += (text.empty() ? "" : ", ") + std::to_string(id);
    return text;
}

void add_trace_notes(const format::Trace& trace, ReplayReport& report) {
    if (trace.header.flags & format::kHeaderHashOnly)
        report.notes.push_back(
            "hash-only trace: render buffers not stored, render audio not fed; only hashes and "
            "the call schedule were checked");
    for (const format::GapRecord& gap : trace.gaps) {
        const std::uint64_t last = gap.first_seq + (gap.count ? gap.count - 1 : 0);
        report.notes.push_back(std::to_string(gap.count) + " calls lost by the recorder (seq " +
                               std::to_string(gap.first_seq) + ".." + std::to_string(last) +
                               "): replay skipped nothing but results after seq " +
                               std::to_string(gap.first_seq) + " may differ");
    }
    if (trace.status.unknown_skipped)
        report.notes.push_back("skipped " + std::to_string(trace.status.unknown_skipped) +
                               " records of unknown types (a newer trace format " +
                               std::to_string(trace.header.format_major) + "." +
                               std::to_string(trace.header.format_minor) + ")");
    if (trace.status.damaged())
        report.notes.push_back("trace " + trace.status.describe() +
                               ": replayed the calls before the damage");
    else if (!trace.end)
        report.notes.push_back("trace ended without End record at byte " +
                               std::to_string(trace.status.offset));
}

/// Refuses an implementation whose frame format is not the trace's (ReplayOptions::check_format).
void check_format(EndpointSession& s, const ReplayOptions& options) {
    if (!s.endpoint) return;
    abi::WAVEFORMATEX* format = nullptr;
    const abi::HRESULT hr = s.endpoint->GetFrameFormat(&format);
    const abi::CoTaskMemPtr<abi::WAVEFORMATEX> owned(format);
    if (abi::failed(hr) || !format) return;
    const std::uint32_t size =
        static_cast<std::uint32_t>(sizeof(abi::WAVEFORMATEX)) + format->cbSize;
    const std::optional<abi::StreamFormat> actual = abi::from_wave_format(format, size);
    if (actual && *actual == s.info.format) return;
    const std::string name =
        options.implementation_name.empty() ? s.info.implementation : options.implementation_name;
    throw InputError(
        options.trace_name + ": trace format " + abi::describe(s.info.format) +
        " does not match implementation '" + name + "' format " +
        (actual ? abi::describe(*actual)
                : std::string("unsupported (tag ") + std::to_string(format->wFormatTag) + ")") +
        " (endpoint " + std::to_string(s.info.endpoint) + ")");
}

}  // namespace

ReplayReport replay(const format::Trace& trace, const ImplementationFactory& factory,
                    const ReplayOptions& options) {
    ReplayReport report;
    // Declared before the sessions: the implementations may read it until they are released.
    clock::VirtualClock clock;

    // Calls are replayed in sequence-number order. With several recording threads a record that
    // was published late can sit after a later one in the file; a single-threaded recording is
    // already in order and needs no index.
    const auto by_seq = [](const format::CallRecord& a, const format::CallRecord& b) {
        return a.seq < b.seq;
    };
    std::vector<std::size_t> seq_order;
    if (!std::is_sorted(trace.calls.begin(), trace.calls.end(), by_seq)) {
        seq_order.resize(trace.calls.size());
        std::iota(seq_order.begin(), seq_order.end(), std::size_t{0});
        std::stable_sort(seq_order.begin(), seq_order.end(), [&](std::size_t a, std::size_t b) {
            return trace.calls[a].seq < trace.calls[b].seq;
        });
    }
    const auto call_at = [&](std::size_t k) { return seq_order.empty() ? k : seq_order[k]; };
    if (!trace.calls.empty()) clock.set(trace.calls[call_at(0)].virtual_time);

    std::map<std::uint32_t, std::unique_ptr<EndpointSession>> sessions;
    for (const format::EndpointInfo& info : trace.endpoints) {
        if (sessions.count(info.endpoint))
            throw InputError("trace: endpoint " + std::to_string(info.endpoint) +
                             " has two EndpointInfo records");
        abi::ComPtr<abi::IUnknown> object = factory(info, static_cast<const clock::Clock&>(clock));
        auto session = std::make_unique<EndpointSession>(info, std::move(object));
        if (options.check_format) check_format(*session, options);
        sessions.emplace(info.endpoint, std::move(session));
    }

    add_trace_notes(trace, report);
    detail::Collector out(report, options.max_divergences);
    detail::CallReplayer replayer(trace, out);
    detail::ViolationChecker violations(trace);
    std::set<unsigned> unknown_ids;
    std::set<std::uint32_t> unknown_endpoints;
    std::uint64_t unknown_endpoint_calls = 0;

    // The played audio is hashed second by second while the replay runs (see PlayedAudioHasher).
    std::map<std::uint32_t, detail::PlayedAudioHasher> hashers;
    if (options.check_audio && !(trace.header.flags & format::kHeaderHashOnly)) {
        for (const format::OutputDigestRecord& d : trace.digests) {
            const auto s = sessions.find(d.endpoint);
            if (s == sessions.end() || !s->second->inspect || hashers.count(d.endpoint) ||
                s->second->info.role != format::EndpointRole::kRender)
                continue;
            try {
                detail::PlayedAudioHasher h(s->second->info.format);
                h.reserve(d.per_second.size() + 1);
                hashers.emplace(d.endpoint, std::move(h));
            } catch (const InputError&) {
                // unsupported format: check_audio reports it
            }
        }
    }
    constexpr std::uint64_t kPollEvery = 64;  // calls between two looks at the played audio
    std::uint64_t until_poll = kPollEvery;

    for (std::size_t k = 0; k < trace.calls.size(); ++k) {
        const std::size_t i = call_at(k);
        const format::CallRecord& call = trace.calls[i];
        const abi::MethodInfo* info = abi::method_info(call.method);
        if (!info) {
            ++report.calls_skipped;
            unknown_ids.insert(static_cast<unsigned>(call.method));
            continue;
        }
        const auto it = sessions.find(call.endpoint);
        if (it == sessions.end()) {
            ++report.calls_not_issued;
            ++unknown_endpoint_calls;
            unknown_endpoints.insert(call.endpoint);
            continue;
        }
        EndpointSession& session = *it->second;
        clock.set(call.virtual_time);
        out.begin(call, i);
        if (!replayer.issue(session, *info)) {
            ++report.calls_not_issued;
            continue;
        }
        ++report.calls_replayed;
        if (options.check_violations) violations.check(session, out);
        if (--until_poll == 0) {
            until_poll = kPollEvery;
            for (auto& [index, hasher] : hashers) hasher.poll(*sessions.at(index)->inspect.get());
        }
    }

    if (!unknown_ids.empty())
        report.notes.push_back(std::to_string(report.calls_skipped) +
                               " calls of unknown methods (ids " + ids_text(unknown_ids) +
                               ") skipped: the trace comes from a newer aetrace");
    if (unknown_endpoint_calls) {
        std::set<unsigned> ids(unknown_endpoints.begin(), unknown_endpoints.end());
        report.notes.push_back(std::to_string(unknown_endpoint_calls) + " calls of endpoints " +
                               ids_text(ids) + " not issued: no EndpointInfo record");
    }
    if (replayer.payloads_missing() && !(trace.header.flags & format::kHeaderHashOnly))
        report.notes.push_back(std::to_string(replayer.payloads_missing()) +
                               " render buffers had no AudioPayload record (first at seq " +
                               std::to_string(replayer.first_missing_payload_seq()) +
                               "): zeros were fed instead");
    if (options.check_violations && violations.not_compared())
        report.notes.push_back(std::to_string(violations.not_compared()) +
                               " recorded contract violations not compared: the implementation "
                               "does not expose IAetraceEndpointInspect");

    if (options.check_audio) {
        std::map<std::uint32_t, const format::OutputDigestRecord*> digests;
        for (const format::OutputDigestRecord& d : trace.digests) digests[d.endpoint] = &d;
        std::set<std::uint32_t> endpoints;
        for (const auto& [index, session] : sessions)
            if (session->info.role == format::EndpointRole::kRender) endpoints.insert(index);
        for (const auto& [index, digest] : digests) endpoints.insert(index);
        for (std::uint32_t index : endpoints) {
            const auto s = sessions.find(index);
            const auto d = digests.find(index);
            const auto e = options.expected_output.find(index);
            const auto h = hashers.find(index);
            report.audio.push_back(
                detail::check_audio(index, s == sessions.end() ? nullptr : s->second.get(),
                                    d == digests.end() ? nullptr : d->second,
                                    e == options.expected_output.end() ? nullptr : e->second,
                                    options.snr_db_min, h == hashers.end() ? nullptr : &h->second));
        }
    }
    sessions.clear();  // release the implementations while the clock is alive
    return report;
}

}  // namespace aetrace::replay
