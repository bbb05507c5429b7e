// JavaScript API: campaigns, comparison, tracking, uncertainty and the optimizer
// (docs/api.md, "Campaigns").
#include "api/api.hpp"
#include "core/campaign.hpp"
#include "core/compare.hpp"
#include "core/optimizer.hpp"
#include "core/plan_source.hpp"
#include "core/tracking.hpp"
#include "core/uncertainty.hpp"

#include <algorithm>
#include <chrono>
#include <tuple>

namespace api {

// A campaign: {roster, budget, currency?, reachRate?, reachBySize?, reachTable?, audienceOverlap?,
// funnel?, funnelFromTargeted?, costs?}.
// Leaves the reader's currency at the plan's (the budget's).
core::CampaignInputs read_campaign(Input& in, const json& object) {
    core::CampaignInputs inputs;
    in.set_currency(in.get(object, "currency", core::Currency::usd));
    inputs.budget = in.get(object, "budget", core::Money::zero(in.currency()));
    in.set_currency(inputs.budget.currency);
    inputs.funnel = core::default_funnel_assumptions(inputs.budget.currency);
    in.into(object, "roster", inputs.roster, core::max_roster_rows);
    in.into(object, "reachRate", inputs.reach_rate);
    in.into(object, "reachBySize", inputs.reach_by_size);
    in.into(object, "reachTable", inputs.reach_table);
    in.into(object, "audienceOverlap", inputs.audience_overlap);
    in.into(object, "funnel", inputs.funnel);
    in.into(object, "funnelFromTargeted", inputs.funnel_from_targeted);
    in.into(object, "costs", inputs.costs);
    return inputs;
}

Reply evaluate_campaign(const Args& args) {
    Input in;
    const core::CampaignInputs inputs = read_campaign(in, args[0]);
    MR_CHECK(in);
    const auto result = core::evaluate_campaign(inputs);
    if (!result) {
        return result.error();
    }
    // A roster given as columns gets its rows back as columns (docs/api.md, "Columns").
    core::schema::Writer writer(Dialect::api, core::Currency::usd);
    if (args.columns != nullptr && args[0].is_object() && args[0].contains("roster") &&
        args[0]["roster"].is_object()) {
        writer.columns_for("rows", *args.columns);
    }
    return writer.write(result.value());
}

// A plan: {name, influencers: [...]}, {name, typical: influencer, count}, {name, rows:
// [roster ids]} or {name, rule, count?, value?, minFollowers?, maxFollowers?}; the rows
// and rules pick from the comparison's roster (core/plan_source.hpp).
void read_group(Input& in, const json& object, const char* key, core::PlanGroup& group,
                core::PlanSource& source) {
    in.push(key);
    in.into(object, "name", group.name);
    if (in.member(object, "typical") != nullptr) {
        source.kind = core::PlanSourceKind::typical;
        group.influencers.resize(1);
        in.into(object, "typical", group.influencers.front());
        in.into(object, "count", source.count);
    } else if (in.member(object, "rows") != nullptr) {
        source.kind = core::PlanSourceKind::rows;
        in.into(object, "rows", source.row_ids, core::max_roster_rows);
    } else if (in.member(object, "rule") != nullptr) {
        source.kind = core::PlanSourceKind::rule;
        in.into(object, "rule", source.rule);
        in.into(object, "count", source.count);
        in.into(object, "value", source.value);
        in.into(object, "minFollowers", source.min_followers);
        in.into(object, "maxFollowers", source.max_followers);
    } else {
        in.into(object, "influencers", group.influencers, core::max_roster_rows);
    }
    in.pop();
}

Reply compare_plans(const Args& args) {
    Input in;
    const json& object = args[0];
    const core::CampaignInputs plan = read_campaign(in, object);
    core::ComparisonInputs inputs;
    inputs.budget = plan.budget;
    inputs.reach_rate = plan.reach_rate;
    inputs.reach_by_size = plan.reach_by_size;
    inputs.reach_table = plan.reach_table;
    inputs.audience_overlap = plan.audience_overlap;
    inputs.funnel = plan.funnel;
    inputs.funnel_from_targeted = plan.funnel_from_targeted;
    inputs.costs = plan.costs;
    inputs.number_format.decimal_comma = in.get(object, "decimalComma", false);
    in.into(object, "metric", inputs.setup.metric);
    in.into(object, "judgement", inputs.setup.judgement);
    core::PlanSources sources;
    sources.same_budget = in.get(object, "sameBudget", true);
    for (auto [key, group, source] : {std::tuple{"a", &inputs.setup.a, &sources.a},
                                      std::tuple{"b", &inputs.setup.b, &sources.b}}) {
        const json* given = in.required(object, key,
                                        "{name, influencers: [...]}, {name, typical, count}, "
                                        "{rows: [ids]} or {rule, count}.");
        MR_CHECK(in);
        read_group(in, *given, key, *group, *source);
        MR_CHECK(in);
    }
    const auto plans = core::resolve_plans(inputs.setup, sources, plan.roster, inputs.budget,
                                           inputs.costs, inputs.number_format);
    if (!plans) {
        return plans.error();
    }
    return reply(core::compare_resolved(inputs, plans.value()));
}

// {roster, results, counted?, expectedCounts?, averaging?, margin?, currency?}
core::TrackingInputs read_tracking(Input& in, const json& object) {
    core::TrackingInputs inputs;
    inputs.currency = in.get(object, "currency", inputs.currency);
    in.set_currency(inputs.currency);
    in.into(object, "roster", inputs.roster, core::max_roster_rows);
    in.into(object, "averaging", inputs.averaging);
    in.into(object, "margin", inputs.margin);
    in.into(object, "counted", inputs.counted);
    if (in.member(object, "expectedCounts") != nullptr) {
        inputs.expected_counts.emplace();
        in.into(object, "expectedCounts", *inputs.expected_counts);
    }
    in.into(object, "results", inputs.results, core::max_tracked_results);
    return inputs;
}

Reply track_results(const Args& args) {
    Input in;
    const core::TrackingInputs inputs = read_tracking(in, args[0]);
    std::optional<core::TrackingMetric> rank;
    if (in.member(args[0], "rankBy") != nullptr) {
        core::TrackingMetric metric = core::TrackingMetric::engagement_rate;
        in.into(args[0], "rankBy", metric);
        rank = metric;
    }
    MR_CHECK(in);
    auto result = core::track_results(inputs);
    if (!result || !rank) {
        return reply(result);
    }
    const core::TrackingMetric metric = rank.value();
    json value = out(result.value());
    json ranking = json::array();
    for (std::size_t index : core::rank_influencers(result.value(), metric)) {
        const auto& actuals = result.value().influencers[index];
        ranking.push_back(
            {{"id", actuals.id}, {"value", out(core::tracking_value(actuals, metric))}});
    }
    value["ranking"] = ranking;
    value["rankBy"] = core::tracking_metric_name(metric);
    value["higherIsBetter"] = core::higher_is_better(metric);
    return value;
}

// The same inputs plus minPosts and priorPosts: the credibility-weighted roster.
Reply adopt_actuals(const Args& args) {
    Input in;
    const core::TrackingInputs inputs = read_tracking(in, args[0]);
    const int min_posts = in.get(args[0], "minPosts", 1);
    if (min_posts < 1) {
        in.fail_at("minPosts", "expected a whole number from 1 up.");
    }
    const int prior_posts = in.get(args[0], "priorPosts", core::default_prior_posts);
    if (prior_posts < 0 || prior_posts > core::max_prior_posts) {
        in.fail_at("priorPosts", "expected a whole number from 0 to 1,000, such as 12.");
    }
    MR_CHECK(in);
    auto result = core::track_results(inputs);
    if (!result) {
        return result.error();
    }
    const auto adopted = core::adopt_actuals(inputs.roster, result.value(), min_posts, prior_posts);
    return json{{"roster", out(adopted.roster)}, {"changedIds", adopted.changed_ids}};
}

// The campaign at object[key] (required), evaluated and turned into a simulation plan.
core::Result<core::SimulationPlan> simulation_plan(Input& in, const json& object, const char* key,
                                                   std::string_view what) {
    const json* given = in.required(object, key, what);
    MR_CHECK(in);
    in.push(key);
    const core::CampaignInputs inputs = read_campaign(in, *given);
    in.pop();
    MR_CHECK(in);
    auto result = core::evaluate_campaign(inputs);
    if (!result) {
        return result.error();
    }
    return core::simulation_plan(result.value());
}

// {plan: campaign, sigma?}
Reply uncertainty_bands(const Args& args) {
    Input in;
    const double sigma = in.get(args[0], "sigma", core::UncertaintySettings{}.sigma);
    auto plan = simulation_plan(in, args[0], "plan", "the campaign (as for evaluateCampaign).");
    return plan ? reply(core::plan_bands(plan.value(), sigma)) : plan.error();
}

// Monte Carlo settings; a seed above 2^53 may be given as its decimal digits.
core::UncertaintySettings read_settings(Input& in, const json& object) {
    core::UncertaintySettings settings;
    const json* given = in.object(object, "settings");
    if (given == nullptr) {
        return settings;
    }
    json copy = *given;
    if (const json* seed = in.member(copy, "seed"); seed != nullptr && seed->is_string()) {
        const std::string digits = seed->get<std::string>();
        const json number = json::parse(digits, nullptr, false);
        if (digits.empty() || digits.size() > 20 ||
            digits.find_first_not_of("0123456789") != std::string::npos ||
            !number.is_number_unsigned()) {
            in.fail_at("settings.seed", "expected a whole number, or its digits as text.");
            return settings;
        }
        copy["seed"] = number;
    }
    in.push("settings");
    in.read(copy, settings);
    in.pop();
    return settings;
}

// {plan, settings?} for one plan; {a, b, metric?, judgement?, settings?} for two.
Reply monte_carlo(const Args& args) {
    Input in;
    const json& object = args[0];
    const core::UncertaintySettings settings = read_settings(in, object);
    if (in.member(object, "a") == nullptr && in.member(object, "b") == nullptr) {
        auto plan = simulation_plan(in, object, "plan",
                                    "the campaign to simulate (or a and b to compare two).");
        if (!plan) {
            return plan.error();
        }
        auto result = core::simulate_plan(plan.value(), settings);
        if (!result) {
            return result.error();
        }
        json value = out(result.value());
        value["trials"] = settings.trials;
        return value;
    }
    const auto metric = in.get(object, "metric", core::PlanMetric::engagements);
    const auto judgement = in.get(object, "judgement", core::Judgement::cost_per_result);
    constexpr std::string_view both = "both plans, as for evaluateCampaign.";
    auto a = simulation_plan(in, object, "a", both);
    auto b = a ? simulation_plan(in, object, "b", both) : a;
    if (!a || !b) {
        return a ? b.error() : a.error();
    }
    return reply(core::simulate_pair(a.value(), b.value(), metric, judgement, settings));
}

// {budget, currency?, candidates, regions, mustInclude, mustExclude, maxBudgetShare, minHires}
core::OptimizerProblem read_problem(Input& in, const json& object) {
    core::OptimizerProblem problem;
    in.set_currency(in.get(object, "currency", core::Currency::usd));
    problem.budget = in.get(object, "budget", core::Money::zero(in.currency()));
    in.set_currency(problem.budget.currency);
    in.into(object, "regions", problem.regions, core::optimizer_max_regions);
    const json* candidates = in.member(object, "candidates");
    if (candidates != nullptr && !candidates->is_array()) {
        in.fail_at("candidates", "expected a list.");
        candidates = nullptr;
    }
    for (std::size_t i = 0; candidates != nullptr && i < candidates->size() && in.ok(); ++i) {
        const json& item = (*candidates)[i];
        in.push("candidates[" + std::to_string(i) + "]");
        core::OptimizerCandidate candidate;
        candidate.id = in.get(item, "id", candidate.id);
        candidate.name = in.get(item, "name", candidate.name);
        candidate.cost_cents = in.get(item, "cost", core::Money::zero(in.currency())).cents;
        candidate.value = in.get(item, "value", candidate.value);
        // A region by name (one of `regions`) or by index.
        if (const json* region = in.member(item, "region"); region && region->is_string()) {
            for (std::size_t r = 0; r < problem.regions.size(); ++r) {
                if (problem.regions[r].name == region->get<std::string>()) {
                    candidate.region = static_cast<int>(r);
                }
            }
        } else {
            in.into(item, "region", candidate.region);
        }
        in.pop();
        problem.candidates.push_back(std::move(candidate));
    }
    in.into(object, "mustInclude", problem.must_include);
    in.into(object, "mustExclude", problem.must_exclude);
    in.into(object, "maxBudgetShare", problem.max_budget_share);
    in.into(object, "minHires", problem.min_hires);
    return problem;
}

// Time budget and resumable searches (issue 16). A search stopped by its budget is kept
// under a `searchId` that resume_optimize() continues and release_optimize() frees; at
// most 8 are kept (the oldest is dropped).
namespace {

struct KeptSearch {
    std::int64_t id = 0;
    core::OptimizerSolver solver;
};
std::vector<KeptSearch> kept_searches; // oldest first
std::int64_t last_search_id = 0;
constexpr std::size_t max_kept_searches = 8;

// options.maxNodes (0 = none) and options.timeLimitMs (default 1,000; 0 = none).
core::SolveLimits read_search_limits(Input& in, const json& opts) {
    core::SolveLimits limits;
    in.push("options");
    limits.max_nodes = in.get(opts, "maxNodes", limits.max_nodes);
    limits.time_limit_ms = in.get(opts, "timeLimitMs", core::default_time_limit_ms);
    if (!(limits.time_limit_ms >= 0.0 && limits.time_limit_ms <= 1e9)) {
        in.fail_at("timeLimitMs", "expected milliseconds from 0 (no limit) to 1e9.");
    }
    in.pop();
    return limits;
}

// The solution; a stopped search is kept and its id returned with it.
Reply search_result(core::OptimizerSolver solver, std::int64_t id) {
    const core::OptimizerSolution solution = solver.solution();
    if (solution.status == core::SolveStatus::infeasible) {
        return core::make_error(core::ErrorCode::infeasible, "Optimizer", solution.explanation);
    }
    json value = out(solution);
    if (!solver.finished()) {
        if (kept_searches.size() >= max_kept_searches) {
            kept_searches.erase(kept_searches.begin());
        }
        kept_searches.push_back({id, std::move(solver)});
        value["searchId"] = id;
    }
    return value;
}

std::vector<KeptSearch>::iterator find_search(const json& id) {
    return std::find_if(kept_searches.begin(), kept_searches.end(), [&](const KeptSearch& k) {
        return id.is_number() && static_cast<double>(k.id) == id.get<double>();
    });
}

} // namespace

Reply optimize(const Args& args) {
    Input in;
    const json opts = in.options(args, 1);
    const core::OptimizerProblem problem = read_problem(in, args[0]);
    const core::SolveLimits limits = read_search_limits(in, opts);
    MR_CHECK(in);
    auto solver = core::start_solve(problem, limits);
    if (!solver) {
        return solver.error();
    }
    return search_result(std::move(solver).value(), ++last_search_id);
}

// (searchId, options?): continues a stopped search with a new budget.
Reply resume_optimize(const Args& args) {
    Input in;
    const json opts = in.options(args, 1);
    const core::SolveLimits limits = read_search_limits(in, opts);
    MR_CHECK(in);
    const auto found = find_search(args[0]);
    if (found == kept_searches.end()) {
        return argument_error("searchId", "no stopped search has this id (it finished, was "
                                          "released, or 8 newer ones replaced it); call "
                                          "optimize again.");
    }
    KeptSearch search = std::move(*found);
    kept_searches.erase(found);
    search.solver.run(limits.max_nodes, limits.time_limit_ms);
    return search_result(std::move(search.solver), search.id);
}

// (searchId): frees a stopped search; true when it was kept.
Reply release_optimize(const Args& args) {
    const auto found = find_search(args[0]);
    if (found == kept_searches.end()) {
        return json(false);
    }
    kept_searches.erase(found);
    return json(true);
}

// For the benchmark (tests/perf): reads a campaign once, then evaluates it `times`
// times in C++ and returns the milliseconds per evaluation, so the API's cost can be
// set against the core's in the same build and run.
Reply time_evaluation(const Args& args) {
    Input in;
    const core::CampaignInputs inputs = read_campaign(in, args[0]);
    const int times = args[1].is_number() ? std::max(1, args[1].get<int>()) : 1;
    MR_CHECK(in);
    const auto start = std::chrono::steady_clock::now();
    for (int k = 0; k < times; ++k) {
        if (!core::evaluate_campaign(inputs)) {
            return core::make_error(core::ErrorCode::invalid, "campaign", "campaign: not valid.");
        }
    }
    const std::chrono::duration<double, std::milli> spent =
        std::chrono::steady_clock::now() - start;
    return json(spent.count() / times);
}

} // namespace api
