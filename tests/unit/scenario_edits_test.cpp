// Whole-scenario edits the app makes (web/logic/scenario_edits.hpp).
#include "core/scenario.hpp"
#include "web/logic/scenario_edits.hpp"

#include <gtest/gtest.h>

namespace {

TEST(RelabelCurrency, EveryAmountTakesTheNewCurrencyAndKeepsItsNumber) {
    core::Scenario s = core::default_scenario();
    ASSERT_FALSE(s.roster.empty());
    s.actuals.push_back({});
    const std::int64_t budget = s.budget.cents;
    const std::int64_t price = s.roster[0].price_per_post.cents;
    web::relabel_currency(s, core::Currency::eur);

    EXPECT_EQ(s.assumptions.currency, core::Currency::eur);
    EXPECT_EQ(s.budget, (core::Money{budget, core::Currency::eur}));
    EXPECT_EQ(s.roster[0].price_per_post, (core::Money{price, core::Currency::eur}));
    const auto all_eur = [](const std::vector<core::Influencer>& rows) {
        for (const core::Influencer& row : rows) {
            if (row.price_per_post.currency != core::Currency::eur) {
                return false;
            }
        }
        return true;
    };
    EXPECT_TRUE(all_eur(s.roster));
    EXPECT_TRUE(all_eur(s.comparison.a.influencers));
    EXPECT_TRUE(all_eur(s.comparison.b.influencers));
    const core::PricingModel& pricing = s.assumptions.pricing;
    EXPECT_EQ(pricing.currency, core::Currency::eur);
    for (const core::TierPrice& tier : pricing.tier_prices) {
        EXPECT_EQ(tier.price.currency, core::Currency::eur);
    }
    EXPECT_EQ(pricing.per_thousand.currency, core::Currency::eur);
    EXPECT_EQ(pricing.target_cpe.currency, core::Currency::eur);
    EXPECT_EQ(s.assumptions.funnel.average_order_value.currency, core::Currency::eur);
    EXPECT_EQ(s.assumptions.funnel.emv_cpm.currency, core::Currency::eur);
    EXPECT_EQ(s.actuals[0].revenue.currency, core::Currency::eur);
}

} // namespace

namespace {

// "$10 per 1,000 followers" prices every row at a cent per follower, whether its
// engagement is given as a rate or as interactions per post; Undo is the app's.
TEST(PriceRosterByModel, EveryRowPricedByTheChosenModel) {
    core::Scenario s = core::default_scenario();
    s.assumptions.pricing.kind = core::PricingModelKind::per_thousand_followers;
    s.assumptions.pricing.per_thousand = {1'000, s.assumptions.currency};
    s.roster[1].engagement_kind = core::EngagementInputKind::average_interactions;
    s.roster[1].engagement_value = 40.0;
    web::price_roster_by_model(s);
    for (const core::Influencer& row : s.roster) {
        EXPECT_EQ(row.price_per_post.cents, row.followers) << row.name;
    }
}

// A row no tier covers keeps its price; the others take their tier's.
TEST(PriceRosterByModel, ARowTheModelCannotPriceKeepsItsPrice) {
    core::Scenario s = core::default_scenario();
    ASSERT_EQ(s.assumptions.pricing.kind, core::PricingModelKind::tier_table);
    s.assumptions.pricing.tier_prices = {
        {"Small", 0, 9'999, {12'300, s.assumptions.currency}, "a test tier"}};
    const core::Money big_price = s.roster[0].price_per_post;
    ASSERT_GT(s.roster[0].followers, 9'999);
    web::price_roster_by_model(s);
    EXPECT_EQ(s.roster[0].price_per_post, big_price);
    EXPECT_EQ(s.roster[1].price_per_post.cents, 12'300);
}

} // namespace
