// Internal to the optimizer (core/optimizer.hpp is the public header): the solver
// state shared by its parts, and each part's functions. One file per part:
//   prepare.cpp: input checks, pins, share cap, feasibility, the first plan
//   duals.cpp: Lagrange multipliers of the count rows, the count LP, hire counts
//   bounds.cpp: bound order, the Dantzig bound, reduced-cost fixing
//   heuristics.cpp: incumbent plans (greedy fills, swaps)
//   fill_search.cpp: bitset searches that spend the last cents
//   depth_first.cpp: depth-first branch and bound, resumable node by node
//   dynamic_program.cpp: the expanding-core dynamic program
//   solver.cpp: the public entry (OptimizerSolver, solve, start_solve)
// docs/optimizer.md describes the method.
#pragma once

#include "core/optimizer.hpp"

#include <cmath>
#include <cstdint>
#include <limits>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace core::detail {

struct FreeItem {
    int index = 0;         // into the candidate list
    std::int64_t cost = 0; // cents
    double value = 0.0;    // true objective value
    double adj = 0.0;      // Lagrangian-adjusted value: orders the search, gives the bounds
    int region = no_region;
};

inline constexpr int unlimited = std::numeric_limits<int>::max();
inline constexpr double infinity = std::numeric_limits<double>::infinity();

struct SolverState {
    // --- problem, after preprocessing ---
    // The candidates without their names (names are only needed for messages).
    struct Candidate {
        std::uint32_t id = 0;
        std::int64_t cost_cents = 0;
        double value = 0.0;
        int region = no_region;
    };
    std::vector<Candidate> candidates;
    std::int64_t budget = 0;
    Currency currency = Currency::usd;
    std::vector<int> region_min, region_max; // per region; unlimited = no maximum
    int min_hires = 0;
    // Hires (whole plan) any plan better than the incumbent must have: the rule's
    // minimum at first, narrowed by derive_count_range(). Only the search uses them;
    // plans outside are valid but cannot win.
    int count_low = 0;
    int count_high = unlimited;
    // Budget prices of the LPs with exactly the incumbent's hire count, one fewer and
    // one more (derive_count_range()).
    std::vector<double> count_lambdas;
    // Count bound of the depth-first search (count_bound()): per budget price, for each
    // position and each j <= suffix_top, the sum of the j largest value - price x cost
    // among the items from that position on. Empty when the hire counts are not narrow.
    int suffix_top = 0;
    std::vector<double> suffix_best;
    std::vector<std::uint32_t> over_share_cap;
    std::vector<std::string> notes;
    double tolerance_scale = 0.0; // sum of all values: an absolute scale for tolerances
    std::vector<char> min_plan;   // cheapest plan meeting every count rule
    std::int64_t min_plan_cost = 0;

    // Decided before branching (pins, then reduced-cost fixing).
    std::vector<char> forced_in; // per candidate
    std::int64_t forced_cost = 0;
    double forced_value = 0.0;
    double forced_adj = 0.0;
    int forced_count = 0;
    std::vector<int> forced_region_count;
    std::int64_t fixed_by_reduction = 0;

    // Lagrange multipliers of the count rows (adj = value - rho[region] - sigma) and
    // the constant that makes  value(x) <= adj(x) + lagrange_constant  for every plan.
    std::vector<double> rho;
    double sigma = 0.0;
    double lagrange_constant = 0.0;

    // Free items in bound order (adjusted value per cent, best first).
    std::vector<FreeItem> items;
    int positive = 0; // items[0, positive) have adj > 0
    std::vector<std::int64_t> prefix_cost;
    std::vector<double> prefix_adj;
    double root_bound = 0.0;
    double count_root = infinity; // the count LP's bound at the root (count_duals())
    std::vector<int> cost_order;  // candidates open at the start, cheapest first

    // --- incumbent ---
    bool has_incumbent = false;
    double best_value = 0.0;
    std::int64_t best_cost = 0;
    std::vector<char> best_chosen; // per candidate

    // --- depth-first search state, resumable ---
    std::vector<char> take, pending;
    std::vector<double> bound_at; // bound of the node where the item was taken
    int pos = 0;
    std::int64_t residual = 0;
    double value = 0.0, adj = 0.0;
    std::vector<int> count;     // hires per region (forced included)
    std::vector<int> remaining; // free items per region at positions >= pos
    int total = 0;              // hires (forced included)
    int blocked = 0;            // regions at their maximum
    bool bound_valid = false;   // the current node inherits its parent's bound
    double node_bound = 0.0;
    int bound_end = 0; // items [pos, bound_end) are counted whole in node_bound
    bool done = false;
    double rooted_value = 0.0; // incumbent value the core was last reduced with
    std::int64_t nodes = 0;

    // --- engine ---
    SearchMethod method = SearchMethod::automatic;
    // automatic runs both engines in alternating slices, sharing the incumbent: the
    // depth-first search is quicker when bounds are strong, the dynamic program when
    // many plans differ by a few cents. Whichever finishes first proves optimality.
    bool use_dp = true;
    bool use_dfs = true;
    bool dfs_started = false;      // the depth-first search has a current node
    std::int64_t dfs_quota = 2000; // depth-first nodes before the DP's next turn

    // --- dynamic programming over the core, resumable expansion by expansion ---
    // States are whole plans: forced hires, core items [0, dp_s) (the break solution's
    // part not yet reconsidered), and decisions on the window [dp_s, dp_t]. Plans with
    // the same count signature are kept Pareto-optimal in (cost, value).
    struct DpState {
        std::int64_t cost = 0;        // core items in the plan, cents
        double value = 0.0;           // their true value
        double adj = 0.0;             // their adjusted value
        int count = 0;                // core items in the plan
        int capped = 0;               // of them, in regions whose maximum can bind
        std::int64_t capped_cost = 0; // and their cost
        int trail = -1;               // last decision in dp_trail (-1: the break solution)
        double head = 0.0;            // sum of the count LP's reduced values (head_bound)
    };
    std::map<std::vector<int>, std::vector<DpState>> dp_groups;
    std::vector<std::pair<int, int>> dp_trail; // (core position toggled, previous entry)
    int dp_break = 0, dp_s = 0, dp_t = -1;
    bool dp_add_next = true;
    std::int64_t dp_live = 0; // states alive after the last expansion
    // Count rules whose outcome depends on core decisions ("tracked"): a region
    // index, or -1 for the minimum number of hires.
    std::vector<int> tracked;
    std::vector<int> tracked_lower, tracked_upper;
    std::vector<int> removable, addable; // tracked items before dp_s / after dp_t
    // Second bound, from the count LP: the count rows plus the derived row "at most
    // kmax hires fit" with multiplier sigma_k > 0 (it sees head count, which the first
    // bound cannot), each state's kmax counted from what still fits.
    bool head_bound = false;
    double sigma_k = 0.0;
    std::vector<double> rho_k;       // the count LP's region multipliers
    double head_constant = 0.0;      // forced value + region terms + lambda_k x room
    std::vector<double> head_item_d; // per core position: value - lambda_k cost - ...
    std::vector<char> head_capped;   // core position in a region whose maximum can bind
    std::vector<int> capped_prefix;  // capped items among positions < k
    std::vector<std::int64_t> capped_prefix_cost;
    std::vector<int> cost_rank;     // core position -> rank by cost
    std::vector<int> fenwick_count; // outside-window items by cost rank
    std::vector<std::int64_t> fenwick_cost;
    double lambda_k = 0.0;               // the budget price of the count LP
    std::vector<double> head_prefix_neg; // [k]: sum over positions < k of max(0, -d)
    std::vector<double> head_suffix_pos; // [k]: sum over positions >= k of max(0, d)

    [[nodiscard]] double tolerance(double reference) const {
        return 1e-10 * std::fabs(reference) + 1e-14 * tolerance_scale;
    }
};

using IdIndex = std::vector<std::pair<std::uint32_t, int>>; // (id, index) sorted by id

// The count LP: the LP relaxation plus the derived row "at most kmax more hires"
// (kmax from max_free_hires()), with its own multipliers on true values. When every
// value is a price per dollar plus a bonus per hire, this bound is reached by a plan
// that fills the budget with as many hires as fit, which the first bound (it has no
// such row) cannot see.
struct CountBound {
    int kmax = 0;
    double lambda = 0.0, sigma = 0.0;
    std::vector<double> rho;
    double constant = 0.0;  // region terms: sum over r of rho+ x upper - rho- x lower
    double root = infinity; // the bound, forced values included
};

struct Plan {
    std::vector<char> chosen; // per candidate
    std::int64_t cost = 0;
    std::vector<int> count; // hires per region
    int total = 0;
};

// Memory guards (about 12 MB with the trail): beyond them the automatic engine drops
// the DP and the depth-first search, which needs memory only for the core, goes on.
constexpr std::int64_t dp_state_limit = 150'000;
constexpr std::size_t dp_trail_limit = 1'500'000;

// prepare.cpp
std::string who(const OptimizerCandidate& candidate);
std::string plural(int count, const char* one, const char* many);
Error infeasible(std::string field, std::string message);
std::string region_label(const std::vector<std::string>& names, int r);
int index_of(const IdIndex& ids, std::uint32_t id);
Result<IdIndex> validate(const OptimizerProblem& problem);
std::vector<int> by_cost(const std::vector<SolverState::Candidate>& candidates,
                         const std::vector<char>& allowed);
Result<std::unique_ptr<SolverState>> prepare(const OptimizerProblem& problem, const IdIndex& ids);

// duals.cpp
double break_ratio(const SolverState& s, bool adjusted, std::int64_t budget);
double max_ratio_of(const SolverState& s, bool adjusted);
std::vector<int> items_by_cost(const SolverState& s);
int max_free_hires(const SolverState& s);
bool count_row_binds(const SolverState& s);
CountBound count_duals(const SolverState& s);
bool derive_count_range(SolverState& s);
void compute_multipliers(SolverState& s);

// bounds.cpp
void arrange(SolverState& s, bool sorted = false);
double dantzig(const SolverState& s, int pos, std::int64_t residual, int* end);
bool reduce(SolverState& s, std::optional<CountBound> count = std::nullopt);

// heuristics.cpp
Plan plan_from(const SolverState& s, const std::vector<char>& chosen);
double plan_value(const SolverState& s, const std::vector<char>& chosen);
void offer(SolverState& s, const Plan& plan);
bool room_for(const SolverState& s, const Plan& plan, const FreeItem& item);
void add(const SolverState& s, Plan& plan, const FreeItem& item);
void fill(const SolverState& s, Plan& plan, const std::vector<int>& order);
void swap_search(const SolverState& s, Plan& plan, const std::vector<int>& refill_order,
                 int max_passes);
std::vector<int> identity_order(std::size_t n);
bool reserve_greedy(const SolverState& s, const std::vector<int>& order, Plan& plan);
bool most_hires_plan(const SolverState& s, Plan& plan);
void count_first_incumbent(SolverState& s);
void find_incumbent(SolverState& s, std::optional<CountBound>& count);
void polish_incumbent(SolverState& s);

// fill_search.cpp
std::int64_t bitset_limit(const SolverState& s);
bool fill_search(const SolverState& s, Plan& plan, int depth, int width);
bool swap_fill(const SolverState& s, Plan& plan, int depth, std::int64_t reach);

// depth_first.cpp
void start_search(SolverState& s);
void start_count_bound(SolverState& s);
double count_bound(const SolverState& s);
bool counts_met(const SolverState& s);
bool counts_unreachable(const SolverState& s);
void record_incumbent(SolverState& s);
void apply(SolverState& s, const FreeItem& item, int sign);
void advance(SolverState& s);
bool backtrack(SolverState& s);
void run_depth_first(SolverState& s, std::int64_t stop_at);

// dynamic_program.cpp
double ratio_of(const FreeItem& item);
bool in_rule(const SolverState& s, std::size_t k, const FreeItem& item);
double dp_first_bound(const SolverState& s, const SolverState::DpState& st);
void fenwick_update(SolverState& s, int rank, int count, std::int64_t cost);
int fenwick_max_fit(const SolverState& s, std::int64_t cents);
double head_bound(const SolverState& s, const SolverState::DpState& st);
double dp_bound(const SolverState& s, const SolverState::DpState& st);
double head_d(const SolverState& s, const FreeItem& item);
void start_head_bound(SolverState& s);
bool rekey(const SolverState& s, std::vector<int>& key);
bool key_feasible(const SolverState& s, const std::vector<int>& key);
std::vector<char> dp_plan(const SolverState& s, int trail);
void settle_group(SolverState& s, const std::vector<int>& key,
                  std::vector<SolverState::DpState>& all, const std::vector<std::size_t>& runs);
void start_dp(SolverState& s);
std::int64_t dp_expand(SolverState& s);
void compact_trail(SolverState& s);
double dp_proven_bound(const SolverState& s);

} // namespace core::detail
