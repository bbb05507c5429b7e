// Results from the files marketers already have (issue #20), on the Results screen:
// - "Tracking links and codes": the landing page and the UTM and code patterns
//   (core/tracking_links.hpp), an example link, and the CSV of links and codes to send
//   to the creators (codes still missing are assigned and stored with the roster first).
// - "Import results": a shop's sales by discount code, a web analytics export by
//   campaign link or a platform's post insights (core/results_import.hpp). The file is
//   previewed (matched, ambiguous, unmatched and ignored rows, bad cells by line and
//   field); the user picks the influencer of a row or leaves it out; Apply replaces
//   that source's earlier rows in one undo step, Cancel changes nothing.
// The planner's "Discount code" and "Tracking link" columns show the same values
// (web/app/planner_columns.hpp).
#pragma once

#include "core/campaign.hpp"
#include "core/results_import.hpp"
#include "core/scenario.hpp"

#include <cstdint>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace web {

class App;

// What the "Import results" card keeps between frames (in UiState), until the user
// applies or cancels.
struct PendingResultsImport {
    bool picking = false; // the file picker was opened by "Choose a results file"
    bool active = false;  // a file is being previewed
    std::string name;     // the file's name
    std::string error;    // the file could not be read at all
    std::string text;     // its text: the preview is redone when the plan changes
    std::uint64_t version = ~std::uint64_t{0}; // the plan's version the preview is of
    std::optional<core::Result<core::ResultsPreview>> preview;
    std::vector<core::MatchChoice> choices; // the user's picks, one per line at most
};

void draw_tracking_setup(App& app);
void draw_results_import(App& app);

// Takes a chosen file when the picker was opened for results; false otherwise (the
// roster import takes it).
bool receive_results_file(App& app, std::string_view name, std::string_view bytes,
                          std::string_view error);

// The influencer's tracking link, or "-" (not booked, no landing page, bad pattern).
[[nodiscard]] std::string tracking_link_text(const core::Scenario& scenario,
                                             const core::Influencer& influencer);

// For the test hook: the tracked results ranked as the screen shows them, their totals,
// and the pending import's preview.
void publish_results_state(const App& app, nlohmann::json& out);

} // namespace web
