// JavaScript API: CSV text and roster import/export (docs/api.md, "CSV").
#include "core/csv.hpp"

#include "api/api.hpp"
#include "core/campaign.hpp"
#include "core/roster_csv.hpp"

namespace api {

// A separator given as one character (",", ";", "\t", "|"); empty or absent: `fallback`.
char read_separator(Input& in, const json& object, char fallback) {
    const std::string text = in.get(object, "separator", std::string());
    if (text.empty()) {
        return fallback;
    }
    if (text.size() != 1 || text[0] == '"' || text[0] == '\r' || text[0] == '\n') {
        in.fail_at("separator", "expected one character such as \",\", \";\" or a tab.");
        return fallback;
    }
    return text[0];
}

Reply parse_csv(const Args& args) {
    Input in;
    const json opts = in.options(args, 1);
    const std::string input = in.text(args, 0, "text", "expected the CSV file's text.");
    in.push("options");
    core::CsvReadOptions read;
    read.separator = read_separator(in, opts, '\0');
    MR_CHECK(in);
    auto table = core::parse_csv(input, read);
    if (!table) {
        return table.error();
    }
    const auto& t = table.value();
    return json{{"separator", std::string(1, t.separator)},
                {"hadByteOrderMark", t.had_byte_order_mark},
                {"encoding", out(t.encoding)},
                {"header", out(t.header)},
                {"rows", out(t.rows)}};
}

Reply write_csv(const Args& args) {
    Input in;
    const json opts = in.options(args, 1);
    std::vector<std::vector<std::string>> table;
    const json& list = args[0];
    if (!list.is_array()) {
        in.fail_at("records", "expected a list of records, each a list of cells.");
    }
    for (std::size_t r = 0; list.is_array() && r < list.size() && in.ok(); ++r) {
        const std::string at = "records[" + std::to_string(r) + "]";
        if (!list[r].is_array()) {
            in.fail_at(at, "expected a list of cells.");
            break;
        }
        std::vector<std::string>& cells = table.emplace_back();
        for (std::size_t c = 0; c < list[r].size() && in.ok(); ++c) {
            const json& cell = list[r][c];
            if (cell.is_string()) {
                cells.push_back(cell.get<std::string>());
            } else if (cell.is_number() || cell.is_boolean() || cell.is_null()) {
                cells.push_back(cell.is_null() ? "" : cell.dump());
            } else {
                in.fail_at(at + "[" + std::to_string(c) + "]", "expected text or a number.");
            }
        }
    }
    in.push("options");
    core::CsvWriteOptions write;
    write.separator = read_separator(in, opts, ',');
    in.into(opts, "byteOrderMark", write.byte_order_mark);
    in.into(opts, "guardFormulas", write.guard_formulas);
    MR_CHECK(in);
    return json(core::write_csv(table, write));
}

json import_columns_json(const std::vector<std::string_view>& fields,
                         const core::CsvRecord* header) {
    json columns = json::array();
    for (std::size_t c = 0; c < fields.size(); ++c) {
        json column = {
            {"column", c + 1}, {"letter", core::column_letter(c + 1)}, {"field", fields[c]}};
        if (header != nullptr && c < header->cells.size()) {
            column["header"] = header->cells[c];
        }
        columns.push_back(std::move(column));
    }
    return columns;
}

json import_errors_json(const std::vector<core::ImportRowError>& errors) {
    json list = json::array();
    for (const auto& error : errors) {
        json item = out(error.error);
        item["line"] = error.line;
        item["column"] = error.column;
        item["text"] = core::describe(error);
        list.push_back(std::move(item));
    }
    return list;
}

json preview_json(const core::RosterPreview& preview, const core::CsvRecord* header) {
    std::vector<std::string_view> column_fields;
    for (const core::RosterField field : preview.mapping.columns) {
        column_fields.push_back(core::roster_field_name(field));
    }
    auto names = [](const std::vector<core::RosterField>& fields) {
        json list = json::array();
        for (core::RosterField field : fields) {
            list.push_back(core::roster_field_name(field));
        }
        return list;
    };
    json unknown = json::array();
    for (std::size_t c : preview.mapping.unknown) {
        unknown.push_back(c + 1);
    }
    json rows = json::array();
    for (const auto& row : preview.rows) {
        rows.push_back({{"line", row.line},
                        {"influencer", out(row.influencer)},
                        {"defaulted", names(row.defaulted)}});
    }
    return {{"columns", import_columns_json(column_fields, header)},
            {"unknownColumns", unknown},
            {"needsReview", preview.mapping.needs_review()},
            {"decimalComma", preview.number_format.decimal_comma},
            {"fractionColumns", names(preview.fraction_columns)},
            {"rows", rows},
            {"errors", import_errors_json(preview.errors)},
            {"badRows", preview.bad_rows}};
}

// The text and the import options ({currency, decimalComma, defaultEngagementRate,
// separator}) both previewRosterCsv and importRosterCsv take.
struct ImportRequest {
    std::string text;
    json options;
    core::RosterImportOptions import;
    core::CsvReadOptions csv;
};

core::Result<ImportRequest> import_request(const Args& args) {
    Input in;
    ImportRequest request;
    request.options = in.options(args, 1);
    request.text = in.text(args, 0, "text", "expected the CSV file's text.");
    in.push("options");
    in.read(request.options, request.import);
    request.csv.separator = read_separator(in, request.options, '\0');
    in.pop();
    MR_CHECK(in);
    return request;
}

// CSV text -> what an import would add and every bad cell, before anything changes.
Reply preview_roster_csv(const Args& args) {
    auto request = import_request(args);
    if (!request) {
        return request.error();
    }
    const ImportRequest& r = request.value();
    auto table = core::parse_csv(r.text, r.csv); // for each column's header text
    if (!table) {
        return table.error();
    }
    auto preview = core::preview_roster_csv(r.text, r.import, r.csv);
    return preview ? Reply(preview_json(preview.value(), &table.value().header)) : preview.error();
}

// {roster, mode: "append" | "replace", ...the preview options} -> {roster, added, preview};
// rows with errors are left out (the preview lists them).
Reply import_roster_csv(const Args& args) {
    auto request = import_request(args);
    if (!request) {
        return request.error();
    }
    const ImportRequest& r = request.value();
    Input in("options", r.import.currency);
    std::vector<core::Influencer> roster;
    in.into(r.options, "roster", roster, core::max_roster_rows);
    const auto mode = in.get(r.options, "mode", core::ImportMode::append);
    MR_CHECK(in);
    auto preview = core::preview_roster_csv(r.text, r.import, r.csv);
    if (!preview) {
        return preview.error();
    }
    auto applied = core::apply_roster_import(roster, preview.value(), mode);
    if (!applied) {
        return applied.error();
    }
    return json{{"roster", out(applied.value())},
                {"added", preview.value().rows.size()},
                {"preview", preview_json(preview.value(), nullptr)}};
}

// {roster, currency?, separator?, byteOrderMark?, decimalComma?, results?: true, and
// with results the campaign's budget, reachRate, funnel}
Reply export_roster_csv(const Args& args) {
    Input in;
    const json& object = args[0];
    core::RosterExportOptions options;
    options.currency = in.get(object, "currency", options.currency);
    options.csv.separator = read_separator(in, object, ',');
    in.into(object, "byteOrderMark", options.csv.byte_order_mark);
    in.into(object, "decimalComma", options.decimal_comma);
    const bool with_results = in.get(object, "results", false);
    in.set_currency(options.currency);
    std::vector<core::Influencer> roster;
    in.into(object, "roster", roster, core::max_roster_rows);
    MR_CHECK(in);
    if (!with_results) {
        return json(core::export_roster_csv(roster, options));
    }
    core::CampaignInputs inputs;
    inputs.roster = roster;
    inputs.budget = in.get(object, "budget", core::Money::zero(options.currency));
    inputs.funnel = core::default_funnel_assumptions(options.currency);
    in.into(object, "reachRate", inputs.reach_rate);
    in.into(object, "reachBySize", inputs.reach_by_size);
    in.into(object, "reachTable", inputs.reach_table);
    in.into(object, "audienceOverlap", inputs.audience_overlap);
    in.into(object, "funnel", inputs.funnel);
    in.into(object, "funnelFromTargeted", inputs.funnel_from_targeted);
    auto results = core::evaluate_campaign(inputs);
    MR_CHECK(in);
    if (!results) {
        return results.error();
    }
    return json(core::export_roster_results_csv(roster, results.value(), options));
}

} // namespace api
