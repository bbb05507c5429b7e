// Engagement rate of an influencer, measured from their recent posts.
//
// Per post:   rate = counted interactions / audience
//             where the audience is the basis the user picks (followers, reach,
//             impressions or video views) and the counted interactions are the ones
//             they tick (likes, comments, shares, saves).
// Over posts: the mean or the median of the per-post rates (the user picks).
// Expected interactions per post = audience x rate.
// Units: counts are whole numbers; rates are fractions (0.074, not 7.4).
// Example (the article): 1,000 followers at 15% expect 1,000 x 0.15 = 150 likes per
// post; 2,000 at 7.4% expect 148; 100,000 at 2.4% expect 2,400.
// A rate above 1 is possible (a post seen far beyond the follower base) and allowed.
#pragma once

#include "core/error.hpp"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace core {

enum class EngagementBasis : std::uint8_t { followers, reach, impressions, views };
enum class Averaging : std::uint8_t { mean, median };

struct CountedInteractions { // which interactions count as engagement
    bool likes = true;
    bool comments = true;
    bool shares = false;
    bool saves = false;
};

struct PostInteractions { // one post's numbers, as the platform reports them
    std::int64_t likes = 0;
    std::int64_t comments = 0;
    std::int64_t shares = 0;
    std::int64_t saves = 0;
    std::int64_t audience = 0; // followers, reach, impressions or views, per the basis
};

inline constexpr std::size_t max_posts = 1000;                    // posts per measurement
inline constexpr std::int64_t max_post_count = 1'000'000'000'000; // any single count

struct EngagementInputs {
    EngagementBasis basis = EngagementBasis::followers;
    CountedInteractions counted;
    Averaging averaging = Averaging::mean;
    std::vector<PostInteractions> posts; // at least one
};

struct EngagementResult {
    double rate = 0.0;                     // mean or median of post_rates
    double interactions_per_post = 0.0;    // mean or median of counted interactions
    std::vector<double> post_rates;        // one per post, in input order
    std::string_view formula_id;           // the basis formula (formula_ids::engagement_rate_*)
    std::string_view averaging_formula_id; // formula_ids::mean_over_posts or median_over_posts
    std::string basis_label;               // "followers", "reach", "impressions", "views"
    std::string counted_label;             // "likes + comments"
};

// "followers" ... and the matching formula id.
[[nodiscard]] std::string_view basis_name(EngagementBasis basis);
[[nodiscard]] std::string_view basis_formula_id(EngagementBasis basis);
// "likes + comments + shares"; empty when nothing is ticked.
[[nodiscard]] std::string counted_label(CountedInteractions counted);

// Sum of the ticked interactions of one post (no validation; counts must be >= 0).
[[nodiscard]] std::int64_t counted_total(const PostInteractions& post, CountedInteractions counted);

// One post's rate. Errors: a negative or oversized count, an audience of 0, nothing
// ticked. Fields are named "Likes", "Followers" (or the basis) etc.
[[nodiscard]] Result<double> post_engagement_rate(const PostInteractions& post,
                                                  CountedInteractions counted,
                                                  EngagementBasis basis);

// The rate over several posts. Errors name the post: "Post 3: Likes: ...".
[[nodiscard]] Result<EngagementResult> measure_engagement(const EngagementInputs& inputs);

// audience x rate. Errors: audience negative, above 10^15 or not finite; rate negative,
// above 100 (10,000%) or not finite.
[[nodiscard]] Result<double> expected_interactions(double audience, double rate);

// Mean or median of values (empty -> 0). Used for rates and interaction counts.
[[nodiscard]] double average(std::vector<double> values, Averaging averaging);

} // namespace core
