// The campaign optimizer on a roster: turns the evaluated roster (core/campaign.hpp)
// into the optimizer's problem (core/optimizer.hpp), solves it, and explains the plan
// in words. Also the "one macro against many micros" preset: let the optimizer pick
// from a mixed pool and say what it chose and why, next to each side on its own.
//
// Each valid row with at least one post is a candidate:
//   cost  = price per post x posts (exact cents)
//   value = the row's expected engagements, targeted engagements, estimated reach or
//           expected conversions, as evaluate_campaign computes them (settings.objective)
//   region: the coverage rule whose region name matches the row's region, ignoring case
//           and surrounding spaces ("florida " matches "Florida").
// Rows with errors or no posts are not offered; pinning one in is an error that names
// the row. Macro influencers are those with at least macro_followers followers (the
// article's top tier: over 100,000), all others are micro.
//
// Example: budget $1,000; a $5,000 macro post (24,000 expected engagements) and ten $100
// micro posts (137 each): the macro post does not fit, so the plan hires the ten micros
// for $1,000 and 1,370 expected engagements, and the text says the macro post would cost
// $5,000 for 24,000.
#pragma once

#include "core/campaign.hpp"
#include "core/error.hpp"
#include "core/money.hpp"
#include "core/optimizer.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace core {

inline constexpr std::int64_t macro_followers = 100'000;

struct PlanPick {
    std::uint32_t id = 0;
    std::string name;
    std::string region;
    std::int64_t followers = 0;
    Money cost;         // price per post x posts
    double value = 0.0; // under the objective
};

struct PlanOptimization {
    Objective objective = Objective::expected_engagements;
    OptimizerSolution solution;             // status, ids, bound, nodes, notes
    std::vector<PlanPick> picks;            // the chosen influencers, in roster order
    int candidates = 0;                     // rows offered to the optimizer
    std::vector<std::uint32_t> not_offered; // rows with errors or no posts
    std::string summary;                    // "Hire 9 of 14 influencers for $900 ..."
};

// The optimizer's problem for a roster (exposed for tests and callers that slice the
// solve themselves with OptimizerSolver). Errors: the campaign's own errors, a pin on
// an unknown id or on a row that is not offered.
[[nodiscard]] Result<OptimizerProblem> campaign_problem(const CampaignInputs& inputs,
                                                        const CampaignResult& evaluated,
                                                        const OptimizerSettings& settings);

// Evaluates the roster, solves, and explains. Infeasible rules are an Error with code
// infeasible and the optimizer's explanation.
[[nodiscard]] Result<PlanOptimization> optimize_campaign(const CampaignInputs& inputs,
                                                         const OptimizerSettings& settings,
                                                         SolveLimits limits = {});

// The summary sentence for a finished (or stopped) solve of `problem`.
[[nodiscard]] std::string plan_summary(const OptimizerProblem& problem,
                                       const OptimizerSolution& solution, Objective objective);

// ---------------------------------------------------------------------------------
// One macro against many micros.
// ---------------------------------------------------------------------------------

// The preset: the chosen objective and nothing else (no pins, coverage, caps or head
// count), so the optimizer picks freely from the mixed pool.
[[nodiscard]] OptimizerSettings mixed_pool_settings(Objective objective);

struct SideResult {
    bool any_candidate = false; // the roster has influencers of this kind
    bool has_plan = false;      // some plan of this kind alone fits the budget
    double value = 0.0;
    Money cost;
    int hires = 0;
    std::optional<PlanPick> cheapest; // the cheapest of its kind (also when none fits)
};

struct MacroMicroComparison {
    PlanOptimization mixed; // the optimizer's pick from the whole pool
    int macro_picked = 0, micro_picked = 0;
    SideResult macro_only, micro_only; // each kind on its own, same budget and settings
    std::string text;                  // what it chose and why, computed from the numbers
};

// Solves the mixed pool and each side alone under `settings` (usually
// mixed_pool_settings), and writes the comparison.
[[nodiscard]] Result<MacroMicroComparison>
compare_macro_and_micros(const CampaignInputs& inputs, const OptimizerSettings& settings,
                         SolveLimits limits = {});

} // namespace core
