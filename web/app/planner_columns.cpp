// The planner's columns (planner_columns.hpp): what the table's entries call, and the
// parts both layouts share (cell text, sorting, editors, duplicate and delete).
#include "web/app/planner_columns.hpp"

#include "core/tracking_links.hpp"
#include "imgui.h"
#include "web/app/plan_flow.hpp"
#include "web/app/planner_parts.hpp"
#include "web/app/theme.hpp"
#include "web/app/widgets.hpp"
#include "web/platform/items.hpp"

#include <algorithm>
#include <cctype>
#include <cstdio>

namespace web::planner {

core::Influencer& change(const Cell& cell, const ui::FieldOptions& options) {
    std::string what = "Edit " + std::string(options.field);
    std::transform(what.begin() + 5, what.end(), what.begin() + 5,
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    core::Scenario& edited = cell.app.edit(what);
    return (cell.rows != nullptr ? cell.rows(edited) : edited.roster)[cell.index];
}

std::string_view column_label(const Column& column, const core::Influencer* row) {
    if (row != nullptr && column.row_label != nullptr) {
        return column.row_label(*row);
    }
    return column.label != nullptr ? std::string_view(column.label)
                                   : core::roster_field_name(column.csv);
}

const char* column_header(const Column& column) {
    // Labels are string literals, from this table or from core::roster_field_name.
    return column.header != nullptr ? column.header : column_label(column).data();
}

bool sortable(const Column& column) {
    return column.member != nullptr || column.number_key != nullptr;
}

bool editable(const Column& column) {
    return column.member != nullptr || column.edit != nullptr;
}

bool in_plan(const OptimizerRun& run, std::uint32_t id) {
    return std::binary_search(run.chosen.begin(), run.chosen.end(), id);
}

Cell cell_of(App& app, std::size_t index, RowAction* action) {
    const Results& r = app.results();
    const core::RowMetrics* m = r.campaign && r.campaign->ok() &&
                                        index < r.campaign->value().rows.size() &&
                                        r.campaign->value().rows[index].valid
                                    ? &r.campaign->value().rows[index]
                                    : nullptr;
    const core::Scenario& s = app.scenario();
    return {app, index, s.roster[index], m, s.assumptions.number_format, action};
}

const RowText& row_text(const Cell& cell) {
    PlannerView& v = cell.app.ui().planner;
    RowText& text = v.text[cell.index];
    if (v.text_version[cell.index] != v.version) {
        text.resize(column_count);
        for (std::size_t c = 0; c < column_count; ++c) {
            const Column& column = planner_columns[c];
            text[c] = column.member != nullptr ? cell.row.*column.member
                      : column.text != nullptr ? column.text(cell)
                                               : std::string();
        }
        v.text_version[cell.index] = v.version;
    }
    return text;
}

bool sorts_before(const Column& column, const Cell& a, const Cell& b) {
    if (column.member == nullptr) {
        return column.number_key(a) < column.number_key(b);
    }
    // Text compares without case: "alice" beside "Alice".
    const std::string& x = a.row.*column.member;
    const std::string& y = b.row.*column.member;
    return std::lexicographical_compare(
        x.begin(), x.end(), y.begin(), y.end(),
        [](unsigned char l, unsigned char r) { return std::tolower(l) < std::tolower(r); });
}

void draw_editor(const Column& column, const Cell& cell, const char* id, ui::FieldOptions options) {
    options.field = column_label(column, &cell.row);
    if (column.edit != nullptr) {
        column.edit(cell, id, options);
        return;
    }
    std::string value = cell.row.*column.member;
    if (ui::text_field(id, &value, options)) {
        change(cell, options).*column.member = std::move(value);
    }
}

std::uint32_t duplicate_row(App& app, std::size_t index) {
    core::Scenario& target = app.edit("Duplicate influencer");
    core::Influencer copy = target.roster[index];
    copy.id = core::next_influencer_id(target.roster);
    copy.name += " (copy)";
    target.roster.insert(target.roster.begin() + static_cast<std::ptrdiff_t>(index) + 1, copy);
    app.ui().planner.scroll_to_id = copy.id;
    return copy.id;
}

void delete_row(App& app, std::size_t index) {
    core::Scenario& target = app.edit("Delete influencer");
    const std::uint32_t id = target.roster[index].id;
    target.roster.erase(target.roster.begin() + static_cast<std::ptrdiff_t>(index));
    std::erase(target.optimizer.must_include, id);
    std::erase(target.optimizer.must_exclude, id);
}

// The Plan column: booked or not, and the user's must-have / never rules (plan_column.cpp).
void draw_plan_cell(const Cell& cell) {
    flow::draw_plan_cell(cell.app, cell.row);
}

void draw_row_buttons(const Cell& cell) {
    char id[40];
    std::snprintf(id, sizeof id, "+##dup_%u", cell.row.id);
    if (ui::row_button(id, "Duplicate " + cell.row.name) && cell.action != nullptr) {
        *cell.action = {RowAction::duplicate, cell.index};
    }
    ImGui::SameLine();
    std::snprintf(id, sizeof id, "x##del_%u", cell.row.id);
    if (ui::row_button(id, "Delete " + cell.row.name) && cell.action != nullptr) {
        *cell.action = {RowAction::remove, cell.index};
    }
}

void edit_discount_code(const Cell& cell, const char* id, const ui::FieldOptions& options) {
    std::string typed = cell.row.discount_code;
    if (!ui::text_field(id, &typed, options)) {
        return;
    }
    const std::string code = core::clean_discount_code(typed);
    if (code.empty() && !typed.empty()) {
        ui::set_field_error(id, typed,
                            "Discount code: use letters and digits, starting with a letter, "
                            "such as ANNLEE15.");
        return;
    }
    // The sales import matches on the code: two influencers may not share one.
    for (const core::Influencer& other : cell.app.scenario().roster) {
        if (!code.empty() && other.id != cell.row.id &&
            core::clean_discount_code(other.discount_code) == code) {
            ui::set_field_error(id, typed,
                                "Discount code: " + code + " is " + other.name +
                                    "'s code already; type another.");
            return;
        }
    }
    if (code != cell.row.discount_code) {
        change(cell, options).discount_code = code;
    }
}

} // namespace web::planner
