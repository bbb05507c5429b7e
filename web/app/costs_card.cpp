#include "web/app/costs_card.hpp"

#include "core/campaign.hpp"
#include "core/formulas.hpp"
#include "core/numbers.hpp"
#include "imgui.h"
#include "web/app/app.hpp"
#include "web/app/layout.hpp"
#include "web/app/widgets.hpp"

#include <string>

namespace web {

void draw_cost_assumptions(App& app) {
    const core::Scenario& s = app.scenario();
    const core::NumberFormat format = s.assumptions.number_format;
    const core::CostAssumptions& costs = s.assumptions.costs;
    ui::begin_card("##costs", "Costs beyond the fee",
                   "What each booked influencer costs besides the price per post, the same for "
                   "both plans and for every row without its own overhead (the planner's "
                   "Overhead column). All zero: the cost is the fee alone.");
    layout::TileGrid grid(200.0f, 3);
    // Each field: its caption, its editor, and the all-in cost formula on hover.
    const auto tile = [&](const char* label, auto&& editor) {
        const float w = grid.next();
        ImGui::BeginGroup();
        ui::field_label(label);
        editor(ui::FieldOptions{.field = label, .width = w, .format = format});
        ui::formula_tip(core::formula_ids::campaign_cost);
        ImGui::EndGroup();
    };
    const auto money_tile = [&](const char* label, const char* id, core::Money value,
                                core::Money core::CostAssumptions::*member) {
        tile(label, [&](const ui::FieldOptions& options) {
            if (ui::money_field(id, &value, options)) {
                app.edit(std::string("Edit ") + label).assumptions.costs.*member = value;
            }
        });
    };
    const auto rate_tile = [&](const char* label, const char* id, double value,
                               double core::CostAssumptions::*member) {
        tile(label, [&](const ui::FieldOptions& options) {
            if (ui::rate_field(id, &value, 0, options)) {
                app.edit(std::string("Edit ") + label).assumptions.costs.*member = value;
            }
        });
    };
    tile("Hours per influencer (assumption)", [&](const ui::FieldOptions& options) {
        double hours = costs.overhead_hours;
        if (ui::number_field("##Overhead hours", &hours, 0.0, core::max_overhead_hours, 1,
                             options)) {
            app.edit("Edit hours per influencer").assumptions.costs.overhead_hours = hours;
        }
    });
    money_tile("Hourly rate (assumption)", "##Hourly rate", costs.hourly_rate,
               &core::CostAssumptions::hourly_rate);
    money_tile("Product and shipping (assumption)", "##Product and shipping",
               costs.product_and_shipping, &core::CostAssumptions::product_and_shipping);
    money_tile("Other overhead (assumption)", "##Other overhead", costs.overhead_amount,
               &core::CostAssumptions::overhead_amount);
    rate_tile("Usage rights, % of fee", "##Usage rights", costs.usage_rights_rate,
              &core::CostAssumptions::usage_rights_rate);
    rate_tile("Agency fee, % of spend (assumption)", "##Agency fee", costs.agency_fee_rate,
              &core::CostAssumptions::agency_fee_rate);
    const core::Money overhead{core::default_overhead_cents(costs), s.budget.currency};
    ui::muted_text("Overhead per booked influencer now: " + ui::money_text(overhead, format) +
                   " (hours x rate + product + other). Hours cover sourcing, negotiation, "
                   "contract, briefing, review and payment. Usage rights: rate cards commonly "
                   "add about 20% of the fee per platform per month of use, and exclusivity "
                   "about 25% for 30 days (common practice, not a survey). Hours, hourly rate, "
                   "product and agency fee: no published figure is built in; type your own.");
    ui::end_card();
}

} // namespace web
