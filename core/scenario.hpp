// Scenario: the whole input state of the application, and the default one (the
// article's story). Only inputs live here; every result is recomputed from them
// (campaign_inputs(), comparison_inputs(), tracking_inputs() build the inputs of the
// core functions), so nothing is stored twice.
//
// The default scenario: a toy that helps children learn to read, a $5,000 budget, and
// two ways to spend it. One national parenting blogger with 1,000,000 followers asks
// $5,000 a post; ten regional parenting bloggers ask $100 a post each: three in New
// England with about 1,000 followers (1,000, 1,050, 1,200), three in Florida with a few
// hundred engaged readers (300, 400, 500), two in the Midwest with about 1,000 (1,000,
// 1,100), one in the Pacific Northwest (1,500) and one in Texas (2,000).
// Every engagement rate comes from the chosen benchmark set (the article's: 2.4% from
// 100,000 followers up, 7.4% for 1,000-9,999, 15% under 1,000), every audience fit is
// 100% until the user estimates it, and one post each: the same rules for big and small.
// With those figures the national blogger expects 24,000 engagements ($0.21 each), the
// ten regional bloggers 834.9 together ($1.20 each): the comparison says so plainly.
// The comparison's plans come from the roster (core/plan_source.hpp): "Your biggest
// creator" against "Your 10 other creators", fitted to the budget, so a replaced roster
// is compared as it is.
#pragma once

#include "core/benchmarks.hpp"
#include "core/campaign.hpp"
#include "core/compare.hpp"
#include "core/engagement.hpp"
#include "core/funnel.hpp"
#include "core/money.hpp"
#include "core/numbers.hpp"
#include "core/optimizer.hpp"
#include "core/plan_source.hpp"
#include "core/pricing.hpp"
#include "core/tracking.hpp"
#include "core/tracking_links.hpp"
#include "core/uncertainty.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace core {

// Bump when the meaning of a stored field changes (saved files and links carry it).
inline constexpr int scenario_version = 1;

// The default scenario's audience overlap: an assumption (no published figure), shown and
// editable on the Assumptions screen.
inline constexpr double default_audience_overlap = 0.1;

// The five screens, as files and links store them (names in core/schema.hpp). Older
// files and links also name "optimizer" (now part of the planner: roster) and "report"
// (now part of the results: tracking); they read as those.
enum class Screen : std::uint8_t {
    engagement,  // measure one influencer's engagement rate and grade it
    compare,     // one big or many small
    roster,      // the campaign planner: roster, budget, totals, the optimizer
    tracking,    // actual results, and the plain-text report
    assumptions, // benchmark sets, pricing, funnel, reach, spread, currency
};

struct Assumptions {
    Currency currency = Currency::usd; // every amount in the scenario uses it
    NumberFormat number_format;        // how numbers are typed and shown
    std::string benchmark_set_id = "article";
    std::vector<BenchmarkSet> benchmark_sets; // the editable list (starts as the built-ins)
    PricingModel pricing;
    FunnelAssumptions funnel;
    bool funnel_from_targeted = true; // the funnel starts from targeted engagements
    double reach_rate = 0.1;          // share of followers who see a post (flat)
    bool reach_by_size = false;       // reach falls with audience size (CampaignInputs)
    ReachTable reach_table;           // reach rate by audience size (core/reach.hpp)
    double audience_overlap = 0.0;    // share of audiences reached twice (CampaignInputs)
    UncertaintySettings uncertainty;  // spread, seed, trials
    CostAssumptions costs;            // what each influencer costs beyond the fee
};

struct TrackingSettings {
    CountedInteractions counted;           // which actual interactions count
    Averaging averaging = Averaging::mean; // over an influencer's tracked posts
    int adopt_min_posts = 1;               // posts needed before adopting actuals
    TrackingLinkSettings links;            // tracking links and discount codes
};

struct Scenario {
    int version = scenario_version;
    Screen screen = Screen::compare;
    std::string title;                     // "Learning-to-read toy"
    EngagementInputs engagement;           // the engagement screen
    std::int64_t engagement_followers = 0; // the measured influencer's followers (grading)
    ComparisonSetup comparison;            // the plans' names and their entered rows
    PlanSources plan_sources;              // where each plan's rows come from (the roster)
    std::vector<Influencer> roster;        // the campaign plan's candidates
    Money budget;
    Assumptions assumptions;
    std::vector<ActualResult> actuals;
    TrackingSettings tracking;
    OptimizerSettings optimizer;
};

[[nodiscard]] Scenario default_scenario();

// The chosen benchmark set: by id in assumptions.benchmark_sets, else the first set of
// that list, else the first built-in set.
[[nodiscard]] const BenchmarkSet& active_benchmark_set(const Scenario& scenario);

// Inputs of the core functions, built from the scenario.
[[nodiscard]] CampaignInputs campaign_inputs(const Scenario& scenario);
// comparison_inputs() holds the plans resolved against the roster (resolve_plans; on an
// error, as entered); compare_scenario() compares them, or says why it cannot.
[[nodiscard]] ComparisonInputs comparison_inputs(const Scenario& scenario);
[[nodiscard]] Result<ResolvedPlans> resolved_plans(const Scenario& scenario);
[[nodiscard]] Result<Comparison> compare_scenario(const Scenario& scenario);
[[nodiscard]] TrackingInputs tracking_inputs(const Scenario& scenario);

// An influencer whose engagement rate is the expected rate for their follower count on
// `set`'s curve (expected_engagement_rate; `set` must be valid), with audience fit 1 and
// one post.
[[nodiscard]] Influencer benchmark_influencer(const BenchmarkSet& set, std::uint32_t id,
                                              std::string name, std::int64_t followers,
                                              Money price_per_post, std::string region);

} // namespace core
