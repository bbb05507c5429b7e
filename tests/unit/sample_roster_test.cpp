#include "core/campaign.hpp"
#include "core/sample_roster.hpp"

#include <gtest/gtest.h>
#include <set>

namespace {

const core::BenchmarkSet& article_set() {
    return core::builtin_benchmark_sets().front();
}

TEST(SampleRosterTest, HasTheRequestedSizeAndUniqueIds) {
    const auto roster = core::sample_roster(article_set(), 1000, 7);
    ASSERT_EQ(roster.size(), 1000u);
    std::set<std::uint32_t> ids;
    for (const auto& influencer : roster) {
        ids.insert(influencer.id);
    }
    EXPECT_EQ(ids.size(), 1000u);
}

TEST(SampleRosterTest, SameSeedSameRosterOtherSeedOtherRoster) {
    const auto a = core::sample_roster(article_set(), 50, 42);
    const auto b = core::sample_roster(article_set(), 50, 42);
    const auto c = core::sample_roster(article_set(), 50, 43);
    ASSERT_EQ(a.size(), b.size());
    bool all_equal = true;
    bool any_differs_from_c = false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        all_equal = all_equal && a[i].followers == b[i].followers &&
                    a[i].price_per_post == b[i].price_per_post &&
                    a[i].engagement_value == b[i].engagement_value;
        any_differs_from_c = any_differs_from_c || a[i].followers != c[i].followers;
    }
    EXPECT_TRUE(all_equal);
    EXPECT_TRUE(any_differs_from_c);
}

TEST(SampleRosterTest, EveryRowIsValidForTheCampaign) {
    core::CampaignInputs inputs;
    inputs.roster = core::sample_roster(article_set(), 2000, 99);
    inputs.budget = core::Money{100'000'00, core::Currency::usd};
    const auto result = core::evaluate_campaign(inputs);
    ASSERT_TRUE(result.ok()) << result.error().message;
    for (const auto& row : result.value().rows) {
        EXPECT_TRUE(row.valid) << "row id " << row.id;
    }
}

TEST(SampleRosterTest, FollowersPricesAndFitStayInTheirDocumentedRanges) {
    for (const auto& influencer : core::sample_roster(article_set(), 5000, 3)) {
        EXPECT_GE(influencer.followers, 300);
        EXPECT_LE(influencer.followers, 2'000'000);
        EXPECT_GE(influencer.price_per_post.cents, 2000);
        EXPECT_EQ(influencer.price_per_post.cents % 100, 0);
        EXPECT_GE(influencer.audience_fit, 0.3);
        EXPECT_LE(influencer.audience_fit, 1.0);
        EXPECT_GT(influencer.engagement_value, 0.0);
        EXPECT_LE(influencer.engagement_value, 1.0);
    }
}

TEST(SampleRosterTest, CountIsClampedToTheLimit) {
    EXPECT_EQ(core::sample_roster(article_set(), core::max_sample_roster_rows + 5, 1).size(),
              core::max_sample_roster_rows);
}

} // namespace
