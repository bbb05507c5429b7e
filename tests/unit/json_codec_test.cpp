// The generic reader and writer (core/json_codec.hpp) in both dialects, on types from
// core/schema.hpp. The saved-file dialect is also covered by state_json_test.cpp and
// the golden files; these pin the API dialect and what both share.
#include "core/json_codec.hpp"

#include <gtest/gtest.h>

namespace {

using core::Currency;
using core::schema::Dialect;
using core::schema::json;

TEST(JsonCodec, ApiDialectSpellsKeysInCamelCaseWithOverrides) {
    core::Influencer row;
    row.audience_fit = 0.5;
    row.price_per_post = core::Money{12'345, Currency::eur};
    const json out = core::schema::Writer(Dialect::api, Currency::usd).write(row);
    EXPECT_EQ(out.at("audienceFit"), 0.5);
    EXPECT_EQ(out.at("engagementKind"), "rate");
    EXPECT_EQ(out.at("pricePerPost").at("text"), "€123.45");
    EXPECT_TRUE(out.contains("engagementValue"));
    const json file = core::schema::Writer(Dialect::file, Currency::eur).write(row);
    EXPECT_EQ(file.at("price"), 12'345);
    EXPECT_EQ(file.at("audience_fit"), 0.5);
}

TEST(JsonCodec, MissingKeysKeepDefaultsAndNullIsMissingOnlyInTheApi) {
    core::Influencer api_row;
    core::schema::Reader api(Dialect::api, Currency::usd);
    api.read(json::parse(R"({"name": "Ann", "posts": null})"), api_row);
    ASSERT_TRUE(api.ok());
    EXPECT_EQ(api_row.name, "Ann");
    EXPECT_EQ(api_row.posts, 1);
    core::Influencer file_row;
    core::schema::Reader file(Dialect::file, Currency::usd);
    file.read(json::parse(R"({"posts": null})"), file_row);
    ASSERT_FALSE(file.ok());
    EXPECT_EQ(file.error().message, "Scenario file: posts should be a whole number; the file is "
                                    "damaged or was edited by hand.");
}

TEST(JsonCodec, WrongTypeNamesThePath) {
    core::CampaignInputs inputs;
    core::schema::Reader reader(Dialect::api, Currency::usd, "plan");
    reader.read_member(json::parse(R"({"roster": [{}, {}, {}, {"followers": "many"}]})"), "roster",
                       inputs.roster);
    ASSERT_FALSE(reader.ok());
    EXPECT_EQ(reader.error().code, core::ErrorCode::invalid);
    EXPECT_EQ(reader.error().field, "plan.roster[3].followers");
    EXPECT_EQ(reader.error().message, "plan.roster[3].followers: expected a whole number.");
}

TEST(JsonCodec, ApiMoneyTakesObjectsUnitsAndText) {
    for (const auto& [text, cents] : {std::pair{R"({"cents": 250})", 250}, std::pair{"2.5", 250},
                                      std::pair{R"("$2.50")", 250}}) {
        core::Money money;
        core::schema::Reader reader(Dialect::api, Currency::usd);
        reader.read(json::parse(text), money);
        ASSERT_TRUE(reader.ok()) << text;
        EXPECT_EQ(money.cents, cents) << text;
    }
}

TEST(JsonCodec, NoUpperLimitSurvivesAJavaScriptNumber) {
    // 2^63 - 1 written, then read back as JavaScript prints it.
    core::Tier tier;
    core::schema::Reader file(Dialect::file, Currency::usd);
    file.read(json::parse(R"({"max_followers": 9223372036854776000})"), tier);
    ASSERT_TRUE(file.ok());
    EXPECT_EQ(tier.max_followers, core::no_follower_limit);
    // The API shows it as null and reads null (or nothing) as it.
    const json out = core::schema::Writer(Dialect::api, Currency::usd).write(tier);
    EXPECT_TRUE(out.at("maxFollowers").is_null());
    core::Tier back;
    core::schema::Reader api(Dialect::api, Currency::usd);
    api.read(out, back);
    EXPECT_EQ(back.max_followers, core::no_follower_limit);
}

TEST(JsonCodec, ListsOverTheirLimitAreTooLarge) {
    core::EngagementInputs inputs;
    core::schema::Reader reader(Dialect::api, Currency::usd);
    reader.read(json{{"posts", json::array()}}, inputs);
    EXPECT_TRUE(reader.ok());
    json many = json::array();
    for (std::size_t k = 0; k <= core::max_posts; ++k) {
        many.push_back(json::object());
    }
    reader.read(json{{"posts", many}}, inputs);
    ASSERT_FALSE(reader.ok());
    EXPECT_EQ(reader.error().code, core::ErrorCode::too_large);
    EXPECT_EQ(reader.error().message, "posts: at most 1,000 entries fit.");
}

TEST(JsonCodec, ContactIsSavedOnlyWhenGivenAndAlwaysInTheApi) {
    core::Influencer row;
    EXPECT_FALSE(core::schema::Writer(Dialect::file, Currency::usd).write(row).contains("contact"));
    EXPECT_EQ(core::schema::Writer(Dialect::api, Currency::usd).write(row).at("contact"), "");
    row.contact = "ann@example.com";
    const json saved = core::schema::Writer(Dialect::file, Currency::usd).write(row);
    EXPECT_EQ(saved.at("contact"), "ann@example.com");
    core::Influencer back;
    core::schema::Reader reader(Dialect::file, Currency::usd);
    reader.read(saved, back);
    ASSERT_TRUE(reader.ok());
    EXPECT_EQ(back.contact, "ann@example.com");
}

TEST(JsonCodec, EnumNamesComeFromOneTable) {
    EXPECT_EQ(core::schema::enum_name(core::Averaging::median), "median");
    EXPECT_EQ(core::schema::enum_from_name<core::Averaging>("mean"), core::Averaging::mean);
    EXPECT_FALSE(core::schema::enum_from_name<core::Averaging>("Mean").has_value());
    EXPECT_EQ(core::schema::enum_choices<core::Averaging>(), "\"mean\", \"median\"");
}

} // namespace
