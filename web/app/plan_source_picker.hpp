// The comparison's plans from the roster (core/plan_source.hpp): the picker above each
// plan's table (biggest, smallest, the rest, a tier, a region, a niche, picked rows,
// typical influencers, or rows entered here) and the "same budget" switch.
#pragma once

#include "core/compare.hpp"
#include "core/scenario.hpp"

#include <string_view>

namespace web {

class App;

// The "Same budget for both plans" switch, with what it does in a line.
void draw_same_budget_switch(App& app);

// Where plan A's (or B's) rows come from, drawn above its table.
void draw_plan_source_picker(App& app, bool plan_a);

// True when the plan's rows are roster rows (its table edits the roster).
[[nodiscard]] bool plan_from_roster(const core::Scenario& scenario, bool plan_a);

// The rows a plan's table shows: the plan resolved against the roster (as entered while
// the sources cannot be resolved; the verdict card shows why).
[[nodiscard]] core::PlanGroup shown_plan(const core::Scenario& scenario, bool plan_a);

// The influencer a plan table's row i edits: the roster row itself for plans from the
// roster, else the plan's entered row (its first for typical plans). Opens one undo step.
[[nodiscard]] core::Influencer& edited_plan_row(App& app, bool plan_a, std::uint32_t id,
                                                std::string_view what);

} // namespace web
