// Collector: compares one call's values and turns differences into Divergences (internal).
//
// The compare functions take raw values and format text only when the values differ, so a replay
// without divergences allocates nothing per call.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

#include "aetrace/abi/types.h"
#include "aetrace/format/call_record.h"
#include "aetrace/replay/divergence.h"

namespace aetrace::replay::detail {

class Collector {
  public:
    /// `report` must outlive the collector; at most `max_kept` divergences are stored in full.
    Collector(ReplayReport& report, std::size_t max_kept) : report_(report), max_kept_(max_kept) {}

    /// Sets the call the following comparisons belong to (`index` = position in Trace::calls).
    void begin(const format::CallRecord& call, std::uint64_t index) noexcept {
        call_ = &call;
        index_ = index;
    }
    const format::CallRecord& call() const noexcept { return *call_; }

    /// Records one divergence of the current call (counts it; stores it while under the limit).
    void add(const char* field, std::string expected, std::string actual);

    void hr(abi::HRESULT expected, abi::HRESULT actual);
    void u64(const char* field, std::uint64_t expected, std::uint64_t actual);
    void i64(const char* field, std::int64_t expected, std::int64_t actual);
    void present(const char* field, bool expected, bool actual);
    void boolean(const char* field, std::uint64_t expected, std::uint64_t actual);
    void buffer_flags(const char* field, std::uint32_t expected, std::uint32_t actual);
    void signature(const char* field, std::uint32_t expected, std::uint32_t actual);
    void hash(const char* field, std::uint64_t expected, std::uint64_t actual);
    /// Every field of AE_CURRENT_POSITION exactly ("position.<member>"; f32 by bit pattern).
    void position(const abi::AE_CURRENT_POSITION& expected, const abi::AE_CURRENT_POSITION& actual);
    /// connection_out.{pBuffer (presence), u32ValidFrameCount, u32BufferFlags, u32Signature}.
    void connection_out(const format::ConnectionValue& expected,
                        const abi::APO_CONNECTION_PROPERTY& actual);

  private:
    ReplayReport& report_;
    std::size_t max_kept_;
    const format::CallRecord* call_ = nullptr;
    std::uint64_t index_ = 0;
};

}  // namespace aetrace::replay::detail
