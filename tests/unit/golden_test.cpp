// Golden files: the saved-file document and share links exactly as this product wrote
// them before the schema refactor (issue 13). They pin the formats byte for byte, so
// a change of how the document is produced cannot change what it says.
//   tests/golden/default_scenario.json   export_scenario_json(default_scenario())
//   tests/golden/edited_50_rows.json     a 50-row scenario that touches every field kind
//   tests/golden/share_links.txt         "name fragment" per line, five varied scenarios
//   tests/golden/share_links/<name>.json what each of those links opens to
//   tests/golden/share_links_v2.txt      the same five as v2 links, written by the release
//                                        that shipped v2, and share_links_v2/<name>.json
// MICROREACH_UPDATE_GOLDEN=1 rewrites them; do that only for a documented format change.
#include "core/scenario.hpp"
#include "core/share_link.hpp"
#include "core/state_json.hpp"
#include "tests/unit/test_money.hpp"

#include <cstdlib>
#include <fstream>
#include <gtest/gtest.h>
#include <map>
#include <sstream>
#include <string>

namespace {

using core::Currency;
using core::Money;

std::string golden_path(const std::string& name) {
    return std::string(MICROREACH_GOLDEN_DIR) + "/" + name;
}

bool updating() {
    const char* flag = std::getenv("MICROREACH_UPDATE_GOLDEN");
    return flag != nullptr && std::string(flag) == "1";
}

std::string read_text(const std::string& name) {
    std::ifstream in(golden_path(name), std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

void write_text(const std::string& name, const std::string& text) {
    std::ofstream(golden_path(name), std::ios::binary) << text;
}

// Compares with the golden file, or writes it when updating.
void expect_golden(const std::string& name, const std::string& actual) {
    if (updating()) {
        write_text(name, actual);
        return;
    }
    const std::string expected = read_text(name);
    ASSERT_FALSE(expected.empty()) << golden_path(name) << " is missing";
    EXPECT_EQ(actual, expected) << name << " changed";
}

// 50 rows that differ in every column, text with non-ASCII letters, both engagement
// kinds, unbooked rows, and one price in another currency than the scenario's.
core::Scenario edited_50_rows() {
    core::Scenario s = core::default_scenario();
    s.screen = core::Screen::roster;
    s.title = "Spring launch: Zürich & São Paulo";
    s.budget = cents(1'234'567);
    static const char* const regions[] = {"New England", "Florida", "Midwest", "Texas", ""};
    static const char* const platforms[] = {"Instagram", "TikTok", "YouTube", "Blog"};
    s.roster.clear();
    for (std::uint32_t k = 0; k < 50; ++k) {
        core::Influencer row;
        row.id = 100 + k * 3;
        row.name = "Creator " + std::to_string(k) + (k % 7 == 0 ? " \"Ünïcødé\"" : "");
        row.platform = platforms[k % 4];
        row.followers = 900 + static_cast<std::int64_t>(k) * 1'337;
        if (k % 5 == 0) {
            row.engagement_kind = core::EngagementInputKind::average_interactions;
            row.engagement_value = 12.5 + k;
        } else {
            row.engagement_value = 0.011 * (1 + k % 9) + 1e-7 * k;
        }
        row.price_per_post = cents(5'000 + k * 250);
        row.posts = static_cast<int>(k % 4);
        row.region = regions[k % 5];
        row.niche = k % 2 == 0 ? "parenting" : "education";
        row.audience_fit = 0.35 + 0.013 * k;
        row.notes = k % 3 == 0 ? "line one\nline two\ttabbed" : "";
        s.roster.push_back(row);
    }
    s.roster[7].price_per_post = cents(9'900, Currency::eur);
    s.engagement.basis = core::EngagementBasis::reach;
    s.engagement.averaging = core::Averaging::median;
    s.engagement.counted.saves = true;
    s.engagement.posts = {{120, 14, 3, 2, 2'000}, {80, 9, 0, 1, 1'500}};
    s.engagement_followers = 4'321;
    s.comparison.metric = core::PlanMetric::conversions;
    s.comparison.judgement = core::Judgement::total_result;
    s.comparison.b.influencers.resize(3);
    s.assumptions.number_format.decimal_comma = true;
    s.assumptions.reach_rate = 0.125;
    s.assumptions.funnel.include_emv = true;
    s.assumptions.funnel.emv_cpm = cents(1'250);
    s.assumptions.pricing.kind = core::PricingModelKind::cost_per_engagement;
    s.assumptions.uncertainty.seed = 987'654'321'987ULL;
    s.assumptions.uncertainty.trials = 4'000;
    s.actuals = {{100, 60, 10, 1, 0, 5, 1, cents(4'000)}, {103, 80, 3, 0, 2, 0, 0, cents(0)}};
    s.tracking.averaging = core::Averaging::median;
    s.tracking.adopt_min_posts = 3;
    s.optimizer.objective = core::Objective::expected_conversions;
    s.optimizer.must_include = {100, 106};
    s.optimizer.must_exclude = {109};
    s.optimizer.coverage = {{"Florida", 1, 3}, {"Texas", 2, std::nullopt}};
    s.optimizer.max_budget_share = 0.4;
    s.optimizer.min_influencers = 5;
    return s;
}

// Five varied scenarios for share links.
std::map<std::string, core::Scenario> link_scenarios() {
    std::map<std::string, core::Scenario> out;
    out["default"] = core::default_scenario();
    core::Scenario screen = core::default_scenario();
    // Written as "optimizer" (a screen name before issue 13), which now opens the planner.
    screen.screen = core::Screen::roster;
    screen.title = "Optimizer view";
    screen.roster.erase(screen.roster.begin() + 3);
    out["screen_and_row_removed"] = screen;
    out["edited_50_rows"] = edited_50_rows();
    core::Scenario euro = core::default_scenario();
    euro.assumptions.currency = Currency::eur;
    euro.budget = cents(800'000, Currency::eur);
    for (auto& row : euro.roster) {
        row.price_per_post.currency = Currency::eur;
    }
    euro.assumptions.number_format.decimal_comma = true;
    euro.assumptions.benchmark_set_id = "hypeauditor-2023";
    euro.screen = core::Screen::assumptions;
    out["euro_decimal_comma"] = euro;
    core::Scenario empty;
    empty.title = "Blank page";
    empty.screen = core::Screen::tracking;
    empty.actuals = {{7, 1, 2, 3, 4, 5, 6, cents(700)}};
    out["empty_with_actuals"] = empty;
    return out;
}

TEST(GoldenFiles, DefaultScenarioExportsByteForByte) {
    expect_golden("default_scenario.json", core::export_scenario_json(core::default_scenario()));
}

TEST(GoldenFiles, EditedScenarioExportsByteForByte) {
    expect_golden("edited_50_rows.json", core::export_scenario_json(edited_50_rows()));
}

TEST(GoldenFiles, SavedFilesReimportToTheSameBytes) {
    for (const char* name : {"default_scenario.json", "edited_50_rows.json"}) {
        const std::string text = read_text(name);
        auto scenario = core::import_scenario_json(text);
        ASSERT_TRUE(scenario.ok()) << name;
        EXPECT_EQ(core::export_scenario_json(scenario.value()), text) << name;
    }
}

// Links of each shipped version, written by main when that version was current and never
// rewritten: share_links.txt (v1, before the schema refactor) and share_links_v2.txt (v2,
// by session 5's release). Each must keep opening to exactly what it opened to then
// (<list name>/<name>.json, which MICROREACH_UPDATE_GOLDEN=1 rewrites from the decoded link;
// the v2 ones were written by that release's own decoder). Links carry their own figures,
// so a later change of the default scenario does not change what they open.
TEST(GoldenFiles, ShareLinksOpenToTheSameScenario) {
    const auto scenarios = link_scenarios();
    for (const std::string list : {"share_links", "share_links_v2"}) {
        std::istringstream lines(read_text(list + ".txt"));
        std::string name, fragment;
        int count = 0;
        while (lines >> name >> fragment) {
            ++count;
            ASSERT_NE(scenarios.find(name), scenarios.end()) << name;
            auto decoded = core::decode_share_fragment(fragment);
            ASSERT_TRUE(decoded.ok()) << list << " " << name << ": " << decoded.error().message;
            expect_golden(list + "/" + name + ".json", core::export_scenario_json(decoded.value()));
        }
        EXPECT_EQ(count, 5) << list;
    }
}

// Today's encoder: every one of the five scenarios survives a link unchanged.
TEST(GoldenFiles, ShareLinksOfTodaysScenariosRoundTrip) {
    for (const auto& [name, scenario] : link_scenarios()) {
        auto fragment = core::encode_share_fragment(scenario);
        ASSERT_TRUE(fragment.ok()) << name;
        auto decoded = core::decode_share_fragment(fragment.value());
        ASSERT_TRUE(decoded.ok()) << name << ": " << decoded.error().message;
        EXPECT_EQ(core::export_scenario_json(decoded.value()), core::export_scenario_json(scenario))
            << name;
    }
}

} // namespace
