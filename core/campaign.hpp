// Campaign roster: a list of influencers, each with followers, an engagement
// expectation, a price per post and a number of posts, evaluated per row and in total.
//
// Per row (formula ids from core/formulas.hpp in brackets):
//   engagements per post  = followers x engagement rate, or the average interactions
//                           typed for the row                    [expected_interactions]
//   expected engagements  = engagements per post x posts         [expected_engagements]
//   audience quality      = authenticity x audience fit: the share of the audience that is
//                           real and in the target
//   targeted engagements  = expected engagements x audience quality [targeted_engagements]
//   reach rate            = the flat reach rate, or reach_rate_by_size(reach table,
//                           followers) (core/reach.hpp)
//   reached per post      = max(followers x reach rate, engagements per post): a like
//                           needs a view, so a post reaches at least the people who
//                           engage with it
//   impressions           = reached per post x posts             [impressions]
//   estimated reach       = followers x (1 - (1 - share)^posts), share = reached per post /
//                           followers (at most 1), and never below reached per post
//                           [estimated_reach]: people who see at least one post; each post
//                           reaches its share of the followers, independently of the other
//                           posts (one post: reached per post). So impressions >= reach >=
//                           engagements per post.
//   fees                  = price per post x posts, exact cents
//   all-in cost           = fees + usage rights + overhead + agency fee [campaign_cost]:
//                           usage rights = fees x usage share; overhead (booked rows only)
//                           = the row's own amount, or hours x hourly rate + overhead amount
//                           + product and shipping; agency fee = agency share x (fees +
//                           usage rights + overhead); each part rounded once to cents.
//                           With every cost assumption at zero the cost is the fees.
//   CPE                   = all-in cost / expected engagements   [cpe]
//   CPM                   = all-in cost / impressions x 1,000    [cpm]
//   clicks, conversions   = the funnel (core/funnel.hpp) applied to the row; conversions
//                           = clicks x min(1, conversion rate x the row's conversion
//                           multiplier): how much more (or less) its audience buys
//   share of budget       = cost / budget                         [share_of_budget]
//   budget left / overrun = budget - running total cost up to and including this row,
//                           split into two non-negative amounts   [budget_left]
// Totals are the sums of the valid rows, but for reach: people reached by the plan count
// the audience overlap (unique_reach); ratios in the totals are total over total.
// The funnel's engagements are the targeted engagements when funnel_from_targeted is on
// (only the target segment buys; impressions are scaled by audience quality too), the
// real ones (engagements x authenticity) when it is off: fake accounts never buy. The
// same rule applies to every row: nothing favours big or small influencers.
//
// Bad rows: each row is checked on its own; a bad field gives an Error whose field is
// "Row 3, Followers", the row is marked invalid (zero in the totals) and every other row
// still computes. Plan-wide inputs (budget, reach rate or reach table, funnel) give one Error.
//
// Example: 1,000 followers at 7.4%, $100 a post, 1 post, audience fit 1, reach rate 10%:
//   74 engagements, reach 100, CPE $100 / 74 = $1.35, CPM $100 / 100 x 1,000 = $1,000.
#pragma once

#include "core/error.hpp"
#include "core/funnel.hpp"
#include "core/money.hpp"
#include "core/reach.hpp"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace core {

// How a row's engagement is given: as a rate by followers (a fraction) or as the
// average number of interactions per post.
enum class EngagementInputKind : std::uint8_t { rate, average_interactions };

// What two plans are compared on, and how.
enum class PlanMetric : std::uint8_t {
    engagements,
    targeted_engagements,
    estimated_reach,
    conversions,
};
enum class Judgement : std::uint8_t {
    cost_per_result, // lower cost per unit of the metric wins
    total_result,    // more of the metric wins, whatever it costs
};

[[nodiscard]] std::string_view metric_name(PlanMetric metric); // "engagements"

// Limits of one row (beyond them the row gets an out_of_range error).
inline constexpr std::int64_t max_followers = 10'000'000'000; // 10 billion
inline constexpr double max_average_interactions = 1e12;      // per post
inline constexpr int max_posts_per_influencer = 1000;
inline constexpr std::int64_t max_price_per_post_cents = 1'000'000'000'000; // 10 billion units
inline constexpr std::size_t max_roster_rows = 100'000;

struct Influencer {
    std::uint32_t id = 0; // stable and unique in a roster (tracking and the optimizer use it)
    std::string name, platform;
    std::int64_t followers = 0; // 1 .. 10 billion
    EngagementInputKind engagement_kind = EngagementInputKind::rate;
    double engagement_value = 0.0; // a fraction 0..1 (rate) or interactions per post
    Money price_per_post;          // the influencer's quote, >= 0, in the budget's currency
    int posts = 1;                 // 0 .. 1000; 0 keeps the row in the roster unbooked
    std::string region, niche;
    double audience_fit = 1.0; // share of the audience in the target segment, 0..1
    std::string notes;
    std::string contact;       // how to reach them: an email, a handle or a phone number
    std::string discount_code; // their own shop code (core/tracking_links.hpp), or empty
    // Share of the audience that is real people, 0..1 (audit tools measure it differently;
    // 1 until estimated).
    double authenticity = 1.0;
    // This row's buyers convert this many times the plan's conversion rate, 0..100
    // (trust: 1, the same for everyone, until the user says otherwise).
    double conversion_multiplier = 1.0;
    // This row's fixed cost beyond the fee, replacing the plan's overhead, product and
    // hours (CostAssumptions); nullopt: the plan's.
    std::optional<Money> overhead;
};

// Audience quality: the share of the audience that is real and in the target.
[[nodiscard]] inline double audience_quality(const Influencer& influencer) {
    return influencer.authenticity * influencer.audience_fit;
}

// What a booked influencer costs beyond the fee, the same for every row of both plans
// (a row may override the fixed part). Every figure is an assumption the user types;
// all zero (the default, and files from before these fields): the cost is the fee.
struct CostAssumptions {
    double overhead_hours = 0.0;    // sourcing, negotiation, contract, briefing, review, payment
    Money hourly_rate;              // what an hour of that work costs
    Money overhead_amount;          // other fixed costs per booked influencer
    Money product_and_shipping;     // a product sample and its shipping, per booked influencer
    double usage_rights_rate = 0.0; // usage rights and exclusivity, a share of the fee, 0..10
    double agency_fee_rate = 0.0;   // an agency's fee, a share of everything else, 0..1
    friend bool operator==(const CostAssumptions&, const CostAssumptions&) = default;
};
inline constexpr double max_overhead_hours = 10'000.0;
inline constexpr double max_usage_rights_rate = 10.0;
inline constexpr double max_conversion_multiplier = 100.0;

// The fixed overhead of one booked influencer without an override: hours x rate +
// amount + product (rounded once to cents).
[[nodiscard]] std::int64_t default_overhead_cents(const CostAssumptions& costs);

// An all-in cost in its parts (each >= 0, exact cents); total() is the cost.
struct CostSplit {
    Money fees;         // price per post x posts
    Money usage_rights; // fees x usage rights share
    Money overhead;     // the fixed cost per booked influencer (hours, product, other)
    Money agency_fee;   // agency share x everything above
    [[nodiscard]] Money total() const {
        return Money{fees.cents + usage_rights.cents + overhead.cents + agency_fee.cents,
                     fees.currency};
    }
    // Everything beyond the fees.
    [[nodiscard]] Money beyond_fees() const {
        return Money{usage_rights.cents + overhead.cents + agency_fee.cents, fees.currency};
    }
};

struct CampaignInputs {
    std::vector<Influencer> roster;
    Money budget;            // >= 0; its currency is the plan's currency
    double reach_rate = 0.1; // share of followers who see a post, 0..1 (an assumption)
    // On: the reach rate falls with audience size (reach_rate_by_size on reach_table) and
    // reach_rate is not used. Off (and in files from before this field): the flat reach_rate.
    bool reach_by_size = false;
    ReachTable reach_table; // the published figures until edited (core/reach.hpp)
    // Share of each audience, beyond the largest, that the plan's other influencers also
    // reach (0..1, an assumption): people reached by the plan = sum of the rows' reach -
    // overlap x (that sum - the largest row's reach). 0: no one is reached twice.
    double audience_overlap = 0.0;
    FunnelAssumptions funnel;
    bool funnel_from_targeted = true; // the funnel starts from targeted engagements
    CostAssumptions costs;            // beyond the fee, alike for every row
};

// People reached by a plan from its rows' reach (see audience_overlap).
[[nodiscard]] double unique_reach(double sum_of_rows, double largest_row, double overlap);

struct RowMetrics {
    std::uint32_t id = 0;
    bool valid = false;           // false: the row has errors and counts as zero
    double engagement_rate = 0.0; // per post by followers (implied for interactions)
    double engagements_per_post = 0.0;
    double expected_engagements = 0.0;
    double targeted_engagements = 0.0;
    double impressions = 0.0;
    double estimated_reach = 0.0; // people reached at least once
    double clicks = 0.0;
    double conversions = 0.0;
    Money cost;                               // all-in: cost_split.total()
    CostSplit cost_split;                     // fees and what comes on top
    std::optional<Money> cost_per_engagement; // nullopt: no engagements expected
    std::optional<Money> cost_per_targeted_engagement;
    std::optional<Money> cpm; // nullopt: no impressions
    std::optional<Money> cost_per_conversion;
    std::optional<double> share_of_budget; // nullopt when the budget is zero
    Money budget_left_after;               // budget - running cost, when >= 0
    Money overrun_after;                   // running cost - budget, when >= 0
};

struct CampaignTotals {
    std::int64_t influencers = 0; // valid rows
    std::int64_t booked = 0;      // valid rows with at least one post
    std::int64_t invalid_rows = 0;
    std::int64_t followers = 0; // sum over valid rows
    std::int64_t posts = 0;
    double engagement_rate = 0.0; // expected engagements / (followers x posts), weighted
    double expected_engagements = 0.0;
    double targeted_engagements = 0.0;
    double impressions = 0.0;
    double estimated_reach = 0.0; // people reached by the plan (after audience overlap)
    double sum_of_rows_reach = 0.0;
    double clicks = 0.0;
    double conversions = 0.0;
    Money cost;           // all-in
    CostSplit cost_split; // sums of the rows' parts
    std::optional<Money> cost_per_engagement;
    std::optional<Money> cost_per_targeted_engagement;
    std::optional<Money> cpm;                       // per 1,000 impressions
    std::optional<Money> cost_per_thousand_reached; // per 1,000 people reached
    std::optional<Money> cost_per_conversion;
    std::optional<double> share_of_budget;
    Money budget_left;   // budget - cost when >= 0, else zero
    Money overrun;       // cost - budget when >= 0, else zero
    FunnelResult funnel; // revenue, ROI, ROAS, EMV of the whole plan
};

struct RowError {
    std::size_t row = 0; // 0-based index into the roster ("Row 1" is index 0)
    std::uint32_t id = 0;
    Error error; // field "Row 3, Followers"
};

struct CampaignResult {
    std::vector<RowMetrics> rows; // one per roster row, in roster order
    CampaignTotals totals;
    std::vector<RowError> errors; // every bad field, in row order
    Money budget;
};

// Evaluates every row and the totals. Errors (the whole plan): budget negative or above
// the money limit, reach rate outside 0..1, an invalid reach table (when reach falls with
// size), invalid funnel assumptions, a roster above
// max_roster_rows, a total cost above the money limit. Row problems are in .errors.
[[nodiscard]] Result<CampaignResult> evaluate_campaign(const CampaignInputs& inputs);

// Checks one row as evaluate_campaign does; `row` (0-based) names it in the field.
// Returns every bad field (empty when the row is valid).
[[nodiscard]] std::vector<Error> validate_influencer(const Influencer& influencer, std::size_t row,
                                                     Currency currency);

// Engagements per post of a row: followers x rate, or the typed average interactions.
[[nodiscard]] double engagements_per_post(const Influencer& influencer);

// The metric's expected value in totals (reach, conversions ...).
[[nodiscard]] double metric_value(const CampaignTotals& totals, PlanMetric metric);

// cost / quantity rounded once to cents; nullopt when the quantity is (nearly) zero or the
// result is beyond the money limit.
[[nodiscard]] std::optional<Money> cost_per_unit(Money cost, double quantity);

// The next free id (one more than the largest in the roster, 1 for an empty roster).
[[nodiscard]] std::uint32_t next_influencer_id(const std::vector<Influencer>& roster);

} // namespace core
