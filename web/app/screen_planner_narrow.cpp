// Screen 3, Campaign planner, narrow layout (phones): the roster as a list to pick from
// and an editor for the picked row. The wide table is in screen_planner.cpp.
#include "core/formulas.hpp"
#include "core/numbers.hpp"
#include "imgui.h"
#include "web/app/app.hpp"
#include "web/app/layout.hpp"
#include "web/app/planner_parts.hpp"
#include "web/app/screens.hpp"
#include "web/app/widgets.hpp"

#include <algorithm>
#include <cstdio>
#include <string>

namespace web::planner {

// Narrow screens: a short table (the name and two figures) where a tap selects a row,
// and a row editor below it with every field at a comfortable size.
// The short table's columns: the name to tap, then two figures.
constexpr std::size_t compact_columns[] = {column_at("name"), column_at("engagements"),
                                           column_at("cost")};
constexpr float compact_weights[] = {2.0f, 1.1f, 0.9f};

void draw_compact_table(App& app) {
    PlannerView& v = app.ui().planner;
    const Palette& p = palette();
    const float row_h = ImGui::GetTextLineHeight() + ImGui::GetStyle().CellPadding.y * 2.0f + 8.0f;
    const int shown_rows = std::clamp(static_cast<int>(v.visible.size()), 3, 10);
    const float height = row_h * static_cast<float>(shown_rows + 1) + 6.0f;
    const ImGuiTableFlags flags = ImGuiTableFlags_ScrollY | ImGuiTableFlags_RowBg |
                                  ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_BordersOuter |
                                  ImGuiTableFlags_SizingStretchProp |
                                  ImGuiTableFlags_NoSavedSettings;
    if (!ImGui::BeginTable("##roster_compact", static_cast<int>(std::size(compact_columns)), flags,
                           ImVec2(0, height))) {
        return;
    }
    for (std::size_t k = 0; k < std::size(compact_columns); ++k) {
        ImGui::TableSetupColumn(column_header(planner_columns[compact_columns[k]]),
                                ImGuiTableColumnFlags_WidthStretch, compact_weights[k]);
    }
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableHeadersRow();
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(v.visible.size()), row_h);
    while (clipper.Step()) {
        for (int k = clipper.DisplayStart; k < clipper.DisplayEnd; ++k) {
            const Cell cell =
                cell_of(app, static_cast<std::size_t>(v.visible[static_cast<std::size_t>(k)]));
            const RowText& text = row_text(cell);
            const core::Influencer& row = cell.row;
            ImGui::TableNextRow(ImGuiTableRowFlags_None, row_h);
            if (in_plan(app.ui().optimizer, row.id)) {
                ImGui::TableSetBgColor(ImGuiTableBgTarget_RowBg1, p.accent_soft);
            }
            ImGui::TableNextColumn();
            char label[160];
            std::snprintf(label, sizeof label, "%s##sel_%u", row.name.c_str(), row.id);
            const bool error = !v.row_error[cell.index].empty();
            if (error) {
                ImGui::PushStyleColor(ImGuiCol_Text, p.bad);
            }
            if (ImGui::Selectable(label, v.selected_id == row.id,
                                  ImGuiSelectableFlags_SpanAllColumns, ImVec2(0, row_h - 8.0f))) {
                v.selected_id = v.selected_id == row.id ? 0 : row.id;
            }
            if (error) {
                ImGui::PopStyleColor();
            }
            for (std::size_t c = 1; c < std::size(compact_columns); ++c) {
                ImGui::TableNextColumn();
                ImGui::TextUnformatted(text[compact_columns[c]].c_str());
            }
        }
    }
    ImGui::EndTable();
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
