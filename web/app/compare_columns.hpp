// The comparison screen's plan tables. A plan's influencer is a roster row, so its
// columns are the planner's (planner_columns.hpp: header, field name, cell text,
// editor), picked by key here; edits go to the plan's list instead of the roster.
// Wide screens get an editable table ("##b_price_2" is plan B's row 2's price);
// phones a tap list (name, followers, price) and the tapped row's detail with every
// field and the Duplicate and Remove buttons (list_detail.hpp).
#pragma once

#include "web/app/app.hpp"

namespace web::compare {

// Plan A's (plan_a) or plan B's influencers, in the layout the screen's width calls for.
void draw_plan_rows(App& app, bool plan_a);

} // namespace web::compare
