// Screen 4, Results: what each influencer's posts actually did (typed in per post),
// the ranking by any measure, actual against expected, adopting the actuals as the
// roster's new expectations, and the plain-text report of the whole plan.
#include "core/example_figures.hpp"
#include "core/formulas.hpp"
#include "core/numbers.hpp"
#include "core/report.hpp"
#include "imgui.h"
#include "web/app/app.hpp"
#include "web/app/layout.hpp"
#include "web/app/plan_flow.hpp"
#include "web/app/results_files.hpp"
#include "web/app/screens.hpp"
#include "web/app/widgets.hpp"
#include "web/platform/page_services.hpp"

#include <algorithm>
#include <cstdio>
#include <string>

namespace web {
namespace {

using ui::money_text;
using ui::optional_money;

const core::Influencer* find_influencer(const core::Scenario& s, std::uint32_t id) {
    for (const core::Influencer& row : s.roster) {
        if (row.id == id) {
            return &row;
        }
    }
    return nullptr;
}

void draw_settings(App& app) {
    const core::Scenario& s = app.scenario();
    const core::NumberFormat format = s.assumptions.number_format;
    ui::field_label("Interactions that count");
    core::CountedInteractions counted = s.tracking.counted;
    bool changed = ImGui::Checkbox("Likes##tracking", &counted.likes);
    ui::same_line_if_fits("Comments##tracking");
    changed |= ImGui::Checkbox("Comments##tracking", &counted.comments);
    ui::same_line_if_fits("Shares##tracking");
    changed |= ImGui::Checkbox("Shares##tracking", &counted.shares);
    ui::same_line_if_fits("Saves##tracking");
    changed |= ImGui::Checkbox("Saves##tracking", &counted.saves);
    if (changed) {
        app.edit("Change counted interactions").tracking.counted = counted;
    }
    int averaging = s.tracking.averaging == core::Averaging::mean ? 0 : 1;
    ImGui::AlignTextToFramePadding();
    ui::field_label("Per influencer:");
    ui::same_line_if_fits("Mean##tracking");
    if (ImGui::RadioButton("Mean##tracking", averaging == 0) && averaging != 0) {
        app.edit("Average by mean").tracking.averaging = core::Averaging::mean;
    }
    ui::same_line_if_fits("Median##tracking");
    if (ImGui::RadioButton("Median##tracking", averaging == 1) && averaging != 1) {
        app.edit("Average by median").tracking.averaging = core::Averaging::median;
    }
    (void)format;
}

void draw_posts(App& app) {
    const core::Scenario& s = app.scenario();
    const core::NumberFormat format = s.assumptions.number_format;
    const Palette& p = palette();
    ui::begin_card("##tracked_posts", "Tracked posts",
                   "One row per published post: what it got. Type the numbers from the "
                   "platform's statistics and your shop.");
    draw_settings(app);
    const Results& r = app.results();
    std::size_t remove = s.actuals.size();
    if (!s.actuals.empty()) {
        const ImGuiTableFlags flags = ImGuiTableFlags_ScrollX | ImGuiTableFlags_BordersInnerH |
                                      ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingFixedFit |
                                      ImGuiTableFlags_NoSavedSettings;
        const float row_h = ImGui::GetFrameHeight() + ImGui::GetStyle().CellPadding.y * 2;
        const int shown = std::min(static_cast<int>(s.actuals.size()), 12);
        const bool scroll = s.actuals.size() > 12;
        const float height =
            row_h * static_cast<float>(shown + 1) + ImGui::GetStyle().ScrollbarSize + 6.0f;
        if (ImGui::BeginTable("##actuals", 9, flags | (scroll ? ImGuiTableFlags_ScrollY : 0),
                              ImVec2(0, height))) {
            ImGui::TableSetupColumn("Influencer", 0, 190.0f);
            const char* names[] = {"Likes", "Comments", "Shares", "Saves", "Clicks", "Sales"};
            for (const char* name : names) {
                ImGui::TableSetupColumn(name, 0, 78.0f);
            }
            ImGui::TableSetupColumn("Revenue", 0, 90.0f);
            ImGui::TableSetupColumn("##remove", 0, 28.0f);
            ImGui::TableSetupScrollFreeze(1, 1);
            ImGui::TableHeadersRow();
            ImGuiListClipper clipper;
            clipper.Begin(static_cast<int>(s.actuals.size()), row_h);
            while (clipper.Step()) {
                for (int k = clipper.DisplayStart; k < clipper.DisplayEnd; ++k) {
                    const auto i = static_cast<std::size_t>(k);
                    const core::ActualResult& actual = s.actuals[i];
                    ImGui::PushID(k);
                    ImGui::TableNextRow();
                    ImGui::TableNextColumn();
                    const core::Influencer* who = find_influencer(s, actual.influencer_id);
                    ImGui::SetNextItemWidth(-FLT_MIN);
                    char id[48];
                    std::snprintf(id, sizeof id, "##actual_who_%d", k + 1);
                    if (ui::begin_combo(id, who != nullptr ? who->name.c_str() : "(unknown)")) {
                        for (const core::Influencer& row : s.roster) {
                            ImGui::PushID(static_cast<int>(row.id));
                            if (ImGui::Selectable(row.name.c_str(),
                                                  row.id == actual.influencer_id)) {
                                app.edit("Change tracked influencer").actuals[i].influencer_id =
                                    row.id;
                            }
                            ImGui::PopID();
                        }
                        ImGui::EndCombo();
                    }
                    const std::int64_t* values[] = {&actual.likes,  &actual.comments,
                                                    &actual.shares, &actual.saves,
                                                    &actual.clicks, &actual.conversions};
                    for (int c = 0; c < 6; ++c) {
                        ImGui::TableNextColumn();
                        std::snprintf(id, sizeof id, "##actual_%s_%d", names[c], k + 1);
                        std::int64_t value = *values[c];
                        if (ui::count_field(
                                id, &value, 0, core::max_post_count,
                                {.field = names[c], .format = format, .in_table = true})) {
                            core::ActualResult& target = app.edit("Edit tracked post").actuals[i];
                            std::int64_t* fields[] = {&target.likes,  &target.comments,
                                                      &target.shares, &target.saves,
                                                      &target.clicks, &target.conversions};
                            *fields[c] = value;
                        }
                    }
                    ImGui::TableNextColumn();
                    core::Money revenue = actual.revenue;
                    std::snprintf(id, sizeof id, "##actual_revenue_%d", k + 1);
                    if (ui::money_field(id, &revenue,
                                        {.field = "Revenue", .format = format, .in_table = true})) {
                        app.edit("Edit tracked post").actuals[i].revenue = revenue;
                    }
                    ImGui::TableNextColumn();
                    if (ui::row_button("x", "Remove tracked post " + std::to_string(i + 1))) {
                        remove = i;
                    }
                    ImGui::PopID();
                }
            }
            ImGui::EndTable();
        }
    } else {
        ui::muted_text("No results tracked yet. Add a row for each post as the numbers come in.");
    }
    if (remove < s.actuals.size()) {
        auto& actuals = app.edit("Remove tracked post").actuals;
        actuals.erase(actuals.begin() + static_cast<std::ptrdiff_t>(remove));
    }
    if (r.tracking && r.tracking->ok()) {
        for (const core::RowError& e : r.tracking->value().errors) {
            ui::coloured_text(p.bad, e.error.message);
        }
    }
    if (!s.roster.empty() && ImGui::Button("Add a tracked post")) {
        // The next influencer in roster order without a tracked post, else the first.
        std::uint32_t id = s.roster.front().id;
        for (const core::Influencer& row : s.roster) {
            const bool tracked =
                std::any_of(s.actuals.begin(), s.actuals.end(),
                            [&](const core::ActualResult& a) { return a.influencer_id == row.id; });
            if (!tracked) {
                id = row.id;
                break;
            }
        }
        core::ActualResult actual;
        actual.influencer_id = id;
        actual.revenue = core::Money::zero(s.budget.currency);
        app.edit("Add tracked post").actuals.push_back(actual);
    }
    ui::end_card();
}

void draw_ranking(App& app) {
    const core::Scenario& s = app.scenario();
    const core::NumberFormat format = s.assumptions.number_format;
    const Results& r = app.results();
    const Palette& p = palette();
    ui::begin_card("##ranking", "Who delivered",
                   "Actual results per influencer, best first, against what the plan expected.");
    if (!r.tracking) {
        ui::end_card();
        return;
    }
    // Like with like: "against expected" counts what the benchmark counts.
    const core::BenchmarkSet& benchmark = core::active_benchmark_set(s);
    const std::string expected_basis = core::counted_label(core::counts_of(benchmark));
    ui::muted_text("Against expected counts " + expected_basis + ", as the expected rates from " +
                   benchmark.name + " do.");
    if (!r.tracking->ok()) {
        ui::coloured_text(p.bad, r.tracking->error().message);
        ui::end_card();
        return;
    }
    const core::TrackingResult& t = r.tracking->value();
    if (t.influencers.empty()) {
        ui::muted_text("Nothing to rank yet.");
        ui::end_card();
        return;
    }
    int& metric = app.ui().ranking_metric;
    const char* metrics[] = {"Engagement rate",
                             "Interactions per post",
                             "Actual against expected",
                             "Cost per engagement",
                             "Cost per click",
                             "Cost per acquisition",
                             "ROI",
                             "Revenue",
                             "Clicks",
                             "Conversions"};
    ImGui::AlignTextToFramePadding();
    ui::field_label("Rank by");
    ImGui::SameLine();
    ImGui::SetNextItemWidth(std::min(240.0f, ui::available_width()));
    ui::combo("##Rank by", &metric, metrics, 10);
    const auto order = core::rank_influencers(t, static_cast<core::TrackingMetric>(metric));

    const core::TrackingTotals& totals = t.totals;
    layout::TileGrid grid(140.0f, 4);
    namespace f = core::formula_ids;
    ui::metric_tile(
        "Tracked posts##tracking", "Tracked posts", core::format_count(totals.posts, format),
        core::format_count(totals.influencers, format) + " influencers", {}, grid.next());
    // Posts nobody has filled in yet say nothing: no ratio, no -100% (core/example_figures.hpp).
    const bool numbers = core::has_tracked_numbers(totals);
    const auto against = numbers ? totals.actual_vs_expected : std::nullopt;
    const auto roi = core::told_roi(totals);
    ui::metric_tile("Against expected##tracking", "Against expected",
                    against ? core::format_percent(*against, 0, format) : std::string("-"),
                    core::format_count(totals.interactions, format) + " interactions",
                    f::actual_engagement_rate, grid.next(),
                    against ? (*against < 1.0 ? p.bad : p.good) : 0);
    ui::metric_tile("Actual CPE##tracking", "Cost per engagement",
                    optional_money(totals.cost_per_engagement, format),
                    money_text(totals.cost, format) + " spent", f::cpe, grid.next());
    ui::metric_tile("Actual ROI##tracking", "ROI",
                    roi ? core::format_percent(*roi, 0, format) : std::string("-"),
                    roi ? money_text(totals.revenue, format) + " revenue"
                        : std::string("enter revenue to see ROI"),
                    f::actual_roi, grid.next(), roi ? (*roi < 0 ? p.bad : p.good) : 0);

    const ImGuiTableFlags flags = ImGuiTableFlags_ScrollX | ImGuiTableFlags_BordersInnerH |
                                  ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingFixedFit |
                                  ImGuiTableFlags_NoSavedSettings;
    const float row_h = ImGui::GetTextLineHeightWithSpacing() + ImGui::GetStyle().CellPadding.y * 2;
    const float height =
        row_h * static_cast<float>(order.size() + 1) + ImGui::GetStyle().ScrollbarSize + 6.0f;
    if (ImGui::BeginTable("##ranking_table", 11, flags, ImVec2(0, height + row_h))) {
        const char* columns[] = {"#",    "Influencer",  "Posts",    "Per post",
                                 "Rate", "Vs expected", "CPE",      "CPC",
                                 "CPA",  "ROI",         "Beat plan"};
        const float widths[] = {28, 190, 50, 80, 70, 96, 74, 74, 84, 70, 80};
        for (int c = 0; c < 11; ++c) {
            ImGui::TableSetupColumn(columns[c], 0, widths[c]);
        }
        ImGui::TableSetupScrollFreeze(2, 1);
        ImGui::TableHeadersRow();
        int rank = 0;
        for (const std::size_t index : order) {
            const core::InfluencerActuals& a = t.influencers[index];
            const core::Influencer* who = find_influencer(s, a.id);
            const bool filled = core::has_tracked_numbers(a);
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::Text("%d", ++rank);
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(who != nullptr ? who->name.c_str() : "?");
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(core::format_count(a.posts, format).c_str());
            ImGui::TableNextColumn();
            // Sales and visits alone are no post: nothing per post to show.
            const bool per_post = filled && a.posts > 0;
            ImGui::TextUnformatted(
                per_post ? core::format_number(a.interactions_per_post, 0, format).c_str() : "-");
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(
                per_post ? core::format_percent(a.engagement_rate, 1, format).c_str() : "-");
            ui::formula_tip(f::actual_engagement_rate);
            ImGui::TableNextColumn();
            if (a.actual_vs_expected && filled) {
                ImGui::PushStyleColor(ImGuiCol_Text, *a.actual_vs_expected < 1.0 ? p.bad : p.good);
                ImGui::TextUnformatted(
                    core::format_percent(*a.actual_vs_expected, 0, format).c_str());
                ImGui::PopStyleColor();
                ImGui::SetItemTooltip("%s %s per post against %s expected",
                                      core::format_number(a.comparable_per_post, 0, format).c_str(),
                                      expected_basis.c_str(),
                                      core::format_number(a.expected_per_post, 0, format).c_str());
            } else {
                ImGui::TextUnformatted("-");
            }
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(optional_money(a.cost_per_engagement, format).c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(optional_money(a.cost_per_click, format).c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(optional_money(a.cost_per_acquisition, format).c_str());
            ImGui::TableNextColumn();
            const auto row_roi = core::told_roi(a);
            ImGui::TextUnformatted(row_roi ? core::format_percent(*row_roi, 0, format).c_str()
                                           : "-");
            ImGui::TableNextColumn();
            if (a.beat_plan && filled) {
                ui::coloured_text(p.good, "beat it");
            }
        }
        // The whole campaign, rates total over total (core/tracking.hpp).
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::TableNextColumn();
        ImGui::TextUnformatted("Total");
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(core::format_count(totals.posts, format).c_str());
        ImGui::TableNextColumn();
        ImGui::TableNextColumn();
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(against ? core::format_percent(*against, 0, format).c_str() : "-");
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(optional_money(totals.cost_per_engagement, format).c_str());
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(optional_money(totals.cost_per_click, format).c_str());
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(optional_money(totals.cost_per_acquisition, format).c_str());
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(roi ? core::format_percent(*roi, 0, format).c_str() : "-");
        ImGui::TableNextColumn();
        ImGui::TextUnformatted((core::format_count(totals.beat_plan, format) + " of " +
                                core::format_count(totals.influencers, format))
                                   .c_str());
        ImGui::EndTable();
    }

    // Adopting actuals: the roster's expectations move toward what was measured, by the
    // weight of the tracked posts (core::adopt_actuals).
    const int min_posts = s.tracking.adopt_min_posts;
    if (ui::primary_button("Adopt actuals as expectations")) {
        core::AdoptedRoster adopted = core::adopt_actuals(s.roster, t, std::max(1, min_posts));
        core::Scenario next = s;
        next.roster = std::move(adopted.roster);
        app.replace_scenario(std::move(next), "Adopt actuals");
        app.ui().status = "Adopted actuals for " + std::to_string(adopted.changed_ids.size()) +
                          " influencers: each expectation moved toward what they delivered by "
                          "n / (n + 12) for n tracked posts.";
    }
    ImGui::SameLine();
    ImGui::AlignTextToFramePadding();
    ui::field_label("after at least");
    ImGui::SameLine();
    int posts = min_posts;
    if (ui::int_field("##Adopt after posts", &posts, 1, 1000,
                      {.field = "Posts before adopting", .width = 56.0f, .format = format})) {
        app.edit("Edit posts before adopting").tracking.adopt_min_posts = posts;
    }
    ImGui::SameLine();
    ui::field_label("posts");
    ui::muted_text("One post says little: each expectation moves toward what was measured by "
                   "n / (n + 12) for n tracked posts (one post 1/13 of the way, 12 posts half "
                   "way).");
    ui::end_card();
}

void draw_report(App& app) {
    ui::begin_card("##report", "The plan as text",
                   "For an e-mail or a document: every figure with the formula behind it.");
    if (ImGui::Button("Copy the report")) {
        const std::string report = flow::report(app);
        ImGui::SetClipboardText(report.c_str());
        page_copy_text(report);
        app.ui().status = "The report is on the clipboard.";
    }
    ui::end_card();
}

} // namespace

void draw_results_screen(App& app) {
    draw_tracking_setup(app); // links and codes out, files in (web/app/results_files.hpp)
    layout::gap();
    draw_results_import(app);
    layout::gap();
    draw_posts(app);
    layout::gap();
    draw_ranking(app);
    layout::gap();
    draw_report(app);
}

} // namespace web
