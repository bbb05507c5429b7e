// The JavaScript API's functions (docs/api.md) as plain C++, built natively too (and
// tested there): each is `Reply f(const Args&)`, reading its JSON arguments, checking
// them, calling the core and returning a value or an error. web/bindings.cpp registers
// each with one line; the files here hold them by family:
//   numbers.cpp    numbers, money, currencies, formulas
//   models.cpp     engagement, benchmarks, pricing, funnel
//   campaigns.cpp  campaigns, comparison, tracking, uncertainty, optimizer
//   scenarios.cpp  scenarios, reports, share links, prefill
//   csv.cpp        CSV and roster import/export
//   results.cpp    tracking links and codes, results import
// Types described in core/schema.hpp are read and written by the generic reader and
// writer (core/json_codec.hpp, API dialect: camelCase, money objects).
#pragma once

#include "core/error.hpp"
#include "core/json_codec.hpp"
#include "core/roster_csv.hpp"

#include <cstddef>
#include <optional>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

namespace api {

using json = nlohmann::json;
using core::schema::Dialect;

// The arguments as JSON; one left out (or undefined, or null) is null.
struct Args {
    std::vector<json> values;
    // Where a result written as columns puts its numbers (docs/api.md "Columns"); call()
    // hands them to JavaScript.
    core::schema::NumberColumns* columns = nullptr;
    [[nodiscard]] const json& operator[](std::size_t i) const;
};

using Reply = core::Result<json>;
using Function = Reply (*)(const Args&);

// Reads API inputs: the generic reader in the API dialect, plus plain values with a
// fallback. Keys are written as JavaScript spells them ("reachRate").
class Input : public core::schema::Reader {
public:
    explicit Input(std::string root = {}, core::Currency currency = core::Currency::usd)
        : Reader(Dialect::api, currency, std::move(root)) {}

    // object[key] read as M (a missing key gives `fallback`).
    template <class M>
    M get(const json& object, std::string_view key, M fallback) {
        read_member(object, key, fallback);
        return fallback;
    }
    // object[key] into a value that already holds the defaults (a schema type).
    template <class M>
    void into(const json& object, std::string_view key, M& out, std::size_t max_items = 0) {
        read_member(object, key, out, max_items);
    }
    // The object at object[key], or nullptr when missing; not an object is an error.
    const json* object(const json& parent, std::string_view key);
    // A required member: missing is an error saying what to give.
    const json* required(const json& parent, std::string_view key, std::string_view what);
    // An error at `path` (relative to the root), "path: what".
    void fail_at(std::string_view path, std::string_view what);
    using Reader::fail;

    // Whole arguments; a bad one is an error naming it ("text: expected ...").
    // The options argument: left out -> {}, anything but an object -> an error.
    json options(const Args& args, std::size_t index);
    std::string text(const Args& args, std::size_t index, std::string_view name,
                     std::string_view what);
    // A currency given as the whole argument ("EUR"), USD when left out.
    core::Currency currency_argument(const Args& args, std::size_t index);
};

[[nodiscard]] core::Error argument_error(std::string_view name, std::string_view what);

// Values out, in the API dialect.
template <class T>
[[nodiscard]] json out(const T& value) {
    return core::schema::Writer(Dialect::api, core::Currency::usd).write(value);
}
[[nodiscard]] json error_json(const core::Error& error);
// A nested envelope ({ok, value} or {ok, error}) for results inside a value.
[[nodiscard]] json envelope(Reply reply);
// A core Result<T> as a Reply, writing the value with out().
template <class T>
[[nodiscard]] Reply reply(const core::Result<T>& result) {
    return result ? Reply(out(result.value())) : Reply(result.error());
}
// The input reader's error, if any, as a Reply; else nothing.
#define MR_CHECK(input)                                                                            \
    if (!(input).ok()) {                                                                           \
        return (input).error();                                                                    \
    }

// [SECTION] The functions, by family (JavaScript names in web/bindings.cpp)
// Numbers and money, formulas
Reply parse_number(const Args&), parse_count(const Args&), parse_rate(const Args&),
    parse_money(const Args&), format_money(const Args&), format_number(const Args&),
    format_percent(const Args&), format_count(const Args&), currencies(const Args&),
    formulas(const Args&), formula(const Args&);
// Engagement, benchmarks, pricing, funnel
Reply engagement_rate(const Args&), expected_interactions(const Args&), benchmark_sets(const Args&),
    validate_benchmark_set(const Args&), grade(const Args&), expected_rate(const Args&),
    default_pricing_model(const Args&), price_tables(const Args&), price_references(const Args&),
    suggest_price(const Args&), default_funnel(const Args&), run_funnel(const Args&);
// Campaigns, comparison, tracking, uncertainty, optimizer
Reply evaluate_campaign(const Args&), compare_plans(const Args&), track_results(const Args&),
    adopt_actuals(const Args&), uncertainty_bands(const Args&), monte_carlo(const Args&),
    optimize(const Args&), resume_optimize(const Args&), release_optimize(const Args&),
    time_evaluation(const Args&);
// Scenarios, reports, share links, prefill
Reply default_scenario(const Args&), scenario_from_json(const Args&), scenario_to_json(const Args&),
    evaluate_scenario(const Args&), report(const Args&), screen_ids(const Args&),
    encode_share_link(const Args&), decode_share_link(const Args&), parse_prefill(const Args&);
// CSV
Reply parse_csv(const Args&), write_csv(const Args&), preview_roster_csv(const Args&),
    import_roster_csv(const Args&), export_roster_csv(const Args&);
// Tracking links and results import
Reply tracking_links(const Args&), preview_results_import(const Args&), import_results(const Args&);

// An import's columns as {column, letter, field, header?}: `fields` names each
// column's field; header (may be null) gives each column's header text.
[[nodiscard]] json import_columns_json(const std::vector<std::string_view>& fields,
                                       const core::CsvRecord* header);
// Bad cells of an import preview as {line, column, code, field, message, text}.
[[nodiscard]] json import_errors_json(const std::vector<core::ImportRowError>& errors);

// Columns travelling beside the JSON texts (docs/api.md, "Columns"; api/columns.cpp):
// in the texts, {"__microreachColumn": k} stands for column k. JavaScript's typed arrays
// and a columns object's lists of texts come in this way, each as one
// core::schema::ColumnBytes that the argument views (core/json_columns.hpp); a result's
// number columns go out this way, all in one
// buffer that JavaScript gets as one Float64Array. No number is written out as text.
using core::schema::column_marker;
using InputColumns = std::vector<core::schema::ColumnBytes>;
using Columns = core::schema::NumberColumns; // a result's

struct CallResult {
    std::string json; // the envelope's JSON text
    Columns columns;  // what its markers stand for
};

// Runs `f` on arguments given as JSON texts (an empty optional: the value JSON cannot
// carry) with the columns they mark, and returns the envelope, what JavaScript gets.
[[nodiscard]] CallResult call(Function f, const std::vector<std::optional<std::string>>& texts,
                              InputColumns columns = {});

// A list of texts from JavaScript as a text column: their UTF-8 bytes one after another
// (TextEncoder's, a lone surrogate as U+FFFD) and each one's length in UTF-16 units.
[[nodiscard]] core::schema::ColumnBytes
text_column_from_utf16(std::string_view utf8, const std::vector<std::uint32_t>& utf16_lengths);
// Puts a view of each marked column of `columns` in place in `value`: `columns` must
// outlive `value` (call() keeps both for the call).
void place_columns(json& value, const InputColumns& columns);

} // namespace api
