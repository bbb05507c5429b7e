#include "core/optimizer.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <string>
#include <unordered_map>
#include <utility>

namespace core {

namespace detail {

// Local money formatter until core/numbers.hpp's format_money is settled:
// "$1,234" for whole amounts, "$1,234.50" otherwise.
std::string optimizer_money(Money amount) {
    const auto& info = currency_info(amount.currency);
    std::int64_t cents = amount.cents;
    std::string sign;
    if (cents < 0) {
        sign = "-";
        cents = -cents;
    }
    std::string whole = std::to_string(cents / 100);
    std::string grouped;
    const int length = static_cast<int>(whole.size());
    for (int i = 0; i < length; ++i) {
        grouped += whole[static_cast<std::size_t>(i)];
        const int left = length - 1 - i;
        if (left > 0 && left % 3 == 0) {
            grouped += ',';
        }
    }
    std::string text = sign + std::string(info.symbol) + grouped;
    if (cents % 100 != 0) {
        const auto rest = cents % 100;
        text += '.';
        text += static_cast<char>('0' + rest / 10);
        text += static_cast<char>('0' + rest % 10);
    }
    return text;
}

struct FreeItem {
    int index = 0;         // into the candidate list
    std::int64_t cost = 0; // cents
    double value = 0.0;    // true objective value
    double adj = 0.0;      // Lagrangian-adjusted value used for ordering and bounds
    int region = no_region;
};

inline constexpr int unlimited = std::numeric_limits<int>::max();

struct SolverState {
    // --- problem, after preprocessing ---
    std::vector<OptimizerCandidate> candidates;
    std::int64_t budget = 0;
    Currency currency = Currency::usd;
    std::vector<int> region_min, region_max; // per region rule; unlimited = no max
    int min_hires = 0;
    std::vector<std::uint32_t> over_share_cap;
    std::vector<std::string> notes;
    double tolerance_scale = 0.0; // sum of all values: an absolute scale for tolerances

    // Decided before branching.
    std::vector<char> forced_in; // per candidate
    std::int64_t forced_cost = 0;
    double forced_value = 0.0;
    double forced_adj = 0.0;
    int forced_count = 0;
    std::vector<int> forced_region_count;
    std::int64_t fixed_by_reduction = 0;

    // Free items in bound order (adjusted value per cent, best first).
    std::vector<FreeItem> items;
    int positive = 0;                      // items[0, positive) have adj > 0
    std::vector<std::int64_t> prefix_cost; // over items
    std::vector<double> prefix_adj;
    double lagrange_constant = 0.0; // bound = adj sum + constant + Dantzig
    double root_bound = 0.0;

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
    bool bound_valid = false;   // current node inherits its parent's bound
    double node_bound = 0.0;
    int bound_end = 0; // items [pos, bound_end) counted fully in node_bound
    bool started = false;
    bool done = false;
    std::int64_t nodes = 0;

    [[nodiscard]] double tolerance(double reference) const {
        return 1e-10 * std::fabs(reference) + 1e-14 * tolerance_scale;
    }
};

namespace {

bool better_ratio(const FreeItem& a, const FreeItem& b) {
    const bool a_pos = a.adj > 0.0;
    const bool b_pos = b.adj > 0.0;
    if (a_pos != b_pos) {
        return a_pos;
    }
    if (a_pos) {
        const double lhs = a.adj * static_cast<double>(b.cost);
        const double rhs = b.adj * static_cast<double>(a.cost);
        if (lhs != rhs) {
            return lhs > rhs;
        }
    }
    return a.index < b.index;
}

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

} // namespace

} // namespace detail

namespace {

using detail::FreeItem;
using detail::SolverState;
using detail::unlimited;

Result<bool> validate(const OptimizerProblem& problem) {
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
    std::unordered_map<std::uint32_t, std::size_t> seen;
    seen.reserve(problem.candidates.size());
    for (std::size_t i = 0; i < problem.candidates.size(); ++i) {
        const auto& c = problem.candidates[i];
        const std::string name = detail::who(c);
        if (!seen.emplace(c.id, i).second) {
            return make_error(ErrorCode::invalid, "Roster",
                              "Roster: two rows share the id " + std::to_string(c.id) +
                                  "; give each influencer its own id.");
        }
        if (c.cost_cents < 0 || c.cost_cents > max_money_cents) {
            return make_error(ErrorCode::out_of_range, "Price",
                              "Price: " + name + "'s cost must be zero or more, such as $100.");
        }
        if (!std::isfinite(c.value) || c.value < 0.0 || c.value > 1e300) {
            return make_error(ErrorCode::out_of_range, "Value",
                              "Value: " + name +
                                  "'s objective value must be a finite number of zero or more.");
        }
        if (c.region != no_region &&
            (c.region < 0 || static_cast<std::size_t>(c.region) >= problem.regions.size())) {
            return make_error(ErrorCode::invalid, "Region",
                              "Region: " + name + " refers to a region that is not in the list.");
        }
    }
    for (const auto* list : {&problem.must_include, &problem.must_exclude}) {
        const bool include = list == &problem.must_include;
        for (const auto id : *list) {
            if (seen.find(id) == seen.end()) {
                const std::string field = include ? "Must include" : "Must exclude";
                return make_error(ErrorCode::invalid, field,
                                  field + ": influencer #" + std::to_string(id) +
                                      " is not in the roster; remove the pin.");
            }
        }
    }
    return true;
}

} // namespace

// ---------------------------------------------------------------------------------
// Preprocessing: pins, share cap, feasibility diagnosis, fixing.
// ---------------------------------------------------------------------------------
namespace detail {

namespace {

std::string region_label(const std::vector<std::string>& names, int r) {
    return names[static_cast<std::size_t>(r)].empty() ? "A region"
                                                      : names[static_cast<std::size_t>(r)];
}

} // namespace

} // namespace detail

namespace {

// Sorts candidate indices by cost, then index (deterministic).
std::vector<int> by_cost(const std::vector<OptimizerCandidate>& candidates,
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

Result<std::unique_ptr<SolverState>> prepare(const OptimizerProblem& problem) {
    auto state = std::make_unique<SolverState>();
    SolverState& s = *state;
    s.candidates = problem.candidates;
    s.budget = problem.budget.cents;
    s.currency = problem.budget.currency;
    s.min_hires = problem.min_hires;
    const auto money = [&](std::int64_t cents) {
        return detail::optimizer_money(Money{cents, s.currency});
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

    std::unordered_map<std::uint32_t, int> index_of;
    for (std::size_t i = 0; i < n; ++i) {
        index_of.emplace(s.candidates[i].id, static_cast<int>(i));
    }
    std::vector<char> pinned(n, 0), excluded(n, 0);
    for (const auto id : problem.must_include) {
        pinned[static_cast<std::size_t>(index_of[id])] = 1;
    }
    for (const auto id : problem.must_exclude) {
        excluded[static_cast<std::size_t>(index_of[id])] = 1;
    }

    // Pins against exclusions.
    for (std::size_t i = 0; i < n; ++i) {
        if (pinned[i] && excluded[i]) {
            return detail::infeasible(
                "Must include", detail::who(s.candidates[i]) +
                                    " is both pinned in and excluded; remove one of the two pins.");
        }
    }

    // Share cap: nobody may take more than max_budget_share of the budget.
    const bool capped = problem.max_budget_share < 1.0;
    const std::int64_t cap =
        capped ? static_cast<std::int64_t>(
                     std::floor(problem.max_budget_share * static_cast<double>(s.budget) + 1e-6))
               : s.budget;
    const std::string cap_text =
        std::to_string(static_cast<int>(std::lround(problem.max_budget_share * 100.0))) + "%";
    std::vector<std::string> capped_names;
    for (std::size_t i = 0; i < n; ++i) {
        if (!capped || excluded[i] || s.candidates[i].cost_cents <= cap) {
            continue;
        }
        if (pinned[i]) {
            return detail::infeasible(
                "Budget share cap",
                detail::who(s.candidates[i]) + " costs " + money(s.candidates[i].cost_cents) +
                    ", more than the " + cap_text +
                    " cap on one influencer's share of the budget (" + money(cap) +
                    "); raise the cap or unpin " + detail::who(s.candidates[i]) + ".");
        }
        excluded[i] = 1;
        s.over_share_cap.push_back(s.candidates[i].id);
        capped_names.push_back(detail::who(s.candidates[i]) + " (" +
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
            auto& counter = excluded[i]
                                ? (std::find(s.over_share_cap.begin(), s.over_share_cap.end(),
                                             s.candidates[i].id) != s.over_share_cap.end()
                                       ? capped_region
                                       : excluded_region)
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

    // Forced and free items.
    s.forced_in = pinned;
    s.forced_cost = pinned_cost;
    s.forced_value = pinned_value;
    s.forced_adj = pinned_value;
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

// Bound order, prefix sums, search arrays.
void arrange(SolverState& s) {
    std::sort(s.items.begin(), s.items.end(), detail::better_ratio);
    const std::size_t f = s.items.size();
    s.positive = 0;
    while (static_cast<std::size_t>(s.positive) < f &&
           s.items[static_cast<std::size_t>(s.positive)].adj > 0.0) {
        ++s.positive;
    }
    s.prefix_cost.assign(f + 1, 0);
    s.prefix_adj.assign(f + 1, 0.0);
    for (std::size_t k = 0; k < f; ++k) {
        s.prefix_cost[k + 1] = s.prefix_cost[k] + s.items[k].cost;
        s.prefix_adj[k + 1] = s.prefix_adj[k] + std::max(0.0, s.items[k].adj);
    }
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
            ++s.remaining[static_cast<std::size_t>(item.region)];
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

} // namespace

namespace detail {

namespace {

// Dantzig bound of the free items from `pos` with `residual` cents: whole items in
// bound order while they fit, then a fraction of the next. Items of regions already
// at their maximum are skipped when any region is full.
double dantzig(const SolverState& s, int pos, std::int64_t residual, int* end) {
    const int p = s.positive;
    if (pos >= p) {
        *end = pos;
        return 0.0;
    }
    if (s.blocked == 0) {
        const std::int64_t base = s.prefix_cost[static_cast<std::size_t>(pos)];
        // Largest e in [pos, p] with prefix_cost[e] - base <= residual.
        const auto first = s.prefix_cost.begin() + pos;
        const auto last = s.prefix_cost.begin() + p + 1;
        const auto it = std::upper_bound(first, last, base + residual);
        const int e = static_cast<int>(it - s.prefix_cost.begin()) - 1;
        *end = e;
        double bound =
            s.prefix_adj[static_cast<std::size_t>(e)] - s.prefix_adj[static_cast<std::size_t>(pos)];
        if (e < p) {
            const auto& item = s.items[static_cast<std::size_t>(e)];
            const std::int64_t left =
                residual - (s.prefix_cost[static_cast<std::size_t>(e)] - base);
            bound += static_cast<double>(left) * item.adj / static_cast<double>(item.cost);
        }
        return bound;
    }
    double bound = 0.0;
    std::int64_t left = residual;
    *end = pos;
    for (int k = pos; k < p; ++k) {
        const auto& item = s.items[static_cast<std::size_t>(k)];
        if (item.region != no_region && s.count[static_cast<std::size_t>(item.region)] >=
                                            s.region_max[static_cast<std::size_t>(item.region)]) {
            continue;
        }
        if (item.cost <= left) {
            left -= item.cost;
            bound += item.adj;
        } else {
            bound += static_cast<double>(left) * item.adj / static_cast<double>(item.cost);
            return bound; // *end stays at pos: the next node recomputes
        }
    }
    *end = pos;
    return bound;
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
    if (s.total + free_left < s.min_hires) {
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
    s.has_incumbent = true;
    s.best_value = s.value;
    s.best_cost = s.budget - s.residual;
    s.best_chosen = s.forced_in;
    for (std::size_t k = 0; k < static_cast<std::size_t>(s.pos); ++k) {
        if (s.take[k]) {
            s.best_chosen[static_cast<std::size_t>(s.items[k].index)] = 1;
        }
    }
}

void apply(SolverState& s, const FreeItem& item, int sign) {
    s.residual -= sign * item.cost;
    s.value += sign * item.value;
    s.adj += sign * item.adj;
    s.total += sign;
    if (item.region != no_region) {
        const auto r = static_cast<std::size_t>(item.region);
        const bool was_blocked = s.count[r] >= s.region_max[r];
        s.count[r] += sign;
        const bool is_blocked = s.count[r] >= s.region_max[r];
        s.blocked += static_cast<int>(is_blocked) - static_cast<int>(was_blocked);
    }
}

void advance(SolverState& s) {
    const auto& item = s.items[static_cast<std::size_t>(s.pos)];
    if (item.region != no_region) {
        --s.remaining[static_cast<std::size_t>(item.region)];
    }
    ++s.pos;
}

// Undo decisions up to the deepest pending take, switch it to "skip", and continue
// from there. Returns false when the tree is exhausted.
bool backtrack(SolverState& s) {
    while (s.pos > 0) {
        --s.pos;
        const auto k = static_cast<std::size_t>(s.pos);
        const auto& item = s.items[k];
        if (item.region != no_region) {
            ++s.remaining[static_cast<std::size_t>(item.region)];
        }
        if (s.take[k]) {
            apply(s, item, -1);
            s.take[k] = 0;
            if (s.pending[k]) {
                s.pending[k] = 0;
                if (s.bound_at[k] <= s.best_value + s.tolerance(s.best_value)) {
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

} // namespace

} // namespace detail

OptimizerSolver::OptimizerSolver(std::unique_ptr<detail::SolverState> state)
    : state_(std::move(state)) {}
OptimizerSolver::OptimizerSolver(OptimizerSolver&&) noexcept = default;
OptimizerSolver& OptimizerSolver::operator=(OptimizerSolver&&) noexcept = default;
OptimizerSolver::~OptimizerSolver() = default;

Result<OptimizerSolver> OptimizerSolver::create(const OptimizerProblem& problem) {
    if (auto valid = validate(problem); !valid.ok()) {
        return valid.error();
    }
    auto prepared = prepare(problem);
    if (!prepared.ok()) {
        return prepared.error();
    }
    std::unique_ptr<SolverState> state = std::move(prepared).value();
    arrange(*state);
    int end = 0;
    state->root_bound =
        state->adj + state->lagrange_constant + detail::dantzig(*state, 0, state->residual, &end);
    return OptimizerSolver(std::move(state));
}

bool OptimizerSolver::step(std::int64_t max_nodes) {
    SolverState& s = *state_;
    if (s.done) {
        return true;
    }
    const std::int64_t stop_at =
        max_nodes > 0 ? s.nodes + max_nodes : std::numeric_limits<std::int64_t>::max();
    const int f = static_cast<int>(s.items.size());
    while (s.nodes < stop_at) {
        ++s.nodes;
        bool prune = false;
        if (s.pos == f) {
            if (detail::counts_met(s) && s.value > s.best_value) {
                detail::record_incumbent(s);
            }
            prune = true;
        } else if (detail::counts_unreachable(s)) {
            prune = true;
        } else {
            if (!s.bound_valid || s.pos >= s.bound_end) {
                int end = s.pos;
                s.node_bound =
                    s.adj + s.lagrange_constant + detail::dantzig(s, s.pos, s.residual, &end);
                s.bound_end = end;
                s.bound_valid = true;
            }
            if (s.node_bound <= s.best_value + s.tolerance(s.best_value)) {
                prune = true;
            }
        }
        if (prune) {
            if (!detail::backtrack(s)) {
                s.done = true;
                return true;
            }
            continue;
        }
        const auto k = static_cast<std::size_t>(s.pos);
        const auto& item = s.items[k];
        const bool room_in_region =
            item.region == no_region || s.count[static_cast<std::size_t>(item.region)] <
                                            s.region_max[static_cast<std::size_t>(item.region)];
        if (item.cost <= s.residual && room_in_region) {
            s.take[k] = 1;
            s.pending[k] = 1;
            s.bound_at[k] = s.node_bound;
            const int blocked_before = s.blocked;
            detail::apply(s, item, +1);
            detail::advance(s);
            // Taking an item counted whole in the bound keeps the bound, unless a region
            // just filled up (then recompute: the bound can only drop).
            if (s.blocked != blocked_before || s.pos > s.bound_end) {
                s.bound_valid = false;
            }
        } else {
            s.take[k] = 0;
            s.pending[k] = 0;
            detail::advance(s);
            s.bound_valid = false;
        }
    }
    return false;
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
        out.objective = s.best_value;
    }
    if (s.done) {
        if (!s.has_incumbent) {
            out.status = SolveStatus::infeasible;
            out.explanation = "No plan meets every rule within the budget; lower a minimum, "
                              "remove a pin or raise the budget.";
            return out;
        }
        out.status = SolveStatus::optimal;
        out.upper_bound = s.best_value;
        out.gap = 0.0;
        return out;
    }
    // Proven bound: the incumbent, the current node and every pending skip branch.
    double bound = s.best_value;
    if (s.pos < static_cast<int>(s.items.size()) && s.bound_valid) {
        bound = std::max(bound, s.node_bound);
    } else if (!s.bound_valid) {
        bound = std::max(bound, s.root_bound);
    }
    for (std::size_t k = 0; k < static_cast<std::size_t>(s.pos); ++k) {
        if (s.pending[k]) {
            bound = std::max(bound, s.bound_at[k]);
        }
    }
    out.status = SolveStatus::limit_reached;
    out.upper_bound = std::max(bound, out.objective);
    out.gap = out.upper_bound > 0.0 ? (out.upper_bound - out.objective) / out.upper_bound : 0.0;
    return out;
}

Result<OptimizerSolution> solve(const OptimizerProblem& problem, SolveLimits limits) {
    auto solver = OptimizerSolver::create(problem);
    if (!solver.ok()) {
        return solver.error();
    }
    solver.value().step(limits.max_nodes);
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
