// Which figures the user told the calculator and which are still placeholders, so that
// no screen, export or report presents a placeholder as a finding.
//
// - The funnel is the example while its click-through rate, conversion rate and average
//   order value are all still the placeholders of default_funnel_assumptions (the
//   currency aside: switching currency relabels, it does not tell). Revenue, ROI and
//   ROAS are then not results: they are shown as `enter_funnel_text` instead.
// - A tracked influencer "has numbers" when any of their counted interactions, clicks,
//   conversions or revenue is above zero. A tracked post nobody has filled in yet says
//   nothing: no ratio, no "-100%". Actual ROI needs an entered revenue.
// - The untouched example (the app knows when it shows it: ReportOptions::example) is
//   labelled as such on every screen and in the report.
// - A new plan starts blank (blank_scenario): no roster, no tracked results, no
//   optimizer rules, titled "Untitled plan"; the assumptions, budget and the comparison's
//   what-if groups are the example's, to edit.
// Example: default_funnel_assumptions(Currency::eur) is the example funnel; the same with
// a 3% click-through rate is the user's.
#pragma once

#include "core/funnel.hpp"
#include "core/scenario.hpp"
#include "core/tracking.hpp"

#include <string_view>

namespace core {

inline constexpr std::string_view enter_funnel_text = "enter your funnel to see return";

[[nodiscard]] bool funnel_is_example(const FunnelAssumptions& funnel);

[[nodiscard]] bool has_tracked_numbers(const InfluencerActuals& actuals);
[[nodiscard]] bool has_tracked_numbers(const TrackingTotals& totals);
// The actual ROI when it means something: tracked numbers and an entered revenue.
[[nodiscard]] std::optional<double> told_roi(const InfluencerActuals& actuals);
[[nodiscard]] std::optional<double> told_roi(const TrackingTotals& totals);

inline constexpr std::string_view blank_plan_title = "Untitled plan";
[[nodiscard]] Scenario blank_scenario();

} // namespace core
