#include "core/drivers.hpp"

#include "core/benchmarks.hpp"
#include "core/compare.hpp"
#include "core/pricing.hpp"

#include <algorithm>
#include <cmath>
#include <utility>

namespace core {

namespace {

constexpr double margin_cap = 1e12; // r is kept within [1 / cap, cap]: "infinitely" better
constexpr double tie_tolerance = 1e-9;

struct PlanPoint {
    double cost = 0.0;   // cents, all-in
    double metric = 0.0; // the compared metric
    std::int64_t booked = 0;
};

std::optional<PlanPoint> plan_point(const ComparisonInputs& inputs, const PlanGroup& group) {
    auto result = evaluate_campaign(plan_campaign_inputs(inputs, group));
    if (!result.ok()) {
        return std::nullopt;
    }
    const CampaignTotals& t = result.value().totals;
    return PlanPoint{static_cast<double>(t.cost.cents), metric_value(t, inputs.setup.metric),
                     t.booked};
}

double ratio_or_cap(double numerator, double denominator) {
    if (numerator <= 0.0 && denominator <= 0.0) {
        return 1.0; // nothing on either side: neither is ahead
    }
    if (denominator <= 0.0) {
        return margin_cap;
    }
    return std::clamp(numerator / denominator, 1.0 / margin_cap, margin_cap);
}

std::optional<double> margin_of(const PlanPoint& a, const PlanPoint& b, Judgement judgement) {
    if (a.booked == 0 || b.booked == 0) {
        return std::nullopt;
    }
    if (judgement == Judgement::total_result) {
        return ratio_or_cap(b.metric, a.metric);
    }
    return ratio_or_cap(a.cost * b.metric, b.cost * a.metric);
}

// +1: plan B ahead, -1: plan A ahead, 0: a tie (the band compare_plans uses).
int side(double margin) {
    if (std::fabs(margin - 1.0) <= tie_tolerance * std::fmax(1.0, margin)) {
        return 0;
    }
    return margin > 1.0 ? 1 : -1;
}

bool is_money(Driver driver) {
    return driver == Driver::price_a || driver == Driver::price_b || driver == Driver::overhead;
}
bool on_a(Driver driver) {
    return driver == Driver::price_a || driver == Driver::engagement_a ||
           driver == Driver::quality_a;
}
bool on_both(Driver driver) {
    return driver == Driver::overhead || driver == Driver::overlap;
}

// The values a driver can take.
std::pair<double, double> domain(Driver driver) {
    switch (driver) {
    case Driver::price_a:
    case Driver::price_b:
        return {0.0, static_cast<double>(max_price_per_post_cents)};
    case Driver::overhead:
        return {0.0, 1e10}; // $100 million per influencer
    case Driver::conversion_b:
        return {0.0, max_conversion_multiplier};
    default:
        return {0.0, 1.0};
    }
}

// Engagements of all posts of a row (weights for the plan's averages).
double row_engagements(const Influencer& row) {
    return engagements_per_post(row) * static_cast<double>(std::max(0, row.posts));
}

double average_price(const PlanGroup& group) {
    double cents = 0.0;
    double posts = 0.0;
    for (const Influencer& row : group.influencers) {
        cents += static_cast<double>(row.price_per_post.cents) * std::max(0, row.posts);
        posts += std::max(0, row.posts);
    }
    return posts > 0.0 ? cents / posts : 0.0;
}

double average_rate(const PlanGroup& group) {
    double engagements = 0.0;
    double audience = 0.0;
    for (const Influencer& row : group.influencers) {
        engagements += row_engagements(row);
        audience += static_cast<double>(row.followers) * std::max(0, row.posts);
    }
    return audience > 0.0 ? engagements / audience : 0.0;
}

// An engagement-weighted average of f(row) (a plain average when nothing is expected).
template <class F>
double weighted(const PlanGroup& group, F f) {
    double sum = 0.0;
    double weight = 0.0;
    for (const Influencer& row : group.influencers) {
        sum += row_engagements(row) * f(row);
        weight += row_engagements(row);
    }
    if (weight > 0.0) {
        return sum / weight;
    }
    for (const Influencer& row : group.influencers) {
        sum += f(row);
    }
    return group.influencers.empty() ? 0.0 : sum / static_cast<double>(group.influencers.size());
}

double average_quality(const PlanGroup& group) {
    return weighted(group, [](const Influencer& row) { return audience_quality(row); });
}
double average_multiplier(const PlanGroup& group) {
    return weighted(group, [](const Influencer& row) { return row.conversion_multiplier; });
}

double average_followers(const PlanGroup& group) {
    double followers = 0.0;
    double booked = 0.0;
    for (const Influencer& row : group.influencers) {
        if (row.posts > 0) {
            followers += static_cast<double>(row.followers);
            booked += 1.0;
        }
    }
    return booked > 0.0 ? followers / booked : 0.0;
}

void set_price(PlanGroup& group, double value) {
    const double now = average_price(group);
    for (Influencer& row : group.influencers) {
        const double cents =
            now > 0.0 ? static_cast<double>(row.price_per_post.cents) * (value / now) : value;
        row.price_per_post.cents = std::min(round_cents(cents), max_price_per_post_cents);
    }
}

void set_rate(PlanGroup& group, double value) {
    const double now = average_rate(group);
    for (Influencer& row : group.influencers) {
        if (row.engagement_kind == EngagementInputKind::rate) {
            row.engagement_value =
                std::min(1.0, now > 0.0 ? row.engagement_value * (value / now) : value);
        } else {
            row.engagement_value = std::min(max_average_interactions,
                                            now > 0.0 ? row.engagement_value * (value / now)
                                                      : value * static_cast<double>(row.followers));
        }
    }
}

// Authenticity moves first; audience fit only once authenticity is at 100%.
void set_quality(PlanGroup& group, double value) {
    const double now = average_quality(group);
    for (Influencer& row : group.influencers) {
        const double target =
            std::min(1.0, now > 0.0 ? audience_quality(row) * (value / now) : value);
        if (now <= 0.0) {
            row.audience_fit = 1.0;
        }
        if (row.audience_fit <= 0.0) {
            continue;
        }
        row.authenticity = std::min(1.0, target / row.audience_fit);
        if (row.authenticity > 0.0) {
            row.audience_fit = std::min(1.0, target / row.authenticity);
        }
    }
}

void set_conversion(PlanGroup& b, double value, double a_multiplier) {
    const double now = average_multiplier(b);
    for (Influencer& row : b.influencers) {
        const double multiplier = now > 0.0
                                      ? row.conversion_multiplier * (value * a_multiplier / now)
                                      : value * a_multiplier;
        row.conversion_multiplier = std::min(max_conversion_multiplier, multiplier);
    }
}

std::optional<double> margin_with(const ComparisonInputs& inputs, Driver driver, double value,
                                  const std::optional<PlanPoint>& a,
                                  const std::optional<PlanPoint>& b) {
    const ComparisonInputs moved = detail::with_driver(inputs, driver, value);
    // Only the plan the driver touches is evaluated again.
    const auto new_a = on_a(driver) || on_both(driver) ? plan_point(moved, moved.setup.a) : a;
    const auto new_b = !on_a(driver) ? plan_point(moved, moved.setup.b) : b;
    if (!new_a || !new_b) {
        return std::nullopt;
    }
    return margin_of(*new_a, *new_b, inputs.setup.judgement);
}

std::optional<double> flip_between(const ComparisonInputs& inputs, Driver driver, double lo,
                                   double hi, const std::optional<PlanPoint>& a,
                                   const std::optional<PlanPoint>& b) {
    const auto at = [&](double value) -> std::optional<int> {
        const auto margin = margin_with(inputs, driver, value, a, b);
        return margin ? std::optional<int>(side(*margin)) : std::nullopt;
    };
    const auto side_lo = at(lo);
    const auto side_hi = at(hi);
    if (!side_lo || !side_hi) {
        return std::nullopt;
    }
    if (*side_lo == 0) {
        return lo;
    }
    if (*side_hi == 0) {
        return hi;
    }
    if (*side_lo == *side_hi) {
        return std::nullopt;
    }
    const int low_side = *side_lo;
    if (is_money(driver)) {
        auto lo_cents = static_cast<std::int64_t>(lo);
        auto hi_cents = static_cast<std::int64_t>(hi);
        while (hi_cents - lo_cents > 1) {
            const std::int64_t mid = lo_cents + (hi_cents - lo_cents) / 2;
            const auto s = at(static_cast<double>(mid));
            if (!s) {
                return std::nullopt;
            }
            if (*s == 0) {
                return static_cast<double>(mid);
            }
            (*s == low_side ? lo_cents : hi_cents) = mid;
        }
        // The cent at which plan B is at least as good.
        return static_cast<double>(low_side > 0 ? lo_cents : hi_cents);
    }
    for (int i = 0; i < 100 && hi - lo > 1e-10 * std::fmax(1.0, hi); ++i) {
        const double mid = lo + (hi - lo) / 2.0;
        const auto s = at(mid);
        if (!s) {
            return std::nullopt;
        }
        if (*s == 0) {
            return mid;
        }
        (*s == low_side ? lo : hi) = mid;
    }
    return lo + (hi - lo) / 2.0;
}

std::size_t rows_of(const ComparisonInputs& inputs) {
    return inputs.setup.a.influencers.size() + inputs.setup.b.influencers.size();
}

// [SECTION] Sensitivity ranges

struct Range {
    double low = 0.0, high = 0.0;
    std::string source;
};

Range price_range(const PlanGroup& group, double current, Currency currency) {
    const auto followers = static_cast<std::int64_t>(std::llround(average_followers(group)));
    std::vector<PricingModel> models = builtin_price_tables(currency);
    PricingModel per_thousand = models.front();
    per_thousand.kind = PricingModelKind::per_thousand_followers;
    const char* names[] = {"the article's examples", "IZEA 2022 averages",
                           "InfluencerDB's $10 per 1,000 followers (about 2018)"};
    models.resize(2);
    models.push_back(per_thousand);
    Range range{current, current,
                "Built-in price figures for " + format_count(followers) + " followers:"};
    for (std::size_t i = 0; i < models.size(); ++i) {
        auto price = suggest_price(models[i], followers, 0.0);
        if (!price.ok()) {
            continue;
        }
        const auto cents = static_cast<double>(price.value().price.cents);
        range.low = std::min(range.low, cents);
        range.high = std::max(range.high, cents);
        range.source +=
            std::string(i == 0 ? " " : "; ") + names[i] + " " + format_money(price.value().price);
    }
    range.source += ".";
    return range;
}

Range rate_range(const PlanGroup& group, double current) {
    const auto followers = static_cast<std::int64_t>(std::llround(average_followers(group)));
    Range range{current, current,
                "Built-in benchmark sets for " + format_count(followers) + " followers:"};
    bool first = true;
    for (const BenchmarkSet& set : builtin_benchmark_sets()) {
        const double rate = expected_engagement_rate(set, followers);
        range.low = std::min(range.low, rate);
        range.high = std::max(range.high, rate);
        range.source += std::string(first ? " " : "; ") + set.name + " " + format_percent(rate, 1);
        first = false;
    }
    range.source += ".";
    return range;
}

Range range_for(const ComparisonInputs& inputs, Driver driver, double current) {
    const Currency currency = inputs.budget.currency;
    switch (driver) {
    case Driver::price_a:
        return price_range(inputs.setup.a, current, currency);
    case Driver::price_b:
        return price_range(inputs.setup.b, current, currency);
    case Driver::engagement_a:
        return rate_range(inputs.setup.a, current);
    case Driver::engagement_b:
        return rate_range(inputs.setup.b, current);
    case Driver::quality_a:
    case Driver::quality_b:
        return {current * 0.5, current,
                "Assumption: down to half the audience fake or off-target. HypeAuditor (2023, "
                "Instagram) flags 36% of accounts for fraud, an account-level flag, not a share "
                "of fake followers; audit tools measure authenticity differently."};
    case Driver::conversion_b:
        return {current * 0.5, current * 2.0,
                "Assumption: half to twice the conversion rate. Digiday (2016, Instagram) reports "
                "30 to 40 micro-influencers out-converting celebrity posts, without a ratio; "
                "Nielsen (2015) finds 83% trust recommendations from people they know."};
    case Driver::overhead:
        return {0.0, std::max(current, 0.0) + 20'000.0,
                "Assumption: from nothing to " +
                    format_money(Money{static_cast<std::int64_t>(current) + 20'000, currency}) +
                    " per influencer (for example 2 hours at $50 plus $100 of product and "
                    "shipping)."};
    case Driver::overlap:
        return {0.0, std::max(current, 0.5),
                "Assumption: from no one reached twice to half of each smaller audience."};
    }
    return {current, current, "Assumption."};
}

std::string driver_label(Driver driver, const ComparisonInputs& inputs) {
    const std::string& a = inputs.setup.a.name.empty() ? "Plan A" : inputs.setup.a.name;
    const std::string& b = inputs.setup.b.name.empty() ? "Plan B" : inputs.setup.b.name;
    switch (driver) {
    case Driver::price_a:
        return "Price per post, " + a;
    case Driver::price_b:
        return "Price per post, " + b;
    case Driver::engagement_a:
        return "Engagement rate, " + a;
    case Driver::engagement_b:
        return "Engagement rate, " + b;
    case Driver::quality_a:
        return "Audience real and in target, " + a;
    case Driver::quality_b:
        return "Audience real and in target, " + b;
    case Driver::conversion_b:
        return "Conversion advantage, " + b;
    case Driver::overhead:
        return "Overhead per influencer (both)";
    case Driver::overlap:
        return "Audience overlap (both)";
    }
    return "";
}

} // namespace

CampaignInputs plan_campaign_inputs(const ComparisonInputs& inputs, const PlanGroup& group) {
    CampaignInputs campaign;
    campaign.roster = group.influencers;
    campaign.budget = inputs.budget;
    campaign.reach_rate = inputs.reach_rate;
    campaign.reach_by_size = inputs.reach_by_size;
    campaign.reach_table = inputs.reach_table;
    campaign.audience_overlap = inputs.audience_overlap;
    campaign.funnel = inputs.funnel;
    campaign.funnel_from_targeted = inputs.funnel_from_targeted;
    campaign.costs = inputs.costs;
    return campaign;
}

namespace detail {

std::optional<double> verdict_margin(const ComparisonInputs& inputs) {
    const auto a = plan_point(inputs, inputs.setup.a);
    const auto b = plan_point(inputs, inputs.setup.b);
    if (!a || !b) {
        return std::nullopt;
    }
    return margin_of(*a, *b, inputs.setup.judgement);
}

double driver_value(const ComparisonInputs& inputs, Driver driver) {
    const PlanGroup& a = inputs.setup.a;
    const PlanGroup& b = inputs.setup.b;
    switch (driver) {
    case Driver::price_a:
        return average_price(a);
    case Driver::price_b:
        return average_price(b);
    case Driver::engagement_a:
        return average_rate(a);
    case Driver::engagement_b:
        return average_rate(b);
    case Driver::quality_a:
        return average_quality(a);
    case Driver::quality_b:
        return average_quality(b);
    case Driver::conversion_b: {
        const double on_a_side = average_multiplier(a);
        return on_a_side > 0.0 ? average_multiplier(b) / on_a_side : average_multiplier(b);
    }
    case Driver::overhead:
        return static_cast<double>(default_overhead_cents(inputs.costs));
    case Driver::overlap:
        return inputs.audience_overlap;
    }
    return 0.0;
}

ComparisonInputs with_driver(const ComparisonInputs& inputs, Driver driver, double value) {
    ComparisonInputs out = inputs;
    PlanGroup& a = out.setup.a;
    PlanGroup& b = out.setup.b;
    switch (driver) {
    case Driver::price_a:
        set_price(a, value);
        break;
    case Driver::price_b:
        set_price(b, value);
        break;
    case Driver::engagement_a:
        set_rate(a, value);
        break;
    case Driver::engagement_b:
        set_rate(b, value);
        break;
    case Driver::quality_a:
        set_quality(a, value);
        break;
    case Driver::quality_b:
        set_quality(b, value);
        break;
    case Driver::conversion_b: {
        const double on_a_side = average_multiplier(a);
        set_conversion(b, value, on_a_side > 0.0 ? on_a_side : 1.0);
        break;
    }
    case Driver::overhead:
        // The whole fixed amount in one figure (hours and product folded into it).
        out.costs.overhead_hours = 0.0;
        out.costs.product_and_shipping.cents = 0;
        out.costs.overhead_amount = Money{round_cents(value), inputs.budget.currency};
        break;
    case Driver::overlap:
        out.audience_overlap = std::clamp(value, 0.0, 1.0);
        break;
    }
    return out;
}

} // namespace detail

std::optional<double> driver_flip(const ComparisonInputs& inputs, Driver driver) {
    if (rows_of(inputs) > max_sensitivity_rows) {
        return std::nullopt;
    }
    const auto a = plan_point(inputs, inputs.setup.a);
    const auto b = plan_point(inputs, inputs.setup.b);
    const auto [lo, hi] = domain(driver);
    return flip_between(inputs, driver, lo, hi, a, b);
}

std::vector<SensitivityEntry> sensitivity(const ComparisonInputs& inputs,
                                          const Comparison& comparison) {
    std::vector<SensitivityEntry> entries;
    if (rows_of(inputs) > max_sensitivity_rows || comparison.winner == Winner::undecided) {
        return entries;
    }
    const auto a = plan_point(inputs, inputs.setup.a);
    const auto b = plan_point(inputs, inputs.setup.b);
    if (!a || !b) {
        return entries;
    }
    for (const Driver driver : {Driver::price_a, Driver::price_b, Driver::engagement_a,
                                Driver::engagement_b, Driver::quality_a, Driver::quality_b,
                                Driver::conversion_b, Driver::overhead, Driver::overlap}) {
        SensitivityEntry e;
        e.driver = driver;
        e.unit = is_money(driver)
                     ? DriverUnit::money
                     : (driver == Driver::conversion_b ? DriverUnit::times : DriverUnit::rate);
        e.label = driver_label(driver, inputs);
        e.current = detail::driver_value(inputs, driver);
        Range range = range_for(inputs, driver, e.current);
        e.low = range.low;
        e.high = range.high;
        e.range_source = std::move(range.source);
        const auto low = margin_with(inputs, driver, e.low, a, b);
        const auto high = margin_with(inputs, driver, e.high, a, b);
        if (!low || !high) {
            continue;
        }
        e.margin_low = *low;
        e.margin_high = *high;
        e.swing = std::fabs(std::log(e.margin_high) - std::log(e.margin_low));
        const auto [lo, hi] = domain(driver);
        e.flip = flip_between(inputs, driver, lo, hi, a, b);
        e.decides = e.flip && side(e.margin_low) != side(e.margin_high);
        entries.push_back(std::move(e));
    }
    std::stable_sort(
        entries.begin(), entries.end(),
        [](const SensitivityEntry& x, const SensitivityEntry& y) { return x.swing > y.swing; });
    return entries;
}

std::optional<double> comparison_margin(const Comparison& c) {
    const auto point = [](const PlanSummary& plan) {
        return PlanPoint{static_cast<double>(plan.cost.cents), plan.metric, plan.influencers};
    };
    return margin_of(point(c.a), point(c.b), c.judgement);
}

std::string format_driver_value(DriverUnit unit, double value, Currency currency,
                                NumberFormat format) {
    const ProseNumbers w(format);
    switch (unit) {
    case DriverUnit::money:
        return w.money(Money{static_cast<std::int64_t>(std::llround(value)), currency});
    case DriverUnit::rate:
        return w.percent(value);
    case DriverUnit::times:
        return w.times(value) + " times";
    }
    return "";
}

std::string describe_margin(double margin, const std::string& a_name, const std::string& b_name,
                            NumberFormat format) {
    const ProseNumbers w(format);
    switch (side(margin)) {
    case 1:
        return b_name + " ahead, " + w.times(margin) + " times better";
    case -1:
        return a_name + " ahead, " + w.times(1.0 / margin) + " times better";
    default:
        return "a tie";
    }
}

std::string describe_sensitivity(const SensitivityEntry& e, const std::string& a_name,
                                 const std::string& b_name, Currency currency,
                                 NumberFormat format) {
    const auto value = [&](double v) {
        return format_driver_value(e.unit, v, currency, format);
    };
    std::string text =
        e.label + ": now " + value(e.current) + "; from " + value(e.low) + " (" +
        describe_margin(e.margin_low, a_name, b_name, format) + ") to " + value(e.high) + " (" +
        describe_margin(e.margin_high, a_name, b_name, format) + "). Range: " + e.range_source;
    if (e.flip) {
        text += std::string(" The verdict flips at ") + value(*e.flip) +
                (e.decides ? ", inside this range." : ", outside this range.");
    } else {
        text += " No value of it flips the verdict.";
    }
    return text;
}

} // namespace core
