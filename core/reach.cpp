#include "core/reach.hpp"

#include <cmath>

namespace core {
namespace {

Error reach_error(ErrorCode code, std::size_t row, const std::string& field,
                  const std::string& what) {
    return field_error(code, "Reach row " + std::to_string(row + 1) + ": " + field, what);
}

} // namespace

const std::vector<ReachRow>& published_reach_rows() {
    static const std::vector<ReachRow> rows{
        {0, 999, 0.332,
         "Socialbakers (now Emplifi), 2012, Facebook pages: average organic and viral reach of "
         "a page's post, July to September 2012, pages under 1,000 fans: 33.2% of fans."},
        {100'000, 999'999, 0.082,
         "Socialbakers (now Emplifi), 2012, Facebook pages: average organic and viral reach of "
         "a page's post, July to September 2012, pages of 100,000 to 999,999 fans: 8.2% of "
         "fans."},
    };
    return rows;
}

std::string own_reach_source() {
    return "Your own figure.";
}

Result<ReachTable> validate_reach_table(const ReachTable& table) {
    if (table.rows.empty()) {
        return field_error(ErrorCode::empty, "Reach rows",
                           "add at least one row with its followers and reach rate, or restore "
                           "the published figures.");
    }
    if (table.rows.size() > max_reach_rows) {
        return field_error(ErrorCode::too_large, "Reach rows",
                           "use at most " + std::to_string(max_reach_rows) + " rows.");
    }
    for (std::size_t i = 0; i < table.rows.size(); ++i) {
        const ReachRow& row = table.rows[i];
        if (row.min_followers < 0) {
            return reach_error(ErrorCode::out_of_range, i, "From followers",
                               "type a whole number of 0 or more.");
        }
        if (row.max_followers < row.min_followers) {
            return reach_error(ErrorCode::out_of_range, i, "To followers",
                               "type a whole number of at least " +
                                   format_count(row.min_followers) + " (where this row starts).");
        }
        if (!std::isfinite(row.rate) || row.rate <= 0.0 || row.rate > 1.0) {
            return reach_error(ErrorCode::out_of_range, i, "Reach rate",
                               "type a percentage above 0% and at most 100%, such as 10%.");
        }
        if (i > 0 && row.min_followers <= table.rows[i - 1].max_followers) {
            const ReachRow& before = table.rows[i - 1];
            return reach_error(ErrorCode::invalid, i, "From followers",
                               before.max_followers == no_follower_limit
                                   ? "the row before it has no upper limit; give that row an "
                                     "upper limit first."
                                   : "start this row above " + format_count(before.max_followers) +
                                         ", where the row before it ends.");
        }
    }
    return table;
}

std::vector<CurvePoint> reach_curve(const ReachTable& table) {
    BenchmarkSet figures; // the same curve rule as the engagement benchmarks
    for (const ReachRow& row : table.rows) {
        figures.tiers.push_back({"", row.min_followers, row.max_followers, row.rate, false, ""});
    }
    return engagement_curve(figures);
}

double reach_rate_by_size(const ReachTable& table, std::int64_t followers) {
    return expected_engagement_rate(reach_curve(table), followers);
}

std::string reach_row_range(const ReachRow& row, NumberFormat format) {
    if (row.max_followers == no_follower_limit) {
        return format_count(row.min_followers, format) + " and more";
    }
    if (row.min_followers == 0) {
        return "under " + format_count(row.max_followers + 1, format);
    }
    return format_count(row.min_followers, format) + " to " +
           format_count(row.max_followers, format);
}

} // namespace core
