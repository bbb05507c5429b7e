// From the roster to a plan you can hand on: the parts other screens call.
// - plan_column.cpp: the planner's Plan column (four states, a legend) and booking the
//   optimizer's plan ("Use this plan").
// - plan_bar.cpp: the bar under every screen's title (the plan's name, the "Example"
//   label while the example is untouched, New plan), clearing the roster, and how
//   figures from placeholder inputs are shown (core/example_figures.hpp).
#pragma once

#include "core/campaign.hpp"
#include "core/scenario.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace web {

class App;

namespace flow {

// [SECTION] The Plan column (plan_column.cpp)

// What a row's Plan cell says: the user's rule wins, then whether the row is booked.
enum class PlanState : std::uint8_t { booked, not_booked, must_include, must_exclude };
[[nodiscard]] PlanState plan_state(const core::Scenario& scenario, const core::Influencer& row);
[[nodiscard]] const char* plan_state_label(PlanState state); // "Booked"
// The cell: a button that cycles the rule (optimizer decides -> must be in -> never in).
void draw_plan_cell(App& app, const core::Influencer& row);
// One line above the roster explaining the four states and the highlight.
void draw_plan_legend();

// Whether booking `chosen` (sorted ids) would change the roster's posts.
[[nodiscard]] bool plan_differs(const core::Scenario& scenario,
                                const std::vector<std::uint32_t>& chosen);
// Books exactly `chosen` (sorted ids) as one undo step: chosen rows keep their posts
// (at least one), every other row gets 0 posts (kept in the roster, not booked).
void use_plan(App& app, const std::vector<std::uint32_t>& chosen);

// [SECTION] The plan bar and example figures (plan_bar.cpp)

// The scenario is the untouched example: opened as the start or by "From the example",
// and not edited since.
[[nodiscard]] bool showing_example(const App& app);
// The plain-text report of the plan (core/report.hpp), labelled while it is the example.
[[nodiscard]] std::string report(const App& app);
void draw_plan_bar(App& app);
// "Clear roster": every row out, with its tracked posts and optimizer pins, one undo step.
void draw_clear_roster(App& app);
// The planner's Revenue tile: ROI in neutral colour, or "enter your funnel to see
// return" while the funnel is the example's placeholders.
void revenue_tile(const core::Scenario& scenario, const core::CampaignTotals& totals, float width);
// The name a CSV file gives a new plan: "creators.csv" -> "creators".
[[nodiscard]] std::string plan_name_from_file(std::string_view file_name);

} // namespace flow
} // namespace web
