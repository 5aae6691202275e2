// Test rig for the engine model tests: two fakes, a default scenario and a recording listener.
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "aetrace/engine/engine_model.h"
#include "fake_endpoints.h"

namespace aetrace::engine::test {

inline constexpr HNSTIME kMs = 10'000;

/// Records what the engine tells its listener.
struct RecordingListener : EngineListener {
    std::vector<HNSTIME> pass_times;
    std::vector<std::pair<HNSTIME, int>> wakes;
    struct Violation {
        ContractRule rule;
        MethodId method;
        std::uint64_t value, limit;
    };
    std::vector<Violation> violations;
    std::uint64_t ends = 0;

    void on_pass_begin(std::uint64_t pass, HNSTIME t) override {
        EXPECT_EQ(pass, pass_times.size());
        pass_times.push_back(t);
    }
    void on_pass_end(std::uint64_t, HNSTIME) override { ++ends; }
    void on_engine_violation(ContractRule r, MethodId m, std::uint64_t v,
                             std::uint64_t l) override {
        violations.push_back({r, m, v, l});
    }
    void on_wake(HNSTIME t, int endpoint) override { wakes.emplace_back(t, endpoint); }
};

/// Two fakes (48 kHz stereo s16, 480 frames a packet, 20 ms latency) and a default scenario
/// (10 ms timer, no prefill, no tail) ready to run.
struct Rig {
    CallLog log;
    aetrace::clock::VirtualClock clock;
    FakeConfig capture_config, render_config;
    Scenario scenario;
    RecordingListener listener;
    FakeCapture* capture = nullptr;
    FakeRender* render = nullptr;
    ComPtr<IUnknown> capture_ref, render_ref;

    Rig() {
        scenario.name = "test";
        scenario.input = "in.wav";
        scenario.engine.prefill = false;
        scenario.engine.tail = 0;
    }
    void make() {
        capture = new FakeCapture(log, clock, capture_config);
        render = new FakeRender(log, clock, render_config);
        capture_ref = ComPtr<IUnknown>::attach(static_cast<IAudioEndpoint*>(capture));
        render_ref = ComPtr<IUnknown>::attach(static_cast<IAudioEndpoint*>(render));
    }
    RunResult run(HNSTIME duration) {
        if (!capture) make();
        EngineModel engine(scenario, clock, capture_ref, render_ref, &listener);
        return engine.run(duration);
    }
    void add_action(HNSTIME at, ActionKind kind, ActionTarget target = ActionTarget::kBoth,
                    std::uint32_t passes = 1, double fraction = 0.5) {
        scenario.actions.push_back({at, kind, target, passes, fraction});
    }
    /// The sample values of every VALID render release, in order (channel 0).
    std::vector<std::int16_t> rendered_samples() const {
        std::vector<std::int16_t> out;
        for (const Released& r : render->releases) {
            if (r.flags != BUFFER_VALID) continue;
            const auto* s = reinterpret_cast<const std::int16_t*>(r.bytes.data());
            for (UINT32 f = 0; f < r.frames; ++f) out.push_back(s[f * 2]);
        }
        return out;
    }
    /// Index in the log of the first call named `what` at time `t`, or -1.
    std::ptrdiff_t find(const std::string& what, HNSTIME t) const {
        for (std::size_t i = 0; i < log.calls.size(); ++i)
            if (log.calls[i].what == what && log.calls[i].t == t)
                return static_cast<std::ptrdiff_t>(i);
        return -1;
    }
    std::size_t count(const std::string& what) const {
        return static_cast<std::size_t>(std::count_if(
            log.calls.begin(), log.calls.end(), [&](const Call& c) { return c.what == what; }));
    }
};

inline std::vector<std::string> init_calls(const std::string& role) {
    return {role + ":GetFrameFormat", role + ":GetFramesPerPacket", role + ":GetEventDrivenCapable",
            role + ":SetBuffer", role + ":GetLatency"};
}

inline std::vector<std::string> concat(std::vector<std::vector<std::string>> parts) {
    std::vector<std::string> out;
    for (auto& p : parts) out.insert(out.end(), p.begin(), p.end());
    return out;
}

}  // namespace aetrace::engine::test
