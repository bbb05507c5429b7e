// Keeping the user's work: the scenario to start with (a share link, else the
// autosave, else the article's example with the URL's prefill parameters), the
// autosave and the share link written after every change, and the named scenarios
// kept in the browser's storage.
//
// Storage keys (localStorage, through web/platform/page_services.hpp):
//   microreach:autosave            the current scenario (core/state_json.hpp, compact)
//   microreach:autosave:rev        a token rewritten with every autosave: a tab that finds
//                                  another token than its own knows another tab saved
//   microreach:<key>:backup[N]     saved data that could not be read, kept untouched (at
//                                  most max_backups per key; listed under Files)
//   microreach:scenarios           the named scenarios: {"format": "microreach-scenarios",
//                                  "version": 1, "items": [{"id", "name", "scenario"}]}
// Two tabs: the named scenarios are merged by id on every write (what this tab added,
// renamed or deleted since it last read the list is applied to the list as stored now),
// and the autosave never replaces another tab's newer save unasked: the tab stops
// saving and asks which version to keep (the other one is kept under Files).
// Without storage (a sandboxed iframe, private browsing) everything still works; the
// indicator says the work is not saved.
#pragma once

#include "core/scenario.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace web {

inline constexpr std::string_view autosave_key = "microreach:autosave";
inline constexpr std::string_view library_key = "microreach:scenarios";

struct SavedScenario {
    std::string id; // unique across tabs; older lists get one derived from the item
    std::string name;
    core::Scenario scenario;
};

struct Library {
    std::vector<SavedScenario> items;
    std::string error; // the stored list could not be read (it was backed up)
    // The list as last read or written (id -> name and scenario JSON): what this tab
    // changed since is what a write applies to the list as stored by then.
    std::vector<std::pair<std::string, std::string>> base;
};

[[nodiscard]] Library load_library();
// Merges this tab's changes into the stored list (by id) and writes it; `library` then
// holds the merged list. Returns false when storage refused it.
[[nodiscard]] bool save_library(Library& library);
// A new item with a fresh id.
[[nodiscard]] SavedScenario new_saved_scenario(std::string name, core::Scenario scenario);

struct Startup {
    core::Scenario scenario;
    std::vector<std::string> messages; // what the user should know (damaged link ...)
    bool is_default = false;           // the article's example: no link, save or URL parameter
};

// The scenario to open, from the page URL and storage. URL parameters that change the
// plan (budget, currency) apply to the default scenario; over saved work they open a
// new plan as a share link does, the saved work kept in `library` (or, when it cannot
// be kept, they are ignored); either way a message says so. `?demoRows=N` works only
// with the test hook (`?testhook=1`).
[[nodiscard]] Startup load_startup(Library& library);

// Rosters above this size are not autosaved: their JSON (about 250 bytes a row) would
// not fit the few megabytes browsers give an origin, and writing it on every edit would
// stall the page. The Files panel says so and offers the JSON download.
inline constexpr std::size_t autosave_row_limit = 4'000;

enum class SaveState : std::uint8_t {
    not_yet,
    saved,
    unavailable,
    full,
    failed,
    too_big,
    other_tab // another tab saved since this one: not saved until the user chooses
};

class Persistence {
public:
    Persistence();
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

    // Another tab saved (a storage event, or found before a write): true when this
    // tab must ask which version to keep.
    bool check_other_tab();
    // The other tab's saved scenario (nullopt when it cannot be read any more).
    [[nodiscard]] std::optional<core::Scenario> other_tab_scenario() const;
    // The user chose: this tab saves again from now on (`scenario` is what it keeps).
    void resolve_other_tab(const core::Scenario& scenario);

private:
    void save(const core::Scenario& scenario);
    void update_link(const core::Scenario& scenario);

    std::uint64_t version_ = ~std::uint64_t{0};
    std::optional<std::uint64_t> untouched_version_;
    core::Screen screen_ = core::Screen::compare;
    SaveState save_state_ = SaveState::not_yet;
    std::string fragment_;
    std::string fragment_error_;
    std::optional<std::string> revision_;    // the autosave token as this tab last saw it
    std::optional<std::uint32_t> saved_crc_; // CRC-32 of the autosave this tab wrote or took
};

// Damaged saved data kept aside (microreach:...:backup*), for the Files panel.
struct Backup {
    std::string key;
    std::size_t bytes = 0;
};
inline constexpr int max_backups = 5; // per key: older ones are not overwritten
[[nodiscard]] std::vector<Backup> list_backups();

} // namespace web
