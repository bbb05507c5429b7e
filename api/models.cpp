// JavaScript API: engagement, benchmarks, pricing and the funnel (docs/api.md).
#include "api/api.hpp"
#include "core/benchmarks.hpp"
#include "core/engagement.hpp"
#include "core/formulas.hpp"
#include "core/funnel.hpp"
#include "core/pricing.hpp"
#include "core/uncertainty.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>

namespace api {

// The value of `args[0]` read as T, starting from `start` (its defaults).
template <class T>
core::Result<T> read_argument(const Args& args, T start, std::string root = {}) {
    Input in(std::move(root));
    in.read(args[0].is_null() ? json::object() : args[0], start);
    MR_CHECK(in);
    return start;
}

Reply engagement_rate(const Args& args) {
    auto inputs = read_argument(args, core::EngagementInputs{});
    return inputs ? reply(core::measure_engagement(inputs.value())) : inputs.error();
}

Reply expected_interactions(const Args& args) {
    if (!args[0].is_number() || !args[1].is_number()) {
        return argument_error(args[0].is_number() ? "rate" : "audience", "expected a number.");
    }
    return reply(core::expected_interactions(args[0].get<double>(), args[1].get<double>()));
}

Reply benchmark_sets(const Args&) {
    return out(core::builtin_benchmark_sets());
}

Reply validate_benchmark_set(const Args& args) {
    auto set = read_argument(args, core::BenchmarkSet{}, "set");
    return set ? reply(core::validate_benchmark_set(set.value())) : set.error();
}

namespace {

bool same_ignoring_case(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return std::tolower(static_cast<unsigned char>(x)) ==
                      std::tolower(static_cast<unsigned char>(y));
           });
}

// The benchmark set of an input: `set` (a whole set), `setId` (a built-in set), or else
// the first built-in set for `platform` (when given), or else the default set.
core::BenchmarkSet read_set(Input& in, const json& object) {
    const auto& builtin = core::builtin_benchmark_sets();
    if (in.object(object, "set") != nullptr) {
        core::BenchmarkSet set; // a whole set, not a change to the default
        in.into(object, "set", set);
        return set;
    }
    if (in.member(object, "setId") == nullptr) {
        const std::string platform = in.get(object, "platform", std::string());
        for (const auto& set : builtin) {
            if (!platform.empty() && same_ignoring_case(set.platform, platform)) {
                return set;
            }
        }
        return builtin[0];
    }
    const std::string id = in.get(object, "setId", builtin[0].id);
    const core::BenchmarkSet* found = core::find_benchmark_set(builtin, id);
    if (found == nullptr) {
        in.fail_at("setId",
                   "no built-in benchmark set \"" + id + "\"; benchmarkSets() lists them.");
        return builtin[0];
    }
    return *found;
}

} // namespace

// {followers, engagementRate, setId?} or {followers, engagementRate, set}.
Reply grade(const Args& args) {
    Input in;
    const json& object = args[0];
    if (in.member(object, "followers") == nullptr ||
        in.member(object, "engagementRate") == nullptr) {
        in.fail_at(in.member(object, "followers") == nullptr ? "followers" : "engagementRate",
                   "required (followers as a whole number, engagementRate as a fraction).");
    }
    const auto followers = in.get<std::int64_t>(object, "followers", 0);
    const double rate = in.get(object, "engagementRate", 0.0);
    const core::BenchmarkSet set = read_set(in, object);
    MR_CHECK(in);
    return reply(core::grade(set, followers, rate));
}

// {followers, platform?, setId? | set?, sigma?}: the expected rate on the set's curve, its
// 5th..95th percentile band under the engagement spread, and where the figure comes from.
Reply expected_rate(const Args& args) {
    Input in;
    const json& object = args[0];
    if (in.member(object, "followers") == nullptr) {
        in.fail_at("followers", "required: a whole number of followers, such as 12,500.");
    }
    const auto followers = in.get<std::int64_t>(object, "followers", 0);
    if (followers < 0) {
        in.fail_at("followers", "type a whole number of 0 or more, such as 12,500.");
    }
    const double sigma = in.get(object, "sigma", core::UncertaintySettings{}.sigma);
    if (!(sigma >= 0.0 && sigma <= core::max_spread_sigma)) {
        in.fail_at("sigma", "type a spread from 0 to 2, such as 0.5.");
    }
    const core::BenchmarkSet set = read_set(in, object);
    MR_CHECK(in);
    if (auto valid = core::validate_benchmark_set(set); !valid) {
        return valid.error();
    }
    const double rate = core::expected_engagement_rate(set, followers);
    // The spread's multiplier has mean 1: its 5th and 95th percentiles.
    const double centre = -sigma * sigma / 2.0;
    const core::Tier* tier = core::tier_for(set, followers);
    return json{{"rate", rate},
                {"low", rate * std::exp(centre - core::z_95 * sigma)},
                {"high", rate * std::exp(centre + core::z_95 * sigma)},
                {"setId", set.id},
                {"setName", set.name},
                {"source", set.source},
                {"year", set.year},
                {"platform", set.platform},
                {"metric", set.metric},
                {"tierName", tier != nullptr ? tier->name : std::string()},
                {"tierRate", tier != nullptr ? tier->engagement_rate : 0.0},
                {"tierDerived", tier != nullptr && tier->derived},
                {"formulaId", core::formula_ids::engagement_curve}};
}

// (currency?): a value made for that currency.
template <auto Make>
Reply for_currency(const Args& args) {
    Input in;
    const core::Currency currency = in.currency_argument(args, 0);
    MR_CHECK(in);
    return out(Make(currency));
}

Reply default_pricing_model(const Args& args) {
    return for_currency<core::default_pricing_model>(args);
}
Reply price_tables(const Args& args) {
    return for_currency<core::builtin_price_tables>(args);
}
Reply default_funnel(const Args& args) {
    return for_currency<core::default_funnel_assumptions>(args);
}

Reply price_references(const Args&) {
    json list = json::array();
    for (const auto& reference : core::price_references) {
        list.push_back({{"id", reference.id},
                        {"label", reference.label},
                        {"price", out(core::Money{reference.usd_cents, core::Currency::usd})},
                        {"source", reference.source},
                        {"year", reference.year},
                        {"platform", reference.platform},
                        {"scope", reference.scope}});
    }
    return list;
}

// A partial pricing model: missing parts from the default of its currency.
core::PricingModel read_pricing_model(Input& in, const json& object, std::string_view key,
                                      core::Currency currency) {
    const json* given = in.object(object, key);
    core::PricingModel model = core::default_pricing_model(
        given != nullptr ? in.get(*given, "currency", currency) : currency);
    const core::Currency context = in.currency();
    in.set_currency(model.currency);
    in.into(object, key, model);
    in.set_currency(context);
    return model;
}

// {followers, engagementRate?, model?, currency?, quote?}
Reply suggest_price(const Args& args) {
    Input in;
    const json& object = args[0];
    const auto currency = in.get(object, "currency", core::Currency::usd);
    const core::PricingModel model = read_pricing_model(in, object, "model", currency);
    if (in.member(object, "followers") == nullptr) {
        in.fail_at("followers", "required: a whole number of followers.");
    }
    const auto followers = in.get<std::int64_t>(object, "followers", 0);
    const double rate = in.get(object, "engagementRate", 0.0);
    in.set_currency(model.currency);
    const auto quote = in.get(object, "quote", std::optional<core::Money>());
    MR_CHECK(in);
    return reply(core::price_per_post(model, followers, rate, quote));
}

// {engagements, impressions?, cost, assumptions?, currency?}
Reply run_funnel(const Args& args) {
    Input in;
    const json& object = args[0];
    in.set_currency(in.get(object, "currency", core::Currency::usd));
    const double engagements = in.get(object, "engagements", 0.0);
    const double impressions = in.get(object, "impressions", 0.0);
    const auto cost = in.get(object, "cost", core::Money::zero(in.currency()));
    core::FunnelAssumptions assumptions = core::default_funnel_assumptions(cost.currency);
    in.set_currency(cost.currency);
    in.into(object, "assumptions", assumptions);
    MR_CHECK(in);
    return reply(core::run_funnel(engagements, impressions, cost, assumptions));
}

} // namespace api
