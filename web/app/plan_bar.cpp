// The plan bar under every screen's title, clearing the roster, and how figures made
// from placeholder inputs are shown (web/app/plan_flow.hpp, core/example_figures.hpp).
#include "core/example_figures.hpp"
#include "core/formulas.hpp"
#include "core/numbers.hpp"
#include "core/report.hpp"
#include "imgui.h"
#include "imgui_internal.h"
#include "web/app/app.hpp"
#include "web/app/plan_flow.hpp"
#include "web/app/widgets.hpp"
#include "web/platform/page_services.hpp"

#include <algorithm>
#include <string>

namespace web::flow {
namespace {

// A small filled tag ("Example") in the warning colour, readable on every theme; an item
// of its own, so the test hook and the screen reader mirror see it.
void draw_tag(const char* id, const char* text) {
    const Palette& p = palette();
    const ImVec2 size = ImGui::CalcTextSize(text, nullptr, true);
    const ImVec2 pad(6.0f, ImGui::GetStyle().FramePadding.y);
    const ImVec2 at = ImGui::GetCursorScreenPos();
    ImGui::InvisibleButton(id, ImVec2(size.x + pad.x * 2, size.y + pad.y * 2));
    ImDrawList* draw = ImGui::GetWindowDrawList();
    draw->AddRectFilled(at, ImGui::GetItemRectMax(), with_alpha(p.warn, 0.18f), 4.0f);
    draw->AddText(ImVec2(at.x + pad.x, at.y + pad.y), p.warn, text,
                  ImGui::FindRenderedTextEnd(text));
}

// What "New plan" offers; each is one undo step.
void draw_new_plan_menu(App& app) {
    if (ImGui::Button("New plan")) {
        ImGui::OpenPopup("##new_plan_menu");
    }
    ImGui::SetItemTooltip("Start from nothing, from the example, or from a CSV of creators");
    if (!ImGui::BeginPopup("##new_plan_menu")) {
        return;
    }
    if (ImGui::Selectable("Blank plan")) {
        app.replace_scenario(core::blank_scenario(), "New plan");
        app.ui().optimizer = OptimizerRun{};
        app.set_screen(Screen::planner);
        app.ui().status = "A blank plan: add influencers or import a CSV. Undo goes back to what "
                          "you had.";
    }
    if (ImGui::Selectable("From the example")) {
        core::Scenario example = core::default_scenario();
        example.screen = app.scenario().screen;
        app.replace_scenario(std::move(example), "New plan from the example");
        app.ui().example_version = app.version();
        app.ui().optimizer = OptimizerRun{};
        app.ui().status = "The article's example again. Undo goes back to what you had.";
    }
    if (ImGui::Selectable("From a CSV file")) {
        app.ui().import_new_plan = true;
        app.ui().show_files = true; // where the preview appears
        page_open_file_picker(".csv,.tsv,.txt,text/csv");
        app.ui().status = "Choose a CSV of creators: after the preview, its rows become a new "
                          "plan.";
    }
    ImGui::EndPopup();
}

} // namespace

bool showing_example(const App& app) {
    // Known, not computed: set when the example opens (at start, or "From the example")
    // and gone with the next edit. No serializing on the first frame.
    return app.ui().example_version == app.version();
}

std::string report(const App& app) {
    core::ReportOptions options;
    options.example = showing_example(app);
    return core::plan_report(app.scenario(), options);
}

void draw_plan_bar(App& app) {
    const core::Scenario& s = app.scenario();
    if (showing_example(app)) {
        draw_tag("Example##tag", "Example");
        ImGui::SameLine();
        ImGui::AlignTextToFramePadding();
        ui::muted_text("The article's story with placeholder figures: edit them, or start a "
                       "new plan."); // wraps on phones
    }
    // The same in an embed as on the full page: the wasm split (docs/building.md) profiles
    // the embedded page, so the full page's first frame must run the same code.
    ImGui::AlignTextToFramePadding();
    ui::field_label("Plan");
    ImGui::SameLine();
    std::string title = s.title;
    if (ui::text_field("##Plan name", &title,
                       {.field = "Plan name",
                        .width = std::min(260.0f, ImGui::GetContentRegionAvail().x - 100.0f),
                        .hint = "Name this plan"})) {
        app.edit("Rename plan").title = title;
    }
    ImGui::SetItemTooltip("The plan's name: the report's title and the saved copy's name");
    ImGui::SameLine();
    draw_new_plan_menu(app);
}

void draw_clear_roster(App& app) {
    const std::size_t rows = app.scenario().roster.size();
    ImGui::SameLine();
    if (!ui::button("Clear roster", rows > 0)) {
        return;
    }
    core::Scenario& s = app.edit("Clear roster");
    s.roster.clear();
    s.actuals.clear(); // tracked posts of people no longer in the roster
    s.optimizer.must_include.clear();
    s.optimizer.must_exclude.clear();
    app.ui().optimizer = OptimizerRun{};
    app.ui().status = "Cleared " + core::format_count(static_cast<std::int64_t>(rows)) +
                      (rows == 1 ? " influencer" : " influencers") + ". Undo brings them back.";
}

void revenue_tile(const core::Scenario& s, const core::CampaignTotals& t, float width) {
    const core::NumberFormat format = s.assumptions.number_format;
    if (core::funnel_is_example(s.assumptions.funnel)) {
        // Placeholder rates and order value are not a finding: no revenue, no red ROI.
        ui::metric_tile("Revenue##total", "Revenue", "Not set", core::enter_funnel_text,
                        core::formula_ids::roi, width, palette().muted);
        return;
    }
    ui::metric_tile("Revenue##total", "Revenue",
                    core::format_money(t.funnel.revenue, core::CentsStyle::when_needed, format),
                    t.funnel.roi ? "ROI " + core::format_percent(*t.funnel.roi, 0, format)
                                 : std::string("ROI not defined"),
                    core::formula_ids::roi, width,
                    t.funnel.roi && *t.funnel.roi < 0 ? palette().bad : 0);
}

std::string plan_name_from_file(std::string_view file_name) {
    const std::size_t slash = file_name.find_last_of("/\\");
    if (slash != std::string_view::npos) {
        file_name.remove_prefix(slash + 1);
    }
    const std::size_t dot = file_name.rfind('.');
    if (dot != std::string_view::npos && dot > 0) {
        file_name = file_name.substr(0, dot);
    }
    return file_name.empty() || file_name == "Pasted text" ? std::string(core::blank_plan_title)
                                                           : std::string(file_name);
}

} // namespace web::flow
