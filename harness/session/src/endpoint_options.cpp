#include "endpoint_options.h"

#include <charconv>
#include <sstream>

#include "aetrace/abi/error.h"

namespace aetrace::session {

std::string to_options_text(const endpoints::EndpointConfig& c) {
    std::ostringstream s;
    s << "padding_unit="
      << (c.padding_unit == endpoints::EndpointConfig::PaddingUnit::kHns ? "hns" : "frames")
      << " default_period=" << c.default_period
      << " min_latency_coefficient=" << c.min_latency_coefficient
      << " event_capable=" << (c.event_capable ? 1 : 0)
      << " max_render_frames=" << c.max_render_frames << " max_violations=" << c.max_violations;
    return s.str();
}

void apply_options_text(std::string_view text, endpoints::EndpointConfig& c,
                        const std::string& where) {
    std::istringstream in{std::string(text)};
    std::string pair;
    while (in >> pair) {
        const auto eq = pair.find('=');
        if (eq == std::string::npos)
            throw InputError(where + ": bad endpoint option '" + pair + "'");
        const std::string key = pair.substr(0, eq), value = pair.substr(eq + 1);
        std::uint64_t n = 0;
        const bool numeric =
            std::from_chars(value.data(), value.data() + value.size(), n).ec == std::errc{};
        auto need_number = [&] {
            if (!numeric) throw InputError(where + ": bad endpoint option '" + pair + "'");
        };
        if (key == "padding_unit") {
            if (value == "hns")
                c.padding_unit = endpoints::EndpointConfig::PaddingUnit::kHns;
            else if (value == "frames")
                c.padding_unit = endpoints::EndpointConfig::PaddingUnit::kFrames;
            else
                throw InputError(where + ": bad endpoint option '" + pair + "'");
        } else if (key == "default_period") {
            need_number();
            c.default_period = static_cast<abi::HNSTIME>(n);
        } else if (key == "min_latency_coefficient") {
            need_number();
            c.min_latency_coefficient = static_cast<std::uint32_t>(n);
        } else if (key == "event_capable") {
            need_number();
            c.event_capable = n != 0;
        } else if (key == "max_render_frames") {
            need_number();
            c.max_render_frames = n;
        } else if (key == "max_violations") {
            need_number();
            c.max_violations = static_cast<std::uint32_t>(n);
        }
    }
}

}  // namespace aetrace::session
