// The Microreach app: one application state (a core::Scenario with every input, plus
// UI-only state such as the screen, the theme and the planner's sort order), drawn
// every frame with Dear ImGui. The UI edits inputs only, through App::edit(), which
// records an undo step; every result is recomputed from the inputs by the core once
// per change (App::refresh at the start of a frame) and cached until the next one.
//
// [SECTION] Index
// - Screens and options
// - Results: what the core computed from the scenario
// - Planner and optimizer UI state
// - App
#pragma once

#include "core/benchmarks.hpp"
#include "core/campaign.hpp"
#include "core/compare.hpp"
#include "core/csv.hpp"
#include "core/optimizer.hpp"
#include "core/pricing.hpp"
#include "core/roster_csv.hpp"
#include "core/scenario.hpp"
#include "core/uncertainty.hpp"
#include "web/app/charts.hpp"
#include "web/app/persistence.hpp"
#include "web/app/results_files.hpp"
#include "web/app/theme.hpp"
#include "web/logic/undo.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace web {

// [SECTION] Screens and options

// The five screens the UI shows. The scenario stores the chosen one (core::Screen).
enum class Screen : int { engagement = 0, compare, planner, results, assumptions };
inline constexpr int screen_count = 5;
[[nodiscard]] const char* screen_label(Screen screen);
[[nodiscard]] Screen screen_from_core(core::Screen screen);
[[nodiscard]] core::Screen screen_to_core(Screen screen);

struct AppOptions {
    bool embed_mode = false;   // compact, no page chrome (set by ?embed=1)
    bool verdict_view = false; // ?view=verdict: the comparison's inputs and answer only
    ThemeSettings theme;       // ?theme= and ?accent=, or the system's colour scheme
    // Told when the user switches the theme, so the page around can follow.
    void (*on_theme_changed)(ThemeKind kind) = nullptr;
};

// [SECTION] Results

template <class T>
using Computed = std::optional<core::Result<T>>; // empty until computed

// Each part carries the scenario version it was computed from: a part is recomputed
// only when the inputs changed and a screen (or the test hook) needs it.
struct Results {
    static constexpr std::uint64_t never = ~std::uint64_t{0};
    // Engagement screen
    std::uint64_t engagement_version = never;
    core::BenchmarkSet benchmark; // the chosen set (a copy: edits may move the vector)
    Computed<core::EngagementResult> measurement; // the Engagement screen's posts
    Computed<core::Grade> grade;
    Computed<double> expected_interactions;
    Computed<core::PriceSuggestion> price;
    // Planner, Results, the Engagement chart's roster points
    std::uint64_t campaign_version = never;
    Computed<core::CampaignResult> campaign;
    // One big or many small
    std::uint64_t comparison_version = never;
    Computed<core::Comparison> comparison;
    Computed<core::PlanBands> bands_a, bands_b;
    Computed<core::PairSimulation> simulation;
    // Results (tracking)
    std::uint64_t tracking_version = never;
    Computed<core::TrackingResult> tracking;
};

// [SECTION] Planner and optimizer UI state

// Formatted cells of one roster row, one per planner column (web/app/planner_columns.hpp),
// made once per change so the table formats nothing per frame.
using RowText = std::vector<std::string>;

struct PlannerView {
    std::uint64_t version = ~std::uint64_t{0}; // scenario version of the cache
    std::string_view sort_column;              // a planner column's key; "" = roster order
    bool sort_descending = false;
    std::string region_filter, niche_filter;      // "" = all
    char search_buffer[64] = {};                  // the search box's text
    bool only_plan = false;                       // show only the optimizer's plan
    bool dirty = true;                            // sort or filter changed
    std::vector<int> visible;                     // roster indices after filter and sort
    std::vector<RowText> text;                    // per roster index, formatted when shown
    std::vector<std::uint64_t> text_version;      // version each row's text was made for
    std::vector<std::string> row_error;           // per roster index: first error, or ""
    std::size_t invalid_rows = 0;                 // rows with an error
    std::vector<std::string> regions, niches;     // distinct values, sorted
    std::vector<int> region_of_row;               // per roster index: index into regions
    std::vector<charts::Segment> budget_segments; // one per booked row, roster order
    std::uint32_t scroll_to_id = 0;               // bring this row into view (after adding)
    std::uint32_t selected_id = 0;                // row open in the editor (narrow screens)
};

struct OptimizerRun {
    std::optional<core::OptimizerSolver> solver; // kept while stopped, to keep searching
    bool running = false;
    double searched_ms = 0.0;  // searching time since the last start or "keep searching"
    std::uint64_t version = 0; // scenario version it solved
    double started_ms = 0.0;
    double elapsed_ms = 0.0;
    std::optional<core::OptimizerSolution> solution;
    std::string error;                 // infeasible or invalid input, in the core's words
    std::vector<std::uint32_t> chosen; // sorted ids of the plan, for highlighting
    std::int64_t node_budget_per_frame = 2000;
};

// A CSV import waiting for the user's decision (nothing is applied before).
struct PendingImport {
    bool active = false;
    std::string name;  // file name or "Pasted text"
    std::string error; // the file or the CSV could not be read
    std::optional<core::CsvTable> table;
    core::RosterMapping mapping;
    std::optional<double> default_rate; // for rows without an engagement rate
    Computed<core::RosterPreview> preview;
};

struct SavedComparison {
    int left = -1, right = -1;
    std::uint64_t version = 0, library_version = 0;
    Computed<core::CampaignResult> a, b;
};

struct UiState {
    bool show_story = true;
    int ranking_metric = 2; // core::TrackingMetric on the Results screen
    PlannerView planner;
    OptimizerRun optimizer;
    std::string status;               // last undo/redo or import message, until the next edit
    std::vector<std::string> notices; // startup problems (damaged link ...), until dismissed
    // The Files panel.
    bool show_files = false;
    bool show_embed = false;
    bool export_bom = true;
    PendingImport import;
    bool import_new_plan = false; // "New plan from a CSV file": the import starts a blank plan
    // The inputs' version at which the untouched example was opened (web/app/plan_bar.cpp).
    std::uint64_t example_version = ~std::uint64_t{0};
    bool import_show_mapping = false;
    char paste_buffer[32 * 1024] = {};
    char scenario_name[64] = {};
    std::optional<SavedScenario> deleted_scenario; // "Undo delete"
    std::size_t deleted_index = 0;
    int compare_left = 0, compare_right = 1;
    SavedComparison saved_comparison;
    PendingResultsImport results_import; // the Results screen's "Import results"
};

// [SECTION] App

class App {
public:
    explicit App(const AppOptions& options);

    // Draws the whole UI for one frame (between ImGui::NewFrame and ImGui::Render).
    void draw_frame();
    // The application state as JSON, for the test hook.
    [[nodiscard]] std::string state_json() const;

    // The inputs (read only) and the way to change them: edit() records an undo step
    // named `what` (one per edit gesture: a drag records once) and invalidates results.
    [[nodiscard]] const core::Scenario& scenario() const { return scenario_; }
    core::Scenario& edit(std::string_view what);
    // Replaces every input at once (import, load, reset), as one undo step.
    void replace_scenario(core::Scenario scenario, std::string_view what);
    void undo();
    void redo();
    [[nodiscard]] const UndoHistory& history() const { return history_; }

    // Results of the inputs as they were at the start of this frame.
    [[nodiscard]] const Results& results() const { return results_; }
    [[nodiscard]] std::uint64_t version() const { return version_; }

    UiState& ui() { return ui_; }
    [[nodiscard]] const UiState& ui() const { return ui_; }
    [[nodiscard]] const AppOptions& options() const { return options_; }
    [[nodiscard]] const Persistence& persistence() const { return persistence_; }
    Persistence& persistence() { return persistence_; }
    Library& library() { return library_; }
    [[nodiscard]] std::uint64_t library_version() const { return library_version_; }
    // Writes the saved scenarios; `message` goes to the status line (or a warning).
    void store_library(std::string message);
    void set_theme(ThemeKind kind);
    [[nodiscard]] Screen screen() const { return screen_from_core(scenario_.screen); }
    // Navigation is stored in the scenario (share links open on it) but is not an edit:
    // no undo step.
    void set_screen(Screen screen);

    // Layout facts for this frame.
    [[nodiscard]] bool wide() const { return width_ >= 760.0f; }
    [[nodiscard]] float width() const { return width_; }
    [[nodiscard]] double now_ms() const { return now_ms_; }

private:
    void refresh(); // recomputes results when the inputs changed
    void draw_header();
    void handle_shortcuts();

    AppOptions options_;
    core::Scenario scenario_;
    UndoHistory history_;
    std::uint64_t version_ = 0;
    unsigned last_edit_active_id_ = 0;
    Results results_;
    UiState ui_;
    bool theme_applied_ = false;
    float last_content_height_ = 0.0f;
    int last_vertices_ = -1, last_windows_ = -1; // what the previous frame drew
    double ui_draw_ms_[256] = {}; // time spent building recent frames (for the benchmark)
    int ui_draw_index_ = 0;
    Persistence persistence_;
    Library library_;
    std::uint64_t library_version_ = 0;
    std::uint64_t announced_version_ = ~std::uint64_t{0}; // report in the live region
    mutable std::string scenario_json_;                   // cached for the test hook
    mutable std::uint64_t scenario_json_version_ = ~std::uint64_t{0};
    float width_ = 0.0f;
    double now_ms_ = 0.0;
};

} // namespace web
