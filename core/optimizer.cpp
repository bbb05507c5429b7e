#include "core/optimizer.hpp"

#include "core/numbers.hpp"

#include <algorithm>
#include <bit>
#include <chrono>
#include <cmath>
#include <limits>
#include <map>
#include <memory>
#include <numeric>
#include <string>
#include <utility>

// [SECTION] Overview
// 1. validate(): input errors (ids, prices, values, rules).
// 2. prepare(): pins, share cap, infeasibility explained in marketer words, and the
//    cheapest plan that meets every count rule (it decides feasibility exactly, and
//    is the first incumbent).
// 3. compute_multipliers(): the LP relaxation's optimal duals for the count rows,
//    found by minimizing the one-dimensional Lagrangian dual in the budget price.
// 4. Heuristics (greedy fills, swap search) for a strong incumbent, then reduced-cost
//    fixing: most candidates are decided before any branching.
// 5. Two exact engines over the remaining core, taking turns and sharing the
//    incumbent: depth-first branch and bound (resumable node by node) and an
//    expanding-core dynamic program (resumable expansion by expansion).

namespace core {

namespace detail {

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

namespace {

std::string who(const OptimizerCandidate& candidate) {
    if (!candidate.name.empty()) {
        return candidate.name;
    }
    return "influencer #" + std::to_string(candidate.id);
}

std::string plural(int count, const char* one, const char* many) {
    return std::to_string(count) + " " + (count == 1 ? one : many);
}

Error infeasible(std::string field, std::string message) {
    return make_error(ErrorCode::infeasible, std::move(field), std::move(message));
}

std::string region_label(const std::vector<std::string>& names, int r) {
    return names[r].empty() ? "A region" : names[r];
}

} // namespace

} // namespace detail

namespace {

using detail::FreeItem;
using detail::infinity;
using detail::SolverState;
using detail::unlimited;

// [SECTION] Input checks
using IdIndex = std::vector<std::pair<std::uint32_t, int>>; // sorted by id

int index_of(const IdIndex& ids, std::uint32_t id) {
    const auto it = std::lower_bound(ids.begin(), ids.end(), std::make_pair(id, -1));
    return it != ids.end() && it->first == id ? it->second : -1;
}

// Input errors, and the candidates' ids sorted for lookups.
Result<IdIndex> validate(const OptimizerProblem& problem) {
    if (problem.candidates.size() > optimizer_max_candidates) {
        return make_error(ErrorCode::too_large, "Roster",
                          "Roster: the optimizer takes at most 200,000 influencers; remove some "
                          "rows or split the roster.");
    }
    if (problem.regions.size() > optimizer_max_regions) {
        return make_error(
            ErrorCode::too_large, "Coverage",
            "Coverage: the optimizer takes at most 1,000 regions; merge some regions.");
    }
    if (problem.budget.cents < 0 || problem.budget.cents > max_money_cents) {
        return make_error(ErrorCode::out_of_range, "Budget",
                          "Budget: type an amount of zero or more, such as $5,000.");
    }
    if (!(problem.max_budget_share > 0.0 && problem.max_budget_share <= 1.0)) {
        return make_error(ErrorCode::out_of_range, "Budget share cap",
                          "Budget share cap: type a share between 1% and 100%.");
    }
    if (problem.min_hires < 0) {
        return make_error(ErrorCode::out_of_range, "Minimum influencers",
                          "Minimum influencers: type a whole number of zero or more.");
    }
    for (const auto& rule : problem.regions) {
        const std::string field = "Coverage " + rule.name;
        if (rule.min_hires < 0) {
            return make_error(ErrorCode::out_of_range, field,
                              field + ": type a minimum of zero or more hires.");
        }
        if (rule.max_hires && *rule.max_hires < rule.min_hires) {
            return make_error(ErrorCode::invalid, field,
                              field + ": the maximum (" + std::to_string(*rule.max_hires) +
                                  ") is below the minimum (" + std::to_string(rule.min_hires) +
                                  "); type a maximum of at least the minimum.");
        }
    }
    // (id, index) sorted by id: duplicate check and pin lookup without hashing.
    std::vector<std::pair<std::uint32_t, int>> ids(problem.candidates.size());
    for (std::size_t i = 0; i < problem.candidates.size(); ++i) {
        ids[i] = {problem.candidates[i].id, static_cast<int>(i)};
    }
    std::sort(ids.begin(), ids.end());
    for (std::size_t i = 1; i < ids.size(); ++i) {
        if (ids[i].first == ids[i - 1].first) {
            return make_error(ErrorCode::invalid, "Roster",
                              "Roster: two rows share the id " + std::to_string(ids[i].first) +
                                  "; give each influencer its own id.");
        }
    }
    for (std::size_t i = 0; i < problem.candidates.size(); ++i) {
        const auto& c = problem.candidates[i];
        const auto name = [&] {
            return detail::who(c);
        };
        if (c.cost_cents < 0 || c.cost_cents > max_money_cents) {
            return make_error(ErrorCode::out_of_range, "Price",
                              "Price: " + name() + "'s cost must be zero or more, such as $100.");
        }
        if (!std::isfinite(c.value) || c.value < 0.0 || c.value > 1e300) {
            return make_error(ErrorCode::out_of_range, "Value",
                              "Value: " + name() +
                                  "'s objective value must be a finite number of zero or more.");
        }
        if (c.region != no_region &&
            (c.region < 0 || static_cast<std::size_t>(c.region) >= problem.regions.size())) {
            return make_error(ErrorCode::invalid, "Region",
                              "Region: " + name() + " refers to a region that is not in the list.");
        }
    }
    for (const auto* list : {&problem.must_include, &problem.must_exclude}) {
        const bool include = list == &problem.must_include;
        for (const auto id : *list) {
            if (index_of(ids, id) < 0) {
                const std::string field = include ? "Must include" : "Must exclude";
                return make_error(ErrorCode::invalid, field,
                                  field + ": influencer #" + std::to_string(id) +
                                      " is not in the roster; remove the pin.");
            }
        }
    }
    return ids;
}

// [SECTION] Pins, share cap, feasibility

std::vector<int> by_cost(const std::vector<SolverState::Candidate>& candidates,
                         const std::vector<char>& allowed) {
    std::vector<int> order;
    for (std::size_t i = 0; i < candidates.size(); ++i) {
        if (allowed[i]) {
            order.push_back(static_cast<int>(i));
        }
    }
    std::sort(order.begin(), order.end(), [&](int a, int b) {
        const auto ca = candidates[static_cast<std::size_t>(a)].cost_cents;
        const auto cb = candidates[static_cast<std::size_t>(b)].cost_cents;
        return ca != cb ? ca < cb : a < b;
    });
    return order;
}

Result<std::unique_ptr<SolverState>> prepare(const OptimizerProblem& problem, const IdIndex& ids) {
    auto state = std::make_unique<SolverState>();
    SolverState& s = *state;
    s.candidates.reserve(problem.candidates.size());
    for (const auto& c : problem.candidates) {
        s.candidates.push_back({c.id, c.cost_cents, c.value, c.region});
    }
    s.budget = problem.budget.cents;
    s.currency = problem.budget.currency;
    s.min_hires = problem.min_hires;
    s.count_low = problem.min_hires;
    const auto money = [&](std::int64_t cents) {
        return format_money(Money{cents, s.currency});
    };
    const std::size_t n = s.candidates.size();
    const std::size_t regions = problem.regions.size();
    std::vector<std::string> names;
    for (const auto& rule : problem.regions) {
        names.push_back(rule.name);
        s.region_min.push_back(rule.min_hires);
        s.region_max.push_back(rule.max_hires ? *rule.max_hires : unlimited);
    }
    for (const auto& c : s.candidates) {
        s.tolerance_scale += c.value;
    }

    std::vector<char> pinned(n, 0), excluded(n, 0), capped_out(n, 0);
    for (const auto id : problem.must_include) {
        pinned[index_of(ids, id)] = 1;
    }
    for (const auto id : problem.must_exclude) {
        excluded[index_of(ids, id)] = 1;
    }

    // Pins against exclusions.
    for (std::size_t i = 0; i < n; ++i) {
        if (pinned[i] && excluded[i]) {
            return detail::infeasible(
                "Must include", detail::who(problem.candidates[i]) +
                                    " is both pinned in and excluded; remove one of the two pins.");
        }
    }

    // Share cap: nobody may take more than max_budget_share of the budget.
    const bool capped = problem.max_budget_share < 1.0;
    const std::int64_t cap =
        capped ? static_cast<std::int64_t>(
                     std::floor(problem.max_budget_share * static_cast<double>(s.budget) + 1e-6))
               : s.budget;
    const std::string cap_text = format_percent(problem.max_budget_share, 0);
    std::vector<std::string> capped_names;
    for (std::size_t i = 0; i < n; ++i) {
        if (!capped || excluded[i] || s.candidates[i].cost_cents <= cap) {
            continue;
        }
        if (pinned[i]) {
            return detail::infeasible(
                "Budget share cap",
                detail::who(problem.candidates[i]) + " costs " + money(s.candidates[i].cost_cents) +
                    ", more than the " + cap_text +
                    " cap on one influencer's share of the budget (" + money(cap) +
                    "); raise the cap or unpin " + detail::who(problem.candidates[i]) + ".");
        }
        excluded[i] = 1;
        s.over_share_cap.push_back(s.candidates[i].id);
        capped_out[i] = 1;
        capped_names.push_back(detail::who(problem.candidates[i]) + " (" +
                               money(s.candidates[i].cost_cents) + ")");
    }
    if (!capped_names.empty()) {
        std::string note = detail::plural(static_cast<int>(capped_names.size()), "influencer costs",
                                          "influencers cost") +
                           " more than " + cap_text + " of the budget (" + money(cap) + ") and " +
                           (capped_names.size() == 1 ? "was" : "were") + " left out: ";
        const std::size_t shown = std::min<std::size_t>(capped_names.size(), 5);
        for (std::size_t k = 0; k < shown; ++k) {
            note += (k ? ", " : "") + capped_names[k];
        }
        if (capped_names.size() > shown) {
            note += " and " + std::to_string(capped_names.size() - shown) + " more";
        }
        s.notes.push_back(note + ".");
    }

    // Pins alone.
    std::int64_t pinned_cost = 0;
    double pinned_value = 0.0;
    int pinned_count = 0;
    std::vector<int> pinned_region(regions, 0);
    for (std::size_t i = 0; i < n; ++i) {
        if (pinned[i]) {
            pinned_cost += s.candidates[i].cost_cents;
            pinned_value += s.candidates[i].value;
            ++pinned_count;
            if (s.candidates[i].region != no_region) {
                ++pinned_region[static_cast<std::size_t>(s.candidates[i].region)];
            }
        }
    }
    if (pinned_cost > s.budget) {
        return detail::infeasible(
            "Must include", std::string(pinned_count == 1 ? "The pinned influencer alone costs "
                                                          : "The pinned influencers alone cost ") +
                                money(pinned_cost) + ", over the " + money(s.budget) +
                                " budget; raise the budget or unpin someone.");
    }
    for (std::size_t r = 0; r < regions; ++r) {
        if (pinned_region[r] > s.region_max[r]) {
            return detail::infeasible(
                "Coverage " + names[r],
                detail::region_label(names, static_cast<int>(r)) + " allows at most " +
                    detail::plural(s.region_max[r], "hire", "hires") + " but " +
                    std::to_string(pinned_region[r]) + " pinned influencers are there; raise " +
                    "the maximum or unpin someone.");
        }
    }

    // Who can still be hired: not excluded, not over the cap, fits beside the pins.
    const std::int64_t room = s.budget - pinned_cost;
    std::vector<char> open(n, 0);
    std::vector<int> open_region(regions, 0), over_budget_region(regions, 0),
        excluded_region(regions, 0), capped_region(regions, 0);
    int open_count = 0;
    for (std::size_t i = 0; i < n; ++i) {
        if (pinned[i]) {
            continue;
        }
        const int r = s.candidates[i].region;
        const bool over = s.candidates[i].cost_cents > room;
        if (!excluded[i] && !over) {
            open[i] = 1;
            ++open_count;
            if (r != no_region) {
                ++open_region[static_cast<std::size_t>(r)];
            }
        } else if (r != no_region) {
            auto& counter = excluded[i] ? (capped_out[i] ? capped_region : excluded_region)
                                        : over_budget_region;
            ++counter[static_cast<std::size_t>(r)];
        }
    }

    // Region minimums against the candidates that are there.
    for (std::size_t r = 0; r < regions; ++r) {
        const int have = pinned_region[r] + open_region[r];
        if (have >= s.region_min[r]) {
            continue;
        }
        const std::string label = detail::region_label(names, static_cast<int>(r));
        std::string message = label + " needs " + detail::plural(s.region_min[r], "hire", "hires") +
                              " but only " + std::to_string(have) + " " +
                              (have == 1 ? "candidate is" : "candidates are") + " there";
        std::vector<std::string> why;
        if (excluded_region[r] > 0) {
            why.push_back(std::to_string(excluded_region[r]) + " excluded");
        }
        if (capped_region[r] > 0) {
            why.push_back(std::to_string(capped_region[r]) + " over the share cap");
        }
        if (over_budget_region[r] > 0) {
            why.push_back(std::to_string(over_budget_region[r]) + " too expensive for the budget");
        }
        if (!why.empty()) {
            message += " (not counting ";
            for (std::size_t k = 0; k < why.size(); ++k) {
                message += (k ? ", " : "") + why[k];
            }
            message += ")";
        }
        message += "; lower the minimum or add candidates from " + label + ".";
        return detail::infeasible("Coverage " + names[r], message);
    }
    if (pinned_count + open_count < s.min_hires) {
        return detail::infeasible(
            "Minimum influencers",
            "The plan needs at least " + detail::plural(s.min_hires, "influencer", "influencers") +
                " but only " + std::to_string(pinned_count + open_count) +
                " can be hired within the rules; lower the minimum or add candidates.");
    }

    // Cheapest plan meeting every count rule: feasibility is exactly "it fits".
    const std::vector<int> cheap = by_cost(s.candidates, open);
    s.cost_order = cheap;
    std::vector<char> minimum(n, 0);
    std::vector<int> plan_region = pinned_region;
    std::int64_t plan_cost = pinned_cost;
    int plan_count = pinned_count;
    for (std::size_t i = 0; i < n; ++i) {
        minimum[i] = pinned[i];
    }
    for (const int i : cheap) {
        const int r = s.candidates[static_cast<std::size_t>(i)].region;
        if (r != no_region &&
            plan_region[static_cast<std::size_t>(r)] < s.region_min[static_cast<std::size_t>(r)]) {
            minimum[static_cast<std::size_t>(i)] = 1;
            ++plan_region[static_cast<std::size_t>(r)];
            plan_cost += s.candidates[static_cast<std::size_t>(i)].cost_cents;
            ++plan_count;
        }
    }
    const std::int64_t coverage_cost = plan_cost;
    bool any_region_min = false;
    for (std::size_t r = 0; r < regions; ++r) {
        any_region_min = any_region_min || s.region_min[r] > pinned_region[r];
    }
    if (coverage_cost > s.budget) {
        return detail::infeasible("Coverage",
                                  "Covering every region's minimum costs at least " +
                                      money(coverage_cost) + ", over the " + money(s.budget) +
                                      " budget; raise the budget or lower a region's minimum.");
    }
    for (const int i : cheap) {
        if (plan_count >= s.min_hires) {
            break;
        }
        const auto& c = s.candidates[static_cast<std::size_t>(i)];
        if (minimum[static_cast<std::size_t>(i)] ||
            (c.region != no_region && plan_region[static_cast<std::size_t>(c.region)] >=
                                          s.region_max[static_cast<std::size_t>(c.region)])) {
            continue;
        }
        minimum[static_cast<std::size_t>(i)] = 1;
        if (c.region != no_region) {
            ++plan_region[static_cast<std::size_t>(c.region)];
        }
        plan_cost += c.cost_cents;
        ++plan_count;
    }
    if (plan_count < s.min_hires) {
        return detail::infeasible(
            "Minimum influencers",
            "The plan needs at least " + detail::plural(s.min_hires, "influencer", "influencers") +
                " but the region maximums allow only " + std::to_string(plan_count) +
                "; raise a region's maximum or lower the minimum.");
    }
    if (plan_cost > s.budget) {
        return detail::infeasible(
            "Minimum influencers",
            "Hiring at least " + detail::plural(s.min_hires, "influencer", "influencers") +
                (any_region_min ? " while covering every region's minimum" : "") +
                " costs at least " + money(plan_cost) + ", over the " + money(s.budget) +
                " budget; raise the budget or lower the minimum.");
    }

    // The cheapest plan is the first incumbent.
    s.has_incumbent = true;
    s.best_chosen = minimum;
    s.best_cost = plan_cost;
    s.best_value = 0.0;
    for (std::size_t i = 0; i < n; ++i) {
        if (minimum[i]) {
            s.best_value += s.candidates[i].value;
        }
    }

    s.min_plan = minimum;
    s.min_plan_cost = plan_cost;

    // Forced and free items.
    s.forced_in = pinned;
    s.forced_cost = pinned_cost;
    s.forced_value = pinned_value;
    s.forced_count = pinned_count;
    s.forced_region_count = pinned_region;
    for (std::size_t i = 0; i < n; ++i) {
        if (open[i]) {
            const auto& c = s.candidates[i];
            s.items.push_back(
                FreeItem{static_cast<int>(i), c.cost_cents, c.value, c.value, c.region});
        }
    }
    s.fixed_by_reduction = static_cast<std::int64_t>(n - s.items.size());
    return state;
}

// [SECTION] Lagrange multipliers of the count rows
//
// The LP relaxation keeps one budget row and the count rows (region minimums and
// maximums, the minimum head count).
// For a budget price lambda, the best choice under the count rows alone is greedy
// (the rows form a laminar family): each region's best minimum, then the best of
// the rest up to the caps. h(lambda) = lambda * budget + that best value is convex
// and piecewise linear, and its minimum is the LP bound. The count rows' duals at
// the minimizing lambda are read off the greedy thresholds. Any multipliers give a
// valid bound, so the search below never depends on this being solved exactly.
struct CountDuals {
    double lambda = 0.0;     // the budget price evaluated
    double value = infinity; // dual objective at lambda (an upper bound on the LP)
    std::int64_t cost = 0;   // cost of the greedy choice at lambda
    double sigma = 0.0;
    std::vector<double> rho;
};

class LagrangeDual {
public:
    // The count rows of the problem, on true values; kmax >= 0 adds the derived row
    // "at most kmax more hires fit".
    // kmin >= 0 raises the minimum number of free hires the same way.
    explicit LagrangeDual(const SolverState& s, int kmax = -1, int kmin = -1) : s_(s) {
        const std::size_t regions = s.region_min.size();
        const std::size_t f = s.items.size();
        const bool head_limit = kmax >= 0;
        budget_ = s.budget - s.forced_cost;
        values_.reserve(f);
        for (const auto& item : s.items) {
            values_.push_back(item.value);
        }
        std::vector<int> size(regions, 0);
        for (const auto& item : s.items) {
            if (item.region != no_region) {
                ++size[item.region];
            }
        }
        lower_.assign(regions, 0);
        upper_.assign(regions, 0);
        ruled_.assign(regions, 0);
        members_.assign(regions, {});
        for (std::size_t r = 0; r < regions; ++r) {
            lower_[r] = std::min(size[r], std::max(0, s.region_min[r] - s.forced_region_count[r]));
            const int room = s.region_max[r] == unlimited
                                 ? size[r]
                                 : std::max(0, s.region_max[r] - s.forced_region_count[r]);
            upper_[r] = std::max(lower_[r], std::min(size[r], room));
            ruled_[r] = lower_[r] > 0 || upper_[r] < size[r];
        }
        for (std::size_t k = 0; k < f; ++k) {
            const int r = s.items[k].region;
            if (r != no_region && ruled_[r]) {
                members_[r].push_back(static_cast<int>(k));
            } else {
                unruled_.push_back(static_cast<int>(k));
            }
        }
        // The first Lagrangian has no derived "at most this many fit" row: it would tie
        // the adjusted ratios of strongly correlated items together and blind the
        // search order and the reduced costs. The count LP (count_duals()) adds it.
        kmax_ = head_limit ? std::min(kmax, static_cast<int>(f)) : static_cast<int>(f);
        if (s.count_high != unlimited) {
            kmax_ = std::min(kmax_, std::max(0, s.count_high - s.forced_count));
        }
        kmin_ = std::min(kmax_, std::max({0, kmin, s.count_low - s.forced_count}));
        w_.assign(f, 0.0);
        taken_.assign(f, 0);
    }

    [[nodiscard]] int kmax() const { return kmax_; }
    [[nodiscard]] int kmin() const { return kmin_; }
    [[nodiscard]] const std::vector<int>& lower() const { return lower_; }
    [[nodiscard]] const std::vector<int>& upper() const { return upper_; }
    [[nodiscard]] const std::vector<char>& ruled() const { return ruled_; }

    CountDuals evaluate(double lambda) {
        const auto& items = s_.items;
        const std::size_t f = items.size();
        const std::size_t regions = members_.size();
        for (std::size_t k = 0; k < f; ++k) {
            w_[k] = values_[k] - lambda * static_cast<double>(items[k].cost);
            taken_[k] = 0;
        }
        if (CountDuals quick; unconstrained(lambda, quick)) {
            return quick;
        }
        const auto better = [&](int a, int b) {
            return w_[a] != w_[b] ? w_[a] > w_[b] : a < b;
        };
        pool_.clear();
        int mandatory = 0;
        std::vector<double> excluded_max(regions, -infinity);
        int all_positive = 0;
        for (const int p : positive_in_) {
            all_positive += p;
        }
        for (std::size_t k = 0; k < f; ++k) {
            if (items[k].region == no_region && w_[k] > 0.0) {
                ++all_positive;
            }
        }
        const bool head_binds = all_positive < kmin_ || all_positive > kmax_;
        for (std::size_t r = 0; r < regions; ++r) {
            if (!ruled_[r]) {
                continue;
            }
            auto& m = members_[r];
            if (!head_binds && lower_[r] <= positive_in_[r] && positive_in_[r] <= upper_[r]) {
                // This region's rule does not bind: its positive items are simply taken
                // with the rest of the pool (the pool cannot ask for more than them).
                pool_.insert(pool_.end(), m.begin(), m.end());
                continue;
            }
            const auto lo = m.begin() + lower_[r];
            const auto hi = m.begin() + upper_[r];
            if (lo != m.end()) {
                std::nth_element(m.begin(), lo, m.end(), better);
            }
            if (hi != m.end() && hi != lo) {
                std::nth_element(lo, hi, m.end(), better);
            }
            for (auto it = m.begin(); it != lo; ++it) {
                taken_[*it] = 1;
            }
            mandatory += lower_[r];
            pool_.insert(pool_.end(), lo, hi);
            for (auto it = hi; it != m.end(); ++it) {
                excluded_max[r] = std::max(excluded_max[r], w_[*it]);
            }
        }
        pool_.insert(pool_.end(), unruled_.begin(), unruled_.end());
        const int pool_size = static_cast<int>(pool_.size());
        int positives = 0;
        for (const int k : pool_) {
            positives += w_[k] > 0.0 ? 1 : 0;
        }
        const int lo = std::max(0, kmin_ - mandatory);
        const int hi = std::max(lo, kmax_ - mandatory);
        const int t = std::min(pool_size, std::clamp(positives, lo, hi));
        if (t == positives) {
            std::partition(pool_.begin(), pool_.end(), [&](int k) { return w_[k] > 0.0; });
        } else if (t < pool_size && t > 0) {
            std::nth_element(pool_.begin(), pool_.begin() + t, pool_.end(), better);
        }
        double selected_min = infinity, unselected_max = -infinity;
        for (int k = 0; k < pool_size; ++k) {
            const int item = pool_[k];
            if (k < t) {
                taken_[item] = 1;
                selected_min = std::min(selected_min, w_[item]);
            } else {
                unselected_max = std::max(unselected_max, w_[item]);
            }
        }
        CountDuals out;
        out.lambda = lambda;
        // sigma: the price of one more hire overall.
        if (unselected_max <= 0.0 && 0.0 <= selected_min) {
            out.sigma = 0.0;
        } else if (selected_min < 0.0) {
            out.sigma = selected_min;
        } else {
            out.sigma = unselected_max;
        }
        // rho[r]: the extra price of a hire in region r, between its last taken and
        // its first left-out candidate, as close to zero as that allows.
        out.rho.assign(regions, 0.0);
        std::vector<double> taken_min(regions, infinity), untaken_max = excluded_max;
        for (std::size_t k = 0; k < f; ++k) {
            const int r = items[k].region;
            if (r == no_region || !ruled_[r]) {
                continue;
            }
            if (taken_[k]) {
                taken_min[r] = std::min(taken_min[r], w_[k]);
            } else {
                untaken_max[r] = std::max(untaken_max[r], w_[k]);
            }
        }
        for (std::size_t r = 0; r < regions; ++r) {
            if (!ruled_[r]) {
                continue;
            }
            const double low = untaken_max[r] - out.sigma;
            const double high = taken_min[r] - out.sigma;
            double rho = std::clamp(0.0, low, std::max(low, high));
            if (s_.region_max[r] == unlimited) {
                rho = std::min(rho, 0.0);
            }
            out.rho[r] = rho;
        }
        // Dual objective (valid for any multipliers) and the greedy choice's cost.
        double dual = lambda * static_cast<double>(budget_);
        for (std::size_t k = 0; k < f; ++k) {
            const int r = items[k].region;
            const double reduced = w_[k] - (r != no_region ? out.rho[r] : 0.0) - out.sigma;
            dual += std::max(0.0, reduced);
            if (taken_[k]) {
                out.cost += items[k].cost;
            }
        }
        for (std::size_t r = 0; r < regions; ++r) {
            dual += std::max(0.0, out.rho[r]) * upper_[r] - std::max(0.0, -out.rho[r]) * lower_[r];
        }
        dual += std::max(0.0, out.sigma) * kmax_ - std::max(0.0, -out.sigma) * kmin_;
        out.value = dual;
        return out;
    }

private:
    // When no count row binds at lambda (every positive item taken meets them all),
    // the greedy choice is simply the positive items and every multiplier is zero.
    bool unconstrained(double lambda, CountDuals& out) {
        const auto& items = s_.items;
        const std::size_t f = items.size();
        positive_in_.assign(members_.size(), 0);
        int positives = 0;
        std::int64_t cost = 0;
        double sum = 0.0;
        for (std::size_t k = 0; k < f; ++k) {
            if (w_[k] > 0.0) {
                ++positives;
                cost += items[k].cost;
                sum += w_[k];
                const int r = items[k].region;
                if (r != no_region) {
                    ++positive_in_[r];
                }
            }
        }
        if (positives < kmin_ || positives > kmax_) {
            return false;
        }
        for (std::size_t r = 0; r < members_.size(); ++r) {
            if (ruled_[r] && (positive_in_[r] < lower_[r] || positive_in_[r] > upper_[r])) {
                return false;
            }
        }
        out.sigma = 0.0;
        out.rho.assign(members_.size(), 0.0);
        out.cost = cost;
        out.value = lambda * static_cast<double>(budget_) + sum;
        out.lambda = lambda;
        return true;
    }

    const SolverState& s_;
    std::vector<int> positive_in_;
    std::int64_t budget_ = 0;
    std::vector<int> lower_, upper_;
    std::vector<char> ruled_;
    std::vector<std::vector<int>> members_;
    std::vector<int> unruled_, pool_;
    int kmax_ = 0, kmin_ = 0;
    std::vector<double> values_, w_;
    std::vector<char> taken_;
};

// Sets rho, sigma, the adjusted values and the Lagrangian constant.
// Minimizes the convex, piecewise linear dual h(lambda) over the budget price. The
// slope is budget - cost(lambda), a decreasing step function. Bracket the sign
// change around the guess (the price without count rows), then step to where the
// tangent lines at the bracket ends meet (bisect when one side keeps moving): that
// lands on the kink at the minimum. The meeting point's height is a lower bound on
// the minimum: stop when the best value found
// is within `tolerance` (relative) of that lower bound (any lambda still gives a
// valid bound, only a weaker one).
CountDuals minimize_dual(LagrangeDual& dual, std::int64_t budget, double max_ratio, double guess,
                         double tolerance) {
    if (!(guess > 0.0)) {
        guess = 0.5 * max_ratio;
    }
    if (!(guess > 0.0)) {
        return dual.evaluate(0.0);
    }
    CountDuals g = dual.evaluate(guess);
    CountDuals best = g;
    const auto keep = [&](const CountDuals& c) {
        if (c.value < best.value) {
            best = c;
        }
    };
    double la = 0.0, lb = 0.0;
    CountDuals a, b;
    double step = 0.05;
    if (g.cost > budget) {
        la = guess;
        a = std::move(g);
        for (int grow = 0;; ++grow, step *= 2.0) {
            const double next = guess * (1.0 + step);
            CountDuals c = dual.evaluate(next);
            keep(c);
            if (c.cost <= budget) {
                lb = next;
                b = std::move(c);
                break;
            }
            la = next;
            a = std::move(c);
            if (grow > 60) {
                return best;
            }
        }
    } else {
        lb = guess;
        b = std::move(g);
        for (;; step *= 2.0) {
            const double next = step >= 1.0 ? 0.0 : guess * (1.0 - step);
            CountDuals c = dual.evaluate(next);
            keep(c);
            if (c.cost > budget) {
                la = next;
                a = std::move(c);
                break;
            }
            lb = next;
            b = std::move(c);
            if (next == 0.0) {
                return best; // the budget does not bind: lambda = 0
            }
        }
    }
    int same_side = 0, last_side = 0;
    for (int iter = 0; iter < 60 && b.cost < budget; ++iter) {
        const double sa = static_cast<double>(budget - a.cost); // < 0
        const double sb = static_cast<double>(budget - b.cost); // > 0
        const double meet = (b.value - a.value + sa * la - sb * lb) / (sa - sb);
        const double lower = a.value + sa * (meet - la);
        if (best.value - lower <= tolerance * std::max(1.0, std::fabs(best.value))) {
            break;
        }
        double lc = meet;
        if (!(lc > la && lc < lb) || same_side >= 2) {
            lc = 0.5 * (la + lb);
            same_side = 0;
        }
        CountDuals c = dual.evaluate(lc);
        keep(c);
        if (c.cost == budget || !(lb - la > 1e-15 * lb)) {
            break;
        }
        const int side = c.cost > budget ? -1 : 1;
        same_side = side == last_side ? same_side + 1 : 0;
        last_side = side;
        if (side < 0) {
            la = lc;
            a = std::move(c);
        } else {
            lb = lc;
            b = std::move(c);
        }
    }
    return best;
}

// The fractional knapsack's budget price (the ratio of the break item) for plain
// or adjusted values, by repeated selection: expected linear time.
double break_ratio(const SolverState& s, bool adjusted, std::int64_t budget) {
    std::vector<std::pair<double, std::int64_t>> left;
    left.reserve(s.items.size());
    // Regions whose maximum can bind contribute only their best items up to it: a
    // much better guess of the price when caps bind.
    const std::size_t regions = s.region_min.size();
    std::vector<std::vector<std::pair<double, std::int64_t>>> capped(regions);
    std::vector<int> room(regions, unlimited);
    for (std::size_t r = 0; r < regions; ++r) {
        if (s.region_max[r] != unlimited) {
            room[r] = std::max(0, s.region_max[r] - s.forced_region_count[r]);
        }
    }
    for (const auto& item : s.items) {
        const double v = adjusted ? item.adj : item.value;
        if (v > 0.0 && item.cost > 0) {
            const std::pair<double, std::int64_t> entry{v / static_cast<double>(item.cost),
                                                        item.cost};
            if (item.region != no_region && room[item.region] != unlimited) {
                capped[item.region].push_back(entry);
            } else {
                left.push_back(entry);
            }
        }
    }
    for (std::size_t r = 0; r < regions; ++r) {
        auto& list = capped[r];
        const auto keep = std::min<std::size_t>(list.size(), static_cast<std::size_t>(room[r]));
        std::nth_element(list.begin(), list.begin() + static_cast<std::ptrdiff_t>(keep), list.end(),
                         [](const auto& x, const auto& y) { return x.first > y.first; });
        left.insert(left.end(), list.begin(), list.begin() + static_cast<std::ptrdiff_t>(keep));
    }
    while (!left.empty()) {
        const std::size_t mid = left.size() / 2;
        std::nth_element(left.begin(), left.begin() + static_cast<std::ptrdiff_t>(mid), left.end(),
                         [](const auto& x, const auto& y) { return x.first > y.first; });
        std::int64_t upper_cost = 0; // items at least as good as the pivot, before it
        for (std::size_t k = 0; k < mid; ++k) {
            upper_cost += left[k].second;
        }
        if (upper_cost > budget) {
            left.resize(mid);
            continue;
        }
        budget -= upper_cost;
        if (left[mid].second > budget) {
            return left[mid].first; // the pivot is the break item
        }
        budget -= left[mid].second;
        left.erase(left.begin(), left.begin() + static_cast<std::ptrdiff_t>(mid) + 1);
    }
    return 0.0; // everything fits
}

double max_ratio_of(const SolverState& s, bool adjusted) {
    double max_ratio = 0.0;
    for (const auto& item : s.items) {
        if (item.cost > 0) {
            max_ratio = std::max(max_ratio, (adjusted ? item.adj : item.value) /
                                                static_cast<double>(item.cost));
        }
    }
    return max_ratio;
}

// Positions of the free items, cheapest first (ties by candidate order).
std::vector<int> items_by_cost(const SolverState& s) {
    std::vector<int> position(s.candidates.size(), -1);
    for (std::size_t k = 0; k < s.items.size(); ++k) {
        position[static_cast<std::size_t>(s.items[k].index)] = static_cast<int>(k);
    }
    std::vector<int> order;
    order.reserve(s.items.size());
    for (const int i : s.cost_order) {
        if (position[static_cast<std::size_t>(i)] >= 0) {
            order.push_back(position[static_cast<std::size_t>(i)]);
        }
    }
    return order;
}

// The most free items a plan can add to the forced ones: cheapest first within
// region maximums (a partition matroid, so the greedy count is the largest).
int max_free_hires(const SolverState& s) {
    const std::vector<int> order = items_by_cost(s);
    std::vector<int> room(s.region_min.size(), unlimited);
    for (std::size_t r = 0; r < room.size(); ++r) {
        if (s.region_max[r] != unlimited) {
            room[r] = std::max(0, s.region_max[r] - s.forced_region_count[r]);
        }
    }
    std::int64_t left = s.budget - s.forced_cost;
    int hires = 0;
    for (const int k : order) {
        const auto& item = s.items[k];
        if (item.region != no_region && room[item.region] == 0) {
            continue;
        }
        if (item.cost > left) {
            break;
        }
        left -= item.cost;
        ++hires;
        if (item.region != no_region && room[item.region] != unlimited) {
            --room[item.region];
        }
    }
    return hires;
}

// Whether the count LP can say more than the first bound: its derived row "at most
// kmax more hires" binds only when the first bound's plan (in bound order, which
// ignores region maximums) hires about as many as can fit at all. Otherwise it is
// not worth its time (the bound would be the same).
bool count_row_binds(const SolverState& s) {
    if (s.items.empty()) {
        return false;
    }
    const std::int64_t room = s.budget - s.forced_cost;
    const auto it =
        std::upper_bound(s.prefix_cost.begin(), s.prefix_cost.begin() + s.positive + 1, room);
    const int end = static_cast<int>(it - s.prefix_cost.begin()) - 1;
    const int lp_hires = end + (end < s.positive ? 1 : 0);
    const int kmax = max_free_hires(s);
    // The first bound's multipliers move its plan a little from the LP's: a margin.
    return lp_hires + std::max(2, kmax / 100) >= kmax;
}

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

CountBound count_duals(const SolverState& s) {
    CountBound out;
    out.kmax = max_free_hires(s);
    LagrangeDual dual(s, out.kmax);
    const std::int64_t room = s.budget - s.forced_cost;
    const CountDuals d =
        minimize_dual(dual, room, max_ratio_of(s, false), break_ratio(s, false, room), 1e-14);
    out.lambda = std::max(0.0, d.lambda);
    out.sigma = d.sigma;
    out.rho = d.rho;
    out.rho.resize(s.region_min.size(), 0.0);
    out.root = s.forced_value + d.value;
    for (std::size_t r = 0; r < out.rho.size(); ++r) {
        out.constant += std::max(0.0, out.rho[r]) * dual.upper()[r] -
                        std::max(0.0, -out.rho[r]) * dual.lower()[r];
    }
    return out;
}

// Free hire counts that can still hold a plan better than the incumbent. For any budget
// price lambda >= 0 and region multipliers rho, every plan meeting the rules has
//   value <= forced value + lambda x room + sum_r (rho_r+ U_r - rho_r- L_r) + sum of its w,
// with w = value - lambda x cost - rho[region] per free hire; with exactly k free hires
// the last sum is at most the k largest w. A count whose bound is at most the
// incumbent for some multipliers is ruled out (each count on its own: no concavity is
// assumed). Multipliers tried: zero, the LP's, and the LP's with exactly k hires for k
// near the incumbent's count. Narrows count_low / count_high; false when no count is left
// (the incumbent is optimal).
bool derive_count_range(SolverState& s) {
    const int f = static_cast<int>(s.items.size());
    if (f == 0) {
        return true;
    }
    const std::int64_t room = s.budget - s.forced_cost;
    int incumbent_free = 0;
    for (const auto& item : s.items) {
        incumbent_free += s.best_chosen[item.index] ? 1 : 0;
    }
    // lambda = 0: a plan of k hires is worth at most the k best values (rules out small k).
    std::vector<CountDuals> tries{CountDuals{}};
    const auto solve_dual = [&](int kmax, int kmin, double tolerance) {
        LagrangeDual dual(s, kmax, kmin);
        tries.push_back(minimize_dual(dual, room, max_ratio_of(s, false),
                                      break_ratio(s, false, room), tolerance));
    };
    solve_dual(-1, -1, 1e-9);
    for (int k = std::max(0, incumbent_free - 1); k <= std::min(f, incumbent_free + 1); ++k) {
        solve_dual(k, k, 1e-9);
        s.count_lambdas.push_back(std::max(0.0, tries.back().lambda));
    }
    const LagrangeDual shape(s);
    std::vector<double> bound(static_cast<std::size_t>(f) + 1, infinity), w(s.items.size());
    for (const CountDuals& d : tries) {
        const double lambda = std::max(0.0, d.lambda);
        double base = s.forced_value + lambda * static_cast<double>(room);
        for (std::size_t r = 0; r < d.rho.size(); ++r) {
            base += std::max(0.0, d.rho[r]) * shape.upper()[r] -
                    std::max(0.0, -d.rho[r]) * shape.lower()[r];
        }
        for (std::size_t k = 0; k < s.items.size(); ++k) {
            const auto& item = s.items[k];
            w[k] = item.value - lambda * static_cast<double>(item.cost) -
                   (item.region == no_region || d.rho.empty() ? 0.0 : d.rho[item.region]);
        }
        std::sort(w.begin(), w.end(), std::greater<>());
        double sum = base;
        for (int k = 0; k <= f; ++k) {
            bound[k] = std::min(bound[k], sum);
            if (k < f) {
                sum += w[k];
            }
        }
    }
    const double threshold = s.best_value + s.tolerance(s.best_value);
    int low = 0, high = f;
    while (low <= high && bound[low] <= threshold) {
        ++low;
    }
    while (high >= low && bound[high] <= threshold) {
        --high;
    }
    if (low > high) {
        return false;
    }
    s.count_low = std::max(s.count_low, s.forced_count + low);
    if (high < f) {
        s.count_high = std::min(s.count_high, s.forced_count + high);
    }
    return true;
}

void compute_multipliers(SolverState& s) {
    const std::size_t regions = s.region_min.size();
    LagrangeDual dual(s);
    bool any_rule = s.count_low > s.forced_count || s.count_high != unlimited;
    for (std::size_t r = 0; r < regions && !any_rule; ++r) {
        any_rule = dual.ruled()[r] != 0;
    }
    // Without count rules the multipliers are zero: no dual to minimize.
    const CountDuals best =
        any_rule ? minimize_dual(dual, s.budget - s.forced_cost, max_ratio_of(s, false),
                                 break_ratio(s, false, s.budget - s.forced_cost), 1e-6)
                 : CountDuals{0.0, 0.0, 0, 0.0, std::vector<double>(regions, 0.0)};
    s.rho = best.rho;
    s.sigma = best.sigma;

    // Adjusted values and the constant in terms of whole-plan counts:
    //   value(x) = adj(x) + sum_r rho_r n_r + sigma n
    //           <= adj(x) + sum_r (rho_r+ U_r - rho_r- L_r) + sigma+ kmax - sigma- kmin
    // with L_r, U_r, kmin, kmax bounds that every plan keeping the forced hires meets.
    const auto rho_of = [&](int r) {
        return r == no_region ? 0.0 : s.rho[r];
    };
    for (auto& item : s.items) {
        item.adj = item.value - rho_of(item.region) - s.sigma;
    }
    s.forced_adj = 0.0;
    for (std::size_t i = 0; i < s.candidates.size(); ++i) {
        if (s.forced_in[i]) {
            s.forced_adj += s.candidates[i].value - rho_of(s.candidates[i].region) - s.sigma;
        }
    }
    double constant = 0.0;
    for (std::size_t r = 0; r < regions; ++r) {
        const double upper = s.forced_region_count[r] + dual.upper()[r];
        const double lower = s.forced_region_count[r] + dual.lower()[r];
        constant += std::max(0.0, s.rho[r]) * upper - std::max(0.0, -s.rho[r]) * lower;
    }
    const double kmax = s.forced_count + dual.kmax();
    const double kmin = s.forced_count + dual.kmin();
    constant += std::max(0.0, s.sigma) * kmax - std::max(0.0, -s.sigma) * kmin;
    s.lagrange_constant = constant;
}

// [SECTION] Bound order and the Dantzig bound

// Sorts the free items into bound order (adjusted value per cent, best first; items
// with no positive adjusted value last; ties by candidate index), unless they are
// already in it, and rebuilds the prefix sums.
void arrange(SolverState& s, bool sorted = false) {
    const std::size_t f = s.items.size();
    if (!sorted) {
        // Correctly rounded division keeps the order of the exact ratios.
        std::vector<std::pair<double, int>> keyed(f);
        for (std::size_t k = 0; k < f; ++k) {
            const auto& item = s.items[k];
            const double key =
                item.adj > 0.0
                    ? (item.cost > 0 ? item.adj / static_cast<double>(item.cost) : infinity)
                    : -infinity;
            keyed[k] = {key, static_cast<int>(k)};
        }
        std::sort(keyed.begin(), keyed.end(), [&](const auto& a, const auto& b) {
            if (a.first != b.first) {
                return a.first > b.first;
            }
            return s.items[a.second].index < s.items[b.second].index;
        });
        std::vector<FreeItem> ordered;
        ordered.reserve(f);
        for (const auto& [key, k] : keyed) {
            ordered.push_back(s.items[k]);
        }
        s.items = std::move(ordered);
    }
    s.positive = 0;
    while (static_cast<std::size_t>(s.positive) < f && s.items[s.positive].adj > 0.0) {
        ++s.positive;
    }
    s.prefix_cost.assign(f + 1, 0);
    s.prefix_adj.assign(f + 1, 0.0);
    for (std::size_t k = 0; k < f; ++k) {
        s.prefix_cost[k + 1] = s.prefix_cost[k] + s.items[k].cost;
        s.prefix_adj[k + 1] = s.prefix_adj[k] + std::max(0.0, s.items[k].adj);
    }
}

// Dantzig bound of the free items from `pos` with `residual` cents: whole items in
// bound order while they fit, then a fraction of the next. When a region is full,
// its items are skipped (a linear scan); otherwise prefix sums answer in log time.
// *end: items [pos, *end) were counted whole (pos when unknown).
double dantzig(const SolverState& s, int pos, std::int64_t residual, int* end) {
    const int p = s.positive;
    *end = pos;
    if (pos >= p) {
        return 0.0;
    }
    if (s.blocked == 0) {
        const std::int64_t base = s.prefix_cost[pos];
        const auto it = std::upper_bound(s.prefix_cost.begin() + pos, s.prefix_cost.begin() + p + 1,
                                         base + residual);
        const int e = static_cast<int>(it - s.prefix_cost.begin()) - 1;
        *end = e;
        double bound = s.prefix_adj[e] - s.prefix_adj[pos];
        if (e < p) {
            const auto& item = s.items[e];
            const std::int64_t left = residual - (s.prefix_cost[e] - base);
            bound += static_cast<double>(left) * item.adj / static_cast<double>(item.cost);
        }
        return bound;
    }
    double bound = 0.0;
    std::int64_t left = residual;
    for (int k = pos; k < p; ++k) {
        const auto& item = s.items[k];
        if (item.region != no_region && s.count[item.region] >= s.region_max[item.region]) {
            continue;
        }
        if (item.cost <= left) {
            left -= item.cost;
            bound += item.adj;
        } else {
            return bound + static_cast<double>(left) * item.adj / static_cast<double>(item.cost);
        }
    }
    return bound;
}

// [SECTION] Incumbent heuristics

struct Plan {
    std::vector<char> chosen; // per candidate
    std::int64_t cost = 0;
    std::vector<int> count; // hires per region
    int total = 0;
};

Plan plan_from(const SolverState& s, const std::vector<char>& chosen) {
    Plan plan;
    plan.chosen = chosen;
    plan.count.assign(s.region_min.size(), 0);
    for (std::size_t i = 0; i < chosen.size(); ++i) {
        if (chosen[i]) {
            plan.cost += s.candidates[i].cost_cents;
            ++plan.total;
            if (s.candidates[i].region != no_region) {
                ++plan.count[s.candidates[i].region];
            }
        }
    }
    return plan;
}

double plan_value(const SolverState& s, const std::vector<char>& chosen) {
    double sum = 0.0;
    for (std::size_t i = 0; i < chosen.size(); ++i) {
        if (chosen[i]) {
            sum += s.candidates[i].value;
        }
    }
    return sum;
}

void offer(SolverState& s, const Plan& plan) {
    const double value = plan_value(s, plan.chosen);
    if (!s.has_incumbent || value > s.best_value) {
        s.has_incumbent = true;
        s.best_value = value;
        s.best_cost = plan.cost;
        s.best_chosen = plan.chosen;
    }
}

bool room_for(const SolverState& s, const Plan& plan, const FreeItem& item) {
    return item.cost <= s.budget - plan.cost &&
           (item.region == no_region || plan.count[item.region] < s.region_max[item.region]);
}

void add(const SolverState& s, Plan& plan, const FreeItem& item) {
    (void)s;
    plan.chosen[item.index] = 1;
    plan.cost += item.cost;
    ++plan.total;
    if (item.region != no_region) {
        ++plan.count[item.region];
    }
}

// Adds free items in the given order while they fit (the plan meets the minimums
// already, so the result is a valid plan).
void fill(const SolverState& s, Plan& plan, const std::vector<int>& order) {
    for (const int k : order) {
        const auto& item = s.items[k];
        if (!plan.chosen[item.index] && room_for(s, plan, item)) {
            add(s, plan, item);
        }
    }
}

// Swap search: replace one hire by one non-hire when that gains value, keeps the
// plan within the budget and keeps every count rule. For each hire the best
// replacement is found by binary search over the non-hires sorted by cost with a
// running best value. Several independent swaps are applied per pass.
void swap_search(const SolverState& s, Plan& plan, const std::vector<int>& refill_order,
                 int max_passes) {
    const std::size_t regions = s.region_min.size();
    struct Candidate {
        std::int64_t cost;
        double value;
        int item;
    };
    struct Index {
        std::vector<Candidate> by_cost; // ascending cost
        std::vector<int> best;          // best[k]: position of the highest value in [0, k]
        void build() {                  // by_cost is filled in cost order already
            best.assign(by_cost.size(), 0);
            for (std::size_t k = 0; k < by_cost.size(); ++k) {
                best[k] = (k == 0 || by_cost[k].value > by_cost[best[k - 1]].value)
                              ? static_cast<int>(k)
                              : best[k - 1];
            }
        }
        // Highest-value entry costing at most `limit`, or -1.
        [[nodiscard]] int query(std::int64_t limit) const {
            const auto it =
                std::upper_bound(by_cost.begin(), by_cost.end(), limit,
                                 [](std::int64_t v, const Candidate& c) { return v < c.cost; });
            if (it == by_cost.begin()) {
                return -1;
            }
            return by_cost[best[static_cast<std::size_t>(it - by_cost.begin()) - 1]].item;
        }
    };
    struct Move {
        double gain;
        int out, in; // free item positions
    };
    // Items by cost once; each pass filters the non-hires in that order.
    const std::vector<int> cost_order = items_by_cost(s);
    for (int pass = 0; pass < max_passes; ++pass) {
        Index global;
        std::vector<Index> local(regions);
        for (const int position : cost_order) {
            const auto k = static_cast<std::size_t>(position);
            const auto& item = s.items[k];
            if (plan.chosen[item.index]) {
                continue;
            }
            const Candidate c{item.cost, item.value, static_cast<int>(k)};
            if (item.region != no_region) {
                local[item.region].by_cost.push_back(c);
                if (plan.count[item.region] >= s.region_max[item.region]) {
                    continue; // enters only in exchange for a hire of its own region
                }
            }
            global.by_cost.push_back(c);
        }
        global.build();
        for (auto& index : local) {
            index.build();
        }
        const std::int64_t left = s.budget - plan.cost;
        std::vector<Move> moves;
        for (std::size_t k = 0; k < s.items.size(); ++k) {
            const auto& out = s.items[k];
            if (!plan.chosen[out.index]) {
                continue;
            }
            const std::int64_t limit = left + out.cost;
            int best_in = -1;
            double best_gain = s.tolerance(out.value);
            const auto consider = [&](int in) {
                if (in >= 0 && s.items[in].value - out.value > best_gain) {
                    best_gain = s.items[in].value - out.value;
                    best_in = in;
                }
            };
            if (out.region != no_region) {
                consider(local[out.region].query(limit));
            }
            if (out.region == no_region || plan.count[out.region] > s.region_min[out.region]) {
                consider(global.query(limit));
            }
            if (best_in >= 0) {
                moves.push_back(Move{best_gain, static_cast<int>(k), best_in});
            }
        }
        if (moves.empty()) {
            return;
        }
        std::sort(moves.begin(), moves.end(), [](const Move& a, const Move& b) {
            return a.gain != b.gain ? a.gain > b.gain : a.out < b.out;
        });
        int applied = 0;
        double gained = 0.0;
        for (const auto& move : moves) {
            const auto& out = s.items[move.out];
            const auto& in = s.items[move.in];
            if (!plan.chosen[out.index] || plan.chosen[in.index] ||
                plan.cost - out.cost + in.cost > s.budget) {
                continue;
            }
            if (in.region != out.region) {
                if (in.region != no_region && plan.count[in.region] >= s.region_max[in.region]) {
                    continue;
                }
                if (out.region != no_region && plan.count[out.region] <= s.region_min[out.region]) {
                    continue;
                }
            }
            plan.chosen[out.index] = 0;
            plan.cost -= out.cost;
            if (out.region != no_region) {
                --plan.count[out.region];
            }
            --plan.total;
            add(s, plan, in);
            ++applied;
            gained += move.gain;
        }
        fill(s, plan, refill_order);
        // Stop when a pass no longer pays for itself (the search finishes the job).
        if (applied == 0 || gained <= 1e-7 * s.best_value) {
            return;
        }
    }
}

std::vector<int> identity_order(std::size_t n) {
    std::vector<int> order(n);
    std::iota(order.begin(), order.end(), 0);
    return order;
}

// Greedy fills of the cheapest feasible plan (in bound order and in plain value
// per cent order), the better one polished by swaps.
// Greedy in bound order from the pins, keeping enough budget aside for the regions'
// unmet minimums (their cheapest candidates), then meeting them. Much better than
// filling around the cheapest feasible plan when minimums hold good candidates back.
// Returns false when it cannot complete a valid plan (the caller has others).
bool reserve_greedy(const SolverState& s, const std::vector<int>& order, Plan& plan) {
    plan = plan_from(s, s.forced_in);
    const std::size_t regions = s.region_min.size();
    std::vector<std::vector<int>> cheapest(regions); // free positions by cost, per region
    for (std::size_t k = 0; k < s.items.size(); ++k) {
        const int r = s.items[k].region;
        if (r != no_region && s.region_min[r] > plan.count[r]) {
            cheapest[r].push_back(static_cast<int>(k));
        }
    }
    std::vector<int> need(regions, 0);
    for (std::size_t r = 0; r < regions; ++r) {
        need[r] = std::max(0, s.region_min[r] - plan.count[r]);
        std::sort(cheapest[r].begin(), cheapest[r].end(), [&](int a, int b) {
            return s.items[a].cost != s.items[b].cost ? s.items[a].cost < s.items[b].cost : a < b;
        });
    }
    // Cost of the `count` cheapest unchosen candidates of region r, skipping `except`.
    const auto reserve_of = [&](std::size_t r, int count, int except) {
        std::int64_t sum = 0;
        for (const int k : cheapest[r]) {
            if (count == 0) {
                break;
            }
            if (k == except || plan.chosen[s.items[k].index]) {
                continue;
            }
            sum += s.items[k].cost;
            --count;
        }
        return count == 0 ? sum : std::numeric_limits<std::int64_t>::max() / 4;
    };
    std::vector<std::int64_t> reserve(regions, 0);
    std::int64_t total_reserve = 0;
    for (std::size_t r = 0; r < regions; ++r) {
        reserve[r] = need[r] > 0 ? reserve_of(r, need[r], -1) : 0;
        total_reserve += reserve[r];
    }
    for (const int k : order) {
        const auto& item = s.items[k];
        if (plan.chosen[item.index] || !room_for(s, plan, item)) {
            continue;
        }
        const int r = item.region;
        std::int64_t reserve_after = total_reserve;
        std::int64_t region_after = 0;
        if (r != no_region && need[r] > 0) {
            region_after = reserve_of(r, need[r] - 1, k);
            reserve_after = total_reserve - reserve[r] + region_after;
        }
        if (plan.cost + item.cost + reserve_after > s.budget) {
            continue;
        }
        add(s, plan, item);
        if (r != no_region && need[r] > 0) {
            --need[r];
            reserve[r] = region_after;
            total_reserve = reserve_after;
        }
    }
    for (std::size_t r = 0; r < regions; ++r) {
        for (const int k : cheapest[r]) {
            if (need[r] == 0) {
                break;
            }
            const auto& item = s.items[k];
            if (!plan.chosen[item.index] && room_for(s, plan, item)) {
                add(s, plan, item);
                --need[r];
            }
        }
        if (need[r] > 0) {
            return false;
        }
    }
    return plan.total >= s.min_hires;
}

// The cheapest plan with as many hires as fit: each region's cheapest candidates
// up to its unmet minimum, then the cheapest of the rest within region maximums and
// the budget. False when that does not give a valid plan.
bool most_hires_plan(const SolverState& s, Plan& plan) {
    plan = plan_from(s, s.forced_in);
    const std::vector<int> order = items_by_cost(s);
    std::vector<int> need(s.region_min.size(), 0);
    for (std::size_t r = 0; r < need.size(); ++r) {
        need[r] = std::max(0, s.region_min[r] - plan.count[r]);
    }
    for (const int k : order) {
        const auto& item = s.items[k];
        if (item.region != no_region && need[item.region] > 0) {
            if (!room_for(s, plan, item)) {
                return false;
            }
            add(s, plan, item);
            --need[item.region];
        }
    }
    for (const int k : order) {
        const auto& item = s.items[k];
        if (plan.chosen[item.index] ||
            (item.region != no_region && plan.count[item.region] >= s.region_max[item.region])) {
            continue;
        }
        if (item.cost > s.budget - plan.cost) {
            break;
        }
        add(s, plan, item);
    }
    return plan.total >= s.min_hires;
}

// Sums of up to `depth` items drawn in turn from a list, as one bitset per item
// count over [-offset, bits - offset) (sums outside are dropped), with the item that
// first reached each sum (so a sum can be traced back to distinct items).
class SumTable {
public:
    SumTable(int depth, std::int64_t offset, std::size_t bits)
        : offset_(offset), bits_(bits), words_((bits + 63) / 64),
          reach_(static_cast<std::size_t>(depth) + 1, std::vector<std::uint64_t>(words_, 0)),
          first_(static_cast<std::size_t>(depth) + 1),
          low_(static_cast<std::size_t>(depth) + 1, words_), high_(low_.size(), 0) {
        // Left uninitialized: an entry is read only where its reach bit was set, and
        // large tables are mostly empty (untouched memory costs nothing).
        for (auto& first : first_) {
            first.reset(new std::uint16_t[bits]);
        }
        const auto at = static_cast<std::size_t>(offset);
        reach_[0][at / 64] |= std::uint64_t{1} << (at % 64);
        low_[0] = at / 64;
        high_[0] = at / 64 + 1;
    }

    // Offers item `id` (list position below 65,536, increasing from call to call) of
    // weight w.
    void add(int id, std::int64_t w) {
        // Word i of the shifted source is (src[i - q] << r) | (src[i - q - 1] >> (64 - r)).
        const std::int64_t q = w >= 0 ? w / 64 : -((-w + 63) / 64);
        const auto r = static_cast<int>(w - q * 64);
        const auto words = static_cast<std::int64_t>(words_);
        for (std::size_t k = reach_.size() - 1; k >= 1; --k) {
            if (low_[k - 1] >= high_[k - 1]) {
                continue;
            }
            auto& dst = reach_[k];
            const auto& src = reach_[k - 1];
            const std::int64_t from =
                std::max<std::int64_t>(0, static_cast<std::int64_t>(low_[k - 1]) + q);
            const std::int64_t to = std::min<std::int64_t>(
                words, static_cast<std::int64_t>(high_[k - 1]) + q + (r != 0 ? 1 : 0));
            const auto source = [&](std::int64_t j) {
                return j >= 0 && j < words ? src[static_cast<std::size_t>(j)] : std::uint64_t{0};
            };
            for (std::int64_t i = from; i < to; ++i) {
                std::uint64_t moved = source(i - q) << r;
                if (r != 0) {
                    moved |= source(i - q - 1) >> (64 - r);
                }
                const auto at = static_cast<std::size_t>(i);
                std::uint64_t fresh = moved & ~dst[at];
                if (at + 1 == words_ && bits_ % 64 != 0) {
                    fresh &= (std::uint64_t{1} << (bits_ % 64)) - 1;
                }
                if (fresh == 0) {
                    continue;
                }
                dst[at] |= fresh;
                low_[k] = std::min(low_[k], at);
                high_[k] = std::max(high_[k], at + 1);
                for (; fresh != 0; fresh &= fresh - 1) {
                    first_[k][at * 64 + static_cast<std::size_t>(std::countr_zero(fresh))] =
                        static_cast<std::uint16_t>(id);
                }
            }
        }
    }

    // The largest reachable sum of k items in (low, high], or low when none.
    [[nodiscard]] std::int64_t largest_in(std::size_t k, std::int64_t low,
                                          std::int64_t high) const {
        std::int64_t at = std::min(high + offset_, static_cast<std::int64_t>(bits_) - 1);
        const std::int64_t stop = std::max<std::int64_t>(low + offset_, -1);
        while (at > stop) {
            const auto word = reach_[k][static_cast<std::size_t>(at) / 64];
            const int bit = static_cast<int>(at % 64);
            const std::uint64_t masked = bit == 63 ? word : word & ((std::uint64_t{2} << bit) - 1);
            if (masked != 0) {
                const std::int64_t found = at - bit + (63 - std::countl_zero(masked));
                return found > stop ? found - offset_ : low;
            }
            at -= bit + 1;
        }
        return low;
    }

    // Every reachable sum of k items, in increasing order: calls f(sum).
    template <class F>
    void each(std::size_t k, F&& f) const {
        for (std::size_t i = low_[k]; i < high_[k]; ++i) {
            for (std::uint64_t w = reach_[k][i]; w != 0; w &= w - 1) {
                f(static_cast<std::int64_t>(i * 64 +
                                            static_cast<std::size_t>(std::countr_zero(w))) -
                  offset_);
            }
        }
    }

    // The list positions of k distinct items summing to `sum` (reachable).
    [[nodiscard]] std::vector<int> trace(std::size_t k, std::int64_t sum,
                                         const std::vector<std::int64_t>& weights) const {
        std::vector<int> ids;
        for (; k > 0; --k) {
            const int id = first_[k][static_cast<std::size_t>(sum + offset_)];
            ids.push_back(id);
            sum -= weights[static_cast<std::size_t>(id)];
        }
        return ids;
    }

private:
    std::int64_t offset_;
    std::size_t bits_, words_;
    std::vector<std::vector<std::uint64_t>> reach_;
    std::vector<std::unique_ptr<std::uint16_t[]>> first_;
    std::vector<std::size_t> low_, high_; // words [low, high) may hold set bits
};

// Bits in one of the fill searches' bitsets: enough for the last cents of large
// budgets, in proportion to the number of free items (quick for small rosters).
std::int64_t bitset_limit(const SolverState& s) {
    return std::clamp<std::int64_t>(256 * static_cast<std::int64_t>(s.items.size()), 4096,
                                    std::int64_t{1} << 18);
}

// Fill search on a plan whose hires all cost at most its cheapest non-hire (the
// cheapest plan with the most hires): exchange up to `depth` hires for as many
// non-hires so that the plan spends more of its budget, keeping its head count.
// This is what a plan needs when every dollar is worth about the same and each hire
// brings a bonus: the best plan fills the budget to the cent. With p the cheapest
// non-hire's price, an exchange of k for k raises the cost by
//   sum over ins of (cost - p) + sum over outs of (p - cost),
// both sides >= 0, so each side's sums by item count fit in a bitset over
// [0, budget left]; the `width` candidates priced nearest p on each side take part
// (within region rules for any exchange of `depth`). Applied only when it gains
// value. Returns true when it improved the plan.
bool fill_search(const SolverState& s, Plan& plan, int depth, int width) {
    const std::int64_t left = s.budget - plan.cost;
    if (left <= 0) {
        return false;
    }
    std::vector<int> outs, ins;
    std::int64_t pivot = std::numeric_limits<std::int64_t>::max();
    std::int64_t top = std::numeric_limits<std::int64_t>::min();
    for (std::size_t k = 0; k < s.items.size(); ++k) {
        const auto& item = s.items[k];
        const int r = item.region;
        if (plan.chosen[item.index]) {
            top = std::max(top, item.cost);
            if (r == no_region || plan.count[r] - depth >= s.region_min[r]) {
                outs.push_back(static_cast<int>(k));
            }
        } else {
            pivot = std::min(pivot, item.cost);
            if (r == no_region || s.region_max[r] == unlimited ||
                plan.count[r] + depth <= s.region_max[r]) {
                ins.push_back(static_cast<int>(k));
            }
        }
    }
    if (outs.empty() || ins.empty() || top > pivot) {
        return false;
    }
    // Candidates priced within the budget left of p (and near enough to keep the
    // bitsets small), nearest first (ties by position).
    const std::int64_t max_bits = bitset_limit(s);
    const std::int64_t within = std::min(left, max_bits - 1);
    const auto distance = [&](int k) {
        const std::int64_t d = s.items[k].cost - pivot;
        return d < 0 ? -d : d;
    };
    const auto nearest = [&](std::vector<int>& list) {
        std::erase_if(list, [&](int k) { return distance(k) > within; });
        const auto keep = std::min(list.size(), static_cast<std::size_t>(width));
        std::partial_sort(list.begin(), list.begin() + static_cast<std::ptrdiff_t>(keep),
                          list.end(), [&](int a, int b) {
                              return distance(a) != distance(b) ? distance(a) < distance(b) : a < b;
                          });
        list.resize(keep);
    };
    nearest(outs);
    nearest(ins);
    if (outs.empty() || ins.empty()) {
        return false;
    }
    std::int64_t span = 0;
    std::vector<std::int64_t> out_w, in_w;
    for (const int k : outs) {
        out_w.push_back(distance(k));
        span = std::max(span, out_w.back());
    }
    for (const int k : ins) {
        in_w.push_back(distance(k));
        span = std::max(span, in_w.back());
    }
    const auto bits = static_cast<std::size_t>(std::min({left, depth * span, max_bits - 1}) + 1);
    SumTable out_sums(depth, 0, bits), in_sums(depth, 0, bits);
    for (std::size_t k = 0; k < outs.size(); ++k) {
        out_sums.add(static_cast<int>(k), out_w[k]);
    }
    for (std::size_t k = 0; k < ins.size(); ++k) {
        in_sums.add(static_cast<int>(k), in_w[k]);
    }
    // The largest in + out <= left for each k: outs rising, ins falling.
    std::int64_t best_rise = 0, best_out = 0, best_in = 0;
    std::size_t best_k = 0;
    std::vector<std::int64_t> out_list, in_list;
    for (std::size_t k = 1; k <= static_cast<std::size_t>(depth) && best_rise < left; ++k) {
        out_list.clear();
        in_list.clear();
        out_sums.each(k, [&](std::int64_t sum) { out_list.push_back(sum); });
        in_sums.each(k, [&](std::int64_t sum) { in_list.push_back(sum); });
        auto j = in_list.size();
        for (const std::int64_t out_sum : out_list) {
            while (j > 0 && in_list[j - 1] > left - out_sum) {
                --j;
            }
            if (j == 0) {
                break;
            }
            if (in_list[j - 1] + out_sum > best_rise) {
                best_rise = in_list[j - 1] + out_sum;
                best_out = out_sum;
                best_in = in_list[j - 1];
                best_k = k;
            }
        }
    }
    if (best_k == 0) {
        return false;
    }
    Plan next = plan;
    for (const int id : out_sums.trace(best_k, best_out, out_w)) {
        const auto& item = s.items[outs[static_cast<std::size_t>(id)]];
        next.chosen[item.index] = 0;
        next.cost -= item.cost;
        --next.total;
        if (item.region != no_region) {
            --next.count[item.region];
        }
    }
    for (const int id : in_sums.trace(best_k, best_in, in_w)) {
        add(s, next, s.items[ins[static_cast<std::size_t>(id)]]);
    }
    if (next.cost > s.budget) {
        return false;
    }
    for (std::size_t r = 0; r < next.count.size(); ++r) {
        if (next.count[r] < s.region_min[r] || next.count[r] > s.region_max[r]) {
            return false;
        }
    }
    const double before = plan_value(s, plan.chosen);
    if (!(plan_value(s, next.chosen) > before + s.tolerance(before))) {
        return false;
    }
    plan = std::move(next);
    return true;
}

// Swap fill: up to `depth` single swaps at once (a hire for a non-hire priced within
// `reach` cents of it), so that the plan spends more of its budget, keeping its
// head count. Swaps stay within one region, or between regions whose counts have
// room for `depth` changes either way (and candidates without a region). Their
// price changes are small, so the bitset of sums is small; any sum in
// (0, budget left] is a plan that spends more. Applied only when it gains value.
bool swap_fill(const SolverState& s, Plan& plan, int depth, std::int64_t reach) {
    const std::int64_t left = s.budget - plan.cost;
    if (left <= 0) {
        return false;
    }
    const std::size_t regions = s.region_min.size();
    std::vector<char> flexible(regions, 0);
    for (std::size_t r = 0; r < regions; ++r) {
        flexible[r] = static_cast<char>(
            plan.count[r] - depth >= s.region_min[r] &&
            (s.region_max[r] == unlimited || plan.count[r] + depth <= s.region_max[r]));
    }
    // Class: -1 for the flexible ones, else the region.
    const auto class_of = [&](const FreeItem& item) {
        return item.region == no_region || flexible[item.region] ? -1 : item.region;
    };
    const std::vector<int> order = items_by_cost(s);
    std::vector<std::vector<int>> hires(regions + 1), others(regions + 1);
    for (const int k : order) {
        const auto& item = s.items[k];
        const auto c = static_cast<std::size_t>(class_of(item) + 1);
        (plan.chosen[item.index] ? hires[c] : others[c]).push_back(k);
    }
    struct Swap {
        int out, in;
    };
    std::vector<Swap> swaps;
    std::vector<std::int64_t> weights;
    // Enough swaps to make many sums, few enough to stay quick.
    constexpr std::size_t min_swaps = 400, max_swaps = 20'000;
    const std::int64_t max_reach = bitset_limit(s) / (2 * depth);
    const auto collect = [&](std::int64_t within) {
        swaps.clear();
        weights.clear();
        for (std::size_t c = 0; c <= regions && swaps.size() <= max_swaps; ++c) {
            const auto& h = hires[c];
            const auto& o = others[c];
            std::size_t lo = 0;
            for (const int i : h) {
                const std::int64_t ci = s.items[i].cost;
                while (lo < o.size() && s.items[o[lo]].cost < ci - within) {
                    ++lo;
                }
                for (std::size_t j = lo; j < o.size() && s.items[o[j]].cost <= ci + within; ++j) {
                    const std::int64_t delta = s.items[o[j]].cost - ci;
                    if (delta != 0) {
                        swaps.push_back({i, o[j]});
                        weights.push_back(delta);
                    }
                }
                if (swaps.size() > max_swaps) {
                    break;
                }
            }
        }
    };
    std::int64_t spread = 0; // no swap changes the price by more
    if (!order.empty()) {
        spread = s.items[order.back()].cost - s.items[order.front()].cost;
    }
    reach = std::min(reach, std::max<std::int64_t>(spread, 1));
    collect(reach);
    while (swaps.size() < min_swaps && reach < std::min(max_reach, spread)) {
        reach *= 2;
        collect(reach);
    }
    while (swaps.size() > max_swaps && reach > 1) {
        reach /= 2;
        collect(reach);
    }
    if (swaps.empty() || swaps.size() > max_swaps) {
        return false;
    }
    // Two swaps in a sum may share a candidate: then drop one of them and retry.
    std::vector<char> dropped(swaps.size(), 0);
    for (int attempt = 0; attempt < 8; ++attempt) {
        const std::int64_t offset = depth * reach;
        SumTable sums(depth, offset, static_cast<std::size_t>(2 * offset + 1));
        for (std::size_t k = 0; k < swaps.size(); ++k) {
            if (!dropped[k]) {
                sums.add(static_cast<int>(k), weights[k]);
            }
        }
        std::int64_t best = 0;
        std::size_t best_k = 0;
        for (std::size_t k = 1; k <= static_cast<std::size_t>(depth); ++k) {
            const std::int64_t found = sums.largest_in(k, best, std::min(left, offset));
            if (found > best) {
                best = found;
                best_k = k;
            }
        }
        if (best_k == 0) {
            return false;
        }
        Plan next = plan;
        bool clash = false;
        for (const int id : sums.trace(best_k, best, weights)) {
            const Swap swap = swaps[static_cast<std::size_t>(id)];
            const auto& out = s.items[swap.out];
            const auto& in = s.items[swap.in];
            if (!next.chosen[out.index] || next.chosen[in.index]) {
                // Keep the earlier swap; no other swap may reuse the shared candidate.
                const bool shares_out = !next.chosen[out.index];
                for (std::size_t k = 0; k < swaps.size(); ++k) {
                    if (static_cast<int>(k) != id &&
                        (shares_out ? swaps[k].out == swap.out : swaps[k].in == swap.in)) {
                        dropped[k] = 1;
                    }
                }
                dropped[static_cast<std::size_t>(id)] = 1;
                clash = true;
                break;
            }
            next.chosen[out.index] = 0;
            next.cost -= out.cost;
            --next.total;
            if (out.region != no_region) {
                --next.count[out.region];
            }
            add(s, next, in);
        }
        if (clash) {
            continue;
        }
        if (next.cost > s.budget) {
            return false;
        }
        for (std::size_t r = 0; r < regions; ++r) {
            if (next.count[r] < s.region_min[r] || next.count[r] > s.region_max[r]) {
                return false;
            }
        }
        const double before = plan_value(s, plan.chosen);
        if (!(plan_value(s, next.chosen) > before + s.tolerance(before))) {
            return false;
        }
        plan = std::move(next);
        return true;
    }
    return false;
}

// When the count LP's head-count row binds, value comes with each hire: start from
// the plan with the most hires and raise its value by exchanges.
void count_first_incumbent(SolverState& s) {
    Plan plan;
    if (!most_hires_plan(s, plan)) {
        return;
    }
    const std::vector<int> bound_order = identity_order(s.items.size());
    fill_search(s, plan, 3, 192);
    swap_search(s, plan, bound_order, 12);
    for (int round = 0; round < 4 && swap_fill(s, plan, 3, 1000); ++round) {
    }
    offer(s, plan);
}

void find_incumbent(SolverState& s, std::optional<CountBound>& count) {
    const std::vector<int> bound_order = identity_order(s.items.size());
    Plan first = plan_from(s, s.min_plan);
    fill(s, first, bound_order);
    offer(s, first);
    if (Plan reserved; reserve_greedy(s, bound_order, reserved)) {
        offer(s, reserved);
    }
    bool multipliers = s.sigma != 0.0;
    for (const double rho : s.rho) {
        multipliers = multipliers || rho != 0.0;
    }
    if (multipliers) {
        // With count multipliers the bound order differs from plain value per cent.
        std::vector<std::pair<double, int>> keyed(s.items.size());
        for (std::size_t k = 0; k < s.items.size(); ++k) {
            const auto& item = s.items[k];
            keyed[k] = {item.cost > 0 ? item.value / static_cast<double>(item.cost) : infinity,
                        static_cast<int>(k)};
        }
        std::sort(keyed.begin(), keyed.end(), [](const auto& a, const auto& b) {
            return a.first != b.first ? a.first > b.first : a.second < b.second;
        });
        std::vector<int> ratio_order;
        ratio_order.reserve(keyed.size());
        for (const auto& entry : keyed) {
            ratio_order.push_back(entry.second);
        }
        Plan second = plan_from(s, s.min_plan);
        fill(s, second, ratio_order);
        offer(s, second);
    }
    if (count_row_binds(s)) {
        count = count_duals(s);
        if (count->sigma > 0.0) {
            count_first_incumbent(s);
        }
    }
}

// Swaps on the incumbent, then swap fills that spend its last cents (with a fee per
// hire, the best plans spend the budget almost to the cent with few hires).
void polish_incumbent(SolverState& s) {
    Plan plan = plan_from(s, s.best_chosen);
    swap_search(s, plan, identity_order(s.items.size()), 12);
    for (int round = 0; round < 4 && swap_fill(s, plan, 3, 1000); ++round) {
    }
    offer(s, plan);
}

// [SECTION] Reduced-cost fixing

// With the root's budget price lambda (the break item's adjusted ratio), every free
// item has a reduced cost d = adj - lambda * cost, and the root bound is
//   forced_adj + constant + lambda * residual + sum max(0, d).
// Forcing an item against the sign of d lowers that bound by |d|; when the lowered
// bound cannot beat the incumbent, the item is fixed. Returns false when the
// incumbent is proven optimal.
bool reduce(SolverState& s, std::optional<CountBound> count = std::nullopt) {
    const std::int64_t residual = s.budget - s.forced_cost;
    int end = 0;
    s.blocked = 0;
    const double dantzig_bound = dantzig(s, 0, residual, &end);
    double lambda = 0.0;
    if (end < s.positive) {
        lambda = s.items[end].adj / static_cast<double>(s.items[end].cost);
    }
    double bound = s.forced_adj + s.lagrange_constant + lambda * static_cast<double>(residual);
    for (const auto& item : s.items) {
        bound += std::max(0.0, item.adj - lambda * static_cast<double>(item.cost));
    }
    // Both forms are the same bound; keep the smaller (rounding differs).
    bound = std::min(bound, s.forced_adj + s.lagrange_constant + dantzig_bound);
    // The count LP's bound, with its own reduced values (it also fixes items).
    if (!count && count_row_binds(s)) {
        count = count_duals(s);
    }
    const auto count_d = [&](const FreeItem& item) {
        return item.value - count->lambda * static_cast<double>(item.cost) - count->sigma -
               (item.region == no_region ? 0.0 : count->rho[item.region]);
    };
    if (count) {
        s.count_root = std::min(s.count_root, count->root);
    }
    s.root_bound = std::min(bound, s.count_root);
    const double threshold = s.best_value + s.tolerance(s.best_value);
    if (s.root_bound <= threshold) {
        return false;
    }
    std::vector<FreeItem> kept;
    kept.reserve(s.items.size());
    for (const auto& item : s.items) {
        const double d = item.adj - lambda * static_cast<double>(item.cost);
        const double d2 = count ? count_d(item) : 0.0;
        const bool out =
            (d < 0.0 && bound + d <= threshold) || (d2 < 0.0 && count->root + d2 <= threshold);
        const bool in =
            (d > 0.0 && bound - d <= threshold) || (d2 > 0.0 && count->root - d2 <= threshold);
        if (out && in) {
            return false; // no better plan can either take or leave it
        }
        if (out) {
            continue; // fixed out
        }
        if (in) {
            s.forced_in[item.index] = 1;
            s.forced_cost += item.cost;
            s.forced_value += item.value;
            s.forced_adj += item.adj;
            ++s.forced_count;
            if (item.region != no_region) {
                ++s.forced_region_count[item.region];
            }
            continue;
        }
        kept.push_back(item);
    }
    s.fixed_by_reduction += static_cast<std::int64_t>(s.items.size() - kept.size());
    s.items = std::move(kept);
    // Every better plan holds the fixed-in hires; if they break a rule, none exists.
    if (s.forced_cost > s.budget) {
        return false;
    }
    for (std::size_t r = 0; r < s.region_min.size(); ++r) {
        if (s.forced_region_count[r] > s.region_max[r]) {
            return false;
        }
    }
    arrange(s, true); // filtering keeps the order
    return true;
}

// [SECTION] Depth-first branch and bound

void start_search(SolverState& s) {
    const std::size_t f = s.items.size();
    s.take.assign(f, 0);
    s.pending.assign(f, 0);
    s.bound_at.assign(f, 0.0);
    s.pos = 0;
    s.residual = s.budget - s.forced_cost;
    s.value = s.forced_value;
    s.adj = s.forced_adj;
    s.count = s.forced_region_count;
    s.total = s.forced_count;
    s.remaining.assign(s.region_min.size(), 0);
    for (const auto& item : s.items) {
        if (item.region != no_region) {
            ++s.remaining[item.region];
        }
    }
    s.blocked = 0;
    for (std::size_t r = 0; r < s.count.size(); ++r) {
        if (s.count[r] >= s.region_max[r]) {
            ++s.blocked;
        }
    }
    s.bound_valid = false;
}

// Sets up count_bound() when plans that can win have few hires: with the budget price
// count_lambda, the items from position p on, and j of them still to hire, any
// completion adds at most  count_lambda x cents left + (sum of the j largest
// value - count_lambda x cost from p on). Prefix sums of each suffix's best, O(f x J).
void start_count_bound(SolverState& s) {
    const int f = static_cast<int>(s.items.size());
    s.suffix_top = 0;
    s.suffix_best.clear();
    if (s.count_high == unlimited) {
        return;
    }
    const int top = std::min(f, s.count_high - s.forced_count);
    if (top <= 0 || top > 64 || s.count_lambdas.empty() ||
        static_cast<std::int64_t>(f + 1) * (top + 1) > 4'000'000) {
        return;
    }
    s.suffix_top = top;
    // The last few prices only (a reduction again adds three more).
    if (s.count_lambdas.size() > 3) {
        s.count_lambdas.erase(s.count_lambdas.begin(), s.count_lambdas.end() - 3);
    }
    const std::size_t width = static_cast<std::size_t>(top) + 1;
    const std::size_t layer = static_cast<std::size_t>(f + 1) * width;
    s.suffix_best.assign(layer * s.count_lambdas.size(), -infinity);
    for (std::size_t l = 0; l < s.count_lambdas.size(); ++l) {
        const double lambda = s.count_lambdas[l];
        std::vector<double> best; // the suffix's largest values, descending, at most `top`
        s.suffix_best[l * layer + static_cast<std::size_t>(f) * width] = 0.0;
        for (int p = f - 1; p >= 0; --p) {
            const auto& item = s.items[p];
            const double w = item.value - lambda * static_cast<double>(item.cost);
            best.insert(std::upper_bound(best.begin(), best.end(), w, std::greater<>()), w);
            if (static_cast<int>(best.size()) > top) {
                best.pop_back();
            }
            double* row = &s.suffix_best[l * layer + static_cast<std::size_t>(p) * width];
            row[0] = 0.0;
            for (std::size_t j = 0; j < best.size(); ++j) {
                row[j + 1] = row[j] + best[j]; // the rest stay -infinity: too few items
            }
        }
    }
}

// The bound of the current node over hire counts in [count_low, count_high].
double count_bound(const SolverState& s) {
    const int need_low = std::max(0, s.count_low - s.total);
    const int need_high = std::min(s.suffix_top, s.count_high - s.total);
    const std::size_t width = static_cast<std::size_t>(s.suffix_top) + 1;
    const std::size_t layer = (s.items.size() + 1) * width;
    double bound = infinity;
    for (std::size_t l = 0; l < s.count_lambdas.size(); ++l) {
        const double* row = &s.suffix_best[l * layer + static_cast<std::size_t>(s.pos) * width];
        double best = -infinity;
        for (int j = need_low; j <= need_high; ++j) {
            best = std::max(best, row[j]);
        }
        bound = std::min(bound, s.count_lambdas[l] * static_cast<double>(s.residual) + best);
    }
    return s.value + bound;
}

bool counts_met(const SolverState& s) {
    if (s.total < s.min_hires) {
        return false;
    }
    for (std::size_t r = 0; r < s.count.size(); ++r) {
        if (s.count[r] < s.region_min[r]) {
            return false;
        }
    }
    return true;
}

// A region minimum or the overall minimum can no longer be met below this node.
bool counts_unreachable(const SolverState& s) {
    const int free_left = static_cast<int>(s.items.size()) - s.pos;
    if (s.total + free_left < s.count_low) {
        return true;
    }
    for (std::size_t r = 0; r < s.count.size(); ++r) {
        if (s.count[r] + s.remaining[r] < s.region_min[r]) {
            return true;
        }
    }
    return false;
}

void record_incumbent(SolverState& s) {
    std::vector<char> chosen = s.forced_in;
    for (int k = 0; k < s.pos; ++k) {
        if (s.take[k]) {
            chosen[s.items[k].index] = 1;
        }
    }
    const double value = plan_value(s, chosen);
    if (value > s.best_value) {
        s.has_incumbent = true;
        s.best_value = value;
        s.best_cost = s.budget - s.residual;
        s.best_chosen = std::move(chosen);
    }
}

void apply(SolverState& s, const FreeItem& item, int sign) {
    s.residual -= sign * item.cost;
    s.value += sign * item.value;
    s.adj += sign * item.adj;
    s.total += sign;
    if (item.region != no_region) {
        const bool was_blocked = s.count[item.region] >= s.region_max[item.region];
        s.count[item.region] += sign;
        const bool is_blocked = s.count[item.region] >= s.region_max[item.region];
        s.blocked += static_cast<int>(is_blocked) - static_cast<int>(was_blocked);
    }
}

void advance(SolverState& s) {
    const auto& item = s.items[s.pos];
    if (item.region != no_region) {
        --s.remaining[item.region];
    }
    ++s.pos;
}

// Undoes decisions up to the deepest pending take, switches it to "skip" and
// continues from there. False when the tree is exhausted.
bool backtrack(SolverState& s) {
    while (s.pos > 0) {
        --s.pos;
        const auto& item = s.items[s.pos];
        if (item.region != no_region) {
            ++s.remaining[item.region];
        }
        if (s.take[s.pos]) {
            apply(s, item, -1);
            s.take[s.pos] = 0;
            if (s.pending[s.pos]) {
                s.pending[s.pos] = 0;
                if (s.bound_at[s.pos] <= s.best_value + s.tolerance(s.best_value)) {
                    continue; // the incumbent improved since; the skip branch cannot win
                }
                advance(s);
                s.bound_valid = false;
                return true;
            }
        }
    }
    return false;
}

// [SECTION] Dynamic programming over the core
//
// An expanding-core dynamic program: start from the break solution (the core items
// that fit in bound order), then widen a window around the break item one item at
// a time, alternately offering the next item after the window ("add it?") and the
// last one before it ("drop it?"). Every state is a whole plan; plans with the same
// count signature are kept only when no cheaper plan has at least their value.
// A state dies when its bound cannot beat the incumbent:
//   under budget: adj + constant + leftover cents x (ratio of the next item to add)
//   over budget:  adj + constant - excess cents x (ratio of the next item to drop).
// This is what makes fill-limited instances (value proportional to price) easy: a
// branch-and-bound search would enumerate plans that differ by a few cents.

constexpr int safe_count = std::numeric_limits<int>::min(); // rule can no longer break
// Memory guards (about 12 MB with the trail): beyond them the automatic engine drops
// the DP and the depth-first search, which needs memory only for the core, goes on.
constexpr std::int64_t dp_state_limit = 150'000;
constexpr std::size_t dp_trail_limit = 1'500'000;

double ratio_of(const FreeItem& item) {
    if (item.cost == 0) {
        return item.adj > 0.0 ? infinity : 0.0;
    }
    return item.adj / static_cast<double>(item.cost);
}

// Index of tracked rule k for an item, or -1: rules are regions (one per item) plus
// the head count (every item).
bool in_rule(const SolverState& s, std::size_t k, const FreeItem& item) {
    return s.tracked[k] < 0 || s.tracked[k] == item.region;
}

double dp_first_bound(const SolverState& s, const SolverState::DpState& st) {
    const std::int64_t room = s.budget - s.forced_cost - st.cost;
    const double base = s.forced_adj + s.lagrange_constant + st.adj;
    const int f = static_cast<int>(s.items.size());
    if (room >= 0) {
        if (s.dp_t + 1 >= f) {
            return base;
        }
        const double r = ratio_of(s.items[s.dp_t + 1]);
        return r > 0.0 ? base + static_cast<double>(room) * r : base;
    }
    if (s.dp_s <= 0) {
        return -infinity; // over budget and nothing left to drop
    }
    const double r = ratio_of(s.items[s.dp_s - 1]);
    if (!(r > 0.0)) {
        return base; // cannot happen for break-solution items; stay valid anyway
    }
    return r == infinity ? -infinity : base + static_cast<double>(room) * r;
}

// Fenwick tree over the core items outside the window, indexed by cost rank: how
// many of them (cheapest first) fit in a given number of cents.
void fenwick_update(SolverState& s, int rank, int count, std::int64_t cost) {
    const int n = static_cast<int>(s.fenwick_count.size()) - 1;
    for (int i = rank + 1; i <= n; i += i & -i) {
        s.fenwick_count[i] += count;
        s.fenwick_cost[i] += cost;
    }
}

int fenwick_max_fit(const SolverState& s, std::int64_t cents) {
    const int n = static_cast<int>(s.fenwick_count.size()) - 1;
    int step = 1;
    while (step * 2 <= n) {
        step *= 2;
    }
    int at = 0, fit = 0;
    std::int64_t spent = 0;
    for (; step > 0; step /= 2) {
        const int next = at + step;
        if (next <= n && spent + s.fenwick_cost[next] <= cents) {
            at = next;
            spent += s.fenwick_cost[next];
            fit += s.fenwick_count[next];
        }
    }
    return fit;
}

// Second bound of a state, from the count LP (count_duals()): with
// d = value - lambda_k * cost - sigma_k - rho_k[region] for each core item, a
// completion's core part is worth at most
//   head_constant + lambda_k * room + sigma_k * (hires that can still fit) + sum d,
// where the sum is at most the plan's own d, plus every gain from dropping a
// negative-d item before the window, plus every positive-d item after it.
double head_bound(const SolverState& s, const SolverState::DpState& st) {
    if (st.cost > s.budget - s.forced_cost && s.dp_s == 0) {
        return -infinity;
    }
    const std::int64_t before_cost = s.prefix_cost[s.dp_s];
    const int window_count = st.count - s.dp_s;
    const int window_capped = st.capped - s.capped_prefix[s.dp_s];
    const std::int64_t window_cost = st.cost - before_cost;
    // Hires in capped regions are limited by the caps; the others by what fits.
    // Uncapped hires: the window's, plus what fits from the uncapped items outside it
    // and, for the capped regions, their cheapest items up to each cap (any plan's
    // capped hires cost at least that much).
    const std::int64_t window_uncapped_cost =
        window_cost - (st.capped_cost - s.capped_prefix_cost[s.dp_s]);
    const int kmax = (window_count - window_capped) +
                     fenwick_max_fit(s, s.budget - s.forced_cost - window_uncapped_cost);
    const double best_d = st.head + s.head_prefix_neg[s.dp_s] + s.head_suffix_pos[s.dp_t + 1];
    return s.head_constant + s.sigma_k * kmax + best_d;
}

double dp_bound(const SolverState& s, const SolverState::DpState& st) {
    const double first = dp_first_bound(s, st);
    if (!s.head_bound || !(first > s.best_value)) {
        return first;
    }
    return std::min(first, head_bound(s, st));
}

double head_d(const SolverState& s, const FreeItem& item) {
    return item.value - s.lambda_k * static_cast<double>(item.cost) - s.sigma_k -
           (item.region == no_region ? 0.0 : s.rho_k[item.region]);
}

// Sets up the second bound: the count LP's multipliers on the core, and the
// structures head_bound() reads. Off when some core item is free (ratios undefined)
// or when the count row is slack (the first bound already has it all).
void start_head_bound(SolverState& s) {
    const int f = static_cast<int>(s.items.size());
    s.head_bound = false;
    if (f == 0) {
        return;
    }
    for (const auto& item : s.items) {
        if (item.cost == 0) {
            return;
        }
    }
    std::vector<int> in_region(s.region_min.size(), 0);
    for (const auto& item : s.items) {
        if (item.region != no_region) {
            ++in_region[item.region];
        }
    }
    std::vector<char> capped_region(s.region_min.size(), 0);
    for (std::size_t r = 0; r < in_region.size(); ++r) {
        const int room =
            s.region_max[r] == unlimited ? unlimited : s.region_max[r] - s.forced_region_count[r];
        if (room < in_region[r]) {
            capped_region[r] = 1;
        }
    }
    s.head_capped.assign(f, 0);
    s.capped_prefix.assign(f + 1, 0);
    s.capped_prefix_cost.assign(f + 1, 0);
    for (int k = 0; k < f; ++k) {
        const int r = s.items[k].region;
        s.head_capped[k] = static_cast<char>(r != no_region && capped_region[r]);
        s.capped_prefix[k + 1] = s.capped_prefix[k] + s.head_capped[k];
        s.capped_prefix_cost[k + 1] =
            s.capped_prefix_cost[k] + (s.head_capped[k] ? s.items[k].cost : 0);
    }
    const std::vector<int> order = items_by_cost(s);
    s.cost_rank.assign(f, 0);
    // The cheapest (maximum - forced) items of each capped region form a fixed pool.
    std::vector<char> pool(f, 0);
    std::vector<int> pool_left(s.region_min.size(), 0);
    for (std::size_t r = 0; r < pool_left.size(); ++r) {
        if (capped_region[r]) {
            pool_left[r] = std::max(0, s.region_max[r] - s.forced_region_count[r]);
        }
    }
    for (int r = 0; r < f; ++r) {
        const int k = order[r];
        s.cost_rank[k] = r;
        if (s.head_capped[k]) {
            const int region = s.items[k].region;
            if (pool_left[region] == 0) {
                continue;
            }
            --pool_left[region];
            pool[k] = 1;
        }
    }
    if (!count_row_binds(s)) {
        return;
    }
    const CountBound count = count_duals(s);
    if (!(count.sigma > 0.0)) {
        return;
    }
    s.sigma_k = count.sigma;
    s.lambda_k = count.lambda;
    s.rho_k = count.rho;
    s.head_constant = s.forced_value + count.constant +
                      s.lambda_k * static_cast<double>(s.budget - s.forced_cost);
    s.fenwick_count.assign(f + 1, 0);
    s.fenwick_cost.assign(f + 1, 0);
    for (int k = 0; k < f; ++k) {
        if (!s.head_capped[k] || pool[k]) {
            fenwick_update(s, s.cost_rank[k], 1, s.items[k].cost);
        }
    }
    s.head_item_d.assign(f, 0.0);
    s.head_prefix_neg.assign(f + 1, 0.0);
    s.head_suffix_pos.assign(f + 1, 0.0);
    for (int k = 0; k < f; ++k) {
        s.head_item_d[k] = head_d(s, s.items[k]);
        s.head_prefix_neg[k + 1] = s.head_prefix_neg[k] + std::max(0.0, -s.head_item_d[k]);
    }
    for (int k = f - 1; k >= 0; --k) {
        s.head_suffix_pos[k] = s.head_suffix_pos[k + 1] + std::max(0.0, s.head_item_d[k]);
    }
    s.head_bound = true;
}

// Collapses counts that can no longer break their rule to safe_count. Returns false
// when a rule can no longer be met.
bool rekey(const SolverState& s, std::vector<int>& key) {
    for (std::size_t k = 0; k < key.size(); ++k) {
        if (key[k] == safe_count) {
            continue;
        }
        const int lower = s.tracked_lower[k], upper = s.tracked_upper[k];
        if (key[k] + s.addable[k] < lower) {
            return false;
        }
        if (upper != unlimited && key[k] - s.removable[k] > upper) {
            return false;
        }
        if (key[k] - s.removable[k] >= lower &&
            (upper == unlimited || key[k] + s.addable[k] <= upper)) {
            key[k] = safe_count;
        }
    }
    return true;
}

bool key_feasible(const SolverState& s, const std::vector<int>& key) {
    for (std::size_t k = 0; k < key.size(); ++k) {
        if (key[k] != safe_count &&
            (key[k] < s.tracked_lower[k] ||
             (s.tracked_upper[k] != unlimited && key[k] > s.tracked_upper[k]))) {
            return false;
        }
    }
    return true;
}

std::vector<char> dp_plan(const SolverState& s, int trail) {
    std::vector<char> chosen = s.forced_in;
    for (int k = 0; k < s.dp_break; ++k) {
        chosen[s.items[k].index] = 1;
    }
    for (int at = trail; at >= 0; at = s.dp_trail[at].second) {
        const int index = s.items[s.dp_trail[at].first].index;
        chosen[index] = static_cast<char>(!chosen[index]);
    }
    return chosen;
}

// Merges the runs of one group (each sorted by cost), keeps the Pareto states that
// can still beat the incumbent, and offers feasible ones as incumbents.
void settle_group(SolverState& s, const std::vector<int>& key,
                  std::vector<SolverState::DpState>& all, const std::vector<std::size_t>& runs) {
    const auto by_cost = [](const SolverState::DpState& a, const SolverState::DpState& b) {
        return a.cost != b.cost ? a.cost < b.cost : a.value > b.value;
    };
    if (runs.size() == 2) {
        std::inplace_merge(all.begin(), all.begin() + static_cast<std::ptrdiff_t>(runs[1]),
                           all.end(), by_cost);
    } else if (runs.size() > 2) {
        std::stable_sort(all.begin(), all.end(), by_cost);
    }
    const bool feasible_counts = key_feasible(s, key);
    const std::int64_t room = s.budget - s.forced_cost;
    std::size_t kept = 0;
    double best_seen = -infinity;
    for (std::size_t i = 0; i < all.size(); ++i) {
        const auto st = all[i];
        if (!(st.value > best_seen)) {
            continue; // a cheaper plan in this group is worth at least as much
        }
        best_seen = st.value;
        if (feasible_counts && st.cost <= room && s.forced_value + st.value > s.best_value) {
            std::vector<char> chosen = dp_plan(s, st.trail);
            const double value = plan_value(s, chosen);
            if (value > s.best_value) {
                s.has_incumbent = true;
                s.best_value = value;
                s.best_cost = s.forced_cost + st.cost;
                s.best_chosen = std::move(chosen);
            }
        }
        if (dp_bound(s, st) <= s.best_value + s.tolerance(s.best_value)) {
            continue;
        }
        all[kept++] = st;
    }
    all.resize(kept);
}

void start_dp(SolverState& s) {
    const int f = static_cast<int>(s.items.size());
    const std::int64_t room = s.budget - s.forced_cost;
    // Break solution: the longest prefix of positive items that fits.
    int b = 0;
    std::int64_t cost = 0;
    double value = 0.0, adj = 0.0;
    while (b < s.positive && cost + s.items[b].cost <= room) {
        cost += s.items[b].cost;
        value += s.items[b].value;
        adj += s.items[b].adj;
        ++b;
    }
    s.dp_break = b;
    s.dp_s = b;
    s.dp_t = b - 1;
    s.dp_add_next = true;
    s.dp_trail.clear();
    s.dp_groups.clear();

    // Tracked rules: regions with a rule and core items, and the head count minimum.
    s.tracked.clear();
    s.tracked_lower.clear();
    s.tracked_upper.clear();
    std::vector<int> core_in_region(s.region_min.size(), 0);
    for (const auto& item : s.items) {
        if (item.region != no_region) {
            ++core_in_region[item.region];
        }
    }
    for (std::size_t r = 0; r < s.region_min.size(); ++r) {
        const bool ruled = s.region_min[r] > 0 || s.region_max[r] != unlimited;
        if (ruled && core_in_region[r] > 0) {
            s.tracked.push_back(static_cast<int>(r));
            s.tracked_lower.push_back(s.region_min[r]);
            s.tracked_upper.push_back(s.region_max[r]);
        }
    }
    if (s.count_low > s.forced_count || s.count_high != unlimited) {
        s.tracked.push_back(-1);
        s.tracked_lower.push_back(s.count_low);
        s.tracked_upper.push_back(s.count_high);
    }
    const std::size_t t = s.tracked.size();
    s.removable.assign(t, 0);
    s.addable.assign(t, 0);
    std::vector<int> key(t, 0);
    for (std::size_t k = 0; k < t; ++k) {
        key[k] = s.tracked[k] < 0 ? s.forced_count : s.forced_region_count[s.tracked[k]];
    }
    for (int j = 0; j < f; ++j) {
        for (std::size_t k = 0; k < t; ++k) {
            if (in_rule(s, k, s.items[j])) {
                if (j < b) {
                    ++s.removable[k];
                    ++key[k];
                } else {
                    ++s.addable[k];
                }
            }
        }
    }
    start_head_bound(s);
    const int capped = s.head_bound ? s.capped_prefix[b] : 0;
    const std::int64_t capped_cost = s.head_bound ? s.capped_prefix_cost[b] : 0;
    double head = 0.0;
    if (s.head_bound) {
        for (int k = 0; k < b; ++k) {
            head += s.head_item_d[k];
        }
    }
    std::vector<SolverState::DpState> first{
        SolverState::DpState{cost, value, adj, b, capped, capped_cost, -1, head}};
    if (rekey(s, key)) {
        settle_group(s, key, first, {0});
        if (!first.empty()) {
            s.dp_groups.emplace(key, std::move(first));
        }
    }
    s.dp_live = s.dp_groups.empty() ? 0 : 1;
    if (s.dp_groups.empty()) {
        s.done = true;
    }
}

// One expansion of the window. Returns the number of states it produced.
std::int64_t dp_expand(SolverState& s) {
    const int f = static_cast<int>(s.items.size());
    const bool can_add = s.dp_t + 1 < f;
    const bool can_drop = s.dp_s > 0;
    if (s.dp_groups.empty() || (!can_add && !can_drop)) {
        s.done = true;
        return 0;
    }
    const bool add = can_add && (s.dp_add_next || !can_drop);
    s.dp_add_next = !add;
    const int j = add ? ++s.dp_t : --s.dp_s;
    const FreeItem& item = s.items[j];
    const int sign = add ? 1 : -1;
    const std::size_t t = s.tracked.size();
    if (s.head_bound && !s.head_capped[j]) {
        fenwick_update(s, s.cost_rank[j], -1, -item.cost);
    }
    for (std::size_t k = 0; k < t; ++k) {
        if (in_rule(s, k, item)) {
            --(add ? s.addable[k] : s.removable[k]);
        }
    }
    struct Bucket {
        std::vector<SolverState::DpState> states;
        std::vector<std::size_t> runs;
    };
    std::map<std::vector<int>, Bucket> next;
    std::int64_t produced = 0;
    auto old_groups = std::move(s.dp_groups);
    s.dp_groups.clear();
    for (auto& [key, states] : old_groups) {
        // The item keeps its break-solution status...
        std::vector<int> same = key;
        if (rekey(s, same)) {
            auto& bucket = next[same];
            bucket.runs.push_back(bucket.states.size());
            bucket.states.insert(bucket.states.end(), states.begin(), states.end());
            produced += static_cast<std::int64_t>(states.size());
        }
        // ...or is switched (added after the window, dropped before it).
        std::vector<int> moved = key;
        for (std::size_t k = 0; k < t; ++k) {
            if (moved[k] != safe_count && in_rule(s, k, item)) {
                moved[k] += sign;
            }
        }
        if (!rekey(s, moved)) {
            continue;
        }
        auto& bucket = next[moved];
        bucket.runs.push_back(bucket.states.size());
        for (const auto& st : states) {
            SolverState::DpState n = st;
            n.cost += sign * item.cost;
            n.value += sign * item.value;
            n.adj += sign * item.adj;
            n.count += sign;
            if (s.head_bound) {
                n.head += sign * s.head_item_d[j];
                if (s.head_capped[j]) {
                    n.capped += sign;
                    n.capped_cost += sign * item.cost;
                }
            }
            s.dp_trail.emplace_back(j, st.trail);
            n.trail = static_cast<int>(s.dp_trail.size()) - 1;
            bucket.states.push_back(n);
        }
        produced += static_cast<std::int64_t>(states.size());
    }
    old_groups.clear();
    s.dp_live = 0;
    for (auto& [key, bucket] : next) {
        settle_group(s, key, bucket.states, bucket.runs);
        if (!bucket.states.empty()) {
            s.dp_live += static_cast<std::int64_t>(bucket.states.size());
            s.dp_groups.emplace(key, std::move(bucket.states));
        }
    }
    // Incumbent improvements during the expansion may have outdated early survivors.
    for (auto it = s.dp_groups.begin(); it != s.dp_groups.end();) {
        auto& states = it->second;
        std::erase_if(states, [&](const SolverState::DpState& st) {
            return dp_bound(s, st) <= s.best_value + s.tolerance(s.best_value);
        });
        it = states.empty() ? s.dp_groups.erase(it) : std::next(it);
    }
    if (s.dp_groups.empty() || (s.dp_s == 0 && s.dp_t + 1 >= f)) {
        s.done = true;
    }
    return std::max<std::int64_t>(produced, 1);
}

// Drops trail entries no live state reaches (pruned states leave theirs behind).
void compact_trail(SolverState& s) {
    std::vector<int> remap(s.dp_trail.size(), -1);
    for (const auto& [key, states] : s.dp_groups) {
        for (const auto& st : states) {
            for (int at = st.trail; at >= 0 && remap[at] == -1; at = s.dp_trail[at].second) {
                remap[at] = 0; // reachable
            }
        }
    }
    std::vector<std::pair<int, int>> kept;
    for (std::size_t i = 0; i < s.dp_trail.size(); ++i) {
        if (remap[i] == 0) {
            remap[i] = static_cast<int>(kept.size());
            const int parent = s.dp_trail[i].second;
            kept.emplace_back(s.dp_trail[i].first, parent < 0 ? -1 : remap[parent]);
        }
    }
    for (auto& [key, states] : s.dp_groups) {
        for (auto& st : states) {
            st.trail = st.trail < 0 ? -1 : remap[st.trail];
        }
    }
    s.dp_trail = std::move(kept);
}

double dp_proven_bound(const SolverState& s) {
    double bound = -infinity;
    for (const auto& [key, states] : s.dp_groups) {
        for (const auto& st : states) {
            bound = std::max(bound, dp_bound(s, st));
        }
    }
    return bound;
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
    compute_multipliers(s);
    arrange(s);
    std::optional<CountBound> count;
    find_incumbent(s, count);
    // Hire counts that cannot beat the incumbent are cut off, and the multipliers
    // recomputed with the narrower count rows (the fee-plus-CPE family needs this).
    const int low = s.count_low, high = s.count_high;
    if (!derive_count_range(s)) {
        s.done = true;
        return OptimizerSolver(std::move(state));
    }
    if (s.count_low != low || s.count_high != high) {
        compute_multipliers(s);
        arrange(s);
        count.reset();
    }
    if (!reduce(s, count)) {
        s.done = true;
        return OptimizerSolver(std::move(state));
    }
    // Polish the incumbent on the (much smaller) core, then fix again.
    const double before = s.best_value;
    polish_incumbent(s);
    if (s.best_value > before && !reduce(s)) {
        s.done = true;
        return OptimizerSolver(std::move(state));
    }
    s.rooted_value = s.best_value;
    if (s.use_dfs) {
        start_search(s);
        start_count_bound(s);
    }
    if (s.use_dp) {
        start_dp(s);
    }
    return OptimizerSolver(std::move(state));
}

namespace {

void run_depth_first(SolverState& s, std::int64_t stop_at) {
    const int f = static_cast<int>(s.items.size());
    s.dfs_started = true;
    while (s.nodes < stop_at) {
        ++s.nodes;
        bool prune = false;
        if (s.pos == f) {
            if (counts_met(s) && s.value > s.best_value) {
                record_incumbent(s);
            }
            prune = true;
        } else if (counts_unreachable(s)) {
            prune = true;
        } else {
            if (!s.bound_valid || s.pos >= s.bound_end) {
                int end = s.pos;
                s.node_bound = s.adj + s.lagrange_constant + dantzig(s, s.pos, s.residual, &end);
                s.bound_end = end;
                s.bound_valid = true;
            }
            if (s.suffix_top > 0) {
                // Any bound of this node is valid for its subtree too: keep the smaller.
                s.node_bound = std::min(s.node_bound, count_bound(s));
            }
            if (s.node_bound <= s.best_value + s.tolerance(s.best_value)) {
                prune = true;
            }
        }
        if (prune) {
            if (!backtrack(s)) {
                s.done = true;
                return;
            }
            continue;
        }
        const auto& item = s.items[s.pos];
        const bool room_in_region =
            item.region == no_region || s.count[item.region] < s.region_max[item.region];
        if (item.cost <= s.residual && room_in_region && s.total < s.count_high) {
            s.take[s.pos] = 1;
            s.pending[s.pos] = 1;
            s.bound_at[s.pos] = s.node_bound;
            const int blocked_before = s.blocked;
            apply(s, item, +1);
            advance(s);
            // Taking an item counted whole in the bound keeps the bound, unless a region
            // just filled up (then recompute: the bound can only drop).
            if (s.blocked != blocked_before || s.pos > s.bound_end) {
                s.bound_valid = false;
            }
        } else {
            s.take[s.pos] = 0;
            s.pending[s.pos] = 0;
            advance(s);
            s.bound_valid = false;
        }
    }
}

} // namespace

namespace {

// Whether the incumbent has closed enough of the root gap since the core was last
// reduced that reducing again (narrower hire counts, more items fixed) pays for
// restarting the engines.
bool worth_reducing_again(const SolverState& s) {
    const double gap_then = s.root_bound - s.rooted_value;
    return s.best_value - s.rooted_value > 0.2 * gap_then + s.tolerance(s.best_value);
}

// Narrows the hire counts, recomputes the multipliers and fixes items against the
// better incumbent, then restarts both engines on the smaller core. Every step only
// removes plans that cannot beat the incumbent, so nothing better is lost.
void reduce_again(SolverState& s) {
    polish_incumbent(s);
    s.rooted_value = s.best_value;
    const int low = s.count_low, high = s.count_high;
    if (!derive_count_range(s)) {
        s.done = true;
        return;
    }
    if (s.count_low != low || s.count_high != high) {
        compute_multipliers(s);
        arrange(s);
    }
    if (!reduce(s)) {
        s.done = true;
        return;
    }
    s.dfs_started = false;
    s.dfs_quota = 2000;
    if (s.use_dfs) {
        start_search(s);
        start_count_bound(s);
    }
    if (s.use_dp) {
        start_dp(s);
    }
}

} // namespace

bool OptimizerSolver::step(std::int64_t max_nodes) {
    SolverState& s = *state_;
    const std::int64_t stop_at =
        max_nodes > 0 ? s.nodes + max_nodes : std::numeric_limits<std::int64_t>::max();
    while (!s.done && s.nodes < stop_at) {
        // An engine's incumbent may reach the root bound: nothing can beat it then.
        if (s.root_bound <= s.best_value + s.tolerance(s.best_value)) {
            s.done = true;
            break;
        }
        // Turns: the depth-first search spends its quota (kept across calls, so small
        // slices still alternate), then the DP makes one expansion and refills it.
        if (s.use_dfs && (s.dfs_quota > 0 || !s.use_dp)) {
            const std::int64_t run =
                s.use_dp ? std::min(s.dfs_quota, stop_at - s.nodes) : stop_at - s.nodes;
            const std::int64_t before = s.nodes;
            run_depth_first(s, s.nodes + run);
            s.dfs_quota -= s.nodes - before;
            continue;
        }
        if (s.use_dp) {
            const std::int64_t produced = dp_expand(s);
            s.nodes += produced;
            // Equal shares when the head-count bound is active (fill-limited problems,
            // where the DP shines); otherwise the depth-first search gets four times
            // the DP's share.
            s.dfs_quota = std::max<std::int64_t>(
                2000, (s.head_bound || s.count_low > s.min_hires ? 1 : 4) * produced);
            bool too_large = s.dp_live > dp_state_limit;
            if (s.dp_trail.size() > dp_trail_limit) {
                compact_trail(s);
                too_large = too_large || 2 * s.dp_trail.size() > dp_trail_limit;
            }
            if (!s.done && !too_large && worth_reducing_again(s)) {
                reduce_again(s);
                continue;
            }
            if (!s.done && too_large && s.use_dfs) {
                // Memory guard: the depth-first search goes on alone (memory
                // proportional to the core only).
                s.use_dp = false;
                s.dp_groups.clear();
                s.dp_trail.clear();
                s.dp_trail.shrink_to_fit();
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
    out.fixed_by_reduction = s.fixed_by_reduction;
    out.over_share_cap = s.over_share_cap;
    out.notes = s.notes;
    out.has_plan = s.has_incumbent;
    out.total_cost = Money{s.has_incumbent ? s.best_cost : 0, s.currency};
    if (s.has_incumbent) {
        for (std::size_t i = 0; i < s.candidates.size(); ++i) {
            if (s.best_chosen[i]) {
                out.chosen_ids.push_back(s.candidates[i].id);
            }
        }
        out.objective = plan_value(s, s.best_chosen);
    }
    if (s.done) {
        if (!s.has_incumbent) {
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
    double bound = s.best_value;
    double dp_bound_value = infinity;
    if (s.use_dp) {
        dp_bound_value = std::max(bound, dp_proven_bound(s));
    }
    if (!s.use_dfs) {
        out.status = SolveStatus::limit_reached;
        out.upper_bound = std::max(std::min(dp_bound_value, s.root_bound), out.objective);
        out.gap = out.upper_bound > 0.0 ? (out.upper_bound - out.objective) / out.upper_bound : 0.0;
        return out;
    }
    if (!s.dfs_started || !s.bound_valid) {
        bound = std::max(bound, s.root_bound);
    } else if (s.pos < static_cast<int>(s.items.size())) {
        bound = std::max(bound, s.node_bound);
    }
    for (int k = 0; k < s.pos; ++k) {
        if (s.pending[k]) {
            bound = std::max(bound, s.bound_at[k]);
        }
    }
    out.status = SolveStatus::limit_reached;
    out.upper_bound = std::max(std::min({bound, dp_bound_value, s.root_bound}), out.objective);
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
