// The Assumptions screen's reach card (reach rate, or the reach table by audience size
// with each row's source, and the audience overlap). Drawn by draw_assumptions_screen.
#pragma once

#include "web/app/app.hpp"

namespace web {

void draw_reach_card(App& app);

} // namespace web
