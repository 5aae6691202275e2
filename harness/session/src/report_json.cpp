#include "aetrace/session/report_json.h"

#include <cmath>
#include <string>

#include "aetrace/abi/methods.h"

namespace aetrace::session {

using nlohmann::json;

namespace {

json number(double v) {
    if (std::isfinite(v)) return v;
    if (std::isnan(v)) return "nan";
    return v > 0 ? "inf" : "-inf";
}

double number_from(const json& j) {
    if (j.is_number()) return j.get<double>();
    const std::string s = j.get<std::string>();
    if (s == "inf") return INFINITY;
    if (s == "-inf") return -INFINITY;
    return NAN;
}

json comparison_to_json(const audio::AudioComparison& c) {
    return {{"identical", c.identical},
            {"first_diff_frame", c.first_diff_frame},
            {"first_diff_channel", c.first_diff_channel},
            {"max_abs_diff", number(c.max_abs_diff)},
            {"max_ulp_diff", c.max_ulp_diff},
            {"snr_db", number(c.snr_db)},
            {"differing_seconds", c.differing_seconds},
            {"frames_expected", c.frames_a},
            {"frames_actual", c.frames_b}};
}

audio::AudioComparison comparison_from_json(const json& j) {
    audio::AudioComparison c;
    c.identical = j.at("identical").get<bool>();
    c.first_diff_frame = j.at("first_diff_frame").get<std::uint64_t>();
    c.first_diff_channel = j.at("first_diff_channel").get<std::uint16_t>();
    c.max_abs_diff = number_from(j.at("max_abs_diff"));
    c.max_ulp_diff = j.at("max_ulp_diff").get<std::uint64_t>();
    c.snr_db = number_from(j.at("snr_db"));
    c.differing_seconds = j.at("differing_seconds").get<std::vector<std::uint64_t>>();
    c.frames_a = j.at("frames_expected").get<std::uint64_t>();
    c.frames_b = j.at("frames_actual").get<std::uint64_t>();
    return c;
}

json audio_to_json(const replay::AudioVerdict& v) {
    json j = {{"endpoint", v.endpoint},
              {"checked", v.checked},
              {"matches", v.matches},
              {"passes", v.passes()},
              {"frames_expected", v.frames_expected},
              {"frames_actual", v.frames_actual},
              {"seconds", v.seconds},
              {"differing_seconds", v.differing_seconds},
              {"within_tolerance", v.within_tolerance},
              {"note", v.note}};
    if (v.snr_db_min) j["snr_db_min"] = number(*v.snr_db_min);
    if (v.compared) j["comparison"] = comparison_to_json(v.comparison);
    return j;
}

replay::AudioVerdict audio_from_json(const json& j) {
    replay::AudioVerdict v;
    v.endpoint = j.at("endpoint").get<std::uint32_t>();
    v.checked = j.at("checked").get<bool>();
    v.matches = j.at("matches").get<bool>();
    v.frames_expected = j.at("frames_expected").get<std::uint64_t>();
    v.frames_actual = j.at("frames_actual").get<std::uint64_t>();
    v.seconds = j.at("seconds").get<std::uint64_t>();
    v.differing_seconds = j.at("differing_seconds").get<std::vector<std::uint64_t>>();
    v.within_tolerance = j.value("within_tolerance", false);
    v.note = j.at("note").get<std::string>();
    if (j.contains("snr_db_min")) v.snr_db_min = number_from(j.at("snr_db_min"));
    if (j.contains("comparison")) {
        v.compared = true;
        v.comparison = comparison_from_json(j.at("comparison"));
    }
    return v;
}

}  // namespace

json divergence_to_json(const replay::Divergence& d) {
    const abi::MethodInfo* info = abi::method_info(d.method);
    return {{"call_index", d.call_index},
            {"seq", d.seq},
            {"endpoint", d.endpoint},
            {"method", info ? std::string(info->qualified_name)
                            : std::to_string(static_cast<unsigned>(d.method))},
            {"method_id", static_cast<unsigned>(d.method)},
            {"field", d.field},
            {"expected", d.expected},
            {"actual", d.actual}};
}

json report_to_json(const replay::ReplayReport& r) {
    json divergences = json::array();
    for (const replay::Divergence& d : r.divergences) divergences.push_back(divergence_to_json(d));
    json audio = json::array();
    for (const replay::AudioVerdict& v : r.audio) audio.push_back(audio_to_json(v));
    return {{"ok", r.ok()},
            {"calls_replayed", r.calls_replayed},
            {"calls_skipped", r.calls_skipped},
            {"calls_not_issued", r.calls_not_issued},
            {"divergence_count", r.divergence_count},
            {"divergences", divergences},
            {"per_method", r.per_method},
            {"audio", audio},
            {"notes", r.notes}};
}

replay::ReplayReport report_from_json(const json& j) {
    replay::ReplayReport r;
    r.calls_replayed = j.at("calls_replayed").get<std::uint64_t>();
    r.calls_skipped = j.at("calls_skipped").get<std::uint64_t>();
    r.calls_not_issued = j.at("calls_not_issued").get<std::uint64_t>();
    r.divergence_count = j.at("divergence_count").get<std::uint64_t>();
    for (const json& d : j.at("divergences")) {
        replay::Divergence x;
        x.call_index = d.at("call_index").get<std::uint64_t>();
        x.seq = d.at("seq").get<std::uint64_t>();
        x.endpoint = d.at("endpoint").get<std::uint32_t>();
        x.method = static_cast<abi::MethodId>(d.at("method_id").get<unsigned>());
        x.field = d.at("field").get<std::string>();
        x.expected = d.at("expected").get<std::string>();
        x.actual = d.at("actual").get<std::string>();
        r.divergences.push_back(std::move(x));
    }
    r.per_method = j.at("per_method").get<std::map<std::string, std::uint64_t>>();
    for (const json& a : j.at("audio")) r.audio.push_back(audio_from_json(a));
    r.notes = j.at("notes").get<std::vector<std::string>>();
    return r;
}

}  // namespace aetrace::session
