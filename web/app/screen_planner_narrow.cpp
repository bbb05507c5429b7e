// Screen 3, Campaign planner, narrow layout (phones): the roster as a list to pick from
// and an editor for the picked row. The wide table is in screen_planner.cpp.
#include "core/formulas.hpp"
#include "core/numbers.hpp"
#include "imgui.h"
#include "web/app/app.hpp"
#include "web/app/layout.hpp"
#include "web/app/list_detail.hpp"
#include "web/app/planner_parts.hpp"
#include "web/app/screens.hpp"
#include "web/app/widgets.hpp"

#include <algorithm>
#include <cstdio>
#include <string>

namespace web::planner {

// Narrow screens: a tap list (the name and two figures, list_detail.hpp) where a tap
// opens a row, and a row editor below it with every field at a comfortable size.
// The list's columns: the name to tap, then two figures.
constexpr std::size_t compact_columns[] = {column_at("name"), column_at("engagements"),
                                           column_at("cost")};
constexpr float compact_weights[] = {2.0f, 1.1f, 0.9f};

void draw_compact_table(App& app) {
    PlannerView& v = app.ui().planner;
    const Palette& p = palette();
    ui::ListColumn columns[std::size(compact_columns)];
    for (std::size_t k = 0; k < std::size(compact_columns); ++k) {
        columns[k] = {column_header(planner_columns[compact_columns[k]]), compact_weights[k]};
    }
    const auto index_of = [&](std::size_t row) {
        return static_cast<std::size_t>(v.visible[row]);
    };
    ui::tap_list(
        "##roster_compact", "Roster", columns,
        {.count = v.visible.size(),
         .text =
             [&](std::size_t row, std::size_t k) {
                 return row_text(cell_of(app, index_of(row)))[compact_columns[k]];
             },
         .key = [&](std::size_t row) { return app.scenario().roster[index_of(row)].id; },
         // The best plan's rows highlighted, rows with errors in red (as in the wide table).
         .background =
             [&](std::size_t row) {
                 return in_plan(app.ui().optimizer, app.scenario().roster[index_of(row)].id)
                            ? p.accent_soft
                            : 0u;
             },
         .name_colour =
             [&](std::size_t row) { return v.row_error[index_of(row)].empty() ? 0u : p.bad; },
         .shown_rows = 10},
        v.selected_id);
}

// The picked row's editor: every editable column's editor, at a comfortable size.
void draw_row_editor(App& app) {
    PlannerView& v = app.ui().planner;
    const core::Scenario& s = app.scenario();
    const auto found =
        std::find_if(s.roster.begin(), s.roster.end(),
                     [&](const core::Influencer& r) { return r.id == v.selected_id; });
    if (found == s.roster.end()) {
        ui::muted_text("Tap an influencer to edit it.");
        return;
    }
    const std::size_t i = static_cast<std::size_t>(found - s.roster.begin());
    const Cell cell = cell_of(app, i);
    const core::Influencer& row = cell.row;
    const RowText& text = row_text(cell);
    const Palette& p = palette();
    layout::gap(4);
    ImGui::PushStyleColor(ImGuiCol_ChildBg, p.background);
    ui::begin_card("##row_editor", row.name, "Edit this influencer.");
    ImGui::PopStyleColor();
    if (!v.row_error[i].empty()) {
        ui::coloured_text(p.bad, v.row_error[i]);
    }
    layout::TileGrid grid(130.0f, 3);
    for (std::size_t c = 0; c < column_count; ++c) {
        const Column& column = planner_columns[c];
        if (!editable(column)) {
            continue;
        }
        const float width = grid.next();
        ImGui::BeginGroup();
        ui::field_label(column_label(column, &row));
        char id[64];
        std::snprintf(id, sizeof id, "##detail_%.*s", static_cast<int>(column.key.size()),
                      column.key.data());
        draw_editor(column, cell, id, {.width = width, .display = text[c]});
        ImGui::EndGroup();
    }
    ui::muted_text(text[column_at("engagements")] + " engagements, " + text[column_at("reach")] +
                   " reached, cost " + text[column_at("cost")] + ", " + text[column_at("cpe")] +
                   " per engagement.");
    draw_plan_cell(cell);
    ImGui::SameLine();
    if (ImGui::Button("Duplicate")) {
        v.selected_id = duplicate_row(app, i);
    }
    ImGui::SameLine();
    if (ImGui::Button("Delete")) {
        delete_row(app, i);
        v.selected_id = 0;
    }
    ui::end_card();
}

} // namespace web::planner
