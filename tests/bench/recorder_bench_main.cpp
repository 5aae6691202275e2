// recorder_bench: the issue-3 benchmarks of the recorder (docs/PERFORMANCE.md).
//
// Usage: recorder_bench [--samples=N] [Google Benchmark flags, e.g. --benchmark_filter=Passes]
//   --samples=N  calls timed by each distribution benchmark (default 1000000)
// Prints the machine, the benchmark table, then one PASS/MISS line per issue-3 target and the
// notes of the pass-rate search. Exit status 0 even when a target is missed (it is a measurement).
#include <benchmark/benchmark.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <string>
#include <thread>

#include "bench_registry.h"
#include "bench_rig.h"
#include "cycle_timer.h"

namespace {

std::string cpu_model() {
    std::ifstream in("/proc/cpuinfo");
    std::string line;
    while (std::getline(in, line)) {
        if (line.rfind("model name", 0) == 0) {
            const auto colon = line.find(':');
            if (colon != std::string::npos) return line.substr(colon + 2);
        }
    }
    return "unknown";
}

void print_targets() {
    using aetrace::bench::targets;
    std::printf("\n== issue 3 targets ==\n");
    int missed = 0;
    for (const auto& t : targets()) {
        const bool pass = t.at_most ? t.measured <= t.limit : t.measured >= t.limit;
        missed += pass ? 0 : 1;
        std::printf("%s  %s: %.1f %s (target %s %.1f %s)\n", pass ? "PASS" : "MISS", t.name.c_str(),
                    t.measured, t.unit.c_str(), t.at_most ? "<=" : ">=", t.limit, t.unit.c_str());
    }
    for (const auto& n : aetrace::bench::notes()) std::printf("NOTE  %s\n", n.c_str());
    std::printf("== %d target(s) missed of %zu ==\n", missed, targets().size());
}

}  // namespace

int main(int argc, char** argv) {
    benchmark::Initialize(&argc, argv);
    for (int i = 1; i < argc; ++i) {
        if (std::strncmp(argv[i], "--samples=", 10) == 0) {
            aetrace::bench::set_distribution_samples(std::strtoull(argv[i] + 10, nullptr, 10));
        } else {
            std::fprintf(stderr, "recorder_bench: unknown argument '%s'\n", argv[i]);
            return 2;
        }
    }
    std::printf("machine: %u logical CPUs (std::thread::hardware_concurrency), CPU model: %s\n",
                std::thread::hardware_concurrency(), cpu_model().c_str());
    std::printf("single-call timer: %s, %.4f ns per tick\n", aetrace::bench::CycleTimer::source(),
                aetrace::bench::CycleTimer::ns_per_tick());
    std::fflush(stdout);

    aetrace::bench::register_percall_benchmarks();
    aetrace::bench::register_distribution_benchmarks();
    aetrace::bench::register_pass_benchmarks();
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    print_targets();
    aetrace::bench::remove_scratch_dir();
    return 0;
}
