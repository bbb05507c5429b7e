// The optimizer's public entry: OptimizerSolver (create, step, run, solution), solve
// and start_solve. The parts it drives are in the other files of this folder.
#include "core/optimizer.hpp"
#include "core/optimizer/bounds.hpp"
#include "core/optimizer/depth_first.hpp"
#include "core/optimizer/duals.hpp"
#include "core/optimizer/dynamic_program.hpp"
#include "core/optimizer/heuristics.hpp"
#include "core/optimizer/prepare.hpp"
#include "core/optimizer/region_bound.hpp"

#include <algorithm>
#include <chrono>
#include <limits>
#include <memory>
#include <optional>
#include <utility>

namespace core {

using namespace detail; // the parts of core/optimizer/solver_state.hpp

namespace {

// The parts wired together: each call below names the parts it reads and writes.
void set_multipliers(SolverState& s) {
    compute_multipliers(s.duals, s.core, s.forced, s.rules, s.counts);
    arrange(s.core);
}

bool reduce_core(SolverState& s, std::optional<CountBound> count = std::nullopt) {
    return reduce(s.core, s.forced, s.rules, s.duals, s.counts, s.best, std::move(count));
}

void polish(SolverState& s) {
    polish_incumbent(s.best, s.core, s.rules);
}

bool narrow_counts(SolverState& s) {
    return derive_count_range(s.counts, s.core, s.rules, s.forced, s.best);
}

// Puts both engines at the root of the current core.
void start_engines(SolverState& s) {
    if (s.use_dfs) {
        start_search(s.dfs, s.core, s.rules, s.forced);
        start_count_bound(s.dfs, s.counts, s.core, s.forced);
        start_region_tails(s.dfs.tails, s.core, s.rules, s.forced, s.counts);
    }
    if (s.use_dp && start_dp(s.dp, s.best, s.core, s.rules, s.forced, s.duals, s.counts)) {
        s.done = true;
    }
}

} // namespace

// [SECTION] Public API

OptimizerSolver::OptimizerSolver(std::unique_ptr<detail::SolverState> state)
    : state_(std::move(state)) {}
OptimizerSolver::OptimizerSolver(OptimizerSolver&&) noexcept = default;
OptimizerSolver& OptimizerSolver::operator=(OptimizerSolver&&) noexcept = default;
OptimizerSolver::~OptimizerSolver() = default;

Result<OptimizerSolver> OptimizerSolver::create(const OptimizerProblem& problem,
                                                SearchMethod method) {
    auto valid = validate(problem);
    if (!valid.ok()) {
        return valid.error();
    }
    auto prepared = prepare(problem, valid.value());
    if (!prepared.ok()) {
        return prepared.error();
    }
    std::unique_ptr<SolverState> state = std::move(prepared).value();
    SolverState& s = *state;
    s.method = method;
    s.use_dp = method != SearchMethod::depth_first;
    s.use_dfs = method != SearchMethod::dynamic_programming;
    set_multipliers(s);
    std::optional<CountBound> count;
    find_incumbent(s.best, count, s.core, s.rules, s.forced, s.duals, s.counts);
    if (!reduce_core(s, count)) {
        s.done = true;
        return OptimizerSolver(std::move(state));
    }
    // Polish the incumbent on the (much smaller) core, then fix again.
    const double before = s.best.value;
    polish(s);
    if (s.best.value > before && !reduce_core(s)) {
        s.done = true;
        return OptimizerSolver(std::move(state));
    }
    // Hire counts that cannot beat the incumbent are cut off, on the reduced core
    // (cheap there), and the core reduced again with the narrower count rows (the
    // fee-plus-CPE family needs this).
    const int low = s.counts.low, high = s.counts.high;
    if (!narrow_counts(s)) {
        s.done = true;
        return OptimizerSolver(std::move(state));
    }
    if (s.counts.low != low || s.counts.high != high) {
        set_multipliers(s);
        if (!reduce_core(s)) {
            s.done = true;
            return OptimizerSolver(std::move(state));
        }
    }
    s.rooted_value = s.best.value;
    start_engines(s);
    return OptimizerSolver(std::move(state));
}

namespace {

// Whether the incumbent has closed enough of the root gap since the core was last
// reduced that reducing again (narrower hire counts, more items fixed) pays for
// restarting the engines.
bool worth_reducing_again(const SolverState& s) {
    const double gap_then = s.core.root_bound - s.rooted_value;
    return s.best.value - s.rooted_value > 0.2 * gap_then + s.tolerance(s.best.value);
}

// Narrows the hire counts, recomputes the multipliers and fixes items against the
// better incumbent, then restarts both engines on the smaller core. Every step only
// removes plans that cannot beat the incumbent, so nothing better is lost.
void reduce_again(SolverState& s) {
    polish(s);
    s.rooted_value = s.best.value;
    const int low = s.counts.low, high = s.counts.high;
    if (!narrow_counts(s)) {
        s.done = true;
        return;
    }
    if (s.counts.low != low || s.counts.high != high) {
        set_multipliers(s);
    }
    if (!reduce_core(s)) {
        s.done = true;
        return;
    }
    s.dfs.started = false;
    s.dfs_quota = 2000;
    start_engines(s);
}

} // namespace

bool OptimizerSolver::step(std::int64_t max_nodes) {
    SolverState& s = *state_;
    const std::int64_t stop_at =
        max_nodes > 0 ? s.nodes + max_nodes : std::numeric_limits<std::int64_t>::max();
    while (!s.done && s.nodes < stop_at) {
        // An engine's incumbent may reach the root bound: nothing can beat it then.
        if (s.core.root_bound <= s.best.value + s.tolerance(s.best.value)) {
            s.done = true;
            break;
        }
        // Turns: the depth-first search spends its quota (kept across calls, so small
        // slices still alternate), then the DP makes one expansion and refills it.
        if (s.use_dfs && (s.dfs_quota > 0 || !s.use_dp)) {
            const std::int64_t run =
                s.use_dp ? std::min(s.dfs_quota, stop_at - s.nodes) : stop_at - s.nodes;
            const std::int64_t before = s.nodes;
            if (run_depth_first(s.dfs, s.best, s.nodes, s.nodes + run, s.core, s.rules, s.forced,
                                s.counts, s.duals)) {
                s.done = true;
            }
            s.dfs_quota -= s.nodes - before;
            continue;
        }
        if (s.use_dp) {
            const DpExpansion expansion =
                dp_expand(s.dp, s.best, s.core, s.rules, s.forced, s.duals);
            s.done = s.done || expansion.finished;
            const std::int64_t produced = expansion.produced;
            s.nodes += produced;
            // Equal shares when the head-count bound is active (fill-limited problems,
            // where the DP shines); otherwise the depth-first search gets four times
            // the DP's share.
            s.dfs_quota = std::max<std::int64_t>(
                2000, (s.dp.head_bound || s.counts.low > s.rules.min_hires ? 1 : 4) * produced);
            bool too_large = s.dp.live > dp_state_limit;
            if (s.dp.trail.size() > dp_trail_limit) {
                compact_trail(s.dp);
                too_large = too_large || 2 * s.dp.trail.size() > dp_trail_limit;
            }
            // Long searches: try pair exchanges once (at a DP expansion, so at a node
            // count that does not depend on how the search is sliced).
            if (!s.done && !s.exchanged && s.nodes >= exchange_after_nodes) {
                s.exchanged = true;
                if (exchange_incumbent(s.best, s.core, s.rules) && !too_large) {
                    reduce_again(s);
                    continue;
                }
            }
            if (!s.done && !too_large && worth_reducing_again(s)) {
                reduce_again(s);
                continue;
            }
            if (!s.done && too_large && s.use_dfs) {
                // Memory guard: the depth-first search goes on alone (memory
                // proportional to the core only).
                s.use_dp = false;
                s.dp.groups.clear();
                s.dp.trail.clear();
                s.dp.trail.shrink_to_fit();
            }
        }
    }
    return s.done;
}

bool OptimizerSolver::finished() const {
    return state_->done;
}

OptimizerSolution OptimizerSolver::solution() const {
    const SolverState& s = *state_;
    OptimizerSolution out;
    out.nodes = s.nodes;
    out.fixed_by_reduction = s.forced.fixed;
    out.over_share_cap = s.rules.over_share_cap;
    out.notes = s.rules.notes;
    out.has_plan = s.best.has;
    out.total_cost = Money{s.best.has ? s.best.cost : 0, s.rules.currency};
    if (s.best.has) {
        for (std::size_t i = 0; i < s.rules.candidates.size(); ++i) {
            if (s.best.chosen[i]) {
                out.chosen_ids.push_back(s.rules.candidates[i].id);
            }
        }
        out.objective = plan_value(s.rules, s.best.chosen);
    }
    if (s.done) {
        if (!s.best.has) {
            out.status = SolveStatus::infeasible;
            out.explanation = "No plan meets every rule within the budget; lower a minimum, "
                              "remove a pin or raise the budget.";
            return out;
        }
        out.status = SolveStatus::optimal;
        out.upper_bound = out.objective;
        out.gap = 0.0;
        return out;
    }
    // Proven bound: the incumbent and every open part of a search; with both engines
    // running, either one's bound holds.
    double bound = s.best.value;
    double dp_bound_value = infinity;
    if (s.use_dp) {
        dp_bound_value =
            std::max(bound, dp_proven_bound(s.dp, s.best, s.core, s.rules, s.forced, s.duals));
    }
    if (!s.use_dfs) {
        out.status = SolveStatus::limit_reached;
        out.upper_bound = std::max(std::min(dp_bound_value, s.core.root_bound), out.objective);
        out.gap = out.upper_bound > 0.0 ? (out.upper_bound - out.objective) / out.upper_bound : 0.0;
        return out;
    }
    if (!s.dfs.started || !s.dfs.bound_valid) {
        bound = std::max(bound, s.core.root_bound);
    } else if (s.dfs.pos < static_cast<int>(s.core.items.size())) {
        bound = std::max(bound, s.dfs.node_bound);
    }
    for (int k = 0; k < s.dfs.pos; ++k) {
        if (s.dfs.pending[k]) {
            bound = std::max(bound, s.dfs.bound_at[k]);
        }
    }
    out.status = SolveStatus::limit_reached;
    out.upper_bound = std::max(std::min({bound, dp_bound_value, s.core.root_bound}), out.objective);
    out.gap = out.upper_bound > 0.0 ? (out.upper_bound - out.objective) / out.upper_bound : 0.0;
    return out;
}

namespace {

double now_ms() {
    using namespace std::chrono;
    return duration<double, std::milli>(steady_clock::now().time_since_epoch()).count();
}

} // namespace

bool OptimizerSolver::run(std::int64_t max_nodes, double time_limit_ms) {
    // Slices small enough that the clock is read a few hundred times a second.
    constexpr std::int64_t slice = 4000;
    const double deadline = time_limit_ms > 0.0 ? now_ms() + time_limit_ms : 0.0;
    std::int64_t left = max_nodes > 0 ? max_nodes : std::numeric_limits<std::int64_t>::max();
    while (!finished() && left > 0) {
        const std::int64_t before = state_->nodes;
        step(std::min(slice, left));
        left -= std::max<std::int64_t>(1, state_->nodes - before);
        if (deadline > 0.0 && now_ms() >= deadline) {
            break;
        }
    }
    return finished();
}

Result<OptimizerSolver> start_solve(const OptimizerProblem& problem, SolveLimits limits) {
    const double start = now_ms();
    auto solver = OptimizerSolver::create(problem, limits.method);
    if (!solver.ok()) {
        return solver.error();
    }
    // Setup counts against the time budget; the search still gets a first slice.
    const double left = limits.time_limit_ms > 0.0
                            ? std::max(1e-3, limits.time_limit_ms - (now_ms() - start))
                            : 0.0;
    solver.value().run(limits.max_nodes, left);
    return solver;
}

Result<OptimizerSolution> solve(const OptimizerProblem& problem, SolveLimits limits) {
    auto solver = start_solve(problem, limits);
    if (!solver.ok()) {
        return solver.error();
    }
    OptimizerSolution solution = solver.value().solution();
    if (solution.status == SolveStatus::infeasible) {
        return make_error(ErrorCode::infeasible, "Optimizer", solution.explanation);
    }
    return solution;
}

std::string_view objective_name(Objective objective) {
    switch (objective) {
    case Objective::expected_engagements:
        return "expected engagements";
    case Objective::targeted_engagements:
        return "targeted engagements";
    case Objective::estimated_reach:
        return "estimated reach";
    case Objective::expected_conversions:
        return "expected conversions";
    }
    return "expected engagements";
}

} // namespace core
