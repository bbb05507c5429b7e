// Screen 2, One big or many small: two groups of influencers against the same budget,
// side by side: the verdict and the break-even in words, every figure with its
// formula, low/high bars, each plan's spend against the budget, and the Monte Carlo
// distribution with the probability that one plan beats the other.
#include "core/formulas.hpp"
#include "core/numbers.hpp"
#include "imgui.h"
#include "web/app/app.hpp"
#include "web/app/charts.hpp"
#include "web/app/compare_columns.hpp"
#include "web/app/layout.hpp"
#include "web/app/list_detail.hpp"
#include "web/app/plan_source_picker.hpp"
#include "web/app/screens.hpp"
#include "web/app/tornado_chart.hpp"
#include "web/app/widgets.hpp"
#include "web/platform/browser_platform.hpp"
#include "web/platform/items.hpp"

#include <cstdio>
#include <string>
#include <vector>

namespace web {
namespace {

using core::formula_ids::cpe;

std::string money_or_dash(const std::optional<core::Money>& money, core::NumberFormat format) {
    return money ? core::format_money(*money, core::CentsStyle::when_needed, format)
                 : std::string("not defined");
}

// One group's name and influencers (compare_columns.hpp: a table, or a list on phones;
// rows drawn from the roster edit the roster).
void draw_group_editor(App& app, bool plan_a) {
    const core::Scenario& s = app.scenario();
    const core::PlanGroup group = shown_plan(s, plan_a);
    const char* tag = plan_a ? "a" : "b";
    const auto target_group = [&](std::string_view what) -> core::PlanGroup& {
        core::Scenario& edited = app.edit(what);
        return plan_a ? edited.comparison.a : edited.comparison.b;
    };

    draw_plan_source_picker(app, plan_a);
    ui::field_label("Plan name");
    std::string name = (plan_a ? s.comparison.a : s.comparison.b).name;
    char id[64];
    std::snprintf(id, sizeof id, "##plan_%s_name", tag);
    if (ui::text_field(id, &name, {.field = "Plan name", .hint = group.name.c_str()})) {
        target_group("Rename plan").name = name;
    }

    compare::draw_plan_rows(app, plan_a);
}

// `compact` (the compact embed): no title.
void draw_setup(App& app, bool compact) {
    const core::Scenario& s = app.scenario();
    const core::NumberFormat format = s.assumptions.number_format;
    ui::begin_card("##compare_setup", compact ? "" : "What to compare");
    layout::TileGrid grid(220.0f, 3);
    float w = grid.next();
    ImGui::BeginGroup();
    ui::field_label("Budget");
    core::Money budget = s.budget;
    if (ui::money_field("##Budget", &budget, {.field = "Budget", .width = w, .format = format})) {
        app.edit("Edit budget").budget = budget;
    }
    ImGui::EndGroup();
    w = grid.next();
    ImGui::BeginGroup();
    ui::field_label("Compare on");
    const char* metrics[] = {"Engagements", "Targeted engagements", "People reached",
                             "Conversions"};
    int metric = static_cast<int>(s.comparison.metric);
    ImGui::SetNextItemWidth(w);
    if (ui::combo("##Compare on", &metric, metrics, 4)) {
        app.edit("Change metric").comparison.metric = static_cast<core::PlanMetric>(metric);
    }
    ImGui::EndGroup();
    w = grid.next();
    ImGui::BeginGroup();
    ui::field_label("The better plan is the one with");
    const char* judgements[] = {"Lower cost per result", "More results in total"};
    int judgement = static_cast<int>(s.comparison.judgement);
    ImGui::SetNextItemWidth(w);
    if (ui::combo("##Judgement", &judgement, judgements, 2)) {
        app.edit("Change judgement").comparison.judgement = static_cast<core::Judgement>(judgement);
    }
    ImGui::EndGroup();
    ui::end_card();
}

// `compact` (the compact embed): the verdict and the first break-even line only.
void draw_verdict(App& app, bool compact) {
    const Results& r = app.results();
    const Palette& p = palette();
    ui::begin_card("##verdict");
    if (!r.comparison || !r.comparison->ok()) {
        ui::coloured_text(p.bad, r.comparison ? r.comparison->error().message : "Computing...");
        ui::end_card();
        return;
    }
    const core::Comparison& c = r.comparison->value();
    ImGui::PushFont(platform_heading_font());
    ui::paragraph(c.verdict.c_str());
    ImGui::PopFont();
    if (compact) {
        if (!c.break_even_text.empty()) {
            ui::muted_text("Break-even: " + c.break_even_text.front());
        }
        ui::end_card();
        return;
    }
    if (!c.decided_by.empty()) { // the assumption the verdict hangs on (core/drivers.hpp)
        ui::paragraph(c.decided_by);
    }
    for (const std::string& note : c.notes) {
        ui::muted_text(note);
    }
    if (!c.break_even_text.empty()) {
        layout::gap(4);
        ImGui::TextUnformatted("Break-even");
        for (const std::string& line : c.break_even_text) {
            ImGui::Bullet();
            ImGui::SameLine();
            ImGui::BeginGroup();
            ui::paragraph(line);
            ImGui::EndGroup();
        }
        ImGui::Dummy(ImVec2(0, 0));
        ImGui::SetItemTooltip("%s", "How many influencers like plan B's average one, or what price "
                                    "or engagement rate, would make plan B match plan A.");
    }
    if (r.simulation && r.simulation->ok()) {
        const core::PairSimulation& sim = r.simulation->value();
        layout::gap(4);
        const std::string chance = "In " + core::format_count(sim.trials) +
                                   " simulated campaigns, " + c.a.name + " comes out ahead " +
                                   core::format_percent(sim.probability_a_beats_b, 0) +
                                   " of the time, " + c.b.name + " " +
                                   core::format_percent(1.0 - sim.probability_a_beats_b, 0) + ".";
        ui::paragraph(chance.c_str());
        ui::formula_tip(core::formula_ids::probability_a_beats_b);
        ui::muted_text(core::simulation_conditions(app.scenario().assumptions.uncertainty,
                                                   app.scenario().assumptions.number_format));
    }
    ui::end_card();
}

struct SummaryRow {
    const char* label;
    std::string a, b;
    std::string_view formula;
    int better = 0; // 1: a, 2: b, 0: none
};

void draw_summary(App& app) {
    const Results& r = app.results();
    if (!r.comparison || !r.comparison->ok()) {
        return;
    }
    const core::Comparison& c = r.comparison->value();
    const core::NumberFormat format = app.scenario().assumptions.number_format;
    const Palette& p = palette();
    namespace f = core::formula_ids;
    const auto number = [&](double v, int decimals = 0) {
        return core::format_number(v, decimals, format);
    };
    const auto money = [&](const std::optional<core::Money>& m) {
        return money_or_dash(m, format);
    };
    const int winner = c.winner == core::Winner::a ? 1 : c.winner == core::Winner::b ? 2 : 0;
    const std::vector<SummaryRow> rows = {
        {"Influencers booked",
         core::format_count(c.a.influencers, format),
         core::format_count(c.b.influencers, format),
         {},
         0},
        {"Followers",
         core::format_count(c.a.followers, format),
         core::format_count(c.b.followers, format),
         {},
         0},
        {"Engagement rate", core::format_percent(c.a.engagement_rate, 2, format),
         core::format_percent(c.b.engagement_rate, 2, format), f::engagement_rate_followers, 0},
        {"Expected engagements", number(c.a.engagements), number(c.b.engagements),
         f::expected_engagements, c.metric == core::PlanMetric::engagements ? winner : 0},
        {"Targeted engagements", number(c.a.targeted_engagements), number(c.b.targeted_engagements),
         f::targeted_engagements, c.metric == core::PlanMetric::targeted_engagements ? winner : 0},
        {"People reached", number(c.a.estimated_reach), number(c.b.estimated_reach),
         f::unique_reach, c.metric == core::PlanMetric::estimated_reach ? winner : 0},
        {"Clicks", number(c.a.clicks, 1), number(c.b.clicks, 1), f::clicks_from_engagements, 0},
        {"Conversions", number(c.a.conversions, 2), number(c.b.conversions, 2), f::conversions,
         c.metric == core::PlanMetric::conversions ? winner : 0},
        {"Cost", core::format_money(c.a.cost, core::CentsStyle::when_needed, format),
         core::format_money(c.b.cost, core::CentsStyle::when_needed, format), f::campaign_cost, 0},
        {"Cost per engagement", money(c.a.cost_per_engagement), money(c.b.cost_per_engagement),
         f::cpe, 0},
        {"Cost per targeted engagement", money(c.a.cost_per_targeted_engagement),
         money(c.b.cost_per_targeted_engagement), f::cpe, 0},
        {"Cost per conversion", money(c.a.cost_per_conversion), money(c.b.cost_per_conversion),
         f::cost_per_acquisition, 0},
        {"CPM (per 1,000 impressions)", money(c.a.cpm), money(c.b.cpm), f::cpm, 0},
        {"Cost per 1,000 people reached", money(c.a.cost_per_thousand_reached),
         money(c.b.cost_per_thousand_reached), f::cost_per_thousand_reached, 0},
    };
    ui::begin_card("##summary", "Side by side");
    const ImGuiTableFlags flags = ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_RowBg |
                                  ImGuiTableFlags_SizingStretchProp |
                                  ImGuiTableFlags_NoSavedSettings;
    if (ImGui::BeginTable("##side_by_side", 3, flags)) {
        ImGui::TableSetupColumn("Figure", ImGuiTableColumnFlags_WidthStretch, 1.3f);
        ImGui::TableSetupColumn(c.a.name.c_str(), ImGuiTableColumnFlags_WidthStretch, 1.0f);
        ImGui::TableSetupColumn(c.b.name.c_str(), ImGuiTableColumnFlags_WidthStretch, 1.0f);
        ImGui::TableHeadersRow();
        for (const SummaryRow& row : rows) {
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ui::paragraph(row.label); // long names wrap on phones
            ui::formula_tip(row.formula);
            for (int side = 1; side <= 2; ++side) {
                ImGui::TableNextColumn();
                const std::string& text = side == 1 ? row.a : row.b;
                ui::fitted_text(text, 0.0f, row.better == side ? p.good : p.text);
                ui::formula_tip(row.formula);
            }
        }
        ImGui::EndTable();
    }
    ui::end_card();
}

// The expected result of each plan as a bar with its low and high whiskers (the
// chart card's first part, and the compact embed's chart).
void draw_expected_results(App& app, const core::Comparison& c, bool save_button) {
    const Results& r = app.results();
    const core::NumberFormat format = app.scenario().assumptions.number_format;
    const Palette& p = palette();
    const std::string metric = std::string(core::metric_name(c.metric));

    // Low / expected / high of the chosen metric (reach has no spread).
    const auto band_of = [&](const Computed<core::PlanBands>& bands, double expected) {
        core::Band band{expected, expected, expected};
        if (bands && bands->ok()) {
            switch (c.metric) {
            case core::PlanMetric::engagements:
                band = bands->value().engagements;
                break;
            case core::PlanMetric::targeted_engagements:
                band = bands->value().targeted_engagements;
                break;
            case core::PlanMetric::conversions:
                band = bands->value().conversions;
                break;
            case core::PlanMetric::estimated_reach:
                break;
            }
        }
        return band;
    };
    const core::Band a = band_of(r.bands_a, c.a.metric);
    const core::Band b = band_of(r.bands_b, c.b.metric);
    const int decimals = c.metric == core::PlanMetric::conversions ? 1 : 0;
    const std::string a_value = core::format_number(a.expected, decimals, format);
    const std::string b_value = core::format_number(b.expected, decimals, format);
    const auto detail = [&](const core::Band& band, const std::string& name) {
        return name + ": low " + core::format_number(band.low, decimals, format) + ", expected " +
               core::format_number(band.expected, decimals, format) + ", high " +
               core::format_number(band.high, decimals, format) + " " + metric;
    };
    const std::string a_detail = detail(a, c.a.name);
    const std::string b_detail = detail(b, c.b.name);
    const charts::RangeBar bars[] = {
        {c.a.name, a.low, a.expected, a.high, p.series_a, a_value, a_detail},
        {c.b.name, b.low, b.expected, b.high, p.series_b, b_value, b_detail},
    };

    charts::range_bars("Expected results chart", bars);
    ui::formula_tip(core::formula_ids::low_high_range);
    if (save_button) {
        ui::save_chart_button("microreach-expected-results.png");
    }
}

void draw_charts(App& app) {
    const Results& r = app.results();
    if (!r.comparison || !r.comparison->ok()) {
        return;
    }
    const core::Comparison& c = r.comparison->value();
    const core::Scenario& s = app.scenario();
    const core::NumberFormat format = s.assumptions.number_format;
    const Palette& p = palette();
    const std::string metric = std::string(core::metric_name(c.metric));
    const int decimals = c.metric == core::PlanMetric::conversions ? 1 : 0;

    layout::Columns columns("##compare_charts", app.wide());
    columns.next();
    ui::begin_card("##bars_card", ("Expected " + metric).c_str(),
                   "Bars: expected. Whiskers: low and high (every influencer at their 5th or "
                   "95th percentile at once).");
    draw_expected_results(app, c, true);
    // Each plan's spend against the budget.
    layout::gap(4);
    ImGui::TextUnformatted("Spend against the budget");
    const double budget = static_cast<double>(s.budget.cents);
    for (int side = 0; side < 2; ++side) {
        const core::PlanSummary& plan = side == 0 ? c.a : c.b;
        const double cost = static_cast<double>(plan.cost.cents);
        const std::string spent =
            plan.name + ": " +
            core::format_money(plan.cost, core::CentsStyle::when_needed, format) + " of " +
            core::format_money(s.budget, core::CentsStyle::when_needed, format);
        const std::string left =
            plan.within_budget
                ? "Left: " +
                      core::format_money(plan.budget_left, core::CentsStyle::when_needed, format)
                : "Over budget by " +
                      core::format_money(plan.overrun, core::CentsStyle::when_needed, format);
        const charts::Segment segments[] = {
            {plan.name, cost, plan.within_budget ? (side == 0 ? p.series_a : p.series_b) : p.bad,
             spent},
        };
        ui::muted_text(spent + ". " + left + ".");
        char id[48];
        std::snprintf(id, sizeof id, "Budget bar %c", side == 0 ? 'A' : 'B');
        charts::stacked_bar(id, segments, std::max(budget, cost), cost > budget ? budget : -1.0,
                            16.0f);
    }
    ui::end_card();

    columns.next();
    ui::begin_card("##distribution_card", "Simulated outcomes",
                   "Boxes: the middle half of the simulated campaigns; whiskers: 5th to 95th "
                   "percentile; line: median.");
    if (r.simulation && r.simulation->ok() && c.metric != core::PlanMetric::estimated_reach) {
        const core::PairSimulation& sim = r.simulation->value();
        const auto pick = [&](const core::PlanSimulation& plan) -> const core::Percentiles& {
            switch (c.metric) {
            case core::PlanMetric::targeted_engagements:
                return plan.targeted_engagements;
            case core::PlanMetric::conversions:
                return plan.conversions;
            default:
                return plan.engagements;
            }
        };
        const core::Percentiles& pa = pick(sim.a);
        const core::Percentiles& pb = pick(sim.b);
        const auto text = [&](const core::Percentiles& q, const std::string& name) {
            return name + ": 5th percentile " + core::format_number(q.p5, decimals, format) +
                   ", median " + core::format_number(q.p50, decimals, format) + ", 95th " +
                   core::format_number(q.p95, decimals, format) + ", mean " +
                   core::format_number(q.mean, decimals, format);
        };
        const std::string da = text(pa, c.a.name);
        const std::string db = text(pb, c.b.name);
        const charts::Distribution rows[] = {
            {c.a.name, pa.p5, pa.p25, pa.p50, pa.p75, pa.p95, pa.mean, p.series_a, da},
            {c.b.name, pb.p5, pb.p25, pb.p50, pb.p75, pb.p95, pb.mean, p.series_b, db},
        };
        charts::distribution_chart("Simulation chart", rows, metric);
        ui::formula_tip(core::formula_ids::simulation_percentiles);
        ui::save_chart_button("microreach-simulation.png");
        ui::muted_text(
            "Engagement spread " + core::format_number(s.assumptions.uncertainty.sigma, 2, format) +
            " (lognormal sigma), seed " + std::to_string(s.assumptions.uncertainty.seed) +
            ". Change it under "
            "Assumptions.");
    } else if (c.metric == core::PlanMetric::estimated_reach) {
        ui::muted_text("Reach has no spread in this model: it follows followers and the reach "
                       "rate only.");
    } else if (r.simulation) {
        ui::coloured_text(p.bad, r.simulation->error().message);
    }
    ui::end_card();
}

} // namespace

void draw_verdict_view(App& app) {
    draw_verdict(app, true);
    layout::gap(6);
    draw_setup(app, true);
    layout::gap(6);
    const Results& r = app.results();
    if (r.comparison && r.comparison->ok()) {
        const core::Comparison& c = r.comparison->value();
        ui::begin_card("##bars_card",
                       ("Expected " + std::string(core::metric_name(c.metric))).c_str());
        draw_expected_results(app, c, false);
        ui::end_card();
    }
    layout::gap(6);
    // The whole calculator, in a new tab, on this scenario (the plans' influencers are
    // edited there).
    if (ui::primary_button("Open the full calculator")) {
        platform_open_full_calculator(app.persistence().fragment());
    }
    describe_last_item(Role::button, "Open the full calculator with this comparison (new tab)");
}

void draw_compare_screen(App& app) {
    draw_verdict(app, false);
    layout::gap();
    draw_setup(app, false);
    layout::gap();
    draw_same_budget_switch(app);
    layout::gap();
    ui::begin_card("##plan_a", "Plan A", "The big one (or any group of influencers).");
    draw_group_editor(app, true);
    ui::end_card();
    layout::gap();
    ui::begin_card("##plan_b", "Plan B",
                   ui::list_layout(app.width())
                       ? "The many small ones."
                       : "The many small ones. + duplicates a row, x removes it.");
    draw_group_editor(app, false);
    ui::end_card();
    layout::gap();
    draw_charts(app);
    layout::gap();
    draw_drivers_card(app); // web/app/tornado_chart.cpp
    layout::gap();
    draw_summary(app);
}

} // namespace web
