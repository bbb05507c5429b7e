// Roster export to CSV (core/roster_csv.hpp): the roster's columns, the planned
// results and the tracked actuals, as plain numbers a spreadsheet reads as numbers, and
// the notes whose automatic sentences still hold.
#include "core/example_figures.hpp"
#include "core/roster_csv.hpp"

#include <algorithm>
#include <array>
#include <cstdio>
#include <utility>

namespace core {
namespace {

// "1234.50" or "1234,50": always two decimals, no thousands separator.
std::string money_text(Money amount, bool decimal_comma) {
    const std::int64_t cents = amount.cents;
    const std::uint64_t magnitude = cents < 0 ? static_cast<std::uint64_t>(-(cents + 1)) + 1U
                                              : static_cast<std::uint64_t>(cents);
    std::string text = cents < 0 ? "-" : "";
    text += std::to_string(magnitude / 100U);
    text += decimal_comma ? ',' : '.';
    const auto fraction = static_cast<unsigned>(magnitude % 100U);
    text += static_cast<char>('0' + fraction / 10U);
    text += static_cast<char>('0' + fraction % 10U);
    return text;
}

// The columns of issue #15 are written only when a row uses them.
bool uses_driver_columns(const std::vector<Influencer>& roster) {
    return std::any_of(roster.begin(), roster.end(), [](const Influencer& row) {
        return row.authenticity != 1.0 || row.conversion_multiplier != 1.0 ||
               row.overhead.has_value();
    });
}

// Spreadsheets may read "7.4%" as text (LibreOffice Calc's import without options
// does), so rates go out as bare percentages under a "(%)" header, which the import
// reads back as percentages.
std::vector<std::string> roster_header(const RosterExportOptions& options, bool drivers) {
    const std::string code(currency_info(options.currency).code);
    std::vector<std::string> header = {"Name",
                                       "Platform",
                                       "Followers",
                                       "Engagement rate (%)",
                                       "Average interactions",
                                       "Price per post (" + code + ")",
                                       "Posts",
                                       "Region",
                                       "Niche",
                                       "Audience fit (%)",
                                       "Notes"};
    if (drivers) {
        header.insert(header.end(),
                      {"Authenticity (%)", "Conversion multiplier", "Overhead (" + code + ")"});
    }
    return header;
}

std::vector<std::string> roster_cells(const Influencer& influencer,
                                      const RosterExportOptions& options, bool drivers) {
    const bool comma = options.decimal_comma;
    const bool rate = influencer.engagement_kind == EngagementInputKind::rate;
    std::vector<std::string> cells = {
        influencer.name,
        influencer.platform,
        std::to_string(influencer.followers),
        rate ? exact_decimal(influencer.engagement_value, 2, comma) : "",
        rate ? "" : exact_decimal(influencer.engagement_value, 0, comma),
        money_text(influencer.price_per_post, comma),
        std::to_string(influencer.posts),
        influencer.region,
        influencer.niche,
        exact_decimal(influencer.audience_fit, 2, comma),
        current_notes(influencer)};
    if (drivers) {
        cells.insert(cells.end(),
                     {exact_decimal(influencer.authenticity, 2, comma),
                      exact_decimal(influencer.conversion_multiplier, 0, comma),
                      influencer.overhead ? money_text(*influencer.overhead, comma) : ""});
    }
    return cells;
}

// A plain number with a fixed count of decimals, so a column reads the same on every
// row: "1200.0", never "1,200.0".
std::string fixed_decimal(double value, int decimals, bool decimal_comma) {
    char text[64];
    std::snprintf(text, sizeof text, "%.*f", decimals, value);
    std::string out = text;
    if (out == "-0.0" || out == "-0.00" || out == "-0") {
        out.erase(0, 1);
    }
    if (decimal_comma) {
        std::replace(out.begin(), out.end(), '.', ',');
    }
    return out;
}

// "Engagement rate: expected for 1,000 followers (7.4% on the curve ...); replace it
// with the measured rate." and "Audience fit: 100% until estimated." (benchmark_influencer,
// core/scenario.cpp; older files say "the benchmark for 1,000 to 9,999 followers (7.4%, ...").
constexpr std::string_view rate_note_start = "Engagement rate: ";
constexpr std::string_view rate_note_end = "replace it with the measured rate.";
constexpr std::string_view fit_note = "Audience fit: 100% until estimated.";

bool rate_note_holds(const Influencer& row, std::string_view sentence) {
    if (row.engagement_kind != EngagementInputKind::rate) {
        return false;
    }
    constexpr std::string_view followers_part = "expected for ";
    if (sentence.find(followers_part) != std::string_view::npos &&
        sentence.find(std::string(followers_part) + format_count(row.followers) + " followers") ==
            std::string_view::npos) {
        return false;
    }
    const std::size_t open = sentence.find('(');
    const std::size_t percent = sentence.find('%', open);
    if (open == std::string_view::npos || percent == std::string_view::npos) {
        return false;
    }
    return sentence.substr(open + 1, percent + 1 - (open + 1)) ==
           format_percent(row.engagement_value, 1);
}

void erase_sentence(std::string& notes, std::size_t at, std::size_t length) {
    notes.erase(at, length);
    while (at < notes.size() && notes[at] == ' ') {
        notes.erase(at, 1);
    }
}

} // namespace

std::string current_notes(const Influencer& row) {
    std::string notes = row.notes;
    bool erased = false;
    if (const std::size_t start = notes.find(rate_note_start); start != std::string::npos) {
        const std::size_t end = notes.find(rate_note_end, start);
        if (end != std::string::npos) {
            const std::size_t length = end + rate_note_end.size() - start;
            if (!rate_note_holds(row, std::string_view(notes).substr(start, length))) {
                erase_sentence(notes, start, length);
                erased = true;
            }
        }
    }
    if (const std::size_t at = notes.find(fit_note);
        at != std::string::npos && row.audience_fit != 1.0) {
        erase_sentence(notes, at, fit_note.size());
        erased = true;
    }
    // Only the space a last erased sentence leaves behind goes: the user's own notes
    // come back from an export exactly as typed (the importer keeps their spaces).
    while (erased && !notes.empty() && notes.back() == ' ') {
        notes.pop_back();
    }
    return notes;
}

std::string export_roster_csv(const std::vector<Influencer>& roster,
                              const RosterExportOptions& options) {
    std::vector<std::vector<std::string>> records;
    records.reserve(roster.size() + 1);
    const bool drivers = uses_driver_columns(roster);
    records.push_back(roster_header(options, drivers));
    for (const auto& influencer : roster) {
        records.push_back(roster_cells(influencer, options, drivers));
    }
    return write_csv(records, options.csv);
}

namespace {

constexpr std::array planned_columns = {"Valid",
                                        "Total cost",
                                        "Expected engagements",
                                        "Targeted engagements",
                                        "Impressions",
                                        "Estimated reach",
                                        "Clicks",
                                        "Conversions",
                                        "CPE",
                                        "CPM",
                                        "Share of budget (%)"};
constexpr std::array tracked_columns = {
    "Tracked posts", "Actual interactions", "Actual engagement rate (%)",
    "Actual clicks", "Actual conversions",  "Actual revenue",
    "Actual ROI (%)"};

// Planned figures rounded for reading: people to one decimal, money to cents.
void add_planned(std::vector<std::string>& cells, const RowMetrics& r, bool comma) {
    const auto amount = [&](double value) {
        return fixed_decimal(value, 1, comma);
    };
    const auto optional_money = [&](const std::optional<Money>& money) {
        return money ? money_text(*money, comma) : std::string();
    };
    cells.emplace_back(r.valid ? "yes" : "no");
    cells.push_back(money_text(r.cost, comma));
    for (const double value : {r.expected_engagements, r.targeted_engagements, r.impressions,
                               r.estimated_reach, r.clicks, r.conversions}) {
        cells.push_back(amount(value));
    }
    cells.push_back(optional_money(r.cost_per_engagement));
    cells.push_back(optional_money(r.cpm));
    cells.push_back(r.share_of_budget ? fixed_decimal(*r.share_of_budget * 100.0, 2, comma)
                                      : std::string());
}

// What the influencer's tracked posts did; a post nobody filled in says nothing yet, and
// ROI needs an entered revenue (core/example_figures.hpp).
void add_tracked(std::vector<std::string>& cells, const InfluencerActuals& a, bool comma) {
    cells.push_back(std::to_string(a.posts));
    if (!has_tracked_numbers(a)) {
        cells.resize(cells.size() + tracked_columns.size() - 1);
        return;
    }
    cells.push_back(std::to_string(a.interactions));
    cells.push_back(fixed_decimal(a.engagement_rate * 100.0, 2, comma));
    cells.push_back(std::to_string(a.clicks));
    cells.push_back(std::to_string(a.conversions));
    cells.push_back(a.revenue.cents > 0 ? money_text(a.revenue, comma) : std::string());
    const std::optional<double> roi = told_roi(a);
    cells.push_back(roi ? fixed_decimal(*roi * 100.0, 1, comma) : std::string());
}

} // namespace

std::string export_roster_results_csv(const std::vector<Influencer>& roster,
                                      const CampaignResult& results,
                                      const RosterExportOptions& options,
                                      const TrackingResult* tracked) {
    const bool comma = options.decimal_comma;
    std::vector<std::vector<std::string>> records;
    records.reserve(roster.size() + 1);
    const bool drivers = uses_driver_columns(roster);
    auto header = roster_header(options, drivers);
    header.insert(header.end(), planned_columns.begin(), planned_columns.end());
    if (tracked != nullptr) {
        header.insert(header.end(), tracked_columns.begin(), tracked_columns.end());
    }
    records.push_back(std::move(header));
    for (const auto& influencer : roster) {
        auto cells = roster_cells(influencer, options, drivers);
        const auto it = std::find_if(results.rows.begin(), results.rows.end(),
                                     [&](const RowMetrics& r) { return r.id == influencer.id; });
        if (it == results.rows.end()) {
            cells.resize(cells.size() + planned_columns.size());
        } else {
            add_planned(cells, *it, comma);
        }
        if (tracked != nullptr) {
            const auto actual =
                std::find_if(tracked->influencers.begin(), tracked->influencers.end(),
                             [&](const InfluencerActuals& a) { return a.id == influencer.id; });
            if (actual == tracked->influencers.end()) {
                cells.resize(cells.size() + tracked_columns.size());
            } else {
                add_tracked(cells, *actual, comma);
            }
        }
        records.push_back(std::move(cells));
    }
    return write_csv(records, options.csv);
}

} // namespace core
