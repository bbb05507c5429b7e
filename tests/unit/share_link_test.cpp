#include "core/share_link.hpp"
#include "core/state_json.hpp"

#include <cstdint>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
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

TEST(ShareLinkTest, PrefillTakesAFormerScreenNameWhereTodaysIsListed) {
    const std::vector<std::string_view> screens = {"engagement", "compare", "roster"};
    EXPECT_EQ(core::parse_prefill("screen=optimizer", core::Currency::usd, screens).screen,
              "optimizer");
    EXPECT_EQ(core::parse_prefill("screen=report", core::Currency::usd, screens).errors.size(), 1U);
}

TEST(ShareLinkTest, PrefillErrorsNameTheParameter) {
    const std::vector<std::string_view> screens = {"engagement", "compare", "roster"};
    const auto params = core::parse_prefill(
        "screen=chart&budget=lots&currency=XYZ&theme=pink&accent=%23ggg&embed=maybe",
        core::Currency::usd, screens);
    ASSERT_EQ(params.errors.size(), 6U);
    EXPECT_EQ(params.errors[0].field, "screen");
    EXPECT_EQ(params.errors[0].message,
              "screen: that is not a screen; use one of engagement, compare, roster.");
    EXPECT_EQ(params.errors[1].field, "currency");
    EXPECT_EQ(params.errors[2].field, "theme");
    EXPECT_EQ(params.errors[2].message,
              "theme: \"pink\" is not a theme; use light, dark or system.");
    EXPECT_EQ(params.errors[3].field, "accent");
    EXPECT_EQ(params.errors[4].field, "embed");
    EXPECT_EQ(params.errors[5].field, "budget"); // read last, in the final currency
    EXPECT_FALSE(params.screen || params.budget || params.currency || params.theme ||
                 params.accent || params.embed);

    // Issue 17: text from the link is never shown as the app's own words.
    const auto spoof = core::parse_prefill(
        "screen=Your+account+is+locked.+Call+555-0100&theme=Call%20us&currency=a.b");
    ASSERT_EQ(spoof.errors.size(), 3U);
    for (const core::Error& error : spoof.errors) {
        EXPECT_EQ(error.message.find("Call"), std::string::npos) << error.message;
        EXPECT_EQ(error.message.find("a.b"), std::string::npos) << error.message;
    }
    EXPECT_EQ(spoof.errors[1].message, "theme: that is not a theme; use light, dark or system.");

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

// ---- share links --------------------------------------------------------------------

using json = nlohmann::json;

std::string exported(const core::Scenario& scenario) {
    return core::export_scenario_json(scenario, false);
}

// A scenario edited the way users do: roster rows changed, added and removed, other
// currency, another screen, tracked results.
core::Scenario edited_scenario() {
    core::Scenario s = core::default_scenario();
    s.screen = core::Screen::roster;
    s.title = "Spring campaign \xE2\x80\x93 Florida";
    s.budget = core::Money{300'000, core::Currency::eur};
    s.assumptions.currency = core::Currency::eur;
    s.assumptions.reach_rate = 0.125;
    s.assumptions.reach_table.rows[1].rate = 0.11; // the user's own figure travels too
    s.assumptions.reach_table.rows[1].source = core::own_reach_source();
    if (s.roster.size() > 3) {
        s.roster[3].followers = 1234;
        s.roster[3].notes = "Answered in a day.";
        s.roster.erase(s.roster.begin());
    }
    core::Influencer extra;
    extra.id = 99;
    extra.name = "New reader";
    extra.followers = 640;
    extra.engagement_value = 0.21;
    extra.price_per_post = core::Money{7'500, core::Currency::eur};
    s.roster.push_back(extra);
    s.actuals.push_back({99, 120, 14, 2, 1, 9, 1, core::Money{2'999, core::Currency::eur}});
    s.optimizer.coverage = {{"Florida", 2, std::nullopt}};
    return s;
}

TEST(ShareLinkTest, MergePatchFollowsRfc7386) {
    // The patch that turns `from` into `to`, checked against RFC 7386's rules: changed
    // members, removed members as null, arrays whole, new objects whole.
    const json from = json::parse(R"({"a":"b","c":{"d":"e","f":"g"},"k":[1,2]})");
    const json to = json::parse(R"({"a":"z","c":{"d":"e"},"k":[1],"n":{"x":1}})");
    const json patch = core::detail::create_merge_patch(from, to);
    EXPECT_EQ(patch, json::parse(R"({"a":"z","c":{"f":null},"k":[1],"n":{"x":1}})"));
    json applied = from;
    applied.merge_patch(patch);
    EXPECT_EQ(applied, to);
    EXPECT_EQ(core::detail::create_merge_patch(to, to), json::object());
}

TEST(ShareLinkTest, BaselineIsFrozen) {
    // Any edit to the v1 baseline breaks every v1 link: this checksum must never change.
    EXPECT_EQ(core::detail::share_baseline_v1().size(), 15089U);
    EXPECT_EQ(core::detail::crc32(core::detail::share_baseline_v1()), 0xFBE93301U);
    EXPECT_TRUE(core::import_scenario_json(core::detail::share_baseline_v1()).ok());
    // The same for v2, the default scenario with issue 14's sourced model (shipped in
    // session 5's release, so frozen since).
    EXPECT_EQ(core::detail::share_baseline_v2().size(), 17740U);
    EXPECT_EQ(core::detail::crc32(core::detail::share_baseline_v2()), 0x44F50DC8U);
    EXPECT_TRUE(core::import_scenario_json(core::detail::share_baseline_v2()).ok());
    // And v3: issue 18's plans from the roster and issue 14's reach table.
    EXPECT_EQ(core::detail::share_baseline_v3().size(), 13334U);
    EXPECT_EQ(core::detail::crc32(core::detail::share_baseline_v3()), 0x9226889EU);
    EXPECT_TRUE(core::import_scenario_json(core::detail::share_baseline_v3()).ok());
}

std::string pack(const std::string& patch_text); // a hand-made v1 link, below

// The default scenario is a short link again (v3's baseline is today's default), and a
// v1 link still opens to exactly what it held.
TEST(ShareLinkTest, DefaultScenarioIsAShortV3LinkAndV1LinksStillOpen) {
    const auto fragment = core::encode_share_fragment(core::default_scenario());
    ASSERT_TRUE(fragment.ok());
    EXPECT_EQ(fragment.value().substr(0, 3), "v3.");
    EXPECT_LT(fragment.value().size(), 40U) << fragment.value();
    const auto v1 = core::decode_share_fragment(pack(R"({"title":"Old link"})"));
    ASSERT_TRUE(v1.ok()) << v1.error().message;
    EXPECT_EQ(v1.value().title, "Old link");
    EXPECT_EQ(v1.value().assumptions.reach_by_size, false); // v1's flat reach is kept
}

TEST(ShareLinkTest, RoundTripsScenarios) {
    for (const auto& scenario : {core::default_scenario(), edited_scenario(), core::Scenario{}}) {
        const auto fragment = core::encode_share_fragment(scenario);
        ASSERT_TRUE(fragment.ok()) << fragment.error().message;
        EXPECT_EQ(fragment.value().substr(0, 3), "v3.");
        const auto back = core::decode_share_fragment(fragment.value());
        ASSERT_TRUE(back.ok()) << back.error().message;
        EXPECT_EQ(exported(back.value()), exported(scenario));
        // The forms a browser or a chat app may hand over.
        EXPECT_TRUE(core::decode_share_fragment("#" + fragment.value()).ok());
        EXPECT_TRUE(core::decode_share_fragment("  " + fragment.value() + "\r\n").ok());
    }
}

TEST(ShareLinkTest, LinksAreCompact) {
    // Sizes are what the patch and the dictionary are for; the bounds leave room for
    // changes to the default scenario (which only make the patch larger).
    const auto unchanged = core::encode_share_fragment(core::default_scenario());
    ASSERT_TRUE(unchanged.ok());
    EXPECT_LT(unchanged.value().size(), 40U);
    const auto edited = core::encode_share_fragment(edited_scenario());
    ASSERT_TRUE(edited.ok());
    EXPECT_LT(edited.value().size(), 2000U);
    EXPECT_LT(edited.value().size() * 4, exported(edited_scenario()).size());
}

TEST(ShareLinkTest, TruncatedLinksNeverOpen) {
    const std::string link = core::encode_share_fragment(edited_scenario()).value();
    for (std::size_t cut = 0; cut < link.size(); ++cut) {
        const auto result = core::decode_share_fragment(link.substr(0, cut));
        ASSERT_FALSE(result.ok()) << cut;
        EXPECT_EQ(result.error().field, "Share link");
        EXPECT_EQ(result.error().message,
                  "This link is damaged; opened the default scenario instead.");
    }
}

TEST(ShareLinkTest, BitFlipsGiveAnErrorOrAValidScenario) {
    const std::string link = core::encode_share_fragment(edited_scenario()).value();
    std::mt19937_64 engine(0x5eed);
    int opened = 0;
    for (int trial = 0; trial < 3000; ++trial) {
        std::string damaged = link;
        const int flips = 1 + static_cast<int>(engine() % 3);
        for (int f = 0; f < flips; ++f) {
            const std::size_t at = engine() % damaged.size();
            damaged[at] = static_cast<char>(damaged[at] ^ (1U << (engine() % 8)));
        }
        const auto result = core::decode_share_fragment(damaged);
        if (result.ok()) {
            // What opens must be a scenario that exports and imports again.
            ++opened;
            EXPECT_TRUE(core::import_scenario_json(exported(result.value())).ok());
        } else {
            EXPECT_FALSE(result.error().message.empty());
        }
    }
    EXPECT_LT(opened, 30); // the checksum catches flips in the payload
}

TEST(ShareLinkTest, VersionsAndHostileInput) {
    const std::string link = core::encode_share_fragment(edited_scenario()).value();
    const std::string payload = link.substr(3);
    const auto newer = core::decode_share_fragment("v4." + payload);
    ASSERT_FALSE(newer.ok());
    EXPECT_EQ(newer.error().code, core::ErrorCode::unsupported);
    EXPECT_EQ(newer.error().message,
              "This link comes from a newer version of Microreach; opened the default scenario "
              "instead.");
    const std::vector<std::string> damaged = {"",
                                              "#",
                                              "v",
                                              "v1",
                                              "v1.",
                                              "v0." + payload,
                                              "V1." + payload,
                                              "v1x." + payload,
                                              "x1." + payload,
                                              "v01234." + payload,
                                              "v1." + payload + "!",
                                              "v1.AAAA",
                                              "v1.////"};
    for (const std::string& bad : damaged) {
        const auto result = core::decode_share_fragment(bad);
        ASSERT_FALSE(result.ok()) << bad;
        EXPECT_EQ(result.error().code, core::ErrorCode::malformed) << bad;
    }
    const auto huge = core::decode_share_fragment("v1." + std::string(40'000, 'A'));
    ASSERT_FALSE(huge.ok());
    EXPECT_EQ(huge.error().code, core::ErrorCode::too_large);
    EXPECT_EQ(huge.error().message,
              "This link is too long (over 32 KB) to be a Microreach link; opened the default "
              "scenario instead.");
}

// Packs a hand-made patch the way encode_share_fragment does.
std::string pack(const std::string& patch_text) {
    std::string packed = core::detail::lz_compress(patch_text, core::detail::share_baseline_v1());
    const std::uint32_t crc = core::detail::crc32(patch_text);
    for (unsigned shift = 0; shift < 32; shift += 8) {
        packed += static_cast<char>((crc >> shift) & 0xFFU);
    }
    return "v1." + core::detail::base64url_encode(packed);
}

TEST(ShareLinkTest, ValidEnvelopeWithBadContents) {
    const auto newer_state = core::decode_share_fragment(pack(R"({"version":2})"));
    ASSERT_FALSE(newer_state.ok());
    EXPECT_EQ(newer_state.error().code, core::ErrorCode::unsupported);
    const auto wrong_type = core::decode_share_fragment(pack(R"({"budget":"lots"})"));
    ASSERT_FALSE(wrong_type.ok());
    EXPECT_EQ(wrong_type.error().code, core::ErrorCode::malformed);
    EXPECT_FALSE(core::decode_share_fragment(pack("[1]")).ok());
    EXPECT_FALSE(core::decode_share_fragment(pack(std::string(5000, '['))).ok());
    const auto ok = core::decode_share_fragment(pack(R"({"title":"Hand-made"})"));
    ASSERT_TRUE(ok.ok());
    EXPECT_EQ(ok.value().title, "Hand-made");
}

TEST(ShareLinkTest, TooLargeToShare) {
    core::Scenario s = core::default_scenario();
    std::mt19937_64 engine(3);
    for (std::uint32_t k = 0; k < 400; ++k) {
        core::Influencer i;
        i.id = 1000 + k;
        for (int c = 0; c < 120; ++c) {
            i.notes += static_cast<char>('a' + engine() % 26); // incompressible
        }
        s.roster.push_back(i);
    }
    const auto result = core::encode_share_fragment(s);
    ASSERT_FALSE(result.ok());
    EXPECT_EQ(result.error().code, core::ErrorCode::too_large);
    EXPECT_EQ(result.error().message,
              "This scenario is too large for a link (over 32 KB or 1,000 rows); save it as a "
              "file and share the file instead.");
}

// The patch {"roster":[{"id":1},{"id":2},...]} with `rows` rows.
std::string roster_patch(std::size_t rows, bool empty_rows = false) {
    std::string text = R"({"roster":[)";
    for (std::size_t k = 0; k < rows; ++k) {
        text += (k == 0 ? "" : ",");
        text += empty_rows ? "{}" : R"({"id":)" + std::to_string(k + 1) + "}";
    }
    return text + "]}";
}

TEST(ShareLinkTest, CraftedLinkOfEmptyRowsIsRefusedBeforeParsing) {
    // Issue 17: 99,999 empty rows compress into about 6 KB of link, which took seconds
    // to open. The cost bound counts them before the patch is parsed.
    const std::string link = pack(roster_patch(99'999, true));
    EXPECT_LT(link.size(), 8'000U);
    const auto result = core::decode_share_fragment(link);
    ASSERT_FALSE(result.ok());
    EXPECT_EQ(result.error().code, core::ErrorCode::too_large);
    EXPECT_EQ(result.error().message,
              "This link holds more than a Microreach link can (over 1,000 rows or 20,000 "
              "values); opened the default scenario instead.");
}

TEST(ShareLinkTest, CostBoundAtItsEdge) {
    // The patch object itself is one object: 999 rows are the most a link holds.
    const auto edge = core::decode_share_fragment(pack(roster_patch(core::max_share_objects - 1)));
    ASSERT_TRUE(edge.ok()) << edge.error().message;
    EXPECT_EQ(edge.value().roster.size(), core::max_share_objects - 1);
    EXPECT_EQ(core::decode_share_fragment(pack(roster_patch(core::max_share_objects))).error().code,
              core::ErrorCode::too_large);
    // Values: a list of numbers is cheap per character too.
    std::string ids = R"({"optimizer":{"must_include":[)";
    for (std::size_t k = 0; k < core::max_share_values; ++k) {
        ids += k == 0 ? "1" : ",1";
    }
    EXPECT_EQ(core::decode_share_fragment(pack(ids + "]}}")).error().code,
              core::ErrorCode::too_large);
    // Encode refuses what decode would refuse: the app's largest link (400 rows) encodes.
    core::Scenario s = core::default_scenario();
    for (std::uint32_t k = 0; k < core::max_share_objects; ++k) {
        core::Influencer i;
        i.id = k + 1;
        s.roster.push_back(i);
    }
    EXPECT_EQ(core::encode_share_fragment(s).error().code, core::ErrorCode::too_large);
    s.roster.resize(400);
    EXPECT_TRUE(core::encode_share_fragment(s).ok());
}

TEST(ShareLinkTest, JsonCostCountsOutsideStringsOnly) {
    EXPECT_TRUE(core::detail::json_cost_within(R"({"a":"{{{,,,[[["})", 1, 1));
    EXPECT_FALSE(core::detail::json_cost_within(R"({"a":{}})", 1, 10));
    EXPECT_FALSE(core::detail::json_cost_within("[1,2,3]", 10, 2));
    EXPECT_TRUE(core::detail::json_cost_within("[1,2,3]", 10, 3));
    EXPECT_TRUE(core::detail::json_cost_within(R"(["\"{"])", 0, 1));
}

} // namespace
