#include "core/tracking.hpp"
#include "tests/unit/test_money.hpp"

#include <cmath>
#include <gtest/gtest.h>
#include <random>

namespace {

using core::ActualResult;
using core::Currency;
using core::Influencer;
using core::Money;
using core::TrackingMetric;

Influencer person(std::uint32_t id, std::int64_t followers, double rate, std::int64_t price_cents) {
    Influencer influencer;
    influencer.id = id;
    influencer.followers = followers;
    influencer.engagement_value = rate;
    influencer.price_per_post = cents(price_cents);
    return influencer;
}

ActualResult post(std::uint32_t id, std::int64_t likes, std::int64_t comments,
                  std::int64_t clicks = 0, std::int64_t conversions = 0,
                  std::int64_t revenue_cents = 0) {
    ActualResult r;
    r.influencer_id = id;
    r.likes = likes;
    r.comments = comments;
    r.clicks = clicks;
    r.conversions = conversions;
    r.revenue = cents(revenue_cents);
    return r;
}

core::TrackingInputs inputs(std::vector<Influencer> roster, std::vector<ActualResult> results) {
    core::TrackingInputs in;
    in.roster = std::move(roster);
    in.results = std::move(results);
    in.margin = 0.5;
    return in;
}

core::TrackingResult track(const core::TrackingInputs& in) {
    auto result = core::track_results(in);
    EXPECT_TRUE(result.ok()) << (result.ok() ? "" : result.error().message);
    return result.ok() ? result.value() : core::TrackingResult{};
}

TEST(TrackingTest, HeaderWorkedExample) {
    const auto result = track(
        inputs({person(1, 1000, 0.074, 10'000)}, {post(1, 60, 10, 5, 1, 4'000), post(1, 80, 10)}));
    ASSERT_EQ(result.influencers.size(), 1u);
    const core::InfluencerActuals& a = result.influencers[0];
    EXPECT_EQ(a.posts, 2);
    EXPECT_EQ(a.interactions, 160);
    EXPECT_NEAR(a.interactions_per_post, 80.0, 1e-12);
    EXPECT_NEAR(a.engagement_rate, 0.08, 1e-12);
    EXPECT_EQ(a.cost, cents(20'000));
    EXPECT_EQ(a.cost_per_engagement, cents(125));
    EXPECT_EQ(a.cost_per_click, cents(4'000));
    EXPECT_EQ(a.cost_per_acquisition, cents(20'000));
    ASSERT_TRUE(a.roi.has_value());
    EXPECT_NEAR(*a.roi, -0.9, 1e-12);
    EXPECT_NEAR(*a.roas, 0.2, 1e-12);
    // Expected 1,000 x 7.4% = 74 per post; actual 80: 1.081 times.
    EXPECT_NEAR(a.expected_per_post, 74.0, 1e-9);
    EXPECT_NEAR(*a.actual_vs_expected, 80.0 / 74.0, 1e-12);
}

TEST(TrackingTest, CountedInteractionsAndMedian) {
    auto in =
        inputs({person(1, 1000, 0.05, 100)}, {post(1, 10, 0), post(1, 20, 0), post(1, 90, 0)});
    in.results[0].shares = 30;
    in.averaging = core::Averaging::median;
    auto result = track(in);
    EXPECT_NEAR(result.influencers[0].interactions_per_post, 20.0, 1e-12); // median of 10, 20, 90
    in.counted.shares = true;
    in.averaging = core::Averaging::mean;
    result = track(in);
    EXPECT_NEAR(result.influencers[0].interactions_per_post, 50.0, 1e-12); // (40 + 20 + 90) / 3
    EXPECT_EQ(result.influencers[0].shares, 30);
}

TEST(TrackingTest, ActualAgainstExpectedCountsWhatTheExpectationCounts) {
    // The expectation is a likes-only benchmark (7.4% of 1,000 = 74 likes a post); the
    // user counts likes + comments for cost per engagement. Actual against expected
    // compares likes with likes: 60 / 74, not 70 / 74.
    auto in = inputs({person(1, 1000, 0.074, 10'000)}, {post(1, 60, 10), post(1, 60, 10)});
    in.expected_counts = core::CountedInteractions{.likes = true, .comments = false};
    const auto result = track(in);
    const core::InfluencerActuals& a = result.influencers[0];
    EXPECT_NEAR(a.interactions_per_post, 70.0, 1e-12);
    EXPECT_EQ(a.cost_per_engagement, cents(143)); // $200 / 140 = $1.43
    EXPECT_NEAR(a.comparable_per_post, 60.0, 1e-12);
    EXPECT_NEAR(*a.actual_vs_expected, 60.0 / 74.0, 1e-12);
    EXPECT_NEAR(*result.totals.actual_vs_expected, 120.0 / 148.0, 1e-12);
    // Adopting actuals keeps the rate on the benchmark's basis: likes only.
    in.roster[0].posts = 1;
    const core::AdoptedRoster adopted = core::adopt_actuals(in.roster, result, 1, 0);
    EXPECT_NEAR(adopted.roster[0].engagement_value, 0.060, 1e-12);
    // Without expected_counts both sides count what `counted` counts.
    in.expected_counts.reset();
    EXPECT_NEAR(*track(in).influencers[0].actual_vs_expected, 70.0 / 74.0, 1e-12);
}

TEST(TrackingTest, TotalsAddUpTrackedInfluencers) {
    const auto result =
        track(inputs({person(1, 1000, 0.074, 10'000), person(2, 2000, 0.074, 10'000),
                      person(3, 500, 0.15, 5'000)},
                     {post(1, 70, 4, 2, 1, 2'500), post(2, 150, 10, 8, 2, 6'000), post(1, 50, 5)}));
    EXPECT_EQ(result.totals.influencers, 2);
    EXPECT_EQ(result.totals.posts, 3);
    EXPECT_EQ(result.totals.interactions, 74 + 160 + 55);
    EXPECT_EQ(result.totals.cost, cents(30'000));
    EXPECT_EQ(result.totals.revenue, cents(8'500));
    EXPECT_EQ(result.totals.clicks, 10);
    EXPECT_NEAR(result.totals.expected_interactions, 74.0 * 2 + 148.0, 1e-9);
    EXPECT_NEAR(*result.totals.roi, (8'500 * 0.5 - 30'000) / 30'000.0, 1e-12);
    ASSERT_EQ(result.untracked_ids.size(), 1u);
    EXPECT_EQ(result.untracked_ids[0], 3u);
    // Roster order, not the order results came in.
    EXPECT_EQ(result.influencers[0].id, 1u);
    EXPECT_EQ(result.influencers[1].id, 2u);
}

TEST(TrackingTest, BadResultRowsAreReportedAndSkipped) {
    auto in =
        inputs({person(1, 1000, 0.074, 10'000), person(2, 0, 0.074, 10'000)},
               {post(1, 70, 4), post(9, 10, 1), post(1, -3, 2), post(2, 5, 5), post(1, 30, 0)});
    in.results[4].revenue = Money{100, Currency::eur};
    const auto result = track(in);
    ASSERT_EQ(result.errors.size(), 4u);
    EXPECT_EQ(result.errors[0].error.field, "Result 2, Influencer");
    EXPECT_EQ(result.errors[0].error.message,
              "Result 2, Influencer: no influencer in the roster has this id; pick one from the "
              "roster.");
    EXPECT_EQ(result.errors[1].error.field, "Result 3, Likes");
    EXPECT_EQ(result.errors[1].error.message,
              "Result 3, Likes: type a whole number from 0 to 1,000,000,000,000, such as 120.");
    EXPECT_EQ(result.errors[2].error.field, "Result 4, Influencer");
    EXPECT_EQ(result.errors[3].error.message, "Result 5, Revenue: use the plan's currency (USD).");
    ASSERT_EQ(result.influencers.size(), 1u);
    EXPECT_EQ(result.influencers[0].posts, 1);
    EXPECT_EQ(result.influencers[0].interactions, 74);
}

TEST(TrackingTest, WholeInputErrors) {
    auto in = inputs({person(1, 1000, 0.074, 100)}, {});
    in.margin = 1.5;
    const auto result = core::track_results(in);
    ASSERT_FALSE(result.ok());
    EXPECT_EQ(result.error().message, "Margin: type a percentage from 0% to 100%, such as 40%.");
}

TEST(TrackingTest, FreePostsHaveNoRoiAndZeroCosts) {
    const auto result = track(inputs({person(1, 1000, 0.074, 0)}, {post(1, 10, 0, 1, 1, 500)}));
    EXPECT_FALSE(result.influencers[0].roi.has_value());
    EXPECT_FALSE(result.influencers[0].roas.has_value());
    EXPECT_EQ(result.influencers[0].cost_per_click, cents(0));
    EXPECT_FALSE(result.totals.roi.has_value());
}

TEST(TrackingTest, RankingByAnyMetric) {
    const auto result = track(inputs(
        {person(1, 1000, 0.05, 10'000), person(2, 2000, 0.05, 5'000), person(3, 500, 0.05, 10'000)},
        {post(1, 100, 0, 10, 0, 0), post(2, 100, 0, 2, 1, 10'000), post(3, 100, 0, 0, 0, 0)}));
    using Order = std::vector<std::size_t>;
    // Rates: 10%, 5%, 20%.
    EXPECT_EQ(core::rank_influencers(result, TrackingMetric::engagement_rate), (Order{2, 0, 1}));
    // Cost per engagement: $1, $0.50, $1: lower first; ties keep roster order.
    EXPECT_EQ(core::rank_influencers(result, TrackingMetric::cost_per_engagement),
              (Order{1, 0, 2}));
    // Cost per click: $10, $25, not defined (no clicks): undefined last.
    EXPECT_EQ(core::rank_influencers(result, TrackingMetric::cost_per_click), (Order{0, 1, 2}));
    // ROI: -100%, -0% ... influencer 2 earns $100 x 0.5 on $50: 0%.
    EXPECT_EQ(core::rank_influencers(result, TrackingMetric::roi), (Order{1, 0, 2}));
    EXPECT_EQ(core::rank_influencers(result, TrackingMetric::revenue), (Order{1, 0, 2}));
    EXPECT_TRUE(core::higher_is_better(TrackingMetric::roi));
    EXPECT_FALSE(core::higher_is_better(TrackingMetric::cost_per_acquisition));
    EXPECT_EQ(core::tracking_metric_name(TrackingMetric::roi), "ROI");
}

TEST(TrackingTest, AdoptActualsUpdatesExpectations) {
    std::vector<Influencer> roster = {person(1, 1000, 0.074, 10'000), person(2, 2000, 0.074, 100),
                                      person(3, 100, 0.15, 100)};
    roster[1].engagement_kind = core::EngagementInputKind::average_interactions;
    roster[1].engagement_value = 148.0;
    const auto result = track(inputs(roster, {post(1, 90, 10), post(2, 200, 0), post(3, 250, 50)}));
    // prior_posts 0: the measurement as it is.
    const auto adopted = core::adopt_actuals(roster, result, 1, 0);
    ASSERT_EQ(adopted.roster.size(), 3u);
    EXPECT_EQ(adopted.roster[0].engagement_kind, core::EngagementInputKind::rate);
    EXPECT_NEAR(adopted.roster[0].engagement_value, 0.1, 1e-12);
    EXPECT_EQ(adopted.roster[1].engagement_kind, core::EngagementInputKind::average_interactions);
    EXPECT_NEAR(adopted.roster[1].engagement_value, 200.0, 1e-12);
    // 300 interactions on 100 followers is a 300% rate: kept as interactions per post.
    EXPECT_EQ(adopted.roster[2].engagement_kind, core::EngagementInputKind::average_interactions);
    EXPECT_NEAR(adopted.roster[2].engagement_value, 300.0, 1e-12);
    EXPECT_EQ(adopted.changed_ids, (std::vector<std::uint32_t>{1, 2, 3}));
    // Everything else is untouched.
    EXPECT_EQ(adopted.roster[0].price_per_post, cents(10'000));

    // The adopted roster now expects exactly what was measured.
    const auto again = track(inputs(adopted.roster, {post(1, 90, 10)}));
    EXPECT_NEAR(*again.influencers[0].actual_vs_expected, 1.0, 1e-12);

    // By default one post moves the expectation 1/13 of the way (credibility weight
    // n / (n + 12)): 74 expected, 100 measured -> 74 + (100 - 74) / 13 = 76.
    const auto weighted = core::adopt_actuals(roster, result);
    EXPECT_NEAR(weighted.roster[0].engagement_value * 1000.0, 74.0 + 26.0 / 13.0, 1e-9);
    EXPECT_NEAR(weighted.roster[1].engagement_value, 148.0 + 52.0 / 13.0, 1e-9);

    // Too few posts: unchanged.
    EXPECT_TRUE(core::adopt_actuals(roster, result, 2).changed_ids.empty());
    // A result from another roster is ignored.
    EXPECT_TRUE(core::adopt_actuals({person(7, 10, 0.1, 0)}, result).changed_ids.empty());
}

// Twelve tracked posts are worth as much as the old expectation: half way; the more posts,
// the closer to what was measured, never past it.
TEST(TrackingTest, AdoptActualsShrinksTowardThePriorByTrackedPosts) {
    const std::vector<Influencer> roster = {person(1, 1000, 0.05, 10'000)};
    double previous_gap = 1.0;
    for (int posts : {1, 3, 12, 48, 400}) {
        std::vector<core::ActualResult> results;
        for (int k = 0; k < posts; ++k) {
            results.push_back(post(1, 100, 0)); // 10% measured against 5% expected
        }
        const auto adopted = core::adopt_actuals(roster, track(inputs(roster, results)));
        const double rate = adopted.roster[0].engagement_value;
        const double expected_weight = posts / (posts + 12.0);
        EXPECT_NEAR(rate, 0.05 + expected_weight * 0.05, 1e-12) << posts;
        const double gap = (0.10 - rate) / 0.05;
        EXPECT_LT(gap, previous_gap) << posts;
        EXPECT_GT(gap, 0.0) << posts;
        previous_gap = gap;
    }
}

TEST(TrackingTest, PropertyRandomResultsStayFiniteAndNonNegative) {
    std::mt19937_64 engine(4242);
    for (int round = 0; round < 100; ++round) {
        std::vector<Influencer> roster;
        for (std::uint32_t id = 1; id <= 1 + engine() % 12; ++id) {
            roster.push_back(person(id, static_cast<std::int64_t>(engine() % 100'000),
                                    static_cast<double>(engine() % 100) / 500.0,
                                    static_cast<std::int64_t>(engine() % 100'000)));
        }
        std::vector<ActualResult> results;
        for (int k = 0; k < static_cast<int>(engine() % 40); ++k) {
            results.push_back(post(static_cast<std::uint32_t>(engine() % 14),
                                   static_cast<std::int64_t>(engine() % 5000) - 100,
                                   static_cast<std::int64_t>(engine() % 300),
                                   static_cast<std::int64_t>(engine() % 100),
                                   static_cast<std::int64_t>(engine() % 10),
                                   static_cast<std::int64_t>(engine() % 100'000)));
        }
        const auto result = track(inputs(roster, results));
        std::int64_t posts = 0;
        for (const auto& a : result.influencers) {
            posts += a.posts;
            for (const auto metric :
                 {TrackingMetric::engagement_rate, TrackingMetric::interactions_per_post,
                  TrackingMetric::actual_vs_expected, TrackingMetric::cost_per_engagement,
                  TrackingMetric::cost_per_click, TrackingMetric::cost_per_acquisition,
                  TrackingMetric::roi, TrackingMetric::revenue}) {
                const auto value = core::tracking_value(a, metric);
                if (value) {
                    EXPECT_TRUE(std::isfinite(*value));
                }
            }
            EXPECT_GE(a.cost.cents, 0);
            EXPECT_GE(a.revenue.cents, 0);
        }
        EXPECT_EQ(posts, result.totals.posts);
        std::size_t with_errors = 0;
        for (std::size_t k = 0; k < result.errors.size(); ++k) {
            if (k == 0 || result.errors[k].row != result.errors[k - 1].row) {
                ++with_errors;
            }
        }
        EXPECT_EQ(static_cast<std::size_t>(posts) + with_errors, results.size());
    }
}

} // namespace

namespace {

// Imported shop and analytics rows are not posts: they add orders, revenue and clicks,
// and the cost is the booked posts' when no post was tracked.
TEST(TrackingTest, SalesAndVisitsAreNotPosts) {
    Influencer booked = person(1, 1000, 0.05, 10'000);
    booked.posts = 3;
    ActualResult sale = post(1, 0, 0, 0, 4, 30'000);
    sale.source = core::ResultSource::sales;
    ActualResult visits = post(1, 0, 0, 120);
    visits.source = core::ResultSource::analytics;
    auto only_sales = track(inputs({booked}, {sale, visits}));
    ASSERT_EQ(only_sales.influencers.size(), 1u);
    const auto& a = only_sales.influencers[0];
    EXPECT_EQ(a.posts, 0);
    EXPECT_EQ(a.cost, cents(30'000)); // 3 booked posts x $100
    EXPECT_EQ(a.clicks, 120);
    EXPECT_EQ(a.conversions, 4);
    EXPECT_FALSE(a.actual_vs_expected.has_value());
    EXPECT_FALSE(a.beat_plan);
    EXPECT_NEAR(*a.roi, (300.0 * 0.5 - 300.0) / 300.0, 1e-12);

    ActualResult insight = post(1, 70, 10);
    insight.source = core::ResultSource::insights;
    insight.views = 900;
    auto with_post = track(inputs({booked}, {sale, visits, insight}));
    const auto& b = with_post.influencers[0];
    EXPECT_EQ(b.posts, 1);
    EXPECT_EQ(b.cost, cents(10'000)); // one tracked post
    EXPECT_EQ(b.views, 900);
    EXPECT_NEAR(*b.actual_vs_expected, 80.0 / 50.0, 1e-12);
    EXPECT_TRUE(b.beat_plan);
    EXPECT_EQ(with_post.totals.beat_plan, 1);
}

} // namespace
