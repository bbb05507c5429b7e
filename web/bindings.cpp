// The complete list of what JavaScript can call (embind), documented in docs/api.md.
// Each function is one line: expose<the C++ function, required args, optional args>.
// The functions themselves are plain C++ in api/ (built and tested natively too).
//
// Values cross the boundary as JSON text: each argument is JSON.stringify'd once in
// JS (web/bindings_post.js: a value JSON cannot carry, circular or BigInt, becomes an
// `invalid` error instead of an exception) and the envelope is JSON.parse'd once.
// Columns (typed arrays and a columns object's lists of texts in, Float64Arrays out)
// travel beside the text as copies of wasm memory (api::Columns, api/columns.cpp).
// Optional trailing arguments may be left out: embind needs one registration per
// argument count, and expose() makes them. A wrong count is a programming error
// (embind throws a BindingError).
#include "api/api.hpp"
#include "core/version.hpp"

#include <emscripten/bind.h>
#include <emscripten/val.h>
#include <memory>

namespace {

using emscripten::val;

template <std::size_t>
using Val = val;

// The JSON text of one argument, made in JS (web/bindings_post.js): nothing when JSON
// cannot carry the value, "" when it has no JSON form (undefined, a function). Columns
// in it are appended to `columns` and marked in the text (api::Columns).
std::optional<std::string> json_text(const val& value, const val& columns) {
    static const val to_json = val::module_property("microreachJson");
    const val text = to_json(value, columns);
    if (text.isString()) {
        return text.as<std::string>();
    }
    return text.isFalse() ? std::nullopt : std::optional<std::string>("");
}

// One column marked by bindings_post.js, copied into wasm memory in one step: a typed
// array's numbers, or a list of texts ({text: joined, ends: where each entry ends, in
// UTF-16 units}).
core::schema::ColumnBytes input_column(const val& column) {
    const val ends = column["ends"];
    if (ends.isUndefined()) {
        const auto size = column["length"].as<std::size_t>();
        core::schema::ColumnBytes bytes(core::schema::ColumnBytes::numbers, size * sizeof(double));
        // new[]'s alignment suits doubles.
        val(emscripten::typed_memory_view(size, reinterpret_cast<double*>(bytes.data())))
            .call<void>("set", column);
        return bytes;
    }
    static const val encoder = val::global("TextEncoder").new_();
    const val text = column["text"];
    const auto entries = ends["length"].as<std::size_t>();
    const auto units = text["length"].as<std::size_t>();
    {
        // All ASCII, the usual case: one byte a UTF-16 unit, so the ends are JavaScript's
        // and the text is encoded straight into the column.
        core::schema::TextColumnSpace space(entries, units);
        val(emscripten::typed_memory_view(entries, space.ends())).call<void>("set", ends);
        const val done =
            encoder.call<val>("encodeInto", text,
                              val(emscripten::typed_memory_view(
                                  units, reinterpret_cast<std::uint8_t*>(space.utf8()))));
        if (done["read"].as<std::size_t>() == units && done["written"].as<std::size_t>() == units) {
            return std::move(space).finish();
        }
    }
    // At most 3 bytes a UTF-16 unit; left uninitialized (a zero fill costs as much as
    // the encoding).
    const std::size_t most = units * 3;
    const std::unique_ptr<std::uint8_t[]> utf8(new std::uint8_t[most]);
    const val view = val(emscripten::typed_memory_view(most, utf8.get()));
    const auto written = encoder.call<val>("encodeInto", text, view)["written"].as<std::size_t>();
    const auto utf16_ends = emscripten::convertJSArrayToNumberVector<std::uint32_t>(ends);
    std::vector<std::uint32_t> lengths(entries);
    for (std::size_t k = 0; k < entries; ++k) {
        lengths[k] = utf16_ends[k] - (k == 0 ? 0 : utf16_ends[k - 1]);
    }
    return api::text_column_from_utf16(
        std::string_view(reinterpret_cast<const char*>(utf8.get()), written), lengths);
}

// The envelope as a JavaScript value: its number columns, one buffer, are copied out
// once into one Float64Array, each column a view into it (bindings_post.js).
val to_js(api::CallResult&& result) {
    static const val json = val::global("JSON");
    if (result.columns.size() == 0) {
        return json.call<val>("parse", result.json);
    }
    static const val parse = val::module_property("microreachParse");
    // The text first: making it may allocate, and growing wasm memory would detach views
    // made before.
    const val text(result.json);
    const auto& columns = result.columns;
    return parse(text, val(emscripten::typed_memory_view(columns.count(), columns.numbers())),
                 val(emscripten::typed_memory_view(columns.starts.size(), columns.starts.data())));
}

template <api::Function F, class Indexes>
struct Entry;
template <api::Function F, std::size_t... I>
struct Entry<F, std::index_sequence<I...>> {
    static val run(Val<I>... values) {
        const val marked = val::array();
        const std::vector<std::optional<std::string>> texts{json_text(values, marked)...};
        api::InputColumns columns;
        const auto count = marked["length"].as<std::size_t>();
        columns.reserve(count);
        for (std::size_t k = 0; k < count; ++k) {
            columns.push_back(input_column(marked[k]));
        }
        return to_js(api::call(F, texts, std::move(columns)));
    }
};

template <api::Function F, std::size_t Required, std::size_t... Extra>
void expose_counts(const char* name, std::index_sequence<Extra...>) {
    (emscripten::function(name, &Entry<F, std::make_index_sequence<Required + Extra>>::run), ...);
}

// Registers `name` for `Required` to `Required + Optional` arguments.
template <api::Function F, std::size_t Required, std::size_t Optional = 0>
void expose(const char* name) {
    expose_counts<F, Required>(name, std::make_index_sequence<Optional + 1>{});
}

std::string version() {
    return std::string(core::version());
}

} // namespace

EMSCRIPTEN_BINDINGS(microreach) {
    emscripten::function("version", &version); // a plain string, no envelope
    // Numbers and money, formulas
    expose<api::parse_number, 1, 1>("parseNumber");
    expose<api::parse_count, 1, 1>("parseCount");
    expose<api::parse_rate, 1, 1>("parseRate");
    expose<api::parse_money, 1, 1>("parseMoney");
    expose<api::format_money, 1, 1>("formatMoney");
    expose<api::format_number, 1, 2>("formatNumber");
    expose<api::format_percent, 1, 2>("formatPercent");
    expose<api::format_count, 1, 1>("formatCount");
    expose<api::currencies, 0>("currencies");
    expose<api::formulas, 0>("formulas");
    expose<api::formula, 1>("formula");
    // Engagement, benchmarks, pricing, funnel
    expose<api::engagement_rate, 1>("engagementRate");
    expose<api::expected_interactions, 2>("expectedInteractions");
    expose<api::benchmark_sets, 0>("benchmarkSets");
    expose<api::validate_benchmark_set, 1>("validateBenchmarkSet");
    expose<api::grade, 1>("grade");
    expose<api::expected_rate, 1>("expectedRate");
    expose<api::default_pricing_model, 0, 1>("defaultPricingModel");
    expose<api::price_tables, 0, 1>("priceTables");
    expose<api::price_references, 0>("priceReferences");
    expose<api::suggest_price, 1>("suggestPrice");
    expose<api::default_funnel, 0, 1>("defaultFunnelAssumptions");
    expose<api::run_funnel, 1>("runFunnel");
    // Campaigns, comparison, tracking, uncertainty, optimizer
    expose<api::evaluate_campaign, 1>("evaluateCampaign");
    expose<api::compare_plans, 1>("comparePlans");
    expose<api::track_results, 1>("trackResults");
    expose<api::adopt_actuals, 1>("adoptActuals");
    expose<api::uncertainty_bands, 1>("uncertaintyBands");
    expose<api::monte_carlo, 1>("monteCarlo");
    expose<api::optimize, 1, 1>("optimize");
    expose<api::resume_optimize, 1, 1>("resumeOptimize");
    expose<api::release_optimize, 1>("releaseOptimize");
    expose<api::time_evaluation, 2>("benchmarkEvaluateCampaign");
    // Scenarios, reports, share links, prefill
    expose<api::default_scenario, 0>("defaultScenario");
    expose<api::scenario_from_json, 1>("scenarioFromJson");
    expose<api::scenario_to_json, 1, 1>("scenarioToJson");
    expose<api::evaluate_scenario, 1>("evaluateScenario");
    expose<api::report, 1, 1>("report");
    expose<api::screen_ids, 0>("screenIds");
    expose<api::encode_share_link, 1>("encodeShareLink");
    expose<api::decode_share_link, 1>("decodeShareLink");
    expose<api::parse_prefill, 1, 1>("parsePrefill");
    // CSV
    expose<api::parse_csv, 1, 1>("parseCsv");
    expose<api::write_csv, 1, 1>("writeCsv");
    expose<api::preview_roster_csv, 1, 1>("previewRosterCsv");
    expose<api::import_roster_csv, 1, 1>("importRosterCsv");
    expose<api::export_roster_csv, 1>("exportRosterCsv");
    // Tracking links and results import
    expose<api::tracking_links, 1>("trackingLinks");
    expose<api::preview_results_import, 1, 1>("previewResultsImport");
    expose<api::import_results, 1, 1>("importResults");
}
