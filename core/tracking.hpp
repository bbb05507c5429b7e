// Results tracking: what each influencer's posts actually did, against what the plan
// expected, ranked by any measure, and adopted as the roster's new expectations.
//
// Per influencer, over their tracked posts (one ActualResult per post):
//   interactions per post = mean (or median) of the counted interactions of each post
//                           (you pick which count: likes, comments, shares, saves)
//   actual engagement rate = interactions per post / followers   [actual_engagement_rate]
//   cost                  = price per post x tracked posts (the quote in the roster)
//   CPE = cost / counted interactions; cost per click = cost / clicks;
//   cost per acquisition = cost / conversions                     [cpe, cost_per_click,
//                                                                  cost_per_acquisition]
//   ROI  = (revenue x margin - cost) / cost; ROAS = revenue / cost  [actual_roi, roas]
//   actual against expected = interactions per post / expected engagements per post,
//                           both counting the same interactions (expected_counts: a
//                           likes-only benchmark is compared with likes only)
// Totals add every tracked influencer up (rates in the totals are total over total).
// Imported rows (core/results_import.hpp) carry their source: shop sales and web
// analytics rows are not posts (they add clicks, orders and revenue only), so an
// influencer with only such rows has no interactions per post, and the cost counts
// the booked posts (price x posts in the roster) instead of the tracked ones.
// beat_plan: actual against expected is 100% or more.
// Bad result rows (unknown influencer, negative counts, wrong currency) get an Error
// named "Result 3, Likes" and are left out; the others still count.
// Adopting actuals (credibility weighting): one post says little, so the new expectation
// moves toward what was measured by the weight of the evidence,
//   w = n / (n + k),   new interactions per post = w x actual + (1 - w) x expected,
// where n is the influencer's tracked posts and k (prior_posts, default 12, the number of
// recent posts an engagement rate is commonly measured over) is how many posts the old
// expectation is worth. One post moves it 1/13 of the way, 12 posts half the way.
// Influencers with at least `min_posts` tracked posts are updated (as a rate when it was
// a rate and stays at most 100%, otherwise as average interactions); everyone else is
// unchanged. k = 0 adopts the measurement as it is.
// Example: 1,000 followers, $100 a post, two posts with 60 + 10 and 80 + 10 likes and
// comments, 5 clicks, 1 sale of $40, margin 50%: 80 interactions per post, rate 8.0%,
// cost $200, CPE $200 / 160 = $1.25, cost per click $40, CPA $200,
// ROI (40 x 0.5 - 200) / 200 = -90%.
#pragma once

#include "core/campaign.hpp"
#include "core/engagement.hpp"
#include "core/error.hpp"
#include "core/money.hpp"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

namespace core {

inline constexpr std::size_t max_tracked_results = 200'000;

// Where a result came from: typed by hand, or imported from a file (a re-import
// replaces the rows of its source).
enum class ResultSource : std::uint8_t {
    typed,     // typed on the tracking screen (one post)
    sales,     // a shop's sales by discount code (not a post)
    analytics, // web analytics by campaign link (not a post)
    insights,  // a platform's post insights (one post)
};

// True for the sources whose rows are posts.
[[nodiscard]] constexpr bool is_post(ResultSource source) {
    return source == ResultSource::typed || source == ResultSource::insights;
}

struct ActualResult { // one tracked post, or one imported row of sales or visits
    std::uint32_t influencer_id = 0;
    std::int64_t likes = 0, comments = 0, shares = 0, saves = 0;
    std::int64_t clicks = 0, conversions = 0;
    Money revenue; // in the plan's currency, >= 0
    ResultSource source = ResultSource::typed;
    std::int64_t views = 0, reach = 0, impressions = 0; // from post insights; not counted
};

struct TrackingInputs {
    std::vector<Influencer> roster;
    std::vector<ActualResult> results;
    CountedInteractions counted; // which interactions count as engagement
    // Which interactions the roster's expectations count (the benchmark's basis, say
    // likes only): actual against expected and adopting actuals count the same ones.
    // nullopt: the same as `counted`.
    std::optional<CountedInteractions> expected_counts;
    Averaging averaging = Averaging::mean;
    double margin = 0.4;               // share of revenue kept, 0..1 (the funnel's margin)
    Currency currency = Currency::usd; // the plan's currency
};

struct InfluencerActuals {
    std::uint32_t id = 0;
    std::size_t roster_row = 0;    // 0-based
    std::int64_t posts = 0;        // tracked posts
    std::int64_t interactions = 0; // counted, all tracked posts
    std::int64_t likes = 0, comments = 0, shares = 0, saves = 0, clicks = 0, conversions = 0;
    std::int64_t views = 0, reach = 0, impressions = 0;
    Money revenue, cost;
    double interactions_per_post = 0.0; // mean or median
    // Per post, counted as the expectation counts (expected_counts): what actual against
    // expected and adopting actuals use.
    double comparable_per_post = 0.0;
    double engagement_rate = 0.0;             // interactions per post / followers
    double expected_per_post = 0.0;           // the roster's expectation
    std::optional<double> actual_vs_expected; // nullopt when nothing was expected
    std::optional<Money> cost_per_engagement, cost_per_click, cost_per_acquisition;
    std::optional<double> roi, roas; // nullopt when the cost is zero
    bool beat_plan = false;          // actual against expected >= 100%
};

struct TrackingTotals {
    std::int64_t influencers = 0, posts = 0, interactions = 0, clicks = 0, conversions = 0;
    Money revenue, cost;
    double expected_interactions = 0.0;   // the roster's expectation for the tracked posts
    double comparable_interactions = 0.0; // the tracked posts counted as that expectation
    std::optional<double> actual_vs_expected;
    std::optional<Money> cost_per_engagement, cost_per_click, cost_per_acquisition;
    std::optional<double> roi, roas;
    std::int64_t beat_plan = 0; // influencers who did at least as well as planned
};

struct TrackingResult {
    std::vector<InfluencerActuals> influencers; // tracked ones, in roster order
    TrackingTotals totals;
    std::vector<std::uint32_t> untracked_ids; // roster ids without any valid result
    std::vector<RowError> errors;             // row = index into results, "Result 3, Likes"
};

// Errors (the whole input): margin outside 0..1, more than max_tracked_results results.
[[nodiscard]] Result<TrackingResult> track_results(const TrackingInputs& inputs);

enum class TrackingMetric : std::uint8_t {
    engagement_rate,
    interactions_per_post,
    actual_vs_expected,
    cost_per_engagement,
    cost_per_click,
    cost_per_acquisition,
    roi,
    revenue,
    clicks,
    conversions,
};

[[nodiscard]] std::string_view tracking_metric_name(TrackingMetric metric); // "ROI"
// True for rates, counts, ROI and revenue; false for the cost-per measures.
[[nodiscard]] bool higher_is_better(TrackingMetric metric);
// The value, or nullopt when it is not defined for this influencer.
[[nodiscard]] std::optional<double> tracking_value(const InfluencerActuals& actuals,
                                                   TrackingMetric metric);

// Indices into result.influencers, best first. Influencers whose value is not defined
// come last; ties keep roster order.
[[nodiscard]] std::vector<std::size_t> rank_influencers(const TrackingResult& result,
                                                        TrackingMetric metric);

struct AdoptedRoster {
    std::vector<Influencer> roster;         // same rows, same order
    std::vector<std::uint32_t> changed_ids; // whose expectation changed
};

inline constexpr int default_prior_posts = 12;
inline constexpr int max_prior_posts = 1000;

// The roster with the credibility-weighted expectations. min_posts >= 1; prior_posts is
// clamped to 0 .. max_prior_posts.
[[nodiscard]] AdoptedRoster adopt_actuals(const std::vector<Influencer>& roster,
                                          const TrackingResult& result, int min_posts = 1,
                                          int prior_posts = default_prior_posts);

} // namespace core
