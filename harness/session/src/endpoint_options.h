// EndpointConfig <-> the options text stored in a trace's EndpointInfo, so replay can rebuild the
// same endpoint configuration ("padding_unit=frames default_period=100000 ...").
#pragma once

#include <string>
#include <string_view>

#include "aetrace/endpoints/endpoint_config.h"

namespace aetrace::session {

/// Space-separated key=value pairs for every EndpointConfig field except format and fault (the
/// format is stored in EndpointInfo, the fault in the implementation name).
std::string to_options_text(const endpoints::EndpointConfig& config);

/// Applies options text to `config` (keys it does not know are ignored, for forward
/// compatibility). Throws aetrace::InputError "<where>: bad endpoint option '<pair>'" on a
/// malformed value.
void apply_options_text(std::string_view text, endpoints::EndpointConfig& config,
                        const std::string& where);

}  // namespace aetrace::session
