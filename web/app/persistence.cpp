#include "web/app/persistence.hpp"

#include "core/share_link.hpp"
#include "core/state_json.hpp"
#include "web/app/demo_roster.hpp"
#include "web/app/screens.hpp"
#include "web/logic/scenario_edits.hpp"
#include "web/platform/page_services.hpp"

#include <algorithm>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <random>

namespace web {
namespace {

using json = nlohmann::json;

constexpr std::string_view revision_key = "microreach:autosave:rev";
constexpr std::string_view kept_name = "Your work before opening a link";

std::string backup_key(std::string_view key, int n) {
    return std::string(key) + ":backup" + (n == 1 ? "" : std::to_string(n));
}

// Unreadable saved data is copied under a backup key that is not in use yet, so a
// second failure never overwrites the first backup; at most max_backups per key.
std::string back_up(std::string_view key, std::string_view text) {
    for (int n = 1; n <= max_backups; ++n) {
        const std::string backup = backup_key(key, n);
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

std::string random_token() {
    std::random_device device;
    char text[24];
    std::snprintf(text, sizeof text, "%08x%08x", device(), device());
    return text;
}

std::string compact_json(const core::Scenario& scenario) {
    return core::export_scenario_json(scenario, false);
}

// What the URL asks for. `plan` parameters change the scenario (budget, currency, demo
// rows); `screen` only chooses where it opens.
struct Prefill {
    core::PrefillParams params;
    std::size_t demo_rows = 0;
    bool asked = false; // any parameter of ours, even one that was rejected
    [[nodiscard]] bool changes_plan() const {
        return params.budget || params.currency || demo_rows > 0;
    }
};

// The value of `name` in a query string (last one wins), or nullopt.
std::optional<std::string_view> query_value(std::string_view query, std::string_view name) {
    std::optional<std::string_view> found;
    std::size_t start = 0;
    while (start <= query.size()) {
        const std::size_t end = std::min(query.find('&', start), query.size());
        const std::string_view pair = query.substr(start, end - start);
        if (pair.substr(0, pair.find('=')) == name) {
            found = pair.find('=') == std::string_view::npos ? std::string_view()
                                                             : pair.substr(pair.find('=') + 1);
        }
        start = end + 1;
    }
    return found;
}

Prefill read_prefill(core::Currency currency, std::vector<std::string>& messages) {
    Prefill prefill;
    const std::string query = page_query();
    if (query.empty()) {
        return prefill;
    }
    // The stored screen ids, plus each screen's link name ("planner" for "roster").
    std::vector<std::string_view> ids = core::screen_ids();
    for (const ScreenInfo& screen : screen_table) {
        if (std::find(ids.begin(), ids.end(), screen.link_name) == ids.end()) {
            ids.push_back(screen.link_name);
        }
    }
    prefill.params = core::parse_prefill(query, currency, ids);
    for (const core::Error& error : prefill.params.errors) {
        messages.push_back("Link parameter " + error.field + ": " + error.message);
    }
    // ?demoRows=N: a made-up roster of N influencers, for the tests and the benchmark
    // only (with the test hook), never a switch a link can flip in a reader's browser.
    if (query_value(query, "testhook") == "1") {
        if (const auto rows = query_value(query, "demoRows")) {
            for (const char c : *rows) {
                if (c < '0' || c > '9') {
                    break;
                }
                prefill.demo_rows = std::min<std::size_t>(
                    prefill.demo_rows * 10 + static_cast<std::size_t>(c - '0'), max_demo_rows);
            }
        }
    }
    const core::PrefillParams& p = prefill.params;
    prefill.asked = !p.errors.empty() || p.currency || p.budget || p.screen || prefill.demo_rows;
    return prefill;
}

void apply_screen(const Prefill& prefill, core::Scenario& scenario) {
    if (!prefill.params.screen) {
        return;
    }
    for (const ScreenInfo& screen : screen_table) {
        if (*prefill.params.screen == screen.link_name) {
            scenario.screen = screen.stored;
            return;
        }
    }
    if (const auto screen = core::screen_from_id(*prefill.params.screen)) {
        scenario.screen = *screen;
    }
}

void apply_plan(const Prefill& prefill, core::Scenario& scenario) {
    const core::PrefillParams& p = prefill.params;
    if (p.currency && *p.currency != scenario.assumptions.currency) {
        relabel_currency(scenario, *p.currency);
    }
    if (p.budget) {
        scenario.budget = core::Money{p.budget->cents, scenario.assumptions.currency};
    }
    if (prefill.demo_rows > 0) {
        fill_demo_roster(scenario, prefill.demo_rows);
    }
}

// Keeps `previous` under Files (once: the same work already kept is not kept twice).
bool keep_in_library(Library& library, core::Scenario previous) {
    const std::string text = compact_json(previous);
    const bool kept =
        std::any_of(library.items.begin(), library.items.end(),
                    [&](const SavedScenario& item) { return compact_json(item.scenario) == text; });
    if (kept) {
        return true;
    }
    library.items.push_back(new_saved_scenario(std::string(kept_name), std::move(previous)));
    if (save_library(library)) {
        return true;
    }
    library.items.pop_back();
    return false;
}

const std::string kept_notice =
    "Your previous work is kept under Files, as \"" + std::string(kept_name) + "\".";

} // namespace

Startup load_startup(Library& library) {
    Startup startup;
    startup.scenario = core::default_scenario();

    // 1. A share link in the fragment.
    const std::string fragment = page_fragment();
    bool from_link = false;
    if (!fragment.empty()) {
        auto decoded = core::decode_share_fragment(fragment);
        if (decoded.ok()) {
            startup.scenario = std::move(decoded).value();
            from_link = true;
        } else {
            startup.messages.push_back(decoded.error().message);
        }
    }

    // 2. The autosave (also read when a link was opened: different work is kept).
    std::optional<core::Scenario> saved;
    if (const auto text = page_storage_read(autosave_key)) {
        auto imported = core::import_scenario_json(*text);
        if (imported.ok()) {
            saved = std::move(imported).value();
        } else {
            const std::string backup = back_up(autosave_key, *text);
            startup.messages.push_back(
                "Your saved work could not be read (" + imported.error().message + ")" +
                (backup.empty()
                     ? std::string(".")
                     : ". It is kept unchanged in this browser under \"" + backup + "\"."));
        }
    }

    // 3. The URL's parameters: read in the currency of the plan they would change.
    const Prefill prefill = read_prefill(startup.scenario.assumptions.currency, startup.messages);
    const bool replaces_saved = !fragment.empty() || prefill.changes_plan();
    if (from_link) {
        if (prefill.changes_plan()) {
            startup.messages.push_back("The link carries a whole plan, so its budget and "
                                       "currency parameters were not applied.");
        }
    } else if (saved && !fragment.empty()) {
        // A damaged link: the default scenario opens, the saved work is kept below.
    } else if (saved && prefill.changes_plan()) {
        apply_plan(prefill, startup.scenario);
    } else if (saved) {
        startup.scenario = *saved;
    } else {
        apply_plan(prefill, startup.scenario);
    }
    apply_screen(prefill, startup.scenario);

    // 4. Saved work that the link or the parameters replaced is kept under Files; when
    // it cannot be kept, parameters are ignored rather than the work lost.
    if (saved && replaces_saved && compact_json(*saved) != compact_json(startup.scenario)) {
        if (keep_in_library(library, *saved)) {
            startup.messages.push_back(
                std::string(from_link ? "The link opened a shared plan. "
                            : fragment.empty()
                                ? "The link's parameters opened a new plan (budget, currency). "
                                : "") +
                kept_notice);
        } else if (fragment.empty()) {
            startup.scenario = std::move(*saved);
            apply_screen(prefill, startup.scenario);
            startup.messages.push_back(
                "The link's budget and currency were not applied: your saved work stays as "
                "it was (this browser's storage could not keep a copy of it).");
        }
    }
    startup.is_default = !saved && fragment.empty() && !prefill.asked;
    return startup;
}

// [SECTION] Autosave

Persistence::Persistence() : revision_(page_storage_read(revision_key)) {
    if (const auto text = page_storage_read(autosave_key)) {
        saved_crc_ = core::detail::crc32(*text);
    }
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
    } else if (!check_other_tab()) {
        save(scenario);
    }
    update_link(scenario);
}

bool Persistence::check_other_tab() {
    if (save_state_ == SaveState::other_tab) {
        return true;
    }
    const auto revision = page_storage_read(revision_key);
    if (revision != revision_) {
        // Another tab saved. The same work as this tab's (a second tab that opened the
        // autosave and wrote it back) is no news; anything else is.
        const auto text = page_storage_read(autosave_key);
        if (text && saved_crc_ == core::detail::crc32(*text)) {
            revision_ = revision;
        } else {
            save_state_ = SaveState::other_tab;
        }
    }
    return save_state_ == SaveState::other_tab;
}

std::optional<core::Scenario> Persistence::other_tab_scenario() const {
    const auto text = page_storage_read(autosave_key);
    if (!text) {
        return std::nullopt;
    }
    auto scenario = core::import_scenario_json(*text);
    return scenario.ok() ? std::optional<core::Scenario>(std::move(scenario).value())
                         : std::nullopt;
}

void Persistence::resolve_other_tab(const core::Scenario& scenario) {
    revision_ = page_storage_read(revision_key);
    const auto stored = page_storage_read(autosave_key);
    saved_crc_ = stored ? std::optional<std::uint32_t>(core::detail::crc32(*stored)) : std::nullopt;
    save_state_ = SaveState::not_yet;
    save(scenario);
}

void Persistence::save(const core::Scenario& scenario) {
    const std::string text = compact_json(scenario);
    const std::uint32_t crc = core::detail::crc32(text);
    if (saved_crc_ == crc && page_storage_read(revision_key) == revision_) {
        save_state_ = SaveState::saved; // storage holds exactly this already
        return;
    }
    const StorageStatus status = page_storage_write(autosave_key, text);
    saved_crc_ = status == StorageStatus::saved ? std::optional<std::uint32_t>(crc) : std::nullopt;
    if (status == StorageStatus::saved) {
        revision_ = random_token();
        if (page_storage_write(revision_key, *revision_) != StorageStatus::saved) {
            revision_ = page_storage_read(revision_key);
        }
    }
    switch (status) {
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
    case SaveState::other_tab:
        return "Not saved: this plan was changed in another tab (choose under Files which "
               "one to keep)";
    }
    return "";
}

// [SECTION] Named scenarios

namespace {

struct StoredList {
    std::vector<SavedScenario> items;
    std::string error;
};

// Items of older lists have no id: one derived from the item itself gives every tab
// the same id for the same item.
std::string derived_id(const std::string& name, const std::string& scenario_text,
                       std::size_t index) {
    char text[32];
    std::snprintf(text, sizeof text, "l%08x-%zu", core::detail::crc32(name + '\n' + scenario_text),
                  index);
    return text;
}

StoredList read_stored_list() {
    StoredList list;
    const auto text = page_storage_read(library_key);
    if (!text) {
        return list;
    }
    const json document = json::parse(*text, nullptr, false);
    const bool shaped = !document.is_discarded() && document.is_object() &&
                        document.value("format", std::string()) == "microreach-scenarios" &&
                        document.contains("items") && document["items"].is_array();
    if (!shaped) {
        const std::string backup = back_up(library_key, *text);
        list.error = "Your saved scenarios could not be read" +
                     (backup.empty() ? std::string(".")
                                     : "; they are kept unchanged under \"" + backup + "\".");
        return list;
    }
    int unreadable = 0;
    std::size_t index = 0;
    for (const json& item : document["items"]) {
        ++index;
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
        SavedScenario saved{"", item["name"].get<std::string>(), std::move(scenario).value()};
        saved.id = item.contains("id") && item["id"].is_string()
                       ? item["id"].get<std::string>()
                       : derived_id(saved.name, item["scenario"].dump(), index);
        list.items.push_back(std::move(saved));
    }
    if (unreadable > 0) {
        const std::string backup = back_up(library_key, *text);
        list.error = std::to_string(unreadable) + " saved scenario(s) could not be read" +
                     (backup.empty() ? std::string(".")
                                     : "; the list is kept unchanged under \"" + backup + "\".");
    }
    return list;
}

std::string item_text(const SavedScenario& item) {
    return item.name + '\n' + compact_json(item.scenario);
}

std::vector<std::pair<std::string, std::string>> snapshot(const std::vector<SavedScenario>& items) {
    std::vector<std::pair<std::string, std::string>> base;
    base.reserve(items.size());
    for (const SavedScenario& item : items) {
        base.emplace_back(item.id, item_text(item));
    }
    return base;
}

} // namespace

SavedScenario new_saved_scenario(std::string name, core::Scenario scenario) {
    return {"s" + random_token(), std::move(name), std::move(scenario)};
}

Library load_library() {
    StoredList stored = read_stored_list();
    Library library{std::move(stored.items), std::move(stored.error), {}};
    library.base = snapshot(library.items);
    return library;
}

bool save_library(Library& library) {
    // What this tab did since it last read the list: deleted (in base, not here), added
    // (here, not in base), changed (text differs from base).
    const auto base_text = [&](const std::string& id) -> const std::string* {
        for (const auto& entry : library.base) {
            if (entry.first == id) {
                return &entry.second;
            }
        }
        return nullptr;
    };
    const auto mine = [&](const std::string& id) -> const SavedScenario* {
        for (const SavedScenario& item : library.items) {
            if (item.id == id) {
                return &item;
            }
        }
        return nullptr;
    };
    // The list as stored now (another tab may have written since), with this tab's
    // changes applied on top, in the stored order; this tab's new items at the end.
    std::vector<SavedScenario> merged;
    for (SavedScenario& theirs : read_stored_list().items) {
        const SavedScenario* local = mine(theirs.id);
        const std::string* before = base_text(theirs.id);
        if (local == nullptr) {
            if (before == nullptr) {
                merged.push_back(std::move(theirs)); // added by another tab
            }
            continue; // deleted here
        }
        const bool changed_here = before == nullptr || *before != item_text(*local);
        merged.push_back(changed_here ? *local : std::move(theirs));
    }
    for (const SavedScenario& item : library.items) {
        const bool present = std::any_of(merged.begin(), merged.end(),
                                         [&](const SavedScenario& m) { return m.id == item.id; });
        // New here, or changed here while another tab deleted it: kept.
        if (!present && (base_text(item.id) == nullptr || *base_text(item.id) != item_text(item))) {
            merged.push_back(item);
        }
    }

    json document = json::object();
    document["format"] = "microreach-scenarios";
    document["version"] = 1;
    json list = json::array();
    for (const SavedScenario& item : merged) {
        json entry = json::object();
        entry["id"] = item.id;
        entry["name"] = item.name;
        entry["scenario"] = core::detail::scenario_to_json(item.scenario);
        list.push_back(std::move(entry));
    }
    document["items"] = std::move(list);
    const std::string text = document.dump(-1, ' ', false, json::error_handler_t::replace);
    const bool saved = page_storage_write(library_key, text) == StorageStatus::saved;
    if (saved) {
        library.items = std::move(merged);
        library.base = snapshot(library.items);
    }
    return saved;
}

std::vector<Backup> list_backups() {
    std::vector<Backup> backups;
    for (const std::string_view key : {autosave_key, library_key}) {
        for (int n = 1; n <= max_backups; ++n) {
            const std::string backup = backup_key(key, n);
            if (const auto text = page_storage_read(backup)) {
                backups.push_back({backup, text->size()});
            }
        }
    }
    return backups;
}

} // namespace web
