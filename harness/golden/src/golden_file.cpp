#include "aetrace/golden/golden_file.h"

#include <toml++/toml.h>

#include <charconv>
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <limits>
#include <optional>
#include <sstream>
#include <string_view>
#include <system_error>

#include "aetrace/abi/error.h"
#include "aetrace/io/atomic_file.h"

namespace aetrace::golden {
namespace {

[[noreturn]] void fail(const std::filesystem::path& path, const std::string& problem) {
    throw InputError(path.string() + ": " + problem);
}

/// A TOML basic string literal for `s`.
std::string toml_string(std::string_view s) {
    std::string out = "\"";
    for (char c : s) {
        switch (c) {
            case '"':
                out += "\\\"";
                break;
            case '\\':
                out += "\\\\";
                break;
            case '\n':
                out += "\\n";
                break;
            case '\t':
                out += "\\t";
                break;
            case '\r':
                out += "\\r";
                break;
            default:
                if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) {
                    char buf[8];
                    std::snprintf(buf, sizeof buf, "\\u%04x", static_cast<unsigned>(c));
                    out += buf;
                } else {
                    out += c;
                }
        }
    }
    return out + "\"";
}

/// The shortest text that reads back to exactly `v`, always a TOML float (never an integer).
std::string float_text(double v) {
    char buf[64];
    const auto r = std::to_chars(buf, buf + sizeof buf, v);
    std::string s(buf, r.ptr);
    if (s.find_first_of(".eEni") == std::string::npos) s += ".0";
    return s;
}

/// Reads the TOML node `key` of `table`, failing with a named problem when absent.
const toml::node& require(const std::filesystem::path& path, const toml::table& table,
                          std::string_view key, std::string_view where = {}) {
    const toml::node* node = table.get(key);
    if (!node) fail(path, "missing key '" + std::string(where) + std::string(key) + "'");
    return *node;
}

std::string get_string(const std::filesystem::path& path, const toml::table& table,
                       std::string_view key, std::string_view where = {}) {
    const toml::node& node = require(path, table, key, where);
    if (const auto* s = node.as_string()) return s->get();
    fail(path, "key '" + std::string(where) + std::string(key) + "' must be a string");
}

std::int64_t get_integer(const std::filesystem::path& path, const toml::table& table,
                         std::string_view key, std::int64_t min, std::int64_t max,
                         std::string_view where = {}) {
    const toml::node& node = require(path, table, key, where);
    const auto* i = node.as_integer();
    if (!i) fail(path, "key '" + std::string(where) + std::string(key) + "' must be an integer");
    const std::int64_t v = i->get();
    if (v < min || v > max)
        fail(path, "key '" + std::string(where) + std::string(key) + "' is out of range (" +
                       std::to_string(v) + ")");
    return v;
}

double get_float(const std::filesystem::path& path, const toml::table& table,
                 std::string_view key) {
    const toml::node& node = require(path, table, key);
    if (const auto* f = node.as_floating_point()) return f->get();
    if (const auto* i = node.as_integer()) return static_cast<double>(i->get());
    fail(path, "key '" + std::string(key) + "' must be a number");
}

audio::Hash128 parse_hash(const std::filesystem::path& path, std::string_view key,
                          const std::string& text) {
    const std::optional<audio::Hash128> h = audio::Hash128::parse(text);
    if (!h) fail(path, "key '" + std::string(key) + "' is not 32 hex digits (\"" + text + "\")");
    return *h;
}

}  // namespace

Golden read_golden(const std::filesystem::path& path) {
    std::error_code ec;
    if (!std::filesystem::exists(path, ec)) fail(path, "no such file");
    std::ifstream in(path, std::ios::binary);
    if (!in) fail(path, "cannot open for reading");
    std::ostringstream text;
    text << in.rdbuf();
    if (in.bad()) fail(path, "read error");

    toml::table root;
    try {
        root = toml::parse(text.str(), path.string());
    } catch (const toml::parse_error& e) {
        std::string what(e.description());
        for (char& c : what)
            if (c == '\n' || c == '\r') c = ' ';
        fail(path, "line " + std::to_string(e.source().begin.line) + ", column " +
                       std::to_string(e.source().begin.column) + ": not valid TOML (" + what + ")");
    }

    Golden g;
    g.scenario = get_string(path, root, "scenario");
    const toml::node& format_node = require(path, root, "format");
    const toml::table* format = format_node.as_table();
    if (!format) fail(path, "key 'format' must be a table");
    const std::string type = get_string(path, *format, "sample_type", "format.");
    if (type == "int")
        g.format.sample_type = abi::SampleType::kInt;
    else if (type == "float")
        g.format.sample_type = abi::SampleType::kFloat;
    else
        fail(path, "key 'format.sample_type' must be \"int\" or \"float\" (got \"" + type + "\")");
    g.format.bits_per_sample =
        static_cast<std::uint16_t>(get_integer(path, *format, "bits", 1, 64, "format."));
    g.format.channels =
        static_cast<std::uint16_t>(get_integer(path, *format, "channels", 1, 65535, "format."));
    g.format.sample_rate = static_cast<std::uint32_t>(get_integer(
        path, *format, "rate", 1, std::numeric_limits<std::uint32_t>::max(), "format."));
    std::string why;
    if (!abi::is_supported(g.format, &why)) fail(path, "unsupported format (" + why + ")");

    const std::int64_t max = std::numeric_limits<std::int64_t>::max();
    g.frames = static_cast<std::uint64_t>(get_integer(path, root, "frames", 0, max));
    g.audio_xxh3_128 = parse_hash(path, "audio_xxh3_128", get_string(path, root, "audio_xxh3_128"));
    g.calls_xxh3_128 = parse_hash(path, "calls_xxh3_128", get_string(path, root, "calls_xxh3_128"));
    g.calls = static_cast<std::uint64_t>(get_integer(path, root, "calls", 0, max));
    g.peak = get_float(path, root, "peak");
    g.rms = get_float(path, root, "rms");

    const toml::array* seconds = require(path, root, "seconds").as_array();
    if (!seconds) fail(path, "key 'seconds' must be an array of strings");
    for (std::size_t i = 0; i < seconds->size(); ++i) {
        const auto* s = (*seconds)[i].as_string();
        if (!s) fail(path, "key 'seconds' must be an array of strings");
        g.seconds.push_back(parse_hash(path, "seconds[" + std::to_string(i) + "]", s->get()));
    }
    const std::uint64_t rate = g.format.sample_rate;
    const std::uint64_t expected_seconds = g.frames / rate + (g.frames % rate ? 1 : 0);
    if (g.seconds.size() != expected_seconds)
        fail(path, "'seconds' has " + std::to_string(g.seconds.size()) + " entries, expected " +
                       std::to_string(expected_seconds) + " for " + std::to_string(g.frames) +
                       " frames at " + std::to_string(rate) + " Hz");
    return g;
}

std::string golden_text(const Golden& g) {
    std::string t;
    t += "# Golden file for scenario " + toml_string(g.scenario) + ".\n";
    t += "# Written by `aetrace golden update`; do not edit by hand. Hashes are XXH3-128 of\n";
    t += "# canonical content (PCM as 32-bit little-endian left-justified words; call results\n";
    t += "# without host or wall-time fields). One `seconds` hash per second of audio.\n";
    t += "scenario = " + toml_string(g.scenario) + "\n";
    t += "frames = " + std::to_string(g.frames) + "\n";
    t += "audio_xxh3_128 = \"" + g.audio_xxh3_128.hex() + "\"\n";
    t += "calls_xxh3_128 = \"" + g.calls_xxh3_128.hex() + "\"\n";
    t += "calls = " + std::to_string(g.calls) + "\n";
    t += "peak = " + float_text(g.peak) + "\n";
    t += "rms = " + float_text(g.rms) + "\n";
    t += "seconds = [\n";
    for (const audio::Hash128& h : g.seconds) t += "  \"" + h.hex() + "\",\n";
    t += "]\n\n";
    t += "[format]\n";
    t += "text = " + toml_string(abi::describe(g.format)) + "\n";
    t += std::string("sample_type = \"") +
         (g.format.sample_type == abi::SampleType::kFloat ? "float" : "int") + "\"\n";
    t += "bits = " + std::to_string(g.format.bits_per_sample) + "\n";
    t += "channels = " + std::to_string(g.format.channels) + "\n";
    t += "rate = " + std::to_string(g.format.sample_rate) + "\n";
    return t;
}

void write_golden(const std::filesystem::path& path, const Golden& golden) {
    const std::string text = golden_text(golden);
    io::AtomicFile out;
    if (!out.open(path)) fail(path, "cannot open for writing");
    if (!out.write(text.data(), text.size())) fail(path, "write error");
    if (!out.commit()) {  // fsync, close, rename; the temp file is removed on failure
        if (out.failed_step() == io::Step::kRename)
            fail(path, "cannot rename the temporary file into place (" + out.error() + ")");
        fail(path, "write error");
    }
}

}  // namespace aetrace::golden
