#include "core/plan_optimizer.hpp"

#include "core/numbers.hpp"

#include <algorithm>
#include <cmath>
#include <string>
#include <string_view>
#include <utility>

namespace core {

namespace {

// Region names match ignoring ASCII case and surrounding spaces: rosters typed by
// hand say "florida" and "Florida " for the same place.
std::string normalized(std::string_view text) {
    const auto first = text.find_first_not_of(" \t");
    if (first == std::string_view::npos) {
        return {};
    }
    const auto last = text.find_last_not_of(" \t");
    std::string out(text.substr(first, last - first + 1));
    for (char& c : out) {
        if (c >= 'A' && c <= 'Z') {
            c = static_cast<char>(c - 'A' + 'a');
        }
    }
    return out;
}

double objective_value(const RowMetrics& row, Objective objective) {
    switch (objective) {
    case Objective::expected_engagements:
        return row.expected_engagements;
    case Objective::targeted_engagements:
        return row.targeted_engagements;
    case Objective::estimated_reach:
        return row.estimated_reach;
    case Objective::expected_conversions:
        return row.conversions;
    }
    return row.expected_engagements;
}

// Few decimals for big numbers, more for small ones (conversions are often below 10).
std::string amount(double value) {
    const double magnitude = std::fabs(value);
    return format_number(value, magnitude >= 100.0 ? 0 : magnitude >= 10.0 ? 1 : 2);
}

std::string influencers(int count, std::string_view kind = "") {
    std::string text = count == 0 ? "no" : format_count(count);
    if (!kind.empty()) {
        text += " " + std::string(kind);
    }
    return text + (count == 1 ? " influencer" : " influencers");
}

std::string label(const Influencer& influencer) {
    return influencer.name.empty() ? "influencer #" + std::to_string(influencer.id)
                                   : influencer.name;
}

struct Offer {
    OptimizerProblem problem;
    std::vector<std::size_t> row_of; // candidate -> roster index
    std::vector<std::uint32_t> not_offered;
};

Result<Offer> build_offer(const CampaignInputs& inputs, const CampaignResult& evaluated,
                          const OptimizerSettings& settings) {
    Offer offer;
    OptimizerProblem& problem = offer.problem;
    problem.budget = inputs.budget;
    problem.max_budget_share = settings.max_budget_share;
    problem.min_hires = settings.min_influencers;
    std::vector<std::string> region_keys;
    for (const auto& rule : settings.coverage) {
        problem.regions.push_back(RegionRule{rule.region, rule.min_hires, rule.max_hires});
        region_keys.push_back(normalized(rule.region));
    }
    const auto& roster = inputs.roster;
    std::vector<char> offered(roster.size(), 0);
    for (std::size_t i = 0; i < roster.size() && i < evaluated.rows.size(); ++i) {
        const RowMetrics& row = evaluated.rows[i];
        const Influencer& influencer = roster[i];
        const double value = objective_value(row, settings.objective);
        if (!row.valid || influencer.posts <= 0 || !std::isfinite(value)) {
            offer.not_offered.push_back(influencer.id);
            continue;
        }
        OptimizerCandidate candidate;
        candidate.id = influencer.id;
        candidate.name = label(influencer);
        candidate.cost_cents = row.cost.cents;
        candidate.value = std::max(0.0, value);
        const std::string key = normalized(influencer.region);
        for (std::size_t r = 0; r < region_keys.size(); ++r) {
            if (!key.empty() && region_keys[r] == key) {
                candidate.region = static_cast<int>(r);
                break;
            }
        }
        offered[i] = 1;
        offer.row_of.push_back(i);
        problem.candidates.push_back(std::move(candidate));
    }
    const auto roster_index = [&](std::uint32_t id) -> std::ptrdiff_t {
        for (std::size_t i = 0; i < roster.size(); ++i) {
            if (roster[i].id == id) {
                return static_cast<std::ptrdiff_t>(i);
            }
        }
        return -1;
    };
    for (const std::uint32_t id : settings.must_include) {
        const std::ptrdiff_t i = roster_index(id);
        if (i < 0) {
            return make_error(ErrorCode::invalid, "Must include",
                              "Must include: influencer #" + std::to_string(id) +
                                  " is not in the roster; remove the pin.");
        }
        const auto index = static_cast<std::size_t>(i);
        if (!offered[index]) {
            const Influencer& influencer = roster[index];
            std::string why = "no posts are booked";
            for (const auto& e : evaluated.errors) {
                if (e.row == index) {
                    why = "the row has an error (" + e.error.message + ")";
                    break;
                }
            }
            return make_error(ErrorCode::invalid, "Must include",
                              "Must include: " + label(influencer) + " cannot be hired because " +
                                  why + "; fix the row or remove the pin.");
        }
        problem.must_include.push_back(id);
    }
    for (const std::uint32_t id : settings.must_exclude) {
        const std::ptrdiff_t i = roster_index(id);
        if (i >= 0 && offered[static_cast<std::size_t>(i)]) {
            problem.must_exclude.push_back(id); // others are not offered anyway
        }
    }
    return offer;
}

PlanOptimization explain(const CampaignInputs& inputs, const Offer& offer,
                         const OptimizerSolution& solution, Objective objective) {
    PlanOptimization out;
    out.objective = objective;
    out.solution = solution;
    out.candidates = static_cast<int>(offer.problem.candidates.size());
    out.not_offered = offer.not_offered;
    for (std::size_t c = 0; c < offer.problem.candidates.size(); ++c) {
        const auto& candidate = offer.problem.candidates[c];
        if (std::find(solution.chosen_ids.begin(), solution.chosen_ids.end(), candidate.id) ==
            solution.chosen_ids.end()) {
            continue;
        }
        const Influencer& influencer = inputs.roster[offer.row_of[c]];
        out.picks.push_back(
            PlanPick{candidate.id, label(influencer), influencer.region, influencer.followers,
                     Money{candidate.cost_cents, inputs.budget.currency}, candidate.value});
    }
    out.summary = plan_summary(offer.problem, solution, objective);
    return out;
}

} // namespace

Result<OptimizerProblem> campaign_problem(const CampaignInputs& inputs,
                                          const CampaignResult& evaluated,
                                          const OptimizerSettings& settings) {
    auto offer = build_offer(inputs, evaluated, settings);
    if (!offer.ok()) {
        return offer.error();
    }
    return std::move(offer).value().problem;
}

std::string plan_summary(const OptimizerProblem& problem, const OptimizerSolution& solution,
                         Objective objective) {
    const std::string what(objective_name(objective));
    if (!solution.has_plan) {
        return solution.status == SolveStatus::infeasible
                   ? solution.explanation
                   : "No plan found yet: the search stopped before finding one.";
    }
    const int hired = static_cast<int>(solution.chosen_ids.size());
    const int offered = static_cast<int>(problem.candidates.size());
    if (hired == 0 && solution.status == SolveStatus::optimal) {
        return "Hire nobody: no influencer adds " + what + " within the " +
               format_money(problem.budget) + " budget and your rules.";
    }
    std::string text = "Hire " + format_count(hired) + " of " + influencers(offered) + " for " +
                       format_money(solution.total_cost) + " of the " +
                       format_money(problem.budget) + " budget: " + amount(solution.objective) +
                       " " + what;
    if (solution.status == SolveStatus::optimal) {
        return text + ", the most any plan within your rules can reach.";
    }
    return text + ". The search stopped early: no plan can reach more than " +
           amount(solution.upper_bound) + " (within " + format_percent(solution.gap, 1) + ").";
}

Result<PlanOptimization> optimize_campaign(const CampaignInputs& inputs,
                                           const OptimizerSettings& settings, SolveLimits limits) {
    const auto evaluated = evaluate_campaign(inputs);
    if (!evaluated.ok()) {
        return evaluated.error();
    }
    auto offer = build_offer(inputs, evaluated.value(), settings);
    if (!offer.ok()) {
        return offer.error();
    }
    const auto solved = solve(offer.value().problem, limits);
    if (!solved.ok()) {
        return solved.error();
    }
    return explain(inputs, offer.value(), solved.value(), settings.objective);
}

OptimizerSettings mixed_pool_settings(Objective objective) {
    OptimizerSettings settings;
    settings.objective = objective;
    return settings;
}

Result<MacroMicroComparison> compare_macro_and_micros(const CampaignInputs& inputs,
                                                      const OptimizerSettings& settings,
                                                      SolveLimits limits) {
    const auto evaluated = evaluate_campaign(inputs);
    if (!evaluated.ok()) {
        return evaluated.error();
    }
    auto built = build_offer(inputs, evaluated.value(), settings);
    if (!built.ok()) {
        return built.error();
    }
    const Offer& offer = built.value();
    const auto is_macro = [&](std::size_t c) {
        return inputs.roster[offer.row_of[c]].followers >= macro_followers;
    };
    const auto solved = solve(offer.problem, limits);
    if (!solved.ok()) {
        return solved.error();
    }
    MacroMicroComparison out;
    out.mixed = explain(inputs, offer, solved.value(), settings.objective);
    for (const auto& pick : out.mixed.picks) {
        (pick.followers >= macro_followers ? out.macro_picked : out.micro_picked) += 1;
    }

    // Each kind alone: the same problem with the other kind excluded.
    const auto side = [&](bool macro) {
        SideResult result;
        OptimizerProblem alone = offer.problem;
        for (std::size_t c = 0; c < offer.problem.candidates.size(); ++c) {
            const auto& candidate = offer.problem.candidates[c];
            if (is_macro(c) != macro) {
                if (std::find(alone.must_include.begin(), alone.must_include.end(), candidate.id) ==
                    alone.must_include.end()) {
                    alone.must_exclude.push_back(candidate.id);
                }
                continue;
            }
            result.any_candidate = true;
            if (!result.cheapest || candidate.cost_cents < result.cheapest->cost.cents) {
                const Influencer& influencer = inputs.roster[offer.row_of[c]];
                result.cheapest = PlanPick{candidate.id,
                                           label(influencer),
                                           influencer.region,
                                           influencer.followers,
                                           Money{candidate.cost_cents, inputs.budget.currency},
                                           candidate.value};
            }
        }
        if (!result.any_candidate) {
            return result;
        }
        const auto solved_alone = solve(alone, limits);
        if (solved_alone.ok() && solved_alone.value().has_plan &&
            !solved_alone.value().chosen_ids.empty()) {
            result.has_plan = true;
            result.value = solved_alone.value().objective;
            result.cost = solved_alone.value().total_cost;
            result.hires = static_cast<int>(solved_alone.value().chosen_ids.size());
        }
        return result;
    };
    out.macro_only = side(true);
    out.micro_only = side(false);

    // The text: what was picked, then each kind on its own, then the verdict.
    const std::string what(objective_name(settings.objective));
    const auto& best = out.mixed.solution;
    const auto per_unit = [&](Money cost, double value) {
        const auto unit = cost_per_unit(cost, value);
        return unit ? " (" + format_money(*unit) + " each)" : std::string();
    };
    std::string text;
    if (best.chosen_ids.empty()) {
        text = "Picked nobody: no influencer fits the " + format_money(inputs.budget) +
               " budget within your rules.";
    } else {
        text = "Picked " +
               (out.macro_picked > 0 && out.micro_picked > 0
                    ? influencers(out.macro_picked, "macro") + " and " +
                          influencers(out.micro_picked, "micro")
                : out.macro_picked > 0 ? influencers(out.macro_picked, "macro")
                                       : influencers(out.micro_picked, "micro")) +
               " for " + format_money(best.total_cost) + ": " + amount(best.objective) + " " +
               what + per_unit(best.total_cost, best.objective) + ".";
    }
    const auto describe = [&](const SideResult& s, std::string_view kind) {
        if (!s.any_candidate) {
            return std::string(" The roster has no ") + std::string(kind) + " influencer.";
        }
        if (!s.has_plan) {
            const PlanPick& c = *s.cheapest;
            return std::string(" No ") + std::string(kind) +
                   " influencer fits the budget: the cheapest, " + c.name + ", costs " +
                   format_money(c.cost) + " for " + amount(c.value) + " " + what + ".";
        }
        return " " + std::string(kind == "macro" ? "Macro" : "Micro") +
               " influencers alone: " + amount(s.value) + " " + what + " for " +
               format_money(s.cost) + per_unit(s.cost, s.value) + " with " + influencers(s.hires) +
               ".";
    };
    text += describe(out.macro_only, "macro");
    text += describe(out.micro_only, "micro");
    if (!best.chosen_ids.empty()) {
        const double macro_value = out.macro_only.has_plan ? out.macro_only.value : 0.0;
        const double micro_value = out.micro_only.has_plan ? out.micro_only.value : 0.0;
        const auto more = [&](double other) {
            return amount(best.objective - other) + " more " + what;
        };
        if (out.macro_picked == 0) {
            text += out.macro_only.has_plan
                        ? " Micro influencers win here: " + more(macro_value) +
                              " than the best macro-only plan."
                        : " Micro influencers win here: no macro plan fits the budget.";
        } else if (out.micro_picked == 0) {
            text += out.micro_only.has_plan
                        ? " The macro side wins here: " + more(micro_value) +
                              " than the best micro-only plan."
                        : " The macro side wins here: no micro plan fits the budget.";
        } else {
            text += " A mix wins here: " + more(std::max(macro_value, micro_value)) +
                    " than the better single-kind plan.";
        }
    }
    out.text = text;
    return out;
}

} // namespace core
