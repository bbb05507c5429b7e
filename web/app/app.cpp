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
#include "web/app/list_detail.hpp"
#include "web/app/plan_flow.hpp"
#include "web/app/screens.hpp"
#include "web/app/widgets.hpp"
#include "web/platform/browser_platform.hpp"
#include "web/platform/page_services.hpp"

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdio>
#include <nlohmann/json.hpp>

namespace web {
namespace {

constexpr ScreenInfo screens[] = {
    {.id = Screen::engagement,
     .stored = core::Screen::engagement,
     .link_name = "engagement",
     .title = "Engagement",
     .short_title = "Engagement",
     .blurb =
         "One influencer: how engaged is their audience, compared with others of their size, and "
         "what is a post worth?",
     .draw = draw_engagement_screen,
     .needs = {.campaign = true}},
    {.id = Screen::compare,
     .stored = core::Screen::compare,
     .link_name = "compare",
     .title = "One big or many small",
     .short_title = "Big or small##One big or many small",
     .blurb = "The same budget on one big influencer or on many small ones, side by side.",
     .draw = draw_compare_screen,
     .needs = {.comparison = true}},
    {.id = Screen::planner,
     .stored = core::Screen::roster,
     .link_name = "planner",
     .title = "Campaign planner",
     .short_title = "Planner##Campaign planner",
     .blurb =
         "Your roster: expected engagements, reach and cost per row and in total, and the best "
         "plan for your budget.",
     .draw = draw_planner_screen,
     .needs = {.campaign = true}},
    {.id = Screen::results,
     .stored = core::Screen::tracking,
     .link_name = "tracking",
     .title = "Results",
     .short_title = "Results",
     .blurb = "What each influencer actually delivered, against what you expected.",
     .draw = draw_results_screen,
     .needs = {.campaign = true, .tracking = true}},
    {.id = Screen::assumptions,
     .stored = core::Screen::assumptions,
     .link_name = "assumptions",
     .title = "Assumptions",
     .short_title = "Assumptions",
     .blurb = "Every figure the calculator uses, with its source and year. Change any of them.",
     .draw = draw_assumptions_screen,
     .needs = {}},
};

static_assert(
    [] {
        for (std::size_t i = 0; i < std::size(screens); ++i) {
            if (static_cast<std::size_t>(screens[i].id) != i) {
                return false;
            }
        }
        return std::size(screens) == screen_count;
    }(),
    "one entry per screen, in Screen order");

// The tabs' labels, in screen order, as ui::segmented takes them.
template <const char* ScreenInfo::*Label>
constexpr std::array<const char*, screen_count> screen_labels() {
    std::array<const char*, screen_count> out{};
    for (std::size_t i = 0; i < screen_count; ++i) {
        out[i] = screens[i].*Label;
    }
    return out;
}
constexpr auto tab_labels = screen_labels<&ScreenInfo::title>();
constexpr auto short_tab_labels = screen_labels<&ScreenInfo::short_title>();

double clock_ms() {
    using namespace std::chrono;
    return duration<double, std::milli>(steady_clock::now().time_since_epoch()).count();
}

} // namespace

const std::span<const ScreenInfo, screen_count> screen_table{screens};

const ScreenInfo& screen_info(Screen screen) {
    return screens[static_cast<std::size_t>(screen)];
}

const char* screen_label(Screen screen) {
    return screen_info(screen).title;
}

Screen screen_from_core(core::Screen screen) {
    for (const ScreenInfo& info : screens) {
        if (info.stored == screen) {
            return info.id;
        }
    }
    return Screen::compare;
}

core::Screen screen_to_core(Screen screen) {
    return screen_info(screen).stored;
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
    const ScreenInfo& shown = screen_info(current);
    if (shown.needs.campaign && results_.campaign_version != version_) {
        results_.campaign_version = version_;
        results_.campaign = core::evaluate_campaign(core::campaign_inputs(s));
        ui_.planner.version = Results::never; // the table's text follows
    }
    if (shown.needs.tracking && results_.tracking_version != version_) {
        results_.tracking_version = version_;
        results_.tracking = core::track_results(core::tracking_inputs(s));
    }
    if (shown.needs.comparison && results_.comparison_version != version_) {
        results_.comparison_version = version_;
        results_.comparison = core::compare_scenario(s);
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
    const auto& labels = narrow ? short_tab_labels : tab_labels;
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
    // On a 320 px phone the last button goes to the next line rather than past the edge.
    ui::same_line_if_room(ImGui::CalcTextSize("Files").x + style.FramePadding.x * 2,
                          style.ItemSpacing.x);
    if (ui_.show_files ? ui::primary_button("Files") : ImGui::Button("Files")) {
        ui_.show_files = !ui_.show_files;
    }
    ImGui::SetItemTooltip("Save, share, import and export");
    ImGui::Dummy(ImVec2(0, 4));

    // The screen's title (on phones the selected tab says it) and what it is for.
    const ScreenInfo& shown = screen_info(screen());
    if (!narrow) {
        ImGui::PushFont(platform_heading_font());
        ImGui::TextUnformatted(shown.title);
        ImGui::PopFont();
    }
    ui::muted_text(shown.blurb);
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
        screen_info(screen()).draw(*this);

        ImGui::Dummy(ImVec2(0, 6));
        ui::muted_text("Microreach " + std::string(core::version()) +
                       ": every figure from the core's formulas; hover or tap a result for "
                       "its formula and source.");
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
    using nlohmann::json;
    json out = json::object();
    std::string_view scenario_text;
    out["screen"] = static_cast<int>(screen());
    out["screenLabel"] = screen_label(screen());
    out["theme"] = current_theme() == ThemeKind::dark ? "dark" : "light";
    out["embed"] = options_.embed_mode;
    {
        const ImU32 accent = palette().accent;
        char hex[8];
        std::snprintf(hex, sizeof hex, "#%02x%02x%02x", (accent >> IM_COL32_R_SHIFT) & 0xFF,
                      (accent >> IM_COL32_G_SHIFT) & 0xFF, (accent >> IM_COL32_B_SHIFT) & 0xFF);
        out["accent"] = hex;
        out["accentContrast"] = contrast_ratio(accent, palette().background);
    }
    out["version"] = static_cast<std::int64_t>(version_);
    out["undoDepth"] = history_.undo_depth();
    out["redoDepth"] = history_.redo_depth();
    out["undoLabel"] = history_.undo_label();
    out["fieldErrors"] = ui::field_error_count();
    out["firstFieldError"] = ui::first_field_error();
    out["status"] = ui_.status;
    out["example"] = flow::showing_example(*this);
    out["chartHover"] = charts::hover_text();
    json& notices = out["notices"] = json::array();
    for (const std::string& notice : ui_.notices) {
        notices.push_back(notice);
    }
    out["saveState"] = persistence_.save_label();
    out["shareFragment"] = persistence_.fragment();
    out["savedScenarios"] = library_.items.size();
    out["importActive"] = ui_.import.active;
    if (ui_.import.active) {
        out["importError"] = ui_.import.error;
        if (ui_.import.preview && ui_.import.preview->ok()) {
            out["importRows"] = ui_.import.preview->value().rows.size();
            out["importBadRows"] = ui_.import.preview->value().bad_rows;
        }
    }
    // The whole scenario for tests (its cached text is spliced in below); skipped for big rosters,
    // where publishing it every frame would cost the page more than drawing does.
    if (scenario_.roster.size() <= 200) {
        if (scenario_json_version_ != version_) {
            scenario_json_version_ = version_;
            scenario_json_ = core::export_scenario_json(scenario_, false);
        }
        scenario_text = scenario_json_;
    } else {
        scenario_json_.clear();
        scenario_json_.shrink_to_fit();
        scenario_json_version_ = ~std::uint64_t{0};
    }

    const core::Scenario& s = scenario_;
    json& engagement = out["engagement"] = json::object();
    engagement["followers"] = s.engagement_followers;
    engagement["posts"] = s.engagement.posts.size();
    const bool engagement_current = results_.engagement_version == version_;
    if (engagement_current && results_.measurement && results_.measurement->ok()) {
        engagement["rate"] = results_.measurement->value().rate;
        engagement["interactionsPerPost"] = results_.measurement->value().interactions_per_post;
    } else if (engagement_current && results_.measurement) {
        engagement["measurementError"] = results_.measurement->error().message;
    }
    if (engagement_current && results_.grade && results_.grade->ok()) {
        engagement["tier"] = results_.grade->value().tier_name;
        engagement["band"] = results_.grade->value().band;
        engagement["ratio"] = results_.grade->value().ratio;
    } else if (engagement_current && results_.grade) {
        engagement["error"] = results_.grade->error().message;
    }
    if (engagement_current && results_.expected_interactions &&
        results_.expected_interactions->ok()) {
        engagement["expectedInteractions"] = results_.expected_interactions->value();
    }
    if (engagement_current && results_.price && results_.price->ok()) {
        engagement["priceCents"] = results_.price->value().price.cents;
    }

    out["rosterSize"] = s.roster.size();
    json& draw_ms = out["uiDrawMs"] = json::array();
    for (int i = 0; i < 256 && i < ui_draw_index_; ++i) {
        draw_ms.push_back(ui_draw_ms_[(ui_draw_index_ - 1 - i) % 256]);
    }
    json& roster = out["roster"] = json::object();
    roster["rows"] = s.roster.size();
    roster["visibleRows"] = ui_.planner.visible.size();
    roster["regionFilter"] = ui_.planner.region_filter;
    roster["nicheFilter"] = ui_.planner.niche_filter;
    roster["sortColumn"] = ui_.planner.sort_column;
    // The view (visible rows, their order) matches the inputs and the sort and filter.
    roster["viewCurrent"] = !ui_.planner.dirty && ui_.planner.version == version_;
    roster["sortDescending"] = ui_.planner.sort_descending;
    roster["budgetCents"] = s.budget.cents;
    json& ids = roster["ids"] = json::array();
    for (std::size_t i = 0; i < s.roster.size() && i < 50; ++i) {
        ids.push_back(s.roster[i].id);
    }
    json& visible_ids = roster["visibleIds"] = json::array();
    for (std::size_t i = 0; i < ui_.planner.visible.size() && i < 50; ++i) {
        visible_ids.push_back(s.roster[static_cast<std::size_t>(ui_.planner.visible[i])].id);
    }

    // Results are published only when they belong to the inputs published with them.
    if (results_.campaign && results_.campaign->ok() && results_.campaign_version == version_) {
        const core::CampaignTotals& t = results_.campaign->value().totals;
        json& totals = out["totals"] = json::object();
        totals["influencers"] = t.influencers;
        totals["booked"] = t.booked;
        totals["invalidRows"] = t.invalid_rows;
        totals["followers"] = t.followers;
        totals["expectedEngagements"] = t.expected_engagements;
        totals["targetedEngagements"] = t.targeted_engagements;
        totals["estimatedReach"] = t.estimated_reach;
        if (t.cost_per_thousand_reached) {
            totals["costPerThousandReachedCents"] = t.cost_per_thousand_reached->cents;
        }
        totals["conversions"] = t.conversions;
        totals["costCents"] = t.cost.cents;
        totals["budgetLeftCents"] = t.budget_left.cents;
        totals["overrunCents"] = t.overrun.cents;
        if (t.cost_per_engagement) {
            totals["cpeCents"] = t.cost_per_engagement->cents;
        }
    }

    if (results_.comparison && results_.comparison->ok() &&
        results_.comparison_version == version_) {
        const core::Comparison& c = results_.comparison->value();
        json& comparison = out["comparison"] = json::object();
        comparison["winner"] = c.winner == core::Winner::a     ? "a"
                               : c.winner == core::Winner::b   ? "b"
                               : c.winner == core::Winner::tie ? "tie"
                                                               : "undecided";
        comparison["verdict"] = c.verdict;
        comparison["aMetric"] = c.a.metric;
        comparison["bMetric"] = c.b.metric;
        comparison["aCostCents"] = c.a.cost.cents;
        comparison["bCostCents"] = c.b.cost.cents;
        comparison["aRows"] = c.campaign_a.rows.size(); // each plan's influencers as compared
        comparison["bRows"] = c.campaign_b.rows.size();
        if (results_.simulation && results_.simulation->ok()) {
            comparison["probabilityABeatsB"] = results_.simulation->value().probability_a_beats_b;
        }
        comparison["decidedBy"] = c.decided_by;
        json& drivers = comparison["sensitivity"] = json::array();
        for (const core::SensitivityEntry& e : c.sensitivity) {
            drivers.push_back({{"label", e.label}, {"decides", e.decides}});
        }
    }

    publish_results_state(*this, out); // tracked results, ranked, and a results import

    const OptimizerRun& run = ui_.optimizer;
    json& optimizer = out["optimizer"] = json::object();
    optimizer["running"] = run.running;
    optimizer["stale"] = run.solution.has_value() && run.version != version_;
    optimizer["error"] = run.error;
    if (run.solution) {
        const core::OptimizerSolution& sol = *run.solution;
        optimizer["status"] = sol.status == core::SolveStatus::optimal         ? "optimal"
                              : sol.status == core::SolveStatus::limit_reached ? "limit_reached"
                                                                               : "infeasible";
        optimizer["objective"] = sol.objective;
        optimizer["totalCostCents"] = sol.total_cost.cents;
        optimizer["nodes"] = sol.nodes;
        json& chosen_ids = optimizer["chosenIds"] = json::array();
        for (const std::uint32_t id : sol.chosen_ids) {
            chosen_ids.push_back(id);
        }
    }
    // error_handler replace: a stray invalid UTF-8 byte in a name must not abort the page.
    std::string text = out.dump(-1, ' ', false, json::error_handler_t::replace);
    if (!scenario_text.empty()) {
        text.pop_back(); // the closing brace
        text += ",\"scenario\":";
        text += scenario_text;
        text += '}';
    }
    return text;
}

} // namespace web
