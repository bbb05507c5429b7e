// The complete list of what JavaScript can call (embind): the core's JavaScript API,
// documented in docs/api.md. Built twice, never into the app itself (which does not
// need it): microreach-api.js + .wasm in the site for pages and embedders
// (web/CMakeLists.txt), and tests/microreach_api.js, a single file for node tests.
//
// Conventions (the JS side of the core's rules):
// - Values in and out are plain JS objects with camelCase keys. Rates are fractions
//   (0.074), counts are numbers, money is {cents, currency, text} on output and
//   {cents, currency} (or a number of units, or text such as "$5,000") on input.
// - Every function except version() returns an envelope: {ok: true, value} or
//   {ok: false, error: {code, field, message}}. Nothing throws for bad data: a
//   missing or mistyped input is an error with code "invalid" naming the input.
// - Optional arguments may be left out (embind overloads by argument count).
// [SECTION] Index
// - JSON bridge: JS value <-> nlohmann::json, envelopes
// - Reading inputs (Reader)
// - Enums and value types <-> JSON
// - Functions exposed to JavaScript
// - EMSCRIPTEN_BINDINGS
#include "core/benchmarks.hpp"
#include "core/campaign.hpp"
#include "core/compare.hpp"
#include "core/csv.hpp"
#include "core/engagement.hpp"
#include "core/error.hpp"
#include "core/formulas.hpp"
#include "core/funnel.hpp"
#include "core/money.hpp"
#include "core/numbers.hpp"
#include "core/optimizer.hpp"
#include "core/pricing.hpp"
#include "core/report.hpp"
#include "core/roster_csv.hpp"
#include "core/scenario.hpp"
#include "core/share_link.hpp"
#include "core/state_json.hpp"
#include "core/tracking.hpp"
#include "core/uncertainty.hpp"
#include "core/version.hpp"

#include <array>
#include <cmath>
#include <cstdint>
#include <emscripten/bind.h>
#include <emscripten/val.h>
#include <limits>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace {

using emscripten::val;
using json = nlohmann::json;

// [SECTION] JSON bridge

// A JS number cannot hold 2^63 - 1 (the state documents' "no upper limit" for
// followers, core::no_follower_limit): it arrives as 9223372036854776000, just above
// the int64 range. Numbers that close to 2^63 can only be that value, so they are
// mapped back, and a document read from JS round-trips like its text.
void restore_int64_max(json& value) {
    if (value.is_number_unsigned()) {
        const auto number = value.get<std::uint64_t>();
        constexpr auto max = static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max());
        if (number > max && number <= max + 4096) {
            value = std::numeric_limits<std::int64_t>::max();
        }
    } else if (value.is_array() || value.is_object()) {
        for (auto& item : value) {
            restore_int64_max(item);
        }
    }
}

// JS value -> JSON text -> nlohmann::json. undefined and null become an empty object
// (every input field then takes its default). Values JSON cannot carry (functions,
// NaN) arrive as null and are reported by the Reader like any mistyped field.
json from_js(const val& value) {
    if (value.isUndefined() || value.isNull()) {
        return json::object();
    }
    const val text = val::global("JSON").call<val>("stringify", value);
    if (!text.isString()) {
        return json(); // not representable as JSON
    }
    json parsed = json::parse(text.as<std::string>(), nullptr, false);
    restore_int64_max(parsed);
    return parsed;
}

val to_js(const json& value) {
    // `replace`: invalid UTF-8 in a user's text must not abort the module.
    const std::string text = value.dump(-1, ' ', false, json::error_handler_t::replace);
    return val::global("JSON").call<val>("parse", text);
}

std::string_view error_code_name(core::ErrorCode code) {
    switch (code) {
    case core::ErrorCode::empty:
        return "empty";
    case core::ErrorCode::not_a_number:
        return "not_a_number";
    case core::ErrorCode::out_of_range:
        return "out_of_range";
    case core::ErrorCode::overflow:
        return "overflow";
    case core::ErrorCode::invalid:
        return "invalid";
    case core::ErrorCode::infeasible:
        return "infeasible";
    case core::ErrorCode::too_large:
        return "too_large";
    case core::ErrorCode::malformed:
        return "malformed";
    case core::ErrorCode::unsupported:
        return "unsupported";
    }
    return "invalid";
}

json error_json(const core::Error& error) {
    return {
        {"code", error_code_name(error.code)}, {"field", error.field}, {"message", error.message}};
}

val ok(json value) {
    return to_js(json{{"ok", true}, {"value", std::move(value)}});
}
val fail(const core::Error& error) {
    return to_js(json{{"ok", false}, {"error", error_json(error)}});
}

// A finite number, or null (JSON has no NaN or infinity; the core never produces
// them, this is a last line of defence).
json number(double value) {
    return std::isfinite(value) ? json(value) : json();
}

// [SECTION] Reading inputs

// Reads fields out of a JSON object with defaults, remembering the first problem.
// Paths name the input the way a JS caller wrote it: "roster[2].followers".
class Reader {
public:
    [[nodiscard]] bool ok() const { return !error_.has_value(); }
    [[nodiscard]] const core::Error& error() const { return *error_; }

    void fail(const std::string& path, std::string what) {
        if (!error_) {
            error_ = core::make_error(core::ErrorCode::invalid, path, path + ": " + what);
        }
    }
    void fail(core::Error error) {
        if (!error_) {
            error_ = std::move(error);
        }
    }

    // The member `key` of `object`, or nullptr when absent or null.
    static const json* member(const json& object, std::string_view key) {
        if (!object.is_object()) {
            return nullptr;
        }
        const auto found = object.find(key);
        if (found == object.end() || found->is_null()) {
            return nullptr;
        }
        return &*found;
    }

    double number(const json& object, std::string_view key, double fallback,
                  const std::string& path) {
        const json* value = member(object, key);
        if (value == nullptr) {
            return fallback;
        }
        if (!value->is_number()) {
            fail(join(path, key), "expected a number.");
            return fallback;
        }
        return value->get<double>();
    }

    std::optional<double> optional_number(const json& object, std::string_view key,
                                          const std::string& path) {
        if (member(object, key) == nullptr) {
            return std::nullopt;
        }
        return number(object, key, 0.0, path);
    }

    std::int64_t integer(const json& object, std::string_view key, std::int64_t fallback,
                         const std::string& path) {
        const json* value = member(object, key);
        if (value == nullptr) {
            return fallback;
        }
        return integer_value(*value, join(path, key), fallback);
    }

    // A whole number that fits an int (posts, years, trials, hires).
    int int32(const json& object, std::string_view key, int fallback, const std::string& path) {
        const std::int64_t value = integer(object, key, fallback, path);
        if (value < std::numeric_limits<int>::min() || value > std::numeric_limits<int>::max()) {
            fail(join(path, key), "expected a whole number from -2,147,483,648 to 2,147,483,647.");
            return fallback;
        }
        return static_cast<int>(value);
    }

    std::int64_t integer_value(const json& value, const std::string& path, std::int64_t fallback) {
        if (value.is_number_integer()) {
            return value.get<std::int64_t>();
        }
        if (value.is_number_float()) {
            const double d = value.get<double>();
            // Exactly representable whole numbers only (2^53).
            if (std::isfinite(d) && d == std::floor(d) && std::fabs(d) <= 9007199254740992.0) {
                return static_cast<std::int64_t>(d);
            }
        }
        fail(path, "expected a whole number.");
        return fallback;
    }

    bool boolean(const json& object, std::string_view key, bool fallback, const std::string& path) {
        const json* value = member(object, key);
        if (value == nullptr) {
            return fallback;
        }
        if (!value->is_boolean()) {
            fail(join(path, key), "expected true or false.");
            return fallback;
        }
        return value->get<bool>();
    }

    std::string string(const json& object, std::string_view key, std::string fallback,
                       const std::string& path) {
        const json* value = member(object, key);
        if (value == nullptr) {
            return fallback;
        }
        if (!value->is_string()) {
            fail(join(path, key), "expected text.");
            return fallback;
        }
        return value->get<std::string>();
    }

    // An array member (absent: empty).
    const json* array(const json& object, std::string_view key, const std::string& path) {
        const json* value = member(object, key);
        if (value == nullptr) {
            return nullptr;
        }
        if (!value->is_array()) {
            fail(join(path, key), "expected a list.");
            return nullptr;
        }
        return value;
    }

    // An object member (absent: nullptr).
    const json* object(const json& parent, std::string_view key, const std::string& path) {
        const json* value = member(parent, key);
        if (value == nullptr) {
            return nullptr;
        }
        if (!value->is_object()) {
            fail(join(path, key), "expected an object.");
            return nullptr;
        }
        return value;
    }

    template <class Enum, std::size_t N>
    Enum enumeration(const json& object, std::string_view key, Enum fallback,
                     const std::array<std::pair<std::string_view, Enum>, N>& names,
                     const std::string& path) {
        const json* value = member(object, key);
        if (value == nullptr) {
            return fallback;
        }
        if (value->is_string()) {
            const std::string text = value->get<std::string>();
            for (const auto& [name, item] : names) {
                if (name == text) {
                    return item;
                }
            }
        }
        std::string choices;
        for (const auto& [name, item] : names) {
            choices += (choices.empty() ? "\"" : ", \"") + std::string(name) + "\"";
        }
        fail(join(path, key), "expected one of " + choices + ".");
        return fallback;
    }

    static std::string join(const std::string& path, std::string_view key) {
        return path.empty() ? std::string(key) : path + "." + std::string(key);
    }
    static std::string index(const std::string& path, std::size_t i) {
        return path + "[" + std::to_string(i) + "]";
    }

private:
    std::optional<core::Error> error_;
};

// [SECTION] Enums and value types <-> JSON

template <class Enum, std::size_t N>
std::string_view name_of(Enum item, const std::array<std::pair<std::string_view, Enum>, N>& names) {
    for (const auto& [name, value] : names) {
        if (value == item) {
            return name;
        }
    }
    return names[0].first;
}

constexpr std::array<std::pair<std::string_view, core::EngagementBasis>, 4> basis_names{{
    {"followers", core::EngagementBasis::followers},
    {"reach", core::EngagementBasis::reach},
    {"impressions", core::EngagementBasis::impressions},
    {"views", core::EngagementBasis::views},
}};
constexpr std::array<std::pair<std::string_view, core::Averaging>, 2> averaging_names{{
    {"mean", core::Averaging::mean},
    {"median", core::Averaging::median},
}};
constexpr std::array<std::pair<std::string_view, core::PricingModelKind>, 3> pricing_kind_names{{
    {"tier_table", core::PricingModelKind::tier_table},
    {"per_thousand_followers", core::PricingModelKind::per_thousand_followers},
    {"cost_per_engagement", core::PricingModelKind::cost_per_engagement},
}};
constexpr std::array<std::pair<std::string_view, core::ClickBasis>, 2> click_basis_names{{
    {"engagements", core::ClickBasis::engagements},
    {"impressions", core::ClickBasis::impressions},
}};
constexpr std::array<std::pair<std::string_view, core::EngagementInputKind>, 2>
    engagement_kind_names{{
        {"rate", core::EngagementInputKind::rate},
        {"average_interactions", core::EngagementInputKind::average_interactions},
    }};
constexpr std::array<std::pair<std::string_view, core::PlanMetric>, 4> metric_names{{
    {"engagements", core::PlanMetric::engagements},
    {"targeted_engagements", core::PlanMetric::targeted_engagements},
    {"estimated_reach", core::PlanMetric::estimated_reach},
    {"conversions", core::PlanMetric::conversions},
}};
constexpr std::array<std::pair<std::string_view, core::Judgement>, 2> judgement_names{{
    {"cost_per_result", core::Judgement::cost_per_result},
    {"total_result", core::Judgement::total_result},
}};
constexpr std::array<std::pair<std::string_view, core::CentsStyle>, 3> cents_style_names{{
    {"when_needed", core::CentsStyle::when_needed},
    {"always", core::CentsStyle::always},
    {"never", core::CentsStyle::never},
}};
constexpr std::array<std::pair<std::string_view, core::Theme>, 3> theme_names{{
    {"light", core::Theme::light},
    {"dark", core::Theme::dark},
    {"system", core::Theme::system},
}};
constexpr std::array<std::pair<std::string_view, core::SolveStatus>, 3> solve_status_names{{
    {"optimal", core::SolveStatus::optimal},
    {"limit_reached", core::SolveStatus::limit_reached},
    {"infeasible", core::SolveStatus::infeasible},
}};
constexpr std::array<std::pair<std::string_view, core::CsvEncoding>, 2> encoding_names{{
    {"utf8", core::CsvEncoding::utf8},
    {"windows_1252", core::CsvEncoding::windows_1252},
}};
constexpr std::array<std::pair<std::string_view, core::ImportMode>, 2> import_mode_names{{
    {"append", core::ImportMode::append},
    {"replace", core::ImportMode::replace},
}};
constexpr std::array<std::pair<std::string_view, core::Winner>, 4> winner_names{{
    {"a", core::Winner::a},
    {"b", core::Winner::b},
    {"tie", core::Winner::tie},
    {"undecided", core::Winner::undecided},
}};
constexpr std::array<std::pair<std::string_view, core::TrackingMetric>, 10> tracking_metric_names{{
    {"engagement_rate", core::TrackingMetric::engagement_rate},
    {"interactions_per_post", core::TrackingMetric::interactions_per_post},
    {"actual_vs_expected", core::TrackingMetric::actual_vs_expected},
    {"cost_per_engagement", core::TrackingMetric::cost_per_engagement},
    {"cost_per_click", core::TrackingMetric::cost_per_click},
    {"cost_per_acquisition", core::TrackingMetric::cost_per_acquisition},
    {"roi", core::TrackingMetric::roi},
    {"revenue", core::TrackingMetric::revenue},
    {"clicks", core::TrackingMetric::clicks},
    {"conversions", core::TrackingMetric::conversions},
}};
constexpr std::array<std::pair<std::string_view, core::GradeBand>, 5> band_names{{
    {"well_below", core::GradeBand::well_below},
    {"below", core::GradeBand::below},
    {"typical", core::GradeBand::typical},
    {"above", core::GradeBand::above},
    {"well_above", core::GradeBand::well_above},
}};

// ---- Currency and money

std::string currency_code(core::Currency currency) {
    return std::string(core::currency_info(currency).code);
}

core::Currency read_currency(Reader& in, const json& object, std::string_view key,
                             core::Currency fallback, const std::string& path) {
    const json* value = Reader::member(object, key);
    if (value == nullptr) {
        return fallback;
    }
    if (value->is_string()) {
        if (const auto currency = core::currency_from_text(value->get<std::string>())) {
            return *currency;
        }
    }
    in.fail(Reader::join(path, key), "expected a currency code: USD, EUR, GBP, CAD or AUD.");
    return fallback;
}

// A currency given as the whole argument ("EUR"), or USD when left out.
std::optional<core::Currency> currency_argument(const val& argument) {
    if (argument.isUndefined() || argument.isNull()) {
        return core::Currency::usd;
    }
    if (!argument.isString()) {
        return std::nullopt;
    }
    return core::currency_from_text(argument.as<std::string>());
}

core::Error currency_error(const std::string& field) {
    return core::make_error(core::ErrorCode::invalid, field,
                            field + ": expected a currency code: USD, EUR, GBP, CAD or AUD.");
}

json money_json(core::Money money) {
    return {{"cents", money.cents},
            {"currency", currency_code(money.currency)},
            {"text", core::format_money(money)}};
}

json money_json(const std::optional<core::Money>& money) {
    return money ? money_json(*money) : json();
}

// Money from {cents, currency?}, a number of units (12.5), or text ("$5,000").
core::Money read_money_value(Reader& in, const json& value, core::Currency currency,
                             const std::string& path) {
    if (value.is_object()) {
        const core::Currency own = read_currency(in, value, "currency", currency, path);
        const json* cents = Reader::member(value, "cents");
        if (cents == nullptr) {
            in.fail(Reader::join(path, "cents"), "expected a whole number of cents.");
            return core::Money::zero(own);
        }
        return core::Money{in.integer_value(*cents, Reader::join(path, "cents"), 0), own};
    }
    if (value.is_number()) {
        auto money = core::Money::from_units(value.get<double>(), currency, path);
        if (!money) {
            in.fail(money.error());
            return core::Money::zero(currency);
        }
        return money.value();
    }
    if (value.is_string()) {
        auto money = core::parse_signed_money(value.get<std::string>(), path, currency);
        if (!money) {
            in.fail(money.error());
            return core::Money::zero(currency);
        }
        return money.value();
    }
    in.fail(path, "expected an amount: {cents, currency}, a number such as 12.5, or text such as "
                  "\"$5,000\".");
    return core::Money::zero(currency);
}

core::Money read_money(Reader& in, const json& object, std::string_view key, core::Money fallback,
                       const std::string& path) {
    const json* value = Reader::member(object, key);
    if (value == nullptr) {
        return fallback;
    }
    return read_money_value(in, *value, fallback.currency, Reader::join(path, key));
}

std::optional<core::Money> read_optional_money(Reader& in, const json& object, std::string_view key,
                                               core::Currency currency, const std::string& path) {
    const json* value = Reader::member(object, key);
    if (value == nullptr) {
        return std::nullopt;
    }
    return read_money_value(in, *value, currency, Reader::join(path, key));
}

core::NumberFormat read_number_format(Reader& in, const json& options) {
    core::NumberFormat format;
    format.decimal_comma = in.boolean(options, "decimalComma", false, "options");
    return format;
}

json optional_number(const std::optional<double>& value) {
    return value ? number(*value) : json();
}

json follower_max_json(std::int64_t max_followers) {
    return max_followers == core::no_follower_limit ? json() : json(max_followers);
}

std::int64_t read_follower_max(Reader& in, const json& object, const std::string& path) {
    if (Reader::member(object, "maxFollowers") == nullptr) {
        return core::no_follower_limit; // null or absent: open-ended top tier
    }
    return in.integer(object, "maxFollowers", core::no_follower_limit, path);
}

// ---- Formulas

json formula_json(const core::Formula& formula) {
    return {{"id", formula.id},
            {"name", formula.name},
            {"text", formula.text},
            {"source", formula.source}};
}

// ---- Engagement

json engagement_result_json(const core::EngagementResult& result) {
    json rates = json::array();
    for (double rate : result.post_rates) {
        rates.push_back(number(rate));
    }
    return {{"rate", number(result.rate)},
            {"interactionsPerPost", number(result.interactions_per_post)},
            {"postRates", rates},
            {"formulaId", result.formula_id},
            {"averagingFormulaId", result.averaging_formula_id},
            {"basisLabel", result.basis_label},
            {"countedLabel", result.counted_label}};
}

core::EngagementInputs read_engagement_inputs(Reader& in, const json& object) {
    core::EngagementInputs inputs;
    inputs.basis = in.enumeration(object, "basis", inputs.basis, basis_names, "");
    inputs.averaging = in.enumeration(object, "averaging", inputs.averaging, averaging_names, "");
    if (const json* counted = in.object(object, "counted", "")) {
        inputs.counted.likes = in.boolean(*counted, "likes", inputs.counted.likes, "counted");
        inputs.counted.comments =
            in.boolean(*counted, "comments", inputs.counted.comments, "counted");
        inputs.counted.shares = in.boolean(*counted, "shares", inputs.counted.shares, "counted");
        inputs.counted.saves = in.boolean(*counted, "saves", inputs.counted.saves, "counted");
    }
    if (const json* posts = in.array(object, "posts", "")) {
        for (std::size_t i = 0; i < posts->size() && in.ok(); ++i) {
            const json& post = (*posts)[i];
            const std::string path = Reader::index("posts", i);
            core::PostInteractions item;
            item.likes = in.integer(post, "likes", 0, path);
            item.comments = in.integer(post, "comments", 0, path);
            item.shares = in.integer(post, "shares", 0, path);
            item.saves = in.integer(post, "saves", 0, path);
            item.audience = in.integer(post, "audience", 0, path);
            inputs.posts.push_back(item);
        }
    }
    return inputs;
}

// ---- Benchmarks

json tier_json(const core::Tier& tier) {
    return {{"name", tier.name},
            {"minFollowers", tier.min_followers},
            {"maxFollowers", follower_max_json(tier.max_followers)},
            {"engagementRate", number(tier.engagement_rate)},
            {"derived", tier.derived},
            {"note", tier.note}};
}

json benchmark_set_json(const core::BenchmarkSet& set) {
    json tiers = json::array();
    for (const auto& tier : set.tiers) {
        tiers.push_back(tier_json(tier));
    }
    return {{"id", set.id},     {"name", set.name},         {"source", set.source},
            {"year", set.year}, {"platform", set.platform}, {"metric", set.metric},
            {"tiers", tiers},   {"note", set.note}};
}

core::BenchmarkSet read_benchmark_set(Reader& in, const json& object, const std::string& path) {
    core::BenchmarkSet set;
    set.id = in.string(object, "id", "", path);
    set.name = in.string(object, "name", "", path);
    set.source = in.string(object, "source", "", path);
    set.year = in.int32(object, "year", 0, path);
    set.platform = in.string(object, "platform", "", path);
    set.metric = in.string(object, "metric", "", path);
    set.note = in.string(object, "note", "", path);
    if (const json* tiers = in.array(object, "tiers", path)) {
        for (std::size_t i = 0; i < tiers->size() && in.ok(); ++i) {
            const json& item = (*tiers)[i];
            const std::string tier_path = Reader::index(Reader::join(path, "tiers"), i);
            core::Tier tier;
            tier.name = in.string(item, "name", "", tier_path);
            tier.min_followers = in.integer(item, "minFollowers", 0, tier_path);
            tier.max_followers = read_follower_max(in, item, tier_path);
            tier.engagement_rate = in.number(item, "engagementRate", 0.0, tier_path);
            tier.derived = in.boolean(item, "derived", false, tier_path);
            tier.note = in.string(item, "note", "", tier_path);
            set.tiers.push_back(std::move(tier));
        }
    }
    return set;
}

json grade_json(const core::Grade& grade) {
    return {{"ratio", number(grade.ratio)},
            {"band", grade.band},
            {"bandKind", name_of(grade.band_kind, band_names)},
            {"tierName", grade.tier_name},
            {"benchmarkRate", number(grade.benchmark_rate)},
            {"benchmarkDerived", grade.benchmark_derived},
            {"setName", grade.set_name},
            {"formulaId", grade.formula_id},
            {"summary", grade.summary}};
}

// ---- Pricing

json pricing_model_json(const core::PricingModel& model) {
    json tiers = json::array();
    for (const auto& tier : model.tier_prices) {
        tiers.push_back({{"name", tier.name},
                         {"minFollowers", tier.min_followers},
                         {"maxFollowers", follower_max_json(tier.max_followers)},
                         {"price", money_json(tier.price)},
                         {"note", tier.note}});
    }
    return {{"kind", name_of(model.kind, pricing_kind_names)},
            {"currency", currency_code(model.currency)},
            {"tableName", model.table_name},
            {"tierPrices", tiers},
            {"perThousand", money_json(model.per_thousand)},
            {"targetCpe", money_json(model.target_cpe)}};
}

core::PricingModel read_pricing_model(Reader& in, const json& object, core::Currency currency,
                                      const std::string& path) {
    core::PricingModel model =
        core::default_pricing_model(read_currency(in, object, "currency", currency, path));
    model.kind = in.enumeration(object, "kind", model.kind, pricing_kind_names, path);
    model.table_name = in.string(object, "tableName", model.table_name, path);
    if (const json* tiers = in.array(object, "tierPrices", path)) {
        model.tier_prices.clear();
        for (std::size_t i = 0; i < tiers->size() && in.ok(); ++i) {
            const json& item = (*tiers)[i];
            const std::string tier_path = Reader::index(Reader::join(path, "tierPrices"), i);
            core::TierPrice tier;
            tier.name = in.string(item, "name", "", tier_path);
            tier.min_followers = in.integer(item, "minFollowers", 0, tier_path);
            tier.max_followers = read_follower_max(in, item, tier_path);
            tier.price =
                read_money(in, item, "price", core::Money::zero(model.currency), tier_path);
            tier.note = in.string(item, "note", "", tier_path);
            model.tier_prices.push_back(std::move(tier));
        }
    }
    model.per_thousand = read_money(in, object, "perThousand", model.per_thousand, path);
    model.target_cpe = read_money(in, object, "targetCpe", model.target_cpe, path);
    return model;
}

json price_suggestion_json(const core::PriceSuggestion& suggestion) {
    return {{"price", money_json(suggestion.price)},
            {"formulaId", suggestion.formula_id},
            {"basis", suggestion.basis},
            {"fromQuote", suggestion.from_quote}};
}

// ---- Funnel

json funnel_assumptions_json(const core::FunnelAssumptions& a) {
    return {{"clickBasis", name_of(a.click_basis, click_basis_names)},
            {"clickThroughRate", number(a.click_through_rate)},
            {"conversionRate", number(a.conversion_rate)},
            {"averageOrderValue", money_json(a.average_order_value)},
            {"margin", number(a.margin)},
            {"includeEmv", a.include_emv},
            {"emvCpm", money_json(a.emv_cpm)}};
}

core::FunnelAssumptions read_funnel_assumptions(Reader& in, const json& object,
                                                core::Currency currency, const std::string& path) {
    core::FunnelAssumptions a = core::default_funnel_assumptions(currency);
    a.click_basis = in.enumeration(object, "clickBasis", a.click_basis, click_basis_names, path);
    a.click_through_rate = in.number(object, "clickThroughRate", a.click_through_rate, path);
    a.conversion_rate = in.number(object, "conversionRate", a.conversion_rate, path);
    a.average_order_value =
        read_money(in, object, "averageOrderValue", a.average_order_value, path);
    a.margin = in.number(object, "margin", a.margin, path);
    a.include_emv = in.boolean(object, "includeEmv", a.include_emv, path);
    a.emv_cpm = read_money(in, object, "emvCpm", a.emv_cpm, path);
    return a;
}

json funnel_result_json(const core::FunnelResult& r) {
    return {{"clicks", number(r.clicks)},
            {"conversions", number(r.conversions)},
            {"revenue", money_json(r.revenue)},
            {"grossProfit", money_json(r.gross_profit)},
            {"roi", optional_number(r.roi)},
            {"roas", optional_number(r.roas)},
            {"costPerClick", money_json(r.cost_per_click)},
            {"costPerAcquisition", money_json(r.cost_per_acquisition)},
            {"earnedMediaValue", money_json(r.earned_media_value)},
            {"emvLabel", r.emv_label},
            {"clicksFormulaId", r.clicks_formula_id}};
}

// ---- Campaign

json influencer_json(const core::Influencer& i) {
    return {{"id", i.id},
            {"name", i.name},
            {"platform", i.platform},
            {"followers", i.followers},
            {"engagementKind", name_of(i.engagement_kind, engagement_kind_names)},
            {"engagementValue", number(i.engagement_value)},
            {"pricePerPost", money_json(i.price_per_post)},
            {"posts", i.posts},
            {"region", i.region},
            {"niche", i.niche},
            {"audienceFit", number(i.audience_fit)},
            {"notes", i.notes}};
}

core::Influencer read_influencer(Reader& in, const json& object, core::Currency currency,
                                 const std::string& path) {
    core::Influencer i;
    i.id = static_cast<std::uint32_t>(in.integer(object, "id", 0, path));
    i.name = in.string(object, "name", "", path);
    i.platform = in.string(object, "platform", "", path);
    i.followers = in.integer(object, "followers", 0, path);
    i.engagement_kind =
        in.enumeration(object, "engagementKind", i.engagement_kind, engagement_kind_names, path);
    i.engagement_value = in.number(object, "engagementValue", 0.0, path);
    i.price_per_post = read_money(in, object, "pricePerPost", core::Money::zero(currency), path);
    i.posts = in.int32(object, "posts", i.posts, path);
    i.region = in.string(object, "region", "", path);
    i.niche = in.string(object, "niche", "", path);
    i.audience_fit = in.number(object, "audienceFit", i.audience_fit, path);
    i.notes = in.string(object, "notes", "", path);
    return i;
}

std::vector<core::Influencer> read_roster(Reader& in, const json& object, std::string_view key,
                                          core::Currency currency, const std::string& path) {
    std::vector<core::Influencer> roster;
    if (const json* rows = in.array(object, key, path)) {
        if (rows->size() > core::max_roster_rows) {
            in.fail(core::make_error(core::ErrorCode::too_large, Reader::join(path, key),
                                     "Roster: at most 100,000 influencers fit in one plan."));
            return roster;
        }
        roster.reserve(rows->size());
        for (std::size_t i = 0; i < rows->size() && in.ok(); ++i) {
            roster.push_back(read_influencer(in, (*rows)[i], currency,
                                             Reader::index(Reader::join(path, key), i)));
        }
    }
    return roster;
}

core::CampaignInputs read_campaign_inputs(Reader& in, const json& object, const std::string& path) {
    core::CampaignInputs inputs;
    const core::Currency currency =
        read_currency(in, object, "currency", core::Currency::usd, path);
    inputs.budget = read_money(in, object, "budget", core::Money::zero(currency), path);
    const core::Currency plan_currency = inputs.budget.currency;
    inputs.roster = read_roster(in, object, "roster", plan_currency, path);
    inputs.reach_rate = in.number(object, "reachRate", inputs.reach_rate, path);
    inputs.funnel = core::default_funnel_assumptions(plan_currency);
    if (const json* funnel = in.object(object, "funnel", path)) {
        inputs.funnel =
            read_funnel_assumptions(in, *funnel, plan_currency, Reader::join(path, "funnel"));
    }
    inputs.funnel_from_targeted =
        in.boolean(object, "funnelFromTargeted", inputs.funnel_from_targeted, path);
    return inputs;
}

json row_metrics_json(const core::RowMetrics& r) {
    return {{"id", r.id},
            {"valid", r.valid},
            {"engagementRate", number(r.engagement_rate)},
            {"engagementsPerPost", number(r.engagements_per_post)},
            {"expectedEngagements", number(r.expected_engagements)},
            {"targetedEngagements", number(r.targeted_engagements)},
            {"impressions", number(r.impressions)},
            {"estimatedReach", number(r.estimated_reach)},
            {"clicks", number(r.clicks)},
            {"conversions", number(r.conversions)},
            {"cost", money_json(r.cost)},
            {"costPerEngagement", money_json(r.cost_per_engagement)},
            {"costPerTargetedEngagement", money_json(r.cost_per_targeted_engagement)},
            {"cpm", money_json(r.cpm)},
            {"costPerConversion", money_json(r.cost_per_conversion)},
            {"shareOfBudget", optional_number(r.share_of_budget)},
            {"budgetLeftAfter", money_json(r.budget_left_after)},
            {"overrunAfter", money_json(r.overrun_after)}};
}

json campaign_totals_json(const core::CampaignTotals& t) {
    return {{"influencers", t.influencers},
            {"booked", t.booked},
            {"invalidRows", t.invalid_rows},
            {"followers", t.followers},
            {"posts", t.posts},
            {"engagementRate", number(t.engagement_rate)},
            {"expectedEngagements", number(t.expected_engagements)},
            {"targetedEngagements", number(t.targeted_engagements)},
            {"impressions", number(t.impressions)},
            {"estimatedReach", number(t.estimated_reach)},
            {"clicks", number(t.clicks)},
            {"conversions", number(t.conversions)},
            {"cost", money_json(t.cost)},
            {"costPerEngagement", money_json(t.cost_per_engagement)},
            {"costPerTargetedEngagement", money_json(t.cost_per_targeted_engagement)},
            {"cpm", money_json(t.cpm)},
            {"costPerConversion", money_json(t.cost_per_conversion)},
            {"shareOfBudget", optional_number(t.share_of_budget)},
            {"budgetLeft", money_json(t.budget_left)},
            {"overrun", money_json(t.overrun)},
            {"funnel", funnel_result_json(t.funnel)}};
}

json campaign_result_json(const core::CampaignResult& result) {
    json rows = json::array();
    for (const auto& row : result.rows) {
        rows.push_back(row_metrics_json(row));
    }
    json errors = json::array();
    for (const auto& row_error : result.errors) {
        json item = error_json(row_error.error);
        item["row"] = row_error.row;
        item["id"] = row_error.id;
        errors.push_back(std::move(item));
    }
    return {{"rows", rows},
            {"totals", campaign_totals_json(result.totals)},
            {"errors", errors},
            {"budget", money_json(result.budget)}};
}

// ---- Comparison

// A plan group: {name, influencers: [...]} or {name, typical: influencer, count}.
core::PlanGroup read_plan_group(Reader& in, const json& object, core::Currency currency,
                                const std::string& path) {
    core::PlanGroup group;
    group.name = in.string(object, "name", "", path);
    if (const json* typical = in.object(object, "typical", path)) {
        const core::Influencer influencer =
            read_influencer(in, *typical, currency, Reader::join(path, "typical"));
        const int count = in.int32(object, "count", 1, path);
        if (!in.ok()) {
            return group;
        }
        auto made = core::typical_group(group.name, influencer, count);
        if (!made) {
            in.fail(made.error());
            return group;
        }
        return std::move(made).value();
    }
    group.influencers = read_roster(in, object, "influencers", currency, path);
    return group;
}

json plan_summary_json(const core::PlanSummary& p) {
    return {{"name", p.name},
            {"influencers", p.influencers},
            {"posts", p.posts},
            {"followers", p.followers},
            {"engagementRate", number(p.engagement_rate)},
            {"engagements", number(p.engagements)},
            {"targetedEngagements", number(p.targeted_engagements)},
            {"estimatedReach", number(p.estimated_reach)},
            {"impressions", number(p.impressions)},
            {"clicks", number(p.clicks)},
            {"conversions", number(p.conversions)},
            {"cost", money_json(p.cost)},
            {"costPerEngagement", money_json(p.cost_per_engagement)},
            {"costPerTargetedEngagement", money_json(p.cost_per_targeted_engagement)},
            {"costPerConversion", money_json(p.cost_per_conversion)},
            {"cpm", money_json(p.cpm)},
            {"metric", number(p.metric)},
            {"costPerMetric", money_json(p.cost_per_metric)},
            {"withinBudget", p.within_budget},
            {"budgetLeft", money_json(p.budget_left)},
            {"overrun", money_json(p.overrun)},
            {"invalidRows", p.invalid_rows}};
}

json break_even_json(const core::BreakEven& b) {
    return {{"countToMatch", b.count_to_match ? json(*b.count_to_match) : json()},
            {"costToMatch", money_json(b.cost_to_match)},
            {"pricePerPost", money_json(b.price_per_post)},
            {"currentPricePerPost", money_json(b.current_price_per_post)},
            {"engagementRate", optional_number(b.engagement_rate)},
            {"currentEngagementRate", number(b.current_engagement_rate)},
            {"affordableCount", b.affordable_count ? json(*b.affordable_count) : json()},
            {"affordableMetric", number(b.affordable_metric)}};
}

json comparison_json(const core::Comparison& c) {
    return {{"a", plan_summary_json(c.a)},
            {"b", plan_summary_json(c.b)},
            {"campaignA", campaign_result_json(c.campaign_a)},
            {"campaignB", campaign_result_json(c.campaign_b)},
            {"metric", name_of(c.metric, metric_names)},
            {"judgement", name_of(c.judgement, judgement_names)},
            {"winner", name_of(c.winner, winner_names)},
            {"advantage", optional_number(c.advantage)},
            {"breakEven", break_even_json(c.break_even)},
            {"verdict", c.verdict},
            {"notes", c.notes},
            {"breakEvenText", c.break_even_text}};
}

core::ComparisonInputs read_comparison_inputs(Reader& in, const json& object) {
    core::ComparisonInputs inputs;
    const core::CampaignInputs plan = read_campaign_inputs(in, object, "");
    inputs.budget = plan.budget;
    inputs.reach_rate = plan.reach_rate;
    inputs.funnel = plan.funnel;
    inputs.funnel_from_targeted = plan.funnel_from_targeted;
    inputs.number_format = read_number_format(in, object);
    const core::Currency currency = plan.budget.currency;
    const json* a = in.object(object, "a", "");
    const json* b = in.object(object, "b", "");
    if (a == nullptr || b == nullptr) {
        in.fail(a == nullptr ? "a" : "b",
                "required: {name, influencers: [...]} or {name, typical, count}.");
        return inputs;
    }
    inputs.setup.a = read_plan_group(in, *a, currency, "a");
    inputs.setup.b = read_plan_group(in, *b, currency, "b");
    inputs.setup.metric = in.enumeration(object, "metric", inputs.setup.metric, metric_names, "");
    inputs.setup.judgement =
        in.enumeration(object, "judgement", inputs.setup.judgement, judgement_names, "");
    return inputs;
}

// ---- Tracking

core::TrackingInputs read_tracking_inputs(Reader& in, const json& object) {
    core::TrackingInputs inputs;
    inputs.currency = read_currency(in, object, "currency", inputs.currency, "");
    inputs.roster = read_roster(in, object, "roster", inputs.currency, "");
    inputs.averaging = in.enumeration(object, "averaging", inputs.averaging, averaging_names, "");
    inputs.margin = in.number(object, "margin", inputs.margin, "");
    if (const json* counted = in.object(object, "counted", "")) {
        inputs.counted.likes = in.boolean(*counted, "likes", inputs.counted.likes, "counted");
        inputs.counted.comments =
            in.boolean(*counted, "comments", inputs.counted.comments, "counted");
        inputs.counted.shares = in.boolean(*counted, "shares", inputs.counted.shares, "counted");
        inputs.counted.saves = in.boolean(*counted, "saves", inputs.counted.saves, "counted");
    }
    if (const json* results = in.array(object, "results", "")) {
        if (results->size() > core::max_tracked_results) {
            in.fail(core::make_error(core::ErrorCode::too_large, "results",
                                     "Results: at most 200,000 tracked posts fit in one plan."));
            return inputs;
        }
        for (std::size_t i = 0; i < results->size() && in.ok(); ++i) {
            const json& item = (*results)[i];
            const std::string path = Reader::index("results", i);
            core::ActualResult result;
            result.influencer_id =
                static_cast<std::uint32_t>(in.integer(item, "influencerId", 0, path));
            result.likes = in.integer(item, "likes", 0, path);
            result.comments = in.integer(item, "comments", 0, path);
            result.shares = in.integer(item, "shares", 0, path);
            result.saves = in.integer(item, "saves", 0, path);
            result.clicks = in.integer(item, "clicks", 0, path);
            result.conversions = in.integer(item, "conversions", 0, path);
            result.revenue =
                read_money(in, item, "revenue", core::Money::zero(inputs.currency), path);
            inputs.results.push_back(result);
        }
    }
    return inputs;
}

json influencer_actuals_json(const core::InfluencerActuals& a) {
    return {{"id", a.id},
            {"rosterRow", a.roster_row},
            {"posts", a.posts},
            {"interactions", a.interactions},
            {"likes", a.likes},
            {"comments", a.comments},
            {"shares", a.shares},
            {"saves", a.saves},
            {"clicks", a.clicks},
            {"conversions", a.conversions},
            {"revenue", money_json(a.revenue)},
            {"cost", money_json(a.cost)},
            {"interactionsPerPost", number(a.interactions_per_post)},
            {"engagementRate", number(a.engagement_rate)},
            {"expectedPerPost", number(a.expected_per_post)},
            {"actualVsExpected", optional_number(a.actual_vs_expected)},
            {"costPerEngagement", money_json(a.cost_per_engagement)},
            {"costPerClick", money_json(a.cost_per_click)},
            {"costPerAcquisition", money_json(a.cost_per_acquisition)},
            {"roi", optional_number(a.roi)},
            {"roas", optional_number(a.roas)}};
}

json tracking_result_json(const core::TrackingResult& r) {
    json influencers = json::array();
    for (const auto& actuals : r.influencers) {
        influencers.push_back(influencer_actuals_json(actuals));
    }
    json errors = json::array();
    for (const auto& row_error : r.errors) {
        json item = error_json(row_error.error);
        item["row"] = row_error.row;
        item["id"] = row_error.id;
        errors.push_back(std::move(item));
    }
    const auto& t = r.totals;
    return {{"influencers", influencers},
            {"totals",
             {{"influencers", t.influencers},
              {"posts", t.posts},
              {"interactions", t.interactions},
              {"clicks", t.clicks},
              {"conversions", t.conversions},
              {"revenue", money_json(t.revenue)},
              {"cost", money_json(t.cost)},
              {"expectedInteractions", number(t.expected_interactions)},
              {"actualVsExpected", optional_number(t.actual_vs_expected)},
              {"costPerEngagement", money_json(t.cost_per_engagement)},
              {"costPerClick", money_json(t.cost_per_click)},
              {"costPerAcquisition", money_json(t.cost_per_acquisition)},
              {"roi", optional_number(t.roi)},
              {"roas", optional_number(t.roas)}}},
            {"untrackedIds", r.untracked_ids},
            {"errors", errors}};
}

// ---- Uncertainty

json band_json(const core::Band& band) {
    return {{"low", number(band.low)},
            {"expected", number(band.expected)},
            {"high", number(band.high)}};
}
json money_band_json(const core::MoneyBand& band) {
    return {{"low", money_json(band.low)},
            {"expected", money_json(band.expected)},
            {"high", money_json(band.high)}};
}
json percentiles_json(const core::Percentiles& p) {
    return {{"p5", number(p.p5)},   {"p25", number(p.p25)}, {"p50", number(p.p50)},
            {"p75", number(p.p75)}, {"p95", number(p.p95)}, {"mean", number(p.mean)}};
}
json plan_simulation_json(const core::PlanSimulation& s) {
    return {{"engagements", percentiles_json(s.engagements)},
            {"targetedEngagements", percentiles_json(s.targeted_engagements)},
            {"conversions", percentiles_json(s.conversions)},
            {"costPerEngagement", money_band_json(s.cost_per_engagement)}};
}

core::UncertaintySettings read_uncertainty(Reader& in, const json& object,
                                           const std::string& path) {
    core::UncertaintySettings settings;
    settings.sigma = in.number(object, "sigma", settings.sigma, path);
    settings.trials = in.int32(object, "trials", settings.trials, path);
    // Seeds up to 2^53 as numbers; any 64-bit seed as decimal text.
    if (const json* seed = Reader::member(object, "seed")) {
        const std::string seed_path = Reader::join(path, "seed");
        if (seed->is_string()) {
            const std::string text = seed->get<std::string>();
            std::uint64_t value = 0;
            bool good = !text.empty() && text.size() <= 20;
            for (char c : text) {
                if (c < '0' || c > '9' ||
                    value > (std::numeric_limits<std::uint64_t>::max() -
                             static_cast<std::uint64_t>(c - '0')) /
                                10) {
                    good = false;
                    break;
                }
                value = value * 10 + static_cast<std::uint64_t>(c - '0');
            }
            if (!good) {
                in.fail(seed_path, "expected a whole number, or its digits as text.");
            }
            settings.seed = value;
        } else {
            const std::int64_t value = in.integer_value(*seed, seed_path, 0);
            if (value < 0) {
                in.fail(seed_path, "expected a whole number from 0 up.");
            }
            settings.seed = static_cast<std::uint64_t>(value);
        }
    }
    return settings;
}

// Evaluates a campaign given as JS input and turns it into a simulation plan.
std::optional<core::SimulationPlan> simulation_plan_of(Reader& in, const json& object,
                                                       const std::string& path) {
    const core::CampaignInputs inputs = read_campaign_inputs(in, object, path);
    if (!in.ok()) {
        return std::nullopt;
    }
    auto result = core::evaluate_campaign(inputs);
    if (!result) {
        core::Error error = result.error();
        in.fail(std::move(error));
        return std::nullopt;
    }
    return core::simulation_plan(result.value());
}

// ---- Optimizer

json optimizer_solution_json(const core::OptimizerSolution& s) {
    return {{"status", name_of(s.status, solve_status_names)},
            {"hasPlan", s.has_plan},
            {"chosenIds", s.chosen_ids},
            {"objective", number(s.objective)},
            {"totalCost", money_json(s.total_cost)},
            {"upperBound", number(s.upper_bound)},
            {"gap", number(s.gap)},
            {"nodes", s.nodes},
            {"fixedByReduction", s.fixed_by_reduction},
            {"overShareCap", s.over_share_cap},
            {"notes", s.notes},
            {"explanation", s.explanation}};
}

std::vector<std::uint32_t> read_ids(Reader& in, const json& object, std::string_view key,
                                    const std::string& path) {
    std::vector<std::uint32_t> ids;
    if (const json* list = in.array(object, key, path)) {
        for (std::size_t i = 0; i < list->size() && in.ok(); ++i) {
            const std::int64_t id =
                in.integer_value((*list)[i], Reader::index(Reader::join(path, key), i), 0);
            if (id < 0 || id > std::numeric_limits<std::uint32_t>::max()) {
                in.fail(Reader::index(Reader::join(path, key), i),
                        "expected an id from 0 to 4,294,967,295.");
            }
            ids.push_back(static_cast<std::uint32_t>(id));
        }
    }
    return ids;
}

core::OptimizerProblem read_optimizer_problem(Reader& in, const json& object) {
    core::OptimizerProblem problem;
    const core::Currency currency = read_currency(in, object, "currency", core::Currency::usd, "");
    problem.budget = read_money(in, object, "budget", core::Money::zero(currency), "");
    if (const json* regions = in.array(object, "regions", "")) {
        for (std::size_t i = 0; i < regions->size() && in.ok(); ++i) {
            const json& item = (*regions)[i];
            const std::string path = Reader::index("regions", i);
            core::RegionRule rule;
            rule.name = in.string(item, "name", "", path);
            rule.min_hires = in.int32(item, "minHires", 0, path);
            if (Reader::member(item, "maxHires") != nullptr) {
                rule.max_hires = in.int32(item, "maxHires", 0, path);
            }
            problem.regions.push_back(std::move(rule));
        }
    }
    if (const json* candidates = in.array(object, "candidates", "")) {
        for (std::size_t i = 0; i < candidates->size() && in.ok(); ++i) {
            const json& item = (*candidates)[i];
            const std::string path = Reader::index("candidates", i);
            core::OptimizerCandidate candidate;
            candidate.id = static_cast<std::uint32_t>(in.integer(item, "id", 0, path));
            candidate.name = in.string(item, "name", "", path);
            candidate.cost_cents =
                read_money(in, item, "cost", core::Money::zero(problem.budget.currency), path)
                    .cents;
            candidate.value = in.number(item, "value", 0.0, path);
            // A region by name (one of `regions`) or by index.
            if (const json* region = Reader::member(item, "region")) {
                if (region->is_string()) {
                    const std::string name = region->get<std::string>();
                    for (std::size_t r = 0; r < problem.regions.size(); ++r) {
                        if (problem.regions[r].name == name) {
                            candidate.region = static_cast<int>(r);
                        }
                    }
                } else {
                    candidate.region = in.int32(item, "region", core::no_region, path);
                }
            }
            problem.candidates.push_back(std::move(candidate));
        }
    }
    problem.must_include = read_ids(in, object, "mustInclude", "");
    problem.must_exclude = read_ids(in, object, "mustExclude", "");
    problem.max_budget_share = in.number(object, "maxBudgetShare", problem.max_budget_share, "");
    problem.min_hires = in.int32(object, "minHires", problem.min_hires, "");
    return problem;
}

// ---- CSV

json csv_record_json(const core::CsvRecord& record) {
    return {{"line", record.line}, {"cells", record.cells}};
}

std::string separator_text(char separator) {
    return separator == '\t' ? std::string("\t") : std::string(1, separator);
}

// A separator given as one character (",", ";", "\t", "|"); empty or absent: `fallback`.
char read_separator(Reader& in, const json& object, char fallback, const std::string& path) {
    const std::string text = in.string(object, "separator", "", path);
    if (text.empty()) {
        return fallback;
    }
    if (text.size() != 1 || text[0] == '"' || text[0] == '\r' || text[0] == '\n') {
        in.fail(Reader::join(path, "separator"),
                "expected one character such as \",\", \";\" or a tab.");
        return fallback;
    }
    return text[0];
}

core::CsvReadOptions read_csv_options(Reader& in, const json& object) {
    core::CsvReadOptions options;
    options.separator = read_separator(in, object, '\0', "options");
    return options;
}

json roster_preview_json(const core::RosterPreview& preview, const core::CsvRecord* header) {
    json columns = json::array();
    for (std::size_t c = 0; c < preview.mapping.columns.size(); ++c) {
        json column = {{"column", c + 1},
                       {"letter", core::column_letter(c + 1)},
                       {"field", core::roster_field_name(preview.mapping.columns[c])}};
        if (header != nullptr && c < header->cells.size()) {
            column["header"] = header->cells[c];
        }
        columns.push_back(std::move(column));
    }
    json unknown = json::array();
    for (std::size_t c : preview.mapping.unknown) {
        unknown.push_back(c + 1);
    }
    json fractions = json::array();
    for (core::RosterField field : preview.fraction_columns) {
        fractions.push_back(core::roster_field_name(field));
    }
    json rows = json::array();
    for (const auto& row : preview.rows) {
        json defaulted = json::array();
        for (core::RosterField field : row.defaulted) {
            defaulted.push_back(core::roster_field_name(field));
        }
        rows.push_back({{"line", row.line},
                        {"influencer", influencer_json(row.influencer)},
                        {"defaulted", defaulted}});
    }
    json errors = json::array();
    for (const auto& error : preview.errors) {
        json item = error_json(error.error);
        item["line"] = error.line;
        item["column"] = error.column;
        item["text"] = core::describe(error);
        errors.push_back(std::move(item));
    }
    return {{"columns", columns},
            {"unknownColumns", unknown},
            {"needsReview", preview.mapping.needs_review()},
            {"decimalComma", preview.number_format.decimal_comma},
            {"fractionColumns", fractions},
            {"rows", rows},
            {"errors", errors},
            {"badRows", preview.bad_rows}};
}

core::RosterImportOptions read_roster_import_options(Reader& in, const json& object) {
    core::RosterImportOptions options;
    options.currency = read_currency(in, object, "currency", options.currency, "options");
    if (Reader::member(object, "decimalComma") != nullptr) {
        options.decimal_comma = in.boolean(object, "decimalComma", false, "options");
    }
    if (const auto rate = in.optional_number(object, "defaultEngagementRate", "options")) {
        options.default_engagement_rate = *rate;
    }
    return options;
}

// [SECTION] Functions exposed to JavaScript

bool absent(const val& value) {
    return value.isUndefined() || value.isNull();
}

core::Error argument_error(const std::string& name, const std::string& what) {
    return core::make_error(core::ErrorCode::invalid, name, name + ": " + what);
}

// An options argument as JSON: absent -> {}, anything but an object -> an error.
std::optional<json> options_argument(const val& options) {
    if (absent(options)) {
        return json::object();
    }
    json parsed = from_js(options);
    if (!parsed.is_object()) {
        return std::nullopt;
    }
    return parsed;
}

#define MR_OPTIONS(name, options)                                                                  \
    const std::optional<json> name##_json = options_argument(options);                             \
    if (!name##_json) {                                                                            \
        return fail(argument_error(#name, "expected an object of options."));                      \
    }                                                                                              \
    const json& name = *name##_json

std::string version_js() {
    return std::string(core::version());
}

// ---- Numbers

std::optional<std::string> text_argument(const val& text) {
    if (!text.isString()) {
        return std::nullopt;
    }
    return text.as<std::string>();
}

val parse_number_js(val text, val options) {
    MR_OPTIONS(opts, options);
    const auto input = text_argument(text);
    if (!input) {
        return fail(argument_error("text", "expected text such as \"1,234\" or \"1.2k\"."));
    }
    Reader in;
    const std::string field = in.string(opts, "field", "Number", "options");
    const core::NumberFormat format = read_number_format(in, opts);
    const auto min = in.optional_number(opts, "min", "options");
    const auto max = in.optional_number(opts, "max", "options");
    if (!in.ok()) {
        return fail(in.error());
    }
    auto result =
        (min || max)
            ? core::parse_number_in(*input, field, min.value_or(-core::max_number_magnitude),
                                    max.value_or(core::max_number_magnitude), format)
            : core::parse_number(*input, field, format);
    return result ? ok(number(result.value())) : fail(result.error());
}

val parse_count_js(val text, val options) {
    MR_OPTIONS(opts, options);
    const auto input = text_argument(text);
    if (!input) {
        return fail(argument_error("text", "expected text such as \"12,500\" or \"1.2k\"."));
    }
    Reader in;
    const std::string field = in.string(opts, "field", "Count", "options");
    const core::NumberFormat format = read_number_format(in, opts);
    const std::int64_t min = in.integer(opts, "min", 0, "options");
    const std::int64_t max = in.integer(opts, "max", 1'000'000'000'000'000, "options");
    if (!in.ok()) {
        return fail(in.error());
    }
    auto result = core::parse_count(*input, field, min, max, format);
    return result ? ok(result.value()) : fail(result.error());
}

val parse_rate_js(val text, val options) {
    MR_OPTIONS(opts, options);
    const auto input = text_argument(text);
    if (!input) {
        return fail(argument_error("text", "expected text such as \"7.4%\" or \"7.4\"."));
    }
    Reader in;
    const std::string field = in.string(opts, "field", "Rate", "options");
    const core::NumberFormat format = read_number_format(in, opts);
    const auto min = in.optional_number(opts, "min", "options");
    const auto max = in.optional_number(opts, "max", "options");
    if (!in.ok()) {
        return fail(in.error());
    }
    auto result = (min || max) ? core::parse_rate_in(*input, field, min.value_or(0.0),
                                                     max.value_or(1.0), format)
                               : core::parse_rate(*input, field, format);
    return result ? ok(number(result.value())) : fail(result.error());
}

val parse_money_js(val text, val options) {
    MR_OPTIONS(opts, options);
    const auto input = text_argument(text);
    if (!input) {
        return fail(argument_error("text", "expected text such as \"$5,000\" or \"100\"."));
    }
    Reader in;
    const std::string field = in.string(opts, "field", "Amount", "options");
    const core::Currency currency =
        read_currency(in, opts, "currency", core::Currency::usd, "options");
    const core::NumberFormat format = read_number_format(in, opts);
    const bool allow_negative = in.boolean(opts, "allowNegative", false, "options");
    if (!in.ok()) {
        return fail(in.error());
    }
    auto result = allow_negative ? core::parse_signed_money(*input, field, currency, format)
                                 : core::parse_money(*input, field, currency, format);
    return result ? ok(money_json(result.value())) : fail(result.error());
}

val format_money_js(val money, val options) {
    MR_OPTIONS(opts, options);
    Reader in;
    const core::Currency currency =
        read_currency(in, opts, "currency", core::Currency::usd, "options");
    const core::Money amount = read_money_value(in, from_js(money), currency, "money");
    const core::CentsStyle cents =
        in.enumeration(opts, "cents", core::CentsStyle::when_needed, cents_style_names, "options");
    const core::NumberFormat format = read_number_format(in, opts);
    if (!in.ok()) {
        return fail(in.error());
    }
    return ok(core::format_money(amount, cents, format));
}

val format_number_js(val value, val decimals, val options) {
    MR_OPTIONS(opts, options);
    if (!value.isNumber()) {
        return fail(argument_error("value", "expected a number."));
    }
    Reader in;
    const core::NumberFormat format = read_number_format(in, opts);
    const int places = decimals.isNumber() ? static_cast<int>(decimals.as<double>()) : 0;
    if (!in.ok()) {
        return fail(in.error());
    }
    return ok(core::format_number(value.as<double>(), places, format));
}

val format_percent_js(val rate, val decimals, val options) {
    MR_OPTIONS(opts, options);
    if (!rate.isNumber()) {
        return fail(argument_error("rate", "expected a number (a fraction: 0.074 is 7.4%)."));
    }
    Reader in;
    const core::NumberFormat format = read_number_format(in, opts);
    const int places = decimals.isNumber() ? static_cast<int>(decimals.as<double>()) : 1;
    if (!in.ok()) {
        return fail(in.error());
    }
    return ok(core::format_percent(rate.as<double>(), places, format));
}

val format_count_js(val count, val options) {
    MR_OPTIONS(opts, options);
    Reader in;
    const std::int64_t value = in.integer_value(from_js(count), "count", 0);
    const core::NumberFormat format = read_number_format(in, opts);
    if (!in.ok()) {
        return fail(in.error());
    }
    return ok(core::format_count(value, format));
}

val currencies_js() {
    json list = json::array();
    for (const auto& info : core::all_currencies) {
        list.push_back({{"code", info.code}, {"symbol", info.symbol}, {"name", info.name}});
    }
    return ok(list);
}

// ---- Formulas

val formulas_js() {
    json list = json::array();
    for (const auto& formula : core::all_formulas) {
        list.push_back(formula_json(formula));
    }
    return ok(list);
}

val formula_js(val id) {
    if (!id.isString()) {
        return fail(argument_error("id", "expected a formula id such as \"cpe\"."));
    }
    const std::string text = id.as<std::string>();
    const core::Formula* formula = core::find_formula(text);
    if (formula == nullptr) {
        return fail(
            core::make_error(core::ErrorCode::invalid, "id",
                             "id: no formula \"" + text + "\"; formulas() lists them all."));
    }
    return ok(formula_json(*formula));
}

// ---- Engagement

val engagement_rate_js(val inputs) {
    Reader in;
    const core::EngagementInputs parsed = read_engagement_inputs(in, from_js(inputs));
    if (!in.ok()) {
        return fail(in.error());
    }
    auto result = core::measure_engagement(parsed);
    return result ? ok(engagement_result_json(result.value())) : fail(result.error());
}

val expected_interactions_js(val audience, val rate) {
    if (!audience.isNumber() || !rate.isNumber()) {
        return fail(
            argument_error(audience.isNumber() ? "rate" : "audience", "expected a number."));
    }
    auto result = core::expected_interactions(audience.as<double>(), rate.as<double>());
    return result ? ok(number(result.value())) : fail(result.error());
}

// ---- Benchmarks

val benchmark_sets_js() {
    json list = json::array();
    for (const auto& set : core::builtin_benchmark_sets()) {
        list.push_back(benchmark_set_json(set));
    }
    return ok(list);
}

val validate_benchmark_set_js(val set) {
    Reader in;
    const core::BenchmarkSet parsed = read_benchmark_set(in, from_js(set), "set");
    if (!in.ok()) {
        return fail(in.error());
    }
    auto result = core::validate_benchmark_set(parsed);
    return result ? ok(benchmark_set_json(result.value())) : fail(result.error());
}

// {followers, engagementRate, setId?} or {followers, engagementRate, set}.
val grade_js(val inputs) {
    Reader in;
    const json object = from_js(inputs);
    const std::int64_t followers = in.integer(object, "followers", 0, "");
    const double rate = in.number(object, "engagementRate", 0.0, "");
    if (Reader::member(object, "followers") == nullptr ||
        Reader::member(object, "engagementRate") == nullptr) {
        in.fail(Reader::member(object, "followers") == nullptr ? "followers" : "engagementRate",
                "required (followers as a whole number, engagementRate as a fraction).");
    }
    core::BenchmarkSet set = core::builtin_benchmark_sets()[0];
    if (const json* custom = in.object(object, "set", "")) {
        set = read_benchmark_set(in, *custom, "set");
    } else {
        const std::string id = in.string(object, "setId", set.id, "");
        const core::BenchmarkSet* found =
            core::find_benchmark_set(core::builtin_benchmark_sets(), id);
        if (found == nullptr) {
            in.fail("setId",
                    "no built-in benchmark set \"" + id + "\"; benchmarkSets() lists them.");
        } else {
            set = *found;
        }
    }
    if (!in.ok()) {
        return fail(in.error());
    }
    auto result = core::grade(set, followers, rate);
    return result ? ok(grade_json(result.value())) : fail(result.error());
}

// ---- Pricing

val default_pricing_model_js(val currency) {
    const auto code = currency_argument(currency);
    if (!code) {
        return fail(currency_error("currency"));
    }
    return ok(pricing_model_json(core::default_pricing_model(*code)));
}

val price_tables_js(val currency) {
    const auto code = currency_argument(currency);
    if (!code) {
        return fail(currency_error("currency"));
    }
    json list = json::array();
    for (const auto& model : core::builtin_price_tables(*code)) {
        list.push_back(pricing_model_json(model));
    }
    return ok(list);
}

val price_references_js() {
    json list = json::array();
    for (const auto& reference : core::price_references) {
        list.push_back(
            {{"label", reference.label},
             {"price", money_json(core::Money{reference.usd_cents, core::Currency::usd})},
             {"source", reference.source},
             {"year", reference.year}});
    }
    return ok(list);
}

// {followers, engagementRate?, model?, currency?, quote?}
val suggest_price_js(val inputs) {
    Reader in;
    const json object = from_js(inputs);
    const core::Currency currency = read_currency(in, object, "currency", core::Currency::usd, "");
    core::PricingModel model = core::default_pricing_model(currency);
    if (const json* custom = in.object(object, "model", "")) {
        model = read_pricing_model(in, *custom, currency, "model");
    }
    if (Reader::member(object, "followers") == nullptr) {
        in.fail("followers", "required: a whole number of followers.");
    }
    const std::int64_t followers = in.integer(object, "followers", 0, "");
    const double rate = in.number(object, "engagementRate", 0.0, "");
    const std::optional<core::Money> quote =
        read_optional_money(in, object, "quote", model.currency, "");
    if (!in.ok()) {
        return fail(in.error());
    }
    auto result = core::price_per_post(model, followers, rate, quote);
    return result ? ok(price_suggestion_json(result.value())) : fail(result.error());
}

// ---- Funnel

val default_funnel_js(val currency) {
    const auto code = currency_argument(currency);
    if (!code) {
        return fail(currency_error("currency"));
    }
    return ok(funnel_assumptions_json(core::default_funnel_assumptions(*code)));
}

// {engagements, impressions?, cost, assumptions?, currency?}
val run_funnel_js(val inputs) {
    Reader in;
    const json object = from_js(inputs);
    const core::Currency currency = read_currency(in, object, "currency", core::Currency::usd, "");
    const double engagements = in.number(object, "engagements", 0.0, "");
    const double impressions = in.number(object, "impressions", 0.0, "");
    const core::Money cost = read_money(in, object, "cost", core::Money::zero(currency), "");
    core::FunnelAssumptions assumptions = core::default_funnel_assumptions(cost.currency);
    if (const json* custom = in.object(object, "assumptions", "")) {
        assumptions = read_funnel_assumptions(in, *custom, cost.currency, "assumptions");
    }
    if (!in.ok()) {
        return fail(in.error());
    }
    auto result = core::run_funnel(engagements, impressions, cost, assumptions);
    return result ? ok(funnel_result_json(result.value())) : fail(result.error());
}

// ---- Campaign

val evaluate_campaign_js(val inputs) {
    Reader in;
    const core::CampaignInputs parsed = read_campaign_inputs(in, from_js(inputs), "");
    if (!in.ok()) {
        return fail(in.error());
    }
    auto result = core::evaluate_campaign(parsed);
    return result ? ok(campaign_result_json(result.value())) : fail(result.error());
}

// ---- Comparison

val compare_plans_js(val inputs) {
    Reader in;
    const core::ComparisonInputs parsed = read_comparison_inputs(in, from_js(inputs));
    if (!in.ok()) {
        return fail(in.error());
    }
    auto result = core::compare_plans(parsed);
    return result ? ok(comparison_json(result.value())) : fail(result.error());
}

// ---- Tracking

// {roster, results: [{influencerId, likes, comments, shares, saves, clicks, conversions,
// revenue}], counted?, averaging?, margin?, currency?, rankBy?}
val track_results_js(val inputs) {
    Reader in;
    const json object = from_js(inputs);
    const core::TrackingInputs parsed = read_tracking_inputs(in, object);
    const bool rank = Reader::member(object, "rankBy") != nullptr;
    const core::TrackingMetric metric = in.enumeration(
        object, "rankBy", core::TrackingMetric::engagement_rate, tracking_metric_names, "");
    if (!in.ok()) {
        return fail(in.error());
    }
    auto result = core::track_results(parsed);
    if (!result) {
        return fail(result.error());
    }
    json value = tracking_result_json(result.value());
    if (rank) {
        json ranking = json::array();
        for (std::size_t index : core::rank_influencers(result.value(), metric)) {
            const auto& actuals = result.value().influencers[index];
            ranking.push_back({{"id", actuals.id},
                               {"value", optional_number(core::tracking_value(actuals, metric))}});
        }
        value["ranking"] = ranking;
        value["rankBy"] = core::tracking_metric_name(metric);
        value["higherIsBetter"] = core::higher_is_better(metric);
    }
    return ok(std::move(value));
}

// The same inputs plus minPosts: the roster with actuals as the new expectations.
val adopt_actuals_js(val inputs) {
    Reader in;
    const json object = from_js(inputs);
    const core::TrackingInputs parsed = read_tracking_inputs(in, object);
    const int min_posts = in.int32(object, "minPosts", 1, "");
    if (min_posts < 1) {
        in.fail("minPosts", "expected a whole number from 1 up.");
    }
    if (!in.ok()) {
        return fail(in.error());
    }
    auto result = core::track_results(parsed);
    if (!result) {
        return fail(result.error());
    }
    const core::AdoptedRoster adopted =
        core::adopt_actuals(parsed.roster, result.value(), min_posts);
    json roster = json::array();
    for (const auto& influencer : adopted.roster) {
        roster.push_back(influencer_json(influencer));
    }
    return ok({{"roster", roster}, {"changedIds", adopted.changed_ids}});
}

// ---- Uncertainty

// {plan: campaign, sigma?}
val uncertainty_bands_js(val inputs) {
    Reader in;
    const json object = from_js(inputs);
    const json* plan_input = in.object(object, "plan", "");
    if (plan_input == nullptr) {
        in.fail("plan", "required: the campaign (as for evaluateCampaign).");
    }
    const double sigma = in.number(object, "sigma", core::UncertaintySettings{}.sigma, "");
    std::optional<core::SimulationPlan> plan;
    if (in.ok()) {
        plan = simulation_plan_of(in, *plan_input, "plan");
    }
    if (!in.ok()) {
        return fail(in.error());
    }
    auto result = core::plan_bands(*plan, sigma);
    if (!result) {
        return fail(result.error());
    }
    const auto& bands = result.value();
    return ok({{"engagements", band_json(bands.engagements)},
               {"targetedEngagements", band_json(bands.targeted_engagements)},
               {"conversions", band_json(bands.conversions)},
               {"costPerEngagement", money_band_json(bands.cost_per_engagement)},
               {"costPerTargetedEngagement", money_band_json(bands.cost_per_targeted_engagement)},
               {"costPerConversion", money_band_json(bands.cost_per_conversion)}});
}

// {plan, settings?} for one plan; {a, b, metric?, judgement?, settings?} for two.
val monte_carlo_js(val inputs) {
    Reader in;
    const json object = from_js(inputs);
    core::UncertaintySettings settings;
    if (const json* custom = in.object(object, "settings", "")) {
        settings = read_uncertainty(in, *custom, "settings");
    }
    const bool pair =
        Reader::member(object, "a") != nullptr || Reader::member(object, "b") != nullptr;
    if (!pair) {
        const json* plan_input = in.object(object, "plan", "");
        if (plan_input == nullptr) {
            in.fail("plan", "required: the campaign to simulate (or a and b to compare two).");
            return fail(in.error());
        }
        const auto plan = simulation_plan_of(in, *plan_input, "plan");
        if (!in.ok()) {
            return fail(in.error());
        }
        auto result = core::simulate_plan(*plan, settings);
        if (!result) {
            return fail(result.error());
        }
        json value = plan_simulation_json(result.value());
        value["trials"] = settings.trials;
        return ok(std::move(value));
    }
    const json* a_input = in.object(object, "a", "");
    const json* b_input = in.object(object, "b", "");
    if (a_input == nullptr || b_input == nullptr) {
        in.fail(a_input == nullptr ? "a" : "b", "required: both plans, as for evaluateCampaign.");
    }
    const core::PlanMetric metric =
        in.enumeration(object, "metric", core::PlanMetric::engagements, metric_names, "");
    const core::Judgement judgement =
        in.enumeration(object, "judgement", core::Judgement::cost_per_result, judgement_names, "");
    if (!in.ok()) {
        return fail(in.error());
    }
    const auto a = simulation_plan_of(in, *a_input, "a");
    const auto b = in.ok() ? simulation_plan_of(in, *b_input, "b") : std::nullopt;
    if (!in.ok()) {
        return fail(in.error());
    }
    auto result = core::simulate_pair(*a, *b, metric, judgement, settings);
    if (!result) {
        return fail(result.error());
    }
    const auto& s = result.value();
    return ok({{"a", plan_simulation_json(s.a)},
               {"b", plan_simulation_json(s.b)},
               {"metric", name_of(s.metric, metric_names)},
               {"judgement", name_of(s.judgement, judgement_names)},
               {"probabilityABeatsB", number(s.probability_a_beats_b)},
               {"trials", s.trials}});
}

// ---- Optimizer

// [optimizer searches] begin: time budget and resumable searches (issue 16).
// A search stopped by its budget is kept under a `searchId` that resumeOptimize()
// continues and releaseOptimize() frees; at most 8 are kept (the oldest is dropped).

// options.maxNodes (0 = none) and options.timeLimitMs (default 1,000; 0 = none).
core::SolveLimits read_search_limits(Reader& in, const json& opts) {
    core::SolveLimits limits;
    limits.max_nodes = in.integer(opts, "maxNodes", 0, "options");
    limits.time_limit_ms = in.number(opts, "timeLimitMs", core::default_time_limit_ms, "options");
    if (!(limits.time_limit_ms >= 0.0 && limits.time_limit_ms <= 1e9)) {
        in.fail("options.timeLimitMs", "expected milliseconds from 0 (no limit) to 1e9.");
    }
    return limits;
}

struct KeptSearch {
    std::int64_t id = 0;
    core::OptimizerSolver solver;
};
std::vector<KeptSearch> kept_searches; // oldest first
std::int64_t last_search_id = 0;
constexpr std::size_t max_kept_searches = 8;

// The solution envelope; a stopped search is kept and its id returned with it.
val search_result(core::OptimizerSolver solver, std::int64_t id) {
    const core::OptimizerSolution solution = solver.solution();
    if (solution.status == core::SolveStatus::infeasible) {
        return fail(
            core::make_error(core::ErrorCode::infeasible, "Optimizer", solution.explanation));
    }
    json out = optimizer_solution_json(solution);
    if (!solver.finished()) {
        if (kept_searches.size() >= max_kept_searches) {
            kept_searches.erase(kept_searches.begin());
        }
        kept_searches.push_back({id, std::move(solver)});
        out["searchId"] = id;
    }
    return ok(std::move(out));
}

val optimize_js(val problem, val options) {
    MR_OPTIONS(opts, options);
    Reader in;
    const core::OptimizerProblem parsed = read_optimizer_problem(in, from_js(problem));
    const core::SolveLimits limits = read_search_limits(in, opts);
    if (!in.ok()) {
        return fail(in.error());
    }
    auto solver = core::start_solve(parsed, limits);
    if (!solver.ok()) {
        return fail(solver.error());
    }
    return search_result(std::move(solver).value(), ++last_search_id);
}

val resume_optimize_js(val search_id, val options) {
    MR_OPTIONS(opts, options);
    Reader in;
    const core::SolveLimits limits = read_search_limits(in, opts);
    if (!in.ok()) {
        return fail(in.error());
    }
    const auto found = std::find_if(kept_searches.begin(), kept_searches.end(), [&](auto& k) {
        return search_id.isNumber() && static_cast<double>(k.id) == search_id.as<double>();
    });
    if (found == kept_searches.end()) {
        return fail(argument_error("searchId", "no stopped search has this id (it finished, was "
                                               "released, or 8 newer ones replaced it); call "
                                               "optimize again."));
    }
    KeptSearch search = std::move(*found);
    kept_searches.erase(found);
    search.solver.run(limits.max_nodes, limits.time_limit_ms);
    return search_result(std::move(search.solver), search.id);
}

val release_optimize_js(val search_id) {
    const auto before = kept_searches.size();
    std::erase_if(kept_searches, [&](const KeptSearch& k) {
        return search_id.isNumber() && static_cast<double>(k.id) == search_id.as<double>();
    });
    return ok(kept_searches.size() < before);
}
// [optimizer searches] end

// ---- Share links and prefill

val parse_prefill_js(val query, val options) {
    MR_OPTIONS(opts, options);
    const auto text = text_argument(query);
    if (!text) {
        return fail(argument_error(
            "query", "expected the query string, such as \"?budget=5000&currency=EUR\"."));
    }
    Reader in;
    const core::Currency currency =
        read_currency(in, opts, "currency", core::Currency::usd, "options");
    std::vector<std::string> screens;
    if (const json* list = in.array(opts, "screens", "options")) {
        for (const auto& item : *list) {
            if (item.is_string()) {
                screens.push_back(item.get<std::string>());
            } else {
                in.fail("options.screens", "expected a list of screen ids (text).");
            }
        }
    }
    if (!in.ok()) {
        return fail(in.error());
    }
    const std::vector<std::string_view> screen_ids(screens.begin(), screens.end());
    const core::PrefillParams params = core::parse_prefill(*text, currency, screen_ids);
    json errors = json::array();
    for (const auto& error : params.errors) {
        errors.push_back(error_json(error));
    }
    char accent[8] = "";
    if (params.accent) {
        static constexpr char hex[] = "0123456789abcdef";
        accent[0] = '#';
        for (int i = 0; i < 6; ++i) {
            accent[1 + i] = hex[(*params.accent >> (20 - 4 * i)) & 0xF];
        }
        accent[7] = 0;
    }
    return ok({{"screen", params.screen ? json(*params.screen) : json()},
               {"budget", money_json(params.budget)},
               {"currency", params.currency ? json(currency_code(*params.currency)) : json()},
               {"theme", params.theme ? json(name_of(*params.theme, theme_names)) : json()},
               {"accent", params.accent ? json(std::string(accent)) : json()},
               {"embed", params.embed ? json(*params.embed) : json()},
               {"errors", errors}});
}

// ---- CSV

val parse_csv_js(val text, val options) {
    MR_OPTIONS(opts, options);
    const auto input = text_argument(text);
    if (!input) {
        return fail(argument_error("text", "expected the CSV file's text."));
    }
    Reader in;
    const core::CsvReadOptions read_options = read_csv_options(in, opts);
    if (!in.ok()) {
        return fail(in.error());
    }
    auto result = core::parse_csv(*input, read_options);
    if (!result) {
        return fail(result.error());
    }
    const auto& table = result.value();
    json rows = json::array();
    for (const auto& row : table.rows) {
        rows.push_back(csv_record_json(row));
    }
    return ok({{"separator", separator_text(table.separator)},
               {"hadByteOrderMark", table.had_byte_order_mark},
               {"encoding", name_of(table.encoding, encoding_names)},
               {"header", csv_record_json(table.header)},
               {"rows", rows}});
}

val write_csv_js(val records, val options) {
    MR_OPTIONS(opts, options);
    Reader in;
    const json list = from_js(records);
    std::vector<std::vector<std::string>> table;
    if (!list.is_array()) {
        in.fail("records", "expected a list of records, each a list of cells.");
    } else {
        for (std::size_t r = 0; r < list.size() && in.ok(); ++r) {
            const json& record = list[r];
            if (!record.is_array()) {
                in.fail(Reader::index("records", r), "expected a list of cells.");
                break;
            }
            std::vector<std::string> cells;
            for (std::size_t c = 0; c < record.size(); ++c) {
                const json& cell = record[c];
                if (cell.is_string()) {
                    cells.push_back(cell.get<std::string>());
                } else if (cell.is_number() || cell.is_boolean()) {
                    cells.push_back(cell.dump());
                } else if (cell.is_null()) {
                    cells.emplace_back();
                } else {
                    in.fail(Reader::index(Reader::index("records", r), c),
                            "expected text or a number.");
                    break;
                }
            }
            table.push_back(std::move(cells));
        }
    }
    core::CsvWriteOptions write;
    write.separator = read_separator(in, opts, ',', "options");
    write.byte_order_mark = in.boolean(opts, "byteOrderMark", write.byte_order_mark, "options");
    write.guard_formulas = in.boolean(opts, "guardFormulas", write.guard_formulas, "options");
    if (!in.ok()) {
        return fail(in.error());
    }
    return ok(core::write_csv(table, write));
}

// CSV text -> what an import would add and every bad cell, before anything changes.
val preview_roster_csv_js(val text, val options) {
    MR_OPTIONS(opts, options);
    const auto input = text_argument(text);
    if (!input) {
        return fail(argument_error("text", "expected the CSV file's text."));
    }
    Reader in;
    const core::RosterImportOptions import_options = read_roster_import_options(in, opts);
    const core::CsvReadOptions csv_options = read_csv_options(in, opts);
    if (!in.ok()) {
        return fail(in.error());
    }
    // Parsed here too, only to report the header text next to each column's field.
    auto table = core::parse_csv(*input, csv_options);
    if (!table) {
        return fail(table.error());
    }
    auto result = core::preview_roster_csv(*input, import_options, csv_options);
    return result ? ok(roster_preview_json(result.value(), &table.value().header))
                  : fail(result.error());
}

// The roster after importing the good rows of a CSV text: {roster, mode: "append" |
// "replace", currency?, decimalComma?, defaultEngagementRate?, separator?}. Returns
// {roster, added, preview}; rows with errors are left out (the preview lists them).
val import_roster_csv_js(val text, val options) {
    const auto input = text_argument(text);
    if (!input) {
        return fail(argument_error("text", "expected the CSV file's text."));
    }
    const std::optional<json> parsed = options_argument(options);
    if (!parsed) {
        return fail(argument_error("options", "expected an object of options."));
    }
    Reader in;
    const core::RosterImportOptions import_options = read_roster_import_options(in, *parsed);
    const core::CsvReadOptions csv_options = read_csv_options(in, *parsed);
    const std::vector<core::Influencer> roster =
        read_roster(in, *parsed, "roster", import_options.currency, "options");
    const core::ImportMode mode =
        in.enumeration(*parsed, "mode", core::ImportMode::append, import_mode_names, "options");
    if (!in.ok()) {
        return fail(in.error());
    }
    auto preview = core::preview_roster_csv(*input, import_options, csv_options);
    if (!preview) {
        return fail(preview.error());
    }
    auto applied = core::apply_roster_import(roster, preview.value(), mode);
    if (!applied) {
        return fail(applied.error());
    }
    json rows = json::array();
    for (const auto& influencer : applied.value()) {
        rows.push_back(influencer_json(influencer));
    }
    return ok({{"roster", rows},
               {"added", preview.value().rows.size()},
               {"preview", roster_preview_json(preview.value(), nullptr)}});
}

// {roster, currency?, separator?, byteOrderMark?, decimalComma?, results?: true}
val export_roster_csv_js(val inputs) {
    Reader in;
    const json object = from_js(inputs);
    core::RosterExportOptions options;
    options.currency = read_currency(in, object, "currency", options.currency, "");
    options.csv.separator = read_separator(in, object, ',', "");
    options.csv.byte_order_mark = in.boolean(object, "byteOrderMark", false, "");
    options.decimal_comma = in.boolean(object, "decimalComma", false, "");
    const bool with_results = in.boolean(object, "results", false, "");
    const std::vector<core::Influencer> roster =
        read_roster(in, object, "roster", options.currency, "");
    if (!in.ok()) {
        return fail(in.error());
    }
    if (!with_results) {
        return ok(core::export_roster_csv(roster, options));
    }
    Reader campaign_reader;
    core::CampaignInputs campaign = read_campaign_inputs(campaign_reader, object, "");
    if (!campaign_reader.ok()) {
        return fail(campaign_reader.error());
    }
    auto results = core::evaluate_campaign(campaign);
    if (!results) {
        return fail(results.error());
    }
    return ok(core::export_roster_results_csv(roster, results.value(), options));
}

// ---- Scenario (the whole application state, as the state JSON document)

// A scenario argument: the document as an object, or its JSON text.
core::Result<core::Scenario> scenario_argument(const val& scenario) {
    if (scenario.isString()) {
        return core::import_scenario_json(scenario.as<std::string>());
    }
    if (absent(scenario)) {
        return core::make_error(
            core::ErrorCode::invalid, "scenario",
            "scenario: expected a scenario document (defaultScenario() gives one).");
    }
    return core::detail::scenario_from_json(from_js(scenario));
}

val default_scenario_js() {
    return ok(core::detail::scenario_to_json(core::default_scenario()));
}

// Checks a document (object or text) and returns it complete and normalized: missing
// fields filled with defaults, older versions migrated.
val scenario_from_json_js(val scenario) {
    auto parsed = scenario_argument(scenario);
    return parsed ? ok(core::detail::scenario_to_json(parsed.value())) : fail(parsed.error());
}

val scenario_to_json_js(val scenario, val options) {
    MR_OPTIONS(opts, options);
    Reader in;
    const bool pretty = in.boolean(opts, "pretty", true, "options");
    if (!in.ok()) {
        return fail(in.error());
    }
    auto parsed = scenario_argument(scenario);
    return parsed ? ok(core::export_scenario_json(parsed.value(), pretty)) : fail(parsed.error());
}

// Everything the calculator computes from a scenario: the campaign plan and the
// comparison (rows, totals, verdict, break-even).
val evaluate_scenario_js(val scenario) {
    auto parsed = scenario_argument(scenario);
    if (!parsed) {
        return fail(parsed.error());
    }
    json value = json::object();
    auto campaign = core::evaluate_campaign(core::campaign_inputs(parsed.value()));
    value["campaign"] = campaign
                            ? json{{"ok", true}, {"value", campaign_result_json(campaign.value())}}
                            : json{{"ok", false}, {"error", error_json(campaign.error())}};
    auto comparison = core::compare_plans(core::comparison_inputs(parsed.value()));
    value["comparison"] = comparison
                              ? json{{"ok", true}, {"value", comparison_json(comparison.value())}}
                              : json{{"ok", false}, {"error", error_json(comparison.error())}};
    return ok(std::move(value));
}

val report_js(val scenario, val options) {
    MR_OPTIONS(opts, options);
    Reader in;
    core::ReportOptions report_options;
    const std::int64_t max_rows =
        in.integer(opts, "maxRows", static_cast<std::int64_t>(report_options.max_rows), "options");
    if (max_rows < 0) {
        in.fail("options.maxRows", "expected a whole number from 0 up.");
    }
    report_options.max_rows = static_cast<std::size_t>(max_rows < 0 ? 0 : max_rows);
    report_options.include_simulation =
        in.boolean(opts, "includeSimulation", report_options.include_simulation, "options");
    report_options.include_formulas =
        in.boolean(opts, "includeFormulas", report_options.include_formulas, "options");
    if (!in.ok()) {
        return fail(in.error());
    }
    auto parsed = scenario_argument(scenario);
    return parsed ? ok(core::plan_report(parsed.value(), report_options)) : fail(parsed.error());
}

// The whole scenario as a share-link fragment ("v1.…", without '#').
val encode_share_link_js(val scenario) {
    auto parsed = scenario_argument(scenario);
    if (!parsed) {
        return fail(parsed.error());
    }
    auto fragment = core::encode_share_fragment(parsed.value());
    return fragment ? ok(fragment.value()) : fail(fragment.error());
}

// A fragment (with or without '#', or a whole URL) back to the scenario document.
val decode_share_link_js(val fragment) {
    if (!fragment.isString()) {
        return fail(argument_error("fragment", "expected the text after '#' in a share link."));
    }
    std::string text = fragment.as<std::string>();
    if (const auto hash = text.find('#'); hash != std::string::npos) {
        text.erase(0, hash + 1);
    }
    auto scenario = core::decode_share_fragment(text);
    return scenario ? ok(core::detail::scenario_to_json(scenario.value())) : fail(scenario.error());
}

val screen_ids_js() {
    json list = json::array();
    for (std::string_view id : core::screen_ids()) {
        list.push_back(id);
    }
    return ok(list);
}

#undef MR_OPTIONS

// Overloads by argument count (embind requires the exact count per overload), so
// optional trailing arguments may be left out in JavaScript.
val parse_number_1(val text) {
    return parse_number_js(std::move(text), val::undefined());
}
val parse_count_1(val text) {
    return parse_count_js(std::move(text), val::undefined());
}
val parse_rate_1(val text) {
    return parse_rate_js(std::move(text), val::undefined());
}
val parse_money_1(val text) {
    return parse_money_js(std::move(text), val::undefined());
}
val format_money_1(val money) {
    return format_money_js(std::move(money), val::undefined());
}
val format_number_1(val value) {
    return format_number_js(std::move(value), val::undefined(), val::undefined());
}
val format_number_2(val value, val decimals) {
    return format_number_js(std::move(value), std::move(decimals), val::undefined());
}
val format_percent_1(val rate) {
    return format_percent_js(std::move(rate), val::undefined(), val::undefined());
}
val format_percent_2(val rate, val decimals) {
    return format_percent_js(std::move(rate), std::move(decimals), val::undefined());
}
val format_count_1(val count) {
    return format_count_js(std::move(count), val::undefined());
}
val default_pricing_model_0() {
    return default_pricing_model_js(val::undefined());
}
val price_tables_0() {
    return price_tables_js(val::undefined());
}
val default_funnel_0() {
    return default_funnel_js(val::undefined());
}
val optimize_1(val problem) {
    return optimize_js(std::move(problem), val::undefined());
}
val resume_optimize_1(val search_id) {
    return resume_optimize_js(std::move(search_id), val::undefined());
}
val scenario_to_json_1(val scenario) {
    return scenario_to_json_js(std::move(scenario), val::undefined());
}
val report_1(val scenario) {
    return report_js(std::move(scenario), val::undefined());
}
val parse_prefill_1(val query) {
    return parse_prefill_js(std::move(query), val::undefined());
}
val parse_csv_1(val text) {
    return parse_csv_js(std::move(text), val::undefined());
}
val write_csv_1(val records) {
    return write_csv_js(std::move(records), val::undefined());
}
val import_roster_csv_1(val text) {
    return import_roster_csv_js(std::move(text), val::undefined());
}
val preview_roster_csv_1(val text) {
    return preview_roster_csv_js(std::move(text), val::undefined());
}

} // namespace

// [SECTION] EMSCRIPTEN_BINDINGS

EMSCRIPTEN_BINDINGS(microreach) {
    using emscripten::function;
    function("version", &version_js);

    function("parseNumber", &parse_number_1);
    function("parseNumber", &parse_number_js);
    function("parseCount", &parse_count_1);
    function("parseCount", &parse_count_js);
    function("parseRate", &parse_rate_1);
    function("parseRate", &parse_rate_js);
    function("parseMoney", &parse_money_1);
    function("parseMoney", &parse_money_js);
    function("formatMoney", &format_money_1);
    function("formatMoney", &format_money_js);
    function("formatNumber", &format_number_1);
    function("formatNumber", &format_number_2);
    function("formatNumber", &format_number_js);
    function("formatPercent", &format_percent_1);
    function("formatPercent", &format_percent_2);
    function("formatPercent", &format_percent_js);
    function("formatCount", &format_count_1);
    function("formatCount", &format_count_js);
    function("currencies", &currencies_js);

    function("formulas", &formulas_js);
    function("formula", &formula_js);

    function("engagementRate", &engagement_rate_js);
    function("expectedInteractions", &expected_interactions_js);

    function("benchmarkSets", &benchmark_sets_js);
    function("validateBenchmarkSet", &validate_benchmark_set_js);
    function("grade", &grade_js);

    function("defaultPricingModel", &default_pricing_model_0);
    function("defaultPricingModel", &default_pricing_model_js);
    function("priceTables", &price_tables_0);
    function("priceTables", &price_tables_js);
    function("priceReferences", &price_references_js);
    function("suggestPrice", &suggest_price_js);

    function("defaultFunnelAssumptions", &default_funnel_0);
    function("defaultFunnelAssumptions", &default_funnel_js);
    function("runFunnel", &run_funnel_js);

    function("evaluateCampaign", &evaluate_campaign_js);
    function("comparePlans", &compare_plans_js);
    function("trackResults", &track_results_js);
    function("adoptActuals", &adopt_actuals_js);
    function("uncertaintyBands", &uncertainty_bands_js);
    function("monteCarlo", &monte_carlo_js);
    function("optimize", &optimize_1);
    function("optimize", &optimize_js);
    function("resumeOptimize", &resume_optimize_1);
    function("resumeOptimize", &resume_optimize_js);
    function("releaseOptimize", &release_optimize_js);

    function("defaultScenario", &default_scenario_js);
    function("scenarioFromJson", &scenario_from_json_js);
    function("scenarioToJson", &scenario_to_json_1);
    function("scenarioToJson", &scenario_to_json_js);
    function("evaluateScenario", &evaluate_scenario_js);
    function("report", &report_1);
    function("report", &report_js);
    function("screenIds", &screen_ids_js);
    function("encodeShareLink", &encode_share_link_js);
    function("decodeShareLink", &decode_share_link_js);

    function("parsePrefill", &parse_prefill_1);
    function("parsePrefill", &parse_prefill_js);

    function("parseCsv", &parse_csv_1);
    function("parseCsv", &parse_csv_js);
    function("writeCsv", &write_csv_1);
    function("writeCsv", &write_csv_js);
    function("previewRosterCsv", &preview_roster_csv_1);
    function("previewRosterCsv", &preview_roster_csv_js);
    function("importRosterCsv", &import_roster_csv_1);
    function("importRosterCsv", &import_roster_csv_js);
    function("exportRosterCsv", &export_roster_csv_js);
}
