// Reach by audience size: the share of an account's followers one post reaches, as a
// table of follower ranges with a rate each (the published figures to start with, every
// row editable), turned into a continuous curve.
//
// Curve: each row's rate sits at the row's geometric middle and the points are joined in
// log-log, flat before the first and after the last, and never falling faster than
// 1 / followers (the engagement_curve rule, core/benchmarks.hpp): people reached per post
// (followers x rate) never fall as followers grow, and no rate jumps at a row's edge.
// Example (the published rows): 10 followers -> 33.2%; 1,000 -> 26.3%;
//          316,228 (the middle of 100,000 to 999,999) -> 8.2%; 5,000,000 -> 8.2%.
//
// The published rows (published_reach_rows()): Socialbakers (now Emplifi), organic and
// viral reach of Facebook pages' posts, July to September 2012: 33.2% of fans for pages
// under 1,000 fans, 8.2% for 100,000 to 999,999. Facebook pages, not influencers'
// Instagram or TikTok accounts: the nearest published series by audience size found.
#pragma once

#include "core/benchmarks.hpp"
#include "core/error.hpp"
#include "core/numbers.hpp"

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace core {

inline constexpr std::size_t max_reach_rows = 20;

struct ReachRow {
    std::int64_t min_followers = 0; // inclusive
    std::int64_t max_followers = 0; // inclusive; no_follower_limit for "and more"
    double rate = 0.0;              // share of followers one post reaches, > 0 and <= 1
    std::string source;             // who published it, year, platform and scope, or
                                    // own_reach_source() for the user's own figure
    friend bool operator==(const ReachRow&, const ReachRow&) = default;
};

// The published rows (see the top of this file).
[[nodiscard]] const std::vector<ReachRow>& published_reach_rows();

// The source of a row the user added or whose figures they changed.
[[nodiscard]] std::string own_reach_source();

struct ReachTable {
    std::vector<ReachRow> rows = published_reach_rows(); // ascending, non-overlapping
    friend bool operator==(const ReachTable&, const ReachTable&) = default;
};

// Checks a (possibly user-edited) table: 1 to 20 rows, each 0 <= from <= to, a rate above
// 0% and at most 100%, rows in ascending order without overlap (gaps are allowed: the
// curve joins across them). The error names the row and field ("Reach row 2: Reach rate").
[[nodiscard]] Result<ReachTable> validate_reach_table(const ReachTable& table);

// The table's curve points, one per row (the table must be valid).
[[nodiscard]] std::vector<CurvePoint> reach_curve(const ReachTable& table);
// The share of followers one post reaches at this audience size (the table must be valid).
[[nodiscard]] double reach_rate_by_size(const ReachTable& table, std::int64_t followers);

// A row's range in words: "under 1,000", "1,000 to 9,999", "100,000 and more".
[[nodiscard]] std::string reach_row_range(const ReachRow& row, NumberFormat format = {});

} // namespace core
