// Real-time rule: no allocation in RT methods after SetBuffer. This binary replaces the global
// operator new/delete with counting versions.
#include <gtest/gtest.h>

#include <atomic>
#include <cstdlib>
#include <new>

#include "endpoint_test_util.h"

namespace {
std::atomic<std::uint64_t> g_allocations{0};

void* counted_alloc(std::size_t n) {
    g_allocations.fetch_add(1, std::memory_order_relaxed);
    if (void* p = std::malloc(n ? n : 1)) return p;
    throw std::bad_alloc();
}
void* counted_aligned_alloc(std::size_t n, std::align_val_t a) {
    g_allocations.fetch_add(1, std::memory_order_relaxed);
    const std::size_t align = static_cast<std::size_t>(a);
    if (void* p = std::aligned_alloc(align, (n + align - 1) / align * align)) return p;
    throw std::bad_alloc();
}
}  // namespace

void* operator new(std::size_t n) {
    return counted_alloc(n);
}
void* operator new[](std::size_t n) {
    return counted_alloc(n);
}
void* operator new(std::size_t n, std::align_val_t a) {
    return counted_aligned_alloc(n, a);
}
void* operator new[](std::size_t n, std::align_val_t a) {
    return counted_aligned_alloc(n, a);
}
void operator delete(void* p) noexcept {
    std::free(p);
}
void operator delete[](void* p) noexcept {
    std::free(p);
}
void operator delete(void* p, std::size_t) noexcept {
    std::free(p);
}
void operator delete[](void* p, std::size_t) noexcept {
    std::free(p);
}
void operator delete(void* p, std::align_val_t) noexcept {
    std::free(p);
}
void operator delete[](void* p, std::align_val_t) noexcept {
    std::free(p);
}
void operator delete(void* p, std::size_t, std::align_val_t) noexcept {
    std::free(p);
}
void operator delete[](void* p, std::size_t, std::align_val_t) noexcept {
    std::free(p);
}

namespace aetrace::endpoints::test {
namespace {

TEST(EndpointAllocationTest, CountingOperatorNewIsInstalled) {
    const std::uint64_t before = g_allocations.load();
    auto* p = new int(3);
    delete p;
    EXPECT_EQ(g_allocations.load(), before + 1);
}

TEST(EndpointAllocationTest, RtMethodsDoNotAllocateAfterSetBuffer) {
    clock::VirtualClock clk;
    const audio::PcmBuffer src = ramp(config_44k().format, 3000);
    Endpoint cap(make_wav_capture_endpoint(config_44k(), clk, src));
    Endpoint ren(make_wav_render_endpoint(config_44k(), clk));
    VirtualEvent ev;
    for (Endpoint* e : {&cap, &ren}) {
        ASSERT_EQ(e->device->SetBuffer(100000, 2), S_OK);
        ASSERT_EQ(e->info->SetEventHandle(&ev), S_OK);
        ASSERT_EQ(e->control->Start(), S_OK);
    }
    std::uint64_t rt_allocations = 0;
    for (int pass = 0; pass < 200; ++pass) {
        clk.advance(pass % 7 == 0 ? 250000 : 100000);  // includes overruns and underruns
        const std::uint64_t before = g_allocations.load();
        AE_CURRENT_POSITION pos;
        HNSTIME pad = 0;
        // Capture pass (with misuse now and then, which records violations).
        cap.rt->GetCurrentPadding(&pad, &pos);
        APO_CONNECTION_PROPERTY conn{0, pass % 11 == 0 ? 900u : 441u, BUFFER_INVALID,
                                     APO_CONNECTION_PROPERTY_SIGNATURE};
        cap.input->GetInputDataPointer(&conn, &pos);
        cap.input->ReleaseInputDataPointer(conn.u32ValidFrameCount, conn.pBuffer);
        cap.rt->ProcessingComplete();
        cap.input->PulseEndpoint();
        // Render pass.
        ren.rt->GetCurrentPadding(&pad, &pos);
        const UINT_PTR p = ren.output->GetOutputDataPointer(441, &pos);
        const APO_CONNECTION_PROPERTY out{p, pass % 5 == 0 ? 500u : 300u,
                                          pass % 3 == 0 ? BUFFER_SILENT : BUFFER_VALID,
                                          APO_CONNECTION_PROPERTY_SIGNATURE};
        ren.output->ReleaseOutputDataPointer(&out);
        ren.rt->ProcessingComplete();
        ren.output->PulseEndpoint();
        ren.rt->SetPinActive();
        ren.rt->SetPinInactive();
        rt_allocations += g_allocations.load() - before;
    }
    EXPECT_EQ(rt_allocations, 0u);
    EXPECT_GT(cap.inspect->GetViolationCount(), 0u);  // the misuse paths were exercised
    EXPECT_GT(ren.inspect->GetViolationCount(), 0u);
}

}  // namespace
}  // namespace aetrace::endpoints::test
