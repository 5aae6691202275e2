#include "aetrace/replay/replayer.h"

#include <algorithm>
#include <map>
#include <memory>
#include <numeric>
#include <set>
#include <string>
#include <vector>

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
    if (!s.ifaces.endpoint) return;
    abi::WAVEFORMATEX* format = nullptr;
    const abi::HRESULT hr = s.ifaces.endpoint->GetFrameFormat(&format);
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

using Sessions = std::map<std::uint32_t, std::unique_ptr<EndpointSession>>;
using Hashers = std::map<std::uint32_t, detail::PlayedAudioHasher>;

/// The order calls are replayed in: sequence-number order. With several recording threads a
/// record that was published late can sit after a later one in the file; a single-threaded
/// recording is already in order and needs no index (then the result is empty: file order).
std::vector<std::size_t> seq_order(const format::Trace& trace) {
    const auto by_seq = [](const format::CallRecord& a, const format::CallRecord& b) {
        return a.seq < b.seq;
    };
    std::vector<std::size_t> order;
    if (std::is_sorted(trace.calls.begin(), trace.calls.end(), by_seq)) return order;
    order.resize(trace.calls.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        return trace.calls[a].seq < trace.calls[b].seq;
    });
    return order;
}

/// One session per EndpointInfo, each with the object `factory` made for it.
Sessions open_sessions(const format::Trace& trace, const ImplementationFactory& factory,
                       const clock::VirtualClock& clock, const ReplayOptions& options) {
    Sessions sessions;
    for (const format::EndpointInfo& info : trace.endpoints) {
        if (sessions.count(info.endpoint))
            throw InputError("trace: endpoint " + std::to_string(info.endpoint) +
                             " has two EndpointInfo records");
        abi::ComPtr<abi::IUnknown> object = factory(info, static_cast<const clock::Clock&>(clock));
        auto session = std::make_unique<EndpointSession>(info, std::move(object));
        if (options.check_format) check_format(*session, options);
        sessions.emplace(info.endpoint, std::move(session));
    }
    return sessions;
}

/// The hashers of the render endpoints whose played audio is hashed while the replay runs (see
/// PlayedAudioHasher): those with an output digest and IAetraceEndpointInspect.
Hashers start_hashers(const format::Trace& trace, const Sessions& sessions,
                      const ReplayOptions& options) {
    Hashers hashers;
    if (!options.check_audio || (trace.header.flags & format::kHeaderHashOnly)) return hashers;
    for (const format::OutputDigestRecord& d : trace.digests) {
        const auto s = sessions.find(d.endpoint);
        if (s == sessions.end() || !s->second->ifaces.inspect || hashers.count(d.endpoint) ||
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
    return hashers;
}

/// Issues every call of the trace on its session and compares what comes back.
class CallLoop {
  public:
    CallLoop(const format::Trace& trace, const ReplayOptions& options, ReplayReport& report,
             clock::VirtualClock& clock, Sessions& sessions, Hashers& hashers)
        : trace_(trace),
          options_(options),
          report_(report),
          clock_(clock),
          sessions_(sessions),
          hashers_(hashers),
          out_(report, options.max_divergences),
          replayer_(trace, out_),
          violations_(trace) {}

    /// Replays the calls in the order `order` gives (empty: file order).
    void run(const std::vector<std::size_t>& order) {
        constexpr std::uint64_t kPollEvery = 64;  // calls between two looks at the played audio
        std::uint64_t until_poll = kPollEvery;
        for (std::size_t k = 0; k < trace_.calls.size(); ++k) {
            if (!issue(order.empty() ? k : order[k])) continue;
            if (--until_poll == 0) {
                until_poll = kPollEvery;
                for (auto& [index, hasher] : hashers_)
                    hasher.poll(*sessions_.at(index)->ifaces.inspect.get());
            }
        }
    }

    /// The notes about calls that were skipped, not issued or not fully compared.
    void add_notes() {
        if (!unknown_ids_.empty())
            report_.notes.push_back(std::to_string(report_.calls_skipped) +
                                    " calls of unknown methods (ids " + ids_text(unknown_ids_) +
                                    ") skipped: the trace comes from a newer aetrace");
        if (unknown_endpoint_calls_) {
            std::set<unsigned> ids(unknown_endpoints_.begin(), unknown_endpoints_.end());
            report_.notes.push_back(std::to_string(unknown_endpoint_calls_) +
                                    " calls of endpoints " + ids_text(ids) +
                                    " not issued: no EndpointInfo record");
        }
        if (replayer_.payloads_missing() && !(trace_.header.flags & format::kHeaderHashOnly))
            report_.notes.push_back(std::to_string(replayer_.payloads_missing()) +
                                    " render buffers had no AudioPayload record (first at seq " +
                                    std::to_string(replayer_.first_missing_payload_seq()) +
                                    "): zeros were fed instead");
        if (options_.check_violations && violations_.not_compared())
            report_.notes.push_back(std::to_string(violations_.not_compared()) +
                                    " recorded contract violations not compared: the "
                                    "implementation does not expose IAetraceEndpointInspect");
    }

  private:
    /// Replays trace.calls[i]. Returns whether it was issued.
    bool issue(std::size_t i) {
        const format::CallRecord& call = trace_.calls[i];
        const abi::MethodInfo* info = abi::method_info(call.method);
        if (!info) {
            ++report_.calls_skipped;
            unknown_ids_.insert(static_cast<unsigned>(call.method));
            return false;
        }
        const auto it = sessions_.find(call.endpoint);
        if (it == sessions_.end()) {
            ++report_.calls_not_issued;
            ++unknown_endpoint_calls_;
            unknown_endpoints_.insert(call.endpoint);
            return false;
        }
        EndpointSession& session = *it->second;
        clock_.set(call.virtual_time);
        out_.begin(call, i);
        if (!replayer_.issue(session, *info)) {
            ++report_.calls_not_issued;
            return false;
        }
        ++report_.calls_replayed;
        if (options_.check_violations) violations_.check(session, out_);
        return true;
    }

    const format::Trace& trace_;
    const ReplayOptions& options_;
    ReplayReport& report_;
    clock::VirtualClock& clock_;
    Sessions& sessions_;
    Hashers& hashers_;
    detail::Collector out_;
    detail::CallReplayer replayer_;
    detail::ViolationChecker violations_;
    std::set<unsigned> unknown_ids_;
    std::set<std::uint32_t> unknown_endpoints_;
    std::uint64_t unknown_endpoint_calls_ = 0;
};

/// The audio verdicts, one per render endpoint or output digest, in endpoint order.
void check_all_audio(const format::Trace& trace, const Sessions& sessions, Hashers& hashers,
                     const ReplayOptions& options, ReplayReport& report) {
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

}  // namespace

ReplayReport replay(const format::Trace& trace, const ImplementationFactory& factory,
                    const ReplayOptions& options) {
    ReplayReport report;
    // Declared before the sessions: the implementations may read it until they are released.
    clock::VirtualClock clock;
    const std::vector<std::size_t> order = seq_order(trace);
    if (!trace.calls.empty()) clock.set(trace.calls[order.empty() ? 0 : order[0]].virtual_time);

    Sessions sessions = open_sessions(trace, factory, clock, options);
    add_trace_notes(trace, report);
    Hashers hashers = start_hashers(trace, sessions, options);
    CallLoop loop(trace, options, report, clock, sessions, hashers);
    loop.run(order);
    loop.add_notes();
    if (options.check_audio) check_all_audio(trace, sessions, hashers, options, report);
    sessions.clear();  // release the implementations while the clock is alive
    return report;
}

}  // namespace aetrace::replay
