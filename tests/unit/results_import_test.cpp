#include "core/results_import.hpp"
#include "tests/unit/test_money.hpp"

#include <fstream>
#include <gtest/gtest.h>
#include <sstream>

namespace {

using core::Influencer;
using core::MatchStatus;
using core::ResultSource;

std::string layout(const std::string& name) {
    std::ifstream in(std::string(MICROREACH_GOLDEN_DIR) + "/results/" + name, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    EXPECT_FALSE(text.str().empty()) << name;
    return text.str();
}

// The ten booked influencers of the e2e story; Sam Reed is on two platforms.
std::vector<Influencer> roster() {
    const std::pair<const char*, const char*> people[] = {
        {"Ann Lee", "Instagram"},  {"Ben Ortiz", "Instagram"}, {"Cara Diaz", "TikTok"},
        {"Dev Patel", "TikTok"},   {"Eve Moss", "Instagram"},  {"Finn Ray", "YouTube"},
        {"Gia Chen", "Instagram"}, {"Hal Kim", "TikTok"},      {"Sam Reed", "Instagram"},
        {"Sam Reed", "TikTok"},
    };
    std::vector<Influencer> out;
    std::uint32_t id = 1;
    for (const auto& [name, platform] : people) {
        Influencer influencer;
        influencer.id = id++;
        influencer.name = name;
        influencer.platform = platform;
        influencer.followers = 20'000;
        influencer.engagement_value = 0.03;
        influencer.price_per_post = dollars(200);
        out.push_back(influencer);
    }
    return core::assign_discount_codes(out, {}, "Spring launch");
}

core::ResultsImportOptions options() {
    core::ResultsImportOptions o;
    o.campaign_title = "Spring launch";
    return o;
}

core::ResultsPreview preview(const std::string& text, core::ResultsImportOptions o = options()) {
    auto result = core::preview_results_csv(text, roster(), o);
    EXPECT_TRUE(result.ok()) << (result.ok() ? "" : result.error().message);
    return result.ok() ? result.value() : core::ResultsPreview{};
}

TEST(ResultsImportTest, HeaderExample) {
    const auto p = preview("Discount code,Orders,Total sales\nANNLEE15,3,$120.00\n");
    ASSERT_EQ(p.rows.size(), 1u);
    EXPECT_EQ(p.source, ResultSource::sales);
    EXPECT_EQ(p.rows[0].status, MatchStatus::matched);
    EXPECT_EQ(p.rows[0].result.influencer_id, 1u);
    EXPECT_EQ(p.rows[0].result.conversions, 3);
    EXPECT_EQ(p.rows[0].result.revenue, dollars(120));
}

TEST(ResultsImportTest, ShopifySalesByDiscount) {
    const auto p = preview(layout("shopify_sales_by_discount.csv"));
    EXPECT_EQ(p.source, ResultSource::sales);
    EXPECT_EQ(p.match_on, core::ResultsField::code);
    ASSERT_EQ(p.rows.size(), 5u);
    EXPECT_EQ(p.matched, 3u);   // ANNLEE15, BENORTIZ15, caradiaz15 (case ignored)
    EXPECT_EQ(p.unmatched, 1u); // WELCOME10: the shop's own code
    EXPECT_EQ(p.ignored, 1u);   // an automatic discount has no code
    EXPECT_EQ(p.rows[0].result.conversions, 12);
    EXPECT_EQ(p.rows[0].result.revenue, cents(131'040)); // "Total sales" over the others
    EXPECT_EQ(p.rows[2].result.influencer_id, 3u);
}

TEST(ResultsImportTest, SalesLocaleVariants) {
    const auto generic = preview(layout("shop_sales_generic.csv"));
    ASSERT_EQ(generic.rows.size(), 2u);
    EXPECT_EQ(generic.rows[0].result.conversions, 1'204);
    EXPECT_EQ(generic.rows[0].result.revenue, cents(123'450));
    auto euro = options();
    euro.currency = core::Currency::eur;
    const auto comma = preview(layout("shop_sales_decimal_comma.csv"), euro);
    EXPECT_TRUE(comma.number_format.decimal_comma);
    ASSERT_EQ(comma.rows.size(), 2u);
    EXPECT_EQ(comma.rows[0].result.conversions, 1'204);
    EXPECT_EQ(comma.rows[0].result.revenue, cents(123'450, core::Currency::eur));
    EXPECT_EQ(comma.rows[1].result.revenue, cents(27'285, core::Currency::eur));
    // The same file in a dollar plan: the euro sign is a cell error, not a guess.
    const auto dollars_plan = preview(layout("shop_sales_decimal_comma.csv"));
    EXPECT_EQ(dollars_plan.bad_rows, 2u);
    ASSERT_FALSE(dollars_plan.errors.empty());
    EXPECT_EQ(dollars_plan.errors[0].column, 3u);
    EXPECT_EQ(dollars_plan.errors[0].error.field, "Sales");
}

TEST(ResultsImportTest, Ga4ExportWithCommentLines) {
    const auto p = preview(layout("ga4_traffic_acquisition.csv"));
    EXPECT_EQ(p.source, ResultSource::analytics);
    EXPECT_EQ(p.match_on, core::ResultsField::utm_content);
    ASSERT_EQ(p.rows.size(), 5u);
    EXPECT_EQ(p.rows[0].line, 10u); // true line numbers after the comment block
    EXPECT_EQ(p.rows[0].result.clicks, 1'234);
    EXPECT_EQ(p.rows[0].result.conversions, 0); // orders and revenue come from the shop
    EXPECT_EQ(p.rows[0].result.revenue.cents, 0);
    EXPECT_EQ(p.matched, 3u);
    EXPECT_EQ(p.ignored, 2u); // "(not set)" and another campaign's newsletter
    EXPECT_EQ(p.rows[4].result.influencer_id, 4u);
}

TEST(ResultsImportTest, AnyCsvWithUtmColumnsAndThousands) {
    const auto p = preview("utm_campaign;utm_content;clicks\nspring_launch;gia_chen;1.250\n"
                           "spring_launch;nobody;3\n");
    ASSERT_EQ(p.rows.size(), 2u);
    EXPECT_EQ(p.rows[0].result.clicks, 1'250);
    EXPECT_EQ(p.rows[0].result.influencer_id, 7u);
    EXPECT_EQ(p.rows[1].status, MatchStatus::unmatched);
}

TEST(ResultsImportTest, InstagramInsightsWithAmbiguousHandle) {
    const auto p = preview(layout("instagram_post_insights.csv"));
    EXPECT_EQ(p.source, ResultSource::insights);
    EXPECT_EQ(p.match_on, core::ResultsField::handle);
    ASSERT_EQ(p.rows.size(), 4u);
    EXPECT_EQ(p.rows[0].status, MatchStatus::matched); // "ann.lee" is Ann Lee
    EXPECT_EQ(p.rows[0].result.likes, 910);
    EXPECT_EQ(p.rows[0].result.impressions, 12'400);
    EXPECT_EQ(p.rows[0].result.reach, 9'800);
    EXPECT_EQ(p.rows[0].result.saves, 41);
    EXPECT_EQ(p.rows[2].status, MatchStatus::ambiguous);
    EXPECT_EQ(p.rows[2].candidates, (std::vector<std::uint32_t>{9, 10}));
    EXPECT_EQ(p.rows[3].status, MatchStatus::unmatched);
}

TEST(ResultsImportTest, TikTokInsightsMatchByUrlAndPlatformNarrows) {
    const auto p = preview(layout("tiktok_video_insights.csv"));
    ASSERT_EQ(p.rows.size(), 2u);
    EXPECT_EQ(p.rows[0].result.influencer_id, 3u); // no username: the URL's @cara.diaz
    EXPECT_EQ(p.rows[0].result.views, 41'200);
    EXPECT_EQ(p.rows[0].result.comments, 120);
    EXPECT_EQ(p.rows[1].result.influencer_id, 8u);
    const auto comma = preview(layout("insights_decimal_comma.csv"));
    ASSERT_EQ(comma.rows.size(), 1u);
    EXPECT_EQ(comma.rows[0].status, MatchStatus::matched); // TikTok picks Sam of TikTok
    EXPECT_EQ(comma.rows[0].result.influencer_id, 10u);
    EXPECT_EQ(comma.rows[0].result.likes, 1'250);
}

TEST(ResultsImportTest, BadCellsNameLineColumnAndField) {
    const auto p = preview("Handle,Likes,Comments\nann lee,lots,3\nben ortiz,1,2,3\n");
    EXPECT_EQ(p.bad_rows, 2u);
    ASSERT_EQ(p.errors.size(), 2u);
    EXPECT_EQ(p.errors[0].line, 2u);
    EXPECT_EQ(p.errors[0].column, 2u);
    EXPECT_EQ(p.errors[0].error.field, "Likes");
    EXPECT_EQ(p.errors[1].error.field, "Columns");
    EXPECT_TRUE(p.rows.empty());
}

TEST(ResultsImportTest, NoColumnToMatchOnIsAnError) {
    const auto result = core::preview_results_csv("Likes,Comments\n1,2\n", roster(), options());
    ASSERT_FALSE(result.ok());
    EXPECT_EQ(result.error().field, "Columns");
    auto sales = options();
    sales.source = ResultSource::sales;
    EXPECT_FALSE(core::preview_results_csv("Handle,Likes\nann,1\n", roster(), sales).ok());
}

TEST(ResultsImportTest, ApplyUsesChoicesAndReplacesTheSource) {
    const auto p = preview(layout("instagram_post_insights.csv"));
    core::ActualResult typed;
    typed.influencer_id = 2;
    typed.likes = 5;
    core::ActualResult old_insight;
    old_insight.influencer_id = 1;
    old_insight.source = ResultSource::insights;
    const std::vector<core::ActualResult> before = {typed, old_insight};
    auto applied = core::apply_results_import(before, p, {{4, 10}}, roster());
    ASSERT_TRUE(applied.ok());
    EXPECT_EQ(applied.value().replaced, 1u);
    EXPECT_EQ(applied.value().added, 3u);    // Ann, Ben, and Sam picked as TikTok's
    EXPECT_EQ(applied.value().left_out, 1u); // someone_else
    ASSERT_EQ(applied.value().results.size(), 4u);
    EXPECT_EQ(applied.value().results[0].likes, 5); // typed rows stay
    EXPECT_EQ(applied.value().results[3].influencer_id, 10u);
    // Importing the same file again gives the same results: nothing doubles.
    auto again = core::apply_results_import(applied.value().results, p, {{4, 10}}, roster());
    ASSERT_TRUE(again.ok());
    EXPECT_EQ(again.value().replaced, 3u);
    EXPECT_EQ(again.value().results.size(), 4u);
}

TEST(ResultsImportTest, ApplyRejectsUnknownLinesAndIds) {
    const auto p = preview(layout("instagram_post_insights.csv"));
    auto bad_line = core::apply_results_import({}, p, {{99, 1}}, roster());
    ASSERT_FALSE(bad_line.ok());
    EXPECT_EQ(bad_line.error().field, "Matches");
    EXPECT_FALSE(core::apply_results_import({}, p, {{2, 77}}, roster()).ok());
    auto skip = core::apply_results_import({}, p, {{2, 0}}, roster());
    ASSERT_TRUE(skip.ok());
    EXPECT_EQ(skip.value().added, 1u); // Ben only: Ann left out, Sam undecided
}

TEST(ResultsImportTest, HeadersOfTheRealExports) {
    using core::ResultsField;
    EXPECT_EQ(core::results_field_for_header("Session manual ad content"),
              ResultsField::utm_content);
    EXPECT_EQ(core::results_field_for_header("Session campaign"), ResultsField::utm_campaign);
    EXPECT_EQ(core::results_field_for_header("Account username"), ResultsField::handle);
    EXPECT_EQ(core::results_field_for_header("Permalink"), ResultsField::post_url);
    EXPECT_EQ(core::results_field_for_header("Video Share URL"), ResultsField::post_url);
    EXPECT_EQ(core::results_field_for_header("Comment Count"), ResultsField::comments);
    EXPECT_EQ(core::results_field_for_header("Total sales"), ResultsField::sales);
    EXPECT_EQ(core::results_field_for_header("Duration (sec)"), ResultsField::ignore);
}

// The story at the core: book ten, send links and codes, import the shop's,
// GA4's and Instagram's files (an unmatched and an ambiguous row among them), pick
// the ambiguous one, apply, read the ranking and totals, import again: no doubling.
TEST(ResultsImportTest, WholeStoryAddsUpAndReimportsWithoutDoubling) {
    core::TrackingLinkSettings settings;
    settings.landing_url = "https://shop.example/spring";
    const auto people = roster();
    const auto links = core::tracking_links(people, settings, "Spring launch");
    ASSERT_TRUE(links.ok());
    ASSERT_EQ(links.value().size(), 10u);
    const std::string sheet = core::export_tracking_csv(links.value());
    EXPECT_NE(sheet.find("ANNLEE15"), std::string::npos);
    EXPECT_NE(sheet.find("utm_content=ann_lee"), std::string::npos);

    auto o = options();
    o.links = settings;
    std::vector<core::ActualResult> results;
    const auto import_all = [&](std::vector<core::ActualResult> before) {
        for (const char* file : {"shopify_sales_by_discount.csv", "ga4_traffic_acquisition.csv",
                                 "instagram_post_insights.csv"}) {
            const auto p = preview(layout(file), o);
            std::vector<core::MatchChoice> picks;
            for (const auto& row : p.rows) {
                if (row.status == MatchStatus::ambiguous) {
                    picks.push_back({row.line, row.candidates[0]}); // Sam on Instagram
                }
            }
            auto applied = core::apply_results_import(before, p, picks, people);
            EXPECT_TRUE(applied.ok());
            before = applied.value().results;
        }
        return before;
    };
    results = import_all(results);
    core::TrackingInputs in;
    in.roster = people;
    in.results = results;
    in.margin = 0.5;
    const auto tracked = core::track_results(in);
    ASSERT_TRUE(tracked.ok());
    const core::TrackingTotals& t = tracked.value().totals;
    EXPECT_EQ(t.conversions, 12 + 3 + 0);
    EXPECT_EQ(t.revenue, cents(131'040 + 27'285));
    EXPECT_EQ(t.clicks, 1'234 + 310 + 88);
    EXPECT_EQ(t.posts, 3);                                     // Ann's, Ben's and Sam's posts
    EXPECT_EQ(t.interactions, 910 + 60 + 150 + 12 + 400 + 25); // likes + comments
    const auto order = core::rank_influencers(tracked.value(), core::TrackingMetric::revenue);
    EXPECT_EQ(tracked.value().influencers[order[0]].id, 1u); // Ann sold the most
    // Again: the same totals.
    in.results = import_all(results);
    EXPECT_EQ(in.results.size(), results.size());
    const auto again = core::track_results(in);
    ASSERT_TRUE(again.ok());
    EXPECT_EQ(again.value().totals.revenue, t.revenue);
    EXPECT_EQ(again.value().totals.posts, t.posts);
}

} // namespace
