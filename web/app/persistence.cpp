#include "web/app/persistence.hpp"

#include "core/share_link.hpp"
#include "core/state_json.hpp"
#include "web/app/demo_roster.hpp"
#include "web/app/scenario_edits.hpp"
#include "web/platform/page_services.hpp"

#include <nlohmann/json.hpp>

namespace web {
namespace {

using json = nlohmann::json;

// Unreadable saved data is copied under a backup key that is not in use yet, so a
// second failure never overwrites the first backup.
std::string back_up(std::string_view key, std::string_view text) {
    for (int n = 1; n <= 20; ++n) {
        std::string backup = std::string(key) + ":backup" + (n == 1 ? "" : std::to_string(n));
        const auto existing = page_storage_read(backup);
        if (existing && *existing == text) {
            return backup; // already kept
        }
        if (!existing) {
            return page_storage_write(backup, text) == StorageStatus::saved ? backup
                                                                            : std::string();
        }
    }
    return std::string();
}

// Returns whether the URL asked for anything (even a parameter that was then rejected).
bool apply_prefill(core::Scenario& scenario, std::vector<std::string>& messages) {
    const std::string query = page_query();
    if (query.empty()) {
        return false;
    }
    // The app's screen ids, plus "planner" for the planner (the core calls it "roster").
    std::vector<std::string_view> ids = core::screen_ids();
    ids.push_back("planner");
    const core::PrefillParams prefill =
        core::parse_prefill(query, scenario.assumptions.currency, ids);
    for (const core::Error& error : prefill.errors) {
        messages.push_back("Link parameter " + error.field + ": " + error.message);
    }
    if (prefill.currency && *prefill.currency != scenario.assumptions.currency) {
        relabel_currency(scenario, *prefill.currency);
    }
    if (prefill.budget) {
        scenario.budget = core::Money{prefill.budget->cents, scenario.assumptions.currency};
    }
    if (prefill.screen) {
        if (*prefill.screen == "planner") {
            scenario.screen = core::Screen::roster;
        } else if (const auto screen = core::screen_from_id(*prefill.screen)) {
            scenario.screen = *screen;
        }
    }
    // ?demoRows=N: a made-up roster of N influencers (demos and the benchmark).
    const std::size_t at = query.find("demoRows=");
    if (at != std::string::npos && (at == 0 || query[at - 1] == '&' || query[at - 1] == '?')) {
        std::size_t rows = 0;
        for (std::size_t i = at + 9; i < query.size() && query[i] >= '0' && query[i] <= '9'; ++i) {
            rows = std::min<std::size_t>(rows * 10 + static_cast<std::size_t>(query[i] - '0'),
                                         max_demo_rows);
        }
        if (rows > 0) {
            fill_demo_roster(scenario, rows);
        }
    }
    return !prefill.errors.empty() || prefill.currency || prefill.budget || prefill.screen ||
           at != std::string::npos;
}

} // namespace

Startup load_startup() {
    Startup startup;
    startup.scenario = core::default_scenario();
    bool have = false;

    // 1. A share link in the fragment.
    const std::string fragment = page_fragment();
    if (!fragment.empty()) {
        auto decoded = core::decode_share_fragment(fragment);
        if (decoded.ok()) {
            startup.scenario = std::move(decoded).value();
            startup.from_link = true;
            have = true;
        } else {
            startup.messages.push_back(decoded.error().message);
        }
    }

    // 2. The autosave (also read when a link was opened: different work is kept).
    if (const auto saved = page_storage_read(autosave_key)) {
        auto imported = core::import_scenario_json(*saved);
        if (imported.ok()) {
            if (!have && fragment.empty()) {
                startup.scenario = std::move(imported).value();
                have = true;
            } else if (core::export_scenario_json(imported.value(), false) !=
                       core::export_scenario_json(startup.scenario, false)) {
                // A link opened (or a damaged one fell back to the default scenario):
                // the next autosave would overwrite this work, so it is kept by name.
                startup.autosave_differs = true;
                startup.previous_autosave = std::move(imported).value();
            }
        } else {
            const std::string backup = back_up(autosave_key, *saved);
            startup.messages.push_back(
                "Your saved work could not be read (" + imported.error().message + ")" +
                (backup.empty()
                     ? std::string(".")
                     : ". It is kept unchanged in this browser under \"" + backup + "\"."));
        }
    }
    const bool prefilled = apply_prefill(startup.scenario, startup.messages);
    startup.is_default = !have && !prefilled;
    return startup;
}

void Persistence::sync(const core::Scenario& scenario, std::uint64_t version) {
    if (version == version_ && scenario.screen == screen_) {
        return;
    }
    if (untouched_version_ && version == *untouched_version_) {
        return; // the default example as it opened: nothing to keep, nothing to link
    }
    untouched_version_.reset();
    version_ = version;
    screen_ = scenario.screen;
    if (scenario.roster.size() > autosave_row_limit) {
        save_state_ = SaveState::too_big;
    } else {
        save(scenario);
    }
    update_link(scenario);
}

void Persistence::save(const core::Scenario& scenario) {
    switch (page_storage_write(autosave_key, core::export_scenario_json(scenario, false))) {
    case StorageStatus::saved:
        save_state_ = SaveState::saved;
        break;
    case StorageStatus::unavailable:
        save_state_ = SaveState::unavailable;
        break;
    case StorageStatus::full:
        save_state_ = SaveState::full;
        break;
    case StorageStatus::error:
        save_state_ = SaveState::failed;
        break;
    }
}

void Persistence::update_link(const core::Scenario& scenario) {
    // The share link: skipped for rosters that cannot fit in a link anyway.
    if (scenario.roster.size() > 400) {
        fragment_.clear();
        fragment_error_ = "This plan is too big for a link: save it as a file instead.";
    } else if (auto encoded = core::encode_share_fragment(scenario); encoded.ok()) {
        fragment_ = std::move(encoded).value();
        fragment_error_.clear();
    } else {
        fragment_.clear();
        fragment_error_ = encoded.error().message;
    }
    page_replace_fragment(fragment_);
}

std::string_view Persistence::save_label() const {
    switch (save_state_) {
    case SaveState::not_yet:
        return "";
    case SaveState::saved:
        return "Saved in this browser";
    case SaveState::unavailable:
        return "Not saved: storage unavailable";
    case SaveState::full:
        return "Not saved: storage full";
    case SaveState::failed:
        return "Not saved";
    case SaveState::too_big:
        return "Not saved automatically: too big for this browser's storage (download the "
               "scenario file to keep it)";
    }
    return "";
}

Library load_library() {
    Library library;
    const auto text = page_storage_read(library_key);
    if (!text) {
        return library;
    }
    const json document = json::parse(*text, nullptr, false);
    const bool shaped = !document.is_discarded() && document.is_object() &&
                        document.value("format", std::string()) == "microreach-scenarios" &&
                        document.contains("items") && document["items"].is_array();
    if (!shaped) {
        const std::string backup = back_up(library_key, *text);
        library.error = "Your saved scenarios could not be read" +
                        (backup.empty() ? std::string(".")
                                        : "; they are kept unchanged under \"" + backup + "\".");
        return library;
    }
    int unreadable = 0;
    for (const json& item : document["items"]) {
        if (!item.is_object() || !item.contains("scenario") || !item.contains("name") ||
            !item["name"].is_string()) {
            ++unreadable;
            continue;
        }
        auto scenario = core::detail::scenario_from_json(item["scenario"]);
        if (!scenario.ok()) {
            ++unreadable;
            continue;
        }
        library.items.push_back({item["name"].get<std::string>(), std::move(scenario).value()});
    }
    if (unreadable > 0) {
        const std::string backup = back_up(library_key, *text);
        library.error = std::to_string(unreadable) + " saved scenario(s) could not be read" +
                        (backup.empty() ? std::string(".")
                                        : "; the list is kept unchanged under \"" + backup + "\".");
    }
    return library;
}

bool save_library(const std::vector<SavedScenario>& items) {
    json document = json::object();
    document["format"] = "microreach-scenarios";
    document["version"] = 1;
    json list = json::array();
    for (const SavedScenario& item : items) {
        json entry = json::object();
        entry["name"] = item.name;
        entry["scenario"] = core::detail::scenario_to_json(item.scenario);
        list.push_back(std::move(entry));
    }
    document["items"] = std::move(list);
    const std::string text = document.dump(-1, ' ', false, json::error_handler_t::replace);
    return page_storage_write(library_key, text) == StorageStatus::saved;
}

} // namespace web
