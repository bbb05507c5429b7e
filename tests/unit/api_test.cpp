// The JavaScript API's functions natively (api/api.hpp): JSON texts in, the envelope
// out, exactly what web/bindings.cpp hands to JavaScript. The node tests (tests/js)
// cover every function through the real module; these pin the boundary itself.
#include "api/api.hpp"

#include <cmath>
#include <gtest/gtest.h>

namespace {

using api::json;

json run(api::Function f, std::vector<std::optional<std::string>> texts) {
    return json::parse(api::call(f, texts).json);
}

// The envelope as JavaScript sees it, each column as a list of numbers.
json with_columns(const api::CallResult& result) {
    json value = json::parse(result.json);
    std::vector<json*> stack{&value};
    while (!stack.empty()) {
        json& item = *stack.back();
        stack.pop_back();
        if (item.is_object() && item.contains(api::column_marker)) {
            item = result.columns.column(item.at(api::column_marker).get<std::size_t>());
        } else if (item.is_object() && item.contains(core::schema::flags_marker)) {
            const auto flags =
                result.columns.column(item.at(core::schema::flags_marker).get<std::size_t>());
            item = json::array();
            for (const double flag : flags) {
                item.push_back(flag != 0.0);
            }
        } else if (item.is_structured()) {
            for (auto& child : item) {
                stack.push_back(&child);
            }
        }
    }
    return value;
}

// Three rows: Ann (74 engagements), Ben (no price), Cat (two posts).
constexpr const char* three_rows = R"([
    {"id": 1, "name": "Ann", "followers": 1000, "engagementValue": 0.074, "pricePerPost": 100},
    {"id": 2, "name": "Ben", "followers": 52000, "engagementValue": 0.02, "pricePerPost": 0},
    {"id": 3, "name": "Cat", "followers": 8000, "engagementValue": 0.05, "pricePerPost": 12.5,
     "posts": 2}])";

TEST(ApiCall, EvaluatesACampaignGivenAsJsonText) {
    const json result = run(api::evaluate_campaign, {R"({"budget": 5000, "roster": [
        {"id": 1, "name": "Ann", "followers": 1000, "engagementValue": 0.074, "pricePerPost": 100}]})"});
    ASSERT_EQ(result.at("ok"), true) << result.dump();
    EXPECT_NEAR(result.at("value").at("rows").at(0).at("expectedEngagements").get<double>(), 74.0,
                1e-9);
    EXPECT_EQ(result.at("value").at("totals").at("budgetLeft").at("text"), "$4,900");
}

// reachTable: the plan's own reach by audience size (one row: 30% for everyone); a bad row
// is named; comparePlans gives each plan's cost per 1,000 people reached.
TEST(ApiCall, ReachTableAndCostPerThousandReached) {
    const std::string ann =
        R"({"id": 1, "name": "Ann", "followers": 1000, "engagementValue": 0.074, "pricePerPost": 100})";
    const json result = run(api::evaluate_campaign,
                            {R"({"budget": 5000, "reachBySize": true, "reachTable": {"rows": [
        {"minFollowers": 0, "maxFollowers": null, "rate": 0.3, "source": "Our insights"}]},
        "roster": [)" + ann + "]}"});
    ASSERT_EQ(result.at("ok"), true) << result.dump();
    const json& totals = result.at("value").at("totals");
    EXPECT_NEAR(totals.at("estimatedReach").get<double>(), 300.0, 1e-9);
    EXPECT_EQ(totals.at("costPerThousandReached").at("text"), "$333.33"); // $100 / 0.3
    const json bad = run(api::evaluate_campaign,
                         {R"({"budget": 5000, "reachBySize": true, "reachTable": {"rows": [
        {"minFollowers": 0, "maxFollowers": null, "rate": 2}]}, "roster": []})"});
    ASSERT_EQ(bad.at("ok"), false);
    EXPECT_EQ(bad.at("error").at("field"), "Reach row 1: Reach rate");
    const json compared = run(api::compare_plans, {R"({"budget": 5000, "a": {"name": "A",
        "influencers": [)" + ann + R"(]}, "b": {"name": "B", "typical": )" +
                                                   ann + R"(, "count": 2}})"});
    ASSERT_EQ(compared.at("ok"), true) << compared.dump().substr(0, 300);
    // The default flat 10%: 100 people reached for $100, $1,000 per 1,000.
    EXPECT_EQ(compared.at("value").at("a").at("costPerThousandReached").at("text"), "$1,000");
}

TEST(ApiCall, AValueJsonCannotCarryIsAnInvalidEnvelope) {
    const json result = run(api::evaluate_campaign, {std::nullopt});
    ASSERT_EQ(result.at("ok"), false);
    EXPECT_EQ(result.at("error").at("code"), "invalid");
    EXPECT_EQ(result.at("error").at("field"), "argument 1");
}

TEST(ApiCall, LeftOutOptionalArgumentsTakeDefaults) {
    EXPECT_EQ(run(api::format_number, {"1234.56"}).at("value"), "1,235");
    EXPECT_EQ(run(api::format_number, {"1234.56", "1"}).at("value"), "1,234.6");
    EXPECT_EQ(run(api::format_number, {"1234.56", "", R"({"decimalComma": true})"}).at("value"),
              "1.235");
    const json bad = run(api::format_number, {"1234.56", "1", "[]"});
    EXPECT_EQ(bad.at("error").at("message"), "options: expected an object of options.");
}

TEST(ApiCall, WrongTypesNameThePathInCamelCase) {
    const json result =
        run(api::evaluate_campaign, {R"({"roster": [{}, {"audienceFit": "most"}]})"});
    ASSERT_EQ(result.at("ok"), false);
    EXPECT_EQ(result.at("error").at("message"), "roster[1].audienceFit: expected a number.");
}

TEST(ApiCall, ComparePlansTakesRowIdsAndRulesOverTheRoster) {
    const std::string roster = R"("roster": [
        {"id": 1, "name": "Big", "followers": 1000000, "engagementValue": 0.024, "pricePerPost": 5000},
        {"id": 2, "name": "Ann", "followers": 1000, "engagementValue": 0.074, "pricePerPost": 100, "region": "Texas"},
        {"id": 3, "name": "Bo", "followers": 800, "engagementValue": 0.1, "pricePerPost": 100, "region": "Ohio"}])";
    const json rows = run(api::compare_plans, {R"({"budget": 5000, )" + roster +
                                               R"(, "a": {"rows": [1]}, "b": {"rule": "rest"}})"});
    ASSERT_EQ(rows.at("ok"), true) << rows.dump();
    EXPECT_EQ(rows.at("value").at("a").at("name"), "Big");
    EXPECT_EQ(rows.at("value").at("b").at("name"), "Your 2 other creators");
    EXPECT_EQ(rows.at("value").at("b").at("influencers"), 2);
    const json region =
        run(api::compare_plans,
            {R"({"budget": 5000, )" + roster +
             R"(, "a": {"rule": "biggest"}, "b": {"rule": "region", "value": "ohio"}})"});
    ASSERT_EQ(region.at("ok"), true) << region.dump();
    EXPECT_EQ(region.at("value").at("b").at("influencers"), 1);
    const json none = run(api::compare_plans,
                          {R"({"budget": 5000, )" + roster +
                           R"(, "a": {"rule": "niche", "value": "Food"}, "b": {"rule": "rest"}})"});
    ASSERT_EQ(none.at("ok"), false);
    EXPECT_EQ(none.at("error").at("field"), "Plan A");
    const json bad_rule =
        run(api::compare_plans, {R"({"budget": 5000, )" + roster +
                                 R"(, "a": {"rule": "largest"}, "b": {"rule": "rest"}})"});
    ASSERT_EQ(bad_rule.at("ok"), false);
    EXPECT_NE(bad_rule.at("error").at("message").get<std::string>().find("a.rule"),
              std::string::npos)
        << bad_rule.dump();
}

TEST(ApiCall, MonteCarloStatesWhatTheProbabilityIsConditionalOn) {
    const std::string plan = R"({"budget": 5000, "roster": [
        {"id": 1, "name": "Ann", "followers": 1000, "engagementValue": 0.074, "pricePerPost": 100}]})";
    const json result = run(api::monte_carlo, {R"({"a": )" + plan + R"(, "b": )" + plan +
                                               R"(, "settings": {"trials": 200, "sharedShock": 0.3,
                                                 "conversionSigma": 0.25}})"});
    ASSERT_EQ(result.at("ok"), true) << result.dump();
    const std::string conditional = result.at("value").at("conditionalOn");
    EXPECT_NE(conditional.find("a shared shock of 30%"), std::string::npos) << conditional;
    EXPECT_NE(conditional.find("a conversion spread of 0.25"), std::string::npos) << conditional;
    const json bad =
        run(api::monte_carlo, {R"({"plan": )" + plan + R"(, "settings": {"sharedShock": 2}})"});
    ASSERT_EQ(bad.at("ok"), false);
    EXPECT_EQ(bad.at("error").at("field"), "Shared shock");
}

TEST(ApiCall, TheDefaultScenarioReadsBackAfterAJavaScriptRoundTrip) {
    json scenario = run(api::default_scenario, {}).at("value");
    std::string text = scenario.dump();
    // What JSON.stringify makes of 2^63 - 1 ("no upper limit").
    for (std::size_t at = text.find("9223372036854775807"); at != std::string::npos;
         at = text.find("9223372036854775807")) {
        text.replace(at, 19, "9223372036854776000");
    }
    const json back = run(api::scenario_from_json, {text});
    ASSERT_EQ(back.at("ok"), true) << back.dump().substr(0, 300);
    EXPECT_EQ(back.at("value"), scenario);
}

// expectedRate: the rate on the benchmark curve, its band under the spread and its source.
// 1,000 followers in the article's set: sqrt(15% x 7.4%) = 10.54%, between its two tiers.
TEST(ApiCall, ExpectedRateGivesTheCurveItsBandAndItsSource) {
    const json result = run(api::expected_rate, {R"({"followers": 1000})"});
    ASSERT_EQ(result.at("ok"), true) << result.dump();
    const json& value = result.at("value");
    EXPECT_NEAR(value.at("rate").get<double>(), 0.10536, 1e-4);
    EXPECT_LT(value.at("low").get<double>(), value.at("rate").get<double>());
    EXPECT_GT(value.at("high").get<double>(), value.at("rate").get<double>());
    EXPECT_EQ(value.at("setId"), "article");
    EXPECT_EQ(value.at("tierName"), "1,000 to 9,999");
    EXPECT_EQ(value.at("year"), 2017);
    // The platform picks the first set measured on it.
    const json instagram =
        run(api::expected_rate, {R"({"followers": 3162, "platform": "instagram"})"});
    ASSERT_EQ(instagram.at("ok"), true) << instagram.dump();
    EXPECT_EQ(instagram.at("value").at("setId"), "markerly-2016");
    EXPECT_NEAR(instagram.at("value").at("rate").get<double>(), 0.04, 1e-4);
    const json missing = run(api::expected_rate, {R"({"platform": "TikTok"})"});
    ASSERT_EQ(missing.at("ok"), false);
    EXPECT_EQ(missing.at("error").at("field"), "followers");
}

// The whole round of docs/data.md through the API: links and codes out, a sales file
// in with one row picked by hand, the results tracked, the same file again.
TEST(ApiCall, TrackingLinksThenResultsImportThenTrackResults) {
    const json links = run(api::tracking_links, {R"({"title": "Spring launch",
        "settings": {"landingUrl": "https://shop.example/spring"},
        "roster": [{"id": 1, "name": "Ann Lee", "platform": "Instagram", "followers": 1000,
                    "pricePerPost": 100},
                   {"id": 2, "name": "Ben", "followers": 2000, "pricePerPost": 50}]})"});
    ASSERT_EQ(links.at("ok"), true) << links.dump();
    const json roster = links.at("value").at("roster");
    EXPECT_EQ(roster.at(0).at("discountCode"), "ANNLEE15");
    EXPECT_EQ(links.at("value").at("links").at(1).at("url"),
              "https://shop.example/spring?utm_source=social&utm_medium=influencer"
              "&utm_campaign=spring_launch&utm_content=ben");
    const std::string file = "Discount code,Orders,Total sales\nANNLEE15,3,$120.00\nBEN,1,$40\n";
    const json options = {{"roster", roster}};
    const json preview = run(api::preview_results_import, {json(file).dump(), options.dump()});
    ASSERT_EQ(preview.at("ok"), true) << preview.dump();
    EXPECT_EQ(preview.at("value").at("rows").at(1).at("status"), "unmatched");
    json with_pick = options;
    with_pick["results"] = json::array();
    with_pick["matches"] = {{{"line", 3}, {"id", 2}}};
    const json imported = run(api::import_results, {json(file).dump(), with_pick.dump()});
    ASSERT_EQ(imported.at("ok"), true) << imported.dump();
    EXPECT_EQ(imported.at("value").at("added"), 2);
    const json results = imported.at("value").at("results");
    EXPECT_EQ(results.at(1).at("source"), "sales");
    with_pick["results"] = results;
    const json again = run(api::import_results, {json(file).dump(), with_pick.dump()});
    EXPECT_EQ(again.at("value").at("replaced"), 2);
    EXPECT_EQ(again.at("value").at("results").size(), 2u);
    const json tracked =
        run(api::track_results, {json{{"roster", roster}, {"results", results}}.dump()});
    ASSERT_EQ(tracked.at("ok"), true) << tracked.dump();
    EXPECT_EQ(tracked.at("value").at("totals").at("revenue").at("text"), "$160");
    EXPECT_EQ(tracked.at("value").at("totals").at("conversions"), 4);
    const json bad = run(api::tracking_links, {R"({"settings": {"landingUrl": "shop"}})"});
    EXPECT_EQ(bad.at("error").at("field"), "Landing page");
}

// docs/api.md "Columns": a roster given as one list per field, numbers as typed arrays
// (here: the columns beside the text), gives each row's figures as columns, equal to
// the figures of the same rows given as objects.
TEST(ApiColumns, AColumnRosterGivesTheSameFiguresAsRows) {
    const json rows = run(api::evaluate_campaign,
                          {std::string(R"({"budget": 5000, "roster": )") + three_rows + "}"});
    ASSERT_EQ(rows.at("ok"), true) << rows.dump();
    const std::string campaign = R"({"budget": 5000, "roster": {
        "id": {"__microreachColumn": 0}, "name": ["Ann", "Ben", "Cat"],
        "followers": {"__microreachColumn": 1}, "engagementValue": [0.074, 0.02, 0.05],
        "pricePerPost": {"__microreachColumn": 2}, "posts": [1, 1, 2]}})";
    using core::schema::number_column;
    const api::CallResult call =
        api::call(api::evaluate_campaign, {campaign},
                  {number_column({1, 2, 3}), number_column({1000, 52000, 8000}),
                   number_column({100, 0, 12.5})});
    const json columns = with_columns(call);
    ASSERT_EQ(columns.at("ok"), true) << columns.dump();
    // 21 columns of numbers (amounts as cents, costSplit in its four parts), one after
    // another in one buffer: none of them written out as text.
    // The valid flags come as a 22nd, of 1 and 0.
    EXPECT_EQ(call.columns.size(), 22u);
    EXPECT_EQ(call.columns.count(), 22u * 3);
    const json& by_row = rows.at("value").at("rows");
    const json& by_column = columns.at("value").at("rows");
    for (std::size_t k = 0; k < 3; ++k) {
        const json& row = by_row.at(k);
        EXPECT_EQ(by_column.at("id").at(k), row.at("id"));
        EXPECT_EQ(by_column.at("valid").at(k), row.at("valid"));
        EXPECT_DOUBLE_EQ(by_column.at("expectedEngagements").at(k).get<double>(),
                         row.at("expectedEngagements").get<double>());
        EXPECT_EQ(by_column.at("cost").at("cents").at(k), row.at("cost").at("cents"));
        EXPECT_EQ(by_column.at("costSplit").at("fees").at("cents").at(k),
                  row.at("costSplit").at("fees").at("cents"));
        EXPECT_EQ(by_column.at("budgetLeftAfter").at("cents").at(k),
                  row.at("budgetLeftAfter").at("cents"));
        // An optional amount: null in a row, NaN in a column.
        const double share = by_column.at("shareOfBudget").at(k).get<double>();
        if (row.at("shareOfBudget").is_null()) {
            EXPECT_TRUE(std::isnan(share));
        } else {
            EXPECT_DOUBLE_EQ(share, row.at("shareOfBudget").get<double>());
        }
    }
    EXPECT_EQ(by_column.at("cost").at("currency"), "USD");
    EXPECT_EQ(columns.at("value").at("totals"), rows.at("value").at("totals"));
}

TEST(ApiColumns, ErrorsNameTheEntryAndLeftOutColumnsTakeTheDefault) {
    const json fraction = run(api::evaluate_campaign,
                              {R"({"roster": {"followers": [1000, 2.5], "name": ["A", "B"]}})"});
    EXPECT_EQ(fraction.at("error").at("message"), "roster.followers[1]: expected a whole number.");
    const json short_column =
        run(api::evaluate_campaign, {R"({"roster": {"followers": [1000, 20], "name": ["A"]}})"});
    EXPECT_EQ(short_column.at("error").at("message"),
              "roster.name: expected a list of 2 values, one per row (as many as the longest "
              "column).");
    // posts left out: one post per row, as in a row without "posts".
    const json columns =
        run(api::evaluate_campaign, {R"({"budget": 5000, "roster": {"id": [1, 2, 3], "name": ["Ann",
        "Ben", "Cat"], "followers": [1000, 52000, 8000], "engagementValue": [0.074, 0.02,
        0.05], "pricePerPost": [100, 0, 12.5]}})"});
    ASSERT_EQ(columns.at("ok"), true) << columns.dump();
    const json rows = run(api::evaluate_campaign,
                          {std::string(R"({"budget": 5000, "roster": )") + three_rows + "}"});
    EXPECT_EQ(columns.at("value").at("totals").at("posts"), 3);
    EXPECT_EQ(rows.at("value").at("totals").at("posts"), 4);
}

// Texts from JavaScript arrive as their UTF-8 bytes and each one's length in UTF-16
// units: a character beyond U+FFFF is two units, an accented one two bytes.
TEST(ApiColumns, TextColumnsSplitJavaScriptLengthsIntoTheirTexts) {
    const std::string ann = "Ann", zoe = "Zo\u00eb", emoji = "\U0001F600 cake", empty;
    const auto bytes = api::text_column_from_utf16(ann + zoe + emoji + empty, {3, 3, 7, 0});
    const auto list = core::schema::ListColumn::of(core::schema::column_view(bytes));
    ASSERT_TRUE(list.has_value());
    ASSERT_TRUE(list->is_text());
    ASSERT_EQ(list->size(), 4u);
    EXPECT_EQ(list->text(0), ann);
    EXPECT_EQ(list->text(1), zoe);
    EXPECT_EQ(list->text(2), emoji);
    EXPECT_EQ(list->text(3), empty);
    // Lengths beyond the text end at its end instead of reading past it.
    const auto short_bytes = api::text_column_from_utf16("ab", {1, 5, 2});
    const json short_text = core::schema::column_view(short_bytes);
    EXPECT_EQ(core::schema::ListColumn::of(short_text)->text(1), "b");
    EXPECT_EQ(core::schema::ListColumn::of(short_text)->text(2), "");
}

// Texts and numbers given as columns are read by the same schema as rows: a text column
// of names, a choice read from text, and a bad entry named by its path.
TEST(ApiColumns, ColumnsOfTextAndNumbersReadAsTheirFields) {
    using core::schema::number_column;
    const std::string campaign = R"({"budget": 5000, "roster": {
        "name": {"__microreachColumn": 0}, "engagementKind": {"__microreachColumn": 1},
        "followers": {"__microreachColumn": 2}, "engagementValue": {"__microreachColumn": 3},
        "pricePerPost": {"__microreachColumn": 4}, "id": {"__microreachColumn": 5}}})";
    const auto columns = [](std::vector<std::uint32_t> kinds, std::vector<double> followers) {
        return api::InputColumns{api::text_column_from_utf16("AnnBen", {3, 3}),
                                 api::text_column_from_utf16("rateaverage_interactions", kinds),
                                 number_column(followers),
                                 number_column({0.074, 40}),
                                 number_column({100, 80}),
                                 number_column({1, 2})};
    };
    const json good =
        with_columns(api::call(api::evaluate_campaign, {campaign}, columns({4, 20}, {1000, 5000})));
    ASSERT_EQ(good.at("ok"), true) << good.dump();
    EXPECT_EQ(good.at("value").at("rows").at("expectedEngagements"), json({74.0, 40.0}));
    const json bad_kind =
        with_columns(api::call(api::evaluate_campaign, {campaign}, columns({3, 21}, {1000, 5000})));
    EXPECT_EQ(bad_kind.at("error").at("field"), "roster.engagementKind[0]");
    const json fraction =
        with_columns(api::call(api::evaluate_campaign, {campaign}, columns({4, 20}, {1000, 2.5})));
    EXPECT_EQ(fraction.at("error").at("message"), "roster.followers[1]: expected a whole number.");
    // The names went into the rows: the CSV export shows them.
    const api::CallResult csv =
        api::call(api::export_roster_csv, {R"({"roster": {"name": {"__microreachColumn": 0},
        "followers": {"__microreachColumn": 1}}})"},
                  {api::text_column_from_utf16("AnnBen", {3, 3}), number_column({1000, 5000})});
    const json exported = json::parse(csv.json);
    ASSERT_EQ(exported.at("ok"), true) << csv.json;
    const std::string text = exported.at("value").get<std::string>();
    EXPECT_NE(text.find("\r\nAnn,"), std::string::npos) << text;
    EXPECT_NE(text.find("\r\nBen,"), std::string::npos) << text;
}

// A number column where a list is expected outside a columns object reads as that list.
TEST(ApiColumns, ANumberColumnReadsAsAList) {
    const api::CallResult call =
        api::call(api::optimize, {R"({"budget": 100, "candidates": [{"id": 1, "cost": 50,
        "value": 3}, {"id": 2, "cost": 60, "value": 5}], "mustInclude": {"__microreachColumn": 0}})"},
                  {core::schema::number_column({1})});
    const json result = json::parse(call.json);
    ASSERT_EQ(result.at("ok"), true) << call.json;
    EXPECT_EQ(result.at("value").at("chosenIds"), json({1})); // alone, 2 is worth more
}

} // namespace
