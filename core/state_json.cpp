#include "core/state_json.hpp"

#include "core/json_codec.hpp"
#include "core/schema.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <utility>

namespace core {

using json = nlohmann::json;

namespace detail {
namespace {

constexpr std::string_view file_field = "Scenario file";

Error file_error(ErrorCode code, std::string message) {
    return field_error(code, file_field, message);
}

// The member `key` of `object`, or nullptr when it is missing.
const json* member(const json& object, std::string_view key) {
    const auto it = object.find(key);
    return it == object.end() ? nullptr : &*it;
}

// Every field comes from core/schema.hpp through the generic reader (file dialect).
Result<Scenario> read_scenario(const json& d) {
    // Money is stored in the scenario's currency, so read that first.
    Currency currency = Assumptions{}.currency;
    if (const json* a = member(d, "assumptions"); a != nullptr && a->is_object()) {
        if (const json* c = member(*a, "currency")) {
            currency = schema::exact_currency(*c).value_or(currency);
        }
    }
    schema::Reader reader(schema::Dialect::file, currency);
    Scenario s;
    s.assumptions.currency = currency;
    s.assumptions.pricing.currency = currency;
    reader.read(d, s);
    if (!reader.ok()) {
        return reader.error();
    }
    s.version = scenario_version;
    return s;
}

// Nesting depth outside strings, stopping early once past the limit, so a document
// of a million '[' never reaches the parser.
bool nesting_within(std::string_view text, std::size_t limit) {
    std::size_t depth = 0;
    bool in_string = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (in_string) {
            if (c == '\\') {
                ++i;
            } else if (c == '"') {
                in_string = false;
            }
        } else if (c == '"') {
            in_string = true;
        } else if (c == '[' || c == '{') {
            if (++depth > limit) {
                return false;
            }
        } else if ((c == ']' || c == '}') && depth > 0) {
            --depth;
        }
    }
    return true;
}

} // namespace

json scenario_to_json(const Scenario& s) {
    // nlohmann's default object keeps keys sorted, which makes the output stable.
    json document = schema::Writer(schema::Dialect::file, s.assumptions.currency).write(s);
    document["format"] = "microreach";
    document["version"] = state_format_version;
    return document;
}

const std::vector<MigrationStep>& state_migrations() {
    // Version 1 is the first format. When version 2 arrives, add
    // {1, upgrade_1_to_2} here and a test that imports a hand-written version 1
    // document; never edit a step once released.
    static const std::vector<MigrationStep> steps;
    return steps;
}

std::optional<Error> migrate_state_document(json& document, int target,
                                            const std::vector<MigrationStep>& steps) {
    const json* version_value = member(document, "version");
    if (version_value == nullptr || !version_value->is_number_integer()) {
        return file_error(ErrorCode::malformed,
                          "the document has no version number; it is not a Microreach file.");
    }
    const auto version = version_value->get<std::int64_t>();
    if (version > target) {
        return file_error(ErrorCode::unsupported,
                          "the file is from a newer version of Microreach (format " +
                              std::to_string(version) + "; this one reads up to " +
                              std::to_string(target) + "); open it in the newer version.");
    }
    for (auto current = static_cast<int>(version); current < target; ++current) {
        const auto step = std::find_if(steps.begin(), steps.end(),
                                       [&](const MigrationStep& s) { return s.from == current; });
        if (step == steps.end() || step->upgrade == nullptr) {
            return file_error(ErrorCode::malformed,
                              "format " + std::to_string(current) +
                                  " is not a format Microreach ever wrote; the file is damaged.");
        }
        const std::string problem = step->upgrade(document);
        if (!problem.empty()) {
            return file_error(ErrorCode::malformed,
                              problem + "; the file is damaged or was edited by hand.");
        }
        document["version"] = current + 1;
    }
    return std::nullopt;
}

Result<json> parse_state_text(std::string_view text) {
    if (text.size() > max_state_json_bytes) {
        return file_error(ErrorCode::too_large,
                          "the file is larger than 32 MB; it is not a scenario this app wrote.");
    }
    if (!nesting_within(text, max_state_json_depth)) {
        return file_error(ErrorCode::malformed,
                          "the file nests deeper than any scenario; it is damaged.");
    }
    json document = json::parse(text.begin(), text.end(), nullptr, false);
    if (document.is_discarded()) {
        return file_error(ErrorCode::malformed,
                          "the file is not valid JSON; it may be cut short or damaged.");
    }
    return document;
}

Result<Scenario> scenario_from_json(const json& input) {
    if (!input.is_object()) {
        return file_error(ErrorCode::malformed, "the file is not a Microreach scenario.");
    }
    const json* format = member(input, "format");
    if (format == nullptr || !format->is_string() ||
        format->get_ref<const std::string&>() != "microreach") {
        return file_error(ErrorCode::malformed, "the file is not a Microreach scenario.");
    }
    const json* version = member(input, "version");
    if (version != nullptr && version->is_number_integer() &&
        version->get<std::int64_t>() == state_format_version) {
        return read_scenario(input); // current: no copy needed
    }
    json document = input;
    if (auto error = migrate_state_document(document, state_format_version, state_migrations())) {
        return *error;
    }
    return read_scenario(document);
}

} // namespace detail

std::string_view screen_id(Screen screen) {
    return schema::enum_name(screen);
}

std::optional<Screen> screen_from_id(std::string_view id) {
    return schema::enum_from_name<Screen>(id);
}

const std::vector<std::string_view>& screen_ids() {
    static const std::vector<std::string_view> ids = [] {
        std::vector<std::string_view> out;
        for (const auto& entry : schema::Enum<Screen>::list) {
            out.push_back(entry.name);
        }
        return out;
    }();
    return ids;
}

std::string export_scenario_json(const Scenario& scenario, bool pretty) {
    // Invalid UTF-8 in a string would make nlohmann throw (abort without exceptions);
    // replacing it keeps the export total.
    return detail::scenario_to_json(scenario).dump(pretty ? 2 : -1, ' ', false,
                                                   json::error_handler_t::replace);
}

Result<Scenario> import_scenario_json(std::string_view text) {
    auto document = detail::parse_state_text(text);
    if (!document.ok()) {
        return document.error();
    }
    return detail::scenario_from_json(document.value());
}

} // namespace core
