#include "core/example_figures.hpp"

namespace core {

bool funnel_is_example(const FunnelAssumptions& funnel) {
    const FunnelAssumptions example =
        default_funnel_assumptions(funnel.average_order_value.currency);
    // Exact comparison on purpose: the placeholders are stored as typed, never computed.
    return funnel.click_through_rate == example.click_through_rate &&
           funnel.conversion_rate == example.conversion_rate &&
           funnel.average_order_value.cents == example.average_order_value.cents;
}

bool has_tracked_numbers(const InfluencerActuals& a) {
    return a.interactions > 0 || a.clicks > 0 || a.conversions > 0 || a.revenue.cents > 0;
}

bool has_tracked_numbers(const TrackingTotals& t) {
    return t.interactions > 0 || t.clicks > 0 || t.conversions > 0 || t.revenue.cents > 0;
}

std::optional<double> told_roi(const InfluencerActuals& a) {
    return a.revenue.cents > 0 ? a.roi : std::nullopt;
}

std::optional<double> told_roi(const TrackingTotals& t) {
    return t.revenue.cents > 0 ? t.roi : std::nullopt;
}

Scenario blank_scenario() {
    Scenario s = default_scenario();
    s.title = std::string(blank_plan_title);
    s.screen = Screen::roster;
    s.roster.clear();
    s.actuals.clear();
    s.optimizer = OptimizerSettings{};
    return s;
}

} // namespace core
