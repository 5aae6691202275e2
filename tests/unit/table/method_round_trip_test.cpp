// Every row of the method table goes the whole way: called through a recording proxy around the
// reference endpoint, written by the recorder, read back, dumped to JSON Lines, imported, and
// replayed against a fresh reference endpoint with no divergence. A row added to the table without
// a recorder handler, a replay handler, a codec or a JSONL field fails here (the coverage check
// compares the methods recorded with abi::for_each_method).
#include <gtest/gtest.h>

#include <cstring>
#include <functional>
#include <set>
#include <sstream>
#include <utility>
#include <vector>

#include "aetrace/abi/endpoint_interfaces.h"
#include "aetrace/abi/event.h"
#include "aetrace/abi/method_dispatch.h"
#include "aetrace/clock/clock.h"
#include "aetrace/endpoints/factory.h"
#include "aetrace/format/jsonl.h"
#include "aetrace/format/trace.h"
#include "aetrace/record/recorder.h"
#include "aetrace/replay/replayer.h"
#include "aetrace/test/temp_dir.h"

namespace aetrace {
namespace {

using abi::MethodId;
using abi::MethodTraits;

constexpr abi::HNSTIME kPeriod = 100000;  // 10 ms

endpoints::EndpointConfig config() {
    endpoints::EndpointConfig c;
    c.format = abi::StreamFormat{abi::SampleType::kInt, 16, 2, 48000};
    return c;
}

audio::PcmBuffer source() {
    audio::PcmBuffer pcm;
    pcm.format = config().format;
    pcm.bytes.resize(48000 * 4);
    for (std::size_t i = 0; i < pcm.bytes.size(); ++i)
        pcm.bytes[i] = static_cast<std::uint8_t>(i * 7 + 3);
    return pcm;
}

/// The state a scripted engine keeps between calls.
struct Engine {
    abi::EndpointInterfaces ifs;
    abi::VirtualEvent event;
    abi::UINT_PTR input = 0;
    abi::UINT_PTR output = 0;
    std::uint32_t frames = 0;
};

/// One call of the script: which method, and how the engine makes it.
struct Step {
    MethodId id;
    std::function<void(Engine&)> call;
};

template <MethodId Id, class... Args>
Step step(Args... args) {
    return {Id, [=](Engine& e) {
                auto* obj = e.ifs.get<typename MethodTraits<Id>::Interface>();
                ASSERT_NE(obj, nullptr) << abi::method_info(Id)->qualified_name;
                MethodTraits<Id>::invoke(*obj, args...);
            }};
}

/// Deliberately spelled out: a realistic engine's session calling every method of one direction.
std::vector<Step> script(endpoints::Role role) {
    std::vector<Step> s;
    s.push_back({MethodId::IAudioDeviceEndpoint_GetEventDrivenCapable, [](Engine& e) {
                     abi::BOOL b = abi::kFalse;
                     e.ifs.device->GetEventDrivenCapable(&b);
                 }});
    s.push_back({MethodId::IAudioDeviceEndpoint_GetRTCaps, [](Engine& e) {
                     abi::BOOL b = abi::kTrue;
                     e.ifs.device->GetRTCaps(&b);
                 }});
    s.push_back(
        {MethodId::IAudioDeviceEndpoint_WriteExclusiveModeParametersToSharedMemory, [](Engine& e) {
             abi::UINT32 size = 0;
             abi::UINT_PTR handle = 0;
             e.ifs.device->WriteExclusiveModeParametersToSharedMemory(0, kPeriod, 2 * kPeriod, 2,
                                                                      &size, &handle);
         }});
    s.push_back(step<MethodId::IAudioDeviceEndpoint_SetBuffer>(kPeriod, abi::UINT32{2}));
    s.push_back({MethodId::IAudioEndpoint_GetFrameFormat, [](Engine& e) {
                     abi::WAVEFORMATEX* f = nullptr;
                     e.ifs.endpoint->GetFrameFormat(&f);
                     abi::co_task_mem_free(f);
                 }});
    s.push_back({MethodId::IAudioEndpoint_GetFramesPerPacket,
                 [](Engine& e) { e.ifs.endpoint->GetFramesPerPacket(&e.frames); }});
    s.push_back({MethodId::IAudioEndpoint_GetLatency, [](Engine& e) {
                     abi::HNSTIME latency = 0;
                     e.ifs.endpoint->GetLatency(&latency);
                 }});
    s.push_back(step<MethodId::IAudioEndpoint_SetStreamFlags>(abi::DWORD{0}));
    s.push_back({MethodId::IAudioEndpoint_SetEventHandle, [](Engine& e) {
                     e.ifs.endpoint->SetEventHandle(static_cast<abi::HANDLE>(&e.event));
                 }});
    s.push_back(step<MethodId::IAudioEndpointControl_Start>());
    s.push_back({MethodId::IAudioEndpointRT_GetCurrentPadding, [](Engine& e) {
                     abi::HNSTIME padding = 0;
                     abi::AE_CURRENT_POSITION position{};
                     e.ifs.rt->GetCurrentPadding(&padding, &position);
                 }});
    if (role == endpoints::Role::kCapture) {
        s.push_back({MethodId::IAudioInputEndpointRT_GetInputDataPointer, [](Engine& e) {
                         abi::APO_CONNECTION_PROPERTY c{0, 0, abi::BUFFER_INVALID,
                                                        abi::APO_CONNECTION_PROPERTY_SIGNATURE};
                         abi::AE_CURRENT_POSITION stamp{};
                         e.ifs.input->GetInputDataPointer(&c, &stamp);
                         e.input = c.pBuffer;
                     }});
        s.push_back({MethodId::IAudioInputEndpointRT_ReleaseInputDataPointer,
                     [](Engine& e) { e.ifs.input->ReleaseInputDataPointer(0, e.input); }});
        s.push_back(step<MethodId::IAudioInputEndpointRT_PulseEndpoint>());
    } else {
        s.push_back({MethodId::IAudioOutputEndpointRT_GetOutputDataPointer, [](Engine& e) {
                         abi::AE_CURRENT_POSITION stamp{};
                         stamp.u64DevicePosition = 7;
                         e.output = e.ifs.output->GetOutputDataPointer(e.frames, &stamp);
                     }});
        s.push_back({MethodId::IAudioOutputEndpointRT_ReleaseOutputDataPointer, [](Engine& e) {
                         if (e.output != 0)
                             std::memset(reinterpret_cast<void*>(e.output), 0x21,
                                         e.frames * config().format.bytes_per_frame());
                         const abi::APO_CONNECTION_PROPERTY c{
                             e.output, e.frames, abi::BUFFER_VALID,
                             abi::APO_CONNECTION_PROPERTY_SIGNATURE};
                         e.ifs.output->ReleaseOutputDataPointer(&c);
                     }});
        s.push_back(step<MethodId::IAudioOutputEndpointRT_PulseEndpoint>());
    }
    s.push_back(step<MethodId::IAudioEndpointRT_ProcessingComplete>());
    s.push_back(step<MethodId::IAudioEndpointRT_SetPinInactive>());
    s.push_back(step<MethodId::IAudioEndpointRT_SetPinActive>());
    s.push_back(step<MethodId::IAudioEndpointControl_Stop>());
    s.push_back(step<MethodId::IAudioEndpointControl_Reset>());
    return s;
}

/// Records `role`'s script against the reference endpoint into `path`; returns the methods called.
std::set<MethodId> record_script(const std::filesystem::path& path, endpoints::Role role,
                                 const audio::PcmBuffer& pcm) {
    clock::VirtualClock clock;
    record::RecorderOptions options;
    options.max_threads = 1;
    format::TraceHeader header;
    header.writer_version = "table round trip";
    header.clock = "virtual";
    record::Recorder recorder(path, header, clock, nullptr, options);
    const bool capture = role == endpoints::Role::kCapture;
    format::EndpointInfo info;
    info.role = capture ? format::EndpointRole::kCapture : format::EndpointRole::kRender;
    info.implementation = "reference";
    info.format = config().format;
    auto inner = endpoints::create_builtin_endpoint("reference", role, config(), clock,
                                                    capture ? &pcm : nullptr);
    auto proxy = recorder.wrap(inner, 0, info);
    Engine engine;
    engine.ifs = abi::EndpointInterfaces::query(proxy.get());
    std::set<MethodId> called;
    abi::HNSTIME now = 0;
    for (const Step& s : script(role)) {
        clock.set(now += kPeriod / 4);
        s.call(engine);
        called.insert(s.id);
    }
    engine.ifs = abi::EndpointInterfaces{};
    proxy.reset();
    recorder.finish();
    return called;
}

replay::ImplementationFactory reference(const audio::PcmBuffer& pcm) {
    return [&pcm](const format::EndpointInfo& info, const clock::Clock& clock) {
        const bool capture = info.role == format::EndpointRole::kCapture;
        return endpoints::create_builtin_endpoint(
            "reference", capture ? endpoints::Role::kCapture : endpoints::Role::kRender, config(),
            clock, capture ? &pcm : nullptr);
    };
}

}  // namespace

TEST(MethodRoundTripTest, EveryTableRowIsRecordedWrittenReadDumpedImportedAndReplayed) {
    test::TempDir dir;
    const audio::PcmBuffer pcm = source();
    std::set<MethodId> covered;
    for (endpoints::Role role : {endpoints::Role::kCapture, endpoints::Role::kRender}) {
        SCOPED_TRACE(role == endpoints::Role::kCapture ? "capture" : "render");
        const auto path = dir / "trace.aetrace";
        const std::set<MethodId> called = record_script(path, role, pcm);
        const format::Trace trace = format::read_trace(path, /*strict=*/true);
        ASSERT_TRUE(trace.end.has_value());
        std::set<MethodId> recorded;
        for (const format::CallRecord& c : trace.calls) recorded.insert(c.method);
        EXPECT_EQ(recorded, called);  // every call the engine made is in the trace
        covered.insert(recorded.begin(), recorded.end());

        std::stringstream jsonl;
        format::dump_jsonl(trace, jsonl);
        const std::string text = jsonl.str();
        for (MethodId id : recorded) {
            const abi::MethodInfo* m = abi::method_info(id);
            EXPECT_NE(text.find(std::string(m->qualified_name)), std::string::npos)
                << m->qualified_name;
            std::vector<const char*> names(std::begin(m->arg_names), std::end(m->arg_names));
            names.insert(names.end(), std::begin(m->out_names), std::end(m->out_names));
            for (const char* name : names) {
                if (!name) continue;
                EXPECT_NE(text.find(std::string("\"") + name + "\""), std::string::npos)
                    << m->qualified_name << " " << name;
            }
        }
        std::istringstream in(text);
        const format::Trace imported = format::import_jsonl(in, "round trip");
        ASSERT_EQ(imported.calls.size(), trace.calls.size());
        for (std::size_t i = 0; i < trace.calls.size(); ++i)
            EXPECT_TRUE(format::same_call(imported.calls[i], trace.calls[i])) << "call " << i;
        EXPECT_EQ(imported.payloads, trace.payloads);

        const replay::ReplayReport report = replay::replay(imported, reference(pcm));
        std::ostringstream printed;
        replay::print_report(report, printed);
        EXPECT_TRUE(report.ok()) << printed.str();
        EXPECT_EQ(report.calls_replayed, trace.calls.size()) << printed.str();
    }
    std::set<MethodId> table;
    abi::for_each_method([&]<MethodId Id>() { table.insert(Id); });
    EXPECT_EQ(covered, table) << "a method of the table is not exercised by this test's scripts";
}

}  // namespace aetrace
