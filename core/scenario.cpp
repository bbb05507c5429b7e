#include "core/scenario.hpp"

#include <cmath>
#include <utility>

namespace core {

Influencer benchmark_influencer(const BenchmarkSet& set, std::uint32_t id, std::string name,
                                std::int64_t followers, Money price_per_post, std::string region) {
    Influencer influencer;
    influencer.id = id;
    influencer.name = std::move(name);
    influencer.platform = "Instagram";
    influencer.followers = followers;
    influencer.engagement_kind = EngagementInputKind::rate;
    influencer.price_per_post = price_per_post;
    influencer.posts = 1;
    influencer.region = std::move(region);
    influencer.niche = "Parenting";
    influencer.audience_fit = 1.0;
    // The expected rate on the set's curve: no cliff at a tier edge (core/benchmarks.hpp).
    // Rounded to a hundredth of a percentage point, as a user would type it.
    influencer.engagement_value = std::round(expected_engagement_rate(set, followers) * 1e4) / 1e4;
    const Tier* tier = tier_for(set, followers);
    influencer.notes =
        "Engagement rate: expected for " + format_count(followers) + " followers (" +
        format_percent(influencer.engagement_value, 1) + " on the curve through " + set.name +
        (tier != nullptr
             ? "; tier " + tier->name + ": " + format_percent(tier->engagement_rate, 1) +
                   (tier->derived ? ", derived" : "")
             : std::string()) +
        "); replace it with the measured rate. Audience fit: 100% until estimated.";
    return influencer;
}

Scenario default_scenario() {
    Scenario s;
    s.title = "Learning-to-read toy";
    s.screen = Screen::compare;
    const Currency currency = Currency::usd;
    s.budget = Money{500'000, currency};

    Assumptions& a = s.assumptions;
    a.currency = currency;
    a.benchmark_sets = builtin_benchmark_sets();
    a.benchmark_set_id = a.benchmark_sets.empty() ? std::string("article") : a.benchmark_sets[0].id;
    a.pricing = default_pricing_model(currency);
    a.funnel = default_funnel_assumptions(currency);
    a.funnel_from_targeted = true;
    a.reach_rate = 0.1;
    // Reach falls with audience size (Socialbakers 2012) and one audience in ten is also
    // reached by another influencer of the plan (an assumption, shown and editable). Files
    // and links from before these fields keep their flat rate and no overlap.
    a.reach_by_size = true;
    a.audience_overlap = default_audience_overlap;
    a.uncertainty = UncertaintySettings{};

    // The engagement screen starts with the article's first example: 150 likes on a
    // post by someone with 1,000 followers.
    s.engagement.basis = EngagementBasis::followers;
    s.engagement.posts = {PostInteractions{150, 0, 0, 0, 1000}};
    s.engagement_followers = 1000;

    const BenchmarkSet& set = active_benchmark_set(s);
    const Money macro_price{500'000, currency};
    const Money micro_price{10'000, currency};
    struct Micro {
        const char* name;
        std::int64_t followers;
        const char* region;
    };
    // Names are placeholders; follower counts follow the article's description.
    const Micro micros[] = {
        {"New England blogger 1", 1000, "New England"},
        {"New England blogger 2", 1050, "New England"},
        {"New England blogger 3", 1200, "New England"},
        {"Florida blogger 1", 300, "Florida"},
        {"Florida blogger 2", 400, "Florida"},
        {"Florida blogger 3", 500, "Florida"},
        {"Midwest blogger 1", 1000, "Midwest"},
        {"Midwest blogger 2", 1100, "Midwest"},
        {"Pacific Northwest blogger", 1500, "Pacific Northwest"},
        {"Texas blogger", 2000, "Texas"},
    };

    Influencer macro = benchmark_influencer(set, 1, "National parenting blogger", 1'000'000,
                                            macro_price, "United States (national)");
    s.roster.push_back(macro);
    std::uint32_t id = 2;
    for (const Micro& m : micros) {
        s.roster.push_back(
            benchmark_influencer(set, id++, m.name, m.followers, micro_price, m.region));
    }

    // The plans come from the roster: the biggest creator against the rest, each fitted to
    // the budget, and named after their contents (they follow a replaced roster).
    s.plan_sources.a.kind = PlanSourceKind::rule;
    s.plan_sources.a.rule = PlanRule::biggest;
    s.plan_sources.b.kind = PlanSourceKind::rule;
    s.plan_sources.b.rule = PlanRule::rest;
    s.plan_sources.same_budget = true;
    s.comparison.metric = PlanMetric::engagements;
    s.comparison.judgement = Judgement::cost_per_result;

    s.tracking = TrackingSettings{};
    s.optimizer = OptimizerSettings{};
    return s;
}

const BenchmarkSet& active_benchmark_set(const Scenario& scenario) {
    const std::vector<BenchmarkSet>& sets = scenario.assumptions.benchmark_sets;
    if (const BenchmarkSet* found =
            find_benchmark_set(sets, scenario.assumptions.benchmark_set_id)) {
        return *found;
    }
    if (!sets.empty()) {
        return sets.front();
    }
    return builtin_benchmark_sets().front();
}

CampaignInputs campaign_inputs(const Scenario& scenario) {
    CampaignInputs inputs;
    inputs.roster = scenario.roster;
    inputs.budget = scenario.budget;
    inputs.reach_rate = scenario.assumptions.reach_rate;
    inputs.reach_by_size = scenario.assumptions.reach_by_size;
    inputs.reach_table = scenario.assumptions.reach_table;
    inputs.audience_overlap = scenario.assumptions.audience_overlap;
    inputs.funnel = scenario.assumptions.funnel;
    inputs.funnel_from_targeted = scenario.assumptions.funnel_from_targeted;
    inputs.costs = scenario.assumptions.costs;
    return inputs;
}

Result<ResolvedPlans> resolved_plans(const Scenario& scenario) {
    return resolve_plans(scenario.comparison, scenario.plan_sources, scenario.roster,
                         scenario.budget, scenario.assumptions.costs,
                         scenario.assumptions.number_format);
}

ComparisonInputs comparison_inputs(const Scenario& scenario) {
    ComparisonInputs inputs;
    const auto plans = resolved_plans(scenario);
    inputs.setup = plans ? plans.value().setup : scenario.comparison;
    inputs.budget = scenario.budget;
    inputs.reach_rate = scenario.assumptions.reach_rate;
    inputs.reach_by_size = scenario.assumptions.reach_by_size;
    inputs.reach_table = scenario.assumptions.reach_table;
    inputs.audience_overlap = scenario.assumptions.audience_overlap;
    inputs.funnel = scenario.assumptions.funnel;
    inputs.funnel_from_targeted = scenario.assumptions.funnel_from_targeted;
    inputs.number_format = scenario.assumptions.number_format;
    inputs.costs = scenario.assumptions.costs;
    return inputs;
}

Result<Comparison> compare_scenario(const Scenario& scenario) {
    const auto plans = resolved_plans(scenario);
    if (!plans) {
        return plans.error();
    }
    return compare_resolved(comparison_inputs(scenario), plans.value());
}

TrackingInputs tracking_inputs(const Scenario& scenario) {
    TrackingInputs inputs;
    inputs.roster = scenario.roster;
    inputs.results = scenario.actuals;
    inputs.counted = scenario.tracking.counted;
    inputs.expected_counts = counts_of(active_benchmark_set(scenario));
    inputs.averaging = scenario.tracking.averaging;
    inputs.margin = scenario.assumptions.funnel.margin;
    inputs.currency = scenario.assumptions.currency;
    return inputs;
}

} // namespace core
