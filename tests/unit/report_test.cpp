#include "core/report.hpp"

#include <cctype>
#include <gtest/gtest.h>
#include <regex>
#include <string>

namespace {

bool contains(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

TEST(ReportTest, DefaultReportStatesThePlan) {
    const core::Scenario s = core::default_scenario();
    const std::string report = core::plan_report(s);
    EXPECT_TRUE(contains(report, "Microreach plan report: Learning-to-read toy\n"));
    EXPECT_TRUE(contains(report, "Budget: $5,000.\n"));
    // Eleven candidates, all booked: $5,000 + 10 x $100.
    EXPECT_TRUE(contains(report, "\nCost: $6,000\n"));
    EXPECT_TRUE(contains(report, "\nOver budget by: $1,000 (budget $5,000)\n"));
    // 24,000 + 1,027.73 engagements for $6,000: $0.2398 each.
    EXPECT_TRUE(contains(report, "\nExpected engagements: 25,028 "));
    EXPECT_TRUE(contains(report, "\nCost per engagement (CPE): $0.24\n"));
    EXPECT_TRUE(contains(report, "1. National parenting blogger (Instagram, United States "
                                 "(national), Parenting): 1,000,000 followers"));
    // The comparison's verdict, as compare_plans words it.
    const auto comparison = core::compare_scenario(s);
    ASSERT_TRUE(comparison.ok());
    EXPECT_TRUE(contains(report, "\n" + comparison.value().verdict + "\n"));
    for (const std::string& sentence : comparison.value().break_even_text) {
        EXPECT_TRUE(contains(report, sentence)) << sentence;
    }
    EXPECT_TRUE(contains(report, "Probability that Your biggest creator beats Your 10 other "
                                 "creators on cost per engagement: "));
    EXPECT_FALSE(contains(report, "Tracked results"));
    // Every reach row with its source, and the overlap named an assumption.
    EXPECT_TRUE(contains(report, "\nReach for under 1,000 followers: 33.2%. Socialbakers (now "
                                 "Emplifi), 2012, Facebook pages: "));
    EXPECT_TRUE(contains(report, "\nReach for 100,000 to 999,999 followers: 8.2%. "));
    EXPECT_TRUE(contains(report, "\nAudience overlap (an assumption): 10.0% "));
}

TEST(ReportTest, SaysWhatDecidesItAndWhatTheProbabilityTakesAsGiven) {
    core::Scenario s = core::default_scenario();
    s.assumptions.costs.overhead_amount = core::Money{5'000, s.assumptions.currency};
    const std::string report = core::plan_report(s);
    const auto comparison = core::compare_plans(core::comparison_inputs(s));
    ASSERT_TRUE(comparison.ok());
    const core::Comparison& c = comparison.value();
    ASSERT_FALSE(c.sensitivity.empty());
    EXPECT_TRUE(contains(report, "\nWhat decides it\n" + c.decided_by + "\n"));
    for (const core::SensitivityEntry& e : c.sensitivity) { // every bar of the tornado chart
        const std::string line =
            core::describe_sensitivity(e, c.a.name, c.b.name, s.budget.currency);
        EXPECT_TRUE(contains(report, "\n" + line + "\n")) << line;
    }
    // The costs beyond the fee, split, and the simulation's conditions.
    EXPECT_TRUE(contains(report, c.b.name + ", cost split: fees $1,000, usage rights $0, "
                                            "overhead $500, agency fee $0.\n"))
        << report;
    EXPECT_TRUE(contains(report, core::simulation_conditions(s.assumptions.uncertainty) + "\n"));
}

TEST(ReportTest, SectionsComeInOrder) {
    const std::string report = core::plan_report(core::default_scenario());
    std::size_t at = 0;
    for (const char* heading :
         {"\nThe plan in total\n", "\nInfluencers\n", "\nOne big or many small\n",
          "\nUncertainty\n", "\nAssumptions\n", "\nHow these numbers are computed\n"}) {
        const std::size_t found = report.find(heading, at);
        ASSERT_NE(found, std::string::npos) << heading;
        at = found;
    }
}

TEST(ReportTest, NumbersHaveThousandsSeparators) {
    // Every run of four or more digits is the seed or a year; amounts and counts are
    // grouped ("1,000,000", "$6,000").
    const core::Scenario s = core::default_scenario();
    const std::string report = core::plan_report(s);
    const std::string seed = std::to_string(s.assumptions.uncertainty.seed);
    for (std::size_t i = 0; i < report.size();) {
        if (std::isdigit(static_cast<unsigned char>(report[i])) == 0) {
            ++i;
            continue;
        }
        std::size_t j = i;
        while (j < report.size() && std::isdigit(static_cast<unsigned char>(report[j])) != 0) {
            ++j;
        }
        const std::string run = report.substr(i, j - i);
        const bool after_decimal_point = i > 0 && report[i - 1] == '.' && i > 1 &&
                                         std::isdigit(static_cast<unsigned char>(report[i - 2]));
        if (run.size() >= 4 && !after_decimal_point) {
            const bool year = run.size() == 4 && run >= "1990" && run <= "2100";
            EXPECT_TRUE(run == seed || year) << run;
        }
        i = j;
    }
}

TEST(ReportTest, ScreenReaderFriendlyText) {
    const std::string report = core::plan_report(core::default_scenario());
    EXPECT_FALSE(contains(report, "|"));
    EXPECT_FALSE(contains(report, "\t"));
    EXPECT_FALSE(contains(report, "---"));
    EXPECT_FALSE(std::regex_search(report, std::regex(R"(\bnan\b)"))); // "nano" is a tier
    EXPECT_FALSE(contains(report, "inf "));
    EXPECT_EQ(report.back(), '\n');
}

TEST(ReportTest, DecimalCommaFollowsTheScenario) {
    core::Scenario s = core::default_scenario();
    s.assumptions.number_format.decimal_comma = true;
    const std::string report = core::plan_report(s);
    EXPECT_TRUE(contains(report, "\nCost: $6.000\n"));
    EXPECT_TRUE(contains(report, "\nCost per engagement (CPE): $0,24\n"));
}

TEST(ReportTest, BadRowsAndBadInputsAreSentences) {
    core::Scenario s = core::default_scenario();
    s.roster[3].followers = 0;
    std::string report = core::plan_report(s);
    EXPECT_TRUE(contains(report, "4. New England blogger 3 (Instagram, New England, Parenting): "
                                 "not computed; see the rows with errors below.\n"));
    EXPECT_TRUE(
        contains(report, "\nRows with errors (left out of the totals)\nRow 4, Followers: "));

    s = core::default_scenario();
    s.assumptions.reach_rate = 2.0;
    report = core::plan_report(s);
    EXPECT_TRUE(contains(report, "The plan cannot be computed: Reach rate: type a percentage "));
    EXPECT_TRUE(contains(report, "The comparison cannot be computed: Reach rate: "));
    EXPECT_TRUE(contains(report, "\nAssumptions\n"));

    s = core::default_scenario();
    s.assumptions.uncertainty.sigma = 5.0;
    report = core::plan_report(s);
    EXPECT_TRUE(contains(report, "\nUncertainty\nNot computed: Engagement spread: "));
}

TEST(ReportTest, LongRostersAreCountedNotListed) {
    core::Scenario s = core::default_scenario();
    const core::Influencer micro = s.roster[1];
    for (std::uint32_t id = 100; id < 100 + 3000; ++id) {
        s.roster.push_back(micro);
        s.roster.back().id = id;
    }
    core::ReportOptions options;
    options.max_rows = 5;
    options.include_simulation = false;
    const std::string report = core::plan_report(s, options);
    EXPECT_TRUE(contains(report, "\nAnd 3,006 more influencers, not listed here; they are in the "
                                 "totals.\n"));
    EXPECT_FALSE(contains(report, "\n6. "));
    EXPECT_FALSE(contains(report, "Simulation:"));
    EXPECT_TRUE(contains(report, "Influencers: 3,011 in the roster"));
}

TEST(ReportTest, TrackedResultsAppearWhenThereAreAny) {
    core::Scenario s = core::default_scenario();
    s.actuals.push_back(
        core::ActualResult{2, 70, 4, 0, 0, 3, 1, core::Money{2'500, core::Currency::usd}});
    s.actuals.push_back(
        core::ActualResult{99, 1, 1, 0, 0, 0, 0, core::Money{0, core::Currency::usd}});
    const std::string report = core::plan_report(s);
    // 70 likes against the 105.4 likes a post the article's likes-only curve expects at
    // 1,000 followers (10.54%): 0.66; the rate and CPE count likes + comments (74).
    EXPECT_TRUE(contains(report, "\nTracked results\nNew England blogger 1 (Instagram, New "
                                 "England, Parenting): 1 post, actual engagement rate 7.4% (0.66 "
                                 "times the expected, counting likes as the benchmark does), CPE "
                                 "$1.35, cost per click $33.33, cost per "
                                 "acquisition $100, revenue $25, ROI -90.0%.\n"))
        << report;
    EXPECT_TRUE(contains(report, "Not tracked yet: 10 influencers."));
    EXPECT_TRUE(contains(report, "Result 2, Influencer: no influencer in the roster"));
    EXPECT_TRUE(contains(report, "Actual ROI: "));
}

TEST(ReportTest, SameScenarioSameReport) {
    const core::Scenario s = core::default_scenario();
    EXPECT_EQ(core::plan_report(s), core::plan_report(s));
    core::ReportOptions options;
    options.include_formulas = false;
    EXPECT_FALSE(contains(core::plan_report(s, options), "How these numbers are computed"));
}

} // namespace
