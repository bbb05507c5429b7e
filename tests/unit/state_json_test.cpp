#include "core/state_json.hpp"

#include <cstdint>
#include <gtest/gtest.h>
#include <limits>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace {

using core::ErrorCode;
using core::Scenario;
using json = nlohmann::json;

// ---- field-by-field equality (Scenario has no operator==) -------------------------
// Written out by hand, independently of the serializer, so a field the serializer
// forgets shows up as a named failure.

void expect_eq(const core::Influencer& a, const core::Influencer& b) {
    EXPECT_EQ(a.id, b.id);
    EXPECT_EQ(a.name, b.name);
    EXPECT_EQ(a.platform, b.platform);
    EXPECT_EQ(a.followers, b.followers);
    EXPECT_EQ(a.engagement_kind, b.engagement_kind);
    EXPECT_EQ(a.engagement_value, b.engagement_value);
    EXPECT_EQ(a.price_per_post, b.price_per_post);
    EXPECT_EQ(a.posts, b.posts);
    EXPECT_EQ(a.region, b.region);
    EXPECT_EQ(a.niche, b.niche);
    EXPECT_EQ(a.audience_fit, b.audience_fit);
    EXPECT_EQ(a.notes, b.notes);
}

void expect_eq(const std::vector<core::Influencer>& a, const std::vector<core::Influencer>& b) {
    ASSERT_EQ(a.size(), b.size());
    for (std::size_t k = 0; k < a.size(); ++k) {
        SCOPED_TRACE("influencer " + std::to_string(k));
        expect_eq(a[k], b[k]);
    }
}

void expect_eq(const core::CountedInteractions& a, const core::CountedInteractions& b) {
    EXPECT_EQ(a.likes, b.likes);
    EXPECT_EQ(a.comments, b.comments);
    EXPECT_EQ(a.shares, b.shares);
    EXPECT_EQ(a.saves, b.saves);
}

void expect_eq(const core::BenchmarkSet& a, const core::BenchmarkSet& b) {
    EXPECT_EQ(a.id, b.id);
    EXPECT_EQ(a.name, b.name);
    EXPECT_EQ(a.source, b.source);
    EXPECT_EQ(a.year, b.year);
    EXPECT_EQ(a.platform, b.platform);
    EXPECT_EQ(a.metric, b.metric);
    EXPECT_EQ(a.note, b.note);
    ASSERT_EQ(a.tiers.size(), b.tiers.size());
    for (std::size_t k = 0; k < a.tiers.size(); ++k) {
        SCOPED_TRACE("tier " + std::to_string(k));
        EXPECT_EQ(a.tiers[k].name, b.tiers[k].name);
        EXPECT_EQ(a.tiers[k].min_followers, b.tiers[k].min_followers);
        EXPECT_EQ(a.tiers[k].max_followers, b.tiers[k].max_followers);
        EXPECT_EQ(a.tiers[k].engagement_rate, b.tiers[k].engagement_rate);
        EXPECT_EQ(a.tiers[k].derived, b.tiers[k].derived);
        EXPECT_EQ(a.tiers[k].note, b.tiers[k].note);
    }
}

void expect_eq(const core::PricingModel& a, const core::PricingModel& b) {
    EXPECT_EQ(a.kind, b.kind);
    EXPECT_EQ(a.currency, b.currency);
    EXPECT_EQ(a.table_name, b.table_name);
    EXPECT_EQ(a.per_thousand, b.per_thousand);
    EXPECT_EQ(a.target_cpe, b.target_cpe);
    ASSERT_EQ(a.tier_prices.size(), b.tier_prices.size());
    for (std::size_t k = 0; k < a.tier_prices.size(); ++k) {
        SCOPED_TRACE("price tier " + std::to_string(k));
        EXPECT_EQ(a.tier_prices[k].name, b.tier_prices[k].name);
        EXPECT_EQ(a.tier_prices[k].min_followers, b.tier_prices[k].min_followers);
        EXPECT_EQ(a.tier_prices[k].max_followers, b.tier_prices[k].max_followers);
        EXPECT_EQ(a.tier_prices[k].price, b.tier_prices[k].price);
        EXPECT_EQ(a.tier_prices[k].note, b.tier_prices[k].note);
    }
}

void expect_eq(const core::FunnelAssumptions& a, const core::FunnelAssumptions& b) {
    EXPECT_EQ(a.click_basis, b.click_basis);
    EXPECT_EQ(a.click_through_rate, b.click_through_rate);
    EXPECT_EQ(a.conversion_rate, b.conversion_rate);
    EXPECT_EQ(a.average_order_value, b.average_order_value);
    EXPECT_EQ(a.margin, b.margin);
    EXPECT_EQ(a.include_emv, b.include_emv);
    EXPECT_EQ(a.emv_cpm, b.emv_cpm);
}

void expect_same_scenario(const Scenario& a, const Scenario& b) {
    EXPECT_EQ(a.version, b.version);
    EXPECT_EQ(a.screen, b.screen);
    EXPECT_EQ(a.title, b.title);
    {
        SCOPED_TRACE("engagement");
        EXPECT_EQ(a.engagement.basis, b.engagement.basis);
        expect_eq(a.engagement.counted, b.engagement.counted);
        EXPECT_EQ(a.engagement.averaging, b.engagement.averaging);
        ASSERT_EQ(a.engagement.posts.size(), b.engagement.posts.size());
        for (std::size_t k = 0; k < a.engagement.posts.size(); ++k) {
            EXPECT_EQ(a.engagement.posts[k].likes, b.engagement.posts[k].likes);
            EXPECT_EQ(a.engagement.posts[k].comments, b.engagement.posts[k].comments);
            EXPECT_EQ(a.engagement.posts[k].shares, b.engagement.posts[k].shares);
            EXPECT_EQ(a.engagement.posts[k].saves, b.engagement.posts[k].saves);
            EXPECT_EQ(a.engagement.posts[k].audience, b.engagement.posts[k].audience);
        }
    }
    EXPECT_EQ(a.engagement_followers, b.engagement_followers);
    {
        SCOPED_TRACE("comparison");
        EXPECT_EQ(a.comparison.a.name, b.comparison.a.name);
        expect_eq(a.comparison.a.influencers, b.comparison.a.influencers);
        EXPECT_EQ(a.comparison.b.name, b.comparison.b.name);
        expect_eq(a.comparison.b.influencers, b.comparison.b.influencers);
        EXPECT_EQ(a.comparison.metric, b.comparison.metric);
        EXPECT_EQ(a.comparison.judgement, b.comparison.judgement);
    }
    {
        SCOPED_TRACE("roster");
        expect_eq(a.roster, b.roster);
    }
    EXPECT_EQ(a.budget, b.budget);
    {
        SCOPED_TRACE("assumptions");
        const core::Assumptions& x = a.assumptions;
        const core::Assumptions& y = b.assumptions;
        EXPECT_EQ(x.currency, y.currency);
        EXPECT_EQ(x.number_format.decimal_comma, y.number_format.decimal_comma);
        EXPECT_EQ(x.benchmark_set_id, y.benchmark_set_id);
        ASSERT_EQ(x.benchmark_sets.size(), y.benchmark_sets.size());
        for (std::size_t k = 0; k < x.benchmark_sets.size(); ++k) {
            SCOPED_TRACE("benchmark set " + std::to_string(k));
            expect_eq(x.benchmark_sets[k], y.benchmark_sets[k]);
        }
        expect_eq(x.pricing, y.pricing);
        expect_eq(x.funnel, y.funnel);
        EXPECT_EQ(x.funnel_from_targeted, y.funnel_from_targeted);
        EXPECT_EQ(x.reach_rate, y.reach_rate);
        EXPECT_EQ(x.reach_by_size, y.reach_by_size);
        EXPECT_TRUE(x.reach_table == y.reach_table);
        EXPECT_EQ(x.audience_overlap, y.audience_overlap);
        EXPECT_EQ(x.uncertainty.sigma, y.uncertainty.sigma);
        EXPECT_EQ(x.uncertainty.seed, y.uncertainty.seed);
        EXPECT_EQ(x.uncertainty.trials, y.uncertainty.trials);
    }
    {
        SCOPED_TRACE("actuals");
        ASSERT_EQ(a.actuals.size(), b.actuals.size());
        for (std::size_t k = 0; k < a.actuals.size(); ++k) {
            EXPECT_EQ(a.actuals[k].influencer_id, b.actuals[k].influencer_id);
            EXPECT_EQ(a.actuals[k].likes, b.actuals[k].likes);
            EXPECT_EQ(a.actuals[k].comments, b.actuals[k].comments);
            EXPECT_EQ(a.actuals[k].shares, b.actuals[k].shares);
            EXPECT_EQ(a.actuals[k].saves, b.actuals[k].saves);
            EXPECT_EQ(a.actuals[k].clicks, b.actuals[k].clicks);
            EXPECT_EQ(a.actuals[k].conversions, b.actuals[k].conversions);
            EXPECT_EQ(a.actuals[k].revenue, b.actuals[k].revenue);
        }
    }
    {
        SCOPED_TRACE("tracking");
        expect_eq(a.tracking.counted, b.tracking.counted);
        EXPECT_EQ(a.tracking.averaging, b.tracking.averaging);
        EXPECT_EQ(a.tracking.adopt_min_posts, b.tracking.adopt_min_posts);
    }
    {
        SCOPED_TRACE("optimizer");
        const core::OptimizerSettings& x = a.optimizer;
        const core::OptimizerSettings& y = b.optimizer;
        EXPECT_EQ(x.objective, y.objective);
        EXPECT_EQ(x.must_include, y.must_include);
        EXPECT_EQ(x.must_exclude, y.must_exclude);
        ASSERT_EQ(x.coverage.size(), y.coverage.size());
        for (std::size_t k = 0; k < x.coverage.size(); ++k) {
            EXPECT_EQ(x.coverage[k].region, y.coverage[k].region);
            EXPECT_EQ(x.coverage[k].min_hires, y.coverage[k].min_hires);
            EXPECT_EQ(x.coverage[k].max_hires, y.coverage[k].max_hires);
        }
        EXPECT_EQ(x.max_budget_share, y.max_budget_share);
        EXPECT_EQ(x.min_influencers, y.min_influencers);
    }
}

// Every field away from its default (and from default_scenario()), awkward values
// included, so a field the serializer drops or mangles cannot go unnoticed.
Scenario unusual_scenario() {
    using core::Currency;
    using core::Money;
    Scenario s = core::default_scenario();
    const Currency eur = Currency::eur;
    s.screen = core::Screen::tracking;
    s.title = "Quotes \" and \\ back\nslash, \xC3\xA9, tab\t, \xF0\x9F\x93\x88";
    s.engagement.basis = core::EngagementBasis::views;
    s.engagement.counted = {false, false, true, true};
    s.engagement.averaging = core::Averaging::median;
    s.engagement.posts = {{1, 2, 3, 4, 5}, {1'000'000'000'000, 0, 7, 8, 9'000'000'000}};
    s.engagement_followers = 123'456'789'012;
    s.comparison.a.name = "A";
    s.comparison.b.name = "";
    s.comparison.a.influencers.resize(1);
    s.comparison.a.influencers[0].id = 4'000'000'000U;
    s.comparison.a.influencers[0].price_per_post = Money{-5, Currency::gbp};
    s.comparison.metric = core::PlanMetric::conversions;
    s.comparison.judgement = core::Judgement::total_result;
    core::Influencer i;
    i.id = 77;
    i.name = "=cmd|' /C calc'!A0";
    i.platform = "TikTok";
    i.followers = 10'000'000'000;
    i.engagement_kind = core::EngagementInputKind::average_interactions;
    i.engagement_value = 0.1 + 0.2; // 0.30000000000000004
    i.price_per_post = Money{core::max_money_cents, eur};
    i.posts = 1000;
    i.region = "Pacific Northwest";
    i.niche = "";
    i.audience_fit = 1.0 / 3.0;
    i.notes = std::string(2000, 'n');
    s.roster.push_back(i);
    i.id = 78;
    i.engagement_value = 5e-324; // the smallest double
    i.audience_fit = 0.0;
    i.price_per_post = Money{-core::max_money_cents, Currency::cad};
    s.roster.push_back(i);
    s.budget = Money{123'456'789, eur};
    core::Assumptions& a = s.assumptions;
    a.currency = eur;
    a.number_format.decimal_comma = true;
    a.benchmark_set_id = "custom";
    core::BenchmarkSet custom;
    custom.id = "custom";
    custom.name = "Mine";
    custom.source = "My notes";
    custom.year = 2031;
    custom.platform = "all";
    custom.metric = "likes";
    custom.note = "n";
    custom.tiers = {{"small", 0, 999, 0.15, true, "derived"},
                    {"big", 1000, core::no_follower_limit, 1e-300, false, ""}};
    a.benchmark_sets.push_back(custom);
    a.pricing.kind = core::PricingModelKind::cost_per_engagement;
    a.pricing.currency = Currency::aud;
    a.pricing.table_name = "T";
    a.pricing.tier_prices = {{"x", 0, 10, Money{1, eur}, "note"}};
    a.pricing.per_thousand = Money{1234, eur};
    a.pricing.target_cpe = Money{99, Currency::usd};
    a.funnel.click_basis = core::ClickBasis::impressions;
    a.funnel.click_through_rate = 0.123456789012345;
    a.funnel.conversion_rate = 1.0;
    a.funnel.average_order_value = Money{4321, eur};
    a.funnel.margin = 0.0;
    a.funnel.include_emv = true;
    a.funnel.emv_cpm = Money{650, eur};
    a.funnel_from_targeted = false;
    a.reach_rate = 0.0625;
    a.reach_by_size = true;
    a.reach_table.rows = {{0, 4'999, 0.4, "Our 2024 insights"},
                          {5'000, core::no_follower_limit, 0.15, core::own_reach_source()}};
    a.audience_overlap = 0.35;
    a.uncertainty.sigma = 1.75;
    a.uncertainty.seed = std::numeric_limits<std::uint64_t>::max();
    a.uncertainty.trials = 100'000;
    s.actuals = {{77, 1, 2, 3, 4, 5, 6, Money{700, eur}}, {0, 0, 0, 0, 0, 0, 0, Money{}}};
    s.tracking.counted = {true, true, true, true};
    s.tracking.averaging = core::Averaging::median;
    s.tracking.adopt_min_posts = 3;
    s.optimizer.objective = core::Objective::expected_conversions;
    s.optimizer.must_include = {77};
    s.optimizer.must_exclude = {1, 2, 4'294'967'295U};
    s.optimizer.coverage = {{"Florida", 1, 3}, {"Texas", 0, std::nullopt}};
    s.optimizer.max_budget_share = 0.4;
    s.optimizer.min_influencers = 5;
    return s;
}

// ---- round trips ------------------------------------------------------------------

TEST(StateJsonTest, DefaultScenarioRoundTrips) {
    const Scenario original = core::default_scenario();
    for (const bool pretty : {true, false}) {
        const std::string text = core::export_scenario_json(original, pretty);
        const auto back = core::import_scenario_json(text);
        ASSERT_TRUE(back.ok()) << back.error().message;
        expect_same_scenario(original, back.value());
        // And the text is stable: exporting the imported scenario gives the same bytes.
        EXPECT_EQ(core::export_scenario_json(back.value(), pretty), text);
    }
}

TEST(StateJsonTest, EveryFieldRoundTrips) {
    const Scenario original = unusual_scenario();
    const auto back = core::import_scenario_json(core::export_scenario_json(original));
    ASSERT_TRUE(back.ok()) << back.error().message;
    expect_same_scenario(original, back.value());
}

TEST(StateJsonTest, DocumentShape) {
    const json d = json::parse(core::export_scenario_json(unusual_scenario()));
    EXPECT_EQ(d["format"], "microreach");
    EXPECT_EQ(d["version"], 1);
    EXPECT_EQ(d["screen"], "tracking");
    EXPECT_EQ(d["budget"], 123'456'789); // cents in the scenario's currency
    EXPECT_EQ(d["assumptions"]["currency"], "EUR");
    const json& roster = d["roster"];
    ASSERT_GE(roster.size(), 2U);
    EXPECT_EQ(roster[roster.size() - 2]["engagement_kind"], "average_interactions");
    EXPECT_EQ(roster[roster.size() - 1]["price"],
              (json{{"cents", -core::max_money_cents}, {"currency", "CAD"}})); // another currency
    EXPECT_EQ(d["optimizer"]["coverage"][0]["max_hires"], 3);
    EXPECT_FALSE(d["optimizer"]["coverage"][1].contains("max_hires"));
}

TEST(StateJsonTest, InvalidUtf8IsReplacedNotFatal) {
    Scenario s = core::default_scenario();
    s.title = "bad \xFF byte";
    const auto back = core::import_scenario_json(core::export_scenario_json(s));
    ASSERT_TRUE(back.ok());
    EXPECT_EQ(back.value().title, "bad \xEF\xBF\xBD byte");
}

// ---- lenient where it can be, strict where it must be -----------------------------

TEST(StateJsonTest, MissingFieldsTakeStructDefaults) {
    const auto minimal = core::import_scenario_json(R"({"format":"microreach","version":1})");
    ASSERT_TRUE(minimal.ok()) << minimal.error().message;
    expect_same_scenario(minimal.value(), Scenario{});

    const auto partial = core::import_scenario_json(
        R"({"format":"microreach","version":1,"assumptions":{"currency":"GBP"},
            "budget":2500,"roster":[{"name":"Ann","followers":1200}]})");
    ASSERT_TRUE(partial.ok()) << partial.error().message;
    EXPECT_EQ(partial.value().budget, (core::Money{2500, core::Currency::gbp}));
    ASSERT_EQ(partial.value().roster.size(), 1U);
    const core::Influencer& ann = partial.value().roster[0];
    EXPECT_EQ(ann.name, "Ann");
    EXPECT_EQ(ann.followers, 1200);
    EXPECT_EQ(ann.posts, core::Influencer{}.posts);
    EXPECT_EQ(ann.price_per_post, (core::Money{0, core::Currency::gbp}));
}

// Issue 13: core::Screen has the five screens; files and links from before named the
// planner's optimizer and the report as screens of their own. They open where they did
// (the planner, the results) and are saved under today's names.
TEST(StateJsonTest, FormerScreenNamesOpenWhereTheyDid) {
    for (const auto& [former, today] : {std::pair{"optimizer", core::Screen::roster},
                                        std::pair{"report", core::Screen::tracking}}) {
        const auto opened = core::import_scenario_json(
            std::string(R"({"format":"microreach","version":1,"screen":")") + former + "\"}");
        ASSERT_TRUE(opened.ok()) << opened.error().message;
        EXPECT_EQ(opened.value().screen, today) << former;
        EXPECT_EQ(core::screen_from_id(former), today);
        const std::string saved = core::export_scenario_json(opened.value());
        EXPECT_NE(saved.find(std::string("\"screen\": \"") + std::string(core::screen_id(today))),
                  std::string::npos);
    }
    EXPECT_EQ(core::screen_ids().size(), 5U);
}

// The reach table by audience size: saved only once edited (files of the default
// scenario stay byte for byte), and a file without it (older files) opens with the
// published rows; a file that turned reach by size on keeps its own rows.
TEST(StateJsonTest, ReachTableIsSavedOnlyWhenEdited) {
    Scenario s = core::default_scenario();
    EXPECT_EQ(core::export_scenario_json(s).find("reach_table"), std::string::npos);
    s.assumptions.reach_table.rows[0].rate = 0.4;
    const std::string text = core::export_scenario_json(s, false);
    EXPECT_NE(text.find("\"reach_table\":{\"rows\":[{"), std::string::npos) << text;
    const auto back = core::import_scenario_json(text);
    ASSERT_TRUE(back.ok()) << back.error().message;
    EXPECT_EQ(back.value().assumptions.reach_table.rows[0].rate, 0.4);
    const auto old = core::import_scenario_json(
        R"({"format":"microreach","version":1,"assumptions":{"reach_by_size":true}})");
    ASSERT_TRUE(old.ok()) << old.error().message;
    EXPECT_TRUE(old.value().assumptions.reach_table == core::ReachTable{});
    const auto bad = core::import_scenario_json(
        R"({"format":"microreach","version":1,"assumptions":{"reach_table":{"rows":[{"rate":"x"}]}}})");
    ASSERT_FALSE(bad.ok());
    EXPECT_NE(bad.error().message.find("reach_table.rows[0].rate"), std::string::npos)
        << bad.error().message;
}

TEST(StateJsonTest, AcceptsWholeFloatsForIntegers) {
    const auto s = core::import_scenario_json(
        R"({"format":"microreach","version":1,"roster":[{"followers":1200.0,"posts":2e0}]})");
    ASSERT_TRUE(s.ok()) << s.error().message;
    EXPECT_EQ(s.value().roster[0].followers, 1200);
    EXPECT_EQ(s.value().roster[0].posts, 2);
}

struct BadCase {
    const char* name;
    std::string text;
    ErrorCode code;
    std::string message; // empty: only the code is checked
};

TEST(StateJsonTest, ClearErrorsForBadDocuments) {
    const std::string tail = "; the file is damaged or was edited by hand.";
    const std::vector<BadCase> cases = {
        {"empty", "", ErrorCode::malformed,
         "Scenario file: the file is not valid JSON; it may be cut short or damaged."},
        {"cut short", core::export_scenario_json(core::default_scenario()).substr(0, 200),
         ErrorCode::malformed,
         "Scenario file: the file is not valid JSON; it may be cut short or damaged."},
        {"not an object", "[1,2]", ErrorCode::malformed,
         "Scenario file: the file is not a Microreach scenario."},
        {"other format", R"({"format":"other","version":1})", ErrorCode::malformed,
         "Scenario file: the file is not a Microreach scenario."},
        {"no version", R"({"format":"microreach"})", ErrorCode::malformed,
         "Scenario file: the document has no version number; it is not a Microreach file."},
        {"newer", R"({"format":"microreach","version":2})", ErrorCode::unsupported,
         "Scenario file: the file is from a newer version of Microreach (format 2; this one "
         "reads up to 1); open it in the newer version."},
        {"version 0", R"({"format":"microreach","version":0})", ErrorCode::malformed,
         "Scenario file: format 0 is not a format Microreach ever wrote; the file is damaged."},
        {"negative version", R"({"format":"microreach","version":-3})", ErrorCode::malformed, ""},
        {"string followers",
         R"({"format":"microreach","version":1,"roster":[{},{"followers":"12k"}]})",
         ErrorCode::malformed,
         "Scenario file: roster[1].followers should be a whole number" + tail},
        {"fraction posts", R"({"format":"microreach","version":1,"roster":[{"posts":1.5}]})",
         ErrorCode::malformed, "Scenario file: roster[0].posts should be a whole number" + tail},
        {"int overflow", R"({"format":"microreach","version":1,"roster":[{"posts":3000000000}]})",
         ErrorCode::malformed, "Scenario file: roster[0].posts is out of range" + tail},
        {"negative id", R"({"format":"microreach","version":1,"roster":[{"id":-1}]})",
         ErrorCode::malformed, "Scenario file: roster[0].id is out of range" + tail},
        {"unknown enum", R"({"format":"microreach","version":1,"screen":"charts"})",
         ErrorCode::malformed,
         "Scenario file: screen should be one of \"engagement\", \"compare\", \"roster\", "
         "\"tracking\", \"assumptions\"" +
             tail},
        {"money object", R"({"format":"microreach","version":1,"budget":{"cents":5}})",
         ErrorCode::malformed,
         "Scenario file: budget should be {\"cents\": 100, \"currency\": \"USD\"}" + tail},
        {"money too big", R"({"format":"microreach","version":1,"budget":1e16})",
         ErrorCode::malformed,
         "Scenario file: budget is beyond the largest amount (10 trillion)" + tail},
        {"currency", R"({"format":"microreach","version":1,"assumptions":{"currency":"XBT"}})",
         ErrorCode::malformed, ""},
        {"nested path",
         R"({"format":"microreach","version":1,"assumptions":{"benchmark_sets":[{"tiers":[{"derived":1}]}]}})",
         ErrorCode::malformed,
         "Scenario file: assumptions.benchmark_sets[0].tiers[0].derived should be true or false" +
             tail},
        {"list expected", R"({"format":"microreach","version":1,"roster":{}})",
         ErrorCode::malformed, "Scenario file: roster should be a list" + tail},
        {"object expected", R"({"format":"microreach","version":1,"optimizer":[]})",
         ErrorCode::malformed, "Scenario file: optimizer should be an object" + tail},
        {"null number", R"({"format":"microreach","version":1,"assumptions":{"reach_rate":null}})",
         ErrorCode::malformed, "Scenario file: assumptions.reach_rate should be a number" + tail},
        {"deep nesting", std::string(100'000, '['), ErrorCode::malformed,
         "Scenario file: the file nests deeper than any scenario; it is damaged."},
    };
    for (const auto& c : cases) {
        SCOPED_TRACE(c.name);
        const auto result = core::import_scenario_json(c.text);
        ASSERT_FALSE(result.ok());
        EXPECT_EQ(result.error().code, c.code);
        EXPECT_EQ(result.error().field, "Scenario file");
        if (!c.message.empty()) {
            EXPECT_EQ(result.error().message, c.message);
        }
    }
}

TEST(StateJsonTest, Limits) {
    const auto huge = core::import_scenario_json(std::string(core::max_state_json_bytes + 1, ' '));
    ASSERT_FALSE(huge.ok());
    EXPECT_EQ(huge.error().code, ErrorCode::too_large);

    // Nesting up to the limit parses (then fails as not a scenario), one more does not.
    const std::string at_limit = std::string(32, '[') + std::string(32, ']');
    EXPECT_EQ(core::import_scenario_json(at_limit).error().message,
              "Scenario file: the file is not a Microreach scenario.");
    const std::string over = std::string(33, '[') + std::string(33, ']');
    EXPECT_EQ(core::import_scenario_json(over).error().message,
              "Scenario file: the file nests deeper than any scenario; it is damaged.");
    // Brackets inside strings do not count.
    const auto quoted = core::import_scenario_json(
        R"({"format":"microreach","version":1,"title":")" + std::string(100, '[') + "\"}");
    ASSERT_TRUE(quoted.ok());

    json d = json::parse(core::export_scenario_json(Scenario{}));
    d["assumptions"]["benchmark_sets"] = json::array();
    for (std::size_t k = 0; k <= core::max_benchmark_sets; ++k) {
        d["assumptions"]["benchmark_sets"].push_back(json::object());
    }
    const auto many = core::import_scenario_json(d.dump());
    ASSERT_FALSE(many.ok());
    EXPECT_EQ(many.error().code, ErrorCode::too_large);
    EXPECT_EQ(many.error().message,
              "Scenario file: assumptions.benchmark_sets has more than 100 entries; the file is "
              "damaged or was edited by hand.");
}

TEST(StateJsonTest, RosterLimitIsTheCampaignLimit) {
    std::string roster = "[";
    for (std::size_t k = 0; k <= core::max_roster_rows; ++k) {
        roster += k == 0 ? "{}" : ",{}";
    }
    roster += "]";
    const auto over = core::import_scenario_json(R"({"format":"microreach","version":1,"roster":)" +
                                                 roster + "}");
    ASSERT_FALSE(over.ok());
    EXPECT_EQ(over.error().code, ErrorCode::too_large);
    EXPECT_EQ(over.error().message, "Scenario file: roster has more than 100,000 entries; the file "
                                    "is damaged or was edited by hand.");
    roster.erase(roster.size() - 4, 3); // one entry fewer: exactly at the limit
    const auto at = core::import_scenario_json(R"({"format":"microreach","version":1,"roster":)" +
                                               roster + "}");
    ASSERT_TRUE(at.ok()) << at.error().message;
    EXPECT_EQ(at.value().roster.size(), core::max_roster_rows);
}

// ---- migrations -------------------------------------------------------------------

// A made-up older layout, to exercise the scaffolding the real migrations will use:
// "version 0" kept the budget in whole units under "campaign".
std::string upgrade_test_0_to_1(json& d) {
    if (!d.contains("campaign") || !d["campaign"].is_object()) {
        return "campaign is missing";
    }
    const json& campaign = d["campaign"];
    if (campaign.contains("budget")) {
        if (!campaign["budget"].is_number()) {
            return "campaign.budget should be a number";
        }
        d["budget"] = static_cast<std::int64_t>(campaign["budget"].get<double>() * 100.0);
    }
    d.erase("campaign");
    return "";
}

TEST(StateJsonTest, MigrationScaffoldingUpgradesOlderDocuments) {
    EXPECT_TRUE(core::detail::state_migrations().empty()); // version 1 is the first
    const std::vector<core::detail::MigrationStep> steps = {{0, upgrade_test_0_to_1}};

    json old = json::parse(R"({"format":"microreach","version":0,"title":"Old plan",
                               "campaign":{"budget":2500}})");
    ASSERT_FALSE(core::detail::migrate_state_document(old, 1, steps).has_value());
    EXPECT_EQ(old["version"], 1);
    EXPECT_FALSE(old.contains("campaign"));
    const auto scenario = core::detail::scenario_from_json(old);
    ASSERT_TRUE(scenario.ok()) << scenario.error().message;
    EXPECT_EQ(scenario.value().title, "Old plan");
    EXPECT_EQ(scenario.value().budget.cents, 250'000);

    json broken = json::parse(R"({"format":"microreach","version":0,"campaign":{"budget":"x"}})");
    const auto failed = core::detail::migrate_state_document(broken, 1, steps);
    ASSERT_TRUE(failed.has_value());
    EXPECT_EQ(failed->message, "Scenario file: campaign.budget should be a number; the file is "
                               "damaged or was edited by hand.");

    json gap = json::parse(R"({"format":"microreach","version":0,"campaign":{}})");
    const auto missing = core::detail::migrate_state_document(gap, 3, steps);
    ASSERT_TRUE(missing.has_value());
    EXPECT_EQ(missing->message, "Scenario file: format 1 is not a format Microreach ever wrote; "
                                "the file is damaged.");

    json current = json::parse(R"({"format":"microreach","version":1})");
    EXPECT_FALSE(core::detail::migrate_state_document(current, 1, steps).has_value());
}

} // namespace
