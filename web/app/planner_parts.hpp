// The campaign planner's parts shared between its files: screen_planner.cpp (the wide
// table, filters, totals) and screen_planner_narrow.cpp (the phone list and row editor).
#pragma once

#include "core/campaign.hpp"
#include "core/numbers.hpp"
#include "web/app/app.hpp"

#include <cstdint>

namespace web::planner {

// Cell text of one row, made when the row is first shown after a change.
void format_row(const core::Influencer& row, const core::RowMetrics* m, core::NumberFormat format,
                RowText& out);
// Whether the optimizer's last plan hires this influencer.
bool in_plan(const OptimizerRun& run, std::uint32_t id);
// The Plan column: booked or not, and the user's must-have / never rules.
void draw_plan_cell(App& app, const core::Influencer& row, bool chosen);
// The narrow layout: a list to pick from and an editor for the picked row.
void draw_compact_table(App& app);
void draw_row_editor(App& app);

} // namespace web::planner
