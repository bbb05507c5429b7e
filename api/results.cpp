// JavaScript API: tracking links and codes out, results files in (docs/api.md,
// "Tracking links and results import").
#include "api/api.hpp"
#include "core/results_import.hpp"
#include "core/tracking_links.hpp"

namespace api {

// {roster, settings?, title?} -> {roster (codes assigned), links, csv}
Reply tracking_links(const Args& args) {
    Input in;
    const json& object = args[0];
    std::vector<core::Influencer> roster;
    core::TrackingLinkSettings settings;
    in.into(object, "roster", roster, core::max_roster_rows);
    in.into(object, "settings", settings);
    const std::string title = in.get(object, "title", std::string());
    MR_CHECK(in);
    roster = core::assign_discount_codes(std::move(roster), settings, title);
    auto links = core::tracking_links(roster, settings, title);
    if (!links) {
        return links.error();
    }
    return json{{"roster", out(roster)},
                {"links", out(links.value())},
                {"csv", core::export_tracking_csv(links.value())}};
}

namespace {

json results_preview_json(const core::ResultsPreview& p) {
    std::vector<std::string_view> fields;
    for (const core::ResultsField field : p.columns) {
        fields.push_back(core::results_field_name(field));
    }
    return {{"source", out(p.source)},
            {"matchOn", core::results_field_name(p.match_on)},
            {"decimalComma", p.number_format.decimal_comma},
            {"columns", import_columns_json(fields, &p.header)},
            {"rows", out(p.rows)},
            {"errors", import_errors_json(p.errors)},
            {"badRows", p.bad_rows},
            {"matched", p.matched},
            {"ambiguous", p.ambiguous},
            {"unmatched", p.unmatched},
            {"ignored", p.ignored}};
}

struct ResultsRequest {
    std::string text;
    json options;
    std::vector<core::Influencer> roster;
    core::ResultsImportOptions import;
};

// (text, {roster, currency?, source?, decimalComma?, links?, title?})
core::Result<ResultsRequest> results_request(const Args& args) {
    Input in;
    ResultsRequest request;
    request.options = in.options(args, 1);
    request.text = in.text(args, 0, "text", "expected the CSV file's text.");
    in.push("options");
    in.read(request.options, request.import);
    in.set_currency(request.import.currency);
    in.into(request.options, "roster", request.roster, core::max_roster_rows);
    in.pop();
    MR_CHECK(in);
    return request;
}

} // namespace

Reply preview_results_import(const Args& args) {
    auto request = results_request(args);
    if (!request) {
        return request.error();
    }
    const ResultsRequest& r = request.value();
    auto preview = core::preview_results_csv(r.text, r.roster, r.import);
    if (!preview) {
        return preview.error();
    }
    return results_preview_json(preview.value());
}

// The preview's options plus {results, matches: [{line, id}]} -> {results, added,
// replaced, leftOut, preview}.
Reply import_results(const Args& args) {
    auto request = results_request(args);
    if (!request) {
        return request.error();
    }
    const ResultsRequest& r = request.value();
    Input in("options", r.import.currency);
    std::vector<core::ActualResult> results;
    std::vector<core::MatchChoice> matches;
    in.into(r.options, "results", results, core::max_tracked_results);
    in.into(r.options, "matches", matches, core::max_tracked_results);
    MR_CHECK(in);
    auto preview = core::preview_results_csv(r.text, r.roster, r.import);
    if (!preview) {
        return preview.error();
    }
    auto applied = core::apply_results_import(results, preview.value(), matches, r.roster);
    if (!applied) {
        return applied.error();
    }
    return json{{"results", out(applied.value().results)},
                {"added", applied.value().added},
                {"replaced", applied.value().replaced},
                {"leftOut", applied.value().left_out},
                {"preview", results_preview_json(preview.value())}};
}

} // namespace api
