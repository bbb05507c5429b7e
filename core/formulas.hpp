// Every formula the product shows, in one table, so that each number on screen can
// say how it was computed. Results carry a formula id (a string_view into this table);
// the UI and the report look the id up to print the name, the formula and its source.
// Units: rates are fractions; money is in the plan's currency.
// Example: formula(formula_ids::cpe).text is "cost / expected engagements".
#pragma once

#include <array>
#include <string_view>

namespace core {

struct Formula {
    std::string_view id;     // stable, used in results and saved reports
    std::string_view name;   // "Cost per engagement (CPE)"
    std::string_view text;   // "cost / expected engagements"
    std::string_view source; // where the definition or figure comes from
};

namespace formula_ids {
// Engagement (core/engagement.hpp)
inline constexpr std::string_view engagement_rate_followers = "engagement_rate_followers";
inline constexpr std::string_view engagement_rate_reach = "engagement_rate_reach";
inline constexpr std::string_view engagement_rate_impressions = "engagement_rate_impressions";
inline constexpr std::string_view engagement_rate_views = "engagement_rate_views";
inline constexpr std::string_view mean_over_posts = "mean_over_posts";
inline constexpr std::string_view median_over_posts = "median_over_posts";
inline constexpr std::string_view expected_interactions = "expected_interactions";
// Campaign rows and totals (core/campaign.hpp, core/compare.hpp)
inline constexpr std::string_view expected_engagements = "expected_engagements";
inline constexpr std::string_view targeted_engagements = "targeted_engagements";
inline constexpr std::string_view estimated_reach = "estimated_reach";
inline constexpr std::string_view impressions = "impressions";
inline constexpr std::string_view unique_reach = "unique_reach";
inline constexpr std::string_view campaign_cost = "campaign_cost";
inline constexpr std::string_view cpe = "cpe";
inline constexpr std::string_view cpm = "cpm";
inline constexpr std::string_view cost_per_thousand_reached = "cost_per_thousand_reached";
inline constexpr std::string_view cost_per_click = "cost_per_click";
inline constexpr std::string_view cost_per_acquisition = "cost_per_acquisition";
inline constexpr std::string_view share_of_budget = "share_of_budget";
inline constexpr std::string_view budget_left = "budget_left";
inline constexpr std::string_view break_even_count = "break_even_count";
inline constexpr std::string_view break_even_price = "break_even_price";
inline constexpr std::string_view break_even_rate = "break_even_rate";
// Funnel (core/funnel.hpp)
inline constexpr std::string_view clicks_from_engagements = "clicks_from_engagements";
inline constexpr std::string_view clicks_from_impressions = "clicks_from_impressions";
inline constexpr std::string_view conversions = "conversions";
inline constexpr std::string_view revenue = "revenue";
inline constexpr std::string_view gross_profit = "gross_profit";
inline constexpr std::string_view roi = "roi";
inline constexpr std::string_view roas = "roas";
inline constexpr std::string_view earned_media_value = "earned_media_value";
// Benchmarks (core/benchmarks.hpp)
inline constexpr std::string_view benchmark_ratio = "benchmark_ratio";
inline constexpr std::string_view geometric_interpolation = "geometric_interpolation";
inline constexpr std::string_view scaled_benchmark = "scaled_benchmark";
inline constexpr std::string_view engagement_curve = "engagement_curve";
// Pricing (core/pricing.hpp)
inline constexpr std::string_view price_tier_table = "price_tier_table";
inline constexpr std::string_view price_per_thousand = "price_per_thousand";
inline constexpr std::string_view price_cost_per_engagement = "price_cost_per_engagement";
inline constexpr std::string_view price_quote = "price_quote";
// Uncertainty and tracking (core/uncertainty.hpp, core/tracking.hpp)
inline constexpr std::string_view low_high_range = "low_high_range";
inline constexpr std::string_view simulation_percentiles = "simulation_percentiles";
inline constexpr std::string_view probability_a_beats_b = "probability_a_beats_b";
inline constexpr std::string_view actual_engagement_rate = "actual_engagement_rate";
inline constexpr std::string_view actual_roi = "actual_roi";
// Returned by formula() for an id that is not in the table.
inline constexpr std::string_view unknown = "unknown";
} // namespace formula_ids

// clang-format off
inline constexpr std::array all_formulas{
    // Engagement
    Formula{formula_ids::engagement_rate_followers, "Engagement rate by followers",
            "counted interactions on a post / followers",
            "Common industry definition (the article, HypeAuditor, Markerly); you choose which interactions count"},
    Formula{formula_ids::engagement_rate_reach, "Engagement rate by reach",
            "counted interactions on a post / accounts reached by it",
            "Common industry definition; reach comes from the influencer's own statistics"},
    Formula{formula_ids::engagement_rate_impressions, "Engagement rate by impressions",
            "counted interactions on a post / impressions of it",
            "Common industry definition; impressions count repeat views"},
    Formula{formula_ids::engagement_rate_views, "Engagement rate by views",
            "counted interactions on a video / views of it",
            "Common definition for video platforms"},
    Formula{formula_ids::mean_over_posts, "Mean over posts",
            "sum of the per-post values / number of posts",
            "Arithmetic mean; 12 recent posts is a common sample"},
    Formula{formula_ids::median_over_posts, "Median over posts",
            "middle per-post value (the mean of the two middle values for an even number of posts)",
            "Median; less sensitive to one viral post than the mean"},
    Formula{formula_ids::expected_interactions, "Expected interactions per post",
            "audience x engagement rate",
            "The article's examples: 1,000 x 15% = 150; 2,000 x 7.4% = 148; 100,000 x 2.4% = 2,400"},
    // Campaign
    Formula{formula_ids::expected_engagements, "Expected engagements",
            "followers x engagement rate x posts",
            "Engagement rate definition applied to the planned posts"},
    Formula{formula_ids::targeted_engagements, "Targeted engagements",
            "expected engagements x authenticity (share of the audience that is real) x audience "
            "fit (share in the target segment)",
            "Your assumption about each influencer's audience; never a hidden multiplier"},
    Formula{formula_ids::estimated_reach, "Estimated reach",
            "followers x (1 - (1 - share)^posts): people who see at least one post, where share "
            "= reached per post / followers and reached per post = max(followers x reach rate, "
            "engagements per post); never below reached per post",
            "Your reach-rate assumption (each post reaches its share of followers independently); "
            "a like needs a view, so a post reaches at least the people who engage with it"},
    Formula{formula_ids::impressions, "Impressions",
            "reached per post x posts",
            "Each planned post seen once by each person it reaches"},
    Formula{formula_ids::unique_reach, "People reached by the plan (unique reach)",
            "sum of the rows' reach - overlap x (that sum - the largest row's reach)",
            "Your audience-overlap assumption: the share of each audience, beyond the largest, "
            "that another influencer of the plan also reaches; 0% counts every audience apart"},
    Formula{formula_ids::campaign_cost, "Cost",
            "fees (price per post x posts) + usage rights (fees x usage share) + overhead per "
            "booked influencer (the row's own, or hours x rate + product + other) + agency fee "
            "(agency share x all of these)",
            "The influencer's quote or the chosen pricing model; costs beyond the fee are your "
            "assumptions (all zero: the cost is the fee)"},
    Formula{formula_ids::cpe, "Cost per engagement (CPE)",
            "cost / expected engagements",
            "Standard definition"},
    Formula{formula_ids::cpm, "Cost per thousand impressions (CPM)",
            "cost / impressions x 1,000",
            "Standard definition"},
    Formula{formula_ids::cost_per_thousand_reached, "Cost per 1,000 people reached",
            "cost / people reached by the plan x 1,000",
            "Like CPM, but per person rather than per impression: each person counts once, "
            "however many posts they see and however many influencers they follow"},
    Formula{formula_ids::cost_per_click, "Cost per click (CPC)",
            "cost / clicks",
            "Standard definition"},
    Formula{formula_ids::cost_per_acquisition, "Cost per acquisition (CPA)",
            "cost / conversions",
            "Standard definition"},
    Formula{formula_ids::share_of_budget, "Share of budget",
            "cost / budget",
            "Plain arithmetic"},
    Formula{formula_ids::budget_left, "Budget left (or overrun)",
            "budget - total cost",
            "Plain arithmetic; negative means over budget"},
    Formula{formula_ids::break_even_count, "Break-even number of influencers",
            "smallest N for which N x one small influencer's result >= the other plan's result",
            "Plain arithmetic on the two plans' expected results"},
    Formula{formula_ids::break_even_price, "Break-even price per post",
            "the price at which both plans have the same cost per result",
            "Plain arithmetic on the two plans' expected results"},
    Formula{formula_ids::break_even_rate, "Break-even engagement rate",
            "the engagement rate at which plan B matches plan A on the chosen judgement (same "
            "cost per result, or same total)",
            "Plain arithmetic on the two plans' expected results"},
    // Funnel
    Formula{formula_ids::clicks_from_engagements, "Clicks (from engagements)",
            "engagements x click-through rate",
            "Your click-through assumption, the same for every influencer"},
    Formula{formula_ids::clicks_from_impressions, "Clicks (from impressions)",
            "impressions x click-through rate",
            "Your click-through assumption, the same for every influencer"},
    Formula{formula_ids::conversions, "Conversions",
            "clicks x conversion rate x the row's conversion multiplier (1 unless you say its "
            "audience buys more or less)",
            "Your conversion-rate assumption"},
    Formula{formula_ids::revenue, "Revenue",
            "conversions x average order value",
            "Your average-order-value assumption"},
    Formula{formula_ids::gross_profit, "Gross profit",
            "revenue x margin",
            "Your margin assumption"},
    Formula{formula_ids::roi, "Return on investment (ROI)",
            "(revenue x margin - cost) / cost",
            "Standard definition; not defined when the cost is zero"},
    Formula{formula_ids::roas, "Return on ad spend (ROAS)",
            "revenue / cost",
            "Standard definition; not defined when the cost is zero"},
    Formula{formula_ids::earned_media_value, "Earned media value (an estimate)",
            "impressions x CPM / 1,000",
            "What the impressions would cost as ads; widely doubted, not money earned. CPM $5-$6.50 per InfluencerDB, Traackr, Upfluence"},
    // Benchmarks
    Formula{formula_ids::benchmark_ratio, "Ratio to the benchmark",
            "engagement rate / expected rate on the benchmark curve at the influencer's followers",
            "The chosen benchmark set"},
    Formula{formula_ids::engagement_curve, "Expected rate between tiers (benchmark curve)",
            "each tier's rate placed at the tier's middle on a log scale; straight lines "
            "between those points in log followers and log rate; flat beyond the first and "
            "last; a line never falls faster than 1 / followers, so expected engagements per "
            "post never decrease as followers grow",
            "Our interpolation of the chosen benchmark set's tiers: no jump at a tier edge"},
    Formula{formula_ids::geometric_interpolation, "Geometric interpolation (derived figure)",
            "square root of (rate of the tier below x rate of the tier above)",
            "Our derivation where a source gives no figure for a tier; marked as derived"},
    Formula{formula_ids::scaled_benchmark, "Scaled benchmark (derived figure)",
            "the source's figure for one tier x (Markerly 2016 rate for this tier / Markerly 2016 rate for that tier)",
            "Our derivation where a source publishes only one tier; marked as derived"},
    // Pricing
    Formula{formula_ids::price_tier_table, "Price from a tier table",
            "the price of the tier that contains the follower count",
            "The chosen price table (default: the article's $100 micro and $5,000 macro examples)"},
    Formula{formula_ids::price_per_thousand, "Price per 1,000 followers",
            "followers / 1,000 x price per 1,000 followers",
            "Rule of thumb: about $10 per 1,000 followers per post (InfluencerDB, about 2018)"},
    Formula{formula_ids::price_cost_per_engagement, "Price from a cost-per-engagement target",
            "followers x engagement rate x target cost per engagement",
            "Your CPE target"},
    Formula{formula_ids::price_quote, "The influencer's quote",
            "the price the influencer asked for",
            "Entered by you; always overrides a suggested price"},
    // Uncertainty and tracking
    Formula{formula_ids::low_high_range, "Low / expected / high",
            "expected x exp(-sigma^2/2 -/+ 1.645 sigma): every influencer at their 5th / 95th "
            "percentile together",
            "Your spread assumption"},
    Formula{formula_ids::simulation_percentiles, "Simulated percentiles",
            "percentiles of the outcome over seeded random runs",
            "Monte Carlo simulation, conditional on your spread, shared-shock and conversion-spread "
            "assumptions; prices, reach and audience quality as typed"},
    Formula{formula_ids::probability_a_beats_b, "Probability plan A beats plan B",
            "share of simulated runs in which plan A does better than plan B on the chosen "
            "judgement (same cost per result, or same total); ties count half",
            "Monte Carlo simulation, conditional on your spread, shared-shock and conversion-spread "
            "assumptions; prices, reach and audience quality as typed"},
    Formula{formula_ids::actual_engagement_rate, "Actual engagement rate",
            "actual counted interactions / followers",
            "Your tracked results"},
    Formula{formula_ids::actual_roi, "Actual ROI",
            "(actual revenue x margin - cost) / cost",
            "Your tracked results"},
};
// clang-format on

// The formula with this id, or a placeholder whose id is formula_ids::unknown.
[[nodiscard]] const Formula& formula(std::string_view id);
// nullptr when the id is not in the table.
[[nodiscard]] const Formula* find_formula(std::string_view id);

} // namespace core
