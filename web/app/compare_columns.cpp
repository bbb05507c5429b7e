// The comparison's plan tables and their phone layout (compare_columns.hpp).
#include "web/app/compare_columns.hpp"

#include "imgui.h"
#include "web/app/list_detail.hpp"
#include "web/app/plan_source_picker.hpp"
#include "web/app/planner_parts.hpp"
#include "web/app/widgets.hpp"
#include "web/platform/items.hpp"

#include <algorithm>
#include <cstdio>
#include <string>
#include <vector>

namespace web::compare {
namespace {

using planner::Cell;
using planner::Column;
using planner::column_at;
using planner::planner_columns;

// The planner's columns a plan's row shows, in order (the table's and the detail's):
// what it costs and earns, then the drivers that decide "one big or many small" (issue 15:
// audience quality, trust as a conversion multiplier, the row's own overhead).
constexpr std::size_t plan_columns[] = {
    column_at("name"),         column_at("followers"),  column_at("engagement"),
    column_at("price"),        column_at("posts"),      column_at("fit"),
    column_at("authenticity"), column_at("conversion"), column_at("overhead")};
// The phone list: the name, then the two figures that tell influencers apart.
constexpr std::size_t list_columns[] = {column_at("name"), column_at("followers"),
                                        column_at("price")};
constexpr float list_weights[] = {1.6f, 1.0f, 0.9f};

std::vector<core::Influencer>& plan_a_rows(core::Scenario& s) {
    return s.comparison.a.influencers;
}
std::vector<core::Influencer>& plan_b_rows(core::Scenario& s) {
    return s.comparison.b.influencers;
}

// One plan as its rows' cells see it: the rows it shows (a roster rule's or pick's
// rows, a typical influencer fitted to the budget, or rows entered on this screen), and
// where an edit of each goes (plan_source_picker.hpp).
struct Plan {
    App& app;
    bool a;
    core::PlanGroup group; // as shown
    bool from_roster;      // rows are roster rows: edits go to the roster
    bool entered;          // rows entered on this screen: they can be duplicated and removed

    [[nodiscard]] const char* tag() const { return a ? "a" : "b"; }
    [[nodiscard]] const char* table_name() const {
        return a ? "Plan A influencers" : "Plan B influencers";
    }
    [[nodiscard]] Cell cell(std::size_t index) const {
        const core::Scenario& s = app.scenario();
        const core::Influencer& row = group.influencers[index];
        std::size_t target = entered ? index : 0; // a typical plan: its one influencer
        const auto in_roster =
            std::find_if(s.roster.begin(), s.roster.end(),
                         [&](const core::Influencer& r) { return r.id == row.id; });
        // A rule that found nothing shows the plan as entered: edits go there.
        const bool roster_row = from_roster && in_roster != s.roster.end();
        if (roster_row) {
            target = static_cast<std::size_t>(in_roster - s.roster.begin());
        } else if (from_roster) {
            target = index;
        }
        return {app,
                target,
                row,
                nullptr,
                s.assumptions.number_format,
                nullptr,
                roster_row ? nullptr : (a ? plan_a_rows : plan_b_rows)};
    }
    [[nodiscard]] bool removable() const { return entered && group.influencers.size() > 1; }
    // The row buttons' work. Duplicate returns the copy's id.
    std::uint32_t duplicate(std::size_t index) const {
        std::vector<core::Influencer>& rows =
            (a ? plan_a_rows : plan_b_rows)(app.edit("Duplicate influencer"));
        core::Influencer copy = rows[index];
        copy.id = core::next_influencer_id(rows);
        rows.insert(rows.begin() + static_cast<std::ptrdiff_t>(index) + 1, copy);
        return copy.id;
    }
    void remove(std::size_t index) const {
        std::vector<core::Influencer>& rows =
            (a ? plan_a_rows : plan_b_rows)(app.edit("Remove influencer"));
        rows.erase(rows.begin() + static_cast<std::ptrdiff_t>(index));
    }
};

std::string cell_text(const Column& column, const Cell& cell) {
    return column.member != nullptr ? cell.row.*column.member : column.text(cell);
}

// Wide screens: every field of every row, editable in place.
void draw_table(const Plan& plan) {
    const ImGuiTableFlags flags = ImGuiTableFlags_SizingFixedFit | ImGuiTableFlags_BordersInnerH |
                                  ImGuiTableFlags_ScrollX | ImGuiTableFlags_NoSavedSettings;
    const std::size_t rows = plan.group.influencers.size();
    const float row_h = ImGui::GetFrameHeight() + ImGui::GetStyle().CellPadding.y * 2;
    const float height =
        row_h * static_cast<float>(rows + 1) + ImGui::GetStyle().ScrollbarSize + 4.0f;
    std::size_t remove = rows;
    std::size_t duplicate = rows;
    char id[64];
    std::snprintf(id, sizeof id, "##plan_%s_table", plan.tag());
    if (ImGui::BeginTable(id, static_cast<int>(std::size(plan_columns)) + 1, flags,
                          ImVec2(0, height))) {
        for (const std::size_t c : plan_columns) {
            const Column& column = planner_columns[c];
            ImGui::TableSetupColumn(planner::column_header(column),
                                    ImGuiTableColumnFlags_WidthFixed, column.width);
        }
        ImGui::TableSetupColumn("##actions", ImGuiTableColumnFlags_WidthFixed, 56.0f);
        ImGui::TableSetupScrollFreeze(1, 1);
        ImGui::TableHeadersRow();
        label_table(plan.table_name());
        for (std::size_t i = 0; i < rows; ++i) {
            const Cell cell = plan.cell(i);
            ImGui::PushID(static_cast<int>(cell.row.id));
            ImGui::TableNextRow();
            for (const std::size_t c : plan_columns) {
                const Column& column = planner_columns[c];
                ImGui::TableNextColumn();
                std::snprintf(id, sizeof id, "##%s_%.*s_%u", plan.tag(),
                              static_cast<int>(column.key.size()), column.key.data(), cell.row.id);
                planner::draw_editor(column, cell, id, {.format = cell.format, .in_table = true});
            }
            ImGui::TableNextColumn();
            if (plan.entered && ui::row_button("+", "Duplicate " + cell.row.name)) {
                duplicate = i;
            }
            ImGui::SameLine();
            if (plan.removable() && ui::row_button("x", "Remove " + cell.row.name)) {
                remove = i;
            }
            ImGui::PopID();
        }
        ImGui::EndTable();
    }
    // Structural edits after the loop: the rows it drew are still where it left them.
    if (duplicate < rows) {
        plan.duplicate(duplicate);
    } else if (remove < rows) {
        plan.remove(remove);
    }
}

// Phones: the list, and the tapped row's detail under it.
void draw_list_and_detail(const Plan& plan) {
    char list_id[32];
    std::snprintf(list_id, sizeof list_id, "##plan_%s_list", plan.tag());
    ui::ListColumn columns[std::size(list_columns)];
    for (std::size_t k = 0; k < std::size(list_columns); ++k) {
        columns[k] = {planner::column_header(planner_columns[list_columns[k]]), list_weights[k]};
    }
    ui::StoredOpenRow open(list_id);
    ui::tap_list(list_id, plan.table_name(), columns,
                 {.count = plan.group.influencers.size(),
                  .text =
                      [&](std::size_t row, std::size_t k) {
                          return cell_text(planner_columns[list_columns[k]], plan.cell(row));
                      },
                  .key =
                      [&](std::size_t row) {
                          return plan.group.influencers[row].id;
                      }},
                 open.key);
    std::size_t index = plan.group.influencers.size();
    for (std::size_t i = 0; i < plan.group.influencers.size(); ++i) {
        if (plan.group.influencers[i].id == open.key) {
            index = i;
        }
    }
    if (index == plan.group.influencers.size()) {
        ui::muted_text("Tap an influencer to see and edit every field.");
        return;
    }
    const Cell cell = plan.cell(index);
    const std::string name = cell.row.name; // the buttons below may move the row
    char id[64];
    std::snprintf(id, sizeof id, "##plan_%s_detail", plan.tag());
    ui::begin_detail(id, name, "Edit this influencer.");
    for (const std::size_t c : plan_columns) {
        const Column& column = planner_columns[c];
        const float width = ui::detail_field(planner::column_label(column, &cell.row));
        std::snprintf(id, sizeof id, "##%s_detail_%.*s", plan.tag(),
                      static_cast<int>(column.key.size()), column.key.data());
        planner::draw_editor(column, cell, id, {.width = width, .format = cell.format});
        ui::end_detail_field();
    }
    // The row buttons, named in words here (the wide table's "+" and "x").
    if (plan.entered) {
        if (ImGui::Button("Duplicate")) {
            open.key = plan.duplicate(index);
        }
        describe_last_item(Role::button, "Duplicate " + name);
    }
    if (plan.removable()) {
        ImGui::SameLine();
        if (ImGui::Button("Remove")) {
            plan.remove(index);
            open.key = 0;
        }
        describe_last_item(Role::button, "Remove " + name);
    }
    ui::end_detail();
}

} // namespace

void draw_plan_rows(App& app, bool plan_a) {
    const core::Scenario& s = app.scenario();
    const bool from_roster = plan_from_roster(s, plan_a);
    const bool entered =
        (plan_a ? s.plan_sources.a : s.plan_sources.b).kind == core::PlanSourceKind::entered;
    const Plan plan{app, plan_a, shown_plan(s, plan_a), from_roster, entered && !from_roster};
    if (ui::list_layout(app.width())) {
        draw_list_and_detail(plan);
    } else {
        draw_table(plan);
    }
}

} // namespace web::compare
