// Keeping the user's work: the scenario to start with (a share link, else the
// autosave, else the article's example, then the URL's prefill parameters), the
// autosave and the share link written after every change, and the named scenarios
// kept in the browser's storage.
//
// Storage keys (localStorage, through web/platform/page_services.hpp):
//   microreach:autosave            the current scenario (core/state_json.hpp, compact)
//   microreach:autosave:backup[N]  saved data that could not be read, kept untouched
//   microreach:scenarios           the named scenarios: {"format": "microreach-scenarios",
//                                  "version": 1, "items": [{"name", "scenario"}]}
// Without storage (a sandboxed iframe, private browsing) everything still works; the
// indicator says the work is not saved.
#pragma once

#include "core/scenario.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace web {

inline constexpr std::string_view autosave_key = "microreach:autosave";
inline constexpr std::string_view library_key = "microreach:scenarios";

struct Startup {
    core::Scenario scenario;
    std::vector<std::string> messages; // what the user should know (damaged link ...)
    bool from_link = false;
    bool is_default = false;          // the article's example: no link, save or URL parameter
    bool autosave_differs = false;    // a link replaced different saved work
    core::Scenario previous_autosave; // that work, to keep as a named scenario
};

// The scenario to open, from the page URL and storage.
[[nodiscard]] Startup load_startup();

// Rosters above this size are not autosaved: their JSON (about 250 bytes a row) would
// not fit the few megabytes browsers give an origin, and writing it on every edit would
// stall the page. The Files panel says so and offers the JSON download.
inline constexpr std::size_t autosave_row_limit = 4'000;

enum class SaveState : std::uint8_t { not_yet, saved, unavailable, full, failed, too_big };

class Persistence {
public:
    // Saves and updates the share link when the inputs (or the screen) changed.
    void sync(const core::Scenario& scenario, std::uint64_t version);
    // The default example is neither saved nor put in the address until the reader
    // changes something: a visitor who only reads leaves nothing in their browser, and
    // the page does no serializing work for them.
    void start_untouched(std::uint64_t version) { untouched_version_ = version; }
    [[nodiscard]] SaveState save_state() const { return save_state_; }
    [[nodiscard]] std::string_view save_label() const;
    // The current share fragment ("v1.…"), or "" when the scenario is too big for a link.
    [[nodiscard]] const std::string& fragment() const { return fragment_; }
    [[nodiscard]] const std::string& fragment_error() const { return fragment_error_; }

private:
    void save(const core::Scenario& scenario);
    void update_link(const core::Scenario& scenario);

    std::uint64_t version_ = ~std::uint64_t{0};
    std::optional<std::uint64_t> untouched_version_;
    core::Screen screen_ = core::Screen::compare;
    SaveState save_state_ = SaveState::not_yet;
    std::string fragment_;
    std::string fragment_error_;
};

struct SavedScenario {
    std::string name;
    core::Scenario scenario;
};

struct Library {
    std::vector<SavedScenario> items;
    std::string error; // the stored list could not be read (it was backed up)
};

[[nodiscard]] Library load_library();
// Writes the whole list; returns false when storage refused it.
[[nodiscard]] bool save_library(const std::vector<SavedScenario>& items);

} // namespace web
