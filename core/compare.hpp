// One big or many small: two plans side by side, the winner on a chosen metric, and the
// break-even in words. Each plan is a group of influencers (a list, or "count x a typical
// influencer"); both are evaluated with the same budget, reach rate and funnel
// (core/campaign.hpp), so nothing favours either side.
//
// Judgement (the user picks; default: cost per result):
//   cost_per_result  the plan with the lower cost per unit of the metric wins
//                    (cost_A / metric_A against cost_B / metric_B)
//   total_result     the plan with more of the metric wins, whatever it costs
// Results within a relative 1e-9 of each other are a tie.
//
// Break-even, always about plan B (by convention the "many small" side; swap the
// plans to size the other one). With b = plan B's metric per booked influencer:
//   count  N    = smallest N with N x b >= metric_A      [break_even_count]
//   price  p    = cost_A / metric_A x metric_B / posts_B  (rounded down to a cent):
//                 B's average price per post at which both costs per result are equal
//                                                        [break_even_price]
//   rate   r    = B's engagement rate x (target_B / metric_B), where target_B is the
//                 metric B needs: cost_B x metric_A / cost_A (cost per result) or
//                 metric_A (total result). Not defined for reach, or for conversions
//                 when clicks come from impressions.      [break_even_rate]
//   affordable  = floor(budget / B's average cost per influencer) influencers like
//                 B's average one, and the metric they bring.
//
// Beyond these (core/drivers.hpp): A's audience quality, B's conversion advantage and the
// overhead per influencer at which the verdict flips, found by bisection on the model.
//
// Example (the article): A = one blogger, 1,000,000 followers at 2.4%, $5,000;
// B = ten bloggers, 1,000 followers at 7.4%, $100 each. A: 24,000 engagements, $0.21
// each; B: 740, $1.35 each. A wins on cost per engagement. B would match it at
// $15.41 a post (24,000 / 5,000 = 4.8 engagements a dollar; 74 / 4.8 = $15.416),
// or at a 48% engagement rate, and matching A's 24,000 engagements would take 325
// such bloggers ($32,500).
#pragma once

#include "core/campaign.hpp"
#include "core/drivers.hpp"
#include "core/error.hpp"
#include "core/money.hpp"
#include "core/numbers.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace core {

inline constexpr int max_typical_count = 10'000;

struct PlanGroup {
    std::string name; // "One national blogger"
    std::vector<Influencer> influencers;
};

// `count` copies of `typical` with ids 1..count and the group's name. count 1..10,000.
[[nodiscard]] Result<PlanGroup> typical_group(std::string name, const Influencer& typical,
                                              int count);

struct ComparisonSetup { // what a scenario stores
    PlanGroup a, b;
    PlanMetric metric = PlanMetric::engagements;
    Judgement judgement = Judgement::cost_per_result;
};

struct ComparisonInputs {
    ComparisonSetup setup;
    Money budget;            // each plan is set against it
    double reach_rate = 0.1; // as in CampaignInputs
    bool reach_by_size = false;
    ReachTable reach_table;
    double audience_overlap = 0.0;
    FunnelAssumptions funnel;
    bool funnel_from_targeted = true;
    CostAssumptions costs;      // beyond the fee, alike for both plans
    NumberFormat number_format; // for the sentences
};

struct PlanSummary {
    std::string name;
    std::int64_t influencers = 0; // booked (valid, at least one post)
    std::int64_t posts = 0;
    std::int64_t followers = 0;
    double engagement_rate = 0.0; // weighted, per post
    double engagements = 0.0;
    double targeted_engagements = 0.0;
    double estimated_reach = 0.0;
    double impressions = 0.0;
    double clicks = 0.0;
    double conversions = 0.0;
    Money cost;           // all-in
    CostSplit cost_split; // fees against everything on top
    std::optional<Money> cost_per_engagement, cost_per_targeted_engagement, cost_per_conversion,
        cpm; // cpm: per 1,000 impressions
    // Per 1,000 people reached (the unique reach, after audience overlap).
    std::optional<Money> cost_per_thousand_reached;
    double metric = 0.0;                  // the chosen metric
    std::optional<Money> cost_per_metric; // cost / metric
    bool within_budget = true;
    Money budget_left, overrun; // non-negative, one of them zero
    std::int64_t invalid_rows = 0;
};

enum class Winner : std::uint8_t {
    a,
    b,
    tie,
    undecided, // a plan has nothing to compare (no valid influencers, no result)
};

struct BreakEven {                              // about plan B; nullopt where not defined
    std::optional<std::int64_t> count_to_match; // N influencers like B's average one
    std::optional<Money> cost_to_match;         // N x B's average cost per influencer
    std::optional<Money> price_per_post;        // equal cost per result
    Money current_price_per_post;               // B's average now
    std::optional<double> engagement_rate;      // may exceed 1: then no rate can do it
    double current_engagement_rate = 0.0;
    std::optional<std::int64_t> affordable_count; // within the budget
    double affordable_metric = 0.0;
    // The drivers of core/drivers.hpp at their flip (nullopt: no value flips the verdict,
    // or the plans are beyond max_sensitivity_rows).
    std::optional<double> audience_quality_a; // A's share of audience real and in target
    double current_audience_quality_a = 1.0;
    std::optional<double> conversion_advantage; // B's conversion rate / A's
    double current_conversion_advantage = 1.0;
    std::optional<Money> overhead_per_influencer; // both plans alike
    Money current_overhead_per_influencer;
};

struct Comparison {
    PlanSummary a, b;
    CampaignResult campaign_a, campaign_b; // full rows, e.g. for simulation_plan()
    PlanMetric metric = PlanMetric::engagements;
    Judgement judgement = Judgement::cost_per_result;
    Winner winner = Winner::undecided;
    // How many times better the winner's judged figure is; nullopt for a tie, when
    // undecided, or when the loser's figure is not defined (nothing expected, or free).
    std::optional<double> advantage;
    BreakEven break_even;
    std::string verdict;                       // one sentence: who wins and by how much
    std::vector<std::string> notes;            // budget and honesty remarks
    std::vector<std::string> break_even_text;  // one sentence per break-even
    std::vector<SensitivityEntry> sensitivity; // largest swing first (core/drivers.hpp)
    // Which assumption the answer hangs on, with its flip value; empty when no
    // assumption's range changes the winner.
    std::string decided_by;
};

// One plan of a comparison as the campaign inputs evaluate_campaign takes.
[[nodiscard]] CampaignInputs plan_campaign_inputs(const ComparisonInputs& inputs,
                                                  const PlanGroup& group);

// Errors: plan-wide inputs as in evaluate_campaign (budget, reach rate, funnel), or a
// group above max_roster_rows. Bad rows are in campaign_a.errors / campaign_b.errors.
[[nodiscard]] Result<Comparison> compare_plans(const ComparisonInputs& inputs);

} // namespace core
