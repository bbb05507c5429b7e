#include "core/example_figures.hpp"
#include "core/report.hpp"
#include "core/roster_csv.hpp"

#include <gtest/gtest.h>
#include <string>

namespace {

bool contains(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

TEST(ExampleFiguresTest, TheExampleFunnelIsThePlaceholders) {
    EXPECT_TRUE(core::funnel_is_example(core::default_funnel_assumptions(core::Currency::usd)));
    // Switching currency relabels; it tells nothing.
    EXPECT_TRUE(core::funnel_is_example(core::default_funnel_assumptions(core::Currency::eur)));
    core::FunnelAssumptions told = core::default_funnel_assumptions(core::Currency::usd);
    told.click_through_rate = 0.03;
    EXPECT_FALSE(core::funnel_is_example(told));
    told = core::default_funnel_assumptions(core::Currency::usd);
    told.average_order_value.cents = 4'500;
    EXPECT_FALSE(core::funnel_is_example(told));
    told = core::default_funnel_assumptions(core::Currency::usd);
    told.margin = 0.6; // not one of the three: still the example's return
    EXPECT_TRUE(core::funnel_is_example(told));
}

TEST(ExampleFiguresTest, AnEmptyTrackedPostSaysNothing) {
    core::InfluencerActuals empty;
    empty.posts = 1;
    empty.cost = core::Money{10'000, core::Currency::usd};
    empty.roi = -1.0; // what track_results computes for no revenue
    EXPECT_FALSE(core::has_tracked_numbers(empty));
    EXPECT_FALSE(core::told_roi(empty).has_value());
    core::InfluencerActuals liked = empty;
    liked.interactions = 40;
    EXPECT_TRUE(core::has_tracked_numbers(liked));
    EXPECT_FALSE(core::told_roi(liked).has_value()); // no revenue entered: no ROI
    liked.revenue = core::Money{2'500, core::Currency::usd};
    liked.roi = -0.9;
    ASSERT_TRUE(core::told_roi(liked).has_value());
    EXPECT_DOUBLE_EQ(*core::told_roi(liked), -0.9);
}

TEST(ExampleFiguresTest, ABlankPlanHasNothingOfTheExamplesRoster) {
    const core::Scenario blank = core::blank_scenario();
    EXPECT_TRUE(blank.roster.empty());
    EXPECT_TRUE(blank.actuals.empty());
    EXPECT_TRUE(blank.optimizer.must_include.empty());
    EXPECT_EQ(blank.title, "Untitled plan");
    EXPECT_EQ(blank.screen, core::Screen::roster);
    const std::string report = core::plan_report(blank);
    EXPECT_TRUE(contains(report, "Microreach plan report: Untitled plan\n"));
    EXPECT_FALSE(contains(report, "Example:"));
}

TEST(ExampleFiguresTest, TheReportShowsNoReturnForTheExampleFunnel) {
    core::Scenario s = core::default_scenario();
    core::ReportOptions example;
    example.example = true;
    std::string report = core::plan_report(s, example);
    EXPECT_TRUE(contains(report, "Example: the article's story with placeholder figures"));
    EXPECT_TRUE(contains(report, "Revenue, ROI and ROAS: enter your funnel to see return"));
    EXPECT_FALSE(contains(report, "\nReturn on investment (ROI): "));
    EXPECT_FALSE(contains(report, "-99"));
    // The plan's name is the report's title.
    s.title = "Spring launch";
    s.assumptions.funnel.click_through_rate = 0.05;
    s.assumptions.funnel.conversion_rate = 0.04;
    s.assumptions.funnel.average_order_value.cents = 6'000;
    report = core::plan_report(s);
    EXPECT_TRUE(contains(report, "Microreach plan report: Spring launch\n"));
    EXPECT_FALSE(contains(report, "enter your funnel"));
    EXPECT_FALSE(contains(report, "Example:"));
    EXPECT_TRUE(contains(report, "Revenue: $"));
}

TEST(ExampleFiguresTest, TheReportSaysATrackedPostHasNoNumbersYet) {
    core::Scenario s = core::default_scenario();
    s.actuals.push_back(
        core::ActualResult{2, 0, 0, 0, 0, 0, 0, core::Money{0, core::Currency::usd}});
    s.actuals.push_back(
        core::ActualResult{3, 80, 5, 0, 0, 0, 0, core::Money{0, core::Currency::usd}});
    const std::string report = core::plan_report(s);
    EXPECT_TRUE(contains(report, "New England blogger 1 (Instagram, New England, Parenting): 1 "
                                 "post tracked, no numbers entered yet.\n"));
    EXPECT_TRUE(contains(report, "acquisition not defined, no revenue entered.\n"));
    EXPECT_FALSE(contains(report, "-100"));
}

} // namespace
