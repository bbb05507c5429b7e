#include "web/app/app.hpp"
#include "web/app/screens.hpp"
#include "web/app/widgets.hpp"

namespace web {

void draw_planner_screen(App& app) {
    (void)app;
    ui::muted_text("Coming soon.");
}

} // namespace web
