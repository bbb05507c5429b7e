// Campaign optimizer: which candidates to hire within a budget so that one objective
// (expected engagements, reach, ...) is as large as possible. Exact: the answer is
// proven optimal, or, when a node limit stops the search, the best plan found plus
// a proven upper bound on what any plan could reach.
//
// Units: costs and the budget are integer cents (a candidate's cost is their quoted
// price per post times their number of posts); values are in the objective's unit
// (engagements, people reached, conversions) and must be finite and >= 0.
//
// Problem (x_i = 1 when candidate i is hired):
//   maximize   sum_i value_i * x_i
//   subject to sum_i cost_i * x_i <= budget                  (exact, in cents)
//              x_i = 1 for must_include, x_i = 0 for must_exclude
//              min_hires_r <= sum_{i in region r} x_i <= max_hires_r   (coverage)
//              sum_i x_i >= min_hires                           (distinct influencers)
//              cost_i <= max_budget_share * budget, otherwise x_i = 0
// Method: the LP relaxation's duals for the count rows (a one-dimensional Lagrangian
// dual in the budget price), and when head count matters a second LP with the derived
// row "at most kmax hires fit" (values of a price per dollar plus a bonus per hire);
// a greedy plan that reserves budget for region minimums plus a swap search, and the
// plan with the most hires filled to the cent by bitset searches over exchanges;
// reduced-cost fixing (typically 98-99% of candidates at 10,000), then two exact
// engines on the rest, in alternating slices sharing the incumbent: depth-first
// branch and bound with Dantzig bounds on Lagrangian-adjusted values, and an
// expanding-core dynamic program with Pareto states (proves fill-limited cases, where
// value is proportional to price). Hire counts that cannot beat the incumbent are cut
// off (bounds per count), and the core is reduced again as the incumbent improves
// (rosters priced as a fee plus a cost per engagement need both). Every call has a
// time budget; a stopped search keeps its proven bound and can be resumed.
// The parts live in core/optimizer/; docs/optimizer.md has the details;
// docs/performance.md the benchmark against CBC.
//
// Example: budget $5,000; one macro influencer at $5,000 worth 24,000 expected
// engagements and 60 micro influencers at $100 worth 600 each. The optimizer hires
// 50 micros (30,000 engagements for $5,000), and proves nothing beats it.
#pragma once

#include "core/error.hpp"
#include "core/money.hpp"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace core {

// ---------------------------------------------------------------------------------
// Settings a scenario stores (the shared data model; names are a contract).
// ---------------------------------------------------------------------------------
enum class Objective {
    expected_engagements, // followers x engagement rate x posts
    targeted_engagements, // expected engagements x audience fit
    estimated_reach,      // each row's people reached (core/campaign.hpp: at least the
                          // people who engage; the plan's audience overlap is not counted,
                          // so the objective is the sum of the rows' reach)
    expected_conversions, // clicks x conversion rate, from the funnel
};

struct RegionCoverage {
    std::string region;           // as typed in the roster's region column, "Florida"
    int min_hires = 0;            // at least this many hires from the region
    std::optional<int> max_hires; // at most this many; none = no upper limit
};

struct OptimizerSettings {
    Objective objective = Objective::expected_engagements;
    std::vector<std::uint32_t> must_include, must_exclude; // influencer ids
    std::vector<RegionCoverage> coverage;
    double max_budget_share = 1.0; // 1.0 = no cap; 0.4 = nobody above 40% of the budget
    int min_influencers = 0;       // at least this many distinct hires
};

// ---------------------------------------------------------------------------------
// The generic problem the solver works on (core/plan_optimizer.hpp builds it from a
// campaign roster).
// ---------------------------------------------------------------------------------
inline constexpr int no_region = -1;

struct OptimizerCandidate {
    std::uint32_t id = 0;        // unique within a problem
    std::string name;            // used in explanations ("Ana Ruiz"); may be empty
    std::int64_t cost_cents = 0; // price per post x posts, >= 0
    double value = 0.0;          // objective contribution, finite, >= 0
    int region = no_region;      // index into OptimizerProblem::regions, or no_region
};

struct RegionRule {
    std::string name;             // "Florida"
    int min_hires = 0;            // >= 0
    std::optional<int> max_hires; // >= min_hires when set
};

struct OptimizerProblem {
    std::vector<OptimizerCandidate> candidates;
    Money budget;                    // >= 0; its currency is used in explanations
    std::vector<RegionRule> regions; // candidates refer to these by index
    std::vector<std::uint32_t> must_include, must_exclude; // candidate ids
    double max_budget_share = 1.0;                         // in (0, 1]; 1.0 = no cap
    int min_hires = 0;                                     // >= 0
};

// Documented limits (inputs beyond them are a too_large error).
inline constexpr std::size_t optimizer_max_candidates = 200'000;
inline constexpr std::size_t optimizer_max_regions = 1'000;

// How the core left after reduction is searched. automatic: the dynamic program,
// switching to depth-first branch and bound if it would need too much memory. The
// other two force one engine (tests use them to check both).
enum class SearchMethod { automatic, dynamic_programming, depth_first };

// The default time budget of one call: short enough for a UI to stay responsive,
// long enough to prove most rosters (docs/performance.md).
inline constexpr double default_time_limit_ms = 1000.0;

struct SolveLimits {
    std::int64_t max_nodes = 0; // search nodes (DP states or branch-and-bound nodes); 0 = none
    SearchMethod method = SearchMethod::automatic;
    double time_limit_ms = default_time_limit_ms; // wall clock, setup included; 0 = none
};

enum class SolveStatus {
    optimal,       // the plan is proven best (objectives compared to 1e-9 relative)
    limit_reached, // stopped by a node or time limit: best plan so far and a proven upper bound
    infeasible,    // no plan meets every rule; `explanation` says why
};

struct OptimizerSolution {
    SolveStatus status = SolveStatus::limit_reached;
    bool has_plan = false;                     // false only when infeasible or stopped early
    std::vector<std::uint32_t> chosen_ids;     // in candidate order
    double objective = 0.0;                    // sum of chosen values
    Money total_cost;                          // sum of chosen costs, <= budget
    double upper_bound = 0.0;                  // proven: no plan exceeds it
    double gap = 0.0;                          // (upper_bound - objective) / upper_bound, 0..1
    std::int64_t nodes = 0;                    // branch-and-bound nodes explored
    std::int64_t fixed_by_reduction = 0;       // candidates decided before branching
    std::vector<std::uint32_t> over_share_cap; // left out by max_budget_share
    std::vector<std::string> notes;            // plain-language remarks (left-out candidates ...)
    std::string explanation;                   // why it is infeasible (status infeasible)
};

namespace detail {
struct SolverState;
}

// A solve in slices, so a UI can keep drawing frames: create once, call step() with
// a node budget per frame (or run() with a time budget) until it returns true, read
// solution() at any time. A stopped solver is a resumable handle: calling step() or
// run() again continues where it stopped. Same input and same total node count give
// the same answer, and a search stopped and resumed ends with the same answer as one
// run without stopping.
class OptimizerSolver {
public:
    // Checks the input and the constraints. Errors: invalid input (code invalid,
    // out_of_range, too_large) or provably infeasible rules (code infeasible, with
    // the reason in marketer words: "Florida needs 3 hires but only 2 candidates are
    // there.").
    [[nodiscard]] static Result<OptimizerSolver>
    create(const OptimizerProblem& problem, SearchMethod method = SearchMethod::automatic);

    // Explores up to max_nodes more nodes (<= 0: until finished). True when finished.
    bool step(std::int64_t max_nodes);
    // Steps until finished, max_nodes more nodes (<= 0: no limit) or time_limit_ms of
    // wall clock (<= 0: no limit; checked every few thousand nodes). True when finished.
    bool run(std::int64_t max_nodes, double time_limit_ms);
    [[nodiscard]] bool finished() const;
    [[nodiscard]] OptimizerSolution solution() const;

    OptimizerSolver(OptimizerSolver&&) noexcept;
    OptimizerSolver& operator=(OptimizerSolver&&) noexcept;
    ~OptimizerSolver();

private:
    explicit OptimizerSolver(std::unique_ptr<detail::SolverState> state);
    std::unique_ptr<detail::SolverState> state_;
};

// One call: create + run until finished or a limit (by default one second). An
// infeasible problem is an Error with code infeasible (also when only the search
// proves it).
[[nodiscard]] Result<OptimizerSolution> solve(const OptimizerProblem& problem,
                                              SolveLimits limits = {});

// The same, returning the solver so that a stopped search can be resumed (run()).
// Errors are create()'s; a search that proves infeasibility finishes with status
// infeasible in its solution().
[[nodiscard]] Result<OptimizerSolver> start_solve(const OptimizerProblem& problem,
                                                  SolveLimits limits = {});

// Plain-language name of an objective ("expected engagements").
[[nodiscard]] std::string_view objective_name(Objective objective);

} // namespace core
