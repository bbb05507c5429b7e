#include "core/scenario.hpp"
#include "tests/unit/test_money.hpp"

#include <algorithm>
#include <cmath>
#include <gtest/gtest.h>
#include <map>
#include <string>

namespace {

using core::Currency;
using core::Money;

TEST(ScenarioTest, DefaultScenarioTellsTheArticlesStory) {
    const core::Scenario s = core::default_scenario();
    EXPECT_EQ(s.version, core::scenario_version);
    EXPECT_EQ(s.budget, cents(500'000));
    EXPECT_EQ(s.assumptions.currency, Currency::usd);
    EXPECT_EQ(s.assumptions.benchmark_set_id, "article");
    ASSERT_EQ(s.roster.size(), 11u);

    const core::Influencer& macro = s.roster[0];
    EXPECT_EQ(macro.followers, 1'000'000);
    EXPECT_EQ(macro.price_per_post, cents(500'000));
    EXPECT_NEAR(macro.engagement_value, 0.024, 1e-12); // the article: 2.4% over 100,000

    std::map<std::string, int> regions;
    for (std::size_t i = 1; i < s.roster.size(); ++i) {
        const core::Influencer& micro = s.roster[i];
        EXPECT_EQ(micro.price_per_post, cents(10'000));
        EXPECT_LE(micro.followers, 2000);
        ++regions[micro.region];
        // The article's figures (15% under 1,000 followers, 7.4% from 1,000 to 9,999) on
        // the curve through them: between 8.5% (2,000 followers) and 15% (300).
        EXPECT_GE(micro.engagement_value, 0.085);
        EXPECT_LE(micro.engagement_value, 0.15);
    }
    EXPECT_EQ(regions["New England"], 3);
    EXPECT_EQ(regions["Florida"], 3);
    EXPECT_EQ(regions["Midwest"], 2);
    EXPECT_EQ(regions.size(), 5u);
    for (const core::Influencer& influencer : s.roster) {
        if (influencer.region == "Florida") {
            EXPECT_LT(influencer.followers, 1000); // "a few hundred engaged readers"
        }
    }
}

TEST(ScenarioTest, DefaultsAreTheSameForBigAndSmall) {
    const core::Scenario s = core::default_scenario();
    const core::BenchmarkSet& set = core::active_benchmark_set(s);
    for (const core::Influencer& influencer : s.roster) {
        EXPECT_EQ(influencer.posts, 1);
        EXPECT_EQ(influencer.audience_fit, 1.0);
        EXPECT_EQ(influencer.engagement_kind, core::EngagementInputKind::rate);
        // Every row, big or small, takes the expected rate on the same curve.
        EXPECT_NEAR(influencer.engagement_value,
                    core::expected_engagement_rate(set, influencer.followers), 5e-5);
        EXPECT_FALSE(influencer.notes.empty());
    }
    EXPECT_EQ(s.comparison.metric, core::PlanMetric::engagements);
    EXPECT_EQ(s.comparison.judgement, core::Judgement::cost_per_result);
}

TEST(ScenarioTest, EveryDefaultRowIsValidAndIdsAreUnique) {
    const core::Scenario s = core::default_scenario();
    const auto result = core::evaluate_campaign(core::campaign_inputs(s));
    ASSERT_TRUE(result.ok());
    EXPECT_TRUE(result.value().errors.empty());
    EXPECT_EQ(result.value().totals.influencers, 11);
    // All eleven booked: $6,000 against $5,000, so the plan shows a $1,000 overrun.
    EXPECT_EQ(result.value().totals.cost, cents(600'000));
    EXPECT_EQ(result.value().totals.overrun, cents(100'000));
}

// The article's story: ten regional bloggers at $100 against one national blogger at
// $5,000. Each blogger's rate is the expected rate for their size on the curve through the
// article's figures (1,000 followers: 10.54%, between its 15% and 7.4%; before the curve,
// the tier step gave 7.4%), so the ten expect 1,027.7 engagements (834.9 with the steps).
// The national blogger still wins on cost per engagement: $0.21 against $0.97. The
// regional bloggers would tie at $5,000 / 24,000 x 1,027.73 / 10 = $21.41 a post (the
// break-even price; $17.39 with the steps).
TEST(ScenarioTest, ArticleTenMicrosAtHundredAgainstOneFiveThousandPost) {
    const core::Scenario s = core::default_scenario();
    const auto result = core::compare_scenario(s);
    ASSERT_TRUE(result.ok());
    const core::Comparison& c = result.value();
    EXPECT_EQ(c.a.cost, cents(500'000));
    EXPECT_EQ(c.b.cost, cents(100'000));
    EXPECT_EQ(c.b.influencers, 10);
    EXPECT_TRUE(c.a.within_budget);
    EXPECT_TRUE(c.b.within_budget);
    EXPECT_EQ(c.b.budget_left, cents(400'000));
    EXPECT_NEAR(c.a.engagements, 24'000.0, 1e-9);
    EXPECT_NEAR(c.b.engagements, 1'027.73, 1e-9);
    EXPECT_EQ(c.winner, core::Winner::a);
    EXPECT_EQ(c.a.cost_per_engagement, cents(21));
    EXPECT_EQ(c.b.cost_per_engagement, cents(97));
    EXPECT_EQ(c.break_even.price_per_post, cents(2'141)); // 102.773 x 5,000 / 24,000
    EXPECT_NE(c.verdict.find("$0.21 against $0.97"), std::string::npos) << c.verdict;
    // Reach beside CPM: the national blogger's post reaches 8.2% of 1,000,000 followers
    // (Socialbakers 2012, 100,000 to 999,999 fans, flat beyond): 82,000 people, $5,000 /
    // 82 = $60.98 per 1,000 people reached, and as many impressions (one post).
    EXPECT_NEAR(c.a.estimated_reach, 82'000.0, 1e-6);
    EXPECT_EQ(c.a.cost_per_thousand_reached, cents(6'098));
    EXPECT_EQ(c.a.cpm, cents(6'098));
    // The ten regional bloggers: each post reaches at least its engagements, and one
    // audience in ten is shared (the default overlap), so fewer people than the sum.
    const core::CampaignResult& b = c.campaign_b;
    double sum = 0.0, largest = 0.0;
    for (const core::RowMetrics& row : b.rows) {
        EXPECT_GE(row.estimated_reach, row.engagements_per_post);
        EXPECT_GE(row.impressions, row.estimated_reach * (1.0 - 1e-12));
        sum += row.estimated_reach;
        largest = std::max(largest, row.estimated_reach);
    }
    EXPECT_NEAR(c.b.estimated_reach, sum - 0.1 * (sum - largest), 1e-9);
    EXPECT_EQ(c.b.cost_per_thousand_reached,
              core::cost_per_unit(cents(100'000), c.b.estimated_reach / 1000.0));
}

TEST(ScenarioTest, InputsAreBuiltFromTheScenario) {
    core::Scenario s = core::default_scenario();
    s.assumptions.reach_rate = 0.25;
    s.assumptions.funnel.margin = 0.3;
    s.assumptions.funnel_from_targeted = false;
    s.assumptions.number_format.decimal_comma = true;
    s.actuals.push_back(core::ActualResult{2, 70, 4, 0, 0, 1, 0, cents(0)});
    s.tracking.averaging = core::Averaging::median;

    const core::CampaignInputs campaign = core::campaign_inputs(s);
    EXPECT_EQ(campaign.roster.size(), s.roster.size());
    EXPECT_EQ(campaign.budget, s.budget);
    EXPECT_EQ(campaign.reach_rate, 0.25);
    EXPECT_FALSE(campaign.funnel_from_targeted);

    const core::ComparisonInputs comparison = core::comparison_inputs(s);
    EXPECT_EQ(comparison.setup.b.influencers.size(), 10u);
    EXPECT_EQ(comparison.reach_rate, 0.25);
    EXPECT_TRUE(comparison.number_format.decimal_comma);

    const core::TrackingInputs tracking = core::tracking_inputs(s);
    EXPECT_EQ(tracking.results.size(), 1u);
    EXPECT_EQ(tracking.margin, 0.3);
    EXPECT_EQ(tracking.averaging, core::Averaging::median);
}

TEST(ScenarioTest, ActiveBenchmarkSetFallsBack) {
    core::Scenario s = core::default_scenario();
    s.assumptions.benchmark_set_id = "markerly-2016";
    EXPECT_EQ(core::active_benchmark_set(s).id, "markerly-2016");
    s.assumptions.benchmark_set_id = "no-such-set";
    EXPECT_EQ(core::active_benchmark_set(s).id, s.assumptions.benchmark_sets.front().id);
    s.assumptions.benchmark_sets.clear();
    EXPECT_EQ(core::active_benchmark_set(s).id, core::builtin_benchmark_sets().front().id);
}

TEST(ScenarioTest, BenchmarkInfluencerTakesTheExpectedRateOnTheCurve) {
    const core::BenchmarkSet* markerly =
        core::find_benchmark_set(core::builtin_benchmark_sets(), "markerly-2016");
    ASSERT_NE(markerly, nullptr);
    // 316 is the middle of Markerly's "under 1,000" tier: its own 8%.
    const core::Influencer small =
        core::benchmark_influencer(*markerly, 5, "Ana", 316, cents(10'000), "Florida");
    EXPECT_NEAR(small.engagement_value, 0.08, 1e-4);
    EXPECT_EQ(small.id, 5u);
    EXPECT_EQ(small.region, "Florida");
    EXPECT_NE(small.notes.find("8.0%"), std::string::npos);
    // 999 and 1,000 followers expect almost the same rate: no cliff at the tier edge.
    const double below =
        core::benchmark_influencer(*markerly, 6, "Bo", 999, cents(1), "X").engagement_value;
    const double at =
        core::benchmark_influencer(*markerly, 7, "Cy", 1'000, cents(1), "X").engagement_value;
    EXPECT_NEAR(at / below, 1.0, 1e-3);
    EXPECT_NEAR(at, std::sqrt(0.08 * 0.04), 1e-4);
}

} // namespace
