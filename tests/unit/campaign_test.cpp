#include "core/campaign.hpp"
#include "tests/unit/test_money.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <gtest/gtest.h>
#include <random>
#include <string>
#include <vector>

namespace {

using core::Currency;
using core::EngagementInputKind;
using core::Influencer;
using core::Money;

Influencer person(std::uint32_t id, std::int64_t followers, double rate, std::int64_t price_cents,
                  int posts = 1, double fit = 1.0) {
    Influencer influencer;
    influencer.id = id;
    influencer.name = "Influencer " + std::to_string(id);
    influencer.followers = followers;
    influencer.engagement_kind = EngagementInputKind::rate;
    influencer.engagement_value = rate;
    influencer.price_per_post = cents(price_cents);
    influencer.posts = posts;
    influencer.audience_fit = fit;
    return influencer;
}

core::CampaignInputs plan(std::vector<Influencer> roster, std::int64_t budget_cents) {
    core::CampaignInputs inputs;
    inputs.roster = std::move(roster);
    inputs.budget = cents(budget_cents);
    inputs.reach_rate = 0.1;
    inputs.funnel = core::default_funnel_assumptions(Currency::usd);
    return inputs;
}

core::CampaignResult evaluate(const core::CampaignInputs& inputs) {
    auto result = core::evaluate_campaign(inputs);
    EXPECT_TRUE(result.ok()) << (result.ok() ? "" : result.error().message);
    return result.ok() ? result.value() : core::CampaignResult{};
}

TEST(CampaignTest, HeaderWorkedExample) {
    // 1,000 followers at 7.4%, $100, one post, reach 10%: 74 engagements, reach 100,
    // CPE $100 / 74 = $1.35, CPM $100 / 100 impressions x 1,000 = $1,000.
    const auto result = evaluate(plan({person(1, 1000, 0.074, 10'000)}, 500'000));
    ASSERT_EQ(result.rows.size(), 1u);
    const core::RowMetrics& row = result.rows[0];
    EXPECT_TRUE(row.valid);
    EXPECT_NEAR(row.expected_engagements, 74.0, 1e-9);
    EXPECT_NEAR(row.estimated_reach, 100.0, 1e-9);
    EXPECT_NEAR(row.impressions, 100.0, 1e-9);
    EXPECT_EQ(row.cost, cents(10'000));
    ASSERT_TRUE(row.cost_per_engagement.has_value());
    EXPECT_EQ(*row.cost_per_engagement, cents(135));
    ASSERT_TRUE(row.cpm.has_value());
    EXPECT_EQ(*row.cpm, cents(100'000));
    ASSERT_TRUE(row.share_of_budget.has_value());
    EXPECT_NEAR(*row.share_of_budget, 0.02, 1e-12);
}

struct RowCase {
    std::int64_t followers;
    double rate;
    int posts;
    double fit;
    double reach_rate;
};

// The article's Florida blogger: 300 engaged readers at 15% give 45 likes a post, so the
// post reaches at least those 45 people, not followers x 10% = 30.
TEST(CampaignTest, ArticleFloridaBloggerReachesAtLeastThePeopleWhoEngage) {
    auto inputs = plan({person(1, 300, 0.15, 10'000, 1, 1.0)}, 500'000);
    inputs.reach_rate = 0.1;
    const auto result = evaluate(inputs);
    const core::RowMetrics& row = result.rows.at(0);
    EXPECT_NEAR(row.engagements_per_post, 45.0, 1e-9);
    EXPECT_NEAR(row.estimated_reach, 45.0, 1e-9);
    EXPECT_NEAR(row.impressions, 45.0, 1e-9);
}

// For 10,000 random rows: impressions >= reach >= engagements per post, and a plan's reach
// is at most the sum of its rows' reach.
TEST(CampaignTest, PropertyReachIsNeverBelowEngagementAndImpressionsNeverBelowReach) {
    std::mt19937_64 engine(314);
    std::vector<core::Influencer> roster;
    for (std::uint32_t i = 1; i <= 10'000; ++i) {
        const auto followers = static_cast<std::int64_t>(1 + engine() % 50'000'000);
        const double rate = static_cast<double>(engine() % 3'000) / 10'000.0;
        const int posts = static_cast<int>(engine() % 6);
        roster.push_back(person(i, followers, rate, 100, posts, 1.0));
    }
    auto inputs = plan(roster, 1'000'000);
    inputs.reach_rate = static_cast<double>(engine() % 100) / 1'000.0;
    // The flat rate, the published reach table, and a user's steep table, with overlap.
    core::ReachTable steep;
    steep.rows = {{0, 99, 0.9, "a"}, {100, 9'999, 0.001, "b"}, {50'000, 59'999, 0.3, "c"}};
    for (int model = 0; model < 3; ++model) {
        inputs.reach_by_size = model > 0;
        inputs.reach_table = model == 2 ? steep : core::ReachTable{};
        inputs.audience_overlap = 0.3 * model;
        const auto result = evaluate(inputs);
        double sum = 0.0;
        for (const core::RowMetrics& row : result.rows) {
            ASSERT_TRUE(row.valid);
            if (row.expected_engagements > 0.0) {
                EXPECT_GE(row.estimated_reach, row.engagements_per_post * (1.0 - 1e-12));
            }
            EXPECT_GE(row.impressions, row.estimated_reach * (1.0 - 1e-12));
            EXPECT_GE(row.impressions, row.expected_engagements * (1.0 - 1e-12));
            sum += row.estimated_reach;
        }
        EXPECT_LE(result.totals.estimated_reach, sum * (1.0 + 1e-12)) << model;
        EXPECT_NEAR(result.totals.sum_of_rows_reach, sum, sum * 1e-12) << model;
    }
}

// People reached by a plan: every audience beyond the largest shares `overlap` of its
// people with the others. Two rows reaching 100 and 50 with 10% overlap: 150 - 5 = 145.
TEST(CampaignTest, UniqueReachCountsTheAudienceOverlap) {
    auto inputs =
        plan({person(1, 1'000, 0.01, 100, 1, 1.0), person(2, 500, 0.01, 100, 1, 1.0)}, 100'000);
    inputs.reach_rate = 0.1;
    inputs.audience_overlap = 0.1;
    const auto result = evaluate(inputs);
    EXPECT_NEAR(result.totals.sum_of_rows_reach, 150.0, 1e-9);
    EXPECT_NEAR(result.totals.estimated_reach, 145.0, 1e-9);
    ASSERT_TRUE(result.totals.cost_per_thousand_reached.has_value());
    EXPECT_EQ(*result.totals.cost_per_thousand_reached, core::cost_per_unit(cents(200), 0.145));
    EXPECT_EQ(core::unique_reach(150.0, 100.0, 0.0), 150.0);
    EXPECT_EQ(core::unique_reach(150.0, 100.0, 1.0), 100.0);
    inputs.audience_overlap = 1.5;
    const auto bad = core::evaluate_campaign(inputs);
    ASSERT_FALSE(bad.ok());
    EXPECT_EQ(bad.error().field, "Audience overlap");
}

// With reach by size on, a small account reaches a larger share of its followers.
TEST(CampaignTest, ReachBySizeReplacesTheFlatRate) {
    auto inputs = plan(
        {person(1, 1'000, 0.01, 100, 1, 1.0), person(2, 1'000'000, 0.01, 100, 1, 1.0)}, 100'000);
    inputs.reach_rate = 0.5; // not used
    inputs.reach_by_size = true;
    const auto result = evaluate(inputs);
    const core::ReachTable published;
    EXPECT_NEAR(result.rows[0].estimated_reach,
                1'000.0 * core::reach_rate_by_size(published, 1'000), 1e-9);
    EXPECT_NEAR(result.rows[1].estimated_reach, 1'000'000.0 * 0.082, 1e-6);
    // The plan's own table: one row of 50% for everyone, and a bad table is named.
    inputs.reach_table.rows = {{0, core::no_follower_limit, 0.5, core::own_reach_source()}};
    const auto own = evaluate(inputs);
    EXPECT_NEAR(own.rows[1].estimated_reach, 500'000.0, 1e-6);
    inputs.reach_table.rows[0].rate = 0.0;
    const auto bad = core::evaluate_campaign(inputs);
    ASSERT_FALSE(bad.ok());
    EXPECT_EQ(bad.error().field, "Reach row 1: Reach rate");
    inputs.reach_by_size = false; // the flat rate ignores the table
    EXPECT_TRUE(core::evaluate_campaign(inputs).ok());
}

TEST(CampaignTest, RowFormulasTable) {
    const RowCase cases[] = {
        {1000, 0.15, 1, 1.0, 0.1},       {2000, 0.074, 3, 0.5, 0.2}, {100000, 0.024, 2, 0.8, 0.05},
        {1'000'000, 0.024, 1, 0.3, 0.1}, {500, 0.0, 4, 1.0, 0.5},    {7, 1.0, 10, 0.0, 1.0},
        {123'456, 0.031, 12, 0.25, 0.0},
    };
    for (const RowCase& c : cases) {
        auto inputs = plan({person(1, c.followers, c.rate, 12'345, c.posts, c.fit)}, 1'000'000);
        inputs.reach_rate = c.reach_rate;
        const auto result = evaluate(inputs);
        const core::RowMetrics& row = result.rows.at(0);
        const double f = static_cast<double>(c.followers);
        SCOPED_TRACE(c.followers);
        EXPECT_NEAR(row.engagements_per_post, f * c.rate, 1e-9 * f);
        EXPECT_NEAR(row.expected_engagements, f * c.rate * c.posts, 1e-9 * f * c.posts);
        EXPECT_NEAR(row.targeted_engagements, f * c.rate * c.posts * c.fit, 1e-9 * f * c.posts);
        // Each post reaches at least the people who engage with it.
        const double per_post = std::max(f * c.reach_rate, f * c.rate);
        EXPECT_NEAR(row.impressions, per_post * c.posts, 1e-9 * f * c.posts);
        const double unique = std::max(f * (1.0 - std::pow(1.0 - per_post / f, c.posts)), per_post);
        EXPECT_NEAR(row.estimated_reach, unique, 1e-9 * f);
        EXPECT_LE(row.estimated_reach, row.impressions + 1e-9);
        EXPECT_GE(row.estimated_reach, row.engagements_per_post - 1e-9);
        EXPECT_EQ(row.cost, cents(12'345 * c.posts));
        EXPECT_NEAR(row.engagement_rate, c.rate, 1e-15);
    }
}

TEST(CampaignTest, AverageInteractionsGiveAnImpliedRate) {
    Influencer influencer = person(1, 1000, 0.0, 10'000, 2);
    influencer.engagement_kind = EngagementInputKind::average_interactions;
    influencer.engagement_value = 150.0; // the article: 1,000 fans, about 150 likes
    const auto result = evaluate(plan({influencer}, 500'000));
    EXPECT_NEAR(result.rows[0].engagement_rate, 0.15, 1e-12);
    EXPECT_NEAR(result.rows[0].expected_engagements, 300.0, 1e-9);
}

TEST(CampaignTest, TenMicrosAtHundredAgainstOneFiveThousandPost) {
    // The article: ten micro bloggers at $100 a post cost $1,000, far below one $5,000
    // post by a blogger with about a million followers, within a $5,000 budget.
    std::vector<Influencer> micros;
    for (std::uint32_t id = 1; id <= 10; ++id) {
        micros.push_back(person(id, 1000, 0.074, 10'000));
    }
    const auto micro_plan = evaluate(plan(micros, 500'000));
    const auto macro_plan = evaluate(plan({person(100, 1'000'000, 0.024, 500'000)}, 500'000));

    EXPECT_EQ(micro_plan.totals.cost, cents(100'000));
    EXPECT_EQ(macro_plan.totals.cost, cents(500'000));
    EXPECT_EQ(micro_plan.totals.budget_left, cents(400'000));
    EXPECT_EQ(micro_plan.totals.overrun, cents(0));
    EXPECT_EQ(macro_plan.totals.budget_left, cents(0));
    EXPECT_EQ(macro_plan.totals.overrun, cents(0));
    EXPECT_NEAR(*micro_plan.totals.share_of_budget, 0.2, 1e-12);
    EXPECT_NEAR(*macro_plan.totals.share_of_budget, 1.0, 1e-12);

    // And the honest part: at these rates the macro post is cheaper per engagement.
    // 10 x 1,000 x 7.4% = 740 engagements for $1,000: $1.35 each (1.3514 rounded).
    // 1,000,000 x 2.4% = 24,000 engagements for $5,000: $0.21 each (0.2083 rounded).
    EXPECT_NEAR(micro_plan.totals.expected_engagements, 740.0, 1e-9);
    EXPECT_NEAR(macro_plan.totals.expected_engagements, 24'000.0, 1e-9);
    EXPECT_EQ(*micro_plan.totals.cost_per_engagement, cents(135));
    EXPECT_EQ(*macro_plan.totals.cost_per_engagement, cents(21));
}

TEST(CampaignTest, BadRowGetsFieldErrorAndOtherRowsStillCompute) {
    auto inputs = plan({person(1, 1000, 0.074, 10'000), person(2, 2000, 0.074, 10'000),
                        person(3, 0, 0.074, 10'000), person(4, 800, 0.15, 10'000)},
                       500'000);
    const auto result = evaluate(inputs);
    ASSERT_EQ(result.errors.size(), 1u);
    EXPECT_EQ(result.errors[0].row, 2u);
    EXPECT_EQ(result.errors[0].id, 3u);
    EXPECT_EQ(result.errors[0].error.code, core::ErrorCode::out_of_range);
    EXPECT_EQ(result.errors[0].error.field, "Row 3, Followers");
    EXPECT_EQ(result.errors[0].error.message,
              "Row 3, Followers: type a whole number from 1 to 10,000,000,000, such as 12,500.");
    EXPECT_TRUE(result.rows[0].valid);
    EXPECT_TRUE(result.rows[1].valid);
    EXPECT_FALSE(result.rows[2].valid);
    EXPECT_TRUE(result.rows[3].valid);
    EXPECT_EQ(result.rows[2].cost, cents(0));
    EXPECT_EQ(result.totals.influencers, 3);
    EXPECT_EQ(result.totals.invalid_rows, 1);
    EXPECT_EQ(result.totals.cost, cents(30'000));
    EXPECT_NEAR(result.totals.expected_engagements, 74.0 + 148.0 + 120.0, 1e-9);
}

TEST(CampaignTest, EveryBadFieldOfARowIsReported) {
    Influencer bad = person(7, -5, 1.5, -100, 2000, 1.2);
    const auto errors = core::validate_influencer(bad, 4, Currency::usd);
    ASSERT_EQ(errors.size(), 5u);
    EXPECT_EQ(errors[0].field, "Row 5, Followers");
    EXPECT_EQ(errors[1].field, "Row 5, Engagement rate");
    EXPECT_EQ(errors[1].message, "Row 5, Engagement rate: type a percentage from 0% to 100%, "
                                 "such as 7.4%.");
    EXPECT_EQ(errors[2].field, "Row 5, Price per post");
    EXPECT_EQ(errors[3].field, "Row 5, Posts");
    EXPECT_EQ(errors[4].field, "Row 5, Audience fit");
    EXPECT_TRUE(core::validate_influencer(person(1, 10, 0.1, 0), 0, Currency::usd).empty());
}

TEST(CampaignTest, NonFiniteEngagementIsARowError) {
    Influencer influencer = person(1, 1000, std::nan(""), 100);
    influencer.engagement_kind = EngagementInputKind::average_interactions;
    const auto errors = core::validate_influencer(influencer, 0, Currency::usd);
    ASSERT_EQ(errors.size(), 1u);
    EXPECT_EQ(errors[0].field, "Row 1, Average interactions");
    influencer.engagement_value = INFINITY;
    EXPECT_EQ(core::validate_influencer(influencer, 0, Currency::usd).size(), 1u);
}

TEST(CampaignTest, PriceInAnotherCurrencyIsARowError) {
    Influencer influencer = person(1, 1000, 0.074, 10'000);
    influencer.price_per_post.currency = Currency::eur;
    const auto result = evaluate(plan({influencer, person(2, 1000, 0.074, 10'000)}, 500'000));
    ASSERT_EQ(result.errors.size(), 1u);
    EXPECT_EQ(result.errors[0].error.message,
              "Row 1, Price per post: use the plan's currency (USD).");
    EXPECT_EQ(result.totals.cost, cents(10'000));
}

TEST(CampaignTest, RepeatedIdMakesTheLaterRowInvalid) {
    const auto result = evaluate(plan({person(5, 1000, 0.074, 100), person(6, 1000, 0.074, 100),
                                       person(5, 1000, 0.074, 100), person(5, 1000, 0.074, 100)},
                                      500'000));
    ASSERT_EQ(result.errors.size(), 2u);
    EXPECT_EQ(result.errors[0].error.field, "Row 3, Id");
    EXPECT_EQ(result.errors[1].error.field, "Row 4, Id");
    EXPECT_NE(result.errors[1].error.message.find("same id as row 1"), std::string::npos);
    EXPECT_TRUE(result.rows[0].valid);
    EXPECT_TRUE(result.rows[1].valid);
    EXPECT_FALSE(result.rows[2].valid);
    EXPECT_EQ(result.totals.influencers, 2);
}

TEST(CampaignTest, BudgetLeftAndOverrunAreRunningAndNeverNegative) {
    const auto result =
        evaluate(plan({person(1, 1000, 0.074, 10'000), person(2, 1000, 0.074, 10'000),
                       person(3, 1000, 0.074, 10'000)},
                      15'000));
    EXPECT_EQ(result.rows[0].budget_left_after, cents(5'000));
    EXPECT_EQ(result.rows[0].overrun_after, cents(0));
    EXPECT_EQ(result.rows[1].budget_left_after, cents(0));
    EXPECT_EQ(result.rows[1].overrun_after, cents(5'000));
    EXPECT_EQ(result.rows[2].overrun_after, cents(15'000));
    EXPECT_EQ(result.totals.budget_left, cents(0));
    EXPECT_EQ(result.totals.overrun, cents(15'000));
    EXPECT_NEAR(*result.totals.share_of_budget, 2.0, 1e-12);
}

TEST(CampaignTest, ZeroBudgetHasNoShareAndEverythingIsOverrun) {
    const auto result = evaluate(plan({person(1, 1000, 0.074, 10'000)}, 0));
    EXPECT_FALSE(result.rows[0].share_of_budget.has_value());
    EXPECT_FALSE(result.totals.share_of_budget.has_value());
    EXPECT_EQ(result.totals.overrun, cents(10'000));
}

TEST(CampaignTest, UnbookedRowCostsNothingAndHasNoCostPerEngagement) {
    const auto result = evaluate(plan({person(1, 1000, 0.074, 10'000, 0)}, 500'000));
    EXPECT_TRUE(result.rows[0].valid);
    EXPECT_EQ(result.rows[0].cost, cents(0));
    EXPECT_FALSE(result.rows[0].cost_per_engagement.has_value());
    EXPECT_FALSE(result.rows[0].cpm.has_value());
    EXPECT_EQ(result.totals.booked, 0);
    EXPECT_EQ(result.totals.influencers, 1);
}

TEST(CampaignTest, FreePostsHaveZeroCostPerEngagement) {
    const auto result = evaluate(plan({person(1, 1000, 0.074, 0)}, 500'000));
    ASSERT_TRUE(result.rows[0].cost_per_engagement.has_value());
    EXPECT_EQ(*result.rows[0].cost_per_engagement, cents(0));
}

TEST(CampaignTest, PlanWideInputErrors) {
    auto inputs = plan({person(1, 1000, 0.074, 100)}, -1);
    auto result = core::evaluate_campaign(inputs);
    ASSERT_FALSE(result.ok());
    EXPECT_EQ(result.error().field, "Budget");

    inputs = plan({person(1, 1000, 0.074, 100)}, 100);
    inputs.reach_rate = 1.5;
    result = core::evaluate_campaign(inputs);
    ASSERT_FALSE(result.ok());
    EXPECT_EQ(result.error().field, "Reach rate");
    EXPECT_EQ(result.error().message,
              "Reach rate: type a percentage from 0% to 100%, such as 10%.");

    inputs = plan({person(1, 1000, 0.074, 100)}, 100);
    inputs.funnel.conversion_rate = -0.1;
    result = core::evaluate_campaign(inputs);
    ASSERT_FALSE(result.ok());
    EXPECT_EQ(result.error().field, "Conversion rate");
}

TEST(CampaignTest, FunnelStartsFromTargetedEngagementsByDefault) {
    auto inputs = plan({person(1, 10'000, 0.05, 10'000, 1, 0.5)}, 500'000);
    inputs.funnel.click_through_rate = 0.1;
    inputs.funnel.conversion_rate = 0.2;
    auto result = evaluate(inputs);
    // 500 engagements, 250 targeted, x 10% = 25 clicks, x 20% = 5 conversions.
    EXPECT_NEAR(result.rows[0].clicks, 25.0, 1e-9);
    EXPECT_NEAR(result.rows[0].conversions, 5.0, 1e-9);
    EXPECT_NEAR(result.totals.funnel.conversions, 5.0, 1e-9);
    EXPECT_EQ(*result.rows[0].cost_per_conversion, cents(2'000));

    inputs.funnel_from_targeted = false;
    result = evaluate(inputs);
    EXPECT_NEAR(result.rows[0].clicks, 50.0, 1e-9);
    EXPECT_NEAR(result.totals.funnel.clicks, 50.0, 1e-9);

    inputs.funnel.click_basis = core::ClickBasis::impressions; // 1,000 impressions
    result = evaluate(inputs);
    EXPECT_NEAR(result.rows[0].clicks, 100.0, 1e-9);
}

TEST(CampaignTest, NextInfluencerId) {
    EXPECT_EQ(core::next_influencer_id({}), 1u);
    EXPECT_EQ(core::next_influencer_id({person(3, 1, 0, 0), person(9, 1, 0, 0)}), 10u);
    EXPECT_EQ(core::next_influencer_id({person(UINT32_MAX, 1, 0, 0), person(1, 1, 0, 0)}), 2u);
}

TEST(CampaignTest, TenThousandRowsEvaluate) {
    std::vector<Influencer> roster;
    for (std::uint32_t id = 1; id <= 10'000; ++id) {
        roster.push_back(person(id, 1000 + id, 0.05, 10'000 + id, 1 + int(id % 3), 0.5));
    }
    const auto result = evaluate(plan(roster, 100'000'000));
    EXPECT_EQ(result.totals.influencers, 10'000);
    EXPECT_TRUE(result.errors.empty());
    std::int64_t cost = 0;
    for (const Influencer& influencer : roster) {
        cost += influencer.price_per_post.cents * influencer.posts;
    }
    EXPECT_EQ(result.totals.cost, cents(cost));
}

bool money_ok(const Money& money) {
    return money.cents >= 0 && money.cents <= core::max_money_cents;
}

bool money_ok(const std::optional<Money>& money) {
    return !money.has_value() || money_ok(*money);
}

TEST(CampaignTest, PropertyRandomRostersAreFiniteNonNegativeAndTotalsSumRows) {
    std::mt19937_64 engine(20'240'601);
    const auto uniform = [&] {
        return static_cast<double>(engine() >> 11) * 0x1.0p-53;
    };
    for (int round = 0; round < 300; ++round) {
        std::vector<Influencer> roster;
        const int rows = static_cast<int>(engine() % 40);
        for (int r = 0; r < rows; ++r) {
            Influencer influencer;
            influencer.id = static_cast<std::uint32_t>(engine() % 50); // some repeats
            // Mostly valid rows, some out of range on purpose.
            influencer.followers = static_cast<std::int64_t>(engine() % 2'000'000) - 1000;
            influencer.engagement_kind = (engine() % 2) != 0
                                             ? EngagementInputKind::rate
                                             : EngagementInputKind::average_interactions;
            influencer.engagement_value = influencer.engagement_kind == EngagementInputKind::rate
                                              ? uniform() * 1.1
                                              : uniform() * 50'000.0;
            influencer.price_per_post =
                cents(static_cast<std::int64_t>(engine() % 1'000'000) - 10'000);
            influencer.posts = static_cast<int>(engine() % 1100);
            influencer.audience_fit = uniform() * 1.05;
            roster.push_back(influencer);
        }
        auto inputs = plan(roster, static_cast<std::int64_t>(engine() % 100'000'000));
        inputs.reach_rate = uniform();
        inputs.funnel_from_targeted = (engine() % 2) != 0;
        const auto result = evaluate(inputs);
        ASSERT_EQ(result.rows.size(), roster.size());

        double engagements = 0, targeted = 0, reach = 0, impressions = 0, clicks = 0,
               conversions = 0;
        std::int64_t cost = 0;
        std::int64_t valid = 0;
        for (const core::RowMetrics& row : result.rows) {
            for (double v : {row.engagement_rate, row.engagements_per_post,
                             row.expected_engagements, row.targeted_engagements, row.impressions,
                             row.estimated_reach, row.clicks, row.conversions}) {
                ASSERT_TRUE(std::isfinite(v));
                ASSERT_GE(v, 0.0);
            }
            ASSERT_TRUE(money_ok(row.cost));
            ASSERT_TRUE(money_ok(row.cost_per_engagement));
            ASSERT_TRUE(money_ok(row.cost_per_targeted_engagement));
            ASSERT_TRUE(money_ok(row.cpm));
            ASSERT_TRUE(money_ok(row.cost_per_conversion));
            ASSERT_TRUE(money_ok(row.budget_left_after));
            ASSERT_TRUE(money_ok(row.overrun_after));
            ASSERT_TRUE(row.budget_left_after.cents == 0 || row.overrun_after.cents == 0);
            if (row.share_of_budget) {
                ASSERT_TRUE(std::isfinite(*row.share_of_budget));
            }
            engagements += row.expected_engagements;
            targeted += row.targeted_engagements;
            reach += row.estimated_reach;
            impressions += row.impressions;
            clicks += row.clicks;
            conversions += row.conversions;
            cost += row.cost.cents;
            valid += row.valid ? 1 : 0;
        }
        const core::CampaignTotals& t = result.totals;
        EXPECT_EQ(t.influencers, valid);
        EXPECT_EQ(t.invalid_rows, static_cast<std::int64_t>(roster.size()) - valid);
        EXPECT_EQ(t.cost.cents, cost);
        EXPECT_DOUBLE_EQ(t.expected_engagements, engagements);
        EXPECT_DOUBLE_EQ(t.targeted_engagements, targeted);
        EXPECT_DOUBLE_EQ(t.estimated_reach, reach);
        EXPECT_DOUBLE_EQ(t.impressions, impressions);
        EXPECT_DOUBLE_EQ(t.clicks, clicks);
        EXPECT_DOUBLE_EQ(t.conversions, conversions);
        EXPECT_NEAR(t.funnel.clicks, clicks, 1e-9 * (1.0 + clicks));
        EXPECT_EQ(t.budget_left.cents - t.overrun.cents, inputs.budget.cents - cost);
        EXPECT_TRUE(t.budget_left.cents == 0 || t.overrun.cents == 0);
        EXPECT_TRUE(money_ok(t.budget_left) && money_ok(t.overrun));
        EXPECT_TRUE(money_ok(t.cost_per_engagement) && money_ok(t.cpm));
        EXPECT_TRUE(money_ok(t.funnel.revenue));
        EXPECT_TRUE(std::isfinite(t.engagement_rate));
        EXPECT_EQ(result.errors.empty(), t.invalid_rows == 0);
        for (std::size_t k = 1; k < result.errors.size(); ++k) {
            EXPECT_LE(result.errors[k - 1].row, result.errors[k].row);
        }
    }
}

} // namespace
