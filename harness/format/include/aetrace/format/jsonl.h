// The JSON Lines text form of a trace (docs/FORMAT.md, "JSONL form"): `aetrace dump` / `import`.
#pragma once

#include <iosfwd>
#include <string>

#include "aetrace/format/trace.h"

namespace aetrace::format {

/// Writes `trace` as JSON Lines to `out`: line 1 {"type":"header",...}, then one object per record
/// in trace.order (or canonical_order() when it is empty). Call lines name the method by its
/// qualified name from the method table and carry only the fields the table says the method uses
/// (fields a method does not use are dropped: they are zero in traces the recorder writes).
/// Payload bytes are base64. Strings that are not valid UTF-8 are written with U+FFFD
/// replacements. Not RT-safe. Throws std::invalid_argument when trace.order names a missing
/// record (see record_at()); nothing else beyond stream/allocation failures.
void dump_jsonl(const Trace& trace, std::ostream& out);

/// Parses what dump_jsonl() writes (blank lines are ignored; the first other line must be the
/// header). `name_for_errors` names the input in messages. Throws aetrace::InputError
/// "<name>:<line>: <problem>" for bad JSON, a missing header, an unknown record type or method, a
/// missing field or a field of the wrong type or range. The returned Trace has `order` filled in
/// line order and a default `status`; its header is format kFormatMajor.kFormatMinor.
/// binary -> read_trace -> dump_jsonl -> import_jsonl -> write_trace reproduces the binary file
/// byte for byte. Not RT-safe.
Trace import_jsonl(std::istream& in, const std::string& name_for_errors);

}  // namespace aetrace::format
