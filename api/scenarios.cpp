// JavaScript API: scenarios (the saved-file document, core/state_json.hpp), reports,
// share links and URL prefill (docs/api.md, "Scenarios, reports and share links").
#include "api/api.hpp"
#include "core/campaign.hpp"
#include "core/compare.hpp"
#include "core/numbers.hpp"
#include "core/report.hpp"
#include "core/share_link.hpp"
#include "core/state_json.hpp"

namespace api {

// A scenario argument: the document as an object, or its JSON text.
core::Result<core::Scenario> scenario(const Args& args) {
    if (args[0].is_string()) {
        return core::import_scenario_json(args[0].get<std::string>());
    }
    if (args[0].is_null()) {
        return argument_error("scenario",
                              "expected a scenario document (defaultScenario() gives one).");
    }
    return core::detail::scenario_from_json(args[0]);
}

Reply default_scenario(const Args&) {
    return core::detail::scenario_to_json(core::default_scenario());
}

// Checks a document (object or text) and returns it complete and normalized: missing
// fields filled with defaults, older versions migrated.
Reply scenario_from_json(const Args& args) {
    auto read = scenario(args);
    return read ? Reply(core::detail::scenario_to_json(read.value())) : read.error();
}

Reply scenario_to_json(const Args& args) {
    Input in;
    const json opts = in.options(args, 1);
    in.push("options");
    const bool pretty = in.get(opts, "pretty", true);
    MR_CHECK(in);
    auto read = scenario(args);
    return read ? Reply(core::export_scenario_json(read.value(), pretty)) : read.error();
}

// Everything the calculator computes from a scenario, each part its own envelope.
Reply evaluate_scenario(const Args& args) {
    auto read = scenario(args);
    if (!read) {
        return read.error();
    }
    return json{
        {"campaign", envelope(reply(core::evaluate_campaign(core::campaign_inputs(read.value()))))},
        {"comparison",
         envelope(reply(core::compare_scenario(read.value())))}};
}

Reply report(const Args& args) {
    Input in;
    const json opts = in.options(args, 1);
    in.push("options");
    core::ReportOptions report_options;
    in.into(opts, "maxRows", report_options.max_rows);
    in.into(opts, "includeSimulation", report_options.include_simulation);
    in.into(opts, "includeFormulas", report_options.include_formulas);
    MR_CHECK(in);
    auto read = scenario(args);
    return read ? Reply(core::plan_report(read.value(), report_options)) : read.error();
}

// The whole scenario as a share-link fragment ("v1.…", without '#').
Reply encode_share_link(const Args& args) {
    auto read = scenario(args);
    if (!read) {
        return read.error();
    }
    auto fragment = core::encode_share_fragment(read.value());
    return fragment ? Reply(fragment.value()) : fragment.error();
}

// A fragment (with or without '#', or a whole URL) back to the scenario document.
Reply decode_share_link(const Args& args) {
    Input in;
    std::string text = in.text(args, 0, "fragment", "expected the text after '#' in a share link.");
    MR_CHECK(in);
    if (const auto hash = text.find('#'); hash != std::string::npos) {
        text.erase(0, hash + 1);
    }
    auto decoded = core::decode_share_fragment(text);
    return decoded ? Reply(core::detail::scenario_to_json(decoded.value())) : decoded.error();
}

Reply screen_ids(const Args&) {
    return json(core::screen_ids());
}

Reply parse_prefill(const Args& args) {
    Input in;
    const json opts = in.options(args, 1);
    const std::string query = in.text(
        args, 0, "query", "expected the query string, such as \"?budget=5000&currency=EUR\".");
    in.push("options");
    const auto currency = in.get(opts, "currency", core::Currency::usd);
    const auto screens = in.get(opts, "screens", std::vector<std::string>());
    MR_CHECK(in);
    const std::vector<std::string_view> ids(screens.begin(), screens.end());
    const core::PrefillParams params = core::parse_prefill(query, currency, ids);
    json value = out(params);
    value["accent"] = params.accent ? json(core::hex_color(*params.accent)) : json();
    return value;
}

} // namespace api
