// Where the two plans of a comparison come from, and what the budget buys of each.
//
// A plan's source is one of:
//   entered  the plan's own rows, as typed on the comparison screen (files and links from
//            before sources open this way)
//   typical  `count` influencers like the plan's first entered row (a typical influencer)
//   rows     the roster rows with these ids, in roster order
//   rule     the roster rows a rule picks: the `count` biggest (most followers first), the
//            `count` smallest (fewest first), the rest (every row the other plan does not
//            hold), a follower tier (min..max followers, inclusive), a region or a niche
//            (the row's text, ignoring case and surrounding spaces)
// Roster-based plans are the roster's rows themselves: editing one edits the roster.
//
// Same budget (`same_budget`, on for new plans; files from before it keep plans as
// entered): each side gets what the budget buys, as the article frames it ($5,000 buys one
// $5,000 macro post or fifty $100 micro posts):
//   typical  count = floor(budget / one typical influencer's all-in cost), 1 .. 10,000
//   rows     in the plan's order, each row joins while the running all-in cost stays
//            within the budget; a row that does not fit is left out and later, cheaper
//            rows are still tried. When not even one row fits, the first one stays, so the
//            plan can still be shown, and the verdict says it is over budget.
// A zero budget buys nothing: plans stay as entered. Whatever the mode, a plan over the
// budget is named in the verdict's headline (with_budget_headline).
//
// Names: an empty plan name follows the contents ("Your 20 smallest creators"); a name the
// user typed stays.
#pragma once

#include "core/benchmarks.hpp"
#include "core/campaign.hpp"
#include "core/compare.hpp"
#include "core/error.hpp"
#include "core/money.hpp"
#include "core/numbers.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace core {

enum class PlanSourceKind : std::uint8_t { entered, typical, rows, rule };
enum class PlanRule : std::uint8_t { biggest, smallest, rest, tier, region, niche };

struct PlanSource {
    PlanSourceKind kind = PlanSourceKind::entered;
    PlanRule rule = PlanRule::biggest;              // kind rule
    int count = 1;                                  // typical: how many; biggest / smallest: N
    std::vector<std::uint32_t> row_ids;             // kind rows: roster ids
    std::string value;                              // region or niche
    std::int64_t min_followers = 0;                 // tier, inclusive
    std::int64_t max_followers = no_follower_limit; // tier, inclusive
    friend bool operator==(const PlanSource&, const PlanSource&) = default;
};

struct PlanSources {
    PlanSource a, b;
    bool same_budget = false; // missing in older files: plans as entered
    friend bool operator==(const PlanSources&, const PlanSources&) = default;
};

// The plans of a comparison with their rows, ready for compare_plans, and what fitting
// them to the budget changed (one sentence per plan that changed).
struct ResolvedPlans {
    ComparisonSetup setup;
    std::vector<std::string> notes;
};

// Resolves both sources against the roster, names unnamed plans and, with same_budget,
// fits each plan to the budget (the costs as evaluate_campaign computes them).
// Errors (field "Plan A" or "Plan B"): a rule or a pick that finds no roster row, both
// plans "the rest", a count out of range, a tier with min above max.
[[nodiscard]] Result<ResolvedPlans> resolve_plans(const ComparisonSetup& entered,
                                                  const PlanSources& sources,
                                                  const std::vector<Influencer>& roster,
                                                  Money budget, const CostAssumptions& costs,
                                                  NumberFormat format = {});

// The name a plan gets from its source when the user has not named it.
[[nodiscard]] std::string automatic_plan_name(const PlanSource& source,
                                              const std::vector<Influencer>& rows);

// compare_plans on resolved plans, with the fitting notes first and, for every plan over
// the budget, that fact in the verdict itself (moved there from the notes).
[[nodiscard]] Result<Comparison> compare_resolved(ComparisonInputs inputs,
                                                  const ResolvedPlans& plans);

} // namespace core
