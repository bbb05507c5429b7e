// The five screens, one file each (screen_*.cpp). Each draws into the main window
// below the header and edits the scenario only through App::edit().
#pragma once

#include "core/scenario.hpp"
#include "web/app/app.hpp"

#include <span>
#include <string_view>

namespace web {

// Never inlined into the frame: each screen stays a function of its own, so the wasm
// split (web/tools/split-wasm.mjs) can leave the screens a reader has not opened in
// the deferred part.
#define MICROREACH_SCREEN [[gnu::noinline]]

MICROREACH_SCREEN void draw_engagement_screen(App& app);
MICROREACH_SCREEN void draw_compare_screen(App& app);
// The compact embed (?view=verdict): budget and choices, verdict, break-even, chart.
MICROREACH_SCREEN void draw_verdict_view(App& app);
MICROREACH_SCREEN void draw_planner_screen(App& app);
MICROREACH_SCREEN void draw_results_screen(App& app);
MICROREACH_SCREEN void draw_assumptions_screen(App& app);

// The planner's optimizer: its panel, and one slice of a running search per frame
// (called every frame, whatever the screen).
MICROREACH_SCREEN void draw_optimizer_panel(App& app);

// Save, share, import, export and named scenarios; files from the picker or a drop.
MICROREACH_SCREEN void draw_files_panel(App& app);
MICROREACH_SCREEN void receive_file(App& app, std::string_view name, std::string_view bytes,
                                    std::string_view error);
// Another tab changed saved data (web/app/persistence.hpp): reloads the saved scenarios,
// or asks which version of the plan to keep.
MICROREACH_SCREEN void receive_storage_change(App& app, std::string_view key);
void step_optimizer(App& app);

// [SECTION] The screen table: each screen described once.
struct ScreenInfo {
    Screen id;
    // What files and links store (core::Screen's names, "roster"; older names such as
    // "optimizer" are read as today's in core/schema.hpp).
    core::Screen stored;
    const char* link_name;   // what ?screen= takes ("planner"), besides the stored name
    const char* title;       // the tab and the heading
    const char* short_title; // the tab on phones ("Planner##Campaign planner": same id)
    const char* blurb;       // under the heading: what the screen is for
    void (*draw)(App& app);
    // The results it reads, computed only while it is shown.
    struct Needs {
        bool campaign = false, tracking = false, comparison = false;
    } needs;
};
// In Screen order.
extern const std::span<const ScreenInfo, screen_count> screen_table;
[[nodiscard]] const ScreenInfo& screen_info(Screen screen);

} // namespace web
