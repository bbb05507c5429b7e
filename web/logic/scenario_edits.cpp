#include "web/logic/scenario_edits.hpp"

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

} // namespace web
