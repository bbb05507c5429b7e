#include "core/reach.hpp"

#include <cmath>
#include <cstdint>
#include <gtest/gtest.h>
#include <string>

namespace {

using core::ReachRow;
using core::ReachTable;

// The published rows: Socialbakers' 2012 figures (33.2% of fans for pages under 1,000,
// 8.2% for 100,000 to 999,999) at their rows' middles, joined in log-log, flat beyond.
TEST(ReachTest, PublishedRowsGiveTheDocumentedCurve) {
    const ReachTable table;
    EXPECT_NEAR(core::reach_rate_by_size(table, 10), 0.332, 1e-12);
    EXPECT_NEAR(core::reach_rate_by_size(table, 316), 0.332, 1e-3);
    EXPECT_NEAR(core::reach_rate_by_size(table, 316'228), 0.082, 1e-4);
    EXPECT_NEAR(core::reach_rate_by_size(table, 5'000'000), 0.082, 1e-12);
    // 1,000 is a sixth of the way (in log) from 316 to 316,228: 26.3%.
    EXPECT_NEAR(core::reach_rate_by_size(table, 1'000), 0.332 * std::pow(0.082 / 0.332, 1.0 / 6.0),
                1e-3);
    EXPECT_NEAR(core::reach_rate_by_size(table, 1'000), 0.263, 5e-4);
}

// Every published row names its source, year, platform and the source's own scope.
TEST(ReachTest, EveryPublishedRowIsSourced) {
    ASSERT_FALSE(core::published_reach_rows().empty());
    for (const ReachRow& row : core::published_reach_rows()) {
        EXPECT_NE(row.source.find("Socialbakers"), std::string::npos) << row.source;
        EXPECT_NE(row.source.find("2012"), std::string::npos) << row.source;
        EXPECT_NE(row.source.find("Facebook pages"), std::string::npos) << row.source;
        EXPECT_NE(row.source.find("fans"), std::string::npos) << row.source; // its scope
    }
    EXPECT_TRUE(core::validate_reach_table(ReachTable{}).ok());
}

// For the published table and an edited one with a steep fall, the rate never rises and
// people reached per post (followers x rate) never fall, on a dense log grid, and no rate
// jumps at a row's edge.
TEST(ReachTest, ReachedPerPostNeverFallsAndRatesDoNotJump) {
    ReachTable steep;
    steep.rows = {{0, 999, 0.5, "a"}, {1'000, 9'999, 0.01, "b"}, {10'000, 99'999, 0.2, "c"}};
    for (const ReachTable& table : {ReachTable{}, steep}) {
        double previous_reached = 0.0;
        for (double x = 1.0; x <= 8.0; x += 0.005) {
            const auto followers = static_cast<std::int64_t>(std::pow(10.0, x));
            const double rate = core::reach_rate_by_size(table, followers);
            const double reached = static_cast<double>(followers) * rate;
            EXPECT_GE(reached, previous_reached * (1.0 - 1e-12)) << followers;
            previous_reached = reached;
        }
        for (const ReachRow& row : table.rows) {
            if (row.max_followers == core::no_follower_limit) {
                continue;
            }
            const double below = core::reach_rate_by_size(table, row.max_followers);
            const double above = core::reach_rate_by_size(table, row.max_followers + 1);
            // One follower more moves the rate at most as 1 / followers does.
            EXPECT_GE(above / below, static_cast<double>(row.max_followers) /
                                         static_cast<double>(row.max_followers + 1) * (1 - 1e-12))
                << row.max_followers;
            EXPECT_LE(above / below, 1.01) << row.max_followers; // and no leap up
        }
    }
}

TEST(ReachTest, ValidationNamesTheRowAndField) {
    ReachTable table;
    table.rows[1].rate = 1.5;
    auto bad = core::validate_reach_table(table);
    ASSERT_FALSE(bad.ok());
    EXPECT_EQ(bad.error().field, "Reach row 2: Reach rate");
    EXPECT_EQ(bad.error().message, "Reach row 2: Reach rate: type a percentage above 0% and at "
                                   "most 100%, such as 10%.");
    table = ReachTable{};
    table.rows[1].min_followers = 500;
    bad = core::validate_reach_table(table);
    ASSERT_FALSE(bad.ok());
    EXPECT_EQ(bad.error().message, "Reach row 2: From followers: start this row above 999, where "
                                   "the row before it ends.");
    table = ReachTable{};
    table.rows[0].max_followers = -1;
    EXPECT_EQ(core::validate_reach_table(table).error().field, "Reach row 1: To followers");
    table.rows.clear();
    EXPECT_EQ(core::validate_reach_table(table).error().field, "Reach rows");
}

TEST(ReachTest, RowRangesInWords) {
    EXPECT_EQ(core::reach_row_range(core::published_reach_rows()[0]), "under 1,000");
    EXPECT_EQ(core::reach_row_range(core::published_reach_rows()[1]), "100,000 to 999,999");
    EXPECT_EQ(core::reach_row_range({5'000, core::no_follower_limit, 0.1, ""}), "5,000 and more");
}

} // namespace
