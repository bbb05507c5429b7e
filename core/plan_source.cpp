#include "core/plan_source.hpp"

#include <algorithm>
#include <cctype>
#include <iterator>
#include <string_view>
#include <utility>

namespace core {

namespace {

std::string plan_label(bool plan_a) {
    return plan_a ? "Plan A" : "Plan B";
}

Error plan_error(bool plan_a, ErrorCode code, const std::string& what) {
    return make_error(code, plan_label(plan_a), plan_label(plan_a) + ": " + what);
}

std::string trimmed(std::string_view text) {
    const auto first = text.find_first_not_of(" \t");
    const auto last = text.find_last_not_of(" \t");
    return first == std::string_view::npos ? std::string()
                                           : std::string(text.substr(first, last - first + 1));
}

// Lower case without surrounding spaces, so " texas" picks "Texas".
std::string normalized(std::string_view text) {
    std::string out = trimmed(text);
    for (char& c : out) {
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    return out;
}

std::string tier_words(const PlanSource& source) {
    if (source.max_followers == no_follower_limit) {
        return format_count(source.min_followers) + " followers or more";
    }
    return format_count(source.min_followers) + " to " + format_count(source.max_followers) +
           " followers";
}

// The roster rows a rule picks, in the rule's order; `other` holds the other plan's rows
// (for "the rest").
Result<std::vector<Influencer>> apply_rule(const PlanSource& source,
                                           const std::vector<Influencer>& roster,
                                           const std::vector<Influencer>& other, bool plan_a) {
    std::vector<Influencer> rows;
    const auto keep_if = [&](auto predicate) {
        std::copy_if(roster.begin(), roster.end(), std::back_inserter(rows), predicate);
    };
    switch (source.rule) {
    case PlanRule::biggest:
    case PlanRule::smallest: {
        if (source.count < 1 || static_cast<std::size_t>(source.count) > max_roster_rows) {
            return plan_error(plan_a, ErrorCode::out_of_range,
                              "type how many creators as a whole number from 1 up, such as 20.");
        }
        rows = roster;
        const bool biggest = source.rule == PlanRule::biggest;
        std::stable_sort(rows.begin(), rows.end(), [&](const Influencer& x, const Influencer& y) {
            return biggest ? x.followers > y.followers : x.followers < y.followers;
        });
        rows.resize(std::min(rows.size(), static_cast<std::size_t>(source.count)));
        break;
    }
    case PlanRule::rest:
        keep_if([&](const Influencer& row) {
            return std::none_of(other.begin(), other.end(),
                                [&](const Influencer& o) { return o.id == row.id; });
        });
        if (rows.empty() && !roster.empty()) {
            return plan_error(plan_a, ErrorCode::invalid,
                              "the other plan already holds every roster row, so \"the rest\" is "
                              "empty; pick fewer rows for the other plan.");
        }
        break;
    case PlanRule::tier:
        if (source.min_followers > source.max_followers) {
            return plan_error(plan_a, ErrorCode::invalid,
                              "the tier's lowest follower count is above its highest; type a "
                              "lower minimum, such as 1,000.");
        }
        keep_if([&](const Influencer& row) {
            return row.followers >= source.min_followers && row.followers <= source.max_followers;
        });
        if (rows.empty() && !roster.empty()) {
            return plan_error(plan_a, ErrorCode::invalid,
                              "no roster row has " + tier_words(source) +
                                  "; pick another tier or add creators of that size.");
        }
        break;
    case PlanRule::region:
    case PlanRule::niche: {
        const bool region = source.rule == PlanRule::region;
        const char* what = region ? "region" : "niche";
        const std::string wanted = normalized(source.value);
        if (wanted.empty()) {
            return plan_error(plan_a, ErrorCode::invalid,
                              std::string("type the ") + what + " to pick, such as " +
                                  (region ? "Texas." : "Parenting."));
        }
        keep_if([&](const Influencer& row) {
            return normalized(region ? row.region : row.niche) == wanted;
        });
        if (rows.empty() && !roster.empty()) {
            return plan_error(plan_a, ErrorCode::invalid,
                              std::string("no roster row has the ") + what + " \"" + source.value +
                                  "\"; check the spelling or pick another " + what + ".");
        }
        break;
    }
    }
    return rows;
}

bool from_roster(const PlanSource& source) {
    return source.kind == PlanSourceKind::rows || source.kind == PlanSourceKind::rule;
}

// One plan's rows before fitting; `other` is the other plan's rows ("the rest").
Result<std::vector<Influencer>> plan_rows(const PlanGroup& entered, const PlanSource& source,
                                          const std::vector<Influencer>& roster,
                                          const std::vector<Influencer>& other, bool plan_a) {
    if (from_roster(source) && roster.empty()) {
        return plan_error(plan_a, ErrorCode::invalid,
                          "the roster is empty; add or import creators on the Plan screen first.");
    }
    switch (source.kind) {
    case PlanSourceKind::entered:
        return entered.influencers;
    case PlanSourceKind::typical: {
        if (entered.influencers.empty()) {
            return plan_error(plan_a, ErrorCode::invalid,
                              "enter the typical influencer first (followers, engagement, "
                              "price).");
        }
        auto group = typical_group(entered.name, entered.influencers.front(), source.count);
        if (!group) {
            return plan_error(plan_a, group.error().code, group.error().message);
        }
        return std::move(group).value().influencers;
    }
    case PlanSourceKind::rows: {
        std::vector<Influencer> rows;
        std::copy_if(roster.begin(), roster.end(), std::back_inserter(rows),
                     [&](const Influencer& row) {
                         return std::find(source.row_ids.begin(), source.row_ids.end(), row.id) !=
                                source.row_ids.end();
                     });
        if (rows.empty()) {
            return plan_error(plan_a, ErrorCode::invalid,
                              "no roster row is picked; tick the creators this plan books.");
        }
        return rows;
    }
    case PlanSourceKind::rule:
        return apply_rule(source, roster, other, plan_a);
    }
    return entered.influencers;
}

// Each row's all-in cost as evaluate_campaign computes it (invalid rows cost nothing here:
// the comparison flags them); empty when the plan-wide inputs fail.
std::vector<std::int64_t> row_costs(const std::vector<Influencer>& rows, Money budget,
                                    const CostAssumptions& costs) {
    CampaignInputs inputs;
    inputs.roster = rows;
    inputs.budget = budget;
    inputs.funnel = default_funnel_assumptions(budget.currency);
    inputs.costs = costs;
    const auto result = evaluate_campaign(inputs);
    std::vector<std::int64_t> out;
    if (result) {
        for (const RowMetrics& row : result.value().rows) {
            out.push_back(row.valid ? row.cost.cents : 0);
        }
    }
    return out;
}

// Fits one plan to the budget (see the header); returns a note when it changed the plan.
std::string fit_to_budget(PlanGroup& group, const PlanSource& source, Money budget,
                          const CostAssumptions& costs, const ProseNumbers& w) {
    const std::vector<std::int64_t> costs_of = row_costs(group.influencers, budget, costs);
    if (costs_of.size() != group.influencers.size() || group.influencers.empty()) {
        return {};
    }
    if (source.kind == PlanSourceKind::typical) {
        const std::int64_t one = costs_of.front();
        if (one <= 0) {
            return {};
        }
        const auto fits = std::clamp<std::int64_t>(budget.cents / one, 1, max_typical_count);
        if (fits == static_cast<std::int64_t>(group.influencers.size())) {
            return {};
        }
        const std::size_t entered = group.influencers.size();
        auto refit = typical_group(group.name, group.influencers.front(), static_cast<int>(fits));
        group.influencers = std::move(refit).value().influencers;
        return w.money(budget) + " buys " + w.count(fits) + " influencers like " +
               group.influencers.front().name + " (" + w.count(static_cast<std::int64_t>(entered)) +
               " entered).";
    }
    std::vector<Influencer> kept;
    std::vector<std::string> left_out;
    std::int64_t spent = 0;
    for (std::size_t i = 0; i < group.influencers.size(); ++i) {
        if (spent + costs_of[i] <= budget.cents) {
            spent += costs_of[i];
            kept.push_back(group.influencers[i]);
        } else {
            left_out.push_back(group.influencers[i].name);
        }
    }
    if (left_out.empty()) {
        return {};
    }
    if (kept.empty()) { // not even one fits: keep the first, the verdict says it is over
        return {};
    }
    const std::size_t total = group.influencers.size();
    group.influencers = std::move(kept);
    std::string names;
    constexpr std::size_t named = 3;
    for (std::size_t i = 0; i < left_out.size() && i < named; ++i) {
        names += (i == 0 ? "" : ", ") + left_out[i];
    }
    if (left_out.size() > named) {
        names += " and " + w.count(static_cast<std::int64_t>(left_out.size() - named)) + " more";
    }
    return w.count(static_cast<std::int64_t>(left_out.size())) + " of " +
           w.count(static_cast<std::int64_t>(total)) + " rows do not fit the " + w.money(budget) +
           " budget and are left out (" + names + ").";
}

} // namespace

std::string automatic_plan_name(const PlanSource& source, const std::vector<Influencer>& rows) {
    const auto n = static_cast<std::int64_t>(rows.size());
    const std::string many = format_count(n);
    switch (source.kind) {
    case PlanSourceKind::entered:
        break;
    case PlanSourceKind::typical:
        return rows.empty() ? "Typical influencers"
                            : many + (n == 1 ? " influencer like " : " influencers like ") +
                                  rows.front().name;
    case PlanSourceKind::rows:
        return n == 1 ? rows.front().name : many + " picked creators";
    case PlanSourceKind::rule:
        switch (source.rule) {
        case PlanRule::biggest:
            return source.count == 1 ? "Your biggest creator"
                                     : "Your " + format_count(source.count) + " biggest creators";
        case PlanRule::smallest:
            return source.count == 1 ? "Your smallest creator"
                                     : "Your " + format_count(source.count) + " smallest creators";
        case PlanRule::rest:
            return "Your " + many + " other creators";
        case PlanRule::tier:
            return "Creators with " + tier_words(source);
        case PlanRule::region:
            return "Creators in " + trimmed(source.value);
        case PlanRule::niche:
            return "Creators in " + trimmed(source.value) + " (niche)";
        }
    }
    return "Plan";
}

Result<ResolvedPlans> resolve_plans(const ComparisonSetup& entered, const PlanSources& sources,
                                    const std::vector<Influencer>& roster, Money budget,
                                    const CostAssumptions& costs, NumberFormat format) {
    const bool a_rest = sources.a.kind == PlanSourceKind::rule && sources.a.rule == PlanRule::rest;
    const bool b_rest = sources.b.kind == PlanSourceKind::rule && sources.b.rule == PlanRule::rest;
    if (a_rest && b_rest) {
        return plan_error(false, ErrorCode::invalid,
                          "both plans are \"the rest\"; pick rows or a rule for one of them.");
    }
    ResolvedPlans out;
    out.setup = entered;
    // "The rest" is resolved after the other plan.
    const bool b_first = a_rest;
    for (const bool plan_a : {!b_first, b_first}) {
        PlanGroup& group = plan_a ? out.setup.a : out.setup.b;
        const PlanSource& source = plan_a ? sources.a : sources.b;
        const PlanGroup& other = plan_a ? out.setup.b : out.setup.a;
        auto rows = plan_rows(group, source, roster, other.influencers, plan_a);
        if (!rows) {
            return rows.error();
        }
        group.influencers = std::move(rows).value();
    }
    const ProseNumbers w(format);
    for (const bool plan_a : {true, false}) {
        PlanGroup& group = plan_a ? out.setup.a : out.setup.b;
        const PlanSource& source = plan_a ? sources.a : sources.b;
        std::string fitted;
        if (sources.same_budget && budget.cents > 0) {
            fitted = fit_to_budget(group, source, budget, costs, w);
        }
        if (group.name.empty() && source.kind != PlanSourceKind::entered) {
            group.name = automatic_plan_name(source, group.influencers);
        }
        if (!fitted.empty()) {
            out.notes.push_back("Same budget, " +
                                (group.name.empty() ? plan_label(plan_a) : group.name) + ": " +
                                fitted);
        }
    }
    return out;
}

Result<Comparison> compare_resolved(ComparisonInputs inputs, const ResolvedPlans& plans) {
    inputs.setup = plans.setup;
    auto compared = compare_plans(inputs);
    if (!compared) {
        return compared;
    }
    Comparison& c = compared.value();
    const ProseNumbers w(inputs.number_format);
    // A plan over the budget is said in the headline, not only in a note below it.
    for (const PlanSummary* plan : {&c.a, &c.b}) {
        if (plan->within_budget) {
            continue;
        }
        const std::string note = plan->name + " costs " + w.money(plan->cost) + ", " +
                                 w.money(plan->overrun) + " over the " + w.money(inputs.budget) +
                                 " budget.";
        std::erase(c.notes, note);
        c.verdict += " " + plan->name + " does not fit the " + w.money(inputs.budget) +
                     " budget: it costs " + w.money(plan->cost) + ", " + w.money(plan->overrun) +
                     " over.";
    }
    c.notes.insert(c.notes.begin(), plans.notes.begin(), plans.notes.end());
    return compared;
}

} // namespace core
