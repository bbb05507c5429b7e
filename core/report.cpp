#include "core/report.hpp"

#include "core/example_figures.hpp"
#include "core/formulas.hpp"

#include <algorithm>
#include <cmath>
#include <string_view>
#include <utility>
#include <vector>

namespace core {

namespace {

// Collects lines; keeps each fact on its own line so a screen reader reads it whole.
class Text : public ProseNumbers {
public:
    explicit Text(NumberFormat format) : ProseNumbers(format) {}

    void heading(std::string_view title) {
        if (!out_.empty()) {
            out_ += '\n';
        }
        out_ += title;
        out_ += '\n';
    }
    void line(const std::string& text) {
        out_ += text;
        out_ += '\n';
    }
    // "Label: value" with the label taken from the formula table.
    void fact(std::string_view formula_id, const std::string& value) {
        used(formula_id);
        line(std::string(formula(formula_id).name) + ": " + value);
    }
    void used(std::string_view formula_id) {
        for (const std::string_view id : formulas_) {
            if (id == formula_id) {
                return;
            }
        }
        formulas_.push_back(formula_id);
    }

    [[nodiscard]] const std::vector<std::string_view>& formulas() const { return formulas_; }
    [[nodiscard]] std::string take() { return std::move(out_); }

private:
    std::string out_;
    std::vector<std::string_view> formulas_;
};

std::string plural(std::int64_t n, const char* one, const char* many) {
    return n == 1 ? std::string(one) : std::string(many);
}

std::string describe_influencer(const Influencer& influencer) {
    std::string who = influencer.name.empty() ? std::string("(no name)") : influencer.name;
    std::string where;
    for (const std::string* part : {&influencer.platform, &influencer.region, &influencer.niche}) {
        if (!part->empty()) {
            where += where.empty() ? "" : ", ";
            where += *part;
        }
    }
    if (!where.empty()) {
        who += " (" + where + ")";
    }
    return who;
}

void write_totals(Text& t, const Scenario& s, const CampaignResult& r) {
    const CampaignTotals& totals = r.totals;
    t.line("Influencers: " + t.count(static_cast<std::int64_t>(r.rows.size())) +
           " in the roster, " + t.count(totals.booked) + " booked, " +
           t.count(totals.invalid_rows) + " with errors.");
    t.line("Posts: " + t.count(totals.posts) + ". Followers: " + t.count(totals.followers) + ".");
    t.fact(formula_ids::expected_engagements, t.quantity(totals.expected_engagements) +
                                                  " (an average engagement rate of " +
                                                  t.percent(totals.engagement_rate) + " per post)");
    t.fact(formula_ids::targeted_engagements, t.quantity(totals.targeted_engagements));
    t.fact(formula_ids::estimated_reach, t.quantity(totals.estimated_reach) + " people");
    t.fact(formula_ids::impressions, t.quantity(totals.impressions));
    t.fact(formula_ids::campaign_cost, t.money(totals.cost));
    if (totals.share_of_budget) {
        t.fact(formula_ids::share_of_budget, t.percent(*totals.share_of_budget));
    }
    t.used(formula_ids::budget_left);
    if (totals.overrun.cents > 0) {
        t.line("Over budget by: " + t.money(totals.overrun) + " (budget " + t.money(s.budget) +
               ")");
    } else {
        t.line("Budget left: " + t.money(totals.budget_left) + " (budget " + t.money(s.budget) +
               ")");
    }
    t.fact(formula_ids::cpe, t.money(totals.cost_per_engagement));
    t.line("Cost per targeted engagement: " + t.money(totals.cost_per_targeted_engagement));
    t.fact(formula_ids::cpm, t.money(totals.cpm));

    const FunnelResult& f = totals.funnel;
    t.fact(f.clicks_formula_id.empty() ? formula_ids::clicks_from_engagements : f.clicks_formula_id,
           t.quantity(f.clicks));
    t.fact(formula_ids::conversions, t.quantity(f.conversions));
    if (funnel_is_example(s.assumptions.funnel)) {
        // Placeholder rates and order value would read as "this plan loses money".
        t.line("Revenue, ROI and ROAS: " + std::string(enter_funnel_text) +
               " (click-through rate, conversion rate and average order value are still the "
               "example's placeholders).");
    } else {
        t.fact(formula_ids::revenue, t.money(f.revenue));
        t.fact(formula_ids::gross_profit, t.money(f.gross_profit));
        t.fact(formula_ids::roi, t.percent(f.roi));
        t.fact(formula_ids::roas, f.roas ? t.number(*f.roas, 2) : std::string("not defined"));
    }
    t.fact(formula_ids::cost_per_click, t.money(f.cost_per_click));
    t.fact(formula_ids::cost_per_acquisition, t.money(f.cost_per_acquisition));
    if (f.earned_media_value) {
        t.fact(formula_ids::earned_media_value,
               t.money(*f.earned_media_value) + " (" + f.emv_label + ")");
    }
}

void write_rows(Text& t, const Scenario& s, const CampaignResult& r, const ReportOptions& options) {
    t.heading("Influencers");
    const std::size_t shown = std::min(options.max_rows, s.roster.size());
    for (std::size_t i = 0; i < shown; ++i) {
        const Influencer& influencer = s.roster[i];
        const RowMetrics& row = r.rows[i];
        std::string text = t.count(static_cast<std::int64_t>(i + 1)) + ". " +
                           describe_influencer(influencer) + ": ";
        if (!row.valid) {
            t.line(text + "not computed; see the rows with errors below.");
            continue;
        }
        text += t.count(influencer.followers) + " followers, engagement rate " +
                t.percent(row.engagement_rate) + " per post, " + t.count(influencer.posts) +
                plural(influencer.posts, " post", " posts") + " at " +
                t.money(influencer.price_per_post) + ", audience fit " +
                t.percent(influencer.audience_fit) + ".";
        t.line(text);
        std::string metrics = "Expected engagements " + t.quantity(row.expected_engagements) +
                              ", targeted " + t.quantity(row.targeted_engagements) + ", reach " +
                              t.quantity(row.estimated_reach) + ", cost " + t.money(row.cost);
        if (row.share_of_budget) {
            metrics += " (" + t.percent(*row.share_of_budget) + " of the budget)";
        }
        metrics += ", CPE " + t.money(row.cost_per_engagement) + ", CPM " + t.money(row.cpm) + ".";
        t.line(metrics);
    }
    if (shown < s.roster.size()) {
        t.line("And " + t.count(static_cast<std::int64_t>(s.roster.size() - shown)) +
               " more influencers, not listed here; they are in the totals.");
    }
    if (!r.errors.empty()) {
        t.heading("Rows with errors (left out of the totals)");
        const std::size_t listed = std::min(options.max_rows, r.errors.size());
        for (std::size_t k = 0; k < listed; ++k) {
            t.line(r.errors[k].error.message);
        }
        if (listed < r.errors.size()) {
            t.line("And " + t.count(static_cast<std::int64_t>(r.errors.size() - listed)) +
                   " more errors.");
        }
    }
}

void write_plan_summary(Text& t, const PlanSummary& p) {
    t.line(p.name + ": " + t.count(p.influencers) +
           plural(p.influencers, " influencer", " influencers") + ", cost " + t.money(p.cost) +
           ", expected engagements " + t.quantity(p.engagements) + ", targeted " +
           t.quantity(p.targeted_engagements) + ", reach " + t.quantity(p.estimated_reach) +
           ", CPE " + t.money(p.cost_per_engagement) + ", conversions " +
           t.quantity(p.conversions) + ", cost per conversion " + t.money(p.cost_per_conversion) +
           ".");
    if (p.cost_split.beyond_fees().cents > 0) {
        const CostSplit& split = p.cost_split;
        t.line(p.name + ", cost split: fees " + t.money(split.fees) + ", usage rights " +
               t.money(split.usage_rights) + ", overhead " + t.money(split.overhead) +
               ", agency fee " + t.money(split.agency_fee) + ".");
    }
}

// Each assumption's range, the verdict at both ends and the flip, largest swing first.
void write_sensitivity(Text& t, const Comparison& c, Currency currency, NumberFormat format) {
    if (c.sensitivity.empty()) {
        return;
    }
    t.heading("What decides it");
    if (!c.decided_by.empty()) {
        t.line(c.decided_by);
    }
    for (const SensitivityEntry& entry : c.sensitivity) {
        t.line(describe_sensitivity(entry, c.a.name, c.b.name, currency, format));
    }
}

void write_band(Text& t, const std::string& label, const Band& band) {
    t.line(label + ": low " + t.quantity(band.low) + ", expected " + t.quantity(band.expected) +
           ", high " + t.quantity(band.high) + ".");
}

void write_simulation_line(Text& t, const std::string& label, const Percentiles& p) {
    t.line(label + ": 5th percentile " + t.quantity(p.p5) + ", median " + t.quantity(p.p50) +
           ", 95th percentile " + t.quantity(p.p95) + ".");
}

std::string judged_phrase(PlanMetric metric, Judgement judgement) {
    const std::string name(metric_name(metric));
    if (judgement == Judgement::total_result) {
        return "total " + name;
    }
    switch (metric) {
    case PlanMetric::engagements:
        return "cost per engagement";
    case PlanMetric::targeted_engagements:
        return "cost per targeted engagement";
    case PlanMetric::estimated_reach:
        return "cost per person reached";
    case PlanMetric::conversions:
        return "cost per conversion";
    }
    return "cost per engagement";
}

void write_uncertainty(Text& t, const Scenario& s, const CampaignResult* plan,
                       const Comparison* comparison, const ReportOptions& options) {
    const UncertaintySettings& u = s.assumptions.uncertainty;
    t.heading("Uncertainty");
    auto valid = validate_uncertainty(u);
    if (!valid.ok()) {
        t.line("Not computed: " + valid.error().message);
        return;
    }
    t.line("Engagement spread (lognormal sigma): " + t.number(u.sigma, 2) +
           ". Low and high put every influencer at their own 5th and 95th percentile together.");
    t.used(formula_ids::low_high_range);
    const auto bands_line = [&](const std::string& label, const SimulationPlan& sim) {
        auto bands = plan_bands(sim, u.sigma);
        if (bands.ok()) {
            write_band(t, label, bands.value().engagements);
        }
    };
    if (plan != nullptr) {
        bands_line("The plan, expected engagements", simulation_plan(*plan));
    }
    if (comparison != nullptr) {
        bands_line(comparison->a.name + ", expected engagements",
                   simulation_plan(comparison->campaign_a));
        bands_line(comparison->b.name + ", expected engagements",
                   simulation_plan(comparison->campaign_b));
    }
    if (!options.include_simulation) {
        return;
    }
    t.line("Simulation: " + t.count(u.trials) + " seeded runs (seed " + std::to_string(u.seed) +
           "), each influencer's engagements drawn independently around their expectation.");
    t.used(formula_ids::simulation_percentiles);
    if (plan != nullptr) {
        auto simulated = simulate_plan(simulation_plan(*plan), u);
        if (simulated.ok()) {
            write_simulation_line(t, "The plan, engagements", simulated.value().engagements);
        } else {
            t.line("The plan: not simulated: " + simulated.error().message);
        }
    }
    if (comparison != nullptr && comparison->winner != Winner::undecided) {
        auto pair = simulate_pair(simulation_plan(comparison->campaign_a),
                                  simulation_plan(comparison->campaign_b), comparison->metric,
                                  comparison->judgement, u);
        if (pair.ok()) {
            write_simulation_line(t, comparison->a.name + ", engagements",
                                  pair.value().a.engagements);
            write_simulation_line(t, comparison->b.name + ", engagements",
                                  pair.value().b.engagements);
            t.used(formula_ids::probability_a_beats_b);
            t.line("Probability that " + comparison->a.name + " beats " + comparison->b.name +
                   " on " + judged_phrase(comparison->metric, comparison->judgement) + ": " +
                   t.percent(pair.value().probability_a_beats_b) + " of the simulated runs.");
            t.line(simulation_conditions(u, s.assumptions.number_format));
        } else {
            t.line("The comparison: not simulated: " + pair.error().message);
        }
    }
}

// ", revenue $25, ROI -90.0%", or ", no revenue entered" (an empty field is not a loss).
std::string revenue_words(const Text& t, Money revenue, const std::optional<double>& roi) {
    if (revenue.cents <= 0) {
        return ", no revenue entered";
    }
    return ", revenue " + t.money(revenue) + ", ROI " + t.percent(roi);
}

void write_tracking(Text& t, const Scenario& s) {
    if (s.actuals.empty()) {
        return;
    }
    t.heading("Tracked results");
    const TrackingInputs inputs = tracking_inputs(s);
    auto tracked = track_results(inputs);
    if (!tracked.ok()) {
        t.line("Not computed: " + tracked.error().message);
        return;
    }
    const TrackingResult& r = tracked.value();
    // Like with like: the expectation's basis when it is not what the user counts.
    const std::string expected_basis =
        counted_label(inputs.expected_counts.value_or(inputs.counted));
    const std::string basis = expected_basis == counted_label(inputs.counted)
                                  ? std::string()
                                  : ", counting " + expected_basis + " as the benchmark does";
    t.used(formula_ids::actual_engagement_rate);
    t.used(formula_ids::actual_roi);
    for (const InfluencerActuals& a : r.influencers) {
        const Influencer& influencer = s.roster[a.roster_row];
        std::string text = describe_influencer(influencer) + ": " + t.count(a.posts) +
                           plural(a.posts, " post", " posts");
        if (!has_tracked_numbers(a)) {
            t.line(text + " tracked, no numbers entered yet.");
            continue;
        }
        text += ", actual engagement rate " + t.percent(a.engagement_rate);
        if (a.actual_vs_expected) {
            text += " (" + t.number(*a.actual_vs_expected, 2) + " times the expected" + basis + ")";
        }
        text += ", CPE " + t.money(a.cost_per_engagement) + ", cost per click " +
                t.money(a.cost_per_click) + ", cost per acquisition " +
                t.money(a.cost_per_acquisition) + revenue_words(t, a.revenue, told_roi(a)) + ".";
        t.line(text);
    }
    const TrackingTotals& total = r.totals;
    t.line("All tracked: " + t.count(total.influencers) +
           plural(total.influencers, " influencer", " influencers") + ", " + t.count(total.posts) +
           plural(total.posts, " post", " posts") + ", " + t.count(total.interactions) +
           " interactions, cost " + t.money(total.cost) +
           revenue_words(t, total.revenue, told_roi(total)) + ".");
    if (!r.untracked_ids.empty()) {
        t.line("Not tracked yet: " + t.count(static_cast<std::int64_t>(r.untracked_ids.size())) +
               plural(static_cast<std::int64_t>(r.untracked_ids.size()), " influencer.",
                      " influencers."));
    }
    for (const RowError& e : r.errors) {
        t.line(e.error.message);
    }
}

void write_assumptions(Text& t, const Scenario& s) {
    const Assumptions& a = s.assumptions;
    t.heading("Assumptions");
    const CurrencyInfo& currency = currency_info(a.currency);
    t.line("Currency: " + std::string(currency.name) + " (" + std::string(currency.code) + ").");
    const BenchmarkSet& set = active_benchmark_set(s);
    t.line("Benchmark set: " + set.name + ", " + set.source + ", " + std::to_string(set.year) +
           ".");
    for (const Tier& tier : set.tiers) {
        t.line("Benchmark for " + tier.name + " followers: " + t.percent(tier.engagement_rate) +
               (tier.derived ? ", derived by us, not published by the source." : "."));
        if (tier.derived && !tier.note.empty()) {
            t.line(tier.note);
        }
    }
    if (a.reach_by_size) {
        t.line("Reach rate (share of followers who see a post): falls with audience size, "
               "joined in log-log between these rows and flat beyond them:");
        for (const ReachRow& row : a.reach_table.rows) {
            t.line("Reach for " + reach_row_range(row, a.number_format) +
                   " followers: " + t.percent(row.rate) + ". " + row.source);
        }
    } else {
        t.line("Reach rate (share of followers who see a post): " + t.percent(a.reach_rate) +
               ", the same for every audience size (an assumption).");
    }
    t.line("A post reaches at least the people who engage with it.");
    t.line("Audience overlap (an assumption): " + t.percent(a.audience_overlap) +
           " of each audience beyond the largest is also reached by another influencer of the "
           "plan.");
    const FunnelAssumptions& f = a.funnel;
    t.line(std::string("Click-through rate: ") + t.percent(f.click_through_rate) + " of " +
           (f.click_basis == ClickBasis::engagements
                ? (a.funnel_from_targeted ? "targeted engagements" : "engagements")
                : (a.funnel_from_targeted ? "impressions in the target segment" : "impressions")) +
           ".");
    t.line("Conversion rate: " + t.percent(f.conversion_rate) +
           " of clicks. Average order value: " + t.money(f.average_order_value) +
           ". Margin: " + t.percent(f.margin) + ".");
    t.line("The same assumptions apply to every influencer, big or small.");
}

void write_formulas(Text& t) {
    t.heading("How these numbers are computed");
    const std::vector<std::string_view> ids = t.formulas();
    for (const std::string_view id : ids) {
        const Formula& f = formula(id);
        t.line(std::string(f.name) + ": " + std::string(f.text) +
               ". Source: " + std::string(f.source) + ".");
    }
}

} // namespace

std::string plan_report(const Scenario& s, const ReportOptions& options) {
    Text t(s.assumptions.number_format);
    t.heading("Microreach plan report" + (s.title.empty() ? std::string() : ": " + s.title));
    if (options.example) {
        t.line("Example: the article's story with placeholder figures; start a new plan or "
               "replace them with your own.");
    }
    t.line("Budget: " + t.money(s.budget) + ".");

    t.heading("The plan in total");
    auto campaign = evaluate_campaign(campaign_inputs(s));
    if (campaign.ok()) {
        write_totals(t, s, campaign.value());
        write_rows(t, s, campaign.value(), options);
    } else {
        t.line("The plan cannot be computed: " + campaign.error().message);
    }

    t.heading("One big or many small");
    auto comparison = compare_scenario(s);
    if (comparison.ok()) {
        const Comparison& c = comparison.value();
        write_plan_summary(t, c.a);
        write_plan_summary(t, c.b);
        t.line(c.verdict);
        for (const std::string& note : c.notes) {
            t.line(note);
        }
        if (!c.break_even_text.empty()) {
            t.used(formula_ids::break_even_price);
            t.used(formula_ids::break_even_rate);
            t.used(formula_ids::break_even_count);
        }
        for (const std::string& sentence : c.break_even_text) {
            t.line(sentence);
        }
        write_sensitivity(t, c, s.budget.currency, s.assumptions.number_format);
    } else {
        t.line("The comparison cannot be computed: " + comparison.error().message);
    }

    write_uncertainty(t, s, campaign.ok() ? &campaign.value() : nullptr,
                      comparison.ok() ? &comparison.value() : nullptr, options);
    write_tracking(t, s);
    write_assumptions(t, s);
    if (options.include_formulas) {
        write_formulas(t);
    }
    return t.take();
}

} // namespace core
