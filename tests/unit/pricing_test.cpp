#include "core/benchmarks.hpp"
#include "core/formulas.hpp"
#include "core/pricing.hpp"
#include "tests/unit/test_money.hpp"

#include <gtest/gtest.h>
#include <random>
#include <set>

namespace {

using core::Currency;
using core::Money;
using core::PricingModel;
using core::PricingModelKind;

TEST(PricingTest, DefaultIsTheArticlesTierTable) {
    const PricingModel model = core::default_pricing_model(Currency::usd);
    EXPECT_EQ(model.kind, PricingModelKind::tier_table);
    ASSERT_TRUE(core::validate_pricing_model(model).ok());
    struct Case {
        std::int64_t followers;
        std::int64_t cents;
    };
    // The article's $100 only up to 2,000 followers and its $5,000 only for an audience in
    // the millions; IZEA's 2022 averages, on IZEA's own tiers, in between.
    const Case cases[] = {
        {0, 10'000},          {300, 10'000},        {2'000, 10'000},    {2'001, 110'500},
        {9'999, 110'500},     {10'000, 167'400},    {90'000, 339'600},  {199'999, 339'600},
        {200'000, 499'200},   {499'999, 499'200},   {500'000, 549'700}, {999'999, 549'700},
        {1'000'000, 500'000}, {3'000'000, 500'000},
    };
    for (const auto& c : cases) {
        const auto price = core::suggest_price(model, c.followers, 0.05);
        ASSERT_TRUE(price.ok()) << c.followers;
        EXPECT_EQ(price.value().price, cents(c.cents)) << c.followers;
        EXPECT_EQ(price.value().formula_id, core::formula_ids::price_tier_table);
        EXPECT_FALSE(price.value().from_quote);
    }
    EXPECT_EQ(model.per_thousand, cents(1'000)); // $10 per 1,000 (InfluencerDB)
}

// The article: ten micro-influencers at $100 cost $1,000, far below one $5,000 post.
TEST(PricingTest, ArticleTenMicrosAgainstOneMacroPost) {
    const PricingModel model = core::default_pricing_model(Currency::usd);
    const Money micro = core::suggest_price(model, 1'000, 0.074).value().price;
    const Money macro = core::suggest_price(model, 2'000'000, 0.024).value().price;
    const Money ten_micros = core::multiply(micro, 10).value();
    EXPECT_EQ(ten_micros, cents(100'000));
    EXPECT_EQ(macro, cents(500'000));
    EXPECT_EQ(ten_micros.cents * 5, macro.cents); // a fifth of one macro post
}

TEST(PricingTest, PerThousandFollowersRoundsOnceHalfAwayFromZero) {
    PricingModel model = core::default_pricing_model(Currency::usd);
    model.kind = PricingModelKind::per_thousand_followers;
    struct Case {
        std::int64_t followers;
        std::int64_t per_thousand_cents;
        std::int64_t expected_cents;
    };
    const Case cases[] = {
        {12'500, 1'000, 12'500},       // 12.5 x $10 = $125
        {1'000'000, 1'000, 1'000'000}, // $10,000 for a million
        {0, 1'000, 0},
        {50, 1'000, 50}, // $0.50
        {1'234, 1, 1},   // 1.234 cents -> 1
        {1'500, 1, 2},   // 1.5 cents -> 2 (half away from zero)
        {1'499, 1, 1},
        {2'500, 1, 3}, // 2.5 -> 3, not banker's 2
    };
    for (const auto& c : cases) {
        model.per_thousand = cents(c.per_thousand_cents);
        const auto price = core::suggest_price(model, c.followers, 0.0);
        ASSERT_TRUE(price.ok()) << c.followers;
        EXPECT_EQ(price.value().price.cents, c.expected_cents) << c.followers;
        EXPECT_EQ(price.value().formula_id, core::formula_ids::price_per_thousand);
    }
    model.per_thousand = cents(1'000);
    EXPECT_EQ(core::suggest_price(model, 12'500, 0.0).value().basis,
              "Rate per 1,000 followers: 12,500 / 1,000 x $10 = $125 per post.");
}

TEST(PricingTest, CostPerEngagementTarget) {
    PricingModel model = core::default_pricing_model(Currency::usd);
    model.kind = PricingModelKind::cost_per_engagement;
    model.target_cpe = cents(20);
    // 12,500 x 4.2% = 525 engagements x $0.20 = $105.
    const auto price = core::suggest_price(model, 12'500, 0.042);
    ASSERT_TRUE(price.ok());
    EXPECT_EQ(price.value().price, cents(10'500));
    EXPECT_EQ(price.value().formula_id, core::formula_ids::price_cost_per_engagement);
    EXPECT_EQ(price.value().basis,
              "Cost-per-engagement target: 12,500 followers x 4.20% x $0.20 = $105 per post.");
    EXPECT_EQ(core::suggest_price(model, 12'500, 1.5).error().field, "Engagement rate");
    EXPECT_EQ(core::suggest_price(model, 12'500, std::nan("")).error().field, "Engagement rate");
}

TEST(PricingTest, QuoteAlwaysOverrides) {
    PricingModel model = core::default_pricing_model(Currency::usd);
    const auto quoted = core::price_per_post(model, 2'000'000, 0.024, cents(350'000));
    ASSERT_TRUE(quoted.ok());
    EXPECT_EQ(quoted.value().price, cents(350'000));
    EXPECT_TRUE(quoted.value().from_quote);
    EXPECT_EQ(quoted.value().formula_id, core::formula_ids::price_quote);
    EXPECT_EQ(quoted.value().basis, "The influencer's quote: $3,500 per post.");

    // Even a broken model does not stop a quoted price.
    model.tier_prices.clear();
    EXPECT_TRUE(core::price_per_post(model, 2'000'000, 0.024, cents(0)).ok());
    EXPECT_FALSE(core::price_per_post(model, 2'000'000, 0.024, std::nullopt).ok());
    EXPECT_EQ(core::price_per_post(model, 10, 0.1, cents(-1)).error().field, "Price per post");
}

TEST(PricingTest, IzeaTableAndReferences) {
    const auto tables = core::builtin_price_tables(Currency::usd);
    ASSERT_GE(tables.size(), 2u);
    for (const auto& table : tables) {
        EXPECT_TRUE(core::validate_pricing_model(table).ok()) << table.table_name;
    }
    // IZEA's own tiers: mid 50,000 to 199,999, macro 200,000 to 499,999, mega 500,000 to
    // 999,999, and no tier from 1,000,000 up (the report has none).
    EXPECT_EQ(core::suggest_price(tables[1], 5'000, 0.03).value().price, cents(110'500));
    EXPECT_EQ(core::suggest_price(tables[1], 199'999, 0.03).value().price, cents(339'600));
    EXPECT_EQ(core::suggest_price(tables[1], 200'000, 0.03).value().price, cents(499'200));
    EXPECT_EQ(core::suggest_price(tables[1], 500'000, 0.03).value().price, cents(549'700));
    const auto beyond = core::suggest_price(tables[1], 2'000'000, 0.03);
    ASSERT_FALSE(beyond.ok());
    EXPECT_EQ(beyond.error().field, "Followers");
    EXPECT_NE(tables[1].tier_prices[0].note.find("all platforms"), std::string::npos);
    bool has_izea_62 = false;
    for (const auto& reference : core::price_references) {
        EXPECT_GT(reference.usd_cents, 0);
        has_izea_62 = has_izea_62 || (reference.usd_cents == 6'200 && reference.year == 2017);
    }
    EXPECT_TRUE(has_izea_62);
}

// Every built-in price figure says who published it, when, for which platform and what it
// measured; every tier of a built-in table takes its price and note from one of them.
TEST(PricingTest, EveryBuiltinPriceFigureNamesSourceYearPlatformAndScope) {
    std::set<std::string_view> ids;
    for (const auto& reference : core::price_references) {
        EXPECT_TRUE(ids.insert(reference.id).second) << reference.id;
        EXPECT_FALSE(reference.label.empty()) << reference.id;
        EXPECT_FALSE(reference.source.empty()) << reference.id;
        EXPECT_GE(reference.year, 2010) << reference.id;
        EXPECT_LE(reference.year, 2026) << reference.id;
        EXPECT_FALSE(reference.platform.empty()) << reference.id;
        EXPECT_GE(reference.scope.size(), 20u) << reference.id;
    }
    for (const auto& table : core::builtin_price_tables(Currency::usd)) {
        for (const auto& tier : table.tier_prices) {
            bool from_reference = false;
            for (const auto& reference : core::price_references) {
                from_reference =
                    from_reference ||
                    (tier.price.cents == reference.usd_cents &&
                     tier.note.find(reference.scope) != std::string::npos &&
                     tier.note.find(std::to_string(reference.year)) != std::string::npos);
            }
            EXPECT_TRUE(from_reference) << table.table_name << ": " << tier.name;
        }
    }
}

TEST(PricingTest, OtherCurrenciesSayTheFiguresAreUnconverted) {
    const PricingModel model = core::default_pricing_model(Currency::eur);
    ASSERT_TRUE(core::validate_pricing_model(model).ok());
    EXPECT_EQ(model.tier_prices[0].price, (Money{10'000, Currency::eur}));
    for (const auto& tier : model.tier_prices) {
        EXPECT_NE(tier.note.find("not converted to EUR"), std::string::npos) << tier.name;
    }
    EXPECT_EQ(core::default_pricing_model(Currency::usd).tier_prices[0].note.find("converted"),
              std::string::npos);
}

TEST(PricingTest, ValidationMessages) {
    struct Case {
        void (*edit)(PricingModel&);
        std::string_view field;
        std::string_view message;
    };
    const Case cases[] = {
        {[](PricingModel& m) { m.tier_prices.clear(); }, "Price tiers",
         "Price tiers: add at least one tier with its followers and price."},
        {[](PricingModel& m) { m.tier_prices[1].price = cents(-100); }, "Price tier 2: Price",
         "Price tier 2: Price: type an amount of $0 or more, such as $100."},
        {[](PricingModel& m) {
             m.tier_prices[0].price = Money{100, Currency::eur};
         },
         "Price tier 1: Price", "Price tier 1: Price: use the plan's currency (USD)."},
        {[](PricingModel& m) { m.tier_prices[1].min_followers = 1'500; },
         "Price tier 2: From followers",
         "Price tier 2: From followers: start this tier above 2,000, where the tier before it "
         "ends."},
        {[](PricingModel& m) { m.tier_prices[0].name.clear(); }, "Price tier 1: Name",
         "Price tier 1: Name: type a name such as micro."},
        {[](PricingModel& m) { m.per_thousand = cents(-1); }, "Price per 1,000 followers",
         "Price per 1,000 followers: type an amount of $0 or more, such as $10."},
        {[](PricingModel& m) { m.target_cpe = cents(-1); }, "Target cost per engagement",
         "Target cost per engagement: type an amount of $0 or more, such as $0.20."},
    };
    for (const auto& c : cases) {
        PricingModel model = core::default_pricing_model(Currency::usd);
        c.edit(model);
        const auto result = core::validate_pricing_model(model);
        ASSERT_FALSE(result.ok()) << c.field;
        EXPECT_EQ(result.error().field, c.field);
        EXPECT_EQ(result.error().message, c.message);
    }
}

TEST(PricingTest, SuggestErrors) {
    PricingModel model = core::default_pricing_model(Currency::usd);
    EXPECT_EQ(core::suggest_price(model, -1, 0.1).error().field, "Followers");
    model.tier_prices.erase(model.tier_prices.begin()); // nothing under 100,000
    EXPECT_EQ(core::suggest_price(model, 500, 0.1).error().message,
              "Followers: no price tier covers 500 followers; add a tier, pick another pricing "
              "model or enter the quote.");
    model.kind = PricingModelKind::per_thousand_followers;
    model.per_thousand = Money{core::max_money_cents, Currency::usd};
    EXPECT_EQ(core::suggest_price(model, 1'000'000, 0.1).error().code, core::ErrorCode::overflow);
    EXPECT_EQ(core::suggest_price(model, INT64_MAX, 0.1).error().code, core::ErrorCode::overflow);
}

TEST(PricingTest, PropertySuggestionsAreNeverNegative) {
    std::mt19937_64 engine(5);
    for (int i = 0; i < 3000; ++i) {
        PricingModel model = core::default_pricing_model(Currency::usd);
        model.kind = static_cast<PricingModelKind>(engine() % 3);
        model.per_thousand = cents(static_cast<std::int64_t>(engine() % 100'000));
        model.target_cpe = cents(static_cast<std::int64_t>(engine() % 1'000));
        const auto followers = static_cast<std::int64_t>(engine() % 10'000'000'000ULL);
        const double rate = static_cast<double>(engine() >> 11) * 0x1.0p-53;
        const auto price = core::suggest_price(model, followers, rate);
        ASSERT_TRUE(price.ok()) << price.error().message;
        EXPECT_GE(price.value().price.cents, 0);
        EXPECT_LE(price.value().price.cents, core::max_money_cents);
        EXPECT_FALSE(price.value().basis.empty());
        EXPECT_NE(core::find_formula(price.value().formula_id), nullptr);
    }
}

} // namespace
