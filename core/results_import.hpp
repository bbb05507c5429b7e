// Results import: the numbers marketers already have in files, matched to the roster.
//
// Three kinds of file (docs/data.md lists the real column names and their sources):
//   sales      a shop's sales by discount code (Shopify's "Sales by discount" export, or
//              any CSV with code / orders / sales columns): orders -> conversions,
//              sales -> revenue. Matched on the discount code.
//   analytics  web analytics by campaign link (a GA4 report exported as CSV, with its
//              "#" comment lines at the top, or any CSV with UTM columns): sessions ->
//              clicks. Matched on utm_content (else utm_campaign, else utm_source)
//              against each influencer's tracking link (core/tracking_links.hpp).
//   insights   post insights (Instagram and TikTok exports, or any CSV with handle or
//              post URL and likes, comments, shares, saves, reach, impressions, views):
//              one post per row. Matched on the handle (against the roster's name or
//              contact, ignoring case, '@' and punctuation; a platform column narrows it),
//              else on the @handle inside a post URL.
// The kind is guessed from the columns (a code column: sales; a UTM or session column:
// analytics; else insights) unless options name it.
//
// Import in two steps, like the roster import (core/roster_csv.hpp), with its limits
// (core/csv.hpp: 10 MB, 10,000 rows, 64 columns) and its number reading
// (core/numbers.hpp: "1.234,50" with a decimal comma, "$1,234.50", "€ 80", "1 234"):
//   1. preview_results_csv: every row is matched (one influencer), ambiguous (several:
//      the user picks), unmatched (none: the user picks or leaves it out) or ignored
//      (another campaign's traffic, "(not set)", a totals row); cells that are not
//      numbers are row errors naming line, column and what to type. Nothing changes.
//   2. apply_results_import: the user's picks (line -> influencer id, 0 leaves a row
//      out) on top of the matches; every earlier row of the same source is replaced,
//      so importing an updated export again never counts anything twice.
// Example: "Discount code,Orders,Total sales\nANNLEE15,3,$120.00\n" with Ann's code
// ANNLEE15 gives one matched sales row: 3 conversions, $120 revenue.
#pragma once

#include "core/campaign.hpp"
#include "core/error.hpp"
#include "core/numbers.hpp"
#include "core/roster_csv.hpp"
#include "core/tracking.hpp"
#include "core/tracking_links.hpp"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace core {

enum class ResultsField : std::uint8_t {
    ignore,
    code,
    utm_source,
    utm_medium,
    utm_campaign,
    utm_content,
    handle,
    post_url,
    platform,
    orders,
    sales,
    sessions,
    likes,
    comments,
    shares,
    saves,
    views,
    reach,
    impressions,
};

[[nodiscard]] std::string_view results_field_name(ResultsField field); // "Discount code"
// The field a header names ("Session manual ad content" -> utm_content), or ignore.
[[nodiscard]] ResultsField results_field_for_header(std::string_view header);

struct ResultsImportOptions {
    std::optional<ResultSource> source; // nullopt: guessed from the columns
    Currency currency = Currency::usd;  // amounts are read in the plan's currency
    std::optional<bool> decimal_comma;  // nullopt: true when the separator is ';'
    TrackingLinkSettings links;         // the patterns the links were made with
    std::string campaign_title;         // the plan's title ({campaign})
};

enum class MatchStatus : std::uint8_t { matched, ambiguous, unmatched, ignored };

struct ResultsRow {
    std::size_t line = 0; // CSV line
    std::string key;      // the code, UTM value, handle or URL matched on
    MatchStatus status = MatchStatus::unmatched;
    std::vector<std::uint32_t> candidates; // ids the key fits (matched: one)
    ActualResult result;                   // the numbers; influencer_id set when matched
};

struct ResultsPreview {
    ResultSource source = ResultSource::sales;
    CsvRecord header;                           // the file's header row
    std::vector<ResultsField> columns;          // one per header column
    ResultsField match_on = ResultsField::code; // the column rows are matched on
    NumberFormat number_format;
    std::vector<ResultsRow> rows;       // rows without errors, in file order
    std::vector<ImportRowError> errors; // every bad cell
    std::size_t bad_rows = 0, matched = 0, ambiguous = 0, unmatched = 0, ignored = 0;
};

// Errors: the CSV itself, or no column to match on ("Columns: ...").
[[nodiscard]] Result<ResultsPreview> preview_results_csv(std::string_view text,
                                                         const std::vector<Influencer>& roster,
                                                         const ResultsImportOptions& options);

struct MatchChoice {
    std::size_t line = 0;            // the row's CSV line
    std::uint32_t influencer_id = 0; // 0 leaves the row out
};

struct AppliedResults {
    std::vector<ActualResult> results; // the new tracked results
    std::size_t added = 0;             // rows of this import
    std::size_t replaced = 0;          // earlier rows of the same source removed
    std::size_t left_out = 0;          // ambiguous, unmatched or ignored rows not picked
};

// Errors: a choice naming a line that is not a row of the preview or an id that is not
// in the roster; more than max_tracked_results results.
[[nodiscard]] Result<AppliedResults> apply_results_import(const std::vector<ActualResult>& results,
                                                          const ResultsPreview& preview,
                                                          const std::vector<MatchChoice>& choices,
                                                          const std::vector<Influencer>& roster);

} // namespace core
