// From engagements to money: the marketing funnel and the return on a plan.
//   clicks       = engagements x click-through rate   (or impressions x CTR; the user
//                                                       picks the basis)
//   conversions  = clicks x conversion rate
//   revenue      = conversions x average order value   (rounded once to cents)
//   gross profit = revenue x margin                     (rounded once, from unrounded
//                                                       conversions)
//   ROI          = (revenue x margin - cost) / cost     (not defined when cost is 0)
//   ROAS         = revenue / cost                       (not defined when cost is 0)
//   EMV          = impressions x CPM / 1,000            (optional; an estimate of what the
//                                                       impressions would cost as ads,
//                                                       not money earned)
// ROI and ROAS are computed from unrounded values. Cost per click and per acquisition
// are "not defined" (nullopt) when there are no clicks or conversions.
// The same assumptions apply to every influencer, big or small: nothing here favours
// one side of a comparison. The defaults are placeholders to edit, not findings.
// Example: 10,000 engagements x 2% = 200 clicks x 2% = 4 conversions x $20 = $80
//          revenue; with a 40% margin and $100 cost, ROI = (80 x 0.4 - 100) / 100 = -68%.
#pragma once

#include "core/error.hpp"
#include "core/money.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace core {

enum class ClickBasis : std::uint8_t { engagements, impressions };

struct FunnelAssumptions {
    ClickBasis click_basis = ClickBasis::engagements;
    double click_through_rate = 0.02; // clicks per engagement (or per impression), 0..1
    double conversion_rate = 0.02;    // conversions per click, 0..1
    Money average_order_value{2'000, Currency::usd}; // revenue per conversion
    double margin = 0.4;                             // share of revenue kept as gross profit, 0..1
    bool include_emv = false;                        // earned media value is off unless asked for
    Money emv_cpm{500, Currency::usd}; // $5 per 1,000 impressions (low end of $5-$6.50)
};

// Placeholder defaults in `currency` (the same numbers as above; $20 orders,
// 2% click-through, 2% conversion, 40% margin, EMV off at a $5 CPM).
[[nodiscard]] FunnelAssumptions default_funnel_assumptions(Currency currency);

// Rates in 0..1, amounts >= 0 and in `currency`. Errors name the field.
[[nodiscard]] Result<FunnelAssumptions> validate_funnel_assumptions(const FunnelAssumptions& a,
                                                                    Currency currency);

struct FunnelResult {
    double clicks = 0.0;
    double conversions = 0.0;
    Money revenue;
    Money gross_profit;                        // revenue x margin
    std::optional<double> roi;                 // nullopt: not defined (cost is zero)
    std::optional<double> roas;                // nullopt: not defined (cost is zero)
    std::optional<Money> cost_per_click;       // nullopt when there are no clicks
    std::optional<Money> cost_per_acquisition; // nullopt when there are no conversions
    std::optional<Money> earned_media_value;   // only when include_emv
    std::string emv_label;                     // "estimate: ..." when EMV is shown
    std::string_view clicks_formula_id;        // clicks_from_engagements / _impressions
};

// engagements and impressions: finite, 0 to 10^15. cost: >= 0. Errors name the field.
[[nodiscard]] Result<FunnelResult> run_funnel(double engagements, double impressions, Money cost,
                                              const FunnelAssumptions& assumptions);

} // namespace core
