// The campaign planner's parts shared between its files: planner_columns.cpp (the
// columns and what both layouts do with them), screen_planner.cpp (the wide table,
// filters, totals) and screen_planner_narrow.cpp (the phone list and row editor).
#pragma once

#include "web/app/planner_columns.hpp"

#include <cstdint>

namespace web::planner {

// Whether the optimizer's last plan hires this influencer.
bool in_plan(const OptimizerRun& run, std::uint32_t id);
// Row `index` of the roster as the columns see it.
Cell cell_of(App& app, std::size_t index, RowAction* action = nullptr);
// The row's cell texts, made when the row is first shown after a change.
const RowText& row_text(const Cell& cell);
// Whether a sorts before b in this column (ascending).
bool sorts_before(const Column& column, const Cell& a, const Cell& b);
// The column's editor for the row: `options` gives the place (width, in a table).
void draw_editor(const Column& column, const Cell& cell, const char* id, ui::FieldOptions options);
// The row buttons' work, for both layouts. Duplicate returns the copy's id.
std::uint32_t duplicate_row(App& app, std::size_t index);
void delete_row(App& app, std::size_t index);
// The narrow layout: a list to pick from and an editor for the picked row.
void draw_compact_table(App& app);
void draw_row_editor(App& app);

} // namespace web::planner
