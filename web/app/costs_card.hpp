// The Assumptions screen's "Costs beyond the fee" card: what every booked influencer
// costs besides the price per post (core::CostAssumptions), each field marked as an
// assumption or with its source, editable and undoable through App::edit().
#pragma once

namespace web {

class App;

void draw_cost_assumptions(App& app);

} // namespace web
