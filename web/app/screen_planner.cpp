// Screen 3, Campaign planner: the roster as an editable table (add, duplicate, delete,
// inline edit, sort, filter by region or niche, search), per-row and total metrics,
// the budget bar and the optimizer panel.
//
// Built for 1,000 rows and more: the table is a fixed-height scrolling child drawn
// with ImGuiListClipper; cell text is formatted once per change and only for rows
// that are actually shown; sorting and filtering happen on change, never per frame.
#include "core/formulas.hpp"
#include "core/numbers.hpp"
#include "imgui.h"
#include "imgui_internal.h"
#include "web/app/app.hpp"
#include "web/app/charts.hpp"
#include "web/app/layout.hpp"
#include "web/app/list_detail.hpp"
#include "web/app/plan_flow.hpp"
#include "web/app/planner_parts.hpp"
#include "web/app/screens.hpp"
#include "web/app/widgets.hpp"
#include "web/platform/items.hpp"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <string>
#include <vector>

namespace web {

// Shared with the narrow layout (web/app/planner_parts.hpp).
namespace planner {

using ui::money_text;
using ui::optional_money;

// Colours for regions in the budget bar (the accent first).
ImU32 region_colour(int index) {
    const Palette& p = palette();
    static constexpr ImU32 hues[] = {
        IM_COL32(47, 85, 212, 255),  IM_COL32(194, 65, 12, 255), IM_COL32(21, 128, 61, 255),
        IM_COL32(147, 51, 234, 255), IM_COL32(202, 138, 4, 255), IM_COL32(8, 145, 178, 255),
        IM_COL32(190, 24, 93, 255),  IM_COL32(87, 83, 78, 255),
    };
    if (index < 0) {
        return p.muted;
    }
    const ImU32 hue = index == 0 ? p.accent : hues[static_cast<std::size_t>(index) % 8];
    return current_theme() == ThemeKind::dark ? mix(IM_COL32(255, 255, 255, 255), hue, 0.25f) : hue;
}

std::string lowercase(std::string_view text) {
    std::string out(text);
    for (char& c : out) {
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    return out;
}

std::string format_cost(double cents, const void* user) {
    const auto* s = static_cast<const core::Scenario*>(user);
    return ui::money_text(core::Money{static_cast<std::int64_t>(cents), s->budget.currency},
                          s->assumptions.number_format);
}

// Brings the view (filter, sort, distinct regions, errors, budget segments) up to date.
void sync_view(App& app) {
    PlannerView& v = app.ui().planner;
    const core::Scenario& s = app.scenario();
    const Results& r = app.results();
    const bool inputs_changed = v.version != app.version();
    if (!inputs_changed && !v.dirty) {
        return;
    }
    const std::size_t n = s.roster.size();
    const core::CampaignResult* result =
        r.campaign && r.campaign->ok() ? &r.campaign->value() : nullptr;
    const auto metrics = [&](std::size_t i) -> const core::RowMetrics* {
        return result != nullptr && i < result->rows.size() ? &result->rows[i] : nullptr;
    };
    if (inputs_changed) {
        v.text.resize(n);
        v.text_version.assign(n, Results::never);
        v.row_error.assign(n, std::string());
        v.invalid_rows = 0;
        if (result != nullptr) {
            for (const core::RowError& e : result->errors) {
                if (e.row < n && v.row_error[e.row].empty()) {
                    v.row_error[e.row] = e.error.message;
                    ++v.invalid_rows;
                }
            }
        }
        v.regions.clear();
        v.niches.clear();
        for (const core::Influencer& row : s.roster) {
            if (!row.region.empty()) {
                v.regions.push_back(row.region);
            }
            if (!row.niche.empty()) {
                v.niches.push_back(row.niche);
            }
        }
        for (auto* list : {&v.regions, &v.niches}) {
            std::sort(list->begin(), list->end());
            list->erase(std::unique(list->begin(), list->end()), list->end());
        }
        v.region_of_row.assign(n, -1);
        v.budget_segments.clear();
        for (std::size_t i = 0; i < n; ++i) {
            const auto found =
                std::lower_bound(v.regions.begin(), v.regions.end(), s.roster[i].region);
            if (found != v.regions.end() && *found == s.roster[i].region) {
                v.region_of_row[i] = static_cast<int>(found - v.regions.begin());
            }
            const core::RowMetrics* m = metrics(i);
            if (m != nullptr && m->valid && m->cost.cents > 0) {
                v.budget_segments.push_back({s.roster[i].name,
                                             static_cast<double>(m->cost.cents),
                                             region_colour(v.region_of_row[i]),
                                             {}});
            }
        }
    }
    // Filter, then sort.
    const std::string search = lowercase(v.search_buffer);
    v.visible.clear();
    v.visible.reserve(n);
    for (std::size_t i = 0; i < n; ++i) {
        const core::Influencer& row = s.roster[i];
        if (!v.region_filter.empty() && row.region != v.region_filter) {
            continue;
        }
        if (!v.niche_filter.empty() && row.niche != v.niche_filter) {
            continue;
        }
        if (v.only_plan && !in_plan(app.ui().optimizer, row.id)) {
            continue;
        }
        if (!search.empty() && lowercase(row.name).find(search) == std::string::npos) {
            continue;
        }
        v.visible.push_back(static_cast<int>(i));
    }
    if (!v.sort_column.empty()) {
        const auto* column = std::find_if(std::begin(planner_columns), std::end(planner_columns),
                                          [&](const Column& c) { return c.key == v.sort_column; });
        const bool descending = v.sort_descending;
        std::stable_sort(v.visible.begin(), v.visible.end(), [&](int a, int b) {
            const Cell ca = cell_of(app, static_cast<std::size_t>(a));
            const Cell cb = cell_of(app, static_cast<std::size_t>(b));
            return descending ? sorts_before(*column, cb, ca) : sorts_before(*column, ca, cb);
        });
    }
    v.version = app.version();
    v.dirty = false;
}

void draw_totals(App& app) {
    const core::Scenario& s = app.scenario();
    const Results& r = app.results();
    const core::NumberFormat format = s.assumptions.number_format;
    const Palette& p = palette();
    namespace f = core::formula_ids;
    ui::begin_card("##budget_card", "Budget and totals");
    ui::field_label("Budget");
    core::Money budget = s.budget;
    if (ui::money_field("##Planner budget", &budget,
                        {.field = "Budget",
                         .width = std::min(220.0f, ui::available_width()),
                         .format = format})) {
        app.edit("Edit budget").budget = budget;
    }
    if (!r.campaign) {
        ui::end_card();
        return;
    }
    if (!r.campaign->ok()) {
        ui::coloured_text(p.bad, r.campaign->error().message);
        ui::end_card();
        return;
    }
    const core::CampaignTotals& t = r.campaign->value().totals;
    layout::gap(2);
    layout::TileGrid grid(120.0f, 4);
    ui::metric_tile("Booked##total", "Booked", core::format_count(t.booked, format),
                    core::format_count(t.posts, format) + " posts", {}, grid.next());
    ui::metric_tile("Expected engagements##total", "Engagements",
                    core::format_number(t.expected_engagements, 0, format),
                    core::format_number(t.targeted_engagements, 0, format) + " targeted",
                    f::expected_engagements, grid.next());
    ui::metric_tile("People reached##total", "People reached",
                    core::format_number(t.estimated_reach, 0, format),
                    core::format_number(t.impressions, 0, format) + " impressions", f::unique_reach,
                    grid.next());
    ui::metric_tile("Cost##total", "Cost", money_text(t.cost, format),
                    t.cost_per_engagement
                        ? money_text(*t.cost_per_engagement, format) + " per engagement"
                        : std::string("no engagements"),
                    f::cpe, grid.next());
    ui::metric_tile("Conversions##total", "Conversions",
                    core::format_number(t.conversions, 1, format),
                    t.cost_per_conversion ? money_text(*t.cost_per_conversion, format) + " each"
                                          : std::string("none expected"),
                    f::conversions, grid.next());
    flow::revenue_tile(s, t, grid.next());
    ui::metric_tile("CPM##total", "CPM", optional_money(t.cpm, format), "per 1,000 impressions",
                    f::cpm, grid.next());
    ui::metric_tile("Per 1,000 reached##total", "Per 1,000 reached",
                    optional_money(t.cost_per_thousand_reached, format), "people, each once",
                    f::cost_per_thousand_reached, grid.next());
    const bool over = t.overrun.cents > 0;
    ui::metric_tile("Budget left##total", over ? "Over budget" : "Budget left",
                    money_text(over ? t.overrun : t.budget_left, format),
                    t.share_of_budget
                        ? core::format_percent(*t.share_of_budget, 0, format) + " spent"
                        : std::string(),
                    f::budget_left, grid.next(), over ? p.warn : p.good);

    layout::gap(4);
    const PlannerView& v = app.ui().planner;
    const double cost = static_cast<double>(t.cost.cents);
    const double budget_cents = static_cast<double>(s.budget.cents);
    ui::muted_text("Budget allocation by influencer, coloured by region" +
                   std::string(over ? " (the line marks the budget)." : "."));
    charts::stacked_bar("Budget bar", v.budget_segments, std::max(cost, budget_cents),
                        over ? budget_cents : -1.0, 22.0f, format_cost, &s);
    // Legend: the first regions by name.
    const std::size_t shown = std::min<std::size_t>(v.regions.size(), 8);
    for (std::size_t i = 0; i < shown; ++i) {
        const float h = ImGui::GetTextLineHeight();
        if (i > 0) {
            ui::same_line_if_room(h * 0.5f + 8.0f + ImGui::CalcTextSize(v.regions[i].c_str()).x,
                                  14.0f);
        }
        const ImVec2 pos = ImGui::GetCursorScreenPos();
        ImGui::GetWindowDrawList()->AddRectFilled(ImVec2(pos.x, pos.y + h * 0.25f),
                                                  ImVec2(pos.x + h * 0.5f, pos.y + h * 0.75f),
                                                  region_colour(static_cast<int>(i)), 2.0f);
        ImGui::Dummy(ImVec2(h * 0.5f + 4.0f, h));
        ImGui::SameLine(0, 4.0f);
        ui::field_label(v.regions[i]);
    }
    if (v.regions.size() > shown) {
        const std::string more = "and " + std::to_string(v.regions.size() - shown) + " more";
        ui::same_line_if_room(ImGui::CalcTextSize(more.c_str()).x, 14.0f);
        ui::field_label(more);
    }
    ui::end_card();
}

void draw_filters(App& app) {
    PlannerView& v = app.ui().planner;
    const float width = ui::available_width();
    const bool one_line = width > 720.0f;
    const float combo_w = one_line ? 180.0f : (width - ImGui::GetStyle().ItemSpacing.x) * 0.5f;
    const auto filter_combo = [&](const char* id, const char* all, std::string& value,
                                  const std::vector<std::string>& options) {
        ImGui::SetNextItemWidth(combo_w);
        if (ui::begin_combo(id, value.empty() ? all : value.c_str())) {
            if (ImGui::Selectable(all, value.empty())) {
                value.clear();
                v.dirty = true;
            }
            for (const std::string& option : options) {
                if (ImGui::Selectable(option.c_str(), option == value)) {
                    value = option;
                    v.dirty = true;
                }
            }
            ImGui::EndCombo();
        }
    };
    if (ui::primary_button("Add influencer")) {
        const core::Scenario& s = app.scenario();
        const std::uint32_t id = core::next_influencer_id(s.roster);
        const core::BenchmarkSet& set = app.results().benchmark;
        const double rate = core::expected_engagement_rate(set, 1000);
        const auto price = core::price_per_post(s.assumptions.pricing, 1000, rate, std::nullopt);
        core::Influencer row = core::benchmark_influencer(
            set, id, "New influencer " + std::to_string(id), 1000,
            price.ok() ? price.value().price : core::Money::zero(s.budget.currency),
            v.region_filter);
        row.niche = v.niche_filter; // the filter's niche, else none (not the example's)
        app.edit("Add influencer").roster.push_back(row);
        v.scroll_to_id = id;
        v.selected_id = id; // open in the row editor on narrow screens
    }
    flow::draw_clear_roster(app);
    if (one_line) {
        ImGui::SameLine();
    }
    filter_combo("##Region filter", "All regions", v.region_filter, v.regions);
    ImGui::SameLine();
    filter_combo("##Niche filter", "All niches", v.niche_filter, v.niches);
    if (one_line) {
        ImGui::SameLine();
    }
    ImGui::SetNextItemWidth(one_line ? std::max(140.0f, ui::available_width()) : width);
    if (ImGui::InputTextWithHint("##Search", "Search names", v.search_buffer,
                                 sizeof v.search_buffer)) {
        v.dirty = true;
    }
}

// One row of the wide table: every column's cell, from planner_columns.
void draw_row(App& app, std::size_t i, RowAction& action) {
    const PlannerView& v = app.ui().planner;
    const Cell cell = cell_of(app, i, &action);
    const RowText& text = row_text(cell);
    const Palette& p = palette();
    const std::uint32_t row_id = cell.row.id;
    ImGui::TableNextRow(ImGuiTableRowFlags_None, ImGui::GetFrameHeight());
    if (in_plan(app.ui().optimizer, row_id)) {
        const bool stale = app.ui().optimizer.version != app.version();
        ImGui::TableSetBgColor(ImGuiTableBgTarget_RowBg1,
                               stale ? with_alpha(p.accent_soft, 0.5f) : p.accent_soft);
    }
    ImGui::PushID(static_cast<int>(row_id));
    const std::string& error = v.row_error[i];
    for (std::size_t c = 0; c < column_count; ++c) {
        if (!ImGui::TableSetColumnIndex(static_cast<int>(c))) {
            continue;
        }
        const Column& column = planner_columns[c];
        if (column.draw != nullptr) {
            column.draw(cell);
        } else if (editable(column)) {
            // The name carries the row's error: red, the message on hover.
            const bool marked = c == column_at("name") && !error.empty();
            if (marked) {
                ImGui::PushStyleColor(ImGuiCol_Text, p.bad);
            }
            char id[64];
            std::snprintf(id, sizeof id, "##%.*s_%u", static_cast<int>(column.key.size()),
                          column.key.data(), row_id);
            draw_editor(column, cell, id, {.in_table = true, .display = text[c]});
            if (marked) {
                ImGui::PopStyleColor();
                ImGui::SetItemTooltip("%s", error.c_str());
            }
        } else {
            // Same left edge as the text inside the editable cells.
            ImGui::SetCursorPosX(ImGui::GetCursorPosX() + ImGui::GetStyle().FramePadding.x);
            ImGui::AlignTextToFramePadding();
            ImGui::TextUnformatted(text[c].c_str());
        }
    }
    ImGui::PopID();
}

void draw_table(App& app) {
    PlannerView& v = app.ui().planner;
    const core::Scenario& s = app.scenario();
    const float row_h = ImGui::GetFrameHeight() + ImGui::GetStyle().CellPadding.y * 2.0f;
    const int shown_rows = std::clamp(static_cast<int>(v.visible.size()), 3, 14);
    const float height =
        row_h * static_cast<float>(shown_rows + 1) + ImGui::GetStyle().ScrollbarSize + 4.0f;
    const ImGuiTableFlags flags =
        ImGuiTableFlags_ScrollX | ImGuiTableFlags_ScrollY | ImGuiTableFlags_RowBg |
        ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_BordersOuter | ImGuiTableFlags_Sortable |
        ImGuiTableFlags_SortTristate | ImGuiTableFlags_Hideable | ImGuiTableFlags_Resizable |
        ImGuiTableFlags_SizingFixedFit | ImGuiTableFlags_NoSavedSettings;
    RowAction action;
    if (ImGui::BeginTable("##roster", static_cast<int>(column_count), flags, ImVec2(0, height))) {
        for (const Column& column : planner_columns) {
            // The table starts in roster order (DefaultSort only marks the first sort).
            ImGuiTableColumnFlags column_flags = column.flags & ~ImGuiTableColumnFlags_DefaultSort;
            if (!sortable(column)) {
                column_flags |= ImGuiTableColumnFlags_NoSort;
            }
            ImGui::TableSetupColumn(column_header(column), column_flags, column.width);
        }
        ImGui::TableSetupScrollFreeze(static_cast<int>(column_at("actions")) + 1, 1);
        // Headers, with the formula on hover.
        ImGui::TableNextRow(ImGuiTableRowFlags_Headers);
        for (std::size_t c = 0; c < column_count; ++c) {
            if (ImGui::TableSetColumnIndex(static_cast<int>(c))) {
                ui::table_header(ImGui::TableGetColumnName(static_cast<int>(c)));
                ui::formula_tip(planner_columns[c].formula);
            }
        }
        if (ImGuiTableSortSpecs* sort = ImGui::TableGetSortSpecs(); sort && sort->SpecsDirty) {
            v.sort_column = {};
            if (sort->SpecsCount > 0) {
                v.sort_column = planner_columns[sort->Specs[0].ColumnIndex].key;
                v.sort_descending = sort->Specs[0].SortDirection == ImGuiSortDirection_Descending;
            }
            v.dirty = true;
            sort->SpecsDirty = false;
        }
        if (v.scroll_to_id != 0) {
            for (std::size_t k = 0; k < v.visible.size(); ++k) {
                if (s.roster[static_cast<std::size_t>(v.visible[k])].id == v.scroll_to_id) {
                    ImGui::SetScrollY(std::max(0.0f, row_h * static_cast<float>(k) - row_h * 2.0f));
                    v.scroll_to_id = 0;
                    break;
                }
            }
        }
        ImGuiListClipper clipper;
        clipper.Begin(static_cast<int>(v.visible.size()), row_h);
        while (clipper.Step()) {
            for (int k = clipper.DisplayStart; k < clipper.DisplayEnd; ++k) {
                draw_row(app, static_cast<std::size_t>(v.visible[static_cast<std::size_t>(k)]),
                         action);
            }
        }
        ImGui::EndTable();
    }
    // Structural edits after the loop: the rows it drew are still where it left them.
    if (action.kind == RowAction::duplicate) {
        duplicate_row(app, action.index);
    } else if (action.kind == RowAction::remove) {
        delete_row(app, action.index);
    }
}

void draw_roster(App& app) {
    const PlannerView& v = app.ui().planner;
    const core::Scenario& s = app.scenario();
    const bool compact = ui::list_layout(app.width());
    ui::begin_card("##roster_card", "Roster",
                   compact ? "Tap an influencer to edit it."
                           : "Edit any cell: click, type, Enter. Sort by a column header; "
                             "right-click a header to show more columns.");
    draw_filters(app);
    const std::size_t invalid = v.invalid_rows;
    std::string count =
        "Showing " + core::format_count(static_cast<std::int64_t>(v.visible.size())) + " of " +
        core::format_count(static_cast<std::int64_t>(s.roster.size())) + " influencers";
    if (invalid > 0) {
        count += "; " + std::to_string(invalid) + " with errors (in red)";
    }
    ui::muted_text(count + ".");
    flow::draw_plan_legend();
    if (compact) {
        draw_compact_table(app);
        draw_row_editor(app);
    } else {
        draw_table(app);
    }
    ui::end_card();
}

} // namespace planner

void draw_planner_screen(App& app) {
    using namespace planner;
    sync_view(app);
    {
        layout::Columns columns("##planner_top", app.wide(), 0.58f);
        columns.next();
        draw_totals(app);
        columns.next();
        draw_optimizer_panel(app);
    }
    layout::gap();
    draw_roster(app);
}

} // namespace web
