// EndpointSession: the replayer's state for one endpoint object; CallReplayer: issues one recorded
// call against it; Replay<Id>: the handler of one method (internal).
//
// Dispatch is built from the method table (abi/methods.h): calls.cpp holds one Replay<Id>
// specialization per row and an array of handlers indexed by MethodId, with a static_assert that
// every row has one. The interface check is generic (MethodTraits<Id>::Interface), and scalar
// results are compared by the table's field kinds (CallContext::outs, CallContext::check).
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <type_traits>

#include "aetrace/abi/abi.h"
#include "aetrace/abi/endpoint_interfaces.h"
#include "aetrace/format/trace.h"
#include "collector.h"

namespace aetrace::replay::detail {

/// Number of API interfaces in the table (AETRACE_INTERFACES).
inline constexpr unsigned kInterfaceCount = 0
#define AETRACE_COUNT_Y(iface) +1
    AETRACE_INTERFACES(AETRACE_COUNT_Y)
#undef AETRACE_COUNT_Y
    ;

/// Position of API interface I in AETRACE_INTERFACES (0-based), or kInterfaceCount when I is not
/// one of them.
template <class I>
constexpr unsigned interface_index() noexcept {
    constexpr bool matches[] = {
#define AETRACE_MATCH_Y(iface) std::is_same_v<I, abi::iface>,
        AETRACE_INTERFACES(AETRACE_MATCH_Y)
#undef AETRACE_MATCH_Y
    };
    unsigned i = 0;
    while (i < kInterfaceCount && !matches[i]) ++i;
    return i;
}

/// One endpoint object under replay. Not copyable or movable (the VirtualEvent is atomic and its
/// address is handed to the implementation).
struct EndpointSession {
    /// Queries every interface of `object` (may be null: then none is present). Not RT-safe.
    EndpointSession(const format::EndpointInfo& info, abi::ComPtr<abi::IUnknown> object);
    EndpointSession(const EndpointSession&) = delete;
    EndpointSession& operator=(const EndpointSession&) = delete;

    const format::EndpointInfo& info;
    std::uint32_t block_align;
    abi::ComPtr<abi::IUnknown> object;
    abi::EndpointInterfaces ifaces;  ///< null pointers for interfaces the object lacks
    /// "missing (QueryInterface failed)" already reported, by interface_index().
    bool missing_reported[kInterfaceCount] = {};
    abi::VirtualEvent event;        ///< handed to SetEventHandle when the trace's was non-null
    abi::UINT_PTR last_input = 0;   ///< pBuffer of the last GetInputDataPointer
    abi::UINT_PTR last_output = 0;  ///< result of the last GetOutputDataPointer
    std::uint32_t last_output_frames = 0;  ///< frames asked for by that Get
    std::uint64_t violations_seen = 0;     ///< implementation violations already compared
    bool render_fed_zeros = false;         ///< zeros were fed instead of recorded render audio
    /// Address passed where the recorded engine passed a pointer the endpoint did not return.
    alignas(8) std::uint8_t foreign[16] = {};
};

class CallReplayer;

/// What a method handler works with: the recorded call, its table row, the session and the
/// collector of the current call. Compare helpers allocate only when they find a difference.
struct CallContext {
    CallReplayer& replayer;
    EndpointSession& s;
    const format::CallRecord& c;  ///< the recorded call (the collector's current call)
    const abi::MethodInfo& info;  ///< its row of the method table
    Collector& out;

    /// Recorded argument `i` converted to the parameter type T (as the recorder stored it).
    template <class T>
    T arg(std::size_t i) const noexcept {
        return static_cast<T>(c.arg[i]);
    }

    /// Compares the recorded scalar results with `actual...` (at most two, in out[] order), each
    /// by its field kind (info.out_kinds): kU64/kMatch as unsigned, kI64 as signed, kBool as a
    /// Win32 BOOL, kPresent as non-null. Values are widened as the recorder widens them.
    template <class... T>
    void outs(T... actual) const {
        static_assert(sizeof...(T) <= 2, "a call record holds two scalar results");
        const std::uint64_t values[2] = {field_value(actual)...};
        compare_outs(values, sizeof...(T));
    }

    /// Compares the HRESULT with the recorded one and, when both succeeded, the scalar results
    /// `actual...` as outs() does. Call the method first and pass its HRESULT as a variable:
    /// arguments are evaluated in no fixed order, so `check(obj.M(&x), x)` may read x before M
    /// wrote it.
    template <class... T>
    void check(abi::HRESULT hr, T... actual) const {
        out.hr(c.result, hr);
        if (abi::succeeded(c.result) && abi::succeeded(hr)) outs(actual...);
    }

    /// The recorded connection_in as an APO_CONNECTION_PROPERTY with pBuffer = `buffer`.
    abi::APO_CONNECTION_PROPERTY connection_in(abi::UINT_PTR buffer) const noexcept;

  private:
    /// A scalar widened to the u64 of a CallRecord field: through its unsigned type, so a BOOL
    /// or UINT32 is zero-extended and an HNSTIME keeps its two's complement.
    template <class T>
    static std::uint64_t field_value(T v) noexcept {
        static_assert(std::is_integral_v<T>, "scalar results are integers");
        return static_cast<std::uint64_t>(static_cast<std::make_unsigned_t<T>>(v));
    }
    void compare_outs(const std::uint64_t* actual, std::size_t count) const;
};

/// The handler of method Id: `static void run(const CallContext& cx, I& obj)` issues the recorded
/// call on `obj` (the session's interface of the method) and compares what it returned. One
/// explicit specialization per row of the method table (calls.cpp); the primary template is
/// never defined, so a row without a handler does not compile.
template <abi::MethodId Id>
struct Replay;

/// Issues recorded calls. Holds no per-call allocation.
class CallReplayer {
  public:
    CallReplayer(const format::Trace& trace, Collector& collector)
        : trace_(trace), out_(collector), next_payload_(trace.payloads.begin()) {}

    /// Issues `call` (the collector's current call, whose table row is `info`) on `s`. Returns
    /// false when the call could not be issued because `s` lacks its interface (reported once per
    /// interface as a divergence). Defined in calls.cpp.
    bool issue(EndpointSession& s, const abi::MethodInfo& info);

    /// Reports that `s` lacks the interface of `info` (once per interface, by its index).
    void report_missing(EndpointSession& s, const abi::MethodInfo& info, unsigned iface_index);

    /// Writes the recorded render audio of call `c` to `dst` (`bytes` bytes): its AudioPayload,
    /// zero-padded, or zeros when the trace has none (counted in payloads_missing()).
    void feed_render(EndpointSession& s, const format::CallRecord& c, std::uint8_t* dst,
                     std::size_t bytes);

    Collector& out() noexcept { return out_; }

    /// Render calls whose payload was missing (hash-only trace or absent record) and got zeros.
    std::uint64_t payloads_missing() const noexcept { return payloads_missing_; }
    std::uint64_t first_missing_payload_seq() const noexcept { return first_missing_seq_; }

  private:
    const format::Trace& trace_;
    Collector& out_;
    /// The payload after the last one fed: calls come in seq order, so the next lookup is
    /// usually this one (saves a map search per render buffer).
    std::map<std::uint64_t, format::AudioPayload>::const_iterator next_payload_;
    std::uint64_t payloads_missing_ = 0;
    std::uint64_t first_missing_seq_ = 0;
};

// The structured values (session.cpp, session_rt.cpp).

/// GetFrameFormat: compares the returned format with the recorded one, byte by byte over the
/// bytes the recorder keeps (18 + cbSize, at most the extensible).
void compare_format(const CallContext& cx, const abi::WAVEFORMATEX* actual);
/// GetInputDataPointer: compares the returned connection, position and buffer hash.
void compare_input(const CallContext& cx, const abi::APO_CONNECTION_PROPERTY& conn,
                   const abi::AE_CURRENT_POSITION* position);
/// ReleaseOutputDataPointer: the pointer the recorded engine passed back, mapped to this replay
/// (the last Get's pointer, a foreign address, or 0), after feeding it the recorded audio.
abi::UINT_PTR release_output_pointer(const CallContext& cx);

}  // namespace aetrace::replay::detail
