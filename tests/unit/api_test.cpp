// The JavaScript API's functions natively (api/api.hpp): JSON texts in, the envelope
// out, exactly what web/bindings.cpp hands to JavaScript. The node tests (tests/js)
// cover every function through the real module; these pin the boundary itself.
#include "api/api.hpp"

#include <gtest/gtest.h>

namespace {

using api::json;

json run(api::Function f, std::vector<std::optional<std::string>> texts) {
    return json::parse(api::call(f, texts));
}

TEST(ApiCall, EvaluatesACampaignGivenAsJsonText) {
    const json result = run(api::evaluate_campaign, {R"({"budget": 5000, "roster": [
        {"id": 1, "name": "Ann", "followers": 1000, "engagementValue": 0.074, "pricePerPost": 100}]})"});
    ASSERT_EQ(result.at("ok"), true) << result.dump();
    EXPECT_NEAR(result.at("value").at("rows").at(0).at("expectedEngagements").get<double>(), 74.0,
                1e-9);
    EXPECT_EQ(result.at("value").at("totals").at("budgetLeft").at("text"), "$4,900");
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

} // namespace
