#include "align.h"

#include <algorithm>

namespace aetrace::replay::detail {

namespace {

using Kind = AlignStep::Kind;

/// Myers over a[a0, a0+n) and b[b0, b0+m). Appends the script to `out` and returns true, or
/// returns false (appending nothing) when more than `max_edits` edits are needed.
bool myers(const std::vector<std::uint64_t>& a, std::size_t a0, std::size_t n,
           const std::vector<std::uint64_t>& b, std::size_t b0, std::size_t m,
           std::size_t max_edits, std::vector<AlignStep>& out) {
    const std::int64_t N = static_cast<std::int64_t>(n);
    const std::int64_t M = static_cast<std::int64_t>(m);
    const std::int64_t max_d = std::min<std::int64_t>(N + M, static_cast<std::int64_t>(max_edits));
    // v[k + offset] = furthest x on diagonal k; snapshots[d] = v over k in [-d, d] after step d.
    const std::int64_t offset = max_d + 1;
    std::vector<std::int64_t> v(static_cast<std::size_t>(2 * offset + 1), 0);
    std::vector<std::vector<std::int64_t>> snapshots;
    auto at = [&](std::int64_t k) -> std::int64_t& {
        return v[static_cast<std::size_t>(k + offset)];
    };
    std::int64_t final_d = -1;
    for (std::int64_t d = 0; d <= max_d && final_d < 0; ++d) {
        for (std::int64_t k = -d; k <= d; k += 2) {
            std::int64_t x =
                (k == -d || (k != d && at(k - 1) < at(k + 1))) ? at(k + 1) : at(k - 1) + 1;
            std::int64_t y = x - k;
            while (x < N && y < M &&
                   a[a0 + static_cast<std::size_t>(x)] == b[b0 + static_cast<std::size_t>(y)]) {
                ++x;
                ++y;
            }
            at(k) = x;
            if (x >= N && y >= M) {
                final_d = d;
                break;
            }
        }
        snapshots.emplace_back(v.begin() + (offset - d), v.begin() + (offset + d + 1));
    }
    if (final_d < 0) return false;

    // Backtrack from (N, M), collecting steps in reverse.
    std::vector<AlignStep> rev;
    std::int64_t x = N, y = M;
    for (std::int64_t d = final_d; d > 0; --d) {
        const std::vector<std::int64_t>& prev = snapshots[static_cast<std::size_t>(d - 1)];
        auto pv = [&](std::int64_t k) { return prev[static_cast<std::size_t>(k + d - 1)]; };
        const std::int64_t k = x - y;
        const bool down = k == -d || (k != d && pv(k - 1) < pv(k + 1));  // an insertion
        const std::int64_t prev_k = down ? k + 1 : k - 1;
        const std::int64_t prev_x = pv(prev_k);
        const std::int64_t prev_y = prev_x - prev_k;
        const std::int64_t mid_x = down ? prev_x : prev_x + 1;
        while (x > mid_x) {
            --x;
            --y;
            rev.push_back(
                {Kind::kMatch, a0 + static_cast<std::size_t>(x), b0 + static_cast<std::size_t>(y)});
        }
        if (down)
            rev.push_back({Kind::kInsert, 0, b0 + static_cast<std::size_t>(prev_y)});
        else
            rev.push_back({Kind::kDelete, a0 + static_cast<std::size_t>(prev_x), 0});
        x = prev_x;
        y = prev_y;
    }
    while (x > 0) {
        --x;
        --y;
        rev.push_back(
            {Kind::kMatch, a0 + static_cast<std::size_t>(x), b0 + static_cast<std::size_t>(y)});
    }
    out.insert(out.end(), rev.rbegin(), rev.rend());
    return true;
}

}  // namespace

std::vector<AlignStep> align(const std::vector<std::uint64_t>& a,
                             const std::vector<std::uint64_t>& b, std::size_t max_edits,
                             bool& gave_up) {
    gave_up = false;
    std::vector<AlignStep> out;
    out.reserve(std::max(a.size(), b.size()) + 16);
    std::size_t prefix = 0;
    while (prefix < a.size() && prefix < b.size() && a[prefix] == b[prefix]) ++prefix;
    std::size_t suffix = 0;
    while (suffix < a.size() - prefix && suffix < b.size() - prefix &&
           a[a.size() - 1 - suffix] == b[b.size() - 1 - suffix])
        ++suffix;
    for (std::size_t i = 0; i < prefix; ++i) out.push_back({Kind::kMatch, i, i});
    const std::size_t n = a.size() - prefix - suffix;
    const std::size_t m = b.size() - prefix - suffix;
    if (!myers(a, prefix, n, b, prefix, m, max_edits, out)) {
        gave_up = true;
        const std::size_t both = std::min(n, m);
        for (std::size_t i = 0; i < both; ++i) {
            const std::size_t ia = prefix + i, ib = prefix + i;
            if (a[ia] == b[ib]) {
                out.push_back({Kind::kMatch, ia, ib});
            } else {
                out.push_back({Kind::kDelete, ia, 0});
                out.push_back({Kind::kInsert, 0, ib});
            }
        }
        for (std::size_t i = both; i < n; ++i) out.push_back({Kind::kDelete, prefix + i, 0});
        for (std::size_t i = both; i < m; ++i) out.push_back({Kind::kInsert, 0, prefix + i});
    }
    for (std::size_t i = 0; i < suffix; ++i)
        out.push_back({Kind::kMatch, a.size() - suffix + i, b.size() - suffix + i});
    return out;
}

}  // namespace aetrace::replay::detail
