#include "aetrace/audio/canonical.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <stdexcept>

#include "aetrace/audio/wav_file.h"
#include "aetrace/test/temp_dir.h"
#include "test_signals.h"

using aetrace::abi::SampleType;
using namespace aetrace::audio;
using aetrace::audio::testing::make_format;
using aetrace::audio::testing::make_signal;

TEST(Hash128Test, HexAndParseRoundTrip) {
    const Hash128 h{0x0123456789abcdefULL, 0xfedcba9876543210ULL};
    EXPECT_EQ(h.hex(), "0123456789abcdeffedcba9876543210");
    EXPECT_EQ(Hash128::parse(h.hex()), h);
    EXPECT_EQ(Hash128::parse("0123456789ABCDEFFEDCBA9876543210"), h);
    EXPECT_FALSE(Hash128::parse("0123").has_value());
    EXPECT_FALSE(Hash128::parse("0123456789abcdeffedcba987654321g").has_value());
    EXPECT_FALSE(Hash128::parse("0123456789abcdeffedcba98765432100").has_value());
}

TEST(CanonicalHasherTest, CanonicalWordsAreLeftJustifiedLittleEndian) {
    // One s16 frame of value 0x1234, one s24 of 0x123456: canonical words 0x12340000, 0x12345600.
    PcmBuffer a;
    a.format = make_format(SampleType::kInt, 16, 1, 8000);
    a.bytes = {0x34, 0x12};
    PcmBuffer b;
    b.format = make_format(SampleType::kInt, 24, 1, 8000);
    b.bytes = {0x56, 0x34, 0x12};
    const std::uint8_t word_a[] = {0x00, 0x00, 0x34, 0x12};
    const std::uint8_t word_b[] = {0x00, 0x56, 0x34, 0x12};
    EXPECT_EQ(digest(a).pcm, xxh3_128(word_a, 4));
    EXPECT_EQ(digest(b).pcm, xxh3_128(word_b, 4));
}

TEST(CanonicalHasherTest, WavFileAndMemoryBufferHashTheSame) {
    aetrace::test::TempDir dir;
    for (auto [type, bits] : {std::pair{SampleType::kInt, std::uint16_t{24}},
                              std::pair{SampleType::kFloat, std::uint16_t{32}}}) {
        const PcmBuffer pcm = make_signal(make_format(type, bits, 2, 1000), 2500);
        write_wav(dir / "h.wav", pcm);
        const AudioDigest from_file = digest(read_wav(dir / "h.wav"));
        const AudioDigest from_memory = digest(pcm);
        EXPECT_EQ(from_file.pcm, from_memory.pcm);
        EXPECT_EQ(from_file.per_second, from_memory.per_second);
        EXPECT_EQ(from_file.frames, 2500u);
    }
}

TEST(CanonicalHasherTest, OneChangedSampleChangesHashAndItsSecondOnly) {
    const PcmBuffer pcm = make_signal(make_format(SampleType::kInt, 16, 2, 1000), 3500);
    PcmBuffer changed = pcm;
    changed.bytes[(2300 * 2 + 1) * 2] ^= 1;  // frame 2300, channel 1, lowest bit
    const AudioDigest a = digest(pcm);
    const AudioDigest b = digest(changed);
    EXPECT_NE(a.pcm, b.pcm);
    ASSERT_EQ(a.per_second.size(), 4u);  // 3 full seconds and a partial one
    ASSERT_EQ(b.per_second.size(), 4u);
    for (std::size_t s = 0; s < 4; ++s) EXPECT_EQ(a.per_second[s] == b.per_second[s], s != 2) << s;
}

TEST(CanonicalHasherTest, ChunkingDoesNotChangeTheResult) {
    const PcmBuffer pcm = make_signal(make_format(SampleType::kInt, 24, 8, 1000), 2777);
    const AudioDigest whole = digest(pcm);
    const std::size_t frame = pcm.format.bytes_per_frame();
    for (std::size_t chunk_frames : {1u, 7u, 256u, 999u, 1000u, 1001u}) {
        CanonicalHasher hasher(pcm.format);
        std::size_t offset = 0;
        while (offset < pcm.bytes.size()) {
            const std::size_t n = std::min(chunk_frames * frame, pcm.bytes.size() - offset);
            hasher.update(pcm.bytes.data() + offset, n);
            offset += n;
        }
        hasher.update(nullptr, 0);
        EXPECT_EQ(hasher.frames(), 2777u);
        EXPECT_EQ(hasher.pcm_hash(), whole.pcm) << chunk_frames;
        EXPECT_EQ(hasher.per_second(), whole.per_second) << chunk_frames;
    }
}

TEST(CanonicalHasherTest, PartialFramesAreRejected) {
    CanonicalHasher hasher(make_format(SampleType::kInt, 16, 2, 48000));
    const std::uint8_t bytes[6] = {};
    EXPECT_THROW(hasher.update(bytes, 6), std::invalid_argument);
    EXPECT_EQ(hasher.frames(), 0u);
}

TEST(CanonicalHasherTest, FormatIsPartOfTheCanonicalLayoutNotTheContainer) {
    // The same value as s16 and as s32 (left-justified) hashes equally: the canonical words match.
    PcmBuffer a;
    a.format = make_format(SampleType::kInt, 16, 1, 8000);
    a.bytes = {0xCD, 0xAB};
    PcmBuffer b;
    b.format = make_format(SampleType::kInt, 32, 1, 8000);
    b.bytes = {0x00, 0x00, 0xCD, 0xAB};
    EXPECT_EQ(digest(a).pcm, digest(b).pcm);
}

TEST(DigestTest, PeakAndRmsAreNormalized) {
    PcmBuffer pcm;
    pcm.format = make_format(SampleType::kInt, 16, 2, 8000);
    // Frames (16384, -16384), (0, -32768): peak 1.0, rms sqrt((0.25 + 0.25 + 0 + 1) / 4).
    pcm.bytes = {0x00, 0x40, 0x00, 0xC0, 0x00, 0x00, 0x00, 0x80};
    const AudioDigest d = digest(pcm);
    EXPECT_EQ(d.frames, 2u);
    EXPECT_DOUBLE_EQ(d.peak, 1.0);
    EXPECT_DOUBLE_EQ(d.rms, std::sqrt(1.5 / 4.0));
    ASSERT_EQ(d.per_second.size(), 1u);
    EXPECT_EQ(d.per_second[0], d.pcm);  // one partial second covers everything
}

TEST(CanonicalHasherTest, ChannelSwapInSurroundFixtureChangesTheHash) {
    const PcmBuffer pcm =
        read_wav(aetrace::test::source_dir() / "fixtures" / "surround-48k-8ch-s24.wav");
    ASSERT_EQ(pcm.format.channels, 8u);
    PcmBuffer swapped = pcm;
    const std::size_t frame = pcm.format.bytes_per_frame();
    for (std::uint64_t f = 0; f < pcm.frames(); ++f)  // swap channels 2 and 3 (0-based)
        for (std::size_t b = 0; b < 3; ++b)
            std::swap(swapped.bytes[f * frame + 2 * 3 + b], swapped.bytes[f * frame + 3 * 3 + b]);
    const AudioDigest a = digest(pcm);
    const AudioDigest b = digest(swapped);
    EXPECT_NE(a.pcm, b.pcm);
    EXPECT_NE(a.per_second[0], b.per_second[0]);
    EXPECT_NE(a.per_second[1], b.per_second[1]);
    EXPECT_NEAR(a.rms, b.rms, 1e-12);  // same samples, summed in another order
}
