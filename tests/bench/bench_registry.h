// The benchmark groups of recorder_bench, registered by main in this order (the per-call "recorded"
// benchmarks need the "direct" ones to run first, in the same process).
#pragma once

#include <cstddef>

namespace aetrace::bench {

/// Direct vs recorded cost of one call (percall_bench.cpp).
void register_percall_benchmarks();
/// Median / p99 / p99.9 of the added cost over many single timed calls (distribution_bench.cpp).
void register_distribution_benchmarks();
/// Drops at paced pass rates and writer throughput (pass_bench.cpp).
void register_pass_benchmarks();

/// Number of single calls timed by each distribution (default 1'000'000; --samples=N).
void set_distribution_samples(std::size_t samples);

}  // namespace aetrace::bench
