#include "core/compare.hpp"

#include <algorithm>
#include <cmath>
#include <utility>

namespace core {

namespace {

constexpr double tie_tolerance = 1e-9; // relative
// Beyond this a count is not a plan any more; the sentence says "more than" instead.
constexpr double max_break_even_count = 1e12;

struct Words {
    const char* one;  // "engagement"
    const char* many; // "engagements"
};

Words metric_words(PlanMetric metric) {
    switch (metric) {
    case PlanMetric::engagements:
        return {"engagement", "engagements"};
    case PlanMetric::targeted_engagements:
        return {"targeted engagement", "targeted engagements"};
    case PlanMetric::estimated_reach:
        return {"person reached", "people reached"};
    case PlanMetric::conversions:
        return {"conversion", "conversions"};
    }
    return {"engagement", "engagements"};
}

// "Ana's", "the bloggers'".
std::string possessive(const std::string& name) {
    return !name.empty() && (name.back() == 's' || name.back() == 'S') ? name + "'" : name + "'s";
}

PlanSummary summarize(const std::string& name, const CampaignResult& result, PlanMetric metric) {
    const CampaignTotals& t = result.totals;
    PlanSummary s;
    s.name = name;
    s.influencers = t.booked;
    s.posts = t.posts;
    s.followers = t.followers;
    s.engagement_rate = t.engagement_rate;
    s.engagements = t.expected_engagements;
    s.targeted_engagements = t.targeted_engagements;
    s.estimated_reach = t.estimated_reach;
    s.impressions = t.impressions;
    s.clicks = t.clicks;
    s.conversions = t.conversions;
    s.cost = t.cost;
    s.cost_split = t.cost_split;
    s.cost_per_engagement = t.cost_per_engagement;
    s.cost_per_targeted_engagement = t.cost_per_targeted_engagement;
    s.cost_per_conversion = t.cost_per_conversion;
    s.cpm = t.cpm;
    s.cost_per_thousand_reached = t.cost_per_thousand_reached;
    s.metric = metric_value(t, metric);
    s.cost_per_metric = cost_per_unit(t.cost, s.metric);
    s.within_budget = t.overrun.cents == 0;
    s.budget_left = t.budget_left;
    s.overrun = t.overrun;
    s.invalid_rows = t.invalid_rows;
    return s;
}

// Sign of (x - y) with a relative tie band.
int compare_values(double x, double y) {
    const double scale = std::fmax(std::fabs(x), std::fabs(y));
    if (std::fabs(x - y) <= tie_tolerance * scale) {
        return 0;
    }
    return x > y ? 1 : -1;
}

// Which plan is better, and by what factor. For cost per result, A is better when
// cost_A / m_A < cost_B / m_B, i.e. cost_B x m_A > cost_A x m_B (no division by zero).
void decide(Comparison& out) {
    const PlanSummary& a = out.a;
    const PlanSummary& b = out.b;
    if (a.influencers == 0 || b.influencers == 0) {
        out.winner = Winner::undecided;
        return;
    }
    if (out.judgement == Judgement::total_result) {
        const int sign = compare_values(a.metric, b.metric);
        out.winner = sign > 0 ? Winner::a : (sign < 0 ? Winner::b : Winner::tie);
        const double high = std::fmax(a.metric, b.metric);
        const double low = std::fmin(a.metric, b.metric);
        if (sign != 0 && low > 0.0) {
            out.advantage = high / low;
        }
        return;
    }
    if (a.metric <= 0.0 && b.metric <= 0.0) {
        out.winner = Winner::undecided;
        return;
    }
    const auto cost_a = static_cast<double>(a.cost.cents);
    const auto cost_b = static_cast<double>(b.cost.cents);
    const int sign = compare_values(cost_b * a.metric, cost_a * b.metric);
    out.winner = sign > 0 ? Winner::a : (sign < 0 ? Winner::b : Winner::tie);
    if (sign != 0 && a.metric > 0.0 && b.metric > 0.0) {
        const double per_a = cost_a / a.metric;
        const double per_b = cost_b / b.metric;
        const double better = std::fmin(per_a, per_b);
        if (better > 0.0) {
            out.advantage = std::fmax(per_a, per_b) / better;
        }
    }
}

// The driver's flip as the sensitivity list found it.
std::optional<double> flip_of(const Comparison& out, Driver driver) {
    for (const SensitivityEntry& e : out.sensitivity) {
        if (e.driver == driver) {
            return e.flip;
        }
    }
    return std::nullopt;
}

void compute_break_even(Comparison& out, const ComparisonInputs& inputs) {
    const PlanSummary& a = out.a;
    const PlanSummary& b = out.b;
    BreakEven& be = out.break_even;
    const Currency currency = inputs.budget.currency;
    be.current_engagement_rate = b.engagement_rate;
    be.current_price_per_post = Money::zero(currency);
    if (b.posts > 0) {
        be.current_price_per_post =
            Money{round_cents(static_cast<double>(b.cost.cents) / static_cast<double>(b.posts)),
                  currency};
    }
    if (b.influencers == 0) {
        return;
    }
    const double per_influencer = b.metric / static_cast<double>(b.influencers);
    const double cost_per_influencer =
        static_cast<double>(b.cost.cents) / static_cast<double>(b.influencers);

    // Count: how many of B's average influencer match A's total.
    if (per_influencer > 0.0 && a.metric > 0.0) {
        // The factor trims a ratio like 325.0000000001 that is 325 in exact arithmetic.
        const double needed = std::ceil(a.metric / per_influencer * (1.0 - 1e-12));
        if (needed <= max_break_even_count) {
            be.count_to_match = static_cast<std::int64_t>(needed);
            const double cents = needed * cost_per_influencer;
            if (cents <= static_cast<double>(max_money_cents)) {
                be.cost_to_match = Money{round_cents(cents), currency};
            }
        }
    }
    // Affordable: how many of B's average influencer the budget buys.
    if (cost_per_influencer > 0.0) {
        const double affordable =
            std::floor(static_cast<double>(inputs.budget.cents) / cost_per_influencer);
        be.affordable_count = static_cast<std::int64_t>(affordable);
        be.affordable_metric = affordable * per_influencer;
    }
    // Price: B's average price per post at which the costs per result are equal. In
    // closed form while B's cost is its fees; with costs on top, by bisection.
    const bool b_pays_fees_only =
        inputs.costs == CostAssumptions{} &&
        std::none_of(inputs.setup.b.influencers.begin(), inputs.setup.b.influencers.end(),
                     [](const Influencer& row) { return row.overhead.has_value(); });
    if (!b_pays_fees_only) {
        if (out.judgement == Judgement::cost_per_result) {
            if (const auto flip = flip_of(out, Driver::price_b)) {
                be.price_per_post = Money{static_cast<std::int64_t>(*flip), currency};
            }
        }
    } else if (a.metric > 0.0 && b.metric > 0.0 && b.posts > 0) {
        const double cost_per_a = static_cast<double>(a.cost.cents) / a.metric;
        const double cents = cost_per_a * b.metric / static_cast<double>(b.posts);
        if (cents <= static_cast<double>(max_money_cents)) {
            // Rounded down: at the stated price B is at least as good as A.
            be.price_per_post = Money{static_cast<std::int64_t>(std::floor(cents)), currency};
        }
    }
    // Engagement rate: scales every engagement-driven result of B.
    const bool rate_moves_metric = out.metric != PlanMetric::estimated_reach &&
                                   !(out.metric == PlanMetric::conversions &&
                                     inputs.funnel.click_basis == ClickBasis::impressions);
    if (rate_moves_metric && b.metric > 0.0 && b.engagement_rate > 0.0) {
        double target = a.metric;
        if (out.judgement == Judgement::cost_per_result) {
            target = a.cost.cents > 0 ? static_cast<double>(b.cost.cents) * a.metric /
                                            static_cast<double>(a.cost.cents)
                                      : -1.0;
        }
        if (target >= 0.0) {
            be.engagement_rate = b.engagement_rate * (target / b.metric);
        }
    }
}

void write_text(Comparison& out, const ComparisonInputs& inputs) {
    const ProseNumbers w(inputs.number_format);
    const PlanSummary& a = out.a;
    const PlanSummary& b = out.b;
    const Words words = metric_words(out.metric);
    const bool per_cost = out.judgement == Judgement::cost_per_result;
    const std::string judged =
        per_cost ? std::string("cost per ") + words.one : std::string("total ") + words.many;

    // Verdict.
    if (a.influencers == 0 || b.influencers == 0) {
        const std::string& empty = a.influencers == 0 ? a.name : b.name;
        out.verdict = empty + " has no valid, booked influencers yet, so there is nothing to "
                              "compare; add influencers with at least one post.";
    } else if (out.winner == Winner::undecided) {
        out.verdict = std::string("Neither plan expects any ") + words.many +
                      ", so neither wins on " + judged + ".";
    } else if (per_cost) {
        if (out.winner == Winner::tie) {
            out.verdict = a.name + " and " + b.name + " tie on " + judged + " (" +
                          w.money(a.cost_per_metric) + " each).";
        } else {
            const PlanSummary& win = out.winner == Winner::a ? a : b;
            const PlanSummary& lose = out.winner == Winner::a ? b : a;
            out.verdict = win.name + " wins on " + judged + ": " + w.money(win.cost_per_metric) +
                          " against " + w.money(lose.cost_per_metric) + " for " + lose.name;
            if (out.advantage) {
                out.verdict += " (" + w.times(*out.advantage) + " times lower)";
            } else if (!lose.cost_per_metric) {
                out.verdict += ", which expects no " + std::string(words.many);
            }
            out.verdict += ".";
        }
    } else {
        if (out.winner == Winner::tie) {
            out.verdict = a.name + " and " + b.name + " tie on " + judged + " (" +
                          w.quantity(a.metric) + " each).";
        } else {
            const PlanSummary& win = out.winner == Winner::a ? a : b;
            const PlanSummary& lose = out.winner == Winner::a ? b : a;
            out.verdict = win.name + " wins on " + judged + ": " + w.quantity(win.metric) +
                          " against " + w.quantity(lose.metric) + " for " + lose.name;
            if (out.advantage) {
                out.verdict += " (" + w.times(*out.advantage) + " times as many)";
            }
            out.verdict += ".";
        }
    }

    // Notes: budget, the other angle of the judgement, rows left out.
    for (const PlanSummary* plan : {&a, &b}) {
        if (!plan->within_budget) {
            out.notes.push_back(plan->name + " costs " + w.money(plan->cost) + ", " +
                                w.money(plan->overrun) + " over the " + w.money(inputs.budget) +
                                " budget.");
        }
        if (plan->invalid_rows > 0) {
            out.notes.push_back(plan->name + " has " + w.count(plan->invalid_rows) +
                                (plan->invalid_rows == 1 ? " row" : " rows") +
                                " with errors, left out until fixed.");
        }
    }
    if (out.winner == Winner::a || out.winner == Winner::b) {
        const PlanSummary& win = out.winner == Winner::a ? a : b;
        const PlanSummary& lose = out.winner == Winner::a ? b : a;
        if (per_cost && compare_values(lose.metric, win.metric) > 0) {
            out.notes.push_back(lose.name + " still expects more " + words.many + " in total (" +
                                w.quantity(lose.metric) + " against " + w.quantity(win.metric) +
                                "), for " + w.money(lose.cost) + " against " + w.money(win.cost) +
                                ".");
        } else if (per_cost && win.cost.cents > lose.cost.cents) {
            out.notes.push_back(lose.name + " costs less in total: " + w.money(lose.cost) +
                                " against " + w.money(win.cost) + ", for fewer " + words.many +
                                " (" + w.quantity(lose.metric) + " against " +
                                w.quantity(win.metric) + ").");
        } else if (!per_cost && win.cost.cents > lose.cost.cents) {
            out.notes.push_back(win.name + " also costs more: " + w.money(win.cost) + " against " +
                                w.money(lose.cost) + ".");
        }
    }

    // Break-even, about plan B.
    const BreakEven& be = out.break_even;
    if (a.influencers == 0 || b.influencers == 0 || out.winner == Winner::undecided) {
        return;
    }
    const bool b_wins = out.winner == Winner::b;
    const bool tie = out.winner == Winner::tie;
    if (per_cost && be.price_per_post) {
        const std::string now = " (now " + w.money(be.current_price_per_post) + ")";
        if (tie) {
            out.break_even_text.push_back("Both plans cost the same per " + std::string(words.one) +
                                          " at " + possessive(b.name) + " average price of " +
                                          w.money(be.current_price_per_post) + " per post.");
        } else if (b_wins) {
            out.break_even_text.push_back(b.name + " stays ahead on " + judged +
                                          " up to an average price of " +
                                          w.money(*be.price_per_post) + " per post" + now + ".");
        } else if (be.price_per_post->cents == 0) {
            out.break_even_text.push_back(b.name + " would match " + possessive(a.name) + " " +
                                          judged + " only at a price below one cent per post" +
                                          now + ".");
        } else {
            out.break_even_text.push_back(b.name + " would match " + possessive(a.name) + " " +
                                          judged + " at an average price of " +
                                          w.money(*be.price_per_post) + " per post or less" + now +
                                          ".");
        }
    }
    if (be.engagement_rate) {
        const double rate = *be.engagement_rate;
        const std::string now = " (now " + w.percent(be.current_engagement_rate) + ")";
        const std::string goal =
            per_cost ? possessive(a.name) + " " + judged
                     : possessive(a.name) + " " + w.quantity(a.metric) + " " + words.many;
        if (tie) {
            // Nothing to add: the price sentence (or the verdict) says it.
        } else if (b_wins) {
            out.break_even_text.push_back(b.name +
                                          " stays ahead as long as its average engagement "
                                          "rate stays above " +
                                          w.percent(rate) + now + ".");
        } else if (rate > 1.0) {
            out.break_even_text.push_back("No engagement rate up to 100% would let " + b.name +
                                          " match " + goal + ": it would need " + w.percent(rate) +
                                          now + ".");
        } else {
            out.break_even_text.push_back(b.name + " would match " + goal +
                                          " at an average engagement rate of " + w.percent(rate) +
                                          now + ".");
        }
    }
    if (compare_values(b.metric, a.metric) >= 0) {
        out.break_even_text.push_back(b.name + " already expects at least as many " + words.many +
                                      " in total as " + a.name + " (" + w.quantity(b.metric) +
                                      " against " + w.quantity(a.metric) + ").");
    } else if (be.count_to_match) {
        std::string sentence = "Matching " + possessive(a.name) + " " + w.quantity(a.metric) + " " +
                               words.many + " would take about " + w.count(*be.count_to_match) +
                               " influencers like " + possessive(b.name) + " average one";
        if (be.cost_to_match) {
            sentence += ", costing about " + w.money(*be.cost_to_match);
        }
        out.break_even_text.push_back(sentence + ".");
    } else if (b.metric <= 0.0) {
        out.break_even_text.push_back(b.name + " expects no " + std::string(words.many) +
                                      ", so no number of such influencers would match " + a.name +
                                      ".");
    } else {
        out.break_even_text.push_back("Matching " + possessive(a.name) + " " + words.many +
                                      " would take more than a trillion influencers like " +
                                      possessive(b.name) + " average one.");
    }
    if (be.affordable_count && inputs.budget.cents > 0) {
        out.break_even_text.push_back("The " + w.money(inputs.budget) + " budget buys " +
                                      w.count(*be.affordable_count) + " influencers like " +
                                      possessive(b.name) + " average one: about " +
                                      w.quantity(be.affordable_metric) + " " + words.many + ".");
    }
}

// Audience quality, conversion advantage and overhead at their flips (core/drivers.hpp).
void compute_driver_break_evens(Comparison& out, const ComparisonInputs& inputs) {
    BreakEven& be = out.break_even;
    be.current_audience_quality_a = detail::driver_value(inputs, Driver::quality_a);
    be.current_conversion_advantage = detail::driver_value(inputs, Driver::conversion_b);
    be.current_overhead_per_influencer =
        Money{default_overhead_cents(inputs.costs), inputs.budget.currency};
    if (out.winner == Winner::undecided) {
        return;
    }
    be.audience_quality_a = flip_of(out, Driver::quality_a);
    be.conversion_advantage = flip_of(out, Driver::conversion_b);
    if (const auto overhead = flip_of(out, Driver::overhead)) {
        be.overhead_per_influencer =
            Money{static_cast<std::int64_t>(*overhead), inputs.budget.currency};
    }
}

// Whether raising the driver from its current value favours plan B.
bool raising_favours_b(const ComparisonInputs& inputs, Driver driver, double flip) {
    const auto at_flip = detail::verdict_margin(detail::with_driver(inputs, driver, flip));
    const double above = flip > 0.0 ? flip * 2.0 : 1.0;
    const auto higher = detail::verdict_margin(detail::with_driver(inputs, driver, above));
    return at_flip && higher && *higher > *at_flip;
}

void write_driver_text(Comparison& out, const ComparisonInputs& inputs) {
    const ProseNumbers w(inputs.number_format);
    const BreakEven& be = out.break_even;
    const std::string& a = out.a.name;
    const std::string& b = out.b.name;
    if (out.winner != Winner::a && out.winner != Winner::b) {
        return;
    }
    const bool a_wins = out.winner == Winner::a;
    if (be.audience_quality_a) {
        const std::string now = " (now " + w.percent(be.current_audience_quality_a) + ").";
        out.break_even_text.push_back(
            a_wins ? a + " loses if less than " + w.percent(*be.audience_quality_a) +
                         " of its audience is real and in your target" + now
                   : a + " would need " + w.percent(*be.audience_quality_a) +
                         " of its audience real and in your target to catch up" + now);
    }
    if (be.conversion_advantage) {
        const std::string now = " (now " + w.times(be.current_conversion_advantage) + ").";
        out.break_even_text.push_back(
            a_wins ? b + " must convert " + w.times(*be.conversion_advantage) +
                         " times as well as " + a + " to match it" + now
                   : b + " stays ahead while it converts at least " +
                         w.times(*be.conversion_advantage) + " times as well as " + a + now);
    }
    if (be.overhead_per_influencer) {
        const std::string now = " (now " + w.money(be.current_overhead_per_influencer) + ").";
        const bool more_helps_b = raising_favours_b(
            inputs, Driver::overhead, static_cast<double>(be.overhead_per_influencer->cents));
        const std::string& gains = more_helps_b ? b : a;
        out.break_even_text.push_back("Both plans tie at an overhead of " +
                                      w.money(*be.overhead_per_influencer) +
                                      " per influencer; more overhead favours " + gains + now);
    }
}

std::string driver_amount(const ProseNumbers& w, const SensitivityEntry& e, Currency currency) {
    const double value = e.flip.value_or(e.current);
    switch (e.unit) {
    case DriverUnit::money:
        return w.money(Money{static_cast<std::int64_t>(value), currency});
    case DriverUnit::rate:
        return w.percent(value);
    case DriverUnit::times:
        return w.times(value) + " times";
    }
    return "";
}

// "The answer depends mostly on price per post, Ten regional bloggers: at $17.39 or less
// the verdict goes to Ten regional bloggers, above it to One national blogger."
void write_decided_by(Comparison& out, const ComparisonInputs& inputs) {
    const auto decider = std::find_if(out.sensitivity.begin(), out.sensitivity.end(),
                                      [](const SensitivityEntry& e) { return e.decides; });
    if (decider == out.sensitivity.end()) {
        if (!out.sensitivity.empty()) {
            out.decided_by = "No assumption within its range changes the winner; the largest "
                             "swing comes from " +
                             out.sensitivity.front().label + ".";
        }
        return;
    }
    const ProseNumbers w(inputs.number_format);
    const bool up_helps_b = decider->margin_high > decider->margin_low;
    const std::string& above = up_helps_b ? out.b.name : out.a.name;
    const std::string& below = up_helps_b ? out.a.name : out.b.name;
    const std::string amount = driver_amount(w, *decider, inputs.budget.currency);
    out.decided_by = "The answer depends mostly on " + decider->label + ": at " + amount +
                     (up_helps_b ? " or more" : " or less") + " the verdict goes to " +
                     (up_helps_b ? above : below) + ", " + (up_helps_b ? "below" : "above") +
                     " it to " + (up_helps_b ? below : above) + ".";
}

} // namespace

Result<PlanGroup> typical_group(std::string name, const Influencer& typical, int count) {
    if (count < 1 || count > max_typical_count) {
        return make_error(ErrorCode::out_of_range, "Number of influencers",
                          "Number of influencers: type a whole number from 1 to " +
                              format_count(max_typical_count) + ", such as 10.");
    }
    PlanGroup group;
    group.name = std::move(name);
    group.influencers.assign(static_cast<std::size_t>(count), typical);
    for (std::size_t i = 0; i < group.influencers.size(); ++i) {
        group.influencers[i].id = static_cast<std::uint32_t>(i + 1);
    }
    return group;
}

Result<Comparison> compare_plans(const ComparisonInputs& inputs) {
    const ComparisonSetup& setup = inputs.setup;
    Comparison out;
    out.metric = setup.metric;
    out.judgement = setup.judgement;

    auto result_a = evaluate_campaign(plan_campaign_inputs(inputs, setup.a));
    if (!result_a.ok()) {
        return result_a.error();
    }
    auto result_b = evaluate_campaign(plan_campaign_inputs(inputs, setup.b));
    if (!result_b.ok()) {
        return result_b.error();
    }
    out.campaign_a = std::move(result_a).value();
    out.campaign_b = std::move(result_b).value();
    out.a = summarize(setup.a.name.empty() ? "Plan A" : setup.a.name, out.campaign_a, out.metric);
    out.b = summarize(setup.b.name.empty() ? "Plan B" : setup.b.name, out.campaign_b, out.metric);

    decide(out);
    out.sensitivity = sensitivity(inputs, out); // its flips are the drivers' break-evens
    compute_break_even(out, inputs);
    compute_driver_break_evens(out, inputs);
    write_text(out, inputs);
    write_driver_text(out, inputs);
    write_decided_by(out, inputs);
    return out;
}

} // namespace core
