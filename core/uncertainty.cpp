#include "core/uncertainty.hpp"

#include "core/formulas.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <string>

namespace core {

namespace detail {

namespace {
// ln 2 split so that k * ln2_hi is exact for the exponents we meet (fdlibm's split).
constexpr double ln2_hi = 6.93147180369123816490e-01;
constexpr double ln2_lo = 1.90821492927058770002e-10;
constexpr double sqrt_half = 0.70710678118654752440;
constexpr int exp_table_size = 64;

// exp(r) for |r| <= ln2 / 2 by a degree-13 Taylor polynomial: used once per table entry.
double exp_taylor(double r) {
    double p = 1.0 / 6227020800.0; // 1/13!
    p = p * r + 1.0 / 479001600.0;
    p = p * r + 1.0 / 39916800.0;
    p = p * r + 1.0 / 3628800.0;
    p = p * r + 1.0 / 362880.0;
    p = p * r + 1.0 / 40320.0;
    p = p * r + 1.0 / 5040.0;
    p = p * r + 1.0 / 720.0;
    p = p * r + 1.0 / 120.0;
    p = p * r + 1.0 / 24.0;
    p = p * r + 1.0 / 6.0;
    p = p * r + 0.5;
    p = p * r + 1.0;
    return p * r + 1.0;
}

struct ExpTable {
    double power[exp_table_size]; // 2^(j / 64)
};

const ExpTable& exp_table() {
    static const ExpTable table = [] {
        ExpTable t{};
        for (int j = 0; j < exp_table_size; ++j) {
            const double jd = static_cast<double>(j);
            // j ln2 / 64 is at most 0.69: one halving brings it within the Taylor range.
            const double half = exp_taylor(0.5 * (jd * ln2_hi + jd * ln2_lo) / exp_table_size);
            t.power[j] = half * half;
        }
        return t;
    }();
    return table;
}

// 2^m for -1022 <= m <= 1023, built from its bits (exact).
double power_of_two(int m) {
    const std::uint64_t bits = static_cast<std::uint64_t>(m + 1023) << 52;
    double out = 0.0;
    std::memcpy(&out, &bits, sizeof out);
    return out;
}

// exp(x) = 2^m * 2^(j/64) * exp(r) with n = 64 m + j the nearest integer to 64 x / ln 2,
// so |r| <= ln2 / 128 and a degree-5 polynomial is accurate to double precision.
inline double exp_with(const ExpTable& table, double x) {
    if (!(x > -708.0)) {
        return 0.0;
    }
    if (x > 709.0) {
        return 1e308;
    }
    constexpr double scale = exp_table_size / 6.93147180559945309417e-01;
    const double k = std::floor(x * scale + 0.5);
    const double r = (x - k * (ln2_hi / exp_table_size)) - k * (ln2_lo / exp_table_size);
    const int n = static_cast<int>(k);
    const int m = n >> 6; // floor division by 64 (arithmetic shift, defined in C++20)
    const int j = n - m * exp_table_size;
    double p = 1.0 / 120.0;
    p = p * r + 1.0 / 24.0;
    p = p * r + 1.0 / 6.0;
    p = p * r + 0.5;
    p = p * r + 1.0;
    p = p * r + 1.0;
    return (table.power[j] * p) * power_of_two(m);
}

} // namespace

double det_log(double x) {
    int exponent = 0;
    double m = std::frexp(x, &exponent); // exact: x = m * 2^exponent, m in [0.5, 1)
    if (m < sqrt_half) {
        m *= 2.0; // exact
        exponent -= 1;
    }
    // log(m) = 2 atanh(s), s = (m - 1) / (m + 1), |s| <= 0.1716; the series in s^2
    // converges fast enough that 12 terms reach double precision.
    const double s = (m - 1.0) / (m + 1.0);
    const double z = s * s;
    double p = 1.0 / 23.0;
    p = p * z + 1.0 / 21.0;
    p = p * z + 1.0 / 19.0;
    p = p * z + 1.0 / 17.0;
    p = p * z + 1.0 / 15.0;
    p = p * z + 1.0 / 13.0;
    p = p * z + 1.0 / 11.0;
    p = p * z + 1.0 / 9.0;
    p = p * z + 1.0 / 7.0;
    p = p * z + 1.0 / 5.0;
    p = p * z + 1.0 / 3.0;
    p = p * z + 1.0;
    const double log_m = 2.0 * s * p;
    const double e = static_cast<double>(exponent);
    return e * ln2_hi + (log_m + e * ln2_lo);
}

double det_exp(double x) {
    return exp_with(exp_table(), x);
}

const ZigguratTables& ziggurat_tables() {
    static const ZigguratTables tables = [] {
        ZigguratTables t{};
        const ExpTable& e = exp_table();
        const auto f = [&](double x) {
            return exp_with(e, -0.5 * x * x);
        };
        t.x[1] = ziggurat_r;
        t.f[1] = f(ziggurat_r);
        t.x[0] = ziggurat_v / t.f[1];
        t.f[0] = 0.0;
        for (int i = 1; i < ziggurat_layers - 1; ++i) {
            t.x[i + 1] = std::sqrt(-2.0 * det_log(ziggurat_v / t.x[i] + t.f[i]));
            t.f[i + 1] = f(t.x[i + 1]);
        }
        // The last step would take the log of (almost exactly) 1; the top is x = 0 by
        // definition, so it is set rather than computed.
        t.x[ziggurat_layers] = 0.0;
        t.f[ziggurat_layers] = 1.0;
        return t;
    }();
    return tables;
}

double NormalStream::slow_path(int layer, double z) {
    for (;;) {
        if (layer == 0) {
            // Beyond R (Marsaglia's tail method): a = -ln(U1) / R, b = -ln(U2), accept
            // when 2b > a^2; z = R + a. Uniforms on (0, 1] so the log is finite.
            for (;;) {
                const double u1 = static_cast<double>((engine_() >> 11) + 1) * 0x1.0p-53;
                const double u2 = static_cast<double>((engine_() >> 11) + 1) * 0x1.0p-53;
                const double a = -det_log(u1) / ziggurat_r;
                const double b = -det_log(u2);
                if (b + b > a * a) {
                    return z < 0.0 ? -(ziggurat_r + a) : ziggurat_r + a;
                }
            }
        }
        // A wedge: accept (z, y) when y is under the curve, y uniform within the layer.
        const double y =
            tables_->f[layer] + uniform() * (tables_->f[layer + 1] - tables_->f[layer]);
        if (y < det_exp(-0.5 * z * z)) {
            return z;
        }
        // Rejected: a fresh draw from the top.
        const std::uint64_t bits = engine_();
        layer = static_cast<int>(bits & (ziggurat_layers - 1));
        const double u = static_cast<double>(bits >> 11) * 0x1.0p-52 - 1.0;
        z = u * tables_->x[layer];
        if (z < tables_->x[layer + 1] && -z < tables_->x[layer + 1]) {
            return z;
        }
    }
}

TrialTotals draw_trial(NormalStream& stream, const TrialShape& shape, const double* engagements,
                       const double* targeted, const double* conversions, std::size_t count) {
    const double sigma = shape.sigma;
    const double half_variance = 0.5 * sigma * sigma;
    const double conversion_sigma = shape.conversion_sigma;
    const double conversion_half_variance = 0.5 * conversion_sigma * conversion_sigma;
    // The plan's shocks are drawn only when used, so rho = 0 and s_c = 0 keep the old draws
    // (and own = 1, shock = 0 leave sigma * z bit for bit as it was).
    double shock = 0.0;
    double conversion_shock = 0.0;
    if (shape.shared_shock > 0.0) {
        const double weight = std::sqrt(shape.shared_shock);
        shock = weight * stream.next();
        if (conversion_sigma > 0.0) {
            conversion_shock = weight * stream.next();
        }
    }
    const double own = std::sqrt(1.0 - shape.shared_shock);
    const ExpTable& table = exp_table();
    TrialTotals totals;
    for (std::size_t i = 0; i < count; ++i) {
        const double multiplier =
            exp_with(table, sigma * (shock + own * stream.next()) - half_variance);
        totals.engagements += multiplier * engagements[i];
        totals.targeted_engagements += multiplier * targeted[i];
        double conversion = multiplier * conversions[i];
        if (conversion_sigma > 0.0) {
            conversion *=
                exp_with(table, conversion_sigma * (conversion_shock + own * stream.next()) -
                                    conversion_half_variance);
        }
        totals.conversions += conversion;
    }
    return totals;
}

double nearest_rank(const std::vector<double>& sorted, double p) {
    if (sorted.empty()) {
        return 0.0;
    }
    const double n = static_cast<double>(sorted.size());
    auto rank = static_cast<std::size_t>(std::ceil(p * n));
    rank = std::clamp<std::size_t>(rank, 1, sorted.size());
    return sorted[rank - 1];
}

} // namespace detail

namespace {

bool finite_non_negative(double value) {
    return std::isfinite(value) && value >= 0.0;
}

std::optional<Error> check_plan(const SimulationPlan& plan, const char* label) {
    const std::string prefix = label;
    const std::size_t n = plan.engagements.size();
    if (plan.targeted_engagements.size() != n || plan.conversions.size() != n) {
        return field_error(ErrorCode::invalid, prefix + " influencers",
                           "every influencer needs engagements, targeted engagements and "
                           "conversions; rebuild the plan from the roster.");
    }
    for (std::size_t i = 0; i < n; ++i) {
        if (!finite_non_negative(plan.engagements[i]) ||
            !finite_non_negative(plan.targeted_engagements[i]) ||
            !finite_non_negative(plan.conversions[i])) {
            return field_error(ErrorCode::invalid, prefix + " influencer " + std::to_string(i + 1),
                               "expected engagements must be zero or more.");
        }
    }
    if (!finite_non_negative(plan.fixed_conversions)) {
        return field_error(ErrorCode::invalid, prefix + " conversions",
                           "conversions must be zero or more.");
    }
    if (!finite_non_negative(plan.estimated_reach)) {
        return field_error(ErrorCode::invalid, prefix + " reach", "reach must be zero or more.");
    }
    if (plan.cost.cents < 0) {
        return field_error(ErrorCode::invalid, prefix + " cost", "cost must be zero or more.");
    }
    return std::nullopt;
}

Percentiles percentiles(std::vector<double>& values) {
    Percentiles out;
    if (values.empty()) {
        return out;
    }
    double sum = 0.0;
    for (const double v : values) {
        sum += v;
    }
    out.mean = sum / static_cast<double>(values.size());
    std::sort(values.begin(), values.end());
    out.p5 = detail::nearest_rank(values, 0.05);
    out.p25 = detail::nearest_rank(values, 0.25);
    out.p50 = detail::nearest_rank(values, 0.50);
    out.p75 = detail::nearest_rank(values, 0.75);
    out.p95 = detail::nearest_rank(values, 0.95);
    return out;
}

// Per-trial totals of one plan, kept so percentiles and head-to-head counts can be taken.
struct TrialSeries {
    std::vector<double> engagements, targeted_engagements, conversions;

    explicit TrialSeries(std::size_t trials) {
        engagements.reserve(trials);
        targeted_engagements.reserve(trials);
        conversions.reserve(trials);
    }
    void add(const detail::TrialTotals& totals) {
        engagements.push_back(totals.engagements);
        targeted_engagements.push_back(totals.targeted_engagements);
        conversions.push_back(totals.conversions);
    }
};

detail::TrialTotals draw_plan(detail::NormalStream& stream, const UncertaintySettings& settings,
                              const SimulationPlan& plan) {
    const detail::TrialShape shape{settings.sigma, settings.shared_shock,
                                   settings.conversion_sigma};
    detail::TrialTotals totals =
        detail::draw_trial(stream, shape, plan.engagements.data(), plan.targeted_engagements.data(),
                           plan.conversions.data(), plan.engagements.size());
    totals.conversions += plan.fixed_conversions;
    return totals;
}

PlanSimulation summarize(TrialSeries& series, Money cost) {
    PlanSimulation out;
    out.engagements = percentiles(series.engagements);
    out.targeted_engagements = percentiles(series.targeted_engagements);
    out.conversions = percentiles(series.conversions);
    out.cost_per_engagement.low = cost_per_unit(cost, out.engagements.p95);
    out.cost_per_engagement.expected = cost_per_unit(cost, out.engagements.mean);
    out.cost_per_engagement_median = cost_per_unit(cost, out.engagements.p50);
    out.cost_per_engagement.high = cost_per_unit(cost, out.engagements.p5);
    return out;
}

double trial_metric(PlanMetric metric, const detail::TrialTotals& totals, double reach) {
    switch (metric) {
    case PlanMetric::engagements:
        return totals.engagements;
    case PlanMetric::targeted_engagements:
        return totals.targeted_engagements;
    case PlanMetric::conversions:
        return totals.conversions;
    case PlanMetric::estimated_reach:
        return reach;
    }
    return totals.engagements;
}

// +1 when A beats B, 0 when B beats A, 0.5 on a tie.
double a_beats_b(double value_a, double value_b, double cost_a, double cost_b,
                 Judgement judgement) {
    double lhs = value_a; // "bigger is better" form of A
    double rhs = value_b;
    if (judgement == Judgement::cost_per_result) {
        // cost_a / value_a < cost_b / value_b, cross-multiplied so a zero result
        // needs no division.
        lhs = cost_b * value_a;
        rhs = cost_a * value_b;
    }
    if (lhs > rhs) {
        return 1.0;
    }
    return lhs < rhs ? 0.0 : 0.5;
}

std::optional<Error> check_draws(const UncertaintySettings& settings, std::size_t influencers) {
    const auto draws =
        static_cast<std::int64_t>(settings.trials) * static_cast<std::int64_t>(influencers);
    if (draws > max_simulation_draws) {
        return field_error(ErrorCode::too_large, "Trials",
                           "trials times influencers must stay below 50 million; use fewer "
                           "trials (for example 10,000) or a shorter roster.");
    }
    return std::nullopt;
}

} // namespace

Result<UncertaintySettings> validate_uncertainty(const UncertaintySettings& settings) {
    if (!std::isfinite(settings.sigma) || settings.sigma < 0.0 ||
        settings.sigma > max_spread_sigma) {
        return field_error(ErrorCode::out_of_range, "Engagement spread",
                           "type a spread (lognormal sigma) from 0 to 2, such as 0.5.");
    }
    if (settings.trials < 1 || settings.trials > max_simulation_trials) {
        return field_error(ErrorCode::out_of_range, "Trials",
                           "type a whole number of trials from 1 to 100,000, such as 10,000.");
    }
    if (!std::isfinite(settings.shared_shock) || settings.shared_shock < 0.0 ||
        settings.shared_shock > 1.0) {
        return field_error(ErrorCode::out_of_range, "Shared shock",
                           "type the share of the spread a plan's influencers share, from 0% "
                           "to 100%, such as 30%.");
    }
    if (!std::isfinite(settings.conversion_sigma) || settings.conversion_sigma < 0.0 ||
        settings.conversion_sigma > max_spread_sigma) {
        return field_error(ErrorCode::out_of_range, "Conversion spread",
                           "type a spread (lognormal sigma) from 0 to 2, such as 0.3; 0 keeps "
                           "the conversion rates as typed.");
    }
    return settings;
}

std::string simulation_conditions(const UncertaintySettings& settings, NumberFormat format) {
    const std::string spread = format_number(settings.sigma, 2, format);
    std::string text = "Given each plan's expected figures, with an engagement spread of " +
                       spread + " (an assumption), ";
    text += settings.shared_shock > 0.0
                ? "a shared shock of " + format_percent(settings.shared_shock, 0, format) +
                      " (an assumption: the influencers of a plan move together that much)"
                : "no shared shock (an assumption: the influencers of a plan move independently)";
    text += settings.conversion_sigma > 0.0
                ? ", a conversion spread of " + format_number(settings.conversion_sigma, 2, format)
                : ", conversion rates as typed";
    return text + ", and prices, reach, audience quality and the funnel's rates as typed.";
}

SimulationPlan simulation_plan(const CampaignResult& result) {
    SimulationPlan plan;
    plan.engagements.reserve(result.rows.size());
    plan.targeted_engagements.reserve(result.rows.size());
    plan.conversions.reserve(result.rows.size());
    // Clicks counted from impressions do not move with engagement.
    const bool engagement_driven =
        result.totals.funnel.clicks_formula_id != formula_ids::clicks_from_impressions;
    for (const RowMetrics& row : result.rows) {
        if (!row.valid) {
            continue;
        }
        plan.engagements.push_back(row.expected_engagements);
        plan.targeted_engagements.push_back(row.targeted_engagements);
        plan.conversions.push_back(engagement_driven ? row.conversions : 0.0);
    }
    if (!engagement_driven) {
        plan.fixed_conversions = result.totals.conversions;
    }
    plan.estimated_reach = result.totals.estimated_reach;
    plan.cost = result.totals.cost;
    return plan;
}

Result<PlanBands> plan_bands(const SimulationPlan& plan, double sigma) {
    UncertaintySettings settings;
    settings.sigma = sigma;
    if (auto checked = validate_uncertainty(settings); !checked.ok()) {
        return checked.error();
    }
    if (auto error = check_plan(plan, "Plan")) {
        return *error;
    }
    // Every influencer at the same quantile, so the plan's quantile is the sum:
    // the multiplier at quantile q is exp(sigma z_q - sigma^2 / 2).
    const double low_factor = detail::det_exp(-sigma * z_95 - 0.5 * sigma * sigma);
    const double high_factor = detail::det_exp(sigma * z_95 - 0.5 * sigma * sigma);
    double engagements = 0.0;
    double targeted = 0.0;
    double conversions = 0.0;
    for (std::size_t i = 0; i < plan.engagements.size(); ++i) {
        engagements += plan.engagements[i];
        targeted += plan.targeted_engagements[i];
        conversions += plan.conversions[i];
    }
    const auto band = [&](double expected) {
        return Band{expected * low_factor, expected, expected * high_factor};
    };
    const auto cost_band = [&](const Band& quantity) {
        return MoneyBand{cost_per_unit(plan.cost, quantity.high),
                         cost_per_unit(plan.cost, quantity.expected),
                         cost_per_unit(plan.cost, quantity.low)};
    };
    PlanBands out;
    out.engagements = band(engagements);
    out.targeted_engagements = band(targeted);
    out.conversions = band(conversions);
    out.conversions.low += plan.fixed_conversions;
    out.conversions.expected += plan.fixed_conversions;
    out.conversions.high += plan.fixed_conversions;
    out.cost_per_engagement = cost_band(out.engagements);
    out.cost_per_targeted_engagement = cost_band(out.targeted_engagements);
    out.cost_per_conversion = cost_band(out.conversions);
    return out;
}

Result<PlanSimulation> simulate_plan(const SimulationPlan& plan,
                                     const UncertaintySettings& settings) {
    if (auto checked = validate_uncertainty(settings); !checked.ok()) {
        return checked.error();
    }
    if (auto error = check_plan(plan, "Plan")) {
        return *error;
    }
    if (auto error = check_draws(settings, plan.engagements.size())) {
        return *error;
    }
    const auto trials = static_cast<std::size_t>(settings.trials);
    detail::NormalStream stream(settings.seed);
    TrialSeries series(trials);
    for (std::size_t t = 0; t < trials; ++t) {
        series.add(draw_plan(stream, settings, plan));
    }
    return summarize(series, plan.cost);
}

Result<PairSimulation> simulate_pair(const SimulationPlan& a, const SimulationPlan& b,
                                     PlanMetric metric, Judgement judgement,
                                     const UncertaintySettings& settings) {
    if (auto checked = validate_uncertainty(settings); !checked.ok()) {
        return checked.error();
    }
    if (auto error = check_plan(a, "Plan A")) {
        return *error;
    }
    if (auto error = check_plan(b, "Plan B")) {
        return *error;
    }
    if (auto error = check_draws(settings, a.engagements.size() + b.engagements.size())) {
        return *error;
    }
    const auto trials = static_cast<std::size_t>(settings.trials);
    detail::NormalStream stream(settings.seed);
    TrialSeries series_a(trials);
    TrialSeries series_b(trials);
    const auto cost_a = static_cast<double>(a.cost.cents);
    const auto cost_b = static_cast<double>(b.cost.cents);
    double wins = 0.0;
    for (std::size_t t = 0; t < trials; ++t) {
        const detail::TrialTotals totals_a = draw_plan(stream, settings, a);
        const detail::TrialTotals totals_b = draw_plan(stream, settings, b);
        wins +=
            a_beats_b(trial_metric(metric, totals_a, a.estimated_reach),
                      trial_metric(metric, totals_b, b.estimated_reach), cost_a, cost_b, judgement);
        series_a.add(totals_a);
        series_b.add(totals_b);
    }
    PairSimulation out;
    out.a = summarize(series_a, a.cost);
    out.b = summarize(series_b, b.cost);
    out.metric = metric;
    out.judgement = judgement;
    out.probability_a_beats_b = wins / static_cast<double>(trials);
    out.trials = settings.trials;
    out.conditional_on = simulation_conditions(settings);
    return out;
}

} // namespace core
