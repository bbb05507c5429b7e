// The optimizer's input checks, pins, share cap, feasibility, the first plan.
#include "core/optimizer/prepare.hpp"

#include "core/numbers.hpp"

#include <algorithm>
#include <bit>
#include <cmath>
#include <limits>
#include <map>
#include <numeric>
#include <string>
#include <utility>
#include <vector>

namespace core::detail {

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

// [SECTION] Input checks
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
            return who(c);
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

std::vector<int> by_cost(const std::vector<Rules::Candidate>& candidates,
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
    s.rules.candidates.reserve(problem.candidates.size());
    for (const auto& c : problem.candidates) {
        s.rules.candidates.push_back({c.id, c.cost_cents, c.value, c.region});
    }
    s.rules.budget = problem.budget.cents;
    s.rules.currency = problem.budget.currency;
    s.rules.min_hires = problem.min_hires;
    s.counts.low = problem.min_hires;
    const auto money = [&](std::int64_t cents) {
        return format_money(Money{cents, s.rules.currency});
    };
    const std::size_t n = s.rules.candidates.size();
    const std::size_t regions = problem.regions.size();
    std::vector<std::string> names;
    for (const auto& rule : problem.regions) {
        names.push_back(rule.name);
        s.rules.region_min.push_back(rule.min_hires);
        s.rules.region_max.push_back(rule.max_hires ? *rule.max_hires : unlimited);
    }
    for (const auto& c : s.rules.candidates) {
        s.rules.tolerance_scale += c.value;
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
            return infeasible("Must include",
                              who(problem.candidates[i]) +
                                  " is both pinned in and excluded; remove one of the two pins.");
        }
    }

    // Share cap: nobody may take more than max_budget_share of the budget.
    const bool capped = problem.max_budget_share < 1.0;
    const std::int64_t cap =
        capped ? static_cast<std::int64_t>(std::floor(
                     problem.max_budget_share * static_cast<double>(s.rules.budget) + 1e-6))
               : s.rules.budget;
    const std::string cap_text = format_percent(problem.max_budget_share, 0);
    std::vector<std::string> capped_names;
    for (std::size_t i = 0; i < n; ++i) {
        if (!capped || excluded[i] || s.rules.candidates[i].cost_cents <= cap) {
            continue;
        }
        if (pinned[i]) {
            return infeasible("Budget share cap",
                              who(problem.candidates[i]) + " costs " +
                                  money(s.rules.candidates[i].cost_cents) + ", more than the " +
                                  cap_text + " cap on one influencer's share of the budget (" +
                                  money(cap) + "); raise the cap or unpin " +
                                  who(problem.candidates[i]) + ".");
        }
        excluded[i] = 1;
        s.rules.over_share_cap.push_back(s.rules.candidates[i].id);
        capped_out[i] = 1;
        capped_names.push_back(who(problem.candidates[i]) + " (" +
                               money(s.rules.candidates[i].cost_cents) + ")");
    }
    if (!capped_names.empty()) {
        std::string note =
            plural(static_cast<int>(capped_names.size()), "influencer costs", "influencers cost") +
            " more than " + cap_text + " of the budget (" + money(cap) + ") and " +
            (capped_names.size() == 1 ? "was" : "were") + " left out: ";
        const std::size_t shown = std::min<std::size_t>(capped_names.size(), 5);
        for (std::size_t k = 0; k < shown; ++k) {
            note += (k ? ", " : "") + capped_names[k];
        }
        if (capped_names.size() > shown) {
            note += " and " + std::to_string(capped_names.size() - shown) + " more";
        }
        s.rules.notes.push_back(note + ".");
    }

    // Pins alone.
    std::int64_t pinned_cost = 0;
    double pinned_value = 0.0;
    int pinned_count = 0;
    std::vector<int> pinned_region(regions, 0);
    for (std::size_t i = 0; i < n; ++i) {
        if (pinned[i]) {
            pinned_cost += s.rules.candidates[i].cost_cents;
            pinned_value += s.rules.candidates[i].value;
            ++pinned_count;
            if (s.rules.candidates[i].region != no_region) {
                ++pinned_region[static_cast<std::size_t>(s.rules.candidates[i].region)];
            }
        }
    }
    if (pinned_cost > s.rules.budget) {
        return infeasible("Must include",
                          std::string(pinned_count == 1 ? "The pinned influencer alone costs "
                                                        : "The pinned influencers alone cost ") +
                              money(pinned_cost) + ", over the " + money(s.rules.budget) +
                              " budget; raise the budget or unpin someone.");
    }
    for (std::size_t r = 0; r < regions; ++r) {
        if (pinned_region[r] > s.rules.region_max[r]) {
            return infeasible("Coverage " + names[r],
                              region_label(names, static_cast<int>(r)) + " allows at most " +
                                  plural(s.rules.region_max[r], "hire", "hires") + " but " +
                                  std::to_string(pinned_region[r]) +
                                  " pinned influencers are there; raise " +
                                  "the maximum or unpin someone.");
        }
    }

    // Who can still be hired: not excluded, not over the cap, fits beside the pins.
    const std::int64_t room = s.rules.budget - pinned_cost;
    std::vector<char> open(n, 0);
    std::vector<int> open_region(regions, 0), over_budget_region(regions, 0),
        excluded_region(regions, 0), capped_region(regions, 0);
    int open_count = 0;
    for (std::size_t i = 0; i < n; ++i) {
        if (pinned[i]) {
            continue;
        }
        const int r = s.rules.candidates[i].region;
        const bool over = s.rules.candidates[i].cost_cents > room;
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
        if (have >= s.rules.region_min[r]) {
            continue;
        }
        const std::string label = region_label(names, static_cast<int>(r));
        std::string message = label + " needs " + plural(s.rules.region_min[r], "hire", "hires") +
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
        return infeasible("Coverage " + names[r], message);
    }
    if (pinned_count + open_count < s.rules.min_hires) {
        return infeasible(
            "Minimum influencers",
            "The plan needs at least " + plural(s.rules.min_hires, "influencer", "influencers") +
                " but only " + std::to_string(pinned_count + open_count) +
                " can be hired within the rules; lower the minimum or add candidates.");
    }

    // Cheapest plan meeting every count rule: feasibility is exactly "it fits".
    const std::vector<int> cheap = by_cost(s.rules.candidates, open);
    s.rules.cost_order = cheap;
    std::vector<char> minimum(n, 0);
    std::vector<int> plan_region = pinned_region;
    std::int64_t plan_cost = pinned_cost;
    int plan_count = pinned_count;
    for (std::size_t i = 0; i < n; ++i) {
        minimum[i] = pinned[i];
    }
    for (const int i : cheap) {
        const int r = s.rules.candidates[static_cast<std::size_t>(i)].region;
        if (r != no_region && plan_region[static_cast<std::size_t>(r)] <
                                  s.rules.region_min[static_cast<std::size_t>(r)]) {
            minimum[static_cast<std::size_t>(i)] = 1;
            ++plan_region[static_cast<std::size_t>(r)];
            plan_cost += s.rules.candidates[static_cast<std::size_t>(i)].cost_cents;
            ++plan_count;
        }
    }
    const std::int64_t coverage_cost = plan_cost;
    bool any_region_min = false;
    for (std::size_t r = 0; r < regions; ++r) {
        any_region_min = any_region_min || s.rules.region_min[r] > pinned_region[r];
    }
    if (coverage_cost > s.rules.budget) {
        return infeasible("Coverage", "Covering every region's minimum costs at least " +
                                          money(coverage_cost) + ", over the " +
                                          money(s.rules.budget) +
                                          " budget; raise the budget or lower a region's minimum.");
    }
    for (const int i : cheap) {
        if (plan_count >= s.rules.min_hires) {
            break;
        }
        const auto& c = s.rules.candidates[static_cast<std::size_t>(i)];
        if (minimum[static_cast<std::size_t>(i)] ||
            (c.region != no_region && plan_region[static_cast<std::size_t>(c.region)] >=
                                          s.rules.region_max[static_cast<std::size_t>(c.region)])) {
            continue;
        }
        minimum[static_cast<std::size_t>(i)] = 1;
        if (c.region != no_region) {
            ++plan_region[static_cast<std::size_t>(c.region)];
        }
        plan_cost += c.cost_cents;
        ++plan_count;
    }
    if (plan_count < s.rules.min_hires) {
        return infeasible("Minimum influencers",
                          "The plan needs at least " +
                              plural(s.rules.min_hires, "influencer", "influencers") +
                              " but the region maximums allow only " + std::to_string(plan_count) +
                              "; raise a region's maximum or lower the minimum.");
    }
    if (plan_cost > s.rules.budget) {
        return infeasible(
            "Minimum influencers",
            "Hiring at least " + plural(s.rules.min_hires, "influencer", "influencers") +
                (any_region_min ? " while covering every region's minimum" : "") +
                " costs at least " + money(plan_cost) + ", over the " + money(s.rules.budget) +
                " budget; raise the budget or lower the minimum.");
    }

    // The cheapest plan is the first incumbent.
    s.best.has = true;
    s.best.chosen = minimum;
    s.best.cost = plan_cost;
    s.best.value = 0.0;
    for (std::size_t i = 0; i < n; ++i) {
        if (minimum[i]) {
            s.best.value += s.rules.candidates[i].value;
        }
    }

    s.rules.min_plan = minimum;
    s.rules.min_plan_cost = plan_cost;

    // Forced and free items.
    s.forced.in = pinned;
    s.forced.cost = pinned_cost;
    s.forced.value = pinned_value;
    s.forced.count = pinned_count;
    s.forced.region_count = pinned_region;
    for (std::size_t i = 0; i < n; ++i) {
        if (open[i]) {
            const auto& c = s.rules.candidates[i];
            s.core.items.push_back(
                FreeItem{static_cast<int>(i), c.cost_cents, c.value, c.value, c.region});
        }
    }
    s.forced.fixed = static_cast<std::int64_t>(n - s.core.items.size());
    return state;
}

} // namespace core::detail
