#include "web/logic/scenario_edits.hpp"

#include "core/pricing.hpp"

#include <algorithm>

namespace web {

void relabel_currency(core::Scenario& s, core::Currency currency) {
    const auto relabel = [currency](core::Money& money) {
        money.currency = currency;
    };
    s.assumptions.currency = currency;
    relabel(s.budget);
    const auto relabel_row = [&](core::Influencer& row) {
        relabel(row.price_per_post);
        if (row.overhead) {
            relabel(*row.overhead);
        }
    };
    for (core::Influencer& row : s.roster) {
        relabel_row(row);
    }
    for (core::PlanGroup* group : {&s.comparison.a, &s.comparison.b}) {
        for (core::Influencer& row : group->influencers) {
            relabel_row(row);
        }
    }
    core::CostAssumptions& costs = s.assumptions.costs;
    for (core::Money* amount :
         {&costs.hourly_rate, &costs.overhead_amount, &costs.product_and_shipping}) {
        relabel(*amount);
    }
    core::PricingModel& pricing = s.assumptions.pricing;
    pricing.currency = currency;
    for (core::TierPrice& tier : pricing.tier_prices) {
        relabel(tier.price);
    }
    relabel(pricing.per_thousand);
    relabel(pricing.target_cpe);
    relabel(s.assumptions.funnel.average_order_value);
    relabel(s.assumptions.funnel.emv_cpm);
    for (core::ActualResult& actual : s.actuals) {
        relabel(actual.revenue);
    }
}

void price_roster_by_model(core::Scenario& s) {
    for (core::Influencer& row : s.roster) {
        const double rate =
            row.followers > 0 ? core::engagements_per_post(row) / static_cast<double>(row.followers)
                              : 0.0;
        const auto price =
            core::suggest_price(s.assumptions.pricing, row.followers, std::min(rate, 1.0));
        if (price.ok()) {
            row.price_per_post = price.value().price;
        }
    }
}

} // namespace web
