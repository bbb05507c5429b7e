#include "core/funnel.hpp"

#include "core/formulas.hpp"
#include "core/numbers.hpp"

#include <cmath>

namespace core {
namespace {

std::optional<Error> check_rate(double rate, std::string_view field, std::string_view example) {
    if (!std::isfinite(rate) || rate < 0.0 || rate > 1.0) {
        return field_error(ErrorCode::out_of_range, field,
                           "type a percentage from 0% to 100%, such as " + std::string(example) +
                               ".");
    }
    return std::nullopt;
}

std::optional<Error> check_quantity(double value, std::string_view field) {
    if (!std::isfinite(value) || value < 0.0 || value > max_number_magnitude) {
        return field_error(ErrorCode::out_of_range, field,
                           "type a number from 0 to " + format_number(max_number_magnitude, 0) +
                               ".");
    }
    return std::nullopt;
}

// cents_per_unit x units, rounded once; an Error when beyond the money limit.
Result<Money> money_times(double units, std::int64_t cents_per_unit, Currency currency,
                          std::string_view field) {
    const double cents = units * static_cast<double>(cents_per_unit);
    if (!(cents >= 0.0 && cents <= static_cast<double>(max_money_cents))) {
        return field_error(ErrorCode::overflow, field,
                           "the result is too large; check the numbers that feed it.");
    }
    return Money{round_cents(cents), currency};
}

std::optional<Money> cost_per(Money cost, double count) {
    // No clicks make the cost per click undefined rather than infinite. A fraction of a
    // conversion is a valid expectation, so small counts still give a (large) cost per
    // unit; only one beyond the money limit is reported as not defined.
    if (!(count > 1e-9)) {
        return std::nullopt;
    }
    const double cents = static_cast<double>(cost.cents) / count;
    if (!(cents <= static_cast<double>(max_money_cents))) {
        return std::nullopt;
    }
    return Money{round_cents(cents), cost.currency};
}

} // namespace

FunnelAssumptions default_funnel_assumptions(Currency currency) {
    FunnelAssumptions a;
    a.average_order_value.currency = currency;
    a.emv_cpm.currency = currency;
    return a;
}

Result<FunnelAssumptions> validate_funnel_assumptions(const FunnelAssumptions& a,
                                                      Currency currency) {
    if (auto e = check_rate(a.click_through_rate, "Click-through rate", "2%")) {
        return *e;
    }
    if (auto e = check_rate(a.conversion_rate, "Conversion rate", "2%")) {
        return *e;
    }
    if (auto e = check_amount(a.average_order_value, currency, "Average order value", "20")) {
        return *e;
    }
    if (auto e = check_rate(a.margin, "Margin", "40%")) {
        return *e;
    }
    if (auto e = check_amount(a.emv_cpm, currency, "EMV cost per 1,000 impressions", "5")) {
        return *e;
    }
    return a;
}

Result<FunnelResult> run_funnel(double engagements, double impressions, Money cost,
                                const FunnelAssumptions& assumptions) {
    if (auto e = check_quantity(engagements, "Engagements")) {
        return *e;
    }
    if (auto e = check_quantity(impressions, "Impressions")) {
        return *e;
    }
    if (auto e = check_amount(cost, cost.currency, "Cost", "100")) {
        return *e;
    }
    auto valid = validate_funnel_assumptions(assumptions, cost.currency);
    if (!valid) {
        return valid.error();
    }
    const FunnelAssumptions& a = valid.value();

    FunnelResult result;
    const bool by_engagements = a.click_basis == ClickBasis::engagements;
    result.clicks_formula_id = by_engagements ? formula_ids::clicks_from_engagements
                                              : formula_ids::clicks_from_impressions;
    result.clicks = (by_engagements ? engagements : impressions) * a.click_through_rate;
    result.conversions = result.clicks * a.conversion_rate;

    auto revenue =
        money_times(result.conversions, a.average_order_value.cents, cost.currency, "Revenue");
    if (!revenue) {
        return revenue.error();
    }
    result.revenue = revenue.value();
    auto gross = money_times(result.conversions * a.margin, a.average_order_value.cents,
                             cost.currency, "Gross profit");
    if (!gross) {
        return gross.error();
    }
    result.gross_profit = gross.value();

    if (cost.cents > 0) {
        // Unrounded revenue, so that ROI does not depend on where cents were rounded.
        const double revenue_cents =
            result.conversions * static_cast<double>(a.average_order_value.cents);
        const double cost_cents = static_cast<double>(cost.cents);
        result.roi = (revenue_cents * a.margin - cost_cents) / cost_cents;
        result.roas = revenue_cents / cost_cents;
    }
    result.cost_per_click = cost_per(cost, result.clicks);
    result.cost_per_acquisition = cost_per(cost, result.conversions);

    if (a.include_emv) {
        auto emv =
            money_times(impressions / 1000.0, a.emv_cpm.cents, cost.currency, "Earned media value");
        if (!emv) {
            return emv.error();
        }
        result.earned_media_value = emv.value();
        result.emv_label = "estimate: what " + format_number(impressions, 0) +
                           " impressions would cost as ads at " + format_money(a.emv_cpm) +
                           " per 1,000; not money earned";
    }
    return result;
}

} // namespace core
