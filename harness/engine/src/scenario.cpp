#include "aetrace/engine/scenario.h"

#include <toml++/toml.h>
#include <algorithm>
#include <cmath>
#include <fstream>
#include <initializer_list>
#include <limits>
#include <sstream>

#include "aetrace/abi/error.h"

namespace aetrace::engine {
namespace {

constexpr HNSTIME kHnsPerMs = 10'000;
constexpr HNSTIME kHnsPerUs = 10;
// Upper bound for every time value in a scenario (about 27 hours): keeps HNSTIME maths far from
// overflow.
constexpr double kMaxMs = 1e8;

/// Reads one scenario document, naming `source` and the key in every error.
class ScenarioReader {
  public:
    explicit ScenarioReader(std::string source) : source_(std::move(source)) {}

    [[noreturn]] void fail(const std::string& key, const std::string& problem) const {
        throw InputError(source_ + ": " + key + ": " + problem);
    }

    /// Fails on any key of `table` not in `allowed`.
    void check_keys(const toml::table& table, const std::string& prefix,
                    std::initializer_list<std::string_view> allowed) const {
        for (const auto& [key, node] : table) {
            (void)node;
            if (std::find(allowed.begin(), allowed.end(), key.str()) == allowed.end())
                fail(prefix + std::string(key.str()), "unknown key");
        }
    }

    std::optional<std::string> get_string(const toml::table& t, std::string_view key,
                                          const std::string& full_key) const {
        const toml::node* n = t.get(key);
        if (!n) return std::nullopt;
        if (!n->is_string()) fail(full_key, "expected a string");
        return n->as_string()->get();
    }

    std::optional<std::int64_t> get_int(const toml::table& t, std::string_view key,
                                        const std::string& full_key, std::int64_t lo,
                                        std::int64_t hi) const {
        const toml::node* n = t.get(key);
        if (!n) return std::nullopt;
        if (!n->is_integer()) fail(full_key, "expected an integer");
        const std::int64_t v = n->as_integer()->get();
        if (v < lo || v > hi)
            fail(full_key, "must be " + std::to_string(lo) + " to " + std::to_string(hi) +
                               ", got " + std::to_string(v));
        return v;
    }

    /// An integer or a float (milliseconds or a fraction).
    std::optional<double> get_number(const toml::table& t, std::string_view key,
                                     const std::string& full_key, double lo, double hi) const {
        const toml::node* n = t.get(key);
        if (!n) return std::nullopt;
        double v = 0;
        if (n->is_integer())
            v = static_cast<double>(n->as_integer()->get());
        else if (n->is_floating_point())
            v = n->as_floating_point()->get();
        else
            fail(full_key, "expected a number");
        if (!std::isfinite(v) || v < lo || v > hi) {
            std::ostringstream os;
            os << "must be " << lo << " to " << hi << ", got " << v;
            fail(full_key, os.str());
        }
        return v;
    }

    std::optional<bool> get_bool(const toml::table& t, std::string_view key,
                                 const std::string& full_key) const {
        const toml::node* n = t.get(key);
        if (!n) return std::nullopt;
        if (!n->is_boolean()) fail(full_key, "expected true or false");
        return n->as_boolean()->get();
    }

    /// One of `choices` (each a name and its value).
    template <class E>
    std::optional<E> get_choice(
        const toml::table& t, std::string_view key, const std::string& full_key,
        std::initializer_list<std::pair<std::string_view, E>> choices) const {
        auto s = get_string(t, key, full_key);
        if (!s) return std::nullopt;
        std::string names;
        for (const auto& [name, value] : choices) {
            if (*s == name) return value;
            names += names.empty() ? "" : ", ";
            names += name;
        }
        fail(full_key, "unknown value \"" + *s + "\" (expected one of: " + names + ")");
    }

    Scenario read(const toml::table& root) const;

  private:
    void read_format(const toml::table& t, Scenario& s) const;
    void read_engine(const toml::table& t, Scenario& s) const;
    Action read_action(const toml::table& t, const std::string& prefix) const;

    std::string source_;
};

HNSTIME ms_to_hns(double ms) {
    return static_cast<HNSTIME>(std::llround(ms * kHnsPerMs));
}

Scenario ScenarioReader::read(const toml::table& root) const {
    check_keys(root, "",
               {"name", "description", "input", "format", "engine", "actions", "compare"});
    Scenario s;
    s.source = source_;
    auto name = get_string(root, "name", "name");
    if (!name) fail("name", "missing (required)");
    if (name->empty()) fail("name", "must not be empty");
    for (char c : *name)
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'))
            fail("name", "\"" + *name + "\" must use only a-z, 0-9 and '-'");
    s.name = *name;
    s.description = get_string(root, "description", "description").value_or("");
    auto input = get_string(root, "input", "input");
    if (!input) fail("input", "missing (required)");
    if (input->empty()) fail("input", "must not be empty");
    s.input = std::filesystem::path(*input);

    if (const toml::node* f = root.get("format")) {
        if (!f->is_table()) fail("format", "expected a table");
        read_format(*f->as_table(), s);
    }
    if (const toml::node* e = root.get("engine")) {
        if (!e->is_table()) fail("engine", "expected a table");
        read_engine(*e->as_table(), s);
    }
    if (const toml::node* c = root.get("compare")) {
        if (!c->is_table()) fail("compare", "expected a table");
        check_keys(*c->as_table(), "compare.", {"snr_db_min"});
        s.compare.snr_db_min =
            get_number(*c->as_table(), "snr_db_min", "compare.snr_db_min", 0.0, 1000.0);
    }
    if (const toml::node* a = root.get("actions")) {
        const toml::array* arr = a->as_array();
        if (!arr) fail("actions", "expected an array of tables ([[actions]])");
        for (std::size_t i = 0; i < arr->size(); ++i) {
            const std::string prefix = "actions[" + std::to_string(i) + "]";
            const toml::table* t = arr->get(i)->as_table();
            if (!t) fail(prefix, "expected a table");
            s.actions.push_back(read_action(*t, prefix + "."));
        }
        std::stable_sort(s.actions.begin(), s.actions.end(),
                         [](const Action& x, const Action& y) { return x.at < y.at; });
    }
    return s;
}

void ScenarioReader::read_format(const toml::table& t, Scenario& s) const {
    check_keys(t, "format.", {"sample_type", "bits"});
    FormatOverride f;
    f.sample_type = get_choice<abi::SampleType>(
                        t, "sample_type", "format.sample_type",
                        {{"int", abi::SampleType::kInt}, {"float", abi::SampleType::kFloat}})
                        .value_or(abi::SampleType::kInt);
    const bool is_float = f.sample_type == abi::SampleType::kFloat;
    auto bits = get_int(t, "bits", "format.bits", 1, 64);
    f.bits_per_sample = static_cast<std::uint16_t>(bits.value_or(is_float ? 32 : 16));
    if (is_float && f.bits_per_sample != 32) fail("format.bits", "float samples must be 32-bit");
    if (!is_float && f.bits_per_sample != 16 && f.bits_per_sample != 24 && f.bits_per_sample != 32)
        fail("format.bits", "integer samples must be 16, 24 or 32-bit");
    s.format = f;
}

void ScenarioReader::read_engine(const toml::table& t, Scenario& s) const {
    check_keys(t, "engine.",
               {"period_ms", "period_hns", "latency_coefficient", "driving", "padding_unit", "seed",
                "jitter_us", "prefill", "tail_ms", "strict"});
    EngineSettings& e = s.engine;
    auto period_ms = get_number(t, "period_ms", "engine.period_ms", 0, 10'000);
    auto period_hns = get_int(t, "period_hns", "engine.period_hns", 1, 10'000 * kHnsPerMs);
    if (period_ms && period_hns)
        fail("engine.period_hns", "give period_ms or period_hns, not both");
    if (period_ms) {
        e.period = ms_to_hns(*period_ms);
        if (e.period <= 0) fail("engine.period_ms", "must be positive");
    }
    if (period_hns) e.period = *period_hns;
    if (auto c = get_int(t, "latency_coefficient", "engine.latency_coefficient", 0,
                         std::numeric_limits<std::uint32_t>::max()))
        e.latency_coefficient = static_cast<std::uint32_t>(*c);
    if (auto d = get_choice<Driving>(t, "driving", "engine.driving",
                                     {{"timer", Driving::kTimer}, {"event", Driving::kEvent}}))
        e.driving = *d;
    if (auto u =
            get_choice<PaddingUnit>(t, "padding_unit", "engine.padding_unit",
                                    {{"frames", PaddingUnit::kFrames}, {"hns", PaddingUnit::kHns}}))
        e.padding_unit = *u;
    if (auto seed = get_int(t, "seed", "engine.seed", 0, std::numeric_limits<std::int64_t>::max()))
        e.seed = static_cast<std::uint64_t>(*seed);
    if (auto j = get_int(t, "jitter_us", "engine.jitter_us", 0, 10'000'000))
        e.jitter = *j * kHnsPerUs;
    if (auto p = get_bool(t, "prefill", "engine.prefill")) e.prefill = *p;
    if (auto tail = get_number(t, "tail_ms", "engine.tail_ms", 0, kMaxMs))
        e.tail = ms_to_hns(*tail);
    if (auto st = get_bool(t, "strict", "engine.strict")) e.strict = *st;
}

Action ScenarioReader::read_action(const toml::table& t, const std::string& prefix) const {
    check_keys(t, prefix, {"at_ms", "do", "target", "passes", "fraction"});
    Action a;
    auto at = get_number(t, "at_ms", prefix + "at_ms", 0, kMaxMs);
    if (!at) fail(prefix + "at_ms", "missing (required)");
    a.at = ms_to_hns(*at);
    auto kind = get_choice<ActionKind>(t, "do", prefix + "do",
                                       {{"stop", ActionKind::kStop},
                                        {"start", ActionKind::kStart},
                                        {"reset", ActionKind::kReset},
                                        {"pin-inactive", ActionKind::kPinInactive},
                                        {"pin-active", ActionKind::kPinActive},
                                        {"silent", ActionKind::kSilent},
                                        {"partial", ActionKind::kPartial},
                                        {"qpc-error", ActionKind::kQpcError}});
    if (!kind) fail(prefix + "do", "missing (required)");
    a.kind = *kind;
    const bool render_only = a.kind == ActionKind::kSilent || a.kind == ActionKind::kPartial;
    auto target = get_choice<ActionTarget>(t, "target", prefix + "target",
                                           {{"capture", ActionTarget::kCapture},
                                            {"render", ActionTarget::kRender},
                                            {"both", ActionTarget::kBoth}});
    a.target = target.value_or(render_only ? ActionTarget::kRender : ActionTarget::kBoth);
    if (render_only && a.target == ActionTarget::kCapture)
        fail(prefix + "target", std::string(action_kind_name(a.kind)) + " applies to render only");
    if (auto passes = get_int(t, "passes", prefix + "passes", 1, 1'000'000'000)) {
        if (!render_only) fail(prefix + "passes", "only for silent and partial");
        a.passes = static_cast<std::uint32_t>(*passes);
    }
    if (auto fraction = get_number(t, "fraction", prefix + "fraction", 0, 1)) {
        if (a.kind != ActionKind::kPartial) fail(prefix + "fraction", "only for partial");
        a.fraction = *fraction;
    }
    return a;
}

}  // namespace

Scenario parse_scenario(std::string_view toml_text, const std::string& name_for_errors) {
    ScenarioReader reader(name_for_errors);
    toml::table root;
    try {
        root = toml::parse(toml_text, std::string_view(name_for_errors));
    } catch (const toml::parse_error& e) {
        const auto& begin = e.source().begin;
        std::string desc(e.description());
        std::replace(desc.begin(), desc.end(), '\n', ' ');
        reader.fail(
            "line " + std::to_string(begin.line) + " column " + std::to_string(begin.column),
            "TOML syntax error: " + desc);
    }
    return reader.read(root);
}

Scenario load_scenario(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw InputError(path.string() + ": cannot open scenario file");
    std::ostringstream text;
    text << in.rdbuf();
    if (in.bad()) throw InputError(path.string() + ": cannot read scenario file");
    return parse_scenario(text.str(), path.string());
}

std::filesystem::path resolve_input(const Scenario& scenario,
                                    const std::filesystem::path& base_dir) {
    if (scenario.input.is_absolute()) return scenario.input;
    return base_dir / scenario.input;
}

const char* action_kind_name(ActionKind kind) noexcept {
    switch (kind) {
        case ActionKind::kStop:
            return "stop";
        case ActionKind::kStart:
            return "start";
        case ActionKind::kReset:
            return "reset";
        case ActionKind::kPinInactive:
            return "pin-inactive";
        case ActionKind::kPinActive:
            return "pin-active";
        case ActionKind::kSilent:
            return "silent";
        case ActionKind::kPartial:
            return "partial";
        case ActionKind::kQpcError:
            return "qpc-error";
    }
    return "unknown";
}

const char* action_target_name(ActionTarget target) noexcept {
    switch (target) {
        case ActionTarget::kCapture:
            return "capture";
        case ActionTarget::kRender:
            return "render";
        case ActionTarget::kBoth:
            return "both";
    }
    return "unknown";
}

const char* driving_name(Driving driving) noexcept {
    return driving == Driving::kEvent ? "event" : "timer";
}

const char* padding_unit_name(PaddingUnit unit) noexcept {
    return unit == PaddingUnit::kHns ? "hns" : "frames";
}

}  // namespace aetrace::engine
