#include "core/plan_source.hpp"
#include "core/scenario.hpp"
#include "core/state_json.hpp"
#include "tests/unit/test_money.hpp"

#include <gtest/gtest.h>
#include <string>
#include <vector>

namespace {

using core::Influencer;
using core::PlanRule;
using core::PlanSource;
using core::PlanSourceKind;
using core::PlanSources;

Influencer creator(std::uint32_t id, std::int64_t followers, std::int64_t price_dollars,
                   std::string region = "Texas", std::string niche = "Parenting") {
    Influencer row;
    row.id = id;
    row.name = "Creator " + std::to_string(id);
    row.followers = followers;
    row.engagement_value = 0.05;
    row.price_per_post = dollars(price_dollars);
    row.region = std::move(region);
    row.niche = std::move(niche);
    return row;
}

// One macro creator ($5,000) and 30 micro creators of 500 .. 3,400 followers ($100 each),
// the odd ones in Florida.
std::vector<Influencer> roster_of_31() {
    std::vector<Influencer> roster{creator(1, 1'000'000, 5'000, "National")};
    for (std::uint32_t i = 0; i < 30; ++i) {
        roster.push_back(creator(i + 2, 500 + 100 * i, 100, i % 2 == 1 ? "Florida" : "Texas"));
    }
    return roster;
}

PlanSource rule(PlanRule r, int count = 1, std::string value = {}) {
    PlanSource source;
    source.kind = PlanSourceKind::rule;
    source.rule = r;
    source.count = count;
    source.value = std::move(value);
    return source;
}

core::Result<core::ResolvedPlans> resolve(const PlanSources& sources,
                                          const std::vector<Influencer>& roster,
                                          std::int64_t budget_dollars = 5'000,
                                          core::ComparisonSetup entered = {}) {
    return core::resolve_plans(entered, sources, roster, dollars(budget_dollars), {});
}

std::vector<std::uint32_t> ids(const core::PlanGroup& group) {
    std::vector<std::uint32_t> out;
    for (const Influencer& row : group.influencers) {
        out.push_back(row.id);
    }
    return out;
}

TEST(PlanSource, BiggestAgainstTwentySmallest) {
    const auto plans =
        resolve({rule(PlanRule::biggest), rule(PlanRule::smallest, 20), false}, roster_of_31());
    ASSERT_TRUE(plans.ok()) << plans.error().message;
    EXPECT_EQ(ids(plans.value().setup.a), std::vector<std::uint32_t>{1});
    ASSERT_EQ(plans.value().setup.b.influencers.size(), 20u);
    EXPECT_EQ(plans.value().setup.b.influencers.front().followers, 500); // fewest first
    EXPECT_EQ(plans.value().setup.b.influencers.back().followers, 2'400);
    EXPECT_EQ(plans.value().setup.a.name, "Your biggest creator");
    EXPECT_EQ(plans.value().setup.b.name, "Your 20 smallest creators");
}

TEST(PlanSource, TheRestIsEveryRowTheOtherPlanDoesNotHold) {
    const auto plans =
        resolve({rule(PlanRule::biggest), rule(PlanRule::rest), false}, roster_of_31());
    ASSERT_TRUE(plans.ok());
    EXPECT_EQ(plans.value().setup.b.influencers.size(), 30u);
    EXPECT_EQ(plans.value().setup.b.name, "Your 30 other creators");
    // "The rest" on plan A is resolved after plan B.
    const auto swapped =
        resolve({rule(PlanRule::rest), rule(PlanRule::smallest, 5), false}, roster_of_31());
    ASSERT_TRUE(swapped.ok());
    EXPECT_EQ(swapped.value().setup.a.influencers.size(), 26u);
}

TEST(PlanSource, RegionNicheTierAndPickedRows) {
    const auto roster = roster_of_31();
    PlanSource tier = rule(PlanRule::tier);
    tier.min_followers = 1'000;
    tier.max_followers = 1'499;
    PlanSource picked;
    picked.kind = PlanSourceKind::rows;
    picked.row_ids = {7, 3, 99};
    const auto plans = resolve({rule(PlanRule::region, 1, " florida "), tier, false}, roster);
    ASSERT_TRUE(plans.ok()) << plans.error().message;
    EXPECT_EQ(plans.value().setup.a.influencers.size(), 15u);
    EXPECT_EQ(plans.value().setup.a.name, "Creators in florida");
    EXPECT_EQ(plans.value().setup.b.influencers.size(), 5u); // 1,000 .. 1,400
    EXPECT_EQ(plans.value().setup.b.name, "Creators with 1,000 to 1,499 followers");
    const auto rows = resolve({picked, rule(PlanRule::niche, 1, "parenting"), false}, roster);
    ASSERT_TRUE(rows.ok());
    EXPECT_EQ(ids(rows.value().setup.a), (std::vector<std::uint32_t>{3, 7})); // roster order
    EXPECT_EQ(rows.value().setup.a.name, "2 picked creators");
    EXPECT_EQ(rows.value().setup.b.influencers.size(), 31u);
}

TEST(PlanSource, EmptyResultsSayWhatToDo) {
    const auto roster = roster_of_31();
    const auto no_region = resolve({rule(PlanRule::region, 1, "Oregon"), {}, false}, roster);
    ASSERT_FALSE(no_region.ok());
    EXPECT_EQ(no_region.error().field, "Plan A");
    EXPECT_EQ(no_region.error().message, "Plan A: no roster row has the region \"Oregon\"; check "
                                         "the spelling or pick another region.");
    PlanSource tier = rule(PlanRule::tier);
    tier.min_followers = 10'000;
    tier.max_followers = 99'999;
    const auto no_tier = resolve({{}, tier, false}, roster);
    ASSERT_FALSE(no_tier.ok());
    EXPECT_EQ(no_tier.error().message, "Plan B: no roster row has 10,000 to 99,999 followers; "
                                       "pick another tier or add creators of that size.");
    const auto empty_roster = resolve({rule(PlanRule::biggest), {}, false}, {});
    ASSERT_FALSE(empty_roster.ok());
    EXPECT_EQ(empty_roster.error().message,
              "Plan A: the roster is empty; add or import creators on the Plan screen first.");
    const auto both_rest = resolve({rule(PlanRule::rest), rule(PlanRule::rest), false}, roster);
    ASSERT_FALSE(both_rest.ok());
    EXPECT_EQ(both_rest.error().field, "Plan B");
    const auto zero = resolve({rule(PlanRule::smallest, 0), {}, false}, roster);
    ASSERT_FALSE(zero.ok());
    EXPECT_EQ(zero.error().code, core::ErrorCode::out_of_range);
}

TEST(PlanSource, SameBudgetFillsTypicalPlansWithWhatTheBudgetBuys) {
    // The article: $5,000 buys one $5,000 macro post or fifty $100 micro posts.
    core::ComparisonSetup entered;
    entered.a.influencers = {creator(1, 1'000'000, 5'000)};
    entered.b.influencers = {creator(2, 1'000, 100)};
    PlanSource typical;
    typical.kind = PlanSourceKind::typical;
    typical.count = 10;
    const auto fitted = resolve({typical, typical, true}, {}, 5'000, entered);
    ASSERT_TRUE(fitted.ok()) << fitted.error().message;
    EXPECT_EQ(fitted.value().setup.a.influencers.size(), 1u);
    EXPECT_EQ(fitted.value().setup.b.influencers.size(), 50u);
    EXPECT_EQ(fitted.value().setup.b.name, "50 influencers like Creator 2");
    ASSERT_EQ(fitted.value().notes.size(), 2u);
    EXPECT_EQ(fitted.value().notes[1], "Same budget, 50 influencers like Creator 2: $5,000 buys "
                                       "50 influencers like Creator 2 (10 entered).");
    const auto as_entered = resolve({typical, typical, false}, {}, 5'000, entered);
    ASSERT_TRUE(as_entered.ok());
    EXPECT_EQ(as_entered.value().setup.b.influencers.size(), 10u);
    EXPECT_TRUE(as_entered.value().notes.empty());
}

TEST(PlanSource, SameBudgetKeepsTheRowsThatFit) {
    auto roster = roster_of_31();
    roster[3].price_per_post = dollars(4'000); // the third smallest asks too much
    const auto plans =
        resolve({rule(PlanRule::biggest), rule(PlanRule::smallest, 20), true}, roster, 1'500);
    ASSERT_TRUE(plans.ok());
    // The biggest alone is over $1,500: it stays, and the verdict will say so.
    EXPECT_EQ(plans.value().setup.a.influencers.size(), 1u);
    // Fewest followers first: 14 rows of $100 fit, the $4,000 one is skipped.
    EXPECT_EQ(plans.value().setup.b.influencers.size(), 15u);
    ASSERT_EQ(plans.value().notes.size(), 1u);
    EXPECT_EQ(plans.value().notes[0],
              "Same budget, Your 20 smallest creators: 5 of 20 rows do not fit the $1,500 budget "
              "and are left out (Creator 4, Creator 18, Creator 19 and 2 more).");
}

TEST(PlanSource, VerdictHeadlineNamesThePlanOverBudget) {
    core::Scenario s = core::default_scenario();
    s.budget = dollars(3'000);
    const auto c = core::compare_scenario(s);
    ASSERT_TRUE(c.ok()) << c.error().message;
    EXPECT_EQ(c.value().winner, core::Winner::a);
    EXPECT_NE(c.value().verdict.find("Your biggest creator does not fit the $3,000 budget: it "
                                     "costs $5,000, $2,000 over."),
              std::string::npos)
        << c.value().verdict;
    for (const std::string& note : c.value().notes) {
        EXPECT_EQ(note.find("over the $3,000 budget"), std::string::npos) << note;
    }
}

TEST(PlanSource, DefaultComparisonFollowsTheRoster) {
    core::Scenario s = core::default_scenario();
    const auto before = core::compare_scenario(s);
    ASSERT_TRUE(before.ok());
    EXPECT_EQ(before.value().a.name, "Your biggest creator");
    EXPECT_EQ(before.value().b.name, "Your 10 other creators");
    EXPECT_EQ(before.value().b.influencers, 10);
    s.roster.resize(4); // the national blogger and three others
    const auto after = core::compare_scenario(s);
    ASSERT_TRUE(after.ok());
    EXPECT_EQ(after.value().b.influencers, 3);
    EXPECT_EQ(after.value().b.name, "Your 3 other creators");
}

TEST(PlanSource, FilesWithoutSourcesOpenToTheEnteredPlans) {
    core::Scenario old = core::default_scenario();
    old.plan_sources = {};
    old.comparison.a.name = "One national blogger";
    old.comparison.a.influencers = {old.roster.front()};
    old.comparison.b.name = "Ten regional bloggers";
    old.comparison.b.influencers.assign(old.roster.begin() + 1, old.roster.end());
    const std::string file = core::export_scenario_json(old, false);
    EXPECT_EQ(file.find("plan_sources"), std::string::npos); // byte for byte as before
    const auto read = core::import_scenario_json(file);
    ASSERT_TRUE(read.ok());
    EXPECT_EQ(read.value().plan_sources, PlanSources{});
    const auto c = core::compare_scenario(read.value());
    ASSERT_TRUE(c.ok());
    EXPECT_EQ(c.value().a.name, "One national blogger");
    EXPECT_EQ(c.value().b.influencers, 10);
}

TEST(PlanSource, SourcesAreSaved) {
    core::Scenario s = core::default_scenario();
    s.plan_sources.b = rule(PlanRule::smallest, 20);
    s.plan_sources.b.max_followers = 5'000;
    const auto read = core::import_scenario_json(core::export_scenario_json(s, false));
    ASSERT_TRUE(read.ok());
    EXPECT_EQ(read.value().plan_sources, s.plan_sources);
}

} // namespace
