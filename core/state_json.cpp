#include "core/state_json.hpp"

#include "core/numbers.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <utility>

namespace core {

using json = nlohmann::json;

namespace detail {
namespace {

constexpr std::string_view file_field = "Scenario file";

Error file_error(ErrorCode code, std::string message) {
    return make_error(code, std::string(file_field), std::string(file_field) + ": " + message);
}

// [SECTION] Enum names (stable: they are stored in files and links)

template <class E>
struct EnumName {
    E value;
    std::string_view name;
};

constexpr EnumName<Screen> screen_names[] = {
    {Screen::engagement, "engagement"}, {Screen::compare, "compare"},
    {Screen::roster, "roster"},         {Screen::optimizer, "optimizer"},
    {Screen::tracking, "tracking"},     {Screen::assumptions, "assumptions"},
    {Screen::report, "report"},
};
constexpr EnumName<EngagementBasis> basis_names[] = {
    {EngagementBasis::followers, "followers"},
    {EngagementBasis::reach, "reach"},
    {EngagementBasis::impressions, "impressions"},
    {EngagementBasis::views, "views"},
};
constexpr EnumName<Averaging> averaging_names[] = {
    {Averaging::mean, "mean"},
    {Averaging::median, "median"},
};
constexpr EnumName<EngagementInputKind> engagement_kind_names[] = {
    {EngagementInputKind::rate, "rate"},
    {EngagementInputKind::average_interactions, "average_interactions"},
};
constexpr EnumName<PlanMetric> metric_names[] = {
    {PlanMetric::engagements, "engagements"},
    {PlanMetric::targeted_engagements, "targeted_engagements"},
    {PlanMetric::estimated_reach, "estimated_reach"},
    {PlanMetric::conversions, "conversions"},
};
constexpr EnumName<Judgement> judgement_names[] = {
    {Judgement::cost_per_result, "cost_per_result"},
    {Judgement::total_result, "total_result"},
};
constexpr EnumName<PricingModelKind> pricing_kind_names[] = {
    {PricingModelKind::tier_table, "tier_table"},
    {PricingModelKind::per_thousand_followers, "per_thousand_followers"},
    {PricingModelKind::cost_per_engagement, "cost_per_engagement"},
};
constexpr EnumName<ClickBasis> click_basis_names[] = {
    {ClickBasis::engagements, "engagements"},
    {ClickBasis::impressions, "impressions"},
};
constexpr EnumName<Objective> objective_names[] = {
    {Objective::expected_engagements, "expected_engagements"},
    {Objective::targeted_engagements, "targeted_engagements"},
    {Objective::estimated_reach, "estimated_reach"},
    {Objective::expected_conversions, "expected_conversions"},
};

template <class E, std::size_t N>
std::string enum_name(const EnumName<E> (&table)[N], E value) {
    for (const auto& entry : table) {
        if (entry.value == value) {
            return std::string(entry.name);
        }
    }
    // An enum value outside the table (a programmer error or memory corruption):
    // write the first name rather than something no reader accepts.
    return std::string(table[0].name);
}

std::string currency_code(Currency currency) {
    return std::string(currency_info(currency).code);
}

// [SECTION] Writing

json money_json(Money money, Currency document_currency) {
    if (money.currency == document_currency) {
        return money.cents;
    }
    return json{{"cents", money.cents}, {"currency", currency_code(money.currency)}};
}

json counted_json(const CountedInteractions& c) {
    return json{
        {"likes", c.likes}, {"comments", c.comments}, {"shares", c.shares}, {"saves", c.saves}};
}

json influencer_json(const Influencer& i, Currency currency) {
    return json{
        {"id", i.id},
        {"name", i.name},
        {"platform", i.platform},
        {"followers", i.followers},
        {"engagement_kind", enum_name(engagement_kind_names, i.engagement_kind)},
        {"engagement", i.engagement_value},
        {"price", money_json(i.price_per_post, currency)},
        {"posts", i.posts},
        {"region", i.region},
        {"niche", i.niche},
        {"audience_fit", i.audience_fit},
        {"notes", i.notes},
    };
}

json roster_json(const std::vector<Influencer>& roster, Currency currency) {
    json out = json::array();
    for (const auto& influencer : roster) {
        out.push_back(influencer_json(influencer, currency));
    }
    return out;
}

json group_json(const PlanGroup& group, Currency currency) {
    return json{{"name", group.name}, {"influencers", roster_json(group.influencers, currency)}};
}

json benchmark_set_json(const BenchmarkSet& set) {
    json tiers = json::array();
    for (const Tier& t : set.tiers) {
        tiers.push_back(json{{"name", t.name},
                             {"min_followers", t.min_followers},
                             {"max_followers", t.max_followers},
                             {"engagement_rate", t.engagement_rate},
                             {"derived", t.derived},
                             {"note", t.note}});
    }
    return json{{"id", set.id},     {"name", set.name},         {"source", set.source},
                {"year", set.year}, {"platform", set.platform}, {"metric", set.metric},
                {"tiers", tiers},   {"note", set.note}};
}

json pricing_json(const PricingModel& p, Currency currency) {
    json tiers = json::array();
    for (const TierPrice& t : p.tier_prices) {
        tiers.push_back(json{{"name", t.name},
                             {"min_followers", t.min_followers},
                             {"max_followers", t.max_followers},
                             {"price", money_json(t.price, currency)},
                             {"note", t.note}});
    }
    return json{{"kind", enum_name(pricing_kind_names, p.kind)},
                {"currency", currency_code(p.currency)},
                {"table_name", p.table_name},
                {"tier_prices", tiers},
                {"per_thousand", money_json(p.per_thousand, currency)},
                {"target_cpe", money_json(p.target_cpe, currency)}};
}

json funnel_json(const FunnelAssumptions& f, Currency currency) {
    return json{{"click_basis", enum_name(click_basis_names, f.click_basis)},
                {"click_through_rate", f.click_through_rate},
                {"conversion_rate", f.conversion_rate},
                {"average_order_value", money_json(f.average_order_value, currency)},
                {"margin", f.margin},
                {"include_emv", f.include_emv},
                {"emv_cpm", money_json(f.emv_cpm, currency)}};
}

json assumptions_json(const Assumptions& a) {
    const Currency currency = a.currency;
    json sets = json::array();
    for (const auto& set : a.benchmark_sets) {
        sets.push_back(benchmark_set_json(set));
    }
    return json{{"currency", currency_code(currency)},
                {"number_format", json{{"decimal_comma", a.number_format.decimal_comma}}},
                {"benchmark_set_id", a.benchmark_set_id},
                {"benchmark_sets", sets},
                {"pricing", pricing_json(a.pricing, currency)},
                {"funnel", funnel_json(a.funnel, currency)},
                {"funnel_from_targeted", a.funnel_from_targeted},
                {"reach_rate", a.reach_rate},
                {"uncertainty", json{{"sigma", a.uncertainty.sigma},
                                     {"seed", a.uncertainty.seed},
                                     {"trials", a.uncertainty.trials}}}};
}

json optimizer_json(const OptimizerSettings& o) {
    json coverage = json::array();
    for (const RegionCoverage& rule : o.coverage) {
        json item{{"region", rule.region}, {"min_hires", rule.min_hires}};
        if (rule.max_hires) {
            item["max_hires"] = *rule.max_hires;
        }
        coverage.push_back(std::move(item));
    }
    return json{{"objective", enum_name(objective_names, o.objective)},
                {"must_include", o.must_include},
                {"must_exclude", o.must_exclude},
                {"coverage", coverage},
                {"max_budget_share", o.max_budget_share},
                {"min_influencers", o.min_influencers}};
}

// [SECTION] Reading

class Reader {
public:
    explicit Reader(Currency currency) : currency_(currency) {}

    [[nodiscard]] bool failed() const { return error_.has_value(); }
    [[nodiscard]] const std::optional<Error>& error() const { return error_; }
    [[nodiscard]] Currency currency() const { return currency_; }

    void fail(ErrorCode code, const std::string& what) {
        if (!error_) {
            error_ = file_error(code, path() + " " + what +
                                          "; the file is damaged or was edited by hand.");
        }
    }

    // Path segments ("roster", "[3]", "followers") for messages.
    void push(std::string segment) { path_.push_back(std::move(segment)); }
    void pop() { path_.pop_back(); }

private:
    [[nodiscard]] std::string path() const {
        std::string text;
        for (const auto& segment : path_) {
            if (!text.empty() && segment.front() != '[') {
                text += '.';
            }
            text += segment;
        }
        return text.empty() ? "the document" : text;
    }

    Currency currency_;
    std::vector<std::string> path_;
    std::optional<Error> error_;
};

class Scope {
public:
    Scope(Reader& reader, std::string segment) : reader_(reader) {
        reader_.push(std::move(segment));
    }
    ~Scope() { reader_.pop(); }
    Scope(const Scope&) = delete;
    Scope& operator=(const Scope&) = delete;

private:
    Reader& reader_;
};

// The member `key` of `object`, or nullptr when it is missing.
const json* member(const json& object, std::string_view key) {
    const auto it = object.find(key);
    return it == object.end() ? nullptr : &*it;
}

// Integral values: JSON integers, or floats with no fraction ("3.0") within range.
std::optional<long double> integral_value(const json& value) {
    if (value.is_number_unsigned()) {
        return static_cast<long double>(value.get<std::uint64_t>());
    }
    if (value.is_number_integer()) {
        return static_cast<long double>(value.get<std::int64_t>());
    }
    if (value.is_number_float()) {
        const double d = value.get<double>();
        if (std::isfinite(d) && std::floor(d) == d) {
            return static_cast<long double>(d);
        }
    }
    return std::nullopt;
}

template <class Int>
void read_integer(Reader& r, const json& object, std::string_view key, Int& out) {
    const json* value = member(object, key);
    if (value == nullptr || r.failed()) {
        return;
    }
    Scope scope(r, std::string(key));
    if (value->is_number_unsigned()) {
        const auto v = value->get<std::uint64_t>();
        if (v <= static_cast<std::uint64_t>(std::numeric_limits<Int>::max())) {
            out = static_cast<Int>(v);
            return;
        }
    } else if (value->is_number_integer()) {
        const auto v = value->get<std::int64_t>();
        if (v >= 0 || std::numeric_limits<Int>::is_signed) {
            if (static_cast<long double>(v) >=
                    static_cast<long double>(std::numeric_limits<Int>::lowest()) &&
                static_cast<long double>(v) <=
                    static_cast<long double>(std::numeric_limits<Int>::max())) {
                out = static_cast<Int>(v);
                return;
            }
        }
    } else if (const auto v = integral_value(*value)) {
        // A float such as 3.0 from a hand edit; the bounds keep the cast exact.
        if (*v >= static_cast<long double>(std::numeric_limits<Int>::lowest()) &&
            *v <= static_cast<long double>(std::numeric_limits<Int>::max()) &&
            std::fabs(*v) < 9007199254740992.0L) {
            out = static_cast<Int>(*v);
            return;
        }
    }
    r.fail(ErrorCode::malformed,
           integral_value(*value) ? "is out of range" : "should be a whole number");
}

void read_double(Reader& r, const json& object, std::string_view key, double& out) {
    const json* value = member(object, key);
    if (value == nullptr || r.failed()) {
        return;
    }
    if (!value->is_number()) {
        Scope scope(r, std::string(key));
        r.fail(ErrorCode::malformed, "should be a number");
        return;
    }
    out = value->get<double>();
}

void read_bool(Reader& r, const json& object, std::string_view key, bool& out) {
    const json* value = member(object, key);
    if (value == nullptr || r.failed()) {
        return;
    }
    if (!value->is_boolean()) {
        Scope scope(r, std::string(key));
        r.fail(ErrorCode::malformed, "should be true or false");
        return;
    }
    out = value->get<bool>();
}

void read_string(Reader& r, const json& object, std::string_view key, std::string& out) {
    const json* value = member(object, key);
    if (value == nullptr || r.failed()) {
        return;
    }
    if (!value->is_string()) {
        Scope scope(r, std::string(key));
        r.fail(ErrorCode::malformed, "should be text");
        return;
    }
    out = value->get_ref<const std::string&>();
}

template <class E, std::size_t N>
void read_enum(Reader& r, const json& object, std::string_view key, const EnumName<E> (&table)[N],
               E& out) {
    const json* value = member(object, key);
    if (value == nullptr || r.failed()) {
        return;
    }
    if (value->is_string()) {
        const auto& name = value->get_ref<const std::string&>();
        for (const auto& entry : table) {
            if (entry.name == name) {
                out = entry.value;
                return;
            }
        }
    }
    std::string names;
    for (std::size_t k = 0; k < N; ++k) {
        names += (k == 0 ? "\"" : ", \"") + std::string(table[k].name) + "\"";
    }
    Scope scope(r, std::string(key));
    r.fail(ErrorCode::malformed, "should be one of " + names);
}

std::optional<Currency> currency_from_code(const json& value) {
    if (!value.is_string()) {
        return std::nullopt;
    }
    const auto& code = value.get_ref<const std::string&>();
    for (const auto& info : all_currencies) {
        if (info.code == code) {
            return info.currency;
        }
    }
    return std::nullopt;
}

void read_currency(Reader& r, const json& object, std::string_view key, Currency& out) {
    const json* value = member(object, key);
    if (value == nullptr || r.failed()) {
        return;
    }
    if (const auto currency = currency_from_code(*value)) {
        out = *currency;
        return;
    }
    Scope scope(r, std::string(key));
    r.fail(ErrorCode::malformed, "should be a currency code (\"USD\", \"EUR\", \"GBP\", "
                                 "\"CAD\" or \"AUD\")");
}

void read_money(Reader& r, const json& object, std::string_view key, Money& out) {
    const json* value = member(object, key);
    if (value == nullptr || r.failed()) {
        return;
    }
    Scope scope(r, std::string(key));
    Money money{0, r.currency()};
    if (value->is_object()) {
        const json* cents = member(*value, "cents");
        const json* currency = member(*value, "currency");
        const auto code = currency != nullptr ? currency_from_code(*currency) : std::nullopt;
        if (cents == nullptr || !code) {
            r.fail(ErrorCode::malformed, "should be {\"cents\": 100, \"currency\": \"USD\"}");
            return;
        }
        money.currency = *code;
        value = cents;
    }
    const auto cents = integral_value(*value);
    if (!cents) {
        r.fail(ErrorCode::malformed, "should be a whole number of cents");
        return;
    }
    if (std::fabs(*cents) > static_cast<long double>(max_money_cents)) {
        r.fail(ErrorCode::malformed, "is beyond the largest amount (10 trillion)");
        return;
    }
    money.cents = static_cast<std::int64_t>(*cents);
    out = money;
}

template <class F>
void read_object(Reader& r, const json& object, std::string_view key, F&& body) {
    const json* value = member(object, key);
    if (value == nullptr || r.failed()) {
        return;
    }
    Scope scope(r, std::string(key));
    if (!value->is_object()) {
        r.fail(ErrorCode::malformed, "should be an object");
        return;
    }
    body(*value);
}

template <class T, class F>
void read_array(Reader& r, const json& object, std::string_view key, std::vector<T>& out,
                std::size_t max, F&& element) {
    const json* value = member(object, key);
    if (value == nullptr || r.failed()) {
        return;
    }
    Scope scope(r, std::string(key));
    if (!value->is_array()) {
        r.fail(ErrorCode::malformed, "should be a list");
        return;
    }
    if (value->size() > max) {
        r.fail(ErrorCode::too_large,
               "has more than " + format_count(static_cast<std::int64_t>(max)) + " entries");
        return;
    }
    out.clear();
    out.reserve(value->size());
    for (std::size_t k = 0; k < value->size() && !r.failed(); ++k) {
        Scope item(r, "[" + std::to_string(k) + "]");
        T entry{};
        element((*value)[k], entry);
        out.push_back(std::move(entry));
    }
}

// Elements that must be objects read their members through `body`.
template <class T, class F>
void read_object_array(Reader& r, const json& object, std::string_view key, std::vector<T>& out,
                       std::size_t max, F&& body) {
    read_array(r, object, key, out, max, [&](const json& item, T& entry) {
        if (!item.is_object()) {
            r.fail(ErrorCode::malformed, "should be an object");
            return;
        }
        body(item, entry);
    });
}

void read_counted(Reader& r, const json& object, std::string_view key, CountedInteractions& c) {
    read_object(r, object, key, [&](const json& o) {
        read_bool(r, o, "likes", c.likes);
        read_bool(r, o, "comments", c.comments);
        read_bool(r, o, "shares", c.shares);
        read_bool(r, o, "saves", c.saves);
    });
}

void read_influencer(Reader& r, const json& o, Influencer& i) {
    read_integer(r, o, "id", i.id);
    read_string(r, o, "name", i.name);
    read_string(r, o, "platform", i.platform);
    read_integer(r, o, "followers", i.followers);
    read_enum(r, o, "engagement_kind", engagement_kind_names, i.engagement_kind);
    read_double(r, o, "engagement", i.engagement_value);
    i.price_per_post.currency = r.currency();
    read_money(r, o, "price", i.price_per_post);
    read_integer(r, o, "posts", i.posts);
    read_string(r, o, "region", i.region);
    read_string(r, o, "niche", i.niche);
    read_double(r, o, "audience_fit", i.audience_fit);
    read_string(r, o, "notes", i.notes);
}

void read_roster(Reader& r, const json& object, std::string_view key,
                 std::vector<Influencer>& roster) {
    read_object_array(r, object, key, roster, max_roster_rows,
                      [&](const json& o, Influencer& i) { read_influencer(r, o, i); });
}

void read_engagement(Reader& r, const json& object, EngagementInputs& e) {
    read_object(r, object, "engagement", [&](const json& o) {
        read_enum(r, o, "basis", basis_names, e.basis);
        read_counted(r, o, "counted", e.counted);
        read_enum(r, o, "averaging", averaging_names, e.averaging);
        read_object_array(r, o, "posts", e.posts, max_posts,
                          [&](const json& p, PostInteractions& post) {
                              read_integer(r, p, "likes", post.likes);
                              read_integer(r, p, "comments", post.comments);
                              read_integer(r, p, "shares", post.shares);
                              read_integer(r, p, "saves", post.saves);
                              read_integer(r, p, "audience", post.audience);
                          });
    });
}

void read_comparison(Reader& r, const json& object, ComparisonSetup& c) {
    read_object(r, object, "comparison", [&](const json& o) {
        const std::pair<const char*, PlanGroup*> groups[] = {{"a", &c.a}, {"b", &c.b}};
        for (const auto& entry : groups) {
            PlanGroup* group = entry.second;
            read_object(r, o, entry.first, [&](const json& g) {
                read_string(r, g, "name", group->name);
                read_roster(r, g, "influencers", group->influencers);
            });
        }
        read_enum(r, o, "metric", metric_names, c.metric);
        read_enum(r, o, "judgement", judgement_names, c.judgement);
    });
}

void read_benchmark_set(Reader& r, const json& o, BenchmarkSet& set) {
    read_string(r, o, "id", set.id);
    read_string(r, o, "name", set.name);
    read_string(r, o, "source", set.source);
    read_integer(r, o, "year", set.year);
    read_string(r, o, "platform", set.platform);
    read_string(r, o, "metric", set.metric);
    read_object_array(r, o, "tiers", set.tiers, max_benchmark_tiers,
                      [&](const json& t, Tier& tier) {
                          read_string(r, t, "name", tier.name);
                          read_integer(r, t, "min_followers", tier.min_followers);
                          read_integer(r, t, "max_followers", tier.max_followers);
                          read_double(r, t, "engagement_rate", tier.engagement_rate);
                          read_bool(r, t, "derived", tier.derived);
                          read_string(r, t, "note", tier.note);
                      });
    read_string(r, o, "note", set.note);
}

void read_assumptions(Reader& r, const json& object, Assumptions& a) {
    read_object(r, object, "assumptions", [&](const json& o) {
        read_currency(r, o, "currency", a.currency);
        read_object(r, o, "number_format", [&](const json& n) {
            read_bool(r, n, "decimal_comma", a.number_format.decimal_comma);
        });
        read_string(r, o, "benchmark_set_id", a.benchmark_set_id);
        read_object_array(r, o, "benchmark_sets", a.benchmark_sets, max_benchmark_sets,
                          [&](const json& s, BenchmarkSet& set) { read_benchmark_set(r, s, set); });
        read_object(r, o, "pricing", [&](const json& p) {
            PricingModel& m = a.pricing;
            m.per_thousand.currency = r.currency();
            m.target_cpe.currency = r.currency();
            read_enum(r, p, "kind", pricing_kind_names, m.kind);
            read_currency(r, p, "currency", m.currency);
            read_string(r, p, "table_name", m.table_name);
            read_object_array(r, p, "tier_prices", m.tier_prices, max_price_tiers,
                              [&](const json& t, TierPrice& tier) {
                                  tier.price.currency = r.currency();
                                  read_string(r, t, "name", tier.name);
                                  read_integer(r, t, "min_followers", tier.min_followers);
                                  read_integer(r, t, "max_followers", tier.max_followers);
                                  read_money(r, t, "price", tier.price);
                                  read_string(r, t, "note", tier.note);
                              });
            read_money(r, p, "per_thousand", m.per_thousand);
            read_money(r, p, "target_cpe", m.target_cpe);
        });
        read_object(r, o, "funnel", [&](const json& f) {
            FunnelAssumptions& fa = a.funnel;
            fa.average_order_value.currency = r.currency();
            fa.emv_cpm.currency = r.currency();
            read_enum(r, f, "click_basis", click_basis_names, fa.click_basis);
            read_double(r, f, "click_through_rate", fa.click_through_rate);
            read_double(r, f, "conversion_rate", fa.conversion_rate);
            read_money(r, f, "average_order_value", fa.average_order_value);
            read_double(r, f, "margin", fa.margin);
            read_bool(r, f, "include_emv", fa.include_emv);
            read_money(r, f, "emv_cpm", fa.emv_cpm);
        });
        read_bool(r, o, "funnel_from_targeted", a.funnel_from_targeted);
        read_double(r, o, "reach_rate", a.reach_rate);
        read_object(r, o, "uncertainty", [&](const json& u) {
            read_double(r, u, "sigma", a.uncertainty.sigma);
            read_integer(r, u, "seed", a.uncertainty.seed);
            read_integer(r, u, "trials", a.uncertainty.trials);
        });
    });
}

void read_optimizer(Reader& r, const json& object, OptimizerSettings& s) {
    read_object(r, object, "optimizer", [&](const json& o) {
        read_enum(r, o, "objective", objective_names, s.objective);
        auto ids = [&](const json& item, std::uint32_t& id) {
            const json holder{{"id", item}};
            read_integer(r, holder, "id", id);
        };
        read_array(r, o, "must_include", s.must_include, max_roster_rows, ids);
        read_array(r, o, "must_exclude", s.must_exclude, max_roster_rows, ids);
        read_object_array(r, o, "coverage", s.coverage, optimizer_max_regions,
                          [&](const json& c, RegionCoverage& rule) {
                              read_string(r, c, "region", rule.region);
                              read_integer(r, c, "min_hires", rule.min_hires);
                              if (member(c, "max_hires") != nullptr) {
                                  int max_hires = 0;
                                  read_integer(r, c, "max_hires", max_hires);
                                  rule.max_hires = max_hires;
                              }
                          });
        read_double(r, o, "max_budget_share", s.max_budget_share);
        read_integer(r, o, "min_influencers", s.min_influencers);
    });
}

Result<Scenario> read_scenario(const json& d) {
    // Money is stored in the scenario's currency, so read that first.
    Currency currency = Assumptions{}.currency;
    if (const json* a = member(d, "assumptions"); a != nullptr && a->is_object()) {
        if (const json* c = member(*a, "currency")) {
            currency = currency_from_code(*c).value_or(currency);
        }
    }
    Reader r(currency);
    Scenario s;
    s.budget.currency = currency;
    s.assumptions.currency = currency;
    s.assumptions.pricing.currency = currency;
    read_enum(r, d, "screen", screen_names, s.screen);
    read_string(r, d, "title", s.title);
    read_engagement(r, d, s.engagement);
    read_integer(r, d, "engagement_followers", s.engagement_followers);
    read_comparison(r, d, s.comparison);
    read_roster(r, d, "roster", s.roster);
    read_money(r, d, "budget", s.budget);
    read_assumptions(r, d, s.assumptions);
    read_object_array(r, d, "actuals", s.actuals, max_tracked_results,
                      [&](const json& o, ActualResult& a) {
                          a.revenue.currency = currency;
                          read_integer(r, o, "influencer_id", a.influencer_id);
                          read_integer(r, o, "likes", a.likes);
                          read_integer(r, o, "comments", a.comments);
                          read_integer(r, o, "shares", a.shares);
                          read_integer(r, o, "saves", a.saves);
                          read_integer(r, o, "clicks", a.clicks);
                          read_integer(r, o, "conversions", a.conversions);
                          read_money(r, o, "revenue", a.revenue);
                      });
    read_object(r, d, "tracking", [&](const json& o) {
        read_counted(r, o, "counted", s.tracking.counted);
        read_enum(r, o, "averaging", averaging_names, s.tracking.averaging);
        read_integer(r, o, "adopt_min_posts", s.tracking.adopt_min_posts);
    });
    read_optimizer(r, d, s.optimizer);
    if (r.failed()) {
        return *r.error();
    }
    s.version = scenario_version;
    return s;
}

// Nesting depth outside strings, stopping early once past the limit, so a document
// of a million '[' never reaches the parser.
bool nesting_within(std::string_view text, std::size_t limit) {
    std::size_t depth = 0;
    bool in_string = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (in_string) {
            if (c == '\\') {
                ++i;
            } else if (c == '"') {
                in_string = false;
            }
        } else if (c == '"') {
            in_string = true;
        } else if (c == '[' || c == '{') {
            if (++depth > limit) {
                return false;
            }
        } else if ((c == ']' || c == '}') && depth > 0) {
            --depth;
        }
    }
    return true;
}

} // namespace

json scenario_to_json(const Scenario& s) {
    const Currency currency = s.assumptions.currency;
    json engagement_posts = json::array();
    for (const PostInteractions& p : s.engagement.posts) {
        engagement_posts.push_back(json{{"likes", p.likes},
                                        {"comments", p.comments},
                                        {"shares", p.shares},
                                        {"saves", p.saves},
                                        {"audience", p.audience}});
    }
    json actuals = json::array();
    for (const ActualResult& a : s.actuals) {
        actuals.push_back(json{{"influencer_id", a.influencer_id},
                               {"likes", a.likes},
                               {"comments", a.comments},
                               {"shares", a.shares},
                               {"saves", a.saves},
                               {"clicks", a.clicks},
                               {"conversions", a.conversions},
                               {"revenue", money_json(a.revenue, currency)}});
    }
    // nlohmann's default object keeps keys sorted, which makes the output stable.
    return json{
        {"format", "microreach"},
        {"version", state_format_version},
        {"screen", enum_name(screen_names, s.screen)},
        {"title", s.title},
        {"engagement", json{{"basis", enum_name(basis_names, s.engagement.basis)},
                            {"counted", counted_json(s.engagement.counted)},
                            {"averaging", enum_name(averaging_names, s.engagement.averaging)},
                            {"posts", engagement_posts}}},
        {"engagement_followers", s.engagement_followers},
        {"comparison", json{{"a", group_json(s.comparison.a, currency)},
                            {"b", group_json(s.comparison.b, currency)},
                            {"metric", enum_name(metric_names, s.comparison.metric)},
                            {"judgement", enum_name(judgement_names, s.comparison.judgement)}}},
        {"roster", roster_json(s.roster, currency)},
        {"budget", money_json(s.budget, currency)},
        {"assumptions", assumptions_json(s.assumptions)},
        {"actuals", actuals},
        {"tracking", json{{"counted", counted_json(s.tracking.counted)},
                          {"averaging", enum_name(averaging_names, s.tracking.averaging)},
                          {"adopt_min_posts", s.tracking.adopt_min_posts}}},
        {"optimizer", optimizer_json(s.optimizer)},
    };
}

const std::vector<MigrationStep>& state_migrations() {
    // Version 1 is the first format. When version 2 arrives, add
    // {1, upgrade_1_to_2} here and a test that imports a hand-written version 1
    // document; never edit a step once released.
    static const std::vector<MigrationStep> steps;
    return steps;
}

std::optional<Error> migrate_state_document(json& document, int target,
                                            const std::vector<MigrationStep>& steps) {
    const json* version_value = member(document, "version");
    if (version_value == nullptr || !version_value->is_number_integer()) {
        return file_error(ErrorCode::malformed,
                          "the document has no version number; it is not a Microreach file.");
    }
    const auto version = version_value->get<std::int64_t>();
    if (version > target) {
        return file_error(ErrorCode::unsupported,
                          "the file is from a newer version of Microreach (format " +
                              std::to_string(version) + "; this one reads up to " +
                              std::to_string(target) + "); open it in the newer version.");
    }
    for (auto current = static_cast<int>(version); current < target; ++current) {
        const auto step = std::find_if(steps.begin(), steps.end(),
                                       [&](const MigrationStep& s) { return s.from == current; });
        if (step == steps.end() || step->upgrade == nullptr) {
            return file_error(ErrorCode::malformed,
                              "format " + std::to_string(current) +
                                  " is not a format Microreach ever wrote; the file is damaged.");
        }
        const std::string problem = step->upgrade(document);
        if (!problem.empty()) {
            return file_error(ErrorCode::malformed,
                              problem + "; the file is damaged or was edited by hand.");
        }
        document["version"] = current + 1;
    }
    return std::nullopt;
}

Result<json> parse_state_text(std::string_view text) {
    if (text.size() > max_state_json_bytes) {
        return file_error(ErrorCode::too_large,
                          "the file is larger than 32 MB; it is not a scenario this app wrote.");
    }
    if (!nesting_within(text, max_state_json_depth)) {
        return file_error(ErrorCode::malformed,
                          "the file nests deeper than any scenario; it is damaged.");
    }
    json document = json::parse(text.begin(), text.end(), nullptr, false);
    if (document.is_discarded()) {
        return file_error(ErrorCode::malformed,
                          "the file is not valid JSON; it may be cut short or damaged.");
    }
    return document;
}

Result<Scenario> scenario_from_json(const json& input) {
    if (!input.is_object()) {
        return file_error(ErrorCode::malformed, "the file is not a Microreach scenario.");
    }
    const json* format = member(input, "format");
    if (format == nullptr || !format->is_string() ||
        format->get_ref<const std::string&>() != "microreach") {
        return file_error(ErrorCode::malformed, "the file is not a Microreach scenario.");
    }
    const json* version = member(input, "version");
    if (version != nullptr && version->is_number_integer() &&
        version->get<std::int64_t>() == state_format_version) {
        return read_scenario(input); // current: no copy needed
    }
    json document = input;
    if (auto error = migrate_state_document(document, state_format_version, state_migrations())) {
        return *error;
    }
    return read_scenario(document);
}

} // namespace detail

std::string_view screen_id(Screen screen) {
    for (const auto& entry : detail::screen_names) {
        if (entry.value == screen) {
            return entry.name;
        }
    }
    return detail::screen_names[0].name;
}

std::optional<Screen> screen_from_id(std::string_view id) {
    for (const auto& entry : detail::screen_names) {
        if (entry.name == id) {
            return entry.value;
        }
    }
    return std::nullopt;
}

const std::vector<std::string_view>& screen_ids() {
    static const std::vector<std::string_view> ids = [] {
        std::vector<std::string_view> out;
        for (const auto& entry : detail::screen_names) {
            out.push_back(entry.name);
        }
        return out;
    }();
    return ids;
}

std::string export_scenario_json(const Scenario& scenario, bool pretty) {
    // Invalid UTF-8 in a string would make nlohmann throw (abort without exceptions);
    // replacing it keeps the export total.
    return detail::scenario_to_json(scenario).dump(pretty ? 2 : -1, ' ', false,
                                                   json::error_handler_t::replace);
}

Result<Scenario> import_scenario_json(std::string_view text) {
    auto document = detail::parse_state_text(text);
    if (!document.ok()) {
        return document.error();
    }
    return detail::scenario_from_json(document.value());
}

} // namespace core
