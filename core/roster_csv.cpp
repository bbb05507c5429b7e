#include "core/roster_csv.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <utility>

namespace core {

namespace detail {
namespace {

struct Alias {
    std::string_view key; // normalized header
    RosterField field;
};

// Normalized: lower case ASCII letters and digits only, "(unit)" suffix removed.
constexpr Alias header_aliases[] = {
    {"name", RosterField::name},
    {"handle", RosterField::name},
    {"influencer", RosterField::name},
    {"influencername", RosterField::name},
    {"username", RosterField::name},
    {"account", RosterField::name},
    {"creator", RosterField::name},
    {"fullname", RosterField::name},
    {"platform", RosterField::platform},
    {"network", RosterField::platform},
    {"socialnetwork", RosterField::platform},
    {"channel", RosterField::platform},
    {"followers", RosterField::followers},
    {"followerscount", RosterField::followers},
    {"followercount", RosterField::followers},
    {"numberoffollowers", RosterField::followers},
    {"nooffollowers", RosterField::followers},
    {"offollowers", RosterField::followers},
    {"audience", RosterField::followers},
    {"audiencesize", RosterField::followers},
    {"subscribers", RosterField::followers},
    {"fans", RosterField::followers},
    {"engagement", RosterField::engagement_rate},
    {"engagementrate", RosterField::engagement_rate},
    {"er", RosterField::engagement_rate},
    {"engrate", RosterField::engagement_rate},
    {"avgengagementrate", RosterField::engagement_rate},
    {"averageengagementrate", RosterField::engagement_rate},
    {"interactions", RosterField::average_interactions},
    {"averageinteractions", RosterField::average_interactions},
    {"avginteractions", RosterField::average_interactions},
    {"interactionsperpost", RosterField::average_interactions},
    {"averageengagements", RosterField::average_interactions},
    {"avgengagements", RosterField::average_interactions},
    {"engagementsperpost", RosterField::average_interactions},
    {"likes", RosterField::average_interactions},
    {"avglikes", RosterField::average_interactions},
    {"averagelikes", RosterField::average_interactions},
    {"price", RosterField::price_per_post},
    {"cost", RosterField::price_per_post},
    {"fee", RosterField::price_per_post},
    {"rate", RosterField::price_per_post},
    {"priceperpost", RosterField::price_per_post},
    {"costperpost", RosterField::price_per_post},
    {"feeperpost", RosterField::price_per_post},
    {"rateperpost", RosterField::price_per_post},
    {"ratecard", RosterField::price_per_post},
    {"quote", RosterField::price_per_post},
    {"posts", RosterField::posts},
    {"post", RosterField::posts},
    {"numberofposts", RosterField::posts},
    {"noofposts", RosterField::posts},
    {"ofposts", RosterField::posts},
    {"postcount", RosterField::posts},
    {"numposts", RosterField::posts},
    {"region", RosterField::region},
    {"location", RosterField::region},
    {"state", RosterField::region},
    {"city", RosterField::region},
    {"country", RosterField::region},
    {"area", RosterField::region},
    {"market", RosterField::region},
    {"niche", RosterField::niche},
    {"category", RosterField::niche},
    {"topic", RosterField::niche},
    {"vertical", RosterField::niche},
    {"audiencefit", RosterField::audience_fit},
    {"fit", RosterField::audience_fit},
    {"targetfit", RosterField::audience_fit},
    {"audiencematch", RosterField::audience_fit},
    {"targetaudienceshare", RosterField::audience_fit},
    {"notes", RosterField::notes},
    {"note", RosterField::notes},
    {"authenticity", RosterField::authenticity},
    {"realfollowers", RosterField::authenticity},
    {"realaudience", RosterField::authenticity},
    {"audiencequality", RosterField::authenticity},
    {"conversionmultiplier", RosterField::conversion_multiplier},
    {"conversionadvantage", RosterField::conversion_multiplier},
    {"trust", RosterField::conversion_multiplier},
    {"overhead", RosterField::overhead},
    {"extracost", RosterField::overhead},
    {"overheadperinfluencer", RosterField::overhead},
    {"comments", RosterField::notes},
    {"comment", RosterField::notes},
    {"remarks", RosterField::notes},
    // Written by export_roster_results_csv or other tools: known, not imported.
    {"id", RosterField::ignore},
    {"totalcost", RosterField::ignore},
    {"expectedengagements", RosterField::ignore},
    {"targetedengagements", RosterField::ignore},
    {"impressions", RosterField::ignore},
    {"estimatedreach", RosterField::ignore},
    {"clicks", RosterField::ignore},
    {"conversions", RosterField::ignore},
    {"cpe", RosterField::ignore},
    {"cpm", RosterField::ignore},
    {"shareofbudget", RosterField::ignore},
    {"valid", RosterField::ignore},
    {"trackedposts", RosterField::ignore},
    {"actualinteractions", RosterField::ignore},
    {"actualengagementrate", RosterField::ignore},
    {"actualclicks", RosterField::ignore},
    {"actualconversions", RosterField::ignore},
    {"actualrevenue", RosterField::ignore},
    {"actualroi", RosterField::ignore},
};

// "Engagement rate (%)": the header says its numbers are percentages, so a bare 0.5
// is 0.5%, never read as the fraction 50% (this module's own export writes rates so).
bool header_in_percent(std::string_view header) {
    while (!header.empty() && (header.back() == ' ' || header.back() == '\t')) {
        header.remove_suffix(1);
    }
    constexpr std::string_view unit = "(%)";
    return header.size() >= unit.size() && header.substr(header.size() - unit.size()) == unit;
}

bool is_rate_field(RosterField field) {
    return field == RosterField::engagement_rate || field == RosterField::audience_fit ||
           field == RosterField::authenticity;
}

// A rate column holds fractions when every value is a plain number below 1 with no
// '%' (a spreadsheet that stores 7.4% as 0.074). One value of 1 or more, or any '%',
// and bare numbers are percentages as everywhere else.
bool column_holds_fractions(const CsvTable& table, std::size_t column, NumberFormat format) {
    bool any = false;
    for (const auto& row : table.rows) {
        if (column >= row.cells.size()) {
            continue;
        }
        const std::string_view cell = trim(row.cells[column]);
        if (cell.empty()) {
            continue;
        }
        if (cell.find('%') != std::string_view::npos) {
            return false;
        }
        const auto value = parse_number(cell, "Rate", format);
        if (!value.ok() || value.value() >= 1.0) {
            return false;
        }
        any = true;
    }
    return any;
}

} // namespace
} // namespace detail

namespace detail {

ImportRowError too_many_cells(const CsvRecord& record, std::size_t width) {
    return ImportRowError{record.line, 0,
                          make_error(ErrorCode::malformed, "Columns",
                                     "This line has " + std::to_string(record.cells.size()) +
                                         " cells but the header has " + std::to_string(width) +
                                         " columns; put numbers such as 1,200 in quotes, or "
                                         "remove the extra cells.")};
}

std::string normalize_header(std::string_view header) {
    // Drop a trailing "(...)" unit: "Price per post (USD)", "Engagement rate (%)".
    if (!header.empty()) {
        std::size_t end = header.size();
        while (end > 0 && (header[end - 1] == ' ' || header[end - 1] == '\t')) {
            --end;
        }
        if (end > 0 && header[end - 1] == ')') {
            const std::size_t open = header.rfind('(', end - 1);
            if (open != std::string_view::npos && open > 0) {
                header = header.substr(0, open);
            }
        }
    }
    std::string key;
    for (const char c : header) {
        if (c >= 'A' && c <= 'Z') {
            key += static_cast<char>(c - 'A' + 'a');
        } else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
            key += c;
        }
    }
    return key;
}

std::string_view trim(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) {
        text.remove_prefix(1);
    }
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) {
        text.remove_suffix(1);
    }
    return text;
}

} // namespace detail

const std::vector<RosterField>& roster_fields() {
    static const std::vector<RosterField> fields = {
        RosterField::name,
        RosterField::platform,
        RosterField::followers,
        RosterField::engagement_rate,
        RosterField::average_interactions,
        RosterField::price_per_post,
        RosterField::posts,
        RosterField::region,
        RosterField::niche,
        RosterField::audience_fit,
        RosterField::notes,
        RosterField::authenticity,
        RosterField::conversion_multiplier,
        RosterField::overhead,
        RosterField::ignore,
    };
    return fields;
}

std::string_view roster_field_name(RosterField field) {
    switch (field) {
    case RosterField::ignore:
        return "(ignore)";
    case RosterField::name:
        return "Name";
    case RosterField::platform:
        return "Platform";
    case RosterField::followers:
        return "Followers";
    case RosterField::engagement_rate:
        return "Engagement rate";
    case RosterField::average_interactions:
        return "Average interactions";
    case RosterField::price_per_post:
        return "Price per post";
    case RosterField::posts:
        return "Posts";
    case RosterField::region:
        return "Region";
    case RosterField::niche:
        return "Niche";
    case RosterField::audience_fit:
        return "Audience fit";
    case RosterField::notes:
        return "Notes";
    case RosterField::authenticity:
        return "Authenticity";
    case RosterField::conversion_multiplier:
        return "Conversion multiplier";
    case RosterField::overhead:
        return "Overhead";
    }
    return "(ignore)";
}

std::optional<RosterField> roster_field_for_header(std::string_view header) {
    const std::string key = detail::normalize_header(header);
    for (const auto& alias : detail::header_aliases) {
        if (alias.key == key) {
            return alias.field;
        }
    }
    return std::nullopt;
}

RosterMapping guess_roster_mapping(const CsvRecord& header) {
    RosterMapping mapping;
    for (std::size_t c = 0; c < header.cells.size(); ++c) {
        auto field = roster_field_for_header(header.cells[c]);
        if (!field) {
            mapping.unknown.push_back(c);
            field = RosterField::ignore;
        } else if (*field != RosterField::ignore &&
                   std::find(mapping.columns.begin(), mapping.columns.end(), *field) !=
                       mapping.columns.end()) {
            // A second column for the same field ("Followers" and "Audience"): the
            // first wins; the user can swap them in the mapping step.
            mapping.unknown.push_back(c);
            field = RosterField::ignore;
        }
        mapping.columns.push_back(*field);
    }
    return mapping;
}

std::optional<Error> check_roster_mapping(const RosterMapping& mapping, const CsvRecord& header) {
    if (mapping.columns.size() != header.cells.size()) {
        return make_error(ErrorCode::invalid, "Columns",
                          "Columns: the mapping does not match the file's columns; choose the "
                          "file again.");
    }
    for (const RosterField field : roster_fields()) {
        if (field == RosterField::ignore) {
            continue;
        }
        const auto count = std::count(mapping.columns.begin(), mapping.columns.end(), field);
        const std::string name(roster_field_name(field));
        if (count > 1) {
            return make_error(ErrorCode::invalid, name,
                              name + ": two columns are set to " + name +
                                  "; set one of them to (ignore).");
        }
        if (count == 0 && (field == RosterField::name || field == RosterField::followers)) {
            return make_error(ErrorCode::empty, name,
                              name + ": no column holds " + name +
                                  "; choose the column that does, or add one to the file.");
        }
    }
    return std::nullopt;
}

std::string describe(const ImportRowError& error) {
    std::string text = "Line " + std::to_string(error.line);
    if (error.column > 0) {
        text += ", column " + column_letter(error.column);
    }
    if (!error.error.field.empty()) {
        text += " (" + error.error.field + ")";
    }
    return text + ": " + error.error.message;
}

Result<RosterPreview> preview_roster_import(const CsvTable& table, const RosterMapping& mapping,
                                            const RosterImportOptions& options) {
    if (auto error = check_roster_mapping(mapping, table.header)) {
        return *error;
    }
    RosterPreview preview;
    preview.mapping = mapping;
    preview.number_format.decimal_comma = options.decimal_comma.value_or(table.separator == ';');
    const NumberFormat format = preview.number_format;

    std::vector<bool> fractions(mapping.columns.size(), false);
    for (std::size_t c = 0; c < mapping.columns.size(); ++c) {
        const bool in_percent =
            c < table.header.cells.size() && detail::header_in_percent(table.header.cells[c]);
        if (detail::is_rate_field(mapping.columns[c]) && !in_percent &&
            detail::column_holds_fractions(table, c, format)) {
            fractions[c] = true;
            preview.fraction_columns.push_back(mapping.columns[c]);
        }
    }
    const std::size_t width = mapping.columns.size();

    for (const CsvRecord& record : table.rows) {
        ImportedRow row;
        row.line = record.line;
        Influencer& influencer = row.influencer;
        std::vector<ImportRowError> row_errors;
        auto fail = [&](std::size_t column, Error error) {
            row_errors.push_back(ImportRowError{record.line, column + 1, std::move(error)});
        };
        std::array<bool, 15> given{};
        bool rate_given = false;

        if (record.cells.size() > width) {
            // The cells are shifted (usually an unquoted "1,200"), so errors in single
            // cells would only confuse: report the cause once.
            ++preview.bad_rows;
            preview.errors.push_back(detail::too_many_cells(record, width));
            continue;
        }
        for (std::size_t c = 0; c < record.cells.size(); ++c) {
            const RosterField field = mapping.columns[c];
            if (field == RosterField::ignore) {
                continue;
            }
            const std::string_view cell = detail::trim(record.cells[c]);
            if (cell.empty()) {
                continue;
            }
            const std::string_view name = roster_field_name(field);
            given[static_cast<std::size_t>(field)] = true;
            switch (field) {
            case RosterField::name:
                influencer.name = std::string(unguard_formula(cell));
                break;
            case RosterField::platform:
                influencer.platform = std::string(unguard_formula(cell));
                break;
            case RosterField::region:
                influencer.region = std::string(unguard_formula(cell));
                break;
            case RosterField::niche:
                influencer.niche = std::string(unguard_formula(cell));
                break;
            case RosterField::notes:
                influencer.notes = std::string(unguard_formula(record.cells[c]));
                break;
            case RosterField::followers:
                if (auto v = parse_count(cell, name, 1, max_followers, format); v.ok()) {
                    influencer.followers = v.value();
                } else {
                    fail(c, v.error());
                }
                break;
            case RosterField::engagement_rate: {
                auto v = fractions[c] ? parse_number_in(cell, name, 0.0, 1.0, format)
                                      : parse_rate(cell, name, format);
                if (v.ok()) {
                    influencer.engagement_kind = EngagementInputKind::rate;
                    influencer.engagement_value = v.value();
                    rate_given = true;
                } else {
                    fail(c, v.error());
                }
                break;
            }
            case RosterField::average_interactions:
                if (auto v = parse_number_in(cell, name, 0.0, max_average_interactions, format);
                    v.ok()) {
                    // A rate in the same row wins: it was given explicitly too, and
                    // the rate is the form the benchmarks compare.
                    if (!rate_given) {
                        influencer.engagement_kind = EngagementInputKind::average_interactions;
                        influencer.engagement_value = v.value();
                    }
                } else {
                    fail(c, v.error());
                }
                break;
            case RosterField::price_per_post:
                if (auto v = parse_money(cell, name, options.currency, format); v.ok()) {
                    if (v.value().cents > max_price_per_post_cents) {
                        fail(c, make_error(ErrorCode::out_of_range, std::string(name),
                                           std::string(name) + ": type a price below 10 billion."));
                    } else {
                        influencer.price_per_post = v.value();
                    }
                } else {
                    fail(c, v.error());
                }
                break;
            case RosterField::posts:
                if (auto v = parse_count(cell, name, 0, max_posts_per_influencer, format); v.ok()) {
                    influencer.posts = static_cast<int>(v.value());
                } else {
                    fail(c, v.error());
                }
                break;
            case RosterField::audience_fit: {
                auto v = fractions[c] ? parse_number_in(cell, name, 0.0, 1.0, format)
                                      : parse_rate(cell, name, format);
                if (v.ok()) {
                    influencer.audience_fit = v.value();
                } else {
                    fail(c, v.error());
                }
                break;
            }
            case RosterField::authenticity: {
                auto v = fractions[c] ? parse_number_in(cell, name, 0.0, 1.0, format)
                                      : parse_rate(cell, name, format);
                if (v.ok()) {
                    influencer.authenticity = v.value();
                } else {
                    fail(c, v.error());
                }
                break;
            }
            case RosterField::conversion_multiplier:
                if (auto v = parse_number_in(cell, name, 0.0, max_conversion_multiplier, format);
                    v.ok()) {
                    influencer.conversion_multiplier = v.value();
                } else {
                    fail(c, v.error());
                }
                break;
            case RosterField::overhead:
                if (auto v = parse_money(cell, name, options.currency, format); v.ok()) {
                    influencer.overhead = v.value();
                } else {
                    fail(c, v.error());
                }
                break;
            case RosterField::ignore:
                break;
            }
        }
        // Required cells and defaults.
        auto column_of = [&](RosterField field) {
            const auto it = std::find(mapping.columns.begin(), mapping.columns.end(), field);
            return static_cast<std::size_t>(it - mapping.columns.begin());
        };
        if (!given[static_cast<std::size_t>(RosterField::name)]) {
            fail(column_of(RosterField::name),
                 make_error(ErrorCode::empty, "Name",
                            "Name: type the influencer's name or handle."));
        }
        if (!given[static_cast<std::size_t>(RosterField::followers)]) {
            fail(column_of(RosterField::followers),
                 make_error(ErrorCode::empty, "Followers",
                            "Followers: type a whole number such as 12,500."));
        }
        const bool engagement_given =
            given[static_cast<std::size_t>(RosterField::engagement_rate)] ||
            given[static_cast<std::size_t>(RosterField::average_interactions)];
        if (!engagement_given) {
            if (options.default_engagement_rate) {
                influencer.engagement_kind = EngagementInputKind::rate;
                influencer.engagement_value = *options.default_engagement_rate;
                row.defaulted.push_back(RosterField::engagement_rate);
            } else {
                const bool has_column = column_of(RosterField::engagement_rate) < width ||
                                        column_of(RosterField::average_interactions) < width;
                const std::size_t column = column_of(RosterField::engagement_rate) < width
                                               ? column_of(RosterField::engagement_rate)
                                               : column_of(RosterField::average_interactions);
                row_errors.push_back(ImportRowError{
                    record.line, has_column ? column + 1 : 0,
                    make_error(ErrorCode::empty, "Engagement rate",
                               "Engagement rate: type a rate such as 7.4%, or average "
                               "interactions per post.")});
            }
        }
        for (const RosterField field :
             {RosterField::price_per_post, RosterField::posts, RosterField::audience_fit}) {
            if (!given[static_cast<std::size_t>(field)]) {
                row.defaulted.push_back(field);
            }
        }
        influencer.price_per_post.currency = options.currency;
        if (row_errors.empty()) {
            // The campaign's own row rules, so an imported row never fails later.
            for (Error& error : validate_influencer(influencer, 0, options.currency)) {
                row_errors.push_back(ImportRowError{record.line, 0, std::move(error)});
            }
        }
        if (row_errors.empty()) {
            preview.rows.push_back(std::move(row));
        } else {
            ++preview.bad_rows;
            for (auto& error : row_errors) {
                preview.errors.push_back(std::move(error));
            }
        }
    }
    return preview;
}

Result<RosterPreview> preview_roster_csv(std::string_view text, const RosterImportOptions& options,
                                         const CsvReadOptions& csv) {
    auto table = parse_csv(text, csv);
    if (!table.ok()) {
        return table.error();
    }
    const RosterMapping mapping = guess_roster_mapping(table.value().header);
    return preview_roster_import(table.value(), mapping, options);
}

Result<std::vector<Influencer>> apply_roster_import(const std::vector<Influencer>& roster,
                                                    const RosterPreview& preview, ImportMode mode) {
    std::vector<Influencer> result;
    if (mode == ImportMode::append) {
        result = roster;
    }
    if (result.size() + preview.rows.size() > max_roster_rows) {
        return make_error(ErrorCode::too_large, "Roster",
                          "Roster: the roster would have more than " +
                              format_count(static_cast<std::int64_t>(max_roster_rows)) +
                              " influencers; import fewer rows or replace the roster.");
    }
    std::uint32_t next_id = next_influencer_id(result);
    for (const auto& row : preview.rows) {
        Influencer influencer = row.influencer;
        influencer.id = next_id++;
        result.push_back(std::move(influencer));
    }
    return result;
}

std::string exact_decimal(double value, int shift, bool decimal_comma) {
    if (!std::isfinite(value)) {
        return "0";
    }
    if (value == 0.0) {
        return "0";
    }
    // Shortest scientific form that reads back as the same double.
    char buffer[64];
    for (int precision = 1; precision <= 17; ++precision) {
        std::snprintf(buffer, sizeof buffer, "%.*e", precision - 1, value);
        if (std::strtod(buffer, nullptr) == value) {
            break;
        }
    }
    const std::string scientific(buffer);
    const std::size_t e = scientific.find('e');
    std::string digits;
    bool negative = false;
    for (std::size_t i = 0; i < e; ++i) {
        const char c = scientific[i];
        if (c == '-') {
            negative = true;
        } else if (c >= '0' && c <= '9') {
            digits += c;
        }
    }
    const int exponent = std::atoi(scientific.c_str() + e + 1) + shift;
    // value = d.ddd x 10^exponent: the integer part has exponent + 1 digits.
    std::string integer;
    std::string fraction;
    if (exponent >= 0) {
        const auto integer_digits = static_cast<std::size_t>(exponent) + 1;
        if (digits.size() <= integer_digits) {
            integer = digits + std::string(integer_digits - digits.size(), '0');
        } else {
            integer = digits.substr(0, integer_digits);
            fraction = digits.substr(integer_digits);
        }
    } else {
        integer = "0";
        fraction = std::string(static_cast<std::size_t>(-exponent - 1), '0') + digits;
    }
    while (!fraction.empty() && fraction.back() == '0') {
        fraction.pop_back();
    }
    std::string text = negative ? "-" : "";
    text += integer;
    if (!fraction.empty()) {
        text += decimal_comma ? ',' : '.';
        text += fraction;
    }
    return text;
}

} // namespace core
