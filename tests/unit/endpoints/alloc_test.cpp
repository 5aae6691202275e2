// Real-time rule: no allocation in RT methods after SetBuffer. This binary links the counting
// global operator new of tests/support.
#include <gtest/gtest.h>

#include "aetrace/test/alloc_counter.h"
#include "endpoint_test_util.h"

namespace aetrace::endpoints::test {
namespace {

TEST(EndpointAllocationTest, CountingOperatorNewIsInstalled) {
    const std::uint64_t before = aetrace::test::allocation_count();
    int* volatile p = new int(3);  // volatile: the pair may not be elided
    delete p;
    EXPECT_EQ(aetrace::test::allocation_count(), before + 1);
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
        const std::uint64_t before = aetrace::test::allocation_count();
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
        rt_allocations += aetrace::test::allocation_count() - before;
    }
    EXPECT_EQ(rt_allocations, 0u);
    EXPECT_GT(cap.inspect->GetViolationCount(), 0u);  // the misuse paths were exercised
    EXPECT_GT(ren.inspect->GetViolationCount(), 0u);
}

}  // namespace
}  // namespace aetrace::endpoints::test
