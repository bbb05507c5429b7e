// Screen 5, Assumptions: every figure the calculator uses, with its source and year,
// and every one of them editable: the benchmark set and its tier thresholds, the
// pricing model, reach and audience overlap (web/app/reach_table_editor.cpp), the funnel,
// the uncertainty spread, the currency and how numbers are written.
#include "core/benchmarks.hpp"
#include "core/example_figures.hpp"
#include "core/formulas.hpp"
#include "core/numbers.hpp"
#include "core/pricing.hpp"
#include "imgui.h"
#include "web/app/app.hpp"
#include "web/app/costs_card.hpp"
#include "web/app/layout.hpp"
#include "web/app/list_detail.hpp"
#include "web/app/reach_table_editor.hpp"
#include "web/app/screens.hpp"
#include "web/app/widgets.hpp"
#include "web/logic/scenario_edits.hpp"

#include <algorithm>
#include <cstdio>
#include <string>

namespace web {
namespace {

std::string tier_bound(std::int64_t value, core::NumberFormat format) {
    return value == core::no_follower_limit ? std::string("and more")
                                            : core::format_count(value, format);
}

// A checkbox whose long label gives way to a short one where it would run past the
// card's edge; both end in the same "###id", so the widget keeps its identity.
bool fitting_checkbox(const char* long_label, const char* short_label, bool* value) {
    const float box = ImGui::GetFrameHeight() + ImGui::GetStyle().ItemInnerSpacing.x;
    const bool fits =
        box + ImGui::CalcTextSize(long_label, nullptr, true).x <= ImGui::GetContentRegionAvail().x;
    return ImGui::Checkbox(fits ? long_label : short_label, value);
}

void draw_general(App& app) {
    const core::Scenario& s = app.scenario();
    const core::NumberFormat format = s.assumptions.number_format;
    ui::begin_card("##general", "Currency and numbers");
    ui::field_label("Currency");
    const core::CurrencyInfo& info = core::currency_info(s.assumptions.currency);
    const std::string current = std::string(info.code) + " (" + std::string(info.symbol) + ")";
    ImGui::SetNextItemWidth(std::min(260.0f, ui::available_width()));
    if (ui::begin_combo("##Currency", current.c_str())) {
        for (const core::CurrencyInfo& c : core::all_currencies) {
            const std::string label =
                std::string(c.code) + " (" + std::string(c.symbol) + "), " + std::string(c.name);
            if (ImGui::Selectable(label.c_str(), c.currency == s.assumptions.currency) &&
                c.currency != s.assumptions.currency) {
                relabel_currency(app.edit("Change currency"), c.currency);
            }
        }
        ImGui::EndCombo();
    }
    ui::muted_text(
        "Amounts are relabelled, not converted: the published figures are in US dollars.");
    bool comma = format.decimal_comma;
    if (ImGui::Checkbox("Decimal comma (1.234,50)", &comma)) {
        app.edit("Change number format").assumptions.number_format.decimal_comma = comma;
    }
    ui::end_card();
}

void draw_benchmarks(App& app) {
    const core::Scenario& s = app.scenario();
    const core::NumberFormat format = s.assumptions.number_format;
    const Palette& p = palette();
    const auto& sets = s.assumptions.benchmark_sets;
    ui::begin_card("##benchmarks", "Engagement benchmarks",
                   "Typical engagement rate by follower tier. Sources disagree on where tiers "
                   "start; the thresholds belong to each set.");
    ui::field_label("Benchmark set");
    const core::BenchmarkSet& active = core::active_benchmark_set(s);
    ImGui::SetNextItemWidth(-FLT_MIN);
    if (ui::begin_combo("##Benchmark set", active.name.c_str())) {
        for (const core::BenchmarkSet& set : sets) {
            const std::string label =
                set.name + " (" + set.source + ", " + std::to_string(set.year) + ")";
            if (ImGui::Selectable(label.c_str(), set.id == active.id) && set.id != active.id) {
                app.edit("Choose benchmark").assumptions.benchmark_set_id = set.id;
            }
        }
        ImGui::EndCombo();
    }
    ui::paragraph(active.source + ", " + std::to_string(active.year) +
                  ". Platform: " + active.platform + ". Measures the " + active.metric + ".");
    if (!active.note.empty()) {
        ui::muted_text(active.note);
    }
    const auto set_index = static_cast<std::size_t>(&active - sets.data());
    const bool editable = set_index < sets.size();
    const ImGuiTableFlags flags = ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_RowBg |
                                  ImGuiTableFlags_SizingStretchProp |
                                  ImGuiTableFlags_NoSavedSettings;
    if (ImGui::BeginTable("##tiers", 4, flags)) {
        ImGui::TableSetupColumn("Tier", ImGuiTableColumnFlags_WidthStretch, 1.6f);
        ImGui::TableSetupColumn("From", ImGuiTableColumnFlags_WidthStretch, 1.0f);
        ImGui::TableSetupColumn("To", ImGuiTableColumnFlags_WidthStretch, 1.0f);
        ImGui::TableSetupColumn("Rate", ImGuiTableColumnFlags_WidthStretch, 0.8f);
        ImGui::TableHeadersRow();
        for (std::size_t t = 0; t < active.tiers.size(); ++t) {
            const core::Tier& tier = active.tiers[t];
            ImGui::PushID(static_cast<int>(t));
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::AlignTextToFramePadding();
            ui::fitted_text(tier.name, tier.derived ? ImGui::GetContentRegionAvail().x -
                                                          ImGui::CalcTextSize(" derived").x
                                                    : 0.0f);
            if (tier.derived) {
                ImGui::SameLine();
                ui::coloured_text(p.warn, "derived");
            }
            if (!tier.note.empty()) {
                ImGui::SetItemTooltip("%s", tier.note.c_str());
            }
            const auto target = [&](const char* what) -> core::Tier& {
                return app.edit(what).assumptions.benchmark_sets[set_index].tiers[t];
            };
            ImGui::TableNextColumn();
            std::int64_t min = tier.min_followers;
            if (editable &&
                ui::count_field("##tier_min", &min, 0, core::no_follower_limit - 1,
                                {.field = "From", .format = format, .in_table = true})) {
                target("Edit tier threshold").min_followers = min;
            }
            ImGui::TableNextColumn();
            if (tier.max_followers == core::no_follower_limit) {
                ImGui::AlignTextToFramePadding();
                ui::fitted_text(tier_bound(tier.max_followers, format));
            } else {
                std::int64_t max = tier.max_followers;
                if (editable &&
                    ui::count_field("##tier_max", &max, 0, core::no_follower_limit - 1,
                                    {.field = "To", .format = format, .in_table = true})) {
                    target("Edit tier threshold").max_followers = max;
                }
            }
            ImGui::TableNextColumn();
            double rate = tier.engagement_rate;
            if (editable && ui::rate_field("##tier_rate", &rate, 2,
                                           {.field = "Rate", .format = format, .in_table = true})) {
                core::Tier& edited = target("Edit tier rate");
                edited.engagement_rate = rate;
                edited.derived = false; // the user's own figure now
            }
            ImGui::PopID();
        }
        ImGui::EndTable();
    }
    const auto valid = core::validate_benchmark_set(active);
    if (!valid.ok()) {
        ui::coloured_text(p.bad, valid.error().message);
    }
    for (const core::BenchmarkSet& builtin : core::builtin_benchmark_sets()) {
        if (builtin.id == active.id) {
            const bool changed =
                builtin.tiers.size() != active.tiers.size() ||
                !std::equal(builtin.tiers.begin(), builtin.tiers.end(), active.tiers.begin(),
                            [](const core::Tier& a, const core::Tier& b) {
                                return a.min_followers == b.min_followers &&
                                       a.max_followers == b.max_followers &&
                                       a.engagement_rate == b.engagement_rate;
                            });
            if (changed && ImGui::Button("Restore the published figures")) {
                app.edit("Restore benchmark").assumptions.benchmark_sets[set_index] = builtin;
            }
        }
    }
    ui::end_card();
}

// For a roster with no quotes yet: every row's price set from the chosen model, in one
// undoable step, so the comparison and the planner are priced by it. Quotes typed later win.
void draw_price_roster_by_model(App& app, bool model_valid) {
    const core::Scenario& s = app.scenario();
    if (ui::button("Price all rows by this model", model_valid && !s.roster.empty())) {
        price_roster_by_model(app.edit("Price rows by the model"));
    }
    ui::muted_text("Replaces the price of every influencer in the roster (Undo restores them).");
}

void draw_pricing(App& app) {
    const core::Scenario& s = app.scenario();
    const core::NumberFormat format = s.assumptions.number_format;
    const Palette& p = palette();
    const core::PricingModel& model = s.assumptions.pricing;
    ui::begin_card("##pricing", "Suggested price per post",
                   "Used when an influencer has not quoted a price. A quote always wins.");
    int kind = static_cast<int>(model.kind);
    if (ImGui::RadioButton("Price by tier", kind == 0) && kind != 0) {
        app.edit("Pricing by tier").assumptions.pricing.kind = core::PricingModelKind::tier_table;
    }
    ui::same_line_if_fits("Per 1,000 followers");
    if (ImGui::RadioButton("Per 1,000 followers", kind == 1) && kind != 1) {
        app.edit("Pricing per 1,000").assumptions.pricing.kind =
            core::PricingModelKind::per_thousand_followers;
    }
    ui::same_line_if_fits("Target cost per engagement");
    if (ImGui::RadioButton("Target cost per engagement", kind == 2) && kind != 2) {
        app.edit("Pricing by CPE").assumptions.pricing.kind =
            core::PricingModelKind::cost_per_engagement;
    }
    if (model.kind == core::PricingModelKind::tier_table) {
        if (!model.table_name.empty()) {
            ui::muted_text(model.table_name);
        }
        const ImGuiTableFlags flags = ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_RowBg |
                                      ImGuiTableFlags_SizingStretchProp |
                                      ImGuiTableFlags_NoSavedSettings;
        if (ImGui::BeginTable("##price_tiers", 3, flags)) {
            ImGui::TableSetupColumn("Tier", ImGuiTableColumnFlags_WidthStretch, 1.2f);
            ImGui::TableSetupColumn("Followers", ImGuiTableColumnFlags_WidthStretch, 1.4f);
            ImGui::TableSetupColumn("Price", ImGuiTableColumnFlags_WidthStretch, 0.9f);
            ImGui::TableHeadersRow();
            for (std::size_t t = 0; t < model.tier_prices.size(); ++t) {
                const core::TierPrice& tier = model.tier_prices[t];
                ImGui::PushID(static_cast<int>(t));
                ImGui::TableNextRow();
                ImGui::TableNextColumn();
                ImGui::AlignTextToFramePadding();
                ui::fitted_text(tier.name);
                if (!tier.note.empty()) {
                    ImGui::SetItemTooltip("%s", tier.note.c_str());
                }
                ImGui::TableNextColumn();
                ImGui::AlignTextToFramePadding();
                const std::string range =
                    core::format_count(tier.min_followers, format) +
                    (tier.max_followers == core::no_follower_limit
                         ? " and more"
                         : " to " + core::format_count(tier.max_followers, format));
                ui::paragraph(range); // "100,000 and more" wraps on phones
                ImGui::TableNextColumn();
                core::Money price = tier.price;
                if (ui::money_field("##tier_price", &price,
                                    {.field = "Price", .format = format, .in_table = true})) {
                    app.edit("Edit tier price").assumptions.pricing.tier_prices[t].price = price;
                }
                ImGui::PopID();
            }
            ImGui::EndTable();
        }
    } else if (model.kind == core::PricingModelKind::per_thousand_followers) {
        ui::field_label("Price per 1,000 followers, per post");
        core::Money money = model.per_thousand;
        if (ui::money_field(
                "##Per thousand", &money,
                {.field = "Price per 1,000 followers", .width = 200.0f, .format = format})) {
            app.edit("Edit price per 1,000").assumptions.pricing.per_thousand = money;
        }
        ui::muted_text(
            "About $10 per 1,000 followers is a common rule of thumb (InfluencerDB, 2018).");
    } else {
        ui::field_label("Target cost per engagement");
        core::Money money = model.target_cpe;
        if (ui::money_field(
                "##Target CPE", &money,
                {.field = "Target cost per engagement", .width = 200.0f, .format = format})) {
            app.edit("Edit target CPE").assumptions.pricing.target_cpe = money;
        }
        ui::muted_text("A placeholder with no published source: set your own target.");
    }
    const auto valid = core::validate_pricing_model(model);
    if (!valid.ok()) {
        ui::coloured_text(p.bad, valid.error().message);
    }
    draw_price_roster_by_model(app, valid.ok());
    if (ImGui::TreeNodeEx("Published prices, for orientation", ImGuiTreeNodeFlags_SpanAvailWidth)) {
        for (const core::PriceReference& ref : core::price_references) {
            const std::string line =
                std::string(ref.label) + ": " +
                core::format_money(core::Money{ref.usd_cents, core::Currency::usd},
                                   core::CentsStyle::when_needed, format) +
                " (" + std::string(ref.source) + ")";
            ui::paragraph(line);
        }
        ImGui::TreePop();
    }
    ui::end_card();
}

void draw_funnel(App& app) {
    const core::Scenario& s = app.scenario();
    const core::NumberFormat format = s.assumptions.number_format;
    const Palette& p = palette();
    const core::FunnelAssumptions& f = s.assumptions.funnel;
    namespace ids = core::formula_ids;
    ui::begin_card("##funnel", "Clicks and sales",
                   "Placeholders to replace with your own figures. The same for every "
                   "influencer, big or small.");
    if (core::funnel_is_example(f)) {
        ui::coloured_text(p.warn, "Example figures: until you enter your click-through rate, "
                                  "conversion rate or order value, revenue, ROI and ROAS are "
                                  "not shown.");
    }
    layout::TileGrid grid(200.0f, 2);
    const auto rate_input = [&](const char* label, const char* id, double value, int decimals,
                                std::string_view formula, auto apply) {
        const float w = grid.next();
        ImGui::BeginGroup();
        ui::field_label(label);
        double edited = value;
        if (ui::rate_field(id, &edited, decimals, {.field = label, .width = w, .format = format})) {
            apply(app.edit(std::string("Edit ") + label), edited);
        }
        ui::formula_tip(formula);
        ImGui::EndGroup();
    };
    rate_input("Click-through rate", "##Click-through rate", f.click_through_rate, 2,
               ids::clicks_from_engagements,
               [](core::Scenario& t, double v) { t.assumptions.funnel.click_through_rate = v; });
    rate_input("Conversion rate (sales per click)", "##Conversion rate", f.conversion_rate, 2,
               ids::conversions,
               [](core::Scenario& t, double v) { t.assumptions.funnel.conversion_rate = v; });
    rate_input("Margin", "##Margin", f.margin, 0, ids::roi,
               [](core::Scenario& t, double v) { t.assumptions.funnel.margin = v; });
    {
        const float w = grid.next();
        ImGui::BeginGroup();
        ui::field_label("Average order value");
        core::Money aov = f.average_order_value;
        if (ui::money_field("##Average order value", &aov,
                            {.field = "Average order value", .width = w, .format = format})) {
            app.edit("Edit average order value").assumptions.funnel.average_order_value = aov;
        }
        ui::formula_tip(ids::revenue);
        ImGui::EndGroup();
    }
    {
        const float w = grid.next();
        ImGui::BeginGroup();
        ui::field_label("Clicks come from");
        int basis = static_cast<int>(f.click_basis);
        const char* bases[] = {"Engagements", "Impressions"};
        ImGui::SetNextItemWidth(w);
        if (ui::combo("##Click basis", &basis, bases, 2)) {
            app.edit("Change click basis").assumptions.funnel.click_basis =
                static_cast<core::ClickBasis>(basis);
        }
        ImGui::EndGroup();
    }
    bool targeted = s.assumptions.funnel_from_targeted;
    if (fitting_checkbox(
            "Only the target segment buys (funnel from targeted engagements)###funnel_targeted",
            "Only the target segment buys###funnel_targeted", &targeted)) {
        app.edit("Change funnel start").assumptions.funnel_from_targeted = targeted;
    }
    bool emv = f.include_emv;
    if (fitting_checkbox("Show earned media value (an estimate, widely doubted)###include_emv",
                         "Show earned media value###include_emv", &emv)) {
        app.edit("Toggle EMV").assumptions.funnel.include_emv = emv;
    }
    if (emv) {
        ui::field_label("CPM for earned media value");
        core::Money cpm = f.emv_cpm;
        if (ui::money_field("##EMV CPM", &cpm,
                            {.field = "EMV CPM", .width = 160.0f, .format = format})) {
            app.edit("Edit EMV CPM").assumptions.funnel.emv_cpm = cpm;
        }
        ui::muted_text("CPM defaults of $5 to $6.50 in undated help pages of InfluencerDB, "
                       "Traackr and Upfluence (seen about 2018): tool defaults, not market "
                       "prices.");
    }
    const auto valid = core::validate_funnel_assumptions(f, s.assumptions.currency);
    if (!valid.ok()) {
        ui::coloured_text(p.bad, valid.error().message);
    }
    ui::end_card();
}

void draw_uncertainty(App& app) {
    const core::Scenario& s = app.scenario();
    const core::NumberFormat format = s.assumptions.number_format;
    const Palette& p = palette();
    const core::UncertaintySettings& u = s.assumptions.uncertainty;
    ui::begin_card("##uncertainty", "Uncertainty",
                   "How far an influencer's engagement may land from its expectation (an "
                   "assumption: no published spread was found). 0.5 puts 90% of outcomes "
                   "between 0.39 and 2 times the expectation; the expectation stays the mean, "
                   "and half of the outcomes fall below 0.88 times it.");
    layout::TileGrid grid(150.0f, 3);
    float w = grid.next();
    ImGui::BeginGroup();
    ui::field_label("Engagement spread (sigma)");
    double sigma = u.sigma;
    if (ui::number_field("##Spread", &sigma, 0.0, core::max_spread_sigma, 2,
                         {.field = "Engagement spread", .width = w, .format = format})) {
        app.edit("Edit spread").assumptions.uncertainty.sigma = sigma;
    }
    ui::formula_tip(core::formula_ids::low_high_range);
    ImGui::EndGroup();
    w = grid.next();
    ImGui::BeginGroup();
    ui::field_label("Simulated campaigns");
    int trials = u.trials;
    if (ui::int_field("##Trials", &trials, 1, core::max_simulation_trials,
                      {.field = "Simulated campaigns", .width = w, .format = format})) {
        app.edit("Edit trials").assumptions.uncertainty.trials = trials;
    }
    ImGui::EndGroup();
    w = grid.next();
    ImGui::BeginGroup();
    ui::field_label("Seed");
    std::int64_t seed = static_cast<std::int64_t>(std::min<std::uint64_t>(u.seed, 999'999'999'999));
    if (ui::count_field("##Seed", &seed, 0, 999'999'999'999,
                        {.field = "Seed", .width = w, .format = format})) {
        app.edit("Edit seed").assumptions.uncertainty.seed = static_cast<std::uint64_t>(seed);
    }
    ImGui::SetItemTooltip("Same seed, same numbers, on every computer.");
    ImGui::EndGroup();
    w = grid.next();
    ImGui::BeginGroup();
    ui::field_label("Shared shock (assumption)");
    double shared = u.shared_shock;
    if (ui::rate_field("##Shared shock", &shared, 0,
                       {.field = "Shared shock", .width = w, .format = format})) {
        app.edit("Edit shared shock").assumptions.uncertainty.shared_shock = shared;
    }
    ImGui::SetItemTooltip("How much of the spread all influencers of a plan share (the season, "
                          "the product, the brief): 0%% (the default) moves them independently, "
                          "100%% as one.");
    ImGui::EndGroup();
    w = grid.next();
    ImGui::BeginGroup();
    ui::field_label("Conversion spread (assumption)");
    double conversion = u.conversion_sigma;
    if (ui::number_field("##Conversion spread", &conversion, 0.0, core::max_spread_sigma, 2,
                         {.field = "Conversion spread", .width = w, .format = format})) {
        app.edit("Edit conversion spread").assumptions.uncertainty.conversion_sigma = conversion;
    }
    ImGui::SetItemTooltip("Lognormal sigma of each influencer's conversion rate around the "
                          "typed one; 0 (the default) keeps the rates as typed.");
    ImGui::EndGroup();
    const auto valid = core::validate_uncertainty(u);
    if (!valid.ok()) {
        ui::coloured_text(p.bad, valid.error().message);
    }
    ui::end_card();
}

} // namespace

void draw_assumptions_screen(App& app) {
    {
        layout::Columns columns("##assumptions_top", app.wide());
        columns.next();
        draw_benchmarks(app);
        layout::gap();
        draw_general(app);
        columns.next();
        draw_pricing(app);
        layout::gap();
        draw_uncertainty(app);
    }
    layout::gap();
    draw_reach_card(app);
    layout::gap();
    draw_funnel(app);
    layout::gap();
    draw_cost_assumptions(app); // web/app/costs_card.cpp
}

} // namespace web
