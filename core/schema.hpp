// The schema: every stored or exchanged type's fields and every enum's names, listed
// once. The saved-file format (core/state_json.hpp: snake_case keys, money in cents)
// and the JavaScript API (web/bindings*.cpp: camelCase keys, money objects) are both
// generated from these lists by one generic reader and writer (core/json_codec.hpp).
//
// A field is (key, member): the key in snake_case as saved files write it; the
// JavaScript name is its camelCase form ("audience_fit" -> "audienceFit") unless a
// third argument names it ("engagement" is "engagementValue" in the API). Options:
//   .limit(n)   a list holds at most n entries (more is a too_large error)
//   .omit_default() saved files leave the field out while it holds its type's default
//               value, so files and links from before the field stay byte for byte
//   .open_max() an int64 where no_follower_limit means "no upper limit": the API shows
//               it as null (and reads null or a missing key as it); saved files write
//               2^63 - 1 and also accept the 9223372036854776000 JavaScript makes of it.
//
// Adding a field to a type: one line here (docs/building.md, "How to add a field").
// Enum names are stable: they are stored in files and links; add, never rename.
#pragma once

#include "core/csv.hpp"
#include "core/results_import.hpp"
#include "core/roster_csv.hpp"
#include "core/scenario.hpp"
#include "core/share_link.hpp"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>

namespace core::schema {

// [SECTION] Enums

template <class E>
struct EnumName {
    E value;
    std::string_view name;
};

// Specialized below for each enum: `static constexpr EnumName<E> list[]`.
template <class E>
struct Enum;

#define MR_ENUM(Type, ...)                                                                         \
    template <>                                                                                    \
    struct Enum<Type> {                                                                            \
        static constexpr EnumName<Type> list[] = {__VA_ARGS__};                                    \
    }

MR_ENUM(Screen, {Screen::engagement, "engagement"}, {Screen::compare, "compare"},
        {Screen::roster, "roster"}, {Screen::tracking, "tracking"},
        {Screen::assumptions, "assumptions"});
MR_ENUM(EngagementBasis, {EngagementBasis::followers, "followers"},
        {EngagementBasis::reach, "reach"}, {EngagementBasis::impressions, "impressions"},
        {EngagementBasis::views, "views"});
MR_ENUM(Averaging, {Averaging::mean, "mean"}, {Averaging::median, "median"});
MR_ENUM(EngagementInputKind, {EngagementInputKind::rate, "rate"},
        {EngagementInputKind::average_interactions, "average_interactions"});
MR_ENUM(PlanMetric, {PlanMetric::engagements, "engagements"},
        {PlanMetric::targeted_engagements, "targeted_engagements"},
        {PlanMetric::estimated_reach, "estimated_reach"}, {PlanMetric::conversions, "conversions"});
MR_ENUM(Judgement, {Judgement::cost_per_result, "cost_per_result"},
        {Judgement::total_result, "total_result"});
MR_ENUM(PlanSourceKind, {PlanSourceKind::entered, "entered"}, {PlanSourceKind::typical, "typical"},
        {PlanSourceKind::rows, "rows"}, {PlanSourceKind::rule, "rule"});
MR_ENUM(PlanRule, {PlanRule::biggest, "biggest"}, {PlanRule::smallest, "smallest"},
        {PlanRule::rest, "rest"}, {PlanRule::tier, "tier"}, {PlanRule::region, "region"},
        {PlanRule::niche, "niche"});
MR_ENUM(PricingModelKind, {PricingModelKind::tier_table, "tier_table"},
        {PricingModelKind::per_thousand_followers, "per_thousand_followers"},
        {PricingModelKind::cost_per_engagement, "cost_per_engagement"});
MR_ENUM(ClickBasis, {ClickBasis::engagements, "engagements"},
        {ClickBasis::impressions, "impressions"});
MR_ENUM(Objective, {Objective::expected_engagements, "expected_engagements"},
        {Objective::targeted_engagements, "targeted_engagements"},
        {Objective::estimated_reach, "estimated_reach"},
        {Objective::expected_conversions, "expected_conversions"});
MR_ENUM(ErrorCode, {ErrorCode::empty, "empty"}, {ErrorCode::not_a_number, "not_a_number"},
        {ErrorCode::out_of_range, "out_of_range"}, {ErrorCode::overflow, "overflow"},
        {ErrorCode::invalid, "invalid"}, {ErrorCode::infeasible, "infeasible"},
        {ErrorCode::too_large, "too_large"}, {ErrorCode::malformed, "malformed"},
        {ErrorCode::unsupported, "unsupported"});
// Enums only the JavaScript API names.
MR_ENUM(CentsStyle, {CentsStyle::when_needed, "when_needed"}, {CentsStyle::always, "always"},
        {CentsStyle::never, "never"});
MR_ENUM(Theme, {Theme::light, "light"}, {Theme::dark, "dark"}, {Theme::system, "system"});
MR_ENUM(SolveStatus, {SolveStatus::optimal, "optimal"},
        {SolveStatus::limit_reached, "limit_reached"}, {SolveStatus::infeasible, "infeasible"});
MR_ENUM(CsvEncoding, {CsvEncoding::utf8, "utf8"}, {CsvEncoding::windows_1252, "windows_1252"});
MR_ENUM(ImportMode, {ImportMode::append, "append"}, {ImportMode::replace, "replace"});
MR_ENUM(Winner, {Winner::a, "a"}, {Winner::b, "b"}, {Winner::tie, "tie"},
        {Winner::undecided, "undecided"});
MR_ENUM(TrackingMetric, {TrackingMetric::engagement_rate, "engagement_rate"},
        {TrackingMetric::interactions_per_post, "interactions_per_post"},
        {TrackingMetric::actual_vs_expected, "actual_vs_expected"},
        {TrackingMetric::cost_per_engagement, "cost_per_engagement"},
        {TrackingMetric::cost_per_click, "cost_per_click"},
        {TrackingMetric::cost_per_acquisition, "cost_per_acquisition"},
        {TrackingMetric::roi, "roi"}, {TrackingMetric::revenue, "revenue"},
        {TrackingMetric::clicks, "clicks"}, {TrackingMetric::conversions, "conversions"});
MR_ENUM(ResultSource, {ResultSource::typed, "typed"}, {ResultSource::sales, "sales"},
        {ResultSource::analytics, "analytics"}, {ResultSource::insights, "insights"});
MR_ENUM(MatchStatus, {MatchStatus::matched, "matched"}, {MatchStatus::ambiguous, "ambiguous"},
        {MatchStatus::unmatched, "unmatched"}, {MatchStatus::ignored, "ignored"});
MR_ENUM(GradeBand, {GradeBand::well_below, "well_below"}, {GradeBand::below, "below"},
        {GradeBand::typical, "typical"}, {GradeBand::above, "above"},
        {GradeBand::well_above, "well_above"});
MR_ENUM(Driver, {Driver::price_a, "price_a"}, {Driver::price_b, "price_b"},
        {Driver::engagement_a, "engagement_a"}, {Driver::engagement_b, "engagement_b"},
        {Driver::quality_a, "quality_a"}, {Driver::quality_b, "quality_b"},
        {Driver::conversion_b, "conversion_b"}, {Driver::overhead, "overhead"},
        {Driver::overlap, "overlap"});
MR_ENUM(DriverUnit, {DriverUnit::money, "money"}, {DriverUnit::rate, "rate"},
        {DriverUnit::times, "times"});
#undef MR_ENUM

// Names an enum's values were stored under before, read as today's value and never
// written (the migration of older files and links). Specialized for enums that have any.
template <class E>
struct EnumFormerNames;
template <>
struct EnumFormerNames<Screen> {
    static constexpr EnumName<Screen> list[] = {{Screen::roster, "optimizer"},
                                                {Screen::tracking, "report"}};
};

template <class E>
concept NamedEnum = requires {
    Enum<E>::list;
};

// The stable name; a value outside the table (a programmer error) gives the first name
// rather than something no reader accepts.
template <NamedEnum E>
[[nodiscard]] constexpr std::string_view enum_name(E value) {
    for (const auto& entry : Enum<E>::list) {
        if (entry.value == value) {
            return entry.name;
        }
    }
    return Enum<E>::list[0].name;
}

// Today's names, then former ones (EnumFormerNames).
template <NamedEnum E>
[[nodiscard]] constexpr std::optional<E> enum_from_name(std::string_view name) {
    for (const auto& entry : Enum<E>::list) {
        if (entry.name == name) {
            return entry.value;
        }
    }
    if constexpr (requires { EnumFormerNames<E>::list; }) {
        for (const auto& entry : EnumFormerNames<E>::list) {
            if (entry.name == name) {
                return entry.value;
            }
        }
    }
    return std::nullopt;
}

// "\"mean\", \"median\"": for messages that list what is accepted.
template <NamedEnum E>
[[nodiscard]] std::string enum_choices() {
    std::string text;
    for (const auto& entry : Enum<E>::list) {
        text += (text.empty() ? "\"" : ", \"") + std::string(entry.name) + "\"";
    }
    return text;
}

// [SECTION] Fields

template <class T, class M>
struct Field {
    std::string_view key;          // snake_case, as saved files write it
    M T::*member;                  // the C++ member
    std::string_view api_key = {}; // the JavaScript name when not camelCase(key)
    std::size_t max_items = 0;     // lists: at most this many entries (0: no limit)
    bool open_upper_bound = false; // int64: no_follower_limit means "no upper limit"
    bool inline_members = false;   // an object whose members are written into the parent
    bool omit_if_default = false;  // saved files leave it out while it holds its default

    [[nodiscard]] constexpr Field limit(std::size_t n) const {
        Field f = *this;
        f.max_items = n;
        return f;
    }
    [[nodiscard]] constexpr Field omit_default() const {
        Field f = *this;
        f.omit_if_default = true;
        return f;
    }
    [[nodiscard]] constexpr Field inline_object() const {
        Field f = *this;
        f.inline_members = true;
        return f;
    }
    [[nodiscard]] constexpr Field open_max() const {
        Field f = *this;
        f.open_upper_bound = true;
        return f;
    }
};

template <class T, class M>
constexpr Field<T, M> field(std::string_view key, M T::*member, std::string_view api_key = {}) {
    return Field<T, M>{key, member, api_key};
}

// Specialized below for each described type: `static constexpr auto fields = std::tuple{...}`.
template <class T>
struct Type;

template <class T>
concept Described = requires {
    Type<T>::fields;
};

// Calls f(field) for each field of T, in the order listed.
template <Described T, class F>
constexpr void for_each_field(F&& f) {
    std::apply([&](const auto&... each) { (f(each), ...); }, Type<T>::fields);
}

#define MR_TYPE(T, ...)                                                                            \
    template <>                                                                                    \
    struct Type<T> {                                                                               \
        static constexpr auto fields = std::tuple{__VA_ARGS__};                                    \
    }

// [SECTION] Stored types (saved files, share links, and the API)

MR_TYPE(CountedInteractions, field("likes", &CountedInteractions::likes),
        field("comments", &CountedInteractions::comments),
        field("shares", &CountedInteractions::shares), field("saves", &CountedInteractions::saves));
MR_TYPE(PostInteractions, field("likes", &PostInteractions::likes),
        field("comments", &PostInteractions::comments), field("shares", &PostInteractions::shares),
        field("saves", &PostInteractions::saves), field("audience", &PostInteractions::audience));
MR_TYPE(EngagementInputs, field("basis", &EngagementInputs::basis),
        field("counted", &EngagementInputs::counted),
        field("averaging", &EngagementInputs::averaging),
        field("posts", &EngagementInputs::posts).limit(max_posts));
MR_TYPE(Influencer, field("id", &Influencer::id), field("name", &Influencer::name),
        field("platform", &Influencer::platform), field("followers", &Influencer::followers),
        field("engagement_kind", &Influencer::engagement_kind),
        field("engagement", &Influencer::engagement_value, "engagementValue"),
        field("price", &Influencer::price_per_post, "pricePerPost"),
        field("posts", &Influencer::posts), field("region", &Influencer::region),
        field("niche", &Influencer::niche), field("audience_fit", &Influencer::audience_fit),
        field("notes", &Influencer::notes), field("contact", &Influencer::contact).omit_default(),
        field("authenticity", &Influencer::authenticity).omit_default(),
        field("conversion_multiplier", &Influencer::conversion_multiplier).omit_default(),
        field("overhead", &Influencer::overhead),
        field("discount_code", &Influencer::discount_code).omit_default());
MR_TYPE(CostAssumptions, field("overhead_hours", &CostAssumptions::overhead_hours),
        field("hourly_rate", &CostAssumptions::hourly_rate),
        field("overhead_amount", &CostAssumptions::overhead_amount),
        field("product_and_shipping", &CostAssumptions::product_and_shipping),
        field("usage_rights_rate", &CostAssumptions::usage_rights_rate),
        field("agency_fee_rate", &CostAssumptions::agency_fee_rate));
MR_TYPE(CostSplit, field("fees", &CostSplit::fees), field("usage_rights", &CostSplit::usage_rights),
        field("overhead", &CostSplit::overhead), field("agency_fee", &CostSplit::agency_fee));
MR_TYPE(PlanGroup, field("name", &PlanGroup::name),
        field("influencers", &PlanGroup::influencers).limit(max_roster_rows));
MR_TYPE(ComparisonSetup, field("a", &ComparisonSetup::a), field("b", &ComparisonSetup::b),
        field("metric", &ComparisonSetup::metric), field("judgement", &ComparisonSetup::judgement));
MR_TYPE(PlanSource, field("kind", &PlanSource::kind), field("rule", &PlanSource::rule),
        field("count", &PlanSource::count),
        field("row_ids", &PlanSource::row_ids).limit(max_roster_rows),
        field("value", &PlanSource::value), field("min_followers", &PlanSource::min_followers),
        field("max_followers", &PlanSource::max_followers).open_max());
MR_TYPE(PlanSources, field("a", &PlanSources::a), field("b", &PlanSources::b),
        field("same_budget", &PlanSources::same_budget));
MR_TYPE(Tier, field("name", &Tier::name), field("min_followers", &Tier::min_followers),
        field("max_followers", &Tier::max_followers).open_max(),
        field("engagement_rate", &Tier::engagement_rate), field("derived", &Tier::derived),
        field("note", &Tier::note));
MR_TYPE(BenchmarkSet, field("id", &BenchmarkSet::id), field("name", &BenchmarkSet::name),
        field("source", &BenchmarkSet::source), field("year", &BenchmarkSet::year),
        field("platform", &BenchmarkSet::platform), field("metric", &BenchmarkSet::metric),
        field("counts", &BenchmarkSet::counts),
        field("tiers", &BenchmarkSet::tiers).limit(max_benchmark_tiers),
        field("note", &BenchmarkSet::note));
MR_TYPE(TierPrice, field("name", &TierPrice::name),
        field("min_followers", &TierPrice::min_followers),
        field("max_followers", &TierPrice::max_followers).open_max(),
        field("price", &TierPrice::price), field("note", &TierPrice::note));
MR_TYPE(PricingModel, field("kind", &PricingModel::kind),
        field("currency", &PricingModel::currency), field("table_name", &PricingModel::table_name),
        field("tier_prices", &PricingModel::tier_prices).limit(max_price_tiers),
        field("per_thousand", &PricingModel::per_thousand),
        field("target_cpe", &PricingModel::target_cpe));
MR_TYPE(FunnelAssumptions, field("click_basis", &FunnelAssumptions::click_basis),
        field("click_through_rate", &FunnelAssumptions::click_through_rate),
        field("conversion_rate", &FunnelAssumptions::conversion_rate),
        field("average_order_value", &FunnelAssumptions::average_order_value),
        field("margin", &FunnelAssumptions::margin),
        field("include_emv", &FunnelAssumptions::include_emv),
        field("emv_cpm", &FunnelAssumptions::emv_cpm));
MR_TYPE(UncertaintySettings, field("sigma", &UncertaintySettings::sigma),
        field("seed", &UncertaintySettings::seed), field("trials", &UncertaintySettings::trials),
        field("shared_shock", &UncertaintySettings::shared_shock).omit_default(),
        field("conversion_sigma", &UncertaintySettings::conversion_sigma).omit_default());
MR_TYPE(ReachRow, field("min_followers", &ReachRow::min_followers),
        field("max_followers", &ReachRow::max_followers).open_max(), field("rate", &ReachRow::rate),
        field("source", &ReachRow::source));
MR_TYPE(ReachTable, field("rows", &ReachTable::rows).limit(max_reach_rows));
MR_TYPE(NumberFormat, field("decimal_comma", &NumberFormat::decimal_comma));
MR_TYPE(Assumptions, field("currency", &Assumptions::currency),
        field("number_format", &Assumptions::number_format),
        field("benchmark_set_id", &Assumptions::benchmark_set_id),
        field("benchmark_sets", &Assumptions::benchmark_sets).limit(100),
        field("pricing", &Assumptions::pricing), field("funnel", &Assumptions::funnel),
        field("funnel_from_targeted", &Assumptions::funnel_from_targeted),
        field("reach_rate", &Assumptions::reach_rate),
        field("reach_by_size", &Assumptions::reach_by_size),
        field("reach_table", &Assumptions::reach_table).omit_default(),
        field("audience_overlap", &Assumptions::audience_overlap),
        field("uncertainty", &Assumptions::uncertainty),
        field("costs", &Assumptions::costs).omit_default());
MR_TYPE(ActualResult, field("influencer_id", &ActualResult::influencer_id),
        field("likes", &ActualResult::likes), field("comments", &ActualResult::comments),
        field("shares", &ActualResult::shares), field("saves", &ActualResult::saves),
        field("clicks", &ActualResult::clicks), field("conversions", &ActualResult::conversions),
        field("revenue", &ActualResult::revenue),
        field("source", &ActualResult::source).omit_default(),
        field("views", &ActualResult::views).omit_default(),
        field("reach", &ActualResult::reach).omit_default(),
        field("impressions", &ActualResult::impressions).omit_default());
MR_TYPE(TrackingLinkSettings, field("landing_url", &TrackingLinkSettings::landing_url),
        field("source", &TrackingLinkSettings::source),
        field("medium", &TrackingLinkSettings::medium),
        field("campaign", &TrackingLinkSettings::campaign),
        field("content", &TrackingLinkSettings::content),
        field("code", &TrackingLinkSettings::code));
MR_TYPE(TrackingSettings, field("counted", &TrackingSettings::counted),
        field("averaging", &TrackingSettings::averaging),
        field("adopt_min_posts", &TrackingSettings::adopt_min_posts),
        field("links", &TrackingSettings::links).omit_default());
MR_TYPE(RegionCoverage, field("region", &RegionCoverage::region),
        field("min_hires", &RegionCoverage::min_hires),
        field("max_hires", &RegionCoverage::max_hires));
MR_TYPE(OptimizerSettings, field("objective", &OptimizerSettings::objective),
        field("must_include", &OptimizerSettings::must_include).limit(max_roster_rows),
        field("must_exclude", &OptimizerSettings::must_exclude).limit(max_roster_rows),
        field("coverage", &OptimizerSettings::coverage).limit(optimizer_max_regions),
        field("max_budget_share", &OptimizerSettings::max_budget_share),
        field("min_influencers", &OptimizerSettings::min_influencers));
MR_TYPE(RegionRule, field("name", &RegionRule::name), field("min_hires", &RegionRule::min_hires),
        field("max_hires", &RegionRule::max_hires));
// "format" is written beside these by core/state_json.cpp.
MR_TYPE(Scenario, field("version", &Scenario::version), field("screen", &Scenario::screen),
        field("title", &Scenario::title), field("engagement", &Scenario::engagement),
        field("engagement_followers", &Scenario::engagement_followers),
        field("comparison", &Scenario::comparison),
        field("plan_sources", &Scenario::plan_sources).omit_default(),
        field("roster", &Scenario::roster).limit(max_roster_rows),
        field("budget", &Scenario::budget), field("assumptions", &Scenario::assumptions),
        field("actuals", &Scenario::actuals).limit(max_tracked_results),
        field("tracking", &Scenario::tracking), field("optimizer", &Scenario::optimizer));

// [SECTION] Results (the API writes them; nothing reads them back)

MR_TYPE(Error, field("code", &Error::code), field("field", &Error::field),
        field("message", &Error::message));
// A bad row: {row, id, code, field, message}.
MR_TYPE(RowError, field("row", &RowError::row), field("id", &RowError::id),
        field("error", &RowError::error).inline_object());
MR_TYPE(EngagementResult, field("rate", &EngagementResult::rate),
        field("interactions_per_post", &EngagementResult::interactions_per_post),
        field("post_rates", &EngagementResult::post_rates),
        field("formula_id", &EngagementResult::formula_id),
        field("averaging_formula_id", &EngagementResult::averaging_formula_id),
        field("basis_label", &EngagementResult::basis_label),
        field("counted_label", &EngagementResult::counted_label));
MR_TYPE(Grade, field("ratio", &Grade::ratio), field("band", &Grade::band),
        field("band_kind", &Grade::band_kind), field("tier_name", &Grade::tier_name),
        field("benchmark_rate", &Grade::benchmark_rate), field("tier_rate", &Grade::tier_rate),
        field("benchmark_derived", &Grade::benchmark_derived), field("set_name", &Grade::set_name),
        field("formula_id", &Grade::formula_id), field("summary", &Grade::summary));
MR_TYPE(PriceSuggestion, field("price", &PriceSuggestion::price),
        field("formula_id", &PriceSuggestion::formula_id), field("basis", &PriceSuggestion::basis),
        field("from_quote", &PriceSuggestion::from_quote));
MR_TYPE(FunnelResult, field("clicks", &FunnelResult::clicks),
        field("conversions", &FunnelResult::conversions), field("revenue", &FunnelResult::revenue),
        field("gross_profit", &FunnelResult::gross_profit), field("roi", &FunnelResult::roi),
        field("roas", &FunnelResult::roas), field("cost_per_click", &FunnelResult::cost_per_click),
        field("cost_per_acquisition", &FunnelResult::cost_per_acquisition),
        field("earned_media_value", &FunnelResult::earned_media_value),
        field("emv_label", &FunnelResult::emv_label),
        field("clicks_formula_id", &FunnelResult::clicks_formula_id));
MR_TYPE(RowMetrics, field("id", &RowMetrics::id), field("valid", &RowMetrics::valid),
        field("engagement_rate", &RowMetrics::engagement_rate),
        field("engagements_per_post", &RowMetrics::engagements_per_post),
        field("expected_engagements", &RowMetrics::expected_engagements),
        field("targeted_engagements", &RowMetrics::targeted_engagements),
        field("impressions", &RowMetrics::impressions),
        field("estimated_reach", &RowMetrics::estimated_reach),
        field("clicks", &RowMetrics::clicks), field("conversions", &RowMetrics::conversions),
        field("cost", &RowMetrics::cost), field("cost_split", &RowMetrics::cost_split),
        field("cost_per_engagement", &RowMetrics::cost_per_engagement),
        field("cost_per_targeted_engagement", &RowMetrics::cost_per_targeted_engagement),
        field("cpm", &RowMetrics::cpm),
        field("cost_per_conversion", &RowMetrics::cost_per_conversion),
        field("share_of_budget", &RowMetrics::share_of_budget),
        field("budget_left_after", &RowMetrics::budget_left_after),
        field("overrun_after", &RowMetrics::overrun_after));
MR_TYPE(CampaignTotals, field("influencers", &CampaignTotals::influencers),
        field("booked", &CampaignTotals::booked),
        field("invalid_rows", &CampaignTotals::invalid_rows),
        field("followers", &CampaignTotals::followers), field("posts", &CampaignTotals::posts),
        field("engagement_rate", &CampaignTotals::engagement_rate),
        field("expected_engagements", &CampaignTotals::expected_engagements),
        field("targeted_engagements", &CampaignTotals::targeted_engagements),
        field("impressions", &CampaignTotals::impressions),
        field("estimated_reach", &CampaignTotals::estimated_reach),
        field("sum_of_rows_reach", &CampaignTotals::sum_of_rows_reach),
        field("clicks", &CampaignTotals::clicks),
        field("conversions", &CampaignTotals::conversions), field("cost", &CampaignTotals::cost),
        field("cost_split", &CampaignTotals::cost_split),
        field("cost_per_engagement", &CampaignTotals::cost_per_engagement),
        field("cost_per_targeted_engagement", &CampaignTotals::cost_per_targeted_engagement),
        field("cpm", &CampaignTotals::cpm),
        field("cost_per_thousand_reached", &CampaignTotals::cost_per_thousand_reached),
        field("cost_per_conversion", &CampaignTotals::cost_per_conversion),
        field("share_of_budget", &CampaignTotals::share_of_budget),
        field("budget_left", &CampaignTotals::budget_left),
        field("overrun", &CampaignTotals::overrun), field("funnel", &CampaignTotals::funnel));
MR_TYPE(CampaignResult, field("rows", &CampaignResult::rows),
        field("totals", &CampaignResult::totals), field("errors", &CampaignResult::errors),
        field("budget", &CampaignResult::budget));
MR_TYPE(PlanSummary, field("name", &PlanSummary::name),
        field("influencers", &PlanSummary::influencers), field("posts", &PlanSummary::posts),
        field("followers", &PlanSummary::followers),
        field("engagement_rate", &PlanSummary::engagement_rate),
        field("engagements", &PlanSummary::engagements),
        field("targeted_engagements", &PlanSummary::targeted_engagements),
        field("estimated_reach", &PlanSummary::estimated_reach),
        field("impressions", &PlanSummary::impressions), field("clicks", &PlanSummary::clicks),
        field("conversions", &PlanSummary::conversions), field("cost", &PlanSummary::cost),
        field("cost_split", &PlanSummary::cost_split),
        field("cost_per_engagement", &PlanSummary::cost_per_engagement),
        field("cost_per_targeted_engagement", &PlanSummary::cost_per_targeted_engagement),
        field("cost_per_conversion", &PlanSummary::cost_per_conversion),
        field("cpm", &PlanSummary::cpm),
        field("cost_per_thousand_reached", &PlanSummary::cost_per_thousand_reached),
        field("metric", &PlanSummary::metric),
        field("cost_per_metric", &PlanSummary::cost_per_metric),
        field("within_budget", &PlanSummary::within_budget),
        field("budget_left", &PlanSummary::budget_left), field("overrun", &PlanSummary::overrun),
        field("invalid_rows", &PlanSummary::invalid_rows));
MR_TYPE(BreakEven, field("count_to_match", &BreakEven::count_to_match),
        field("cost_to_match", &BreakEven::cost_to_match),
        field("price_per_post", &BreakEven::price_per_post),
        field("current_price_per_post", &BreakEven::current_price_per_post),
        field("engagement_rate", &BreakEven::engagement_rate),
        field("current_engagement_rate", &BreakEven::current_engagement_rate),
        field("affordable_count", &BreakEven::affordable_count),
        field("affordable_metric", &BreakEven::affordable_metric),
        field("audience_quality_a", &BreakEven::audience_quality_a),
        field("current_audience_quality_a", &BreakEven::current_audience_quality_a),
        field("conversion_advantage", &BreakEven::conversion_advantage),
        field("current_conversion_advantage", &BreakEven::current_conversion_advantage),
        field("overhead_per_influencer", &BreakEven::overhead_per_influencer),
        field("current_overhead_per_influencer", &BreakEven::current_overhead_per_influencer));
MR_TYPE(SensitivityEntry, field("driver", &SensitivityEntry::driver),
        field("unit", &SensitivityEntry::unit), field("label", &SensitivityEntry::label),
        field("current", &SensitivityEntry::current), field("low", &SensitivityEntry::low),
        field("high", &SensitivityEntry::high), field("margin_low", &SensitivityEntry::margin_low),
        field("margin_high", &SensitivityEntry::margin_high),
        field("swing", &SensitivityEntry::swing), field("flip", &SensitivityEntry::flip),
        field("decides", &SensitivityEntry::decides),
        field("range_source", &SensitivityEntry::range_source));
MR_TYPE(Comparison, field("a", &Comparison::a), field("b", &Comparison::b),
        field("campaign_a", &Comparison::campaign_a), field("campaign_b", &Comparison::campaign_b),
        field("metric", &Comparison::metric), field("judgement", &Comparison::judgement),
        field("winner", &Comparison::winner), field("advantage", &Comparison::advantage),
        field("break_even", &Comparison::break_even), field("verdict", &Comparison::verdict),
        field("notes", &Comparison::notes), field("break_even_text", &Comparison::break_even_text),
        field("sensitivity", &Comparison::sensitivity),
        field("decided_by", &Comparison::decided_by));
MR_TYPE(InfluencerActuals, field("id", &InfluencerActuals::id),
        field("roster_row", &InfluencerActuals::roster_row),
        field("posts", &InfluencerActuals::posts),
        field("interactions", &InfluencerActuals::interactions),
        field("likes", &InfluencerActuals::likes), field("comments", &InfluencerActuals::comments),
        field("shares", &InfluencerActuals::shares), field("saves", &InfluencerActuals::saves),
        field("clicks", &InfluencerActuals::clicks),
        field("conversions", &InfluencerActuals::conversions),
        field("revenue", &InfluencerActuals::revenue), field("cost", &InfluencerActuals::cost),
        field("interactions_per_post", &InfluencerActuals::interactions_per_post),
        field("comparable_per_post", &InfluencerActuals::comparable_per_post),
        field("engagement_rate", &InfluencerActuals::engagement_rate),
        field("expected_per_post", &InfluencerActuals::expected_per_post),
        field("actual_vs_expected", &InfluencerActuals::actual_vs_expected),
        field("cost_per_engagement", &InfluencerActuals::cost_per_engagement),
        field("cost_per_click", &InfluencerActuals::cost_per_click),
        field("cost_per_acquisition", &InfluencerActuals::cost_per_acquisition),
        field("roi", &InfluencerActuals::roi), field("roas", &InfluencerActuals::roas),
        field("views", &InfluencerActuals::views), field("reach", &InfluencerActuals::reach),
        field("impressions", &InfluencerActuals::impressions),
        field("beat_plan", &InfluencerActuals::beat_plan));
MR_TYPE(TrackingTotals, field("influencers", &TrackingTotals::influencers),
        field("posts", &TrackingTotals::posts),
        field("interactions", &TrackingTotals::interactions),
        field("clicks", &TrackingTotals::clicks),
        field("conversions", &TrackingTotals::conversions),
        field("revenue", &TrackingTotals::revenue), field("cost", &TrackingTotals::cost),
        field("expected_interactions", &TrackingTotals::expected_interactions),
        field("comparable_interactions", &TrackingTotals::comparable_interactions),
        field("actual_vs_expected", &TrackingTotals::actual_vs_expected),
        field("cost_per_engagement", &TrackingTotals::cost_per_engagement),
        field("cost_per_click", &TrackingTotals::cost_per_click),
        field("cost_per_acquisition", &TrackingTotals::cost_per_acquisition),
        field("roi", &TrackingTotals::roi), field("roas", &TrackingTotals::roas),
        field("beat_plan", &TrackingTotals::beat_plan));
MR_TYPE(TrackingResult, field("influencers", &TrackingResult::influencers),
        field("totals", &TrackingResult::totals),
        field("untracked_ids", &TrackingResult::untracked_ids),
        field("errors", &TrackingResult::errors));
MR_TYPE(Band, field("low", &Band::low), field("expected", &Band::expected),
        field("high", &Band::high));
MR_TYPE(MoneyBand, field("low", &MoneyBand::low), field("expected", &MoneyBand::expected),
        field("high", &MoneyBand::high));
MR_TYPE(PlanBands, field("engagements", &PlanBands::engagements),
        field("targeted_engagements", &PlanBands::targeted_engagements),
        field("conversions", &PlanBands::conversions),
        field("cost_per_engagement", &PlanBands::cost_per_engagement),
        field("cost_per_targeted_engagement", &PlanBands::cost_per_targeted_engagement),
        field("cost_per_conversion", &PlanBands::cost_per_conversion));
MR_TYPE(Percentiles, field("p5", &Percentiles::p5), field("p25", &Percentiles::p25),
        field("p50", &Percentiles::p50), field("p75", &Percentiles::p75),
        field("p95", &Percentiles::p95), field("mean", &Percentiles::mean));
MR_TYPE(PlanSimulation, field("engagements", &PlanSimulation::engagements),
        field("targeted_engagements", &PlanSimulation::targeted_engagements),
        field("conversions", &PlanSimulation::conversions),
        field("cost_per_engagement", &PlanSimulation::cost_per_engagement),
        field("cost_per_engagement_median", &PlanSimulation::cost_per_engagement_median));
MR_TYPE(PairSimulation, field("a", &PairSimulation::a), field("b", &PairSimulation::b),
        field("metric", &PairSimulation::metric), field("judgement", &PairSimulation::judgement),
        field("probability_a_beats_b", &PairSimulation::probability_a_beats_b),
        field("trials", &PairSimulation::trials),
        field("conditional_on", &PairSimulation::conditional_on));
MR_TYPE(OptimizerSolution, field("status", &OptimizerSolution::status),
        field("has_plan", &OptimizerSolution::has_plan),
        field("chosen_ids", &OptimizerSolution::chosen_ids),
        field("objective", &OptimizerSolution::objective),
        field("total_cost", &OptimizerSolution::total_cost),
        field("upper_bound", &OptimizerSolution::upper_bound),
        field("gap", &OptimizerSolution::gap), field("nodes", &OptimizerSolution::nodes),
        field("fixed_by_reduction", &OptimizerSolution::fixed_by_reduction),
        field("over_share_cap", &OptimizerSolution::over_share_cap),
        field("notes", &OptimizerSolution::notes),
        field("explanation", &OptimizerSolution::explanation));

MR_TYPE(CsvRecord, field("line", &CsvRecord::line), field("cells", &CsvRecord::cells));
MR_TYPE(RosterImportOptions, field("currency", &RosterImportOptions::currency),
        field("decimal_comma", &RosterImportOptions::decimal_comma),
        field("default_engagement_rate", &RosterImportOptions::default_engagement_rate));
MR_TYPE(ResultsImportOptions, field("source", &ResultsImportOptions::source),
        field("currency", &ResultsImportOptions::currency),
        field("decimal_comma", &ResultsImportOptions::decimal_comma),
        field("links", &ResultsImportOptions::links),
        field("campaign_title", &ResultsImportOptions::campaign_title, "title"));
MR_TYPE(MatchChoice, field("line", &MatchChoice::line),
        field("influencer_id", &MatchChoice::influencer_id, "id"));
MR_TYPE(TrackingLink, field("id", &TrackingLink::id), field("name", &TrackingLink::name),
        field("platform", &TrackingLink::platform), field("url", &TrackingLink::url),
        field("source", &TrackingLink::source), field("medium", &TrackingLink::medium),
        field("campaign", &TrackingLink::campaign), field("content", &TrackingLink::content),
        field("code", &TrackingLink::code));
MR_TYPE(ResultsRow, field("line", &ResultsRow::line), field("key", &ResultsRow::key),
        field("status", &ResultsRow::status), field("candidates", &ResultsRow::candidates),
        field("result", &ResultsRow::result));
// "accent" (0xRRGGBB) is written as "#rrggbb" by the API beside these.
MR_TYPE(PrefillParams, field("screen", &PrefillParams::screen),
        field("budget", &PrefillParams::budget), field("currency", &PrefillParams::currency),
        field("theme", &PrefillParams::theme), field("embed", &PrefillParams::embed),
        field("errors", &PrefillParams::errors));

#undef MR_TYPE

} // namespace core::schema
