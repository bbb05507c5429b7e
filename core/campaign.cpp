#include "core/campaign.hpp"

#include "core/benchmarks.hpp"
#include "core/numbers.hpp"

#include <algorithm>
#include <cmath>
#include <utility>

namespace core {

namespace {

// Bits for the fields of a row that failed their check. Validation only sets bits; the
// messages are built afterwards and only for bad rows, so a clean roster of 10,000 rows
// builds no strings at all.
enum RowFault : unsigned {
    fault_followers = 1u << 0,
    fault_engagement = 1u << 1,
    fault_price_currency = 1u << 2,
    fault_price_range = 1u << 3,
    fault_posts = 1u << 4,
    fault_audience_fit = 1u << 5,
    fault_authenticity = 1u << 6,
    fault_conversion_multiplier = 1u << 7,
    fault_overhead_currency = 1u << 8,
    fault_overhead_range = 1u << 9,
};

bool in_unit_range(double value) {
    return std::isfinite(value) && value >= 0.0 && value <= 1.0;
}

unsigned row_faults(const Influencer& influencer, Currency currency) {
    unsigned faults = 0;
    if (influencer.followers < 1 || influencer.followers > max_followers) {
        faults |= fault_followers;
    }
    const double value = influencer.engagement_value;
    const bool engagement_ok =
        influencer.engagement_kind == EngagementInputKind::rate
            ? in_unit_range(value)
            : (std::isfinite(value) && value >= 0.0 && value <= max_average_interactions);
    if (!engagement_ok) {
        faults |= fault_engagement;
    }
    if (influencer.price_per_post.currency != currency) {
        faults |= fault_price_currency;
    } else if (influencer.price_per_post.cents < 0 ||
               influencer.price_per_post.cents > max_price_per_post_cents) {
        faults |= fault_price_range;
    }
    if (influencer.posts < 0 || influencer.posts > max_posts_per_influencer) {
        faults |= fault_posts;
    }
    if (!in_unit_range(influencer.audience_fit)) {
        faults |= fault_audience_fit;
    }
    if (!in_unit_range(influencer.authenticity)) {
        faults |= fault_authenticity;
    }
    const double multiplier = influencer.conversion_multiplier;
    if (!(std::isfinite(multiplier) && multiplier >= 0.0 &&
          multiplier <= max_conversion_multiplier)) {
        faults |= fault_conversion_multiplier;
    }
    if (const auto& overhead = influencer.overhead) {
        // A zero amount has no currency to get wrong.
        if (overhead->cents != 0 && overhead->currency != currency) {
            faults |= fault_overhead_currency;
        } else if (overhead->cents < 0 || overhead->cents > max_price_per_post_cents) {
            faults |= fault_overhead_range;
        }
    }
    return faults;
}

std::string row_field(std::size_t row, std::string_view field) {
    return "Row " + std::to_string(row + 1) + ", " + std::string(field);
}

Error row_error(ErrorCode code, std::size_t row, std::string_view field, const std::string& what) {
    std::string name = row_field(row, field);
    std::string message = name + ": " + what;
    return make_error(code, std::move(name), std::move(message));
}

void append_fault_errors(std::vector<Error>& out, unsigned faults, const Influencer& influencer,
                         std::size_t row, Currency currency) {
    if ((faults & fault_followers) != 0) {
        out.push_back(row_error(ErrorCode::out_of_range, row, "Followers",
                                "type a whole number from 1 to " + format_count(max_followers) +
                                    ", such as 12,500."));
    }
    if ((faults & fault_engagement) != 0) {
        if (influencer.engagement_kind == EngagementInputKind::rate) {
            out.push_back(row_error(ErrorCode::out_of_range, row, "Engagement rate",
                                    "type a percentage from 0% to 100%, such as 7.4%."));
        } else {
            out.push_back(row_error(ErrorCode::out_of_range, row, "Average interactions",
                                    "type the interactions per post, from 0 to " +
                                        format_number(max_average_interactions, 0) +
                                        ", such as 150."));
        }
    }
    if ((faults & fault_price_currency) != 0) {
        out.push_back(row_error(ErrorCode::invalid, row, "Price per post",
                                "use the plan's currency (" +
                                    std::string(currency_info(currency).code) + ")."));
    }
    if ((faults & fault_price_range) != 0) {
        out.push_back(row_error(ErrorCode::out_of_range, row, "Price per post",
                                "type an amount from " + format_money(Money::zero(currency)) +
                                    " to " +
                                    format_money(Money{max_price_per_post_cents, currency}) +
                                    ", such as " + format_money(Money{10'000, currency}) + "."));
    }
    if ((faults & fault_posts) != 0) {
        out.push_back(row_error(ErrorCode::out_of_range, row, "Posts",
                                "type a whole number of posts from 0 to " +
                                    format_count(max_posts_per_influencer) + ", such as 1."));
    }
    if ((faults & fault_audience_fit) != 0) {
        out.push_back(row_error(ErrorCode::out_of_range, row, "Audience fit",
                                "type a percentage from 0% to 100%, such as 60%."));
    }
    if ((faults & fault_authenticity) != 0) {
        out.push_back(row_error(ErrorCode::out_of_range, row, "Authenticity",
                                "type the share of real followers from 0% to 100%, such as 85%."));
    }
    if ((faults & fault_conversion_multiplier) != 0) {
        out.push_back(row_error(ErrorCode::out_of_range, row, "Conversion multiplier",
                                "type how many times the plan's conversion rate, from 0 to " +
                                    format_number(max_conversion_multiplier, 0) +
                                    ", such as 1.5 (1 converts like everyone else)."));
    }
    if ((faults & fault_overhead_currency) != 0) {
        out.push_back(row_error(ErrorCode::invalid, row, "Overhead",
                                "use the plan's currency (" +
                                    std::string(currency_info(currency).code) + ")."));
    }
    if ((faults & fault_overhead_range) != 0) {
        out.push_back(row_error(ErrorCode::out_of_range, row, "Overhead",
                                "type an amount from " + format_money(Money::zero(currency)) +
                                    " to " +
                                    format_money(Money{max_price_per_post_cents, currency}) +
                                    ", such as " + format_money(Money{5'000, currency}) +
                                    ", or leave it empty for the plan's overhead."));
    }
}

// (1 - rate)^posts by repeated squaring: exact operation order, so every build agrees.
double miss_share(double reach_rate, int posts) {
    double base = 1.0 - reach_rate;
    double result = 1.0;
    for (int n = posts; n > 0; n >>= 1) {
        if ((n & 1) != 0) {
            result *= base;
        }
        base *= base;
    }
    return result;
}

Error plan_error(ErrorCode code, std::string_view field, const std::string& what) {
    return field_error(code, field, what);
}

// A plan-wide amount: >= 0, within the per-post limit, in the plan's currency (a zero
// amount has no currency to get wrong).
std::optional<Error> check_cost_amount(Money amount, Currency currency, std::string_view field,
                                       std::int64_t example_cents) {
    if (amount.cents != 0 && amount.currency != currency) {
        return plan_error(ErrorCode::invalid, field,
                          "use the plan's currency (" + std::string(currency_info(currency).code) +
                              ").");
    }
    if (amount.cents < 0 || amount.cents > max_price_per_post_cents) {
        return plan_error(ErrorCode::out_of_range, field,
                          "type an amount from " + format_money(Money::zero(currency)) + " to " +
                              format_money(Money{max_price_per_post_cents, currency}) +
                              ", such as " + format_money(Money{example_cents, currency}) + ".");
    }
    return std::nullopt;
}

std::optional<Error> check_costs(const CostAssumptions& costs, Currency currency) {
    const auto share_ok = [](double value, double max) {
        return std::isfinite(value) && value >= 0.0 && value <= max;
    };
    if (!share_ok(costs.overhead_hours, max_overhead_hours)) {
        return plan_error(ErrorCode::out_of_range, "Hours per influencer",
                          "type the hours spent on each influencer, from 0 to " +
                              format_number(max_overhead_hours, 0) + ", such as 2.");
    }
    if (auto e = check_cost_amount(costs.hourly_rate, currency, "Hourly rate", 5'000)) {
        return e;
    }
    if (auto e = check_cost_amount(costs.overhead_amount, currency, "Other overhead per influencer",
                                   2'000)) {
        return e;
    }
    if (auto e = check_cost_amount(costs.product_and_shipping, currency, "Product and shipping",
                                   3'000)) {
        return e;
    }
    if (costs.overhead_hours * static_cast<double>(costs.hourly_rate.cents) +
            static_cast<double>(costs.overhead_amount.cents + costs.product_and_shipping.cents) >
        static_cast<double>(max_price_per_post_cents)) {
        return plan_error(ErrorCode::out_of_range, "Overhead per influencer",
                          "hours x hourly rate + other overhead + product and shipping must stay "
                          "within " +
                              format_money(Money{max_price_per_post_cents, currency}) +
                              "; check them for typing mistakes.");
    }
    if (!share_ok(costs.usage_rights_rate, max_usage_rights_rate)) {
        return plan_error(ErrorCode::out_of_range, "Usage rights and exclusivity",
                          "type a percentage of the fee from 0% to 1,000%, such as 20%.");
    }
    if (!share_ok(costs.agency_fee_rate, 1.0)) {
        return plan_error(ErrorCode::out_of_range, "Agency fee",
                          "type a percentage of the spend from 0% to 100%, such as 15%.");
    }
    return std::nullopt;
}

// The all-in cost of one valid row. Each part is rounded once; the sum stays within
// 10^16 cents (fees <= 10^15, usage <= 10 x fees, overhead <= 10^15 + hours x rate),
// checked against the money limit by the caller through the running total.
CostSplit row_cost(const Influencer& influencer, const CostAssumptions& costs, Currency currency) {
    CostSplit split;
    split.fees = Money{influencer.price_per_post.cents * influencer.posts, currency};
    split.usage_rights = Money{0, currency};
    split.overhead = Money{0, currency};
    split.agency_fee = Money{0, currency};
    if (influencer.posts == 0) {
        return split; // not booked: nothing to pay
    }
    split.usage_rights.cents =
        round_cents(static_cast<double>(split.fees.cents) * costs.usage_rights_rate);
    split.overhead.cents =
        influencer.overhead ? influencer.overhead->cents : default_overhead_cents(costs);
    const auto before_agency =
        static_cast<double>(split.fees.cents + split.usage_rights.cents + split.overhead.cents);
    split.agency_fee.cents = round_cents(before_agency * costs.agency_fee_rate);
    return split;
}

} // namespace

std::string_view metric_name(PlanMetric metric) {
    switch (metric) {
    case PlanMetric::engagements:
        return "engagements";
    case PlanMetric::targeted_engagements:
        return "targeted engagements";
    case PlanMetric::estimated_reach:
        return "people reached";
    case PlanMetric::conversions:
        return "conversions";
    }
    return "engagements";
}

std::optional<Money> cost_per_unit(Money cost, double quantity) {
    // A quantity below a billionth is "nothing expected": dividing by it would give a
    // huge, meaningless price, so the ratio is reported as not defined instead.
    if (!(quantity > 1e-9) || !std::isfinite(quantity)) {
        return std::nullopt;
    }
    const double cents = static_cast<double>(cost.cents) / quantity;
    if (!(cents >= 0.0 && cents <= static_cast<double>(max_money_cents))) {
        return std::nullopt;
    }
    return Money{round_cents(cents), cost.currency};
}

double engagements_per_post(const Influencer& influencer) {
    if (influencer.engagement_kind == EngagementInputKind::rate) {
        return static_cast<double>(influencer.followers) * influencer.engagement_value;
    }
    return influencer.engagement_value;
}

double metric_value(const CampaignTotals& totals, PlanMetric metric) {
    switch (metric) {
    case PlanMetric::engagements:
        return totals.expected_engagements;
    case PlanMetric::targeted_engagements:
        return totals.targeted_engagements;
    case PlanMetric::estimated_reach:
        return totals.estimated_reach;
    case PlanMetric::conversions:
        return totals.conversions;
    }
    return totals.expected_engagements;
}

std::vector<Error> validate_influencer(const Influencer& influencer, std::size_t row,
                                       Currency currency) {
    std::vector<Error> errors;
    const unsigned faults = row_faults(influencer, currency);
    if (faults != 0) {
        append_fault_errors(errors, faults, influencer, row, currency);
    }
    return errors;
}

std::uint32_t next_influencer_id(const std::vector<Influencer>& roster) {
    std::uint32_t largest = 0;
    for (const Influencer& influencer : roster) {
        largest = std::max(largest, influencer.id);
    }
    if (largest < UINT32_MAX) {
        return largest + 1;
    }
    // Every id up to the maximum is taken by someone's largest: find the first gap.
    std::vector<std::uint32_t> ids;
    ids.reserve(roster.size());
    for (const Influencer& influencer : roster) {
        ids.push_back(influencer.id);
    }
    std::sort(ids.begin(), ids.end());
    std::uint32_t candidate = 1;
    for (const std::uint32_t id : ids) {
        if (id == candidate) {
            ++candidate;
        } else if (id > candidate) {
            break;
        }
    }
    return candidate;
}

Result<CampaignResult> evaluate_campaign(const CampaignInputs& inputs) {
    const Currency currency = inputs.budget.currency;
    if (inputs.budget.cents < 0 || inputs.budget.cents > max_money_cents) {
        return plan_error(ErrorCode::out_of_range, "Budget",
                          "type an amount of " + format_money(Money::zero(currency)) +
                              " or more, such as " + format_money(Money{500'000, currency}) + ".");
    }
    if (!in_unit_range(inputs.reach_rate)) {
        return plan_error(ErrorCode::out_of_range, "Reach rate",
                          "type a percentage from 0% to 100%, such as 10%.");
    }
    if (inputs.reach_by_size) {
        if (auto table = validate_reach_table(inputs.reach_table); !table.ok()) {
            return table.error();
        }
    }
    if (!in_unit_range(inputs.audience_overlap)) {
        return plan_error(ErrorCode::out_of_range, "Audience overlap",
                          "type a percentage from 0% to 100%, such as 10%.");
    }
    if (auto funnel = validate_funnel_assumptions(inputs.funnel, currency); !funnel.ok()) {
        return funnel.error();
    }
    if (auto costs = check_costs(inputs.costs, currency)) {
        return *costs;
    }
    const std::vector<Influencer>& roster = inputs.roster;
    if (roster.size() > max_roster_rows) {
        return plan_error(ErrorCode::too_large, "Roster",
                          "keep the roster to " + format_count(max_roster_rows) +
                              " rows or fewer; split it into several plans.");
    }

    // Repeated ids make tracking and the optimizer ambiguous: later copies are invalid.
    std::vector<char> repeated(roster.size(), 0);
    std::vector<std::size_t> first_with_id(roster.size(), 0);
    {
        std::vector<std::pair<std::uint32_t, std::size_t>> order;
        order.reserve(roster.size());
        for (std::size_t i = 0; i < roster.size(); ++i) {
            order.emplace_back(roster[i].id, i);
        }
        std::sort(order.begin(), order.end());
        for (std::size_t k = 1; k < order.size(); ++k) {
            if (order[k].first == order[k - 1].first) {
                repeated[order[k].second] = 1;
                // order is sorted by (id, index), so order[k - 1] chains back to the first.
                first_with_id[order[k].second] = repeated[order[k - 1].second] != 0
                                                     ? first_with_id[order[k - 1].second]
                                                     : order[k - 1].second;
            }
        }
    }

    CampaignResult result;
    result.budget = inputs.budget;
    result.rows.resize(roster.size());
    CampaignTotals& totals = result.totals;
    totals.cost = Money::zero(currency);
    double largest_reach = 0.0;
    // Reach by size: the curve once for the whole plan, not once a row.
    const std::vector<CurvePoint> reach_by_size =
        inputs.reach_by_size ? reach_curve(inputs.reach_table) : std::vector<CurvePoint>{};

    const FunnelAssumptions& funnel = inputs.funnel;
    const bool clicks_from_engagements = funnel.click_basis == ClickBasis::engagements;
    const double budget_cents = static_cast<double>(inputs.budget.cents);
    std::int64_t running_cents = 0;
    double follower_posts = 0.0;
    double funnel_engagements = 0.0;
    double funnel_impressions = 0.0;
    bool uneven_conversion = false; // some row converts at another rate than the plan's
    CostSplit& split_total = totals.cost_split;
    split_total.fees = split_total.usage_rights = split_total.overhead = split_total.agency_fee =
        Money::zero(currency);

    for (std::size_t i = 0; i < roster.size(); ++i) {
        const Influencer& influencer = roster[i];
        RowMetrics& row = result.rows[i];
        row.id = influencer.id;
        row.cost = Money::zero(currency);
        const unsigned faults = row_faults(influencer, currency);
        if (faults != 0 || repeated[i] != 0) {
            std::vector<Error> errors;
            append_fault_errors(errors, faults, influencer, i, currency);
            if (repeated[i] != 0) {
                errors.push_back(row_error(
                    ErrorCode::invalid, i, "Id",
                    "this row has the same id as row " + std::to_string(first_with_id[i] + 1) +
                        "; give every influencer their own id (delete and re-add the row)."));
            }
            for (Error& error : errors) {
                result.errors.push_back(RowError{i, influencer.id, std::move(error)});
            }
            ++totals.invalid_rows;
            row.budget_left_after =
                Money{std::max<std::int64_t>(0, inputs.budget.cents - running_cents), currency};
            row.overrun_after =
                Money{std::max<std::int64_t>(0, running_cents - inputs.budget.cents), currency};
            continue;
        }

        row.valid = true;
        const auto followers = static_cast<double>(influencer.followers);
        const auto posts = static_cast<double>(influencer.posts);
        row.engagements_per_post = engagements_per_post(influencer);
        row.engagement_rate = row.engagements_per_post / followers;
        row.expected_engagements = row.engagements_per_post * posts;
        row.targeted_engagements = row.expected_engagements * audience_quality(influencer);
        // A like needs a view: each post reaches at least the people who engage with it.
        const double reach_rate =
            inputs.reach_by_size ? expected_engagement_rate(reach_by_size, influencer.followers)
                                 : inputs.reach_rate;
        const double reached_per_post = std::max(followers * reach_rate, row.engagements_per_post);
        row.impressions = reached_per_post * posts;
        const double share_per_post = std::min(1.0, reached_per_post / followers);
        row.estimated_reach =
            influencer.posts == 0
                ? 0.0
                : std::max(followers * (1.0 - miss_share(share_per_post, influencer.posts)),
                           reached_per_post);

        // Fake accounts never buy; off-target ones only count when the funnel says so.
        const double buyers =
            inputs.funnel_from_targeted ? audience_quality(influencer) : influencer.authenticity;
        const double row_funnel_engagements = row.expected_engagements * buyers;
        const double row_funnel_impressions = row.impressions * buyers;
        row.clicks = (clicks_from_engagements ? row_funnel_engagements : row_funnel_impressions) *
                     funnel.click_through_rate;
        uneven_conversion = uneven_conversion || influencer.conversion_multiplier != 1.0;
        row.conversions =
            row.clicks * std::min(1.0, funnel.conversion_rate * influencer.conversion_multiplier);

        row.cost_split = row_cost(influencer, inputs.costs, currency);
        row.cost = row.cost_split.total();
        row.cost_per_engagement = cost_per_unit(row.cost, row.expected_engagements);
        row.cost_per_targeted_engagement = cost_per_unit(row.cost, row.targeted_engagements);
        row.cpm = cost_per_unit(row.cost, row.impressions / 1000.0);
        row.cost_per_conversion = cost_per_unit(row.cost, row.conversions);
        if (inputs.budget.cents > 0) {
            row.share_of_budget = static_cast<double>(row.cost.cents) / budget_cents;
        }

        running_cents += row.cost.cents; // both <= 10^17: no overflow
        if (row.cost.cents > max_money_cents || running_cents > max_money_cents) {
            return plan_error(ErrorCode::overflow, "Total cost",
                              "the roster costs more than the calculator can add up; check the "
                              "prices and posts for typing mistakes.");
        }
        row.budget_left_after =
            Money{std::max<std::int64_t>(0, inputs.budget.cents - running_cents), currency};
        row.overrun_after =
            Money{std::max<std::int64_t>(0, running_cents - inputs.budget.cents), currency};

        split_total.fees.cents += row.cost_split.fees.cents;
        split_total.usage_rights.cents += row.cost_split.usage_rights.cents;
        split_total.overhead.cents += row.cost_split.overhead.cents;
        split_total.agency_fee.cents += row.cost_split.agency_fee.cents;
        ++totals.influencers;
        if (influencer.posts > 0) {
            ++totals.booked;
        }
        totals.followers += influencer.followers;
        totals.posts += influencer.posts;
        follower_posts += followers * posts;
        totals.expected_engagements += row.expected_engagements;
        totals.targeted_engagements += row.targeted_engagements;
        totals.impressions += row.impressions;
        totals.sum_of_rows_reach += row.estimated_reach;
        largest_reach = std::max(largest_reach, row.estimated_reach);
        totals.clicks += row.clicks;
        totals.conversions += row.conversions;
        funnel_engagements += row_funnel_engagements;
        funnel_impressions += row_funnel_impressions;
    }

    totals.cost = Money{running_cents, currency};
    totals.engagement_rate =
        follower_posts > 0.0 ? totals.expected_engagements / follower_posts : 0.0;
    totals.cost_per_engagement = cost_per_unit(totals.cost, totals.expected_engagements);
    totals.cost_per_targeted_engagement = cost_per_unit(totals.cost, totals.targeted_engagements);
    totals.estimated_reach =
        unique_reach(totals.sum_of_rows_reach, largest_reach, inputs.audience_overlap);
    totals.cpm = cost_per_unit(totals.cost, totals.impressions / 1000.0);
    totals.cost_per_thousand_reached = cost_per_unit(totals.cost, totals.estimated_reach / 1000.0);
    totals.cost_per_conversion = cost_per_unit(totals.cost, totals.conversions);
    if (inputs.budget.cents > 0) {
        totals.share_of_budget = static_cast<double>(totals.cost.cents) / budget_cents;
    }
    totals.budget_left =
        Money{std::max<std::int64_t>(0, inputs.budget.cents - running_cents), currency};
    totals.overrun =
        Money{std::max<std::int64_t>(0, running_cents - inputs.budget.cents), currency};

    // The plan's funnel at the rows' own conversion rates, as one effective rate; the
    // plan's rate itself while every row converts alike (the same figures as before
    // conversion multipliers existed, to the last bit).
    FunnelAssumptions plan_funnel = funnel;
    if (uneven_conversion && totals.clicks > 0.0) {
        plan_funnel.conversion_rate = std::min(1.0, totals.conversions / totals.clicks);
    }
    auto funnel_result =
        run_funnel(funnel_engagements, funnel_impressions, totals.cost, plan_funnel);
    if (!funnel_result.ok()) {
        // Only sums beyond 10^15 engagements or impressions get here.
        return plan_error(ErrorCode::too_large, "Roster",
                          "the totals are too large to run through the funnel (" +
                              funnel_result.error().message +
                              ") Check the roster for typing "
                              "mistakes.");
    }
    totals.funnel = std::move(funnel_result).value();
    return result;
}

std::int64_t default_overhead_cents(const CostAssumptions& costs) {
    return round_cents(costs.overhead_hours * static_cast<double>(costs.hourly_rate.cents)) +
           costs.overhead_amount.cents + costs.product_and_shipping.cents;
}

double unique_reach(double sum_of_rows, double largest_row, double overlap) {
    return sum_of_rows - overlap * (sum_of_rows - largest_row);
}

} // namespace core
