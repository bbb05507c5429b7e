// Roster import from CSV and roster export to CSV.
//
// Import in three steps, each a pure function, so the UI can show what will happen
// before anything changes:
//   1. guess_roster_mapping(header): each CSV column is matched to a roster field by
//      its header, ignoring case, spaces, underscores, punctuation and a trailing
//      "(unit)": "Followers", "followers_count", "Audience" -> Followers; "Price",
//      "Cost", "Fee", "Rate", "Price per post (USD)" -> Price per post; "Handle",
//      "Name", "Influencer" -> Name; "Engagement", "ER", "Engagement rate" ->
//      Engagement rate; "Region", "Location", "State" -> Region; "Niche",
//      "Category" -> Niche; "Platform", "Network" -> Platform; "Posts"; "Audience fit";
//      "Notes"; "Avg interactions", "Likes" -> Average interactions; "Authenticity",
//      "Real followers" -> Authenticity; "Conversion multiplier", "Trust" ->
//      Conversion multiplier; "Overhead", "Extra cost" -> Overhead. Columns this
//      module writes as results ("Expected engagements", "CPE" ...) are ignored.
//      Unmatched columns are listed in `unknown`; the caller may then change
//      `columns` (the mapping step) and go on. Name and Followers are required.
//   2. preview_roster_import(table, mapping, options): every data row becomes either
//      an influencer to add or a list of cell errors (line, column, field, what is
//      wrong and what to type). Numbers go through core/numbers.hpp: "1.2k",
//      "$1,000", "7.4%". A bare number in a rate column is a percentage ("7.4" is
//      7.4%), except when every value in that column is below 1 and none has a '%'
//      ("0.074", "0.15"): the column is then read as fractions and listed in
//      `fraction_columns` so the UI can say so. Decimal commas ("1.234,50") are
//      assumed when the separator is a semicolon, unless options say otherwise.
//   3. apply_roster_import(roster, preview, mode): returns a new roster with the good
//      rows appended (or replacing the roster), each with a fresh id. The caller
//      applies all good rows or nothing; nothing is half-applied.
// Missing optional cells take defaults: platform, region, niche, notes empty; price
// $0; posts 1; audience fit 100%; engagement options.default_engagement_rate (or a
// row error when there is none). Each row lists the fields that took a default.
// Text cells have the formula guard apostrophe removed (see core/csv.hpp), so an
// exported roster imports back to the same values.
//
// Export: export_roster_csv writes Name, Platform, Followers, Engagement rate (%),
// Average interactions, Price per post (CUR), Posts, Region, Niche, Audience fit (%),
// Notes, and Authenticity (%), Conversion multiplier and Overhead (CUR) only when a row
// sets one of them away from its default (so older exports stay the same): plain numbers that
// spreadsheets read as numbers (no thousands separators, no
// '%' sign, which LibreOffice Calc's import without options reads as text), rates as
// percentages with up to 17
// significant digits ("7.4" under a "(%)" header), money with two decimals ("100.00"),
// so the values import back exactly; a column whose header ends in "(%)" is always read
// as percentages. export_roster_results_csv adds result columns.
//
// Example: "Handle,Audience,Fee\nann,1.2k,$100\n" gives one row: name "ann", 1,200
// followers, price $100, engagement from the default rate, 1 post, fit 1.
#pragma once

#include "core/campaign.hpp"
#include "core/csv.hpp"
#include "core/error.hpp"
#include "core/money.hpp"
#include "core/numbers.hpp"
#include "core/tracking.hpp"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace core {

enum class RosterField : std::uint8_t {
    ignore, // the column is not imported
    name,
    platform,
    followers,
    engagement_rate,
    average_interactions,
    price_per_post,
    posts,
    region,
    niche,
    audience_fit,
    notes,
    authenticity,          // share of real followers, a rate like audience fit
    conversion_multiplier, // times the plan's conversion rate
    overhead,              // the row's own overhead (empty: the plan's)
};

// Every field a column can be mapped to, in display order (ignore last).
[[nodiscard]] const std::vector<RosterField>& roster_fields();
// "Followers", "Price per post", "(ignore)".
[[nodiscard]] std::string_view roster_field_name(RosterField field);
// The field a header names, or nullopt when it names none. Result columns written by
// export_roster_results_csv give RosterField::ignore.
[[nodiscard]] std::optional<RosterField> roster_field_for_header(std::string_view header);

struct RosterMapping {
    std::vector<RosterField> columns; // one per header column (unknown ones: ignore)
    std::vector<std::size_t> unknown; // 0-based columns whose header matched nothing
    // True when the UI should show the mapping step before the preview.
    [[nodiscard]] bool needs_review() const { return !unknown.empty(); }
};

[[nodiscard]] RosterMapping guess_roster_mapping(const CsvRecord& header);

// Rules a mapping must follow: Name and Followers mapped, no field on two columns.
// The error names the field ("Followers: choose the column that holds followers.").
[[nodiscard]] std::optional<Error> check_roster_mapping(const RosterMapping& mapping,
                                                        const CsvRecord& header);

struct RosterImportOptions {
    Currency currency = Currency::usd;             // prices are read in this currency
    std::optional<bool> decimal_comma;             // nullopt: true when the separator is ';'
    std::optional<double> default_engagement_rate; // fraction, for rows without one
};

struct ImportedRow {
    std::size_t line = 0;               // CSV line of the row
    Influencer influencer;              // id 0 until applied
    std::vector<RosterField> defaulted; // fields not given, default used
};

struct ImportRowError {
    std::size_t line = 0;   // 1-based CSV line
    std::size_t column = 0; // 1-based CSV column; 0 when it concerns the whole row
    Error error;            // field: the roster field ("Followers"); message: what to type
};

struct RosterPreview {
    RosterMapping mapping;
    NumberFormat number_format;                // decimal style used
    std::vector<RosterField> fraction_columns; // rate fields read as fractions
    std::vector<ImportedRow> rows;             // rows that will be added
    std::vector<ImportRowError> errors;        // every bad cell, in row order
    std::size_t bad_rows = 0;                  // rows with at least one error
};

// "Line 4, column C (Followers): Followers: type a whole number ..." for a list.
[[nodiscard]] std::string describe(const ImportRowError& error);

// Errors: the mapping breaks a rule of check_roster_mapping.
[[nodiscard]] Result<RosterPreview> preview_roster_import(const CsvTable& table,
                                                          const RosterMapping& mapping,
                                                          const RosterImportOptions& options);
// parse_csv + guess_roster_mapping + preview_roster_import in one call. Errors: the
// CSV itself (see core/csv.hpp) or the guessed mapping (a required column missing).
[[nodiscard]] Result<RosterPreview> preview_roster_csv(std::string_view text,
                                                       const RosterImportOptions& options,
                                                       const CsvReadOptions& csv = {});

enum class ImportMode : std::uint8_t { append, replace };

// The new roster: the preview's good rows with fresh ids (after the largest id in
// `roster` when appending). Error (too_large) when the result would exceed
// max_roster_rows.
[[nodiscard]] Result<std::vector<Influencer>>
apply_roster_import(const std::vector<Influencer>& roster, const RosterPreview& preview,
                    ImportMode mode);

struct RosterExportOptions {
    CsvWriteOptions csv;               // separator, byte order mark, formula guard
    bool decimal_comma = false;        // "100,00" and "7,4%" (use with separator ';')
    Currency currency = Currency::usd; // named in the price header
};

[[nodiscard]] std::string export_roster_csv(const std::vector<Influencer>& roster,
                                            const RosterExportOptions& options = {});
// The roster columns plus Valid, Total cost, Expected engagements, Targeted engagements,
// Impressions, Estimated reach, Clicks, Conversions, CPE, CPM and Share of budget (%),
// from `results` (rows matched by id; a row without results leaves them empty); with
// `tracked`, also what the tracked posts did: Tracked posts, Actual interactions, Actual
// engagement rate (%), Actual clicks, Actual conversions, Actual revenue, Actual ROI (%)
// (empty for untracked rows; only the post count for posts without numbers; ROI only
// with an entered revenue). Each column has one format: people and percentages with a
// fixed count of decimals, money with two, no thousands separators.
[[nodiscard]] std::string export_roster_results_csv(const std::vector<Influencer>& roster,
                                                    const CampaignResult& results,
                                                    const RosterExportOptions& options = {},
                                                    const TrackingResult* tracked = nullptr);

// The row's notes without the automatic sentences whose reason has gone: "Engagement
// rate: expected for 1,000 followers (7.4% ...); replace it with the measured rate." once
// the rate or the followers differ from what it names (or the row gives interactions),
// "Audience fit: 100% until estimated." once the fit is not 100%. Text the user wrote
// stays. Exports write these notes.
[[nodiscard]] std::string current_notes(const Influencer& row);

// Shortest decimal text that reads back as exactly `value`, without exponent,
// scaled by 10^shift first when shift > 0 (2 for percentages): (0.074, 2) -> "7.4".
[[nodiscard]] std::string exact_decimal(double value, int shift = 0, bool decimal_comma = false);

namespace detail {
// A header as the importers compare it: lower-case ASCII letters and digits only, a
// trailing "(unit)" dropped ("Price per post (USD)" -> "priceperpost").
[[nodiscard]] std::string normalize_header(std::string_view header);
// The row error for a line with more cells than the header (an unquoted "1,200"
// shifts every cell, so one error about the cause says more than one per cell).
[[nodiscard]] ImportRowError too_many_cells(const CsvRecord& record, std::size_t width);
// Spaces and tabs removed from both ends.
[[nodiscard]] std::string_view trim(std::string_view text);
} // namespace detail

} // namespace core
