#include "core/tracking.hpp"

#include "core/numbers.hpp"

#include <algorithm>
#include <cmath>
#include <string>
#include <utility>

namespace core {

namespace {

Error result_error(ErrorCode code, std::size_t index, std::string_view field,
                   const std::string& what) {
    std::string name = "Result " + std::to_string(index + 1) + ", " + std::string(field);
    std::string message = name + ": " + what;
    return make_error(code, std::move(name), std::move(message));
}

bool count_ok(std::int64_t value) {
    return value >= 0 && value <= max_post_count;
}

std::optional<double> ratio(Money cost, Money revenue, double margin, bool roi) {
    if (cost.cents <= 0) {
        return std::nullopt;
    }
    const auto cost_cents = static_cast<double>(cost.cents);
    const auto revenue_cents = static_cast<double>(revenue.cents);
    return roi ? (revenue_cents * margin - cost_cents) / cost_cents : revenue_cents / cost_cents;
}

std::optional<double> share(double actual, double expected) {
    if (!(expected > 0.0)) {
        return std::nullopt;
    }
    return actual / expected;
}

// Checks one result; pushes its errors and returns false when it cannot be used.
bool check_result(const ActualResult& r, std::size_t index, Currency currency, bool known,
                  bool roster_row_ok, std::vector<RowError>& errors) {
    const std::size_t before = errors.size();
    const auto push = [&](ErrorCode code, std::string_view field, const std::string& what) {
        errors.push_back(RowError{index, r.influencer_id, result_error(code, index, field, what)});
    };
    if (!known) {
        push(ErrorCode::invalid, "Influencer",
             "no influencer in the roster has this id; pick one from the roster.");
    } else if (!roster_row_ok) {
        push(ErrorCode::invalid, "Influencer",
             "this influencer's roster row has errors; fix the row first.");
    }
    const std::pair<std::int64_t, std::string_view> counts[] = {
        {r.likes, "Likes"}, {r.comments, "Comments"}, {r.shares, "Shares"},
        {r.saves, "Saves"}, {r.clicks, "Clicks"},     {r.conversions, "Conversions"},
        {r.views, "Views"}, {r.reach, "Reach"},       {r.impressions, "Impressions"},
    };
    for (const auto& [value, field] : counts) {
        if (!count_ok(value)) {
            push(ErrorCode::out_of_range, field,
                 "type a whole number from 0 to " + format_count(max_post_count) +
                     ", such as 120.");
        }
    }
    if (r.revenue.currency != currency) {
        push(ErrorCode::invalid, "Revenue",
             "use the plan's currency (" + std::string(currency_info(currency).code) + ").");
    } else if (r.revenue.cents < 0 || r.revenue.cents > max_money_cents) {
        push(ErrorCode::out_of_range, "Revenue",
             "type an amount of " + format_money(Money::zero(currency)) + " or more, such as " +
                 format_money(Money{4'000, currency}) + ".");
    }
    return errors.size() == before;
}

} // namespace

std::string_view tracking_metric_name(TrackingMetric metric) {
    switch (metric) {
    case TrackingMetric::engagement_rate:
        return "actual engagement rate";
    case TrackingMetric::interactions_per_post:
        return "interactions per post";
    case TrackingMetric::actual_vs_expected:
        return "actual against expected";
    case TrackingMetric::cost_per_engagement:
        return "cost per engagement";
    case TrackingMetric::cost_per_click:
        return "cost per click";
    case TrackingMetric::cost_per_acquisition:
        return "cost per acquisition";
    case TrackingMetric::roi:
        return "ROI";
    case TrackingMetric::revenue:
        return "revenue";
    case TrackingMetric::clicks:
        return "clicks";
    case TrackingMetric::conversions:
        return "conversions";
    }
    return "actual engagement rate";
}

bool higher_is_better(TrackingMetric metric) {
    return metric != TrackingMetric::cost_per_engagement &&
           metric != TrackingMetric::cost_per_click &&
           metric != TrackingMetric::cost_per_acquisition;
}

std::optional<double> tracking_value(const InfluencerActuals& a, TrackingMetric metric) {
    const auto units = [](const std::optional<Money>& m) -> std::optional<double> {
        if (!m) {
            return std::nullopt;
        }
        return m->units();
    };
    switch (metric) {
    case TrackingMetric::engagement_rate:
        return a.engagement_rate;
    case TrackingMetric::interactions_per_post:
        return a.interactions_per_post;
    case TrackingMetric::actual_vs_expected:
        return a.actual_vs_expected;
    case TrackingMetric::cost_per_engagement:
        return units(a.cost_per_engagement);
    case TrackingMetric::cost_per_click:
        return units(a.cost_per_click);
    case TrackingMetric::cost_per_acquisition:
        return units(a.cost_per_acquisition);
    case TrackingMetric::roi:
        return a.roi;
    case TrackingMetric::revenue:
        return a.revenue.units();
    case TrackingMetric::clicks:
        return static_cast<double>(a.clicks);
    case TrackingMetric::conversions:
        return static_cast<double>(a.conversions);
    }
    return std::nullopt;
}

Result<TrackingResult> track_results(const TrackingInputs& inputs) {
    if (!std::isfinite(inputs.margin) || inputs.margin < 0.0 || inputs.margin > 1.0) {
        return make_error(ErrorCode::out_of_range, "Margin",
                          "Margin: type a percentage from 0% to 100%, such as 40%.");
    }
    if (inputs.results.size() > max_tracked_results) {
        return make_error(ErrorCode::too_large, "Results",
                          "Results: keep to " + format_count(max_tracked_results) +
                              " tracked posts or fewer.");
    }
    const Currency currency = inputs.currency;
    const std::vector<Influencer>& roster = inputs.roster;

    // id -> first roster row with it, for lookups by binary search.
    std::vector<std::pair<std::uint32_t, std::size_t>> by_id;
    by_id.reserve(roster.size());
    for (std::size_t i = 0; i < roster.size(); ++i) {
        by_id.emplace_back(roster[i].id, i);
    }
    std::sort(by_id.begin(), by_id.end());
    std::vector<char> row_ok(roster.size(), 0);
    for (std::size_t i = 0; i < roster.size(); ++i) {
        row_ok[i] = validate_influencer(roster[i], i, currency).empty() ? 1 : 0;
    }

    TrackingResult out;
    // (roster row, result index) of every usable result, grouped by row below.
    std::vector<std::pair<std::size_t, std::size_t>> usable;
    usable.reserve(inputs.results.size());
    for (std::size_t k = 0; k < inputs.results.size(); ++k) {
        const ActualResult& r = inputs.results[k];
        const auto found = std::lower_bound(by_id.begin(), by_id.end(),
                                            std::make_pair(r.influencer_id, std::size_t{0}));
        const bool known = found != by_id.end() && found->first == r.influencer_id;
        const bool ok_row = known && row_ok[found->second] != 0;
        if (check_result(r, k, currency, known, ok_row, out.errors)) {
            usable.emplace_back(found->second, k);
        }
    }
    std::stable_sort(usable.begin(), usable.end(),
                     [](const auto& x, const auto& y) { return x.first < y.first; });

    TrackingTotals& t = out.totals;
    t.revenue = Money::zero(currency);
    t.cost = Money::zero(currency);
    std::vector<double> per_post, comparable;
    std::vector<char> tracked(roster.size(), 0);
    const CountedInteractions expected_counts = inputs.expected_counts.value_or(inputs.counted);
    for (std::size_t begin = 0; begin < usable.size();) {
        const std::size_t row = usable[begin].first;
        std::size_t end = begin;
        while (end < usable.size() && usable[end].first == row) {
            ++end;
        }
        const Influencer& influencer = roster[row];
        InfluencerActuals a;
        a.id = influencer.id;
        a.roster_row = row;
        a.revenue = Money::zero(currency);
        per_post.clear();
        comparable.clear();
        bool overflow = false;
        for (std::size_t k = begin; k < end; ++k) {
            const ActualResult& r = inputs.results[usable[k].second];
            PostInteractions post;
            post.likes = r.likes;
            post.comments = r.comments;
            post.shares = r.shares;
            post.saves = r.saves;
            const std::int64_t counted = counted_total(post, inputs.counted);
            if (is_post(r.source)) {
                ++a.posts;
                per_post.push_back(static_cast<double>(counted));
                comparable.push_back(static_cast<double>(counted_total(post, expected_counts)));
            }
            a.interactions += counted;
            a.views += r.views;
            a.reach += r.reach;
            a.impressions += r.impressions;
            a.likes += r.likes;
            a.comments += r.comments;
            a.shares += r.shares;
            a.saves += r.saves;
            a.clicks += r.clicks;
            a.conversions += r.conversions;
            auto sum = add(a.revenue, r.revenue);
            overflow = overflow || !sum.ok();
            a.revenue = sum.value_or(a.revenue);
        }
        // Sales and visits alone say nothing of how many posts ran: the booked ones did.
        const std::int64_t paid_posts = a.posts > 0 ? a.posts : influencer.posts;
        auto cost = multiply(influencer.price_per_post, paid_posts);
        if (overflow || !cost.ok()) {
            for (std::size_t k = begin; k < end; ++k) {
                const std::size_t index = usable[k].second;
                out.errors.push_back(RowError{
                    index, influencer.id,
                    result_error(ErrorCode::overflow, index, "Revenue",
                                 "this influencer's totals are too large to add up; check the "
                                 "amounts for typing mistakes.")});
            }
            begin = end;
            continue;
        }
        a.cost = cost.value();
        a.interactions_per_post = per_post.empty() ? 0.0 : average(per_post, inputs.averaging);
        a.engagement_rate = a.interactions_per_post / static_cast<double>(influencer.followers);
        a.expected_per_post = engagements_per_post(influencer);
        if (a.posts > 0) {
            a.comparable_per_post = average(comparable, inputs.averaging);
            a.actual_vs_expected = share(a.comparable_per_post, a.expected_per_post);
        }
        a.beat_plan = a.actual_vs_expected.has_value() && *a.actual_vs_expected >= 1.0;
        a.cost_per_engagement = cost_per_unit(a.cost, static_cast<double>(a.interactions));
        a.cost_per_click = cost_per_unit(a.cost, static_cast<double>(a.clicks));
        a.cost_per_acquisition = cost_per_unit(a.cost, static_cast<double>(a.conversions));
        a.roi = ratio(a.cost, a.revenue, inputs.margin, true);
        a.roas = ratio(a.cost, a.revenue, inputs.margin, false);

        auto revenue_total = add(t.revenue, a.revenue);
        auto cost_total = add(t.cost, a.cost);
        if (!revenue_total.ok() || !cost_total.ok()) {
            return make_error(ErrorCode::overflow, "Results",
                              "Results: the totals are too large to add up; check the amounts "
                              "for typing mistakes.");
        }
        t.revenue = revenue_total.value();
        t.cost = cost_total.value();
        ++t.influencers;
        t.beat_plan += a.beat_plan ? 1 : 0;
        t.posts += a.posts;
        t.interactions += a.interactions;
        t.clicks += a.clicks;
        t.conversions += a.conversions;
        t.expected_interactions += a.expected_per_post * static_cast<double>(a.posts);
        for (const double count : comparable) {
            t.comparable_interactions += count;
        }
        tracked[row] = 1;
        out.influencers.push_back(std::move(a));
        begin = end;
    }
    std::stable_sort(out.errors.begin(), out.errors.end(),
                     [](const RowError& x, const RowError& y) { return x.row < y.row; });
    t.actual_vs_expected = share(t.comparable_interactions, t.expected_interactions);
    t.cost_per_engagement = cost_per_unit(t.cost, static_cast<double>(t.interactions));
    t.cost_per_click = cost_per_unit(t.cost, static_cast<double>(t.clicks));
    t.cost_per_acquisition = cost_per_unit(t.cost, static_cast<double>(t.conversions));
    t.roi = ratio(t.cost, t.revenue, inputs.margin, true);
    t.roas = ratio(t.cost, t.revenue, inputs.margin, false);
    for (std::size_t i = 0; i < roster.size(); ++i) {
        if (tracked[i] == 0) {
            out.untracked_ids.push_back(roster[i].id);
        }
    }
    return out;
}

std::vector<std::size_t> rank_influencers(const TrackingResult& result, TrackingMetric metric) {
    const bool higher = higher_is_better(metric);
    std::vector<std::pair<std::optional<double>, std::size_t>> keyed;
    keyed.reserve(result.influencers.size());
    for (std::size_t i = 0; i < result.influencers.size(); ++i) {
        keyed.emplace_back(tracking_value(result.influencers[i], metric), i);
    }
    std::stable_sort(keyed.begin(), keyed.end(), [higher](const auto& x, const auto& y) {
        if (!x.first || !y.first) {
            return x.first.has_value() && !y.first.has_value(); // defined values first
        }
        return higher ? *x.first > *y.first : *x.first < *y.first;
    });
    std::vector<std::size_t> order;
    order.reserve(keyed.size());
    for (const auto& entry : keyed) {
        order.push_back(entry.second);
    }
    return order;
}

AdoptedRoster adopt_actuals(const std::vector<Influencer>& roster, const TrackingResult& result,
                            int min_posts, int prior_posts) {
    AdoptedRoster out;
    out.roster = roster;
    const std::int64_t needed = std::max(1, min_posts);
    const double prior = static_cast<double>(std::clamp(prior_posts, 0, max_prior_posts));
    for (const InfluencerActuals& a : result.influencers) {
        // Guard against a result computed from another roster.
        if (a.roster_row >= out.roster.size() || out.roster[a.roster_row].id != a.id ||
            a.posts < needed) {
            continue;
        }
        Influencer& influencer = out.roster[a.roster_row];
        const EngagementInputKind old_kind = influencer.engagement_kind;
        const double old_value = influencer.engagement_value;
        const double weight = static_cast<double>(a.posts) / (static_cast<double>(a.posts) + prior);
        const double per_post =
            weight * a.comparable_per_post + (1.0 - weight) * engagements_per_post(influencer);
        const auto followers = static_cast<double>(influencer.followers);
        if (old_kind == EngagementInputKind::rate && followers > 0.0 && per_post <= followers) {
            influencer.engagement_value = per_post / followers;
        } else {
            influencer.engagement_kind = EngagementInputKind::average_interactions;
            influencer.engagement_value = per_post;
        }
        if (influencer.engagement_kind != old_kind || influencer.engagement_value != old_value) {
            out.changed_ids.push_back(a.id);
        }
    }
    return out;
}

} // namespace core
