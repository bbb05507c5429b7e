// Internal to the optimizer (core/optimizer.hpp is the public header): the solver's
// state, in one struct per concern, so that a part's signature can say which of them
// it reads (const) and writes. One file per part, each with its own header:
//   prepare: input checks, pins, share cap, feasibility, the first plan
//   duals: Lagrange multipliers of the count rows, the count LP, hire counts
//   bounds: bound order, the Dantzig bound, reduced-cost fixing
//   heuristics: incumbent plans (greedy fills, swaps)
//   fill_search: bitset searches that spend the last cents
//   pair_exchange: two hires for two non-hires, once a search runs long
//   depth_first: depth-first branch and bound, resumable node by node
//   dynamic_program: the expanding-core dynamic program
//   solver.cpp: the public entry (OptimizerSolver, solve, start_solve)
// docs/optimizer.md describes the method.
#pragma once

#include "core/optimizer.hpp"

#include <cmath>
#include <cstddef>
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

// How far a floating-point sum of `terms` terms can drift from the exact sum, when the
// terms' magnitudes add up to `magnitude`. Bounds that multiply a budget price by a
// budget add this, so that rounding never makes them cut off a better plan: a large
// price makes those terms huge and they cancel (the fuzzer found a plan lost so).
inline double rounding_slack(std::size_t terms, double magnitude) {
    return 4.0 * static_cast<double>(terms + 4) * std::numeric_limits<double>::epsilon() *
           magnitude;
}

// The problem after preprocessing (prepare): fixed for the whole solve.
struct Rules {
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
    std::vector<std::uint32_t> over_share_cap;
    std::vector<std::string> notes;
    double tolerance_scale = 0.0; // sum of all values: an absolute scale for tolerances
    std::vector<char> min_plan;   // cheapest plan meeting every count rule
    std::int64_t min_plan_cost = 0;
    std::vector<int> cost_order; // candidates open at the start, cheapest first

    // Objectives closer than this to `reference` count as equal.
    [[nodiscard]] double tolerance(double reference) const {
        return 1e-10 * std::fabs(reference) + 1e-14 * tolerance_scale;
    }
};

// Hires decided before branching (pins, then reduced-cost fixing).
struct Forced {
    std::vector<char> in; // per candidate
    std::int64_t cost = 0;
    double value = 0.0;
    double adj = 0.0;
    int count = 0;
    std::vector<int> region_count;
    std::int64_t fixed = 0; // candidates decided before branching, pins and exclusions too
};

// Hires (whole plan) any plan better than the incumbent must have: the rule's minimum
// at first, narrowed by derive_count_range(). Only the search uses them; plans
// outside are valid but cannot win.
struct HireCounts {
    int low = 0;
    int high = unlimited;
    // Budget prices of the LPs with exactly the incumbent's hire count, one fewer and
    // one more (derive_count_range()).
    std::vector<double> lambdas;
};

// Lagrange multipliers of the count rows (adj = value - rho[region] - sigma) and the
// constant that makes  value(x) <= adj(x) + constant  for every plan.
struct Multipliers {
    std::vector<double> rho;
    double sigma = 0.0;
    double constant = 0.0;
};

// The free items in bound order (adjusted value per cent, best first) and the root
// bounds.
struct Core {
    std::vector<FreeItem> items;
    int positive = 0; // items[0, positive) have adj > 0
    std::vector<std::int64_t> prefix_cost;
    std::vector<double> prefix_adj;
    std::vector<std::int64_t> suffix_min_cost; // [k]: cheapest of items[k..] (max at the end)
    std::vector<double> suffix_max_value;      // [k]: largest value of items[k..] (-inf at the end)
    std::vector<int> by_cost;                  // positions, cheapest item first
    std::vector<double> by_cost_max_value;     // [i]: largest value of by_cost[0..i]
    double root_bound = 0.0;
    double count_root = infinity; // the count LP's bound at the root (count_duals())
};

// The scale of the rounding in a bound priced at a budget price lambda:
// lambda x (room + every free item's cost) + every free item's |value|, from sums
// taken once (the terms rounding_slack() is given).
struct PriceScale {
    double costs = 0.0, values = 0.0;
    explicit PriceScale(const Core& core) {
        for (const auto& item : core.items) {
            costs += static_cast<double>(item.cost);
            values += std::fabs(item.value);
        }
    }
    [[nodiscard]] double at(double lambda, std::int64_t room) const {
        return lambda * (static_cast<double>(room) + costs) + values;
    }
};

// The best plan found so far.
struct Incumbent {
    bool has = false;
    double value = 0.0;
    std::int64_t cost = 0;
    std::vector<char> chosen; // per candidate
};

// region_completion_bound()'s tables: per region with a minimum left, its free items'
// suffixes (from each of its items on, in bound order), with the sums of their j
// cheapest costs and of their j largest terms value - lambda x cost, for j up to the
// region's shortfall at the root and a few budget prices lambda.
struct RegionTails {
    struct Region {
        int region = no_region;
        int top = 0;                        // the shortfall at the root: j = 0..top
        std::vector<int> positions;         // core positions of its items, ascending
        std::vector<int> by_cost;           // the same, cheapest first
        std::vector<std::int64_t> cheapest; // [i x (top + 1) + j], i into positions
        std::vector<double> best;           // [(l x (size + 1) + i) x (top + 1) + j]
    };
    bool active = false;
    std::vector<Region> regions;
    std::vector<int> slot;       // per region: its index in `regions`, -1 when it has none
    std::vector<double> lambdas; // 0 first, then the count bound's positive prices
    std::vector<double> slack;   // per price: rounding_slack() of its sums
};

// The depth-first search, resumable node by node.
struct DepthFirst {
    std::vector<char> take, pending;
    std::vector<double> bound_at; // bound of the node where the item was taken
    int pos = 0;
    std::int64_t residual = 0;
    double value = 0.0, adj = 0.0;
    std::vector<int> count;     // hires per region (forced included)
    std::vector<int> remaining; // free items per region at positions >= pos
    int total = 0;              // hires (forced included)
    int blocked = 0;            // regions at their maximum
    int missing = 0;            // hires the region minimums still miss
    int skip_until = -1;        // items before it have pruned take branches (this plan)
    int skip_step = 1;          // items the next node may skip of them
    bool bound_valid = false;   // the current node inherits its parent's bound
    double node_bound = 0.0;
    int bound_end = 0;    // items [pos, bound_end) are counted whole in node_bound
    bool started = false; // the search has a current node
    // Count bound (count_bound()): per budget price, for each position and each
    // j <= suffix_top, the sum of the j largest value - price x cost among the items
    // from that position on. Empty when the hire counts are not narrow.
    int suffix_top = 0;
    std::vector<double> suffix_best;
    std::vector<int> suffix_peak;     // per price and position: j where suffix_best peaks
    std::vector<double> suffix_slack; // per budget price: rounding_slack() of its sums
    // finish_last_two()'s buffers: the partners that fit, cheapest first, and the most
    // and second most valuable among each prefix of them (value, core position).
    struct Ranked {
        double value = -infinity;
        int at = -1;
    };
    std::vector<int> partners;
    std::vector<Ranked> prefix_best, prefix_second;
    RegionTails tails;
};

// A state of the dynamic program: a whole plan, through its core part.
struct DpState {
    std::int64_t cost = 0;        // core items in the plan, cents
    double value = 0.0;           // their true value
    double adj = 0.0;             // their adjusted value
    int count = 0;                // core items in the plan
    int capped = 0;               // of them, in regions whose maximum can bind
    std::int64_t capped_cost = 0; // and their cost
    int trail = -1;               // last decision in the trail (-1: the break solution)
    double head = 0.0;            // sum of the count LP's reduced values (head_bound)
};

// The dynamic program over the core, resumable expansion by expansion. States are
// whole plans: forced hires, core items [0, s) (the break solution's part not yet
// reconsidered), and decisions on the window [s, t]. Plans with the same count
// signature are kept Pareto-optimal in (cost, value).
struct DynamicProgram {
    std::map<std::vector<int>, std::vector<DpState>> groups;
    std::vector<std::pair<int, int>> trail; // (core position toggled, previous entry)
    int break_at = 0, s = 0, t = -1;
    bool add_next = true;
    std::int64_t live = 0; // states alive after the last expansion
    // Count rules whose outcome depends on core decisions ("tracked"): a region
    // index, or -1 for the minimum number of hires.
    std::vector<int> tracked;
    std::vector<int> tracked_lower, tracked_upper;
    std::vector<int> removable, addable; // tracked items before s / after t
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
};

// Every part: only solver.cpp holds the whole state; each function of a part takes the
// structs above it reads (const) or writes.
struct SolverState {
    Rules rules;
    Forced forced;
    HireCounts counts;
    Multipliers duals;
    Core core;
    Incumbent best;
    DepthFirst dfs;
    DynamicProgram dp;

    // --- the engines' schedule (solver.cpp) ---
    bool done = false;
    std::int64_t nodes = 0;
    double rooted_value = 0.0; // incumbent value the core was last reduced with
    SearchMethod method = SearchMethod::automatic;
    // automatic runs both engines in alternating slices, sharing the incumbent: the
    // depth-first search is quicker when bounds are strong, the dynamic program when
    // many plans differ by a few cents. Whichever finishes first proves optimality.
    bool use_dp = true;
    bool use_dfs = true;
    std::int64_t dfs_quota = 2000; // depth-first nodes before the DP's next turn
    bool exchanged = false;        // exchange_incumbent() has run (once per solve)

    [[nodiscard]] double tolerance(double reference) const { return rules.tolerance(reference); }
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
// Searches that pass this many nodes get one round of pair exchanges on the incumbent
// (a few ms: not worth it for the searches that end sooner).
constexpr std::int64_t exchange_after_nodes = 100'000;
constexpr std::size_t dp_trail_limit = 1'500'000;

} // namespace core::detail
