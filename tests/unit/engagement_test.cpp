#include "core/engagement.hpp"
#include "core/formulas.hpp"

#include <cmath>
#include <gtest/gtest.h>
#include <random>

namespace {

using core::Averaging;
using core::CountedInteractions;
using core::EngagementBasis;
using core::EngagementInputs;
using core::PostInteractions;

PostInteractions post(std::int64_t likes, std::int64_t comments, std::int64_t audience) {
    PostInteractions p;
    p.likes = likes;
    p.comments = comments;
    p.audience = audience;
    return p;
}

// The article: "a person with 1,000 engaged fans might earn 150 likes on each post".
TEST(EngagementTest, ArticleThousandFansAtFifteenPercent) {
    EXPECT_NEAR(core::expected_interactions(1'000, 0.15).value(), 150.0, 1e-9);
}

// The article: 2,000 followers at 7.4% "might also get around 150 likes per post".
TEST(EngagementTest, ArticleTwoThousandAtSevenPointFour) {
    const double likes = core::expected_interactions(2'000, 0.074).value();
    EXPECT_NEAR(likes, 148.0, 1e-9);
    EXPECT_NEAR(likes, 150.0, 2.5); // "around 150"
}

// The article: 2.4% "by the time a person has more than 100,000 fans" -> 2,400 likes.
TEST(EngagementTest, ArticleHundredThousandAtTwoPointFour) {
    EXPECT_NEAR(core::expected_interactions(100'000, 0.024).value(), 2'400.0, 1e-9);
}

TEST(EngagementTest, ArticleExampleMeasuredBackFromPosts) {
    // 150 likes on each of three posts with 1,000 followers is a 15% rate.
    EngagementInputs inputs;
    inputs.counted = CountedInteractions{true, false, false, false};
    inputs.posts = {post(150, 9, 1'000), post(150, 3, 1'000), post(150, 0, 1'000)};
    const auto result = core::measure_engagement(inputs);
    ASSERT_TRUE(result.ok());
    EXPECT_NEAR(result.value().rate, 0.15, 1e-12);
    EXPECT_NEAR(result.value().interactions_per_post, 150.0, 1e-12);
    EXPECT_EQ(result.value().counted_label, "likes");
}

TEST(EngagementTest, PostRateByBasisAndCountedInteractions) {
    struct Case {
        CountedInteractions counted;
        EngagementBasis basis;
        double expected;
    };
    PostInteractions p;
    p.likes = 100;
    p.comments = 20;
    p.shares = 5;
    p.saves = 25;
    p.audience = 2'000;
    const Case cases[] = {
        {{true, false, false, false}, EngagementBasis::followers, 100.0 / 2000},
        {{true, true, false, false}, EngagementBasis::followers, 120.0 / 2000},
        {{true, true, true, false}, EngagementBasis::reach, 125.0 / 2000},
        {{true, true, true, true}, EngagementBasis::impressions, 150.0 / 2000},
        {{false, false, false, true}, EngagementBasis::views, 25.0 / 2000},
        {{false, true, true, false}, EngagementBasis::followers, 25.0 / 2000},
    };
    for (const auto& c : cases) {
        const auto rate = core::post_engagement_rate(p, c.counted, c.basis);
        ASSERT_TRUE(rate.ok());
        EXPECT_NEAR(rate.value(), c.expected, 1e-15);
    }
}

TEST(EngagementTest, FormulaIdNamesTheBasis) {
    struct Case {
        EngagementBasis basis;
        std::string_view id;
        std::string_view name;
    };
    const Case cases[] = {
        {EngagementBasis::followers, core::formula_ids::engagement_rate_followers, "followers"},
        {EngagementBasis::reach, core::formula_ids::engagement_rate_reach, "reach"},
        {EngagementBasis::impressions, core::formula_ids::engagement_rate_impressions,
         "impressions"},
        {EngagementBasis::views, core::formula_ids::engagement_rate_views, "views"},
    };
    for (const auto& c : cases) {
        EngagementInputs inputs;
        inputs.basis = c.basis;
        inputs.posts = {post(10, 1, 100)};
        const auto result = core::measure_engagement(inputs);
        ASSERT_TRUE(result.ok());
        EXPECT_EQ(result.value().formula_id, c.id);
        EXPECT_EQ(result.value().basis_label, c.name);
        EXPECT_NE(core::find_formula(result.value().formula_id), nullptr);
    }
}

TEST(EngagementTest, MeanAndMedianOverPosts) {
    EngagementInputs inputs;
    inputs.counted = CountedInteractions{true, false, false, false};
    // Rates 1%, 2%, 3%, and one viral post at 30%.
    inputs.posts = {post(10, 0, 1'000), post(20, 0, 1'000), post(30, 0, 1'000),
                    post(300, 0, 1'000)};
    inputs.averaging = Averaging::mean;
    const auto mean = core::measure_engagement(inputs);
    ASSERT_TRUE(mean.ok());
    EXPECT_NEAR(mean.value().rate, (0.01 + 0.02 + 0.03 + 0.30) / 4.0, 1e-15);
    EXPECT_NEAR(mean.value().interactions_per_post, 90.0, 1e-12);
    EXPECT_EQ(mean.value().averaging_formula_id, core::formula_ids::mean_over_posts);

    inputs.averaging = Averaging::median;
    const auto median = core::measure_engagement(inputs);
    ASSERT_TRUE(median.ok());
    EXPECT_NEAR(median.value().rate, 0.025, 1e-15); // mean of the two middle values
    EXPECT_NEAR(median.value().interactions_per_post, 25.0, 1e-12);
    EXPECT_EQ(median.value().averaging_formula_id, core::formula_ids::median_over_posts);
    ASSERT_EQ(median.value().post_rates.size(), 4u);
    EXPECT_NEAR(median.value().post_rates[3], 0.30, 1e-15); // input order kept

    inputs.posts.pop_back(); // odd count: the middle value
    EXPECT_NEAR(core::measure_engagement(inputs).value().rate, 0.02, 1e-15);
}

TEST(EngagementTest, AverageHelper) {
    EXPECT_EQ(core::average({}, Averaging::mean), 0.0);
    EXPECT_EQ(core::average({}, Averaging::median), 0.0);
    EXPECT_EQ(core::average({5.0}, Averaging::median), 5.0);
    EXPECT_EQ(core::average({3.0, 1.0, 2.0}, Averaging::median), 2.0);
    EXPECT_EQ(core::average({1e308, 1e308}, Averaging::median), 1e308); // no overflow
}

TEST(EngagementTest, RateAboveOneIsAllowed) {
    // A post shared far beyond the follower base.
    const auto rate = core::post_engagement_rate(post(500, 0, 100), {}, EngagementBasis::followers);
    ASSERT_TRUE(rate.ok());
    EXPECT_NEAR(rate.value(), 5.0, 1e-15);
}

TEST(EngagementTest, ErrorsNameThePostAndField) {
    EngagementInputs inputs;
    EXPECT_EQ(core::measure_engagement(inputs).error().message,
              "Posts: add at least one post with its likes and followers.");

    inputs.posts = {post(10, 0, 100), post(-1, 0, 100)};
    auto result = core::measure_engagement(inputs);
    ASSERT_FALSE(result.ok());
    EXPECT_EQ(result.error().field, "Post 2: Likes");
    EXPECT_EQ(result.error().message,
              "Post 2: Likes: type a whole number from 0 to 1,000,000,000,000.");

    inputs.basis = EngagementBasis::reach;
    inputs.posts = {post(10, 0, 0)};
    result = core::measure_engagement(inputs);
    ASSERT_FALSE(result.ok());
    EXPECT_EQ(result.error().message,
              "Post 1: Reach: type a whole number from 1 to 1,000,000,000,000.");

    inputs.counted = CountedInteractions{false, false, false, false};
    inputs.posts = {post(10, 0, 100)};
    EXPECT_EQ(core::measure_engagement(inputs).error().message,
              "Interactions: tick at least one of likes, comments, shares and saves.");

    inputs.counted = {};
    inputs.posts.assign(core::max_posts + 1, post(1, 0, 10));
    EXPECT_EQ(core::measure_engagement(inputs).error().code, core::ErrorCode::too_large);

    // An unticked but negative count is still reported.
    PostInteractions p = post(10, 0, 100);
    p.saves = -4;
    EXPECT_FALSE(core::post_engagement_rate(p, {}, EngagementBasis::followers).ok());
}

TEST(EngagementTest, ExpectedInteractionsRejectsBadInput) {
    EXPECT_FALSE(core::expected_interactions(-1.0, 0.1).ok());
    EXPECT_FALSE(core::expected_interactions(std::nan(""), 0.1).ok());
    EXPECT_FALSE(core::expected_interactions(1e16, 0.1).ok());
    EXPECT_FALSE(core::expected_interactions(100.0, -0.1).ok());
    EXPECT_FALSE(core::expected_interactions(100.0, HUGE_VAL).ok());
    EXPECT_EQ(core::expected_interactions(0.0, 0.5).value(), 0.0);
}

TEST(EngagementTest, PropertyRatesFiniteAndBetweenExtremes) {
    std::mt19937_64 engine(42);
    for (int round = 0; round < 500; ++round) {
        EngagementInputs inputs;
        inputs.basis = static_cast<EngagementBasis>(engine() % 4);
        inputs.averaging = (engine() & 1) != 0 ? Averaging::mean : Averaging::median;
        inputs.counted = {(engine() & 1) != 0, (engine() & 1) != 0, (engine() & 1) != 0, true};
        const auto posts = 1 + engine() % 30;
        for (std::uint64_t i = 0; i < posts; ++i) {
            PostInteractions p;
            p.audience = 1 + static_cast<std::int64_t>(engine() % core::max_post_count);
            p.likes = static_cast<std::int64_t>(engine() % (core::max_post_count + 1));
            p.comments = static_cast<std::int64_t>(engine() % 1000);
            p.shares = static_cast<std::int64_t>(engine() % 1000);
            p.saves = static_cast<std::int64_t>(engine() % 1000);
            inputs.posts.push_back(p);
        }
        const auto result = core::measure_engagement(inputs);
        ASSERT_TRUE(result.ok()) << result.error().message;
        const auto& r = result.value();
        double low = HUGE_VAL;
        double high = 0.0;
        for (const double rate : r.post_rates) {
            ASSERT_TRUE(std::isfinite(rate));
            ASSERT_GE(rate, 0.0);
            low = std::min(low, rate);
            high = std::max(high, rate);
        }
        EXPECT_TRUE(std::isfinite(r.rate));
        EXPECT_GE(r.rate, low * (1 - 1e-12));
        EXPECT_LE(r.rate, high * (1 + 1e-12));
        EXPECT_TRUE(std::isfinite(r.interactions_per_post));
    }
}

} // namespace
