#include "core/compare.hpp"
#include "tests/unit/test_money.hpp"

#include <cmath>
#include <gtest/gtest.h>
#include <random>
#include <string>

namespace {

using core::Comparison;
using core::ComparisonInputs;
using core::Currency;
using core::Influencer;
using core::Judgement;
using core::Money;
using core::PlanMetric;
using core::Winner;

Influencer blogger(std::int64_t followers, double rate, std::int64_t price_cents, int posts = 1,
                   double fit = 1.0) {
    Influencer influencer;
    influencer.id = 1;
    influencer.followers = followers;
    influencer.engagement_value = rate;
    influencer.price_per_post = cents(price_cents);
    influencer.posts = posts;
    influencer.audience_fit = fit;
    return influencer;
}

core::PlanGroup group(const std::string& name, const Influencer& typical, int count) {
    auto result = core::typical_group(name, typical, count);
    EXPECT_TRUE(result.ok());
    return result.value();
}

ComparisonInputs inputs(core::PlanGroup a, core::PlanGroup b, std::int64_t budget_cents = 500'000,
                        PlanMetric metric = PlanMetric::engagements,
                        Judgement judgement = Judgement::cost_per_result) {
    ComparisonInputs in;
    in.setup.a = std::move(a);
    in.setup.b = std::move(b);
    in.setup.metric = metric;
    in.setup.judgement = judgement;
    in.budget = cents(budget_cents);
    in.reach_rate = 0.1;
    in.funnel = core::default_funnel_assumptions(Currency::usd);
    return in;
}

Comparison compare(const ComparisonInputs& in) {
    auto result = core::compare_plans(in);
    EXPECT_TRUE(result.ok()) << (result.ok() ? "" : result.error().message);
    return result.ok() ? result.value() : Comparison{};
}

ComparisonInputs article(std::int64_t micro_price_cents = 10'000) {
    return inputs(group("One national blogger", blogger(1'000'000, 0.024, 500'000), 1),
                  group("Ten regional bloggers", blogger(1000, 0.074, micro_price_cents), 10));
}

TEST(CompareTest, HeaderWorkedExampleTheMacroWinsOnCostPerEngagement) {
    const Comparison c = compare(article());
    EXPECT_NEAR(c.a.engagements, 24'000.0, 1e-9);
    EXPECT_NEAR(c.b.engagements, 740.0, 1e-9);
    EXPECT_EQ(c.a.cost, cents(500'000));
    EXPECT_EQ(c.b.cost, cents(100'000));
    EXPECT_EQ(c.winner, Winner::a);
    ASSERT_TRUE(c.advantage.has_value());
    // (1,000 / 740) / (5,000 / 24,000) = 6.486...
    EXPECT_NEAR(*c.advantage, (1000.0 / 740.0) / (5000.0 / 24000.0), 1e-9);
    EXPECT_EQ(c.verdict, "One national blogger wins on cost per engagement: $0.21 against $1.35 "
                         "for Ten regional bloggers (6.5 times lower).");

    const core::BreakEven& be = c.break_even;
    EXPECT_EQ(be.price_per_post, cents(1541)); // 74 x 5,000 / 24,000 = $15.4166 -> $15.41
    EXPECT_EQ(be.current_price_per_post, cents(10'000));
    ASSERT_TRUE(be.engagement_rate.has_value());
    EXPECT_NEAR(*be.engagement_rate, 0.48, 1e-12); // 7.4% x 4,800 / 740
    EXPECT_EQ(be.count_to_match, 325);             // 24,000 / 74 = 324.3
    EXPECT_EQ(be.cost_to_match, cents(3'250'000));
    EXPECT_EQ(be.affordable_count, 50);
    EXPECT_NEAR(be.affordable_metric, 3700.0, 1e-9);

    ASSERT_EQ(c.break_even_text.size(), 4u);
    EXPECT_EQ(c.break_even_text[0],
              "Ten regional bloggers would match One national blogger's cost per engagement at an "
              "average price of $15.41 per post or less (now $100).");
    EXPECT_EQ(c.break_even_text[1],
              "Ten regional bloggers would match One national blogger's cost per engagement at an "
              "average engagement rate of 48.0% (now 7.4%).");
    EXPECT_EQ(c.break_even_text[2],
              "Matching One national blogger's 24,000 engagements would take about 325 "
              "influencers like Ten regional bloggers' average one, costing about $32,500.");
    EXPECT_EQ(c.break_even_text[3], "The $5,000 budget buys 50 influencers like Ten regional "
                                    "bloggers' average one: about 3,700 engagements.");
    ASSERT_EQ(c.notes.size(), 1u);
    EXPECT_EQ(c.notes[0], "Ten regional bloggers costs less in total: $1,000 against $5,000, for "
                          "fewer engagements (740 against 24,000).");
}

TEST(CompareTest, CheaperMicrosWinAndTheTextSaysHowFarTheyCanGo) {
    const Comparison c = compare(article(1'000)); // $10 a post
    EXPECT_EQ(c.winner, Winner::b);
    EXPECT_EQ(c.break_even.price_per_post, cents(1541));
    ASSERT_TRUE(c.break_even.engagement_rate.has_value());
    EXPECT_NEAR(*c.break_even.engagement_rate, 0.048, 1e-12); // 7.4% x 480 / 740
    EXPECT_EQ(c.break_even_text[0], "Ten regional bloggers stays ahead on cost per engagement up "
                                    "to an average price of $15.41 per post (now $10).");
    EXPECT_EQ(c.break_even_text[1], "Ten regional bloggers stays ahead as long as its average "
                                    "engagement rate stays above 4.8% (now 7.4%).");
}

TEST(CompareTest, BreakEvenPriceIsWhereTheWinnerChanges) {
    // Independent check of the price: re-run the comparison at the stated price (B at
    // least as good) and one cent above it (A wins).
    const Comparison c = compare(article());
    const std::int64_t price = c.break_even.price_per_post->cents;
    EXPECT_NE(compare(article(price)).winner, Winner::a);
    EXPECT_EQ(compare(article(price + 1)).winner, Winner::a);
}

TEST(CompareTest, BreakEvenCountIsWhereTheTotalChanges) {
    const Comparison c = compare(article());
    const auto count = static_cast<int>(*c.break_even.count_to_match);
    auto enough = article();
    enough.setup.b = group("Micros", blogger(1000, 0.074, 10'000), count);
    enough.setup.judgement = Judgement::total_result;
    EXPECT_NE(compare(enough).winner, Winner::a);
    enough.setup.b = group("Micros", blogger(1000, 0.074, 10'000), count - 1);
    EXPECT_EQ(compare(enough).winner, Winner::a);
}

TEST(CompareTest, BreakEvenRateMakesATie) {
    const Comparison c = compare(article());
    auto at_rate = article();
    at_rate.setup.b = group("Micros", blogger(1000, *c.break_even.engagement_rate, 10'000), 10);
    EXPECT_EQ(compare(at_rate).winner, Winner::tie);
}

TEST(CompareTest, ImpossibleRateIsSaidPlainly) {
    const Comparison c = compare(article(100'000)); // micros at $1,000 a post
    EXPECT_EQ(c.winner, Winner::a);
    ASSERT_TRUE(c.break_even.engagement_rate.has_value());
    EXPECT_NEAR(*c.break_even.engagement_rate, 4.8, 1e-9);
    EXPECT_EQ(c.break_even_text[1],
              "No engagement rate up to 100% would let Ten regional bloggers match One national "
              "blogger's cost per engagement: it would need 480.0% (now 7.4%).");
}

TEST(CompareTest, TotalJudgementComparesAmounts) {
    auto in = article();
    in.setup.judgement = Judgement::total_result;
    const Comparison c = compare(in);
    EXPECT_EQ(c.winner, Winner::a);
    EXPECT_EQ(c.verdict, "One national blogger wins on total engagements: 24,000 against 740 for "
                         "Ten regional bloggers (32 times as many).");
    EXPECT_EQ(c.notes.back(), "One national blogger also costs more: $5,000 against $1,000.");
    ASSERT_TRUE(c.break_even.engagement_rate.has_value());
    EXPECT_NEAR(*c.break_even.engagement_rate, 0.074 * 24'000.0 / 740.0, 1e-12);
}

TEST(CompareTest, SwappingThePlansSwapsTheWinner) {
    std::mt19937_64 engine(77);
    for (int round = 0; round < 200; ++round) {
        const auto followers = static_cast<std::int64_t>(100 + engine() % 2'000'000);
        const double rate = 0.005 + static_cast<double>(engine() % 1000) / 5000.0;
        const auto price = static_cast<std::int64_t>(engine() % 800'000);
        const auto count = static_cast<int>(1 + engine() % 30);
        auto in = inputs(group("A", blogger(followers, rate, price), 1),
                         group("B",
                               blogger(1 + static_cast<std::int64_t>(engine() % 20'000), rate * 2.0,
                                       price / 20, 1 + int(engine() % 3)),
                               count),
                         500'000, static_cast<PlanMetric>(engine() % 4),
                         static_cast<Judgement>(engine() % 2));
        const Comparison forward = compare(in);
        std::swap(in.setup.a, in.setup.b);
        const Comparison backward = compare(in);
        const Winner mirrored = forward.winner == Winner::a   ? Winner::b
                                : forward.winner == Winner::b ? Winner::a
                                                              : forward.winner;
        EXPECT_EQ(backward.winner, mirrored);
        EXPECT_EQ(forward.advantage.has_value(), backward.advantage.has_value());
        if (forward.advantage && backward.advantage) {
            EXPECT_NEAR(*forward.advantage, *backward.advantage, 1e-9 * *forward.advantage);
            EXPECT_TRUE(std::isfinite(*forward.advantage));
        }
    }
}

TEST(CompareTest, IdenticalPlansTieOnEveryMetric) {
    // Both sides go through the same code with the same assumptions: nothing tilts.
    for (int m = 0; m < 4; ++m) {
        for (int j = 0; j < 2; ++j) {
            const auto in = inputs(group("A", blogger(5000, 0.05, 20'000), 3),
                                   group("B", blogger(5000, 0.05, 20'000), 3), 500'000,
                                   static_cast<PlanMetric>(m), static_cast<Judgement>(j));
            EXPECT_EQ(compare(in).winner, Winner::tie) << m << " " << j;
        }
    }
    const ComparisonInputs defaults;
    EXPECT_EQ(defaults.setup.metric, PlanMetric::engagements);
    EXPECT_EQ(defaults.setup.judgement, Judgement::cost_per_result);
}

TEST(CompareTest, ReachHasNoEngagementRateBreakEven) {
    auto in = article();
    in.setup.metric = PlanMetric::estimated_reach;
    const Comparison c = compare(in);
    EXPECT_FALSE(c.break_even.engagement_rate.has_value());
    EXPECT_NEAR(c.a.metric, 100'000.0, 1e-6);
    EXPECT_NEAR(c.b.metric, 1000.0, 1e-9);
}

TEST(CompareTest, AnEmptyPlanIsUndecided) {
    auto in = article();
    in.setup.b.influencers.clear();
    in.setup.b.name = "";
    const Comparison c = compare(in);
    EXPECT_EQ(c.winner, Winner::undecided);
    EXPECT_EQ(c.verdict, "Plan B has no valid, booked influencers yet, so there is nothing to "
                         "compare; add influencers with at least one post.");
    EXPECT_TRUE(c.break_even_text.empty());
}

TEST(CompareTest, NothingExpectedOnEitherSideIsUndecided) {
    auto in =
        inputs(group("A", blogger(1000, 0.0, 100), 1), group("B", blogger(1000, 0.0, 100), 2));
    const Comparison c = compare(in);
    EXPECT_EQ(c.winner, Winner::undecided);
    EXPECT_EQ(c.verdict, "Neither plan expects any engagements, so neither wins on cost per "
                         "engagement.");
}

TEST(CompareTest, OverBudgetAndBadRowsAreNoted) {
    auto in = article();
    in.budget = cents(400'000);
    in.setup.b.influencers[3].followers = -1;
    const Comparison c = compare(in);
    EXPECT_EQ(c.notes[0], "One national blogger costs $5,000, $1,000 over the $4,000 budget.");
    EXPECT_EQ(c.notes[1], "Ten regional bloggers has 1 row with errors, left out until fixed.");
    EXPECT_EQ(c.b.influencers, 9);
    ASSERT_EQ(c.campaign_b.errors.size(), 1u);
    EXPECT_EQ(c.campaign_b.errors[0].error.field, "Row 4, Followers");
}

TEST(CompareTest, PlanWideErrorsComeBack) {
    auto in = article();
    in.reach_rate = -0.5;
    const auto result = core::compare_plans(in);
    ASSERT_FALSE(result.ok());
    EXPECT_EQ(result.error().field, "Reach rate");
}

TEST(CompareTest, TypicalGroupNumbersItsCopies) {
    const auto g = core::typical_group("Micros", blogger(1000, 0.074, 10'000), 3);
    ASSERT_TRUE(g.ok());
    ASSERT_EQ(g.value().influencers.size(), 3u);
    EXPECT_EQ(g.value().influencers[2].id, 3u);
    EXPECT_EQ(g.value().name, "Micros");
    const auto none = core::typical_group("Micros", blogger(1000, 0.074, 10'000), 0);
    ASSERT_FALSE(none.ok());
    EXPECT_EQ(none.error().message,
              "Number of influencers: type a whole number from 1 to 10,000, such as 10.");
}

TEST(CompareTest, DecimalCommaSentences) {
    auto in = article();
    in.number_format.decimal_comma = true;
    const Comparison c = compare(in);
    EXPECT_EQ(c.verdict, "One national blogger wins on cost per engagement: $0,21 against $1,35 "
                         "for Ten regional bloggers (6,5 times lower).");
}

} // namespace
