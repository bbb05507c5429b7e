#include "core/share_link.hpp"

#include <cstdint>
#include <gtest/gtest.h>
#include <random>
#include <string>
#include <vector>

namespace {

using core::detail::base64url_decode;
using core::detail::base64url_encode;
using core::detail::lz_compress;
using core::detail::lz_decompress;

// ---- building blocks --------------------------------------------------------------

TEST(ShareLinkTest, Crc32CheckValue) {
    // The standard check value of CRC-32/ISO-HDLC for "123456789".
    EXPECT_EQ(core::detail::crc32("123456789"), 0xCBF43926U);
    EXPECT_EQ(core::detail::crc32(""), 0U);
}

TEST(ShareLinkTest, Base64UrlVectors) {
    // RFC 4648 section 10 test vectors, without padding.
    const std::vector<std::pair<std::string, std::string>> cases = {
        {"", ""},           {"f", "Zg"},          {"fo", "Zm8"},          {"foo", "Zm9v"},
        {"foob", "Zm9vYg"}, {"fooba", "Zm9vYmE"}, {"foobar", "Zm9vYmFy"},
    };
    for (const auto& [plain, encoded] : cases) {
        EXPECT_EQ(base64url_encode(plain), encoded);
        EXPECT_EQ(base64url_decode(encoded), plain);
    }
    // URL-safe digits for 62 and 63; the standard alphabet and padding are accepted.
    EXPECT_EQ(base64url_encode("\xFB\xFF"), "-_8");
    EXPECT_EQ(base64url_decode("-_8"), std::string("\xFB\xFF"));
    EXPECT_EQ(base64url_decode("+/8="), std::string("\xFB\xFF"));
    EXPECT_EQ(base64url_decode("Zm9vYg=="), std::string("foob"));
}

TEST(ShareLinkTest, Base64UrlRejectsDamage) {
    EXPECT_FALSE(base64url_decode("Zm9v!").has_value());
    EXPECT_FALSE(base64url_decode("Z").has_value());  // a lone digit is never produced
    EXPECT_FALSE(base64url_decode("Zh").has_value()); // leftover bits not zero
    EXPECT_FALSE(base64url_decode("Zm 9v").has_value());
}

TEST(ShareLinkTest, LzWorkedExample) {
    const std::string expected{'\x09', '\x02', 'a', 'b', 'c', '\x83', '\x02'};
    EXPECT_EQ(lz_compress("abcabcabc"), expected);
    EXPECT_EQ(lz_decompress(expected, 100), std::string("abcabcabc"));
    EXPECT_EQ(lz_compress(""), std::string(1, '\0'));
    EXPECT_EQ(lz_decompress(std::string(1, '\0'), 0), std::string());
}

TEST(ShareLinkTest, LzRoundTripsAndShrinksRepetitiveText) {
    std::string json;
    for (int k = 0; k < 200; ++k) {
        json += R"({"name":"Reader )" + std::to_string(k) +
                R"(","followers":1200,"engagement":0.074,"price":10000,"region":"Florida"},)";
    }
    const std::string packed = lz_compress(json);
    EXPECT_LT(packed.size() * 5, json.size());
    EXPECT_EQ(lz_decompress(packed, json.size()), json);
    EXPECT_FALSE(lz_decompress(packed, json.size() - 1).has_value()); // size limit

    // Long runs (overlapping matches) and every byte value.
    std::string bytes(5000, 'x');
    for (int b = 0; b < 256; ++b) {
        bytes += static_cast<char>(b);
    }
    bytes += std::string(300, '\0');
    EXPECT_EQ(lz_decompress(lz_compress(bytes), bytes.size()), bytes);

    std::mt19937_64 engine(7);
    for (int trial = 0; trial < 50; ++trial) {
        std::string data;
        const std::size_t length = engine() % 4000;
        const std::uint64_t alphabet = 1 + engine() % 255;
        for (std::size_t k = 0; k < length; ++k) {
            data += static_cast<char>(engine() % alphabet);
        }
        ASSERT_EQ(lz_decompress(lz_compress(data), data.size()), data);
    }
}

TEST(ShareLinkTest, LzRejectsDamagedStreams) {
    const std::string packed = lz_compress("hello hello hello hello, said the share link");
    // Every truncation fails cleanly (the size no longer matches).
    for (std::size_t cut = 0; cut < packed.size(); ++cut) {
        EXPECT_FALSE(lz_decompress(packed.substr(0, cut), 1000).has_value()) << cut;
    }
    // A match reaching before the start of the output.
    EXPECT_FALSE(lz_decompress(std::string{'\x05', '\x00', 'a', '\x80', '\x05'}, 100));
    // A varint longer than 32 bits.
    EXPECT_FALSE(lz_decompress(std::string("\xFF\xFF\xFF\xFF\x7F", 5), 100));
    // Literals past the declared size.
    EXPECT_FALSE(lz_decompress(std::string{'\x01', '\x01', 'a', 'b'}, 100));
}

// ---- prefill parameters ---------------------------------------------------------

TEST(ShareLinkTest, PrefillReadsEveryParameter) {
    const auto params = core::parse_prefill(
        "?screen=Compare&budget=5%2C000&currency=eur&theme=dark&accent=%23E4572E&embed=1");
    EXPECT_TRUE(params.errors.empty());
    EXPECT_EQ(params.screen, std::string("compare"));
    ASSERT_TRUE(params.budget.has_value());
    EXPECT_EQ(params.budget->cents, 500000);
    EXPECT_EQ(params.budget->currency, core::Currency::eur);
    EXPECT_EQ(params.currency, core::Currency::eur);
    EXPECT_EQ(params.theme, core::Theme::dark);
    EXPECT_EQ(params.accent, 0xE4572EU);
    EXPECT_EQ(params.embed, true);
}

TEST(ShareLinkTest, PrefillForms) {
    EXPECT_EQ(core::parse_prefill("accent=e52").accent, 0xEE5522U);
    EXPECT_EQ(core::parse_prefill("accent=0a0B0c").accent, 0x0A0B0CU);
    EXPECT_EQ(core::parse_prefill("embed").embed, true);
    EXPECT_EQ(core::parse_prefill("EMBED=no").embed, false);
    EXPECT_EQ(core::parse_prefill("theme=auto").theme, core::Theme::system);
    EXPECT_EQ(core::parse_prefill("budget=1.5k").budget->cents, 150000);
    EXPECT_EQ(core::parse_prefill("budget=%24250").budget->cents, 25000); // "$250"
    EXPECT_EQ(core::parse_prefill("budget=250", core::Currency::gbp).budget->currency,
              core::Currency::gbp);
    EXPECT_EQ(core::parse_prefill("theme=light&theme=dark").theme, core::Theme::dark);
    const auto ignored = core::parse_prefill("utm_source=blog&&fbclid=x%ZZ&screen=roster");
    EXPECT_TRUE(ignored.errors.empty());
    EXPECT_EQ(ignored.screen, std::string("roster"));
    const auto empty = core::parse_prefill("");
    EXPECT_TRUE(empty.errors.empty());
    EXPECT_FALSE(empty.screen || empty.budget || empty.currency || empty.theme || empty.accent ||
                 empty.embed);
}

TEST(ShareLinkTest, PrefillErrorsNameTheParameter) {
    const std::vector<std::string_view> screens = {"engagement", "compare", "roster"};
    const auto params = core::parse_prefill(
        "screen=chart&budget=lots&currency=XYZ&theme=pink&accent=%23ggg&embed=maybe",
        core::Currency::usd, screens);
    ASSERT_EQ(params.errors.size(), 6U);
    EXPECT_EQ(params.errors[0].field, "screen");
    EXPECT_EQ(params.errors[0].message,
              "screen: \"chart\" is not a screen; use one of engagement, compare, roster.");
    EXPECT_EQ(params.errors[1].field, "currency");
    EXPECT_EQ(params.errors[2].field, "theme");
    EXPECT_EQ(params.errors[2].message,
              "theme: \"pink\" is not a theme; use light, dark or system.");
    EXPECT_EQ(params.errors[3].field, "accent");
    EXPECT_EQ(params.errors[4].field, "embed");
    EXPECT_EQ(params.errors[5].field, "budget"); // read last, in the final currency
    EXPECT_FALSE(params.screen || params.budget || params.currency || params.theme ||
                 params.accent || params.embed);

    const auto escape = core::parse_prefill("theme=%4");
    ASSERT_EQ(escape.errors.size(), 1U);
    EXPECT_EQ(escape.errors[0].message,
              "theme: the value has a broken %-escape; copy the link again.");

    const auto huge = core::parse_prefill("theme=dark&x=" + std::string(5000, 'a'));
    ASSERT_EQ(huge.errors.size(), 1U);
    EXPECT_EQ(huge.errors[0].code, core::ErrorCode::too_large);
    EXPECT_FALSE(huge.theme.has_value());

    EXPECT_EQ(core::parse_prefill("screen=roster", core::Currency::usd, screens).screen,
              std::string("roster"));
    EXPECT_FALSE(core::parse_prefill("screen=..%2F..").screen.has_value());
}

} // namespace
