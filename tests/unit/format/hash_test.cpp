#include <gtest/gtest.h>

#include <vector>

#include "aetrace/format/hash.h"

using namespace aetrace::format;

TEST(Xxh3Test, ZerosMatchesHashOfAZeroBuffer) {
    for (std::size_t n : {0u, 1u, 240u, 4095u, 4096u, 4097u, 10000u, 100003u}) {
        std::vector<std::uint8_t> zeros(n, 0);
        EXPECT_EQ(xxh3_64_zeros(n), xxh3_64(zeros.data(), zeros.size())) << n;
    }
}

TEST(Xxh3Test, DifferentBytesGiveDifferentHashes) {
    std::uint8_t a[4] = {1, 2, 3, 4};
    std::uint8_t b[4] = {1, 2, 3, 5};
    EXPECT_NE(xxh3_64(a, 4), xxh3_64(b, 4));
    EXPECT_EQ(xxh3_64(nullptr, 0), xxh3_64_zeros(0));
}

TEST(Hex64Test, RoundTripsAndRejectsJunk) {
    EXPECT_EQ(hex64(0xDEADBEEFull), "00000000deadbeef");
    EXPECT_EQ(parse_hex64(hex64(0xFEDCBA9876543210ull)), 0xFEDCBA9876543210ull);
    EXPECT_EQ(parse_hex64("ABC"), 0xABCu);
    EXPECT_FALSE(parse_hex64(""));
    EXPECT_FALSE(parse_hex64("12345678901234567"));
    EXPECT_FALSE(parse_hex64("12g4"));
}
