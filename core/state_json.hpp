// The whole Scenario as JSON, for saved files, autosave and share links.
//
// Document (version 1):
//   {"format": "microreach", "version": 1, "screen": "compare", "title": "...",
//    "engagement": {...}, "engagement_followers": 1000, "comparison": {...},
//    "roster": [{"id": 1, "name": "...", "followers": 1000, "engagement_kind": "rate",
//                "engagement": 0.074, "price": 10000, "posts": 1, ...}],
//    "budget": 500000, "assumptions": {"currency": "USD", ...}, "actuals": [...],
//    "tracking": {...}, "optimizer": {...}}
// Every field of Scenario is written, with the names of the C++ fields; enums as
// lower-case names ("compare", "average_interactions"); rates as fractions; money as
// integer cents in the scenario's currency (assumptions.currency), or
// {"cents": N, "currency": "EUR"} for an amount in another currency. Doubles are
// written so they read back to the same bits: export then import gives an identical
// Scenario (strings that are not valid UTF-8 are the exception: U+FFFD replaces the
// bad bytes).
//
// Import: a field that is missing takes the value of a default-constructed struct
// (Scenario{}, Influencer{} ...), so hand-written and older documents work; a field
// of the wrong type, an unknown enum name, an array over its limit or a number out of
// its type's range is an Error naming the path ("roster[3].followers"). Values are not
// judged here (a negative budget imports; the calculator then flags it).
// Documents of an older version are migrated step by step to the current one
// (migrate_state_document); a newer version is ErrorCode::unsupported.
//
// Limits: 32 MB of text, nesting 32 deep, the roster and comparison groups up to
// max_roster_rows influencers, actuals up to max_tracked_results, 100 benchmark sets
// and coverage rules up to optimizer_max_regions (the other lists: their own headers'
// limits). Nothing here throws; nlohmann-json is used in its non-throwing form.
//
// Example: import_scenario_json(export_scenario_json(default_scenario())) gives
// default_scenario() back, field for field.
#pragma once

#include "core/error.hpp"
#include "core/scenario.hpp"

#include <cstddef>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace core {

// The document version this build writes. Older documents are migrated on import.
inline constexpr int state_format_version = 1;
static_assert(state_format_version == scenario_version,
              "A new scenario_version needs a state JSON migration (core/state_json.cpp)");

inline constexpr std::size_t max_state_json_bytes = 32 * 1024 * 1024;
inline constexpr std::size_t max_state_json_depth = 32;
inline constexpr std::size_t max_benchmark_sets = 100;

// Pretty (two-space indent) for files people may open; compact for storage and links.
[[nodiscard]] std::string export_scenario_json(const Scenario& scenario, bool pretty = true);

// Errors: malformed (not JSON, not a Microreach document, a field of the wrong type),
// too_large (a limit above), unsupported (a newer version). Field "Scenario file".
[[nodiscard]] Result<Scenario> import_scenario_json(std::string_view text);

// Stable lower-case ids of the screens, as stored in files and URLs ("compare").
[[nodiscard]] std::string_view screen_id(Screen screen);
[[nodiscard]] std::optional<Screen> screen_from_id(std::string_view id);
[[nodiscard]] const std::vector<std::string_view>& screen_ids(); // in enum order

namespace detail {

// The document as a JSON value (what export_scenario_json prints).
[[nodiscard]] nlohmann::json scenario_to_json(const Scenario& scenario);
// A parsed document of any known version: migrated, then read.
[[nodiscard]] Result<Scenario> scenario_from_json(const nlohmann::json& document);
// Parses with the size and nesting limits checked first; errors as import_scenario_json.
[[nodiscard]] Result<nlohmann::json> parse_state_text(std::string_view text);

// One step upgrades a document from version `from` to from + 1, in place. It returns
// an empty string on success, else what is wrong ("budget should be a number").
struct MigrationStep {
    int from = 0;
    std::string (*upgrade)(nlohmann::json& document) = nullptr;
};
// The steps this build knows, in order (none yet: version 1 is the first).
[[nodiscard]] const std::vector<MigrationStep>& state_migrations();
// Applies `steps` to bring `document` from its "version" to `target`. Errors: a
// version below the oldest step or a gap (malformed), above target (unsupported),
// a step that fails (malformed, with its message).
[[nodiscard]] std::optional<Error> migrate_state_document(nlohmann::json& document, int target,
                                                          const std::vector<MigrationStep>& steps);

} // namespace detail

} // namespace core
