#include "core/roster_csv.hpp"
#include "core/scenario.hpp"

#include <cmath>
#include <cstdint>
#include <gtest/gtest.h>
#include <random>
#include <string>
#include <vector>

namespace {

using core::ErrorCode;
using core::ImportMode;
using core::Influencer;
using core::RosterField;
using core::RosterImportOptions;

core::RosterPreview preview(const std::string& text, RosterImportOptions options = {}) {
    auto result = core::preview_roster_csv(text, options);
    EXPECT_TRUE(result.ok()) << (result.ok() ? "" : result.error().message);
    return result.ok() ? result.value() : core::RosterPreview{};
}

TEST(RosterCsvTest, HeaderAliases) {
    const std::vector<std::pair<std::string, RosterField>> cases = {
        {"Followers", RosterField::followers},
        {"followers_count", RosterField::followers},
        {"Audience", RosterField::followers},
        {"  FOLLOWERS  ", RosterField::followers},
        {"Follower Count", RosterField::followers},
        {"# of followers", RosterField::followers},
        {"Price", RosterField::price_per_post},
        {"Cost", RosterField::price_per_post},
        {"Fee", RosterField::price_per_post},
        {"Rate", RosterField::price_per_post},
        {"Price per post (USD)", RosterField::price_per_post},
        {"price-per-post", RosterField::price_per_post},
        {"Handle", RosterField::name},
        {"Name", RosterField::name},
        {"Influencer", RosterField::name},
        {"Engagement", RosterField::engagement_rate},
        {"ER", RosterField::engagement_rate},
        {"Engagement rate", RosterField::engagement_rate},
        {"Engagement rate (%)", RosterField::engagement_rate},
        {"engagement_rate", RosterField::engagement_rate},
        {"Region", RosterField::region},
        {"Location", RosterField::region},
        {"State", RosterField::region},
        {"Niche", RosterField::niche},
        {"Category", RosterField::niche},
        {"Platform", RosterField::platform},
        {"Network", RosterField::platform},
        {"Posts", RosterField::posts},
        {"Number of posts", RosterField::posts},
        {"Audience fit", RosterField::audience_fit},
        {"audience_fit", RosterField::audience_fit},
        {"Notes", RosterField::notes},
        {"Avg. interactions", RosterField::average_interactions},
        {"Likes", RosterField::average_interactions},
        {"Expected engagements", RosterField::ignore},
        {"CPE", RosterField::ignore},
        {"ID", RosterField::ignore},
    };
    for (const auto& [header, field] : cases) {
        EXPECT_EQ(core::roster_field_for_header(header), field) << header;
    }
    EXPECT_FALSE(core::roster_field_for_header("Favourite colour").has_value());
    EXPECT_FALSE(core::roster_field_for_header("").has_value());
    EXPECT_FALSE(core::roster_field_for_header("(USD)").has_value());
}

TEST(RosterCsvTest, MappingReportsUnknownAndRepeatedColumns) {
    const core::CsvRecord header{1, {"Name", "Followers", "Colour", "Audience", "Price"}};
    const auto mapping = core::guess_roster_mapping(header);
    EXPECT_EQ(mapping.columns, (std::vector<RosterField>{RosterField::name, RosterField::followers,
                                                         RosterField::ignore, RosterField::ignore,
                                                         RosterField::price_per_post}));
    EXPECT_EQ(mapping.unknown, (std::vector<std::size_t>{2, 3}));
    EXPECT_TRUE(mapping.needs_review());
    EXPECT_FALSE(core::check_roster_mapping(mapping, header).has_value());

    auto changed = mapping;
    changed.columns[3] = RosterField::followers;
    const auto twice = core::check_roster_mapping(changed, header);
    ASSERT_TRUE(twice.has_value());
    EXPECT_EQ(twice->field, "Followers");
    EXPECT_EQ(twice->message,
              "Followers: two columns are set to Followers; set one of them to (ignore).");

    changed.columns[1] = RosterField::ignore;
    changed.columns[3] = RosterField::ignore;
    const auto missing = core::check_roster_mapping(changed, header);
    ASSERT_TRUE(missing.has_value());
    EXPECT_EQ(missing->code, ErrorCode::empty);
    EXPECT_EQ(missing->message,
              "Followers: no column holds Followers; choose the column that does, or add one "
              "to the file.");
}

TEST(RosterCsvTest, PreviewReadsNumbersInEveryForm) {
    RosterImportOptions options;
    options.default_engagement_rate = 0.05;
    const auto p = preview("Handle,Audience,Fee,ER,Posts,Audience fit,Location,Category,"
                           "Network,Notes\r\n"
                           "ann,1.2k,\"$1,000\",7.4%,2,40%,Florida,Parenting,Instagram,likes "
                           "books\r\n"
                           "bo,\"12,500\",62.50,3.5,,,,,,\r\n",
                           options);
    ASSERT_EQ(p.rows.size(), 2U);
    EXPECT_TRUE(p.errors.empty());
    EXPECT_FALSE(p.mapping.needs_review());
    const Influencer& ann = p.rows[0].influencer;
    EXPECT_EQ(p.rows[0].line, 2U);
    EXPECT_EQ(ann.name, "ann");
    EXPECT_EQ(ann.followers, 1200);
    EXPECT_EQ(ann.price_per_post, (core::Money{100'000, core::Currency::usd}));
    EXPECT_EQ(ann.engagement_kind, core::EngagementInputKind::rate);
    EXPECT_NEAR(ann.engagement_value, 0.074, 1e-12);
    EXPECT_EQ(ann.posts, 2);
    EXPECT_NEAR(ann.audience_fit, 0.4, 1e-12);
    EXPECT_EQ(ann.region, "Florida");
    EXPECT_EQ(ann.niche, "Parenting");
    EXPECT_EQ(ann.platform, "Instagram");
    EXPECT_EQ(ann.notes, "likes books");
    EXPECT_TRUE(p.rows[0].defaulted.empty());

    const Influencer& bo = p.rows[1].influencer;
    EXPECT_EQ(bo.followers, 12'500);
    EXPECT_EQ(bo.price_per_post.cents, 6250);
    EXPECT_NEAR(bo.engagement_value, 0.035, 1e-12); // a bare number is a percentage
    EXPECT_EQ(bo.posts, 1);
    EXPECT_NEAR(bo.audience_fit, 1.0, 1e-12);
    EXPECT_EQ(p.rows[1].defaulted,
              (std::vector<RosterField>{RosterField::posts, RosterField::audience_fit}));
}

TEST(RosterCsvTest, SemicolonFilesUseDecimalCommas) {
    RosterImportOptions options;
    options.currency = core::Currency::eur;
    const auto p = preview("Name;Followers;Price;Engagement rate\n"
                           "Ana;1.200;1.234,50;7,4%\n",
                           options);
    ASSERT_EQ(p.rows.size(), 1U);
    EXPECT_TRUE(p.number_format.decimal_comma);
    EXPECT_EQ(p.rows[0].influencer.followers, 1200);
    EXPECT_EQ(p.rows[0].influencer.price_per_post, (core::Money{123'450, core::Currency::eur}));
    EXPECT_NEAR(p.rows[0].influencer.engagement_value, 0.074, 1e-12);

    options.decimal_comma = false; // the caller overrides the guess
    const auto q = preview("Name;Followers;Price;ER\nAna;1,200;1,234.50;7.4\n", options);
    ASSERT_EQ(q.rows.size(), 1U);
    EXPECT_EQ(q.rows[0].influencer.price_per_post.cents, 123'450);
}

TEST(RosterCsvTest, RateColumnsOfFractions) {
    const auto fractions = preview("Name,Followers,ER,Fit\na,100,0.074,0.5\nb,100,0.15,\n");
    ASSERT_EQ(fractions.rows.size(), 2U);
    EXPECT_NEAR(fractions.rows[0].influencer.engagement_value, 0.074, 1e-12);
    EXPECT_NEAR(fractions.rows[0].influencer.audience_fit, 0.5, 1e-12);
    EXPECT_NEAR(fractions.rows[1].influencer.engagement_value, 0.15, 1e-12);
    EXPECT_EQ(fractions.fraction_columns,
              (std::vector<RosterField>{RosterField::engagement_rate, RosterField::audience_fit}));

    // One value of 1 or more, or a '%', and the column is percentages.
    const auto percents = preview("Name,Followers,ER\na,100,0.5\nb,100,3\n");
    ASSERT_EQ(percents.rows.size(), 2U);
    EXPECT_NEAR(percents.rows[0].influencer.engagement_value, 0.005, 1e-12);
    EXPECT_TRUE(percents.fraction_columns.empty());
    const auto marked = preview("Name,Followers,ER\na,100,0.5%\nb,100,0.2\n");
    EXPECT_NEAR(marked.rows[1].influencer.engagement_value, 0.002, 1e-12);
}

TEST(RosterCsvTest, AverageInteractions) {
    const auto p = preview("Name,Followers,Avg interactions,ER\na,1000,74,\nb,1000,50,3%\n");
    ASSERT_EQ(p.rows.size(), 2U);
    EXPECT_EQ(p.rows[0].influencer.engagement_kind,
              core::EngagementInputKind::average_interactions);
    EXPECT_NEAR(p.rows[0].influencer.engagement_value, 74.0, 1e-9);
    // Both given: the rate wins.
    EXPECT_EQ(p.rows[1].influencer.engagement_kind, core::EngagementInputKind::rate);
    EXPECT_NEAR(p.rows[1].influencer.engagement_value, 0.03, 1e-12);
}

TEST(RosterCsvTest, ErrorsNameLineColumnAndField) {
    const auto p = preview("Name,Followers,Price,ER,Posts\n"
                           "good,100,10,5%,1\n"
                           ",abc,$-5,150%,2000\n"
                           "extra,1,200,$100,5%,1\n"
                           "\n"
                           "noer,100,10,,1\n");
    ASSERT_EQ(p.rows.size(), 1U);
    EXPECT_EQ(p.rows[0].influencer.name, "good");
    EXPECT_EQ(p.bad_rows, 3U);
    struct Expected {
        std::size_t line, column;
        std::string field;
    };
    const std::vector<Expected> expected = {
        {3, 2, "Followers"}, {3, 3, "Price per post"}, {3, 4, "Engagement rate"}, {3, 5, "Posts"},
        {3, 1, "Name"},      {4, 0, "Columns"},        {6, 4, "Engagement rate"},
    };
    ASSERT_EQ(p.errors.size(), expected.size());
    for (std::size_t k = 0; k < expected.size(); ++k) {
        SCOPED_TRACE(k);
        EXPECT_EQ(p.errors[k].line, expected[k].line);
        EXPECT_EQ(p.errors[k].column, expected[k].column);
        EXPECT_EQ(p.errors[k].error.field, expected[k].field);
        EXPECT_FALSE(p.errors[k].error.message.empty());
    }
    EXPECT_EQ(p.errors[4].error.message, "Name: type the influencer's name or handle.");
    EXPECT_EQ(core::describe(p.errors[4]),
              "Line 3, column A (Name): Name: type the influencer's name or handle.");
    EXPECT_EQ(p.errors[5].error.message,
              "This line has 6 cells but the header has 5 columns; put numbers such as 1,200 "
              "in quotes, or remove the extra cells.");
    EXPECT_EQ(core::describe(p.errors[5]).substr(0, 17), "Line 4 (Columns):");
    EXPECT_EQ(p.errors[6].error.message,
              "Engagement rate: type a rate such as 7.4%, or average interactions per post.");
}

TEST(RosterCsvTest, MissingEngagementColumnUsesTheDefault) {
    const std::string text = "Name,Followers\na,100\n";
    const auto without = preview(text);
    ASSERT_EQ(without.errors.size(), 1U);
    EXPECT_EQ(without.errors[0].column, 0U); // there is no such column
    RosterImportOptions options;
    options.default_engagement_rate = 0.074;
    const auto with = preview(text, options);
    ASSERT_EQ(with.rows.size(), 1U);
    EXPECT_EQ(with.rows[0].influencer.engagement_value, 0.074);
    EXPECT_EQ(with.rows[0].defaulted,
              (std::vector<RosterField>{RosterField::engagement_rate, RosterField::price_per_post,
                                        RosterField::posts, RosterField::audience_fit}));
}

TEST(RosterCsvTest, CsvAndMappingErrorsComeBackWhole) {
    const auto broken = core::preview_roster_csv("Name,Followers\n\"open\n", {});
    ASSERT_FALSE(broken.ok());
    EXPECT_EQ(broken.error().code, ErrorCode::malformed);
    const auto no_followers = core::preview_roster_csv("Name,Price\na,1\n", {});
    ASSERT_FALSE(no_followers.ok());
    EXPECT_EQ(no_followers.error().field, "Followers");
}

TEST(RosterCsvTest, UserMappingReplacesTheGuess) {
    const auto table = core::parse_csv("Who,Size,Colour\nann,900,blue\n");
    ASSERT_TRUE(table.ok());
    auto mapping = core::guess_roster_mapping(table.value().header);
    EXPECT_EQ(mapping.unknown, (std::vector<std::size_t>{0, 1, 2}));
    mapping.columns = {RosterField::name, RosterField::followers, RosterField::ignore};
    RosterImportOptions options;
    options.default_engagement_rate = 0.1;
    const auto p = core::preview_roster_import(table.value(), mapping, options);
    ASSERT_TRUE(p.ok());
    ASSERT_EQ(p.value().rows.size(), 1U);
    EXPECT_EQ(p.value().rows[0].influencer.followers, 900);
}

TEST(RosterCsvTest, ApplyAppendsWithFreshIdsOrReplaces) {
    RosterImportOptions options;
    options.default_engagement_rate = 0.05;
    const auto p = preview("Name,Followers\nx,1\ny,2\n", options);
    std::vector<Influencer> roster(2);
    roster[0].id = 4;
    roster[0].name = "old";
    roster[1].id = 9;
    const auto appended = core::apply_roster_import(roster, p, ImportMode::append);
    ASSERT_TRUE(appended.ok());
    ASSERT_EQ(appended.value().size(), 4U);
    EXPECT_EQ(appended.value()[0].name, "old");
    EXPECT_EQ(appended.value()[2].id, 10U);
    EXPECT_EQ(appended.value()[3].id, 11U);
    EXPECT_EQ(appended.value()[3].name, "y");
    const auto replaced = core::apply_roster_import(roster, p, ImportMode::replace);
    ASSERT_TRUE(replaced.ok());
    ASSERT_EQ(replaced.value().size(), 2U);
    EXPECT_EQ(replaced.value()[0].id, 1U);
    EXPECT_EQ(roster.size(), 2U); // the input is untouched

    const std::vector<Influencer> full(core::max_roster_rows);
    const auto over = core::apply_roster_import(full, p, ImportMode::append);
    ASSERT_FALSE(over.ok());
    EXPECT_EQ(over.error().code, ErrorCode::too_large);
    EXPECT_EQ(over.error().message, "Roster: the roster would have more than 100,000 "
                                    "influencers; import fewer rows or replace the roster.");
}

TEST(RosterCsvTest, ExactDecimal) {
    EXPECT_EQ(core::exact_decimal(0.074, 2), "7.4");
    EXPECT_EQ(core::exact_decimal(0.15, 2), "15");
    EXPECT_EQ(core::exact_decimal(1.0, 2), "100");
    EXPECT_EQ(core::exact_decimal(0.0, 2), "0");
    EXPECT_EQ(core::exact_decimal(1e-7, 2), "0.00001");
    EXPECT_EQ(core::exact_decimal(12345.678), "12345.678");
    EXPECT_EQ(core::exact_decimal(1e20), "100000000000000000000");
    EXPECT_EQ(core::exact_decimal(-2.5), "-2.5");
    EXPECT_EQ(core::exact_decimal(0.1 + 0.2), "0.30000000000000004");
    EXPECT_EQ(core::exact_decimal(0.074, 2, true), "7,4");
}

std::vector<Influencer> sample_roster() {
    std::vector<Influencer> roster;
    Influencer a;
    a.id = 1;
    a.name = "Mommy Blogger";
    a.platform = "Blog";
    a.followers = 2'000'000;
    a.engagement_value = 0.024;
    a.price_per_post = core::Money{500'000, core::Currency::usd};
    a.region = "National";
    a.niche = "Parenting";
    roster.push_back(a);
    Influencer b;
    b.id = 2;
    b.name = "=HYPERLINK(\"x\")"; // hostile name survives as text
    b.platform = "Instagram";
    b.followers = 1000;
    b.engagement_kind = core::EngagementInputKind::average_interactions;
    b.engagement_value = 148.25;
    b.price_per_post = core::Money{10'000, core::Currency::usd};
    b.posts = 3;
    b.region = "New England, MA";
    b.niche = "Reading";
    b.audience_fit = 0.85;
    b.notes = "Line one\nline \"two\"";
    roster.push_back(b);
    Influencer c;
    c.id = 3;
    c.name = "Tiny";
    c.followers = 300;
    c.engagement_value = 0.1 + 0.2 - 0.15; // a value with no short decimal
    c.price_per_post = core::Money{1, core::Currency::usd};
    c.posts = 0;
    c.audience_fit = 1.0 / 3.0;
    roster.push_back(c);
    return roster;
}

void expect_same_roster(const std::vector<Influencer>& a, const std::vector<Influencer>& b) {
    ASSERT_EQ(a.size(), b.size());
    for (std::size_t k = 0; k < a.size(); ++k) {
        SCOPED_TRACE(k);
        EXPECT_EQ(a[k].name, b[k].name);
        EXPECT_EQ(a[k].platform, b[k].platform);
        EXPECT_EQ(a[k].followers, b[k].followers);
        EXPECT_EQ(a[k].engagement_kind, b[k].engagement_kind);
        EXPECT_EQ(a[k].engagement_value, b[k].engagement_value); // exact
        EXPECT_EQ(a[k].price_per_post, b[k].price_per_post);
        EXPECT_EQ(a[k].posts, b[k].posts);
        EXPECT_EQ(a[k].region, b[k].region);
        EXPECT_EQ(a[k].niche, b[k].niche);
        EXPECT_EQ(a[k].audience_fit, b[k].audience_fit); // exact
        EXPECT_EQ(a[k].notes, b[k].notes);
    }
}

TEST(RosterCsvTest, ExportWritesPlainExactCells) {
    const std::string csv = core::export_roster_csv(sample_roster());
    const std::string expected =
        "Name,Platform,Followers,Engagement rate (%),Average interactions,Price per post (USD),"
        "Posts,Region,Niche,Audience fit (%),Notes\r\n"
        "Mommy Blogger,Blog,2000000,2.4,,5000.00,1,National,Parenting,100,\r\n"
        "\"'=HYPERLINK(\"\"x\"\")\",Instagram,1000,,";
    EXPECT_EQ(csv.substr(0, expected.size()), expected);
    EXPECT_NE(csv.find(",148.25,100.00,3,\"New England, MA\",Reading,85,\"Line one\nline "
                       "\"\"two\"\"\"\r\n"),
              std::string::npos);
    EXPECT_NE(csv.find("Tiny,,300,"), std::string::npos);
    EXPECT_NE(csv.find(",0.01,0,"), std::string::npos);
}

TEST(RosterCsvTest, ExportThenImportGivesTheSameRoster) {
    const auto roster = sample_roster();
    for (const bool european : {false, true}) {
        SCOPED_TRACE(european);
        core::RosterExportOptions out;
        out.decimal_comma = european;
        out.csv.separator = european ? ';' : ',';
        out.csv.byte_order_mark = european;
        const auto p = core::preview_roster_csv(core::export_roster_csv(roster, out), {});
        ASSERT_TRUE(p.ok()) << p.error().message;
        EXPECT_TRUE(p.value().errors.empty());
        EXPECT_FALSE(p.value().mapping.needs_review());
        const auto back = core::apply_roster_import({}, p.value(), ImportMode::replace);
        ASSERT_TRUE(back.ok());
        expect_same_roster(roster, back.value());
    }
}

TEST(RosterCsvTest, RandomRostersSurviveTheRoundTrip) {
    std::mt19937_64 engine(42);
    auto unit = [&] {
        return static_cast<double>(engine() >> 11U) * 0x1.0p-53;
    };
    const std::string letters = "ab ,;\"'=+-@\n\xC3\xA9";
    auto text = [&] {
        std::string s = "n";
        const std::size_t length = engine() % 10;
        for (std::size_t k = 0; k < length; ++k) {
            const char c = letters[engine() % (letters.size() - 1)];
            if (c == '\xC3') {
                s += "\xC3\xA9";
            } else {
                s += c;
            }
        }
        return s + "z";
    };
    std::vector<Influencer> roster;
    for (std::uint32_t k = 1; k <= 60; ++k) {
        Influencer i;
        i.id = k;
        i.name = text();
        i.platform = text();
        i.followers = 1 + static_cast<std::int64_t>(engine() % 10'000'000);
        if (engine() % 2 == 0) {
            i.engagement_value = unit();
        } else {
            i.engagement_kind = core::EngagementInputKind::average_interactions;
            i.engagement_value = std::floor(unit() * 1e6) / 8.0;
        }
        i.price_per_post =
            core::Money{static_cast<std::int64_t>(engine() % 100'000'000), core::Currency::usd};
        i.posts = static_cast<int>(engine() % 20);
        i.region = text();
        i.niche = text();
        i.audience_fit = unit();
        i.notes = text();
        roster.push_back(i);
    }
    const auto p = core::preview_roster_csv(core::export_roster_csv(roster), {});
    ASSERT_TRUE(p.ok());
    EXPECT_TRUE(p.value().errors.empty());
    const auto back = core::apply_roster_import({}, p.value(), ImportMode::replace);
    ASSERT_TRUE(back.ok());
    expect_same_roster(roster, back.value());
}

TEST(RosterCsvTest, ResultsExportAddsColumnsAndImportsBack) {
    const auto roster = sample_roster();
    core::CampaignResult results;
    core::RowMetrics first;
    first.id = 1;
    first.valid = true;
    first.cost = core::Money{500'000, core::Currency::usd};
    first.expected_engagements = 48'000;
    first.cost_per_engagement = core::Money{10, core::Currency::usd};
    first.share_of_budget = 0.5;
    results.rows.push_back(first);
    const std::string csv = core::export_roster_results_csv(roster, results);
    const std::string header_end =
        "Notes,Valid,Total cost,Expected engagements,Targeted engagements,Impressions,"
        "Estimated reach,Clicks,Conversions,CPE,CPM,Share of budget (%)\r\n";
    EXPECT_NE(csv.find(header_end), std::string::npos);
    // One plain format per column: no thousands separators, fixed decimals.
    EXPECT_NE(csv.find(",yes,5000.00,48000.0,0.0,0.0,0.0,0.0,0.0,0.10,,50.00\r\n"),
              std::string::npos);
    // Rows without results keep empty result cells; result columns are ignored on import.
    const auto p = core::preview_roster_csv(csv, {});
    ASSERT_TRUE(p.ok());
    EXPECT_FALSE(p.value().mapping.needs_review());
    EXPECT_EQ(p.value().rows.size(), 3U);
}

TEST(RosterCsvTest, PercentHeaderKeepsSmallRatesPercentages) {
    // Every rate below 1%: without the "(%)" header they would read as fractions.
    const auto p = preview("Name,Followers,Engagement rate (%),Audience fit (%)\n"
                           "a,1000,0.5,0.8\nb,2000,0.25,1\n");
    ASSERT_EQ(p.rows.size(), 2U);
    EXPECT_TRUE(p.fraction_columns.empty());
    EXPECT_DOUBLE_EQ(p.rows[0].influencer.engagement_value, 0.005);
    EXPECT_DOUBLE_EQ(p.rows[0].influencer.audience_fit, 0.008);
    const auto bare = preview("Name,Followers,Engagement rate\na,1000,0.5\n");
    ASSERT_EQ(bare.rows.size(), 1U);
    EXPECT_DOUBLE_EQ(bare.rows[0].influencer.engagement_value, 0.5); // a fraction, as before
}

TEST(RosterCsvTest, AutomaticNotesGoWhenTheirReasonGoes) {
    const core::Scenario example = core::default_scenario();
    Influencer row = example.roster[1]; // 1,000 followers at the curve's 7.4%
    ASSERT_NE(row.notes.find("replace it with the measured rate."), std::string::npos);
    EXPECT_EQ(core::current_notes(row), row.notes); // both reasons still hold
    row.engagement_value = 0.05;                    // a measured rate
    EXPECT_EQ(core::current_notes(row), "Audience fit: 100% until estimated.");
    row.audience_fit = 0.8;
    EXPECT_EQ(core::current_notes(row), "");
    // Other followers: the rate is no longer the one expected for them.
    Influencer moved = example.roster[1];
    moved.followers = 5000;
    EXPECT_EQ(core::current_notes(moved), "Audience fit: 100% until estimated.");
    // The wording of earlier versions, and the user's own text, which stays.
    Influencer old = example.roster[1];
    old.notes = "Met at a fair. Engagement rate: the benchmark for 1,000 to 9,999 followers "
                "(7.4%, The article's figures (AdWeek)); replace it with the measured rate.";
    old.engagement_value = 0.074;
    EXPECT_EQ(core::current_notes(old), old.notes);
    old.engagement_value = 0.09;
    EXPECT_EQ(core::current_notes(old), "Met at a fair.");
    // Exports carry the current notes.
    Influencer measured = example.roster[1];
    measured.engagement_value = 0.05;
    measured.audience_fit = 0.5;
    const std::string csv = core::export_roster_csv({measured});
    EXPECT_EQ(csv.find("replace it with"), std::string::npos);
    EXPECT_EQ(csv.find("Audience fit: 100%"), std::string::npos);
}

// Found by the CSV fuzzer: a note ending in a space lost it on export, so exporting
// and importing again changed the roster.
TEST(RosterCsvTest, OwnNotesComeBackFromAnExportAsTyped) {
    Influencer row = core::default_scenario().roster[1];
    row.engagement_value = 0.05;
    row.audience_fit = 0.5; // neither automatic sentence holds
    row.notes = "  Call back in May, ";
    EXPECT_EQ(core::current_notes(row), row.notes);
    const auto again = core::preview_roster_csv(core::export_roster_csv({row}), {});
    ASSERT_TRUE(again.ok());
    ASSERT_EQ(again.value().rows.size(), 1U);
    EXPECT_EQ(again.value().rows[0].influencer.notes, row.notes);
    // The space before an erased last sentence still goes.
    row.notes = "Met at a fair. Audience fit: 100% until estimated.";
    EXPECT_EQ(core::current_notes(row), "Met at a fair.");
}

TEST(RosterCsvTest, ResultsExportCarriesTrackedActuals) {
    const core::Scenario example = core::default_scenario();
    core::TrackingInputs inputs = core::tracking_inputs(example);
    const std::uint32_t filled = example.roster[1].id, empty = example.roster[2].id;
    inputs.results.push_back(
        core::ActualResult{filled, 1200, 34, 0, 0, 12, 2, core::Money{4'000, core::Currency::usd}});
    inputs.results.push_back(
        core::ActualResult{empty, 0, 0, 0, 0, 0, 0, core::Money{0, core::Currency::usd}});
    const auto tracked = core::track_results(inputs);
    ASSERT_TRUE(tracked.ok());
    const auto planned = core::evaluate_campaign(core::campaign_inputs(example));
    ASSERT_TRUE(planned.ok());
    const std::string csv =
        core::export_roster_results_csv(example.roster, planned.value(), {}, &tracked.value());
    EXPECT_NE(csv.find(",Tracked posts,Actual interactions,Actual engagement rate (%),Actual "
                       "clicks,Actual conversions,Actual revenue,Actual ROI (%)\r\n"),
              std::string::npos);
    // 1,234 interactions on 1,000 followers: 123.40%; $40 x 40% margin on $100: -84.0%.
    EXPECT_NE(csv.find(",1,1234,123.40,12,2,40.00,-84.0\r\n"), std::string::npos);
    // A post with no numbers says only that it was tracked; untracked rows say nothing.
    EXPECT_NE(csv.find(",1,,,,,,\r\n"), std::string::npos);
    EXPECT_NE(csv.find(",,,,,,,\r\n"), std::string::npos);
    // The tracked columns are results: an import ignores them.
    const auto p = core::preview_roster_csv(csv, {});
    ASSERT_TRUE(p.ok());
    EXPECT_FALSE(p.value().mapping.needs_review());
}

} // namespace
