#include "core/engagement.hpp"

#include "core/formulas.hpp"
#include "core/numbers.hpp"

#include <algorithm>
#include <cmath>

namespace core {
namespace {

std::string capitalized(std::string_view word) {
    std::string out(word);
    if (!out.empty() && out[0] >= 'a' && out[0] <= 'z') {
        out[0] = static_cast<char>(out[0] - 'a' + 'A');
    }
    return out;
}

Error count_error(std::string_view field, std::int64_t min) {
    return make_error(ErrorCode::out_of_range, std::string(field),
                      std::string(field) + ": type a whole number from " + format_count(min) +
                          " to " + format_count(max_post_count) + ".");
}

Error nothing_counted_error() {
    return make_error(ErrorCode::invalid, "Interactions",
                      "Interactions: tick at least one of likes, comments, shares and saves.");
}

} // namespace

std::string_view basis_name(EngagementBasis basis) {
    switch (basis) {
    case EngagementBasis::followers:
        return "followers";
    case EngagementBasis::reach:
        return "reach";
    case EngagementBasis::impressions:
        return "impressions";
    case EngagementBasis::views:
        return "views";
    }
    return "followers";
}

std::string_view basis_formula_id(EngagementBasis basis) {
    switch (basis) {
    case EngagementBasis::followers:
        return formula_ids::engagement_rate_followers;
    case EngagementBasis::reach:
        return formula_ids::engagement_rate_reach;
    case EngagementBasis::impressions:
        return formula_ids::engagement_rate_impressions;
    case EngagementBasis::views:
        return formula_ids::engagement_rate_views;
    }
    return formula_ids::engagement_rate_followers;
}

std::string counted_label(CountedInteractions counted) {
    std::string out;
    auto add = [&](bool on, std::string_view name) {
        if (on) {
            out += out.empty() ? "" : " + ";
            out += name;
        }
    };
    add(counted.likes, "likes");
    add(counted.comments, "comments");
    add(counted.shares, "shares");
    add(counted.saves, "saves");
    return out;
}

std::int64_t counted_total(const PostInteractions& post, CountedInteractions counted) {
    // Each count is capped at 10^12 by validation, so four of them cannot overflow.
    return (counted.likes ? post.likes : 0) + (counted.comments ? post.comments : 0) +
           (counted.shares ? post.shares : 0) + (counted.saves ? post.saves : 0);
}

Result<double> post_engagement_rate(const PostInteractions& post, CountedInteractions counted,
                                    EngagementBasis basis) {
    if (!counted.likes && !counted.comments && !counted.shares && !counted.saves) {
        return nothing_counted_error();
    }
    const struct {
        std::string_view field;
        std::int64_t value;
        bool used;
    } counts[] = {{"Likes", post.likes, counted.likes},
                  {"Comments", post.comments, counted.comments},
                  {"Shares", post.shares, counted.shares},
                  {"Saves", post.saves, counted.saves}};
    for (const auto& count : counts) {
        // Unticked counts are checked too: a negative number is a typing mistake
        // the user should hear about even if it does not change the result.
        if (count.value < 0 || count.value > max_post_count) {
            return count_error(count.field, 0);
        }
    }
    const std::string audience_field = capitalized(basis_name(basis));
    if (post.audience < 1 || post.audience > max_post_count) {
        return count_error(audience_field, 1);
    }
    return static_cast<double>(counted_total(post, counted)) / static_cast<double>(post.audience);
}

double average(std::vector<double> values, Averaging averaging) {
    if (values.empty()) {
        return 0.0;
    }
    if (averaging == Averaging::mean) {
        double sum = 0.0;
        for (const double v : values) {
            sum += v;
        }
        return sum / static_cast<double>(values.size());
    }
    std::sort(values.begin(), values.end());
    const std::size_t mid = values.size() / 2;
    if (values.size() % 2 == 1) {
        return values[mid];
    }
    // Halve before adding so that two huge values cannot overflow to infinity.
    return values[mid - 1] / 2.0 + values[mid] / 2.0;
}

Result<EngagementResult> measure_engagement(const EngagementInputs& inputs) {
    if (inputs.posts.empty()) {
        return make_error(ErrorCode::empty, "Posts",
                          "Posts: add at least one post with its likes and " +
                              std::string(basis_name(inputs.basis)) + ".");
    }
    if (!inputs.counted.likes && !inputs.counted.comments && !inputs.counted.shares &&
        !inputs.counted.saves) {
        return nothing_counted_error(); // a setting of the whole measurement, not of a post
    }
    if (inputs.posts.size() > max_posts) {
        return make_error(ErrorCode::too_large, "Posts",
                          "Posts: use at most " + format_count(max_posts) + " posts.");
    }
    EngagementResult result;
    std::vector<double> interactions;
    result.post_rates.reserve(inputs.posts.size());
    interactions.reserve(inputs.posts.size());
    for (std::size_t i = 0; i < inputs.posts.size(); ++i) {
        const auto rate = post_engagement_rate(inputs.posts[i], inputs.counted, inputs.basis);
        if (!rate) {
            const Error& inner = rate.error();
            const std::string prefix = "Post " + std::to_string(i + 1) + ": ";
            return make_error(inner.code, prefix + inner.field, prefix + inner.message);
        }
        result.post_rates.push_back(rate.value());
        interactions.push_back(static_cast<double>(counted_total(inputs.posts[i], inputs.counted)));
    }
    result.rate = average(result.post_rates, inputs.averaging);
    result.interactions_per_post = average(std::move(interactions), inputs.averaging);
    result.formula_id = basis_formula_id(inputs.basis);
    result.averaging_formula_id = inputs.averaging == Averaging::mean
                                      ? formula_ids::mean_over_posts
                                      : formula_ids::median_over_posts;
    result.basis_label = std::string(basis_name(inputs.basis));
    result.counted_label = counted_label(inputs.counted);
    return result;
}

Result<double> expected_interactions(double audience, double rate) {
    if (!std::isfinite(audience) || audience < 0.0 || audience > max_number_magnitude) {
        return make_error(ErrorCode::out_of_range, "Audience",
                          "Audience: type a number from 0 to " +
                              format_number(max_number_magnitude, 0) + ".");
    }
    if (!std::isfinite(rate) || rate < 0.0 || rate > 100.0) {
        return make_error(ErrorCode::out_of_range, "Engagement rate",
                          "Engagement rate: type a percentage from 0% to 10,000%.");
    }
    return audience * rate;
}

} // namespace core
