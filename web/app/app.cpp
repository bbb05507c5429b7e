// [SECTION] Index
// - Construction and editing
// - Recomputing results
// - Frame: header, screen, content height
// - State JSON for the test hook
#include "web/app/app.hpp"

#include "core/engagement.hpp"
#include "core/numbers.hpp"
#include "core/report.hpp"
#include "core/state_json.hpp"
#include "core/version.hpp"
#include "imgui.h"
#include "imgui_internal.h"
#include "web/app/charts.hpp"
#include "web/app/json_writer.hpp"
#include "web/app/plan_flow.hpp"
#include "web/app/screens.hpp"
#include "web/app/widgets.hpp"
#include "web/platform/browser_platform.hpp"
#include "web/platform/page_services.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>

namespace web {
namespace {

// Phones: shorter labels with the full one as the id (the test hook reports both).
constexpr const char* short_screen_labels[screen_count] = {
    "Engagement", "Big or small##One big or many small", "Planner##Campaign planner", "Results",
    "Assumptions"};
constexpr const char* screen_labels[screen_count] = {"Engagement", "One big or many small",
                                                     "Campaign planner", "Results", "Assumptions"};

constexpr const char* screen_blurbs[screen_count] = {
    "One influencer: how engaged is their audience, compared with others of their size, and "
    "what is a post worth?",
    "The same budget on one big influencer or on many small ones, side by side.",
    "Your roster: expected engagements, reach and cost per row and in total, and the best plan "
    "for your budget.",
    "What each influencer actually delivered, against what you expected.",
    "Every figure the calculator uses, with its source and year. Change any of them.",
};

double clock_ms() {
    using namespace std::chrono;
    return duration<double, std::milli>(steady_clock::now().time_since_epoch()).count();
}

} // namespace

const char* screen_label(Screen screen) {
    return screen_labels[static_cast<int>(screen)];
}

Screen screen_from_core(core::Screen screen) {
    switch (screen) {
    case core::Screen::engagement:
        return Screen::engagement;
    case core::Screen::compare:
        return Screen::compare;
    case core::Screen::roster:
    case core::Screen::optimizer:
        return Screen::planner;
    case core::Screen::tracking:
    case core::Screen::report:
        return Screen::results;
    case core::Screen::assumptions:
        return Screen::assumptions;
    }
    return Screen::compare;
}

core::Screen screen_to_core(Screen screen) {
    switch (screen) {
    case Screen::engagement:
        return core::Screen::engagement;
    case Screen::compare:
        return core::Screen::compare;
    case Screen::planner:
        return core::Screen::roster;
    case Screen::results:
        return core::Screen::tracking;
    case Screen::assumptions:
        return core::Screen::assumptions;
    }
    return core::Screen::compare;
}

void App::set_screen(Screen screen) {
    if (screen_from_core(scenario_.screen) != screen) {
        scenario_.screen = screen_to_core(screen);
        platform_request_frames();
    }
}

// [SECTION] Construction and editing

namespace {

void on_file(std::string_view name, std::string_view bytes, std::string_view error, void* user) {
    App& app = *static_cast<App*>(user);
    receive_file(app, name, bytes, error);
    platform_request_frames();
}

void on_storage(std::string_view key, void* user) {
    receive_storage_change(*static_cast<App*>(user), key);
    platform_request_frames();
}

} // namespace

App::App(const AppOptions& options) : options_(options) {
    // The work to open: a share link, else the autosave, else the article's story.
    // Work that a link replaces is kept in the library (web/app/persistence.hpp).
    library_ = load_library();
    Startup startup = load_startup(library_);
    scenario_ = std::move(startup.scenario);
    ui_.notices = std::move(startup.messages);
    if (startup.is_default) {
        persistence_.start_untouched(version_);
        ui_.example_version = version_;
    }
    page_set_file_receiver(on_file, this);
    page_set_storage_listener(on_storage, this);
}

void App::store_library(std::string message) {
    ++library_version_;
    if (save_library(library_)) {
        ui_.status = std::move(message);
    } else {
        ui_.status = "Not saved: this browser's storage is unavailable or full.";
    }
    platform_request_frames();
}

core::Scenario& App::edit(std::string_view what) {
    // One undo step per gesture: a drag or a slider edits every frame while active.
    const ImGuiID active = ImGui::GetCurrentContext() != nullptr ? ImGui::GetActiveID() : 0;
    if (active == 0 || active != last_edit_active_id_) {
        history_.record(scenario_, std::string(what));
    }
    last_edit_active_id_ = active;
    ++version_;
    ui_.status.clear();
    platform_request_frames();
    return scenario_;
}

void App::replace_scenario(core::Scenario scenario, std::string_view what) {
    history_.record(scenario_, std::string(what));
    last_edit_active_id_ = 0;
    scenario_ = std::move(scenario);
    ++version_;
    ui::clear_field_errors();
    platform_request_frames();
}

void App::undo() {
    const std::string what = history_.undo_label();
    const core::Screen screen = scenario_.screen;
    if (history_.undo(&scenario_)) {
        scenario_.screen = screen; // undo changes inputs, not where the user is
        ++version_;
        last_edit_active_id_ = 0;
        ui::clear_field_errors();
        ui_.status = "Undone: " + what;
        platform_request_frames();
    }
}

void App::redo() {
    const std::string what = history_.redo_label();
    const core::Screen screen = scenario_.screen;
    if (history_.redo(&scenario_)) {
        scenario_.screen = screen;
        ++version_;
        last_edit_active_id_ = 0;
        ui::clear_field_errors();
        ui_.status = "Redone: " + what;
        platform_request_frames();
    }
}

void App::set_theme(ThemeKind kind) {
    options_.theme.kind = kind;
    apply_theme(options_.theme);
    if (options_.on_theme_changed != nullptr) {
        options_.on_theme_changed(kind);
    }
    platform_request_frames();
}

// [SECTION] Recomputing results

void App::refresh() {
    const core::Scenario& s = scenario_;
    const Screen current = screen();
    if (results_.engagement_version != version_) {
        results_.engagement_version = version_;
        results_.benchmark = core::active_benchmark_set(s);
        results_.measurement = core::measure_engagement(s.engagement);
        if (results_.measurement->ok()) {
            const double rate = results_.measurement->value().rate;
            const std::int64_t followers = s.engagement_followers;
            results_.grade = core::grade(results_.benchmark, followers, rate);
            results_.expected_interactions =
                core::expected_interactions(static_cast<double>(followers), rate);
            results_.price =
                core::price_per_post(s.assumptions.pricing, followers, rate, std::nullopt);
        } else {
            const core::Error error = results_.measurement->error();
            results_.grade = error;
            results_.expected_interactions = error;
            results_.price = error;
        }
    }
    const bool needs_campaign =
        current == Screen::planner || current == Screen::results || current == Screen::engagement;
    if (needs_campaign && results_.campaign_version != version_) {
        results_.campaign_version = version_;
        results_.campaign = core::evaluate_campaign(core::campaign_inputs(s));
        ui_.planner.version = Results::never; // the table's text follows
    }
    if (current == Screen::results && results_.tracking_version != version_) {
        results_.tracking_version = version_;
        results_.tracking = core::track_results(core::tracking_inputs(s));
    }
    if (current == Screen::compare && results_.comparison_version != version_) {
        results_.comparison_version = version_;
        results_.comparison = core::compare_plans(core::comparison_inputs(s));
        if (results_.comparison->ok()) {
            const core::Comparison& c = results_.comparison->value();
            const core::SimulationPlan plan_a = core::simulation_plan(c.campaign_a);
            const core::SimulationPlan plan_b = core::simulation_plan(c.campaign_b);
            const double sigma = s.assumptions.uncertainty.sigma;
            results_.bands_a = core::plan_bands(plan_a, sigma);
            results_.bands_b = core::plan_bands(plan_b, sigma);
            results_.simulation = core::simulate_pair(plan_a, plan_b, c.metric, c.judgement,
                                                      s.assumptions.uncertainty);
        } else {
            const core::Error error = results_.comparison->error();
            results_.bands_a = error;
            results_.bands_b = error;
            results_.simulation = error;
        }
    }
}

// [SECTION] Frame

void App::handle_shortcuts() {
    const ImGuiIO& io = ImGui::GetIO();
    if (io.WantTextInput) {
        return; // a text field has its own undo while it is being edited
    }
    if (ImGui::IsKeyChordPressed(ImGuiMod_Shortcut | ImGuiMod_Shift | ImGuiKey_Z) ||
        ImGui::IsKeyChordPressed(ImGuiMod_Shortcut | ImGuiKey_Y)) {
        redo();
    } else if (ImGui::IsKeyChordPressed(ImGuiMod_Shortcut | ImGuiKey_Z)) {
        undo();
    }
}

void App::draw_header() {
    const Palette& p = palette();
    const float full = ImGui::GetContentRegionAvail().x;
    const ImGuiStyle& style = ImGui::GetStyle();
    // Toolbar width: Undo, Redo and the theme switch on the right of the tabs when
    // they fit, on their own line otherwise.
    const char* theme_label = current_theme() == ThemeKind::dark ? "Light theme" : "Dark theme";
    const float toolbar = ImGui::CalcTextSize("Undo").x + ImGui::CalcTextSize("Redo").x +
                          ImGui::CalcTextSize(theme_label).x + ImGui::CalcTextSize("Files").x +
                          style.FramePadding.x * 8 + style.ItemSpacing.x * 3;
    const bool narrow = full < 520.0f;
    const auto& labels = narrow ? short_screen_labels : screen_labels;
    float tabs_width = 0.0f;
    for (const char* label : labels) {
        tabs_width += ImGui::CalcTextSize(label, nullptr, true).x + 28.0f + 6.0f;
    }
    const bool toolbar_inline = tabs_width + toolbar + 24.0f <= full;

    int selected = static_cast<int>(screen());
    const float header_y = ImGui::GetCursorPosY();
    if (ui::segmented("screens", &selected, labels, toolbar_inline ? full - toolbar - 24.0f : full,
                      narrow)) {
        set_screen(static_cast<Screen>(selected));
    }
    if (toolbar_inline) {
        ImGui::SetCursorPos(
            ImVec2(ImGui::GetWindowContentRegionMax().x - toolbar, header_y + 4.0f));
    } else {
        ImGui::Dummy(ImVec2(0, 0));
    }
    const std::string undo_tip = history_.undo_depth() > 0
                                     ? "Undo: " + history_.undo_label() + " (Ctrl+Z)"
                                     : std::string("Nothing to undo");
    const std::string redo_tip = history_.redo_depth() > 0
                                     ? "Redo: " + history_.redo_label() + " (Ctrl+Shift+Z)"
                                     : std::string("Nothing to redo");
    if (ui::button("Undo", history_.undo_depth() > 0)) {
        undo();
    }
    ImGui::SetItemTooltip("%s", undo_tip.c_str());
    ImGui::SameLine();
    if (ui::button("Redo", history_.redo_depth() > 0)) {
        redo();
    }
    ImGui::SetItemTooltip("%s", redo_tip.c_str());
    ImGui::SameLine();
    if (ImGui::Button(theme_label)) {
        set_theme(current_theme() == ThemeKind::dark ? ThemeKind::light : ThemeKind::dark);
    }
    ImGui::SameLine();
    if (ui_.show_files ? ui::primary_button("Files") : ImGui::Button("Files")) {
        ui_.show_files = !ui_.show_files;
    }
    ImGui::SetItemTooltip("Save, share, import and export");
    ImGui::Dummy(ImVec2(0, 4));

    // The screen's title (on phones the selected tab says it) and what it is for.
    const int index = static_cast<int>(screen());
    if (!narrow) {
        ImGui::PushFont(platform_heading_font());
        ImGui::TextUnformatted(screen_labels[index]);
        ImGui::PopFont();
    }
    ui::muted_text(screen_blurbs[index]);
    flow::draw_plan_bar(*this);
    if (!ui_.status.empty()) {
        ui::coloured_text(p.accent, ui_.status);
    }
    if (!ui_.notices.empty()) {
        for (const std::string& notice : ui_.notices) {
            ui::coloured_text(p.warn, notice);
        }
        if (ImGui::SmallButton("Dismiss")) {
            ui_.notices.clear();
        }
    }
    ImGui::Dummy(ImVec2(0, 2));
    if (ui_.show_files) {
        draw_files_panel(*this);
        ImGui::Dummy(ImVec2(0, 8));
    }
}

void App::draw_frame() {
    now_ms_ = clock_ms();
    if (!theme_applied_) {
        theme_applied_ = true; // ImGui's context exists from the first frame on
        apply_theme(options_.theme);
    }
    // ImGui shows a new window (a popup, a card that appears) one frame after it is
    // first submitted, and auto-sized cards take a frame or two to settle. While what was
    // drawn still changes from frame to frame, keep drawing; once it is stable, stop.
    const ImGuiIO& io = ImGui::GetIO();
    if (io.MetricsRenderVertices != last_vertices_ || io.MetricsRenderWindows != last_windows_) {
        last_vertices_ = io.MetricsRenderVertices;
        last_windows_ = io.MetricsRenderWindows;
        platform_request_frames();
    }
    handle_shortcuts();
    if (options_.verdict_view) {
        set_screen(Screen::compare); // the compact embed is the comparison's answer
    }
    refresh();
    step_optimizer(*this);

    const ImGuiViewport* viewport = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(viewport->Pos);
    ImGui::SetNextWindowSize(viewport->Size);
    const ImGuiWindowFlags flags =
        ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
        ImGuiWindowFlags_NoBringToFrontOnFocus | ImGuiWindowFlags_NoScrollWithMouse;
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding,
                        options_.embed_mode ? ImVec2(12, 12) : ImVec2(16, 14));
    ImGui::Begin("Microreach", nullptr, flags);
    ImGui::PopStyleVar();
    width_ = ImGui::GetContentRegionAvail().x;

    if (options_.verdict_view) {
        draw_verdict_view(*this);
    } else {
        draw_header();
        switch (screen()) {
        case Screen::engagement:
            draw_engagement_screen(*this);
            break;
        case Screen::compare:
            draw_compare_screen(*this);
            break;
        case Screen::planner:
            draw_planner_screen(*this);
            break;
        case Screen::results:
            draw_results_screen(*this);
            break;
        case Screen::assumptions:
            draw_assumptions_screen(*this);
            break;
        }

        ImGui::Dummy(ImVec2(0, 6));
        ImGui::PushStyleColor(ImGuiCol_Text, palette().muted);
        ImGui::Text(
            "Microreach %s: every figure from the core's formulas; hover or tap a result for "
            "its formula and source.",
            core::version().data());
        ImGui::PopStyleColor();
    }
    const float content_height = ImGui::GetCursorPosY() + ImGui::GetStyle().WindowPadding.y;
    ImGui::End();
    platform_set_content_height(content_height < 320.0f ? 320.0f : content_height);
    // Auto-sized cards settle over a few frames (a card inside a table inside a card):
    // keep drawing while the layout still moves.
    if (content_height != last_content_height_) {
        last_content_height_ = content_height;
        platform_request_frames();
    }

    ui_draw_ms_[ui_draw_index_++ % 256] = clock_ms() - now_ms_;
    // The autosave and the share link follow every change.
    persistence_.sync(scenario_, version_);
    if (persistence_.save_state() == SaveState::other_tab) {
        ui_.show_files = true; // where the reader chooses which version to keep
    }

    // Screen readers get the same results as text (the canvas is aria-hidden).
    if (announced_version_ != version_) {
        announced_version_ = version_;
        core::ReportOptions report;
        report.include_simulation = scenario_.roster.size() <= 200; // keeps big edits snappy
        report.example = flow::showing_example(*this);
        page_announce_results(core::plan_report(scenario_, report));
    }
}

// [SECTION] State JSON

std::string App::state_json() const {
    JsonWriter json;
    json.begin_object();
    json.field("screen", static_cast<int>(screen()));
    json.field("screenLabel", screen_label(screen()));
    json.field("theme", current_theme() == ThemeKind::dark ? "dark" : "light");
    json.field("embed", options_.embed_mode);
    {
        const ImU32 accent = palette().accent;
        char hex[8];
        std::snprintf(hex, sizeof hex, "#%02x%02x%02x", (accent >> IM_COL32_R_SHIFT) & 0xFF,
                      (accent >> IM_COL32_G_SHIFT) & 0xFF, (accent >> IM_COL32_B_SHIFT) & 0xFF);
        json.field("accent", hex);
        json.field("accentContrast", contrast_ratio(accent, palette().background));
    }
    json.field("version", static_cast<std::int64_t>(version_));
    json.field("undoDepth", history_.undo_depth());
    json.field("redoDepth", history_.redo_depth());
    json.field("undoLabel", history_.undo_label());
    json.field("fieldErrors", ui::field_error_count());
    json.field("firstFieldError", ui::first_field_error());
    json.field("status", ui_.status);
    json.field("example", flow::showing_example(*this));
    json.field("chartHover", charts::hover_text());
    json.key("notices").begin_array();
    for (const std::string& notice : ui_.notices) {
        json.value(notice);
    }
    json.end_array();
    json.field("saveState", persistence_.save_label());
    json.field("shareFragment", persistence_.fragment());
    json.field("savedScenarios", library_.items.size());
    json.field("importActive", ui_.import.active);
    if (ui_.import.active) {
        json.field("importError", ui_.import.error);
        if (ui_.import.preview && ui_.import.preview->ok()) {
            json.field("importRows", ui_.import.preview->value().rows.size());
            json.field("importBadRows", ui_.import.preview->value().bad_rows);
        }
    }
    // The whole scenario for tests; skipped for big rosters, where publishing it every
    // frame would cost the page more than drawing does.
    if (scenario_.roster.size() <= 200) {
        if (scenario_json_version_ != version_) {
            scenario_json_version_ = version_;
            scenario_json_ = core::export_scenario_json(scenario_, false);
        }
        json.key("scenario").raw(scenario_json_);
    } else {
        scenario_json_.clear();
        scenario_json_.shrink_to_fit();
        scenario_json_version_ = ~std::uint64_t{0};
    }

    const core::Scenario& s = scenario_;
    json.key("engagement").begin_object();
    json.field("followers", s.engagement_followers);
    json.field("posts", s.engagement.posts.size());
    const bool engagement_current = results_.engagement_version == version_;
    if (engagement_current && results_.measurement && results_.measurement->ok()) {
        json.field("rate", results_.measurement->value().rate);
        json.field("interactionsPerPost", results_.measurement->value().interactions_per_post);
    } else if (engagement_current && results_.measurement) {
        json.field("measurementError", results_.measurement->error().message);
    }
    if (engagement_current && results_.grade && results_.grade->ok()) {
        json.field("tier", results_.grade->value().tier_name);
        json.field("band", results_.grade->value().band);
        json.field("ratio", results_.grade->value().ratio);
    } else if (engagement_current && results_.grade) {
        json.field("error", results_.grade->error().message);
    }
    if (engagement_current && results_.expected_interactions &&
        results_.expected_interactions->ok()) {
        json.field("expectedInteractions", results_.expected_interactions->value());
    }
    if (engagement_current && results_.price && results_.price->ok()) {
        json.field("priceCents", results_.price->value().price.cents);
    }
    json.end_object();

    json.field("rosterSize", s.roster.size());
    json.key("uiDrawMs").begin_array();
    for (int i = 0; i < 256 && i < ui_draw_index_; ++i) {
        json.value(ui_draw_ms_[(ui_draw_index_ - 1 - i) % 256]);
    }
    json.end_array();
    json.key("roster").begin_object();
    json.field("rows", s.roster.size());
    json.field("visibleRows", ui_.planner.visible.size());
    json.field("regionFilter", ui_.planner.region_filter);
    json.field("nicheFilter", ui_.planner.niche_filter);
    json.field("sortColumn", ui_.planner.sort_column);
    // The view (visible rows, their order) matches the inputs and the sort and filter.
    json.field("viewCurrent", !ui_.planner.dirty && ui_.planner.version == version_);
    json.field("sortDescending", ui_.planner.sort_descending);
    json.field("budgetCents", s.budget.cents);
    json.key("ids").begin_array();
    for (std::size_t i = 0; i < s.roster.size() && i < 50; ++i) {
        json.value(s.roster[i].id);
    }
    json.end_array();
    json.key("visibleIds").begin_array();
    for (std::size_t i = 0; i < ui_.planner.visible.size() && i < 50; ++i) {
        json.value(s.roster[static_cast<std::size_t>(ui_.planner.visible[i])].id);
    }
    json.end_array();
    json.end_object();

    // Results are published only when they belong to the inputs published with them.
    if (results_.campaign && results_.campaign->ok() && results_.campaign_version == version_) {
        const core::CampaignTotals& t = results_.campaign->value().totals;
        json.key("totals").begin_object();
        json.field("influencers", t.influencers);
        json.field("booked", t.booked);
        json.field("invalidRows", t.invalid_rows);
        json.field("followers", t.followers);
        json.field("expectedEngagements", t.expected_engagements);
        json.field("targetedEngagements", t.targeted_engagements);
        json.field("estimatedReach", t.estimated_reach);
        json.field("conversions", t.conversions);
        json.field("costCents", t.cost.cents);
        json.field("budgetLeftCents", t.budget_left.cents);
        json.field("overrunCents", t.overrun.cents);
        if (t.cost_per_engagement) {
            json.field("cpeCents", t.cost_per_engagement->cents);
        }
        json.end_object();
    }

    if (results_.comparison && results_.comparison->ok() &&
        results_.comparison_version == version_) {
        const core::Comparison& c = results_.comparison->value();
        json.key("comparison").begin_object();
        json.field("winner", c.winner == core::Winner::a     ? "a"
                             : c.winner == core::Winner::b   ? "b"
                             : c.winner == core::Winner::tie ? "tie"
                                                             : "undecided");
        json.field("verdict", c.verdict);
        json.field("aMetric", c.a.metric);
        json.field("bMetric", c.b.metric);
        json.field("aCostCents", c.a.cost.cents);
        json.field("bCostCents", c.b.cost.cents);
        if (results_.simulation && results_.simulation->ok()) {
            json.field("probabilityABeatsB", results_.simulation->value().probability_a_beats_b);
        }
        json.end_object();
    }

    const OptimizerRun& run = ui_.optimizer;
    json.key("optimizer").begin_object();
    json.field("running", run.running);
    json.field("stale", run.solution.has_value() && run.version != version_);
    json.field("error", run.error);
    if (run.solution) {
        const core::OptimizerSolution& sol = *run.solution;
        json.field("status", sol.status == core::SolveStatus::optimal         ? "optimal"
                             : sol.status == core::SolveStatus::limit_reached ? "limit_reached"
                                                                              : "infeasible");
        json.field("objective", sol.objective);
        json.field("totalCostCents", sol.total_cost.cents);
        json.field("nodes", sol.nodes);
        json.key("chosenIds").begin_array();
        for (const std::uint32_t id : sol.chosen_ids) {
            json.value(id);
        }
        json.end_array();
    }
    json.end_object();
    json.end_object();
    return json.take();
}

} // namespace web
