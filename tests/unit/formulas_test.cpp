#include "core/formulas.hpp"

#include <gtest/gtest.h>
#include <set>
#include <string>

namespace {

namespace ids = core::formula_ids;

TEST(FormulasTest, EveryEntryIsCompleteAndUnique) {
    std::set<std::string_view> seen;
    for (const auto& f : core::all_formulas) {
        EXPECT_TRUE(seen.insert(f.id).second) << "duplicate id " << f.id;
        EXPECT_FALSE(f.id.empty());
        EXPECT_FALSE(f.name.empty()) << f.id;
        EXPECT_FALSE(f.text.empty()) << f.id;
        EXPECT_FALSE(f.source.empty()) << f.id;
        EXPECT_EQ(f.id.find(' '), std::string_view::npos) << f.id;
        EXPECT_EQ(&core::formula(f.id), &f);
    }
}

TEST(FormulasTest, EveryNamedIdIsInTheTable) {
    const std::string_view named[] = {
        ids::engagement_rate_followers,
        ids::engagement_rate_reach,
        ids::engagement_rate_impressions,
        ids::engagement_rate_views,
        ids::mean_over_posts,
        ids::median_over_posts,
        ids::expected_interactions,
        ids::expected_engagements,
        ids::targeted_engagements,
        ids::estimated_reach,
        ids::impressions,
        ids::unique_reach,
        ids::campaign_cost,
        ids::cpe,
        ids::cpm,
        ids::cost_per_thousand_reached,
        ids::cost_per_click,
        ids::cost_per_acquisition,
        ids::share_of_budget,
        ids::budget_left,
        ids::break_even_count,
        ids::break_even_price,
        ids::break_even_rate,
        ids::clicks_from_engagements,
        ids::clicks_from_impressions,
        ids::conversions,
        ids::revenue,
        ids::gross_profit,
        ids::roi,
        ids::roas,
        ids::earned_media_value,
        ids::benchmark_ratio,
        ids::geometric_interpolation,
        ids::scaled_benchmark,
        ids::engagement_curve,
        ids::price_tier_table,
        ids::price_per_thousand,
        ids::price_cost_per_engagement,
        ids::price_quote,
        ids::low_high_range,
        ids::simulation_percentiles,
        ids::probability_a_beats_b,
        ids::actual_engagement_rate,
        ids::actual_roi,
    };
    for (const auto id : named) {
        EXPECT_NE(core::find_formula(id), nullptr) << id;
    }
    EXPECT_EQ(std::size(named), core::all_formulas.size());
}

TEST(FormulasTest, KeyFormulaTexts) {
    struct Case {
        std::string_view id;
        std::string_view text;
    };
    const Case cases[] = {
        {ids::roi, "(revenue x margin - cost) / cost"},
        {ids::roas, "revenue / cost"},
        {ids::cpe, "cost / expected engagements"},
        {ids::cpm, "cost / impressions x 1,000"},
        {ids::earned_media_value, "impressions x CPM / 1,000"},
        {ids::expected_interactions, "audience x engagement rate"},
    };
    for (const auto& c : cases) {
        EXPECT_EQ(core::formula(c.id).text, c.text) << c.id;
    }
    EXPECT_NE(core::formula(ids::earned_media_value).name.find("estimate"), std::string_view::npos);
}

TEST(FormulasTest, UnknownIdGivesAPlaceholder) {
    EXPECT_EQ(core::find_formula("no_such_formula"), nullptr);
    EXPECT_EQ(core::formula("no_such_formula").id, ids::unknown);
    EXPECT_EQ(core::formula("").id, ids::unknown);
}

} // namespace
