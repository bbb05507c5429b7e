#include "core/plan_optimizer.hpp"
#include "tests/unit/test_money.hpp"

#include <gtest/gtest.h>
#include <string>
#include <vector>

namespace {

using core::CampaignInputs;
using core::Currency;
using core::ErrorCode;
using core::Influencer;
using core::Money;
using core::Objective;
using core::OptimizerSettings;

Influencer influencer(std::uint32_t id, std::string name, std::int64_t followers, double rate,
                      std::int64_t price_dollars, std::string region = "", double fit = 1.0) {
    Influencer i;
    i.id = id;
    i.name = std::move(name);
    i.platform = "Instagram";
    i.followers = followers;
    i.engagement_kind = core::EngagementInputKind::rate;
    i.engagement_value = rate;
    i.price_per_post = dollars(price_dollars);
    i.posts = 1;
    i.region = std::move(region);
    i.audience_fit = fit;
    return i;
}

// The article's story: a national blogger with millions of followers at $5,000 a post
// (24,000 engagements at 1.2%), and ten regional micro bloggers at $100 each with
// 1,850 followers at 7.4% (136.9 engagements each).
CampaignInputs article(std::int64_t budget_dollars) {
    CampaignInputs inputs;
    inputs.budget = dollars(budget_dollars);
    inputs.roster.push_back(influencer(1, "National mommy blogger", 2'000'000, 0.012, 5'000));
    const char* regions[] = {"New England", "New England", "New England", "Florida", "Florida",
                             "Florida",     "Midwest",     "Midwest",     "Texas",   "Texas"};
    for (std::uint32_t k = 0; k < 10; ++k) {
        inputs.roster.push_back(
            influencer(10 + k, "Micro " + std::to_string(k + 1), 1'850, 0.074, 100, regions[k]));
    }
    return inputs;
}

TEST(PlanOptimizerTest, ArticleBudgetHiresTheTenMicros) {
    const auto result = core::optimize_campaign(
        article(1'000), core::mixed_pool_settings(Objective::expected_engagements));
    ASSERT_TRUE(result.ok()) << result.error().message;
    const auto& plan = result.value();
    EXPECT_EQ(plan.solution.status, core::SolveStatus::optimal);
    EXPECT_EQ(plan.candidates, 11);
    ASSERT_EQ(plan.picks.size(), 10U);
    EXPECT_EQ(plan.picks.front().id, 10U);
    EXPECT_NEAR(plan.solution.objective, 10 * 1'850 * 0.074, 1e-6);
    EXPECT_EQ(plan.summary, "Hire 10 of 11 influencers for $1,000 of the $1,000 budget: 1,369 "
                            "expected engagements, the most any plan within your rules can "
                            "reach.");
}

TEST(PlanOptimizerTest, RegionsMatchIgnoringCaseAndSpaces) {
    CampaignInputs inputs = article(300);
    inputs.roster[4].region = "florida "; // Micro 4
    inputs.roster[5].region = "FLORIDA";  // Micro 5
    // The cheapest micro in Florida is less engaging: coverage must still pick two there.
    inputs.roster[4].engagement_value = 0.01;
    inputs.roster[5].engagement_value = 0.01;
    inputs.roster[6].engagement_value = 0.01;
    OptimizerSettings settings = core::mixed_pool_settings(Objective::expected_engagements);
    settings.coverage = {core::RegionCoverage{"Florida", 2, std::nullopt}};
    const auto result = core::optimize_campaign(inputs, settings);
    ASSERT_TRUE(result.ok()) << result.error().message;
    int in_florida = 0;
    for (const auto& pick : result.value().picks) {
        in_florida += pick.id >= 13 && pick.id <= 15 ? 1 : 0; // Micro 4, 5 and 6
    }
    EXPECT_EQ(in_florida, 2);
    EXPECT_EQ(result.value().picks.size(), 3U);
}

TEST(PlanOptimizerTest, TargetedEngagementsUseAudienceFit) {
    CampaignInputs inputs;
    inputs.budget = dollars(100);
    inputs.roster = {influencer(1, "Broad", 10'000, 0.05, 100, "", 0.1),
                     influencer(2, "Niche", 5'000, 0.05, 100, "", 0.9)};
    auto broad =
        core::optimize_campaign(inputs, core::mixed_pool_settings(Objective::expected_engagements));
    auto niche =
        core::optimize_campaign(inputs, core::mixed_pool_settings(Objective::targeted_engagements));
    ASSERT_TRUE(broad.ok());
    ASSERT_TRUE(niche.ok());
    EXPECT_EQ(broad.value().picks.at(0).id, 1U); // 500 engagements against 250
    EXPECT_EQ(niche.value().picks.at(0).id, 2U); // 225 targeted against 50
    EXPECT_NEAR(niche.value().solution.objective, 5'000 * 0.05 * 0.9, 1e-9);
}

TEST(PlanOptimizerTest, RowsWithoutPostsOrWithErrorsAreNotOffered) {
    CampaignInputs inputs = article(1'000);
    inputs.roster[2].posts = 0;      // Micro 2: unbooked
    inputs.roster[3].followers = -5; // Micro 3: a bad row
    const auto result =
        core::optimize_campaign(inputs, core::mixed_pool_settings(Objective::expected_engagements));
    ASSERT_TRUE(result.ok()) << result.error().message;
    EXPECT_EQ(result.value().candidates, 9);
    EXPECT_EQ(result.value().not_offered, (std::vector<std::uint32_t>{11, 12}));
    EXPECT_EQ(result.value().picks.size(), 8U);
}

TEST(PlanOptimizerTest, PinsOnUnknownOrUnbookedRowsAreErrors) {
    CampaignInputs inputs = article(1'000);
    inputs.roster[2].posts = 0; // Micro 2, id 11
    OptimizerSettings settings = core::mixed_pool_settings(Objective::expected_engagements);
    settings.must_include = {99};
    auto result = core::optimize_campaign(inputs, settings);
    ASSERT_FALSE(result.ok());
    EXPECT_EQ(result.error().message,
              "Must include: influencer #99 is not in the roster; remove the pin.");
    settings.must_include = {11};
    result = core::optimize_campaign(inputs, settings);
    ASSERT_FALSE(result.ok());
    EXPECT_EQ(result.error().message, "Must include: Micro 2 cannot be hired because no posts are "
                                      "booked; fix the row or remove the pin.");
    // Pinning the macro post in: it alone takes the whole budget of $5,000.
    inputs.budget = dollars(5'000);
    settings.must_include = {1};
    settings.must_exclude = {11, 12};
    result = core::optimize_campaign(inputs, settings);
    ASSERT_TRUE(result.ok()) << result.error().message;
    ASSERT_EQ(result.value().picks.size(), 1U);
    EXPECT_EQ(result.value().picks[0].id, 1U);
}

TEST(PlanOptimizerTest, InfeasibleCoverageExplainsInMarketerWords) {
    OptimizerSettings settings = core::mixed_pool_settings(Objective::expected_engagements);
    settings.coverage = {core::RegionCoverage{"Texas", 3, std::nullopt}};
    const auto result = core::optimize_campaign(article(1'000), settings);
    ASSERT_FALSE(result.ok());
    EXPECT_EQ(result.error().code, ErrorCode::infeasible);
    EXPECT_EQ(result.error().message, "Texas needs 3 hires but only 2 candidates are there; lower "
                                      "the minimum or add candidates from Texas.");
}

TEST(PlanOptimizerTest, MacroAgainstMicrosWhenTheMacroPostDoesNotFit) {
    const auto result = core::compare_macro_and_micros(
        article(1'000), core::mixed_pool_settings(Objective::expected_engagements));
    ASSERT_TRUE(result.ok()) << result.error().message;
    const auto& c = result.value();
    EXPECT_EQ(c.macro_picked, 0);
    EXPECT_EQ(c.micro_picked, 10);
    EXPECT_TRUE(c.macro_only.any_candidate);
    EXPECT_FALSE(c.macro_only.has_plan);
    EXPECT_TRUE(c.micro_only.has_plan);
    EXPECT_NEAR(c.micro_only.value, 1'369.0, 1e-6);
    // $1,000 / 1,369 = $0.73 per engagement.
    EXPECT_EQ(c.text,
              "Picked 10 micro influencers for $1,000: 1,369 expected engagements ($0.73 each). "
              "No macro influencer fits the budget: the cheapest, National mommy blogger, costs "
              "$5,000 for 24,000 expected engagements. Micro influencers alone: 1,369 expected "
              "engagements for $1,000 ($0.73 each) with 10 influencers. Micro influencers win "
              "here: no macro plan fits the budget.");
}

TEST(PlanOptimizerTest, MacroAgainstMicrosSaysSoWhenTheMacroWins) {
    const auto result = core::compare_macro_and_micros(
        article(5'000), core::mixed_pool_settings(Objective::expected_engagements));
    ASSERT_TRUE(result.ok()) << result.error().message;
    const auto& c = result.value();
    EXPECT_EQ(c.macro_picked, 1);
    EXPECT_EQ(c.micro_picked, 0);
    EXPECT_NEAR(c.mixed.solution.objective, 24'000.0, 1e-6);
    // 24,000 - 1,369 = 22,631 more than all ten micros.
    EXPECT_NE(c.text.find("The macro side wins here: 22,631 more expected engagements than the "
                          "best micro-only plan."),
              std::string::npos)
        << c.text;
}

TEST(PlanOptimizerTest, MacroAgainstMicrosCanPickAMix) {
    CampaignInputs inputs = article(5'300);
    const auto result = core::compare_macro_and_micros(
        inputs, core::mixed_pool_settings(Objective::expected_engagements));
    ASSERT_TRUE(result.ok()) << result.error().message;
    const auto& c = result.value();
    EXPECT_EQ(c.macro_picked, 1);
    EXPECT_EQ(c.micro_picked, 3);
    // 24,000 + 3 x 136.9 = 24,410.7, against 24,000 for the macro alone.
    EXPECT_NE(c.text.find("A mix wins here: 411 more expected engagements"), std::string::npos)
        << c.text;
}

} // namespace
