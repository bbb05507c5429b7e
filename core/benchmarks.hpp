// Benchmark sets: follower-count tiers with a typical engagement rate for each, from a
// named, dated source. The thresholds belong to the set (sources disagree on where
// "micro" starts). Figures a source does not give are derived, marked derived = true,
// and the tier's note says how.
//
// Expected rate (engagement_curve): a continuous curve through the tiers, so that no rate
// jumps at a tier edge and expected engagements per post (followers x rate) never fall as
// followers grow. Each tier's rate sits at the tier's geometric middle (a tier from a to
// b sits at sqrt(a x (b + 1)); a tier from 0 at a tenth of its end; an open top tier half
// a decade above its start); between two points the rate is a straight line in log-log;
// before the first and after the last it stays flat. A line may fall at most as fast as
// 1 / followers: where two tiers fall faster, the later point is raised just enough.
// Example (article set): 2,000 followers -> 7.4% x (2,000 / 3,162)^-0.307 = 8.5%;
//          1,000 followers -> sqrt(15% x 7.4%) = 10.5%.
//
// Grade: ratio = the influencer's rate / the expected rate at their followers, and a band:
//   ratio < 0.5 "well below", < 0.8 "below", <= 1.25 "about typical",
//   <= 2 "above", > 2 "well above"   (symmetric on a log scale: 0.5 <-> 2, 0.8 <-> 1.25).
// Example: 1,000 followers at 15% (the article's 150 likes) in the article set -> tier
//          "1,000 to 9,999", expected 10.5%, ratio 1.43, "above".
//
// Built-in sets (builtin_benchmark_sets(), [0] is the default):
//   "article"          the article's figures, cited to AdWeek: under 1,000 15%,
//                      1,000-9,999 7.4%, 10,000-99,999 4.2% (derived: the geometric mean
//                      of its neighbours 7.4% and 2.4%), 100,000 and more 2.4%.
//   "markerly-2016"    Markerly's Instagram like rates (Digiday, 2016): 8%, 4%, 2.4%,
//                      2.0% (100K-1M, derived), 1.7% (1M-10M), 1.7% (10M+, carried over).
//   "hypeauditor-2023" HypeAuditor State of Influencer Marketing 2023, Instagram: nano
//                      (1K-10K) 2.78% as published; other tiers derived by scaling the
//                      Markerly 2016 curve to that figure.
#pragma once

#include "core/engagement.hpp"
#include "core/error.hpp"

#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace core {

// max_followers of an open-ended top tier ("100,000 and more").
inline constexpr std::int64_t no_follower_limit = std::numeric_limits<std::int64_t>::max();
inline constexpr std::size_t max_benchmark_tiers = 20;

struct Tier {
    std::string name;               // "1,000 to 9,999" or "nano"
    std::int64_t min_followers = 0; // inclusive
    std::int64_t max_followers = 0; // inclusive; no_follower_limit for "and more"
    double engagement_rate = 0.0;   // fraction, > 0 and <= 1
    bool derived = false;           // not published by the source: computed by us
    std::string note;               // how a derived figure was computed, caveats
};

struct BenchmarkSet {
    std::string id;       // stable key stored in scenarios: "article"
    std::string name;     // shown in the picker
    std::string source;   // who published the figures
    int year = 0;         // year of the figures (or of the publication citing them)
    std::string platform; // "Instagram", "all"
    std::string metric;   // what the rate measures: "like rate by followers" ...
    // Which interactions the rate counts, so that tracking compares like with like (a
    // likes-only benchmark against likes only). nullopt (sets saved before this field):
    // counts_of() answers.
    std::optional<CountedInteractions> counts;
    std::vector<Tier> tiers; // ascending, non-overlapping
    std::string note;        // caveats about the set as a whole
};

// The built-in sets; [0] is the article's set, the default.
[[nodiscard]] const std::vector<BenchmarkSet>& builtin_benchmark_sets();
// The set with this id in `sets`, or nullptr.
[[nodiscard]] const BenchmarkSet* find_benchmark_set(const std::vector<BenchmarkSet>& sets,
                                                     std::string_view id);

// Checks a (possibly user-edited) set: an id and a name, a year from 1990 to 2100,
// 1 to 20 tiers, each with a name, 0 <= min <= max, a rate above 0% and at most 100%,
// tiers in ascending order without overlap (gaps are allowed: no grade there).
// Returns the set unchanged when it is valid; the error names the tier and field.
[[nodiscard]] Result<BenchmarkSet> validate_benchmark_set(const BenchmarkSet& set);

// What the set's rate counts: its own `counts`, else (a set saved before the field) the
// built-in set with its id, else likes and comments (the most common definition).
[[nodiscard]] CountedInteractions counts_of(const BenchmarkSet& set);

// The tier containing `followers`, or nullptr (a gap, or below the first tier).
[[nodiscard]] const Tier* tier_for(const BenchmarkSet& set, std::int64_t followers);

struct CurvePoint {
    double followers = 0.0; // where the tier's rate sits (its geometric middle)
    double rate = 0.0;      // after the "never falls faster than 1 / followers" raise
};

// The curve's points, one per tier, in ascending order (the set must be valid).
[[nodiscard]] std::vector<CurvePoint> engagement_curve(const BenchmarkSet& set);
// The expected rate at `followers` on the curve (the set must be valid; followers >= 0).
[[nodiscard]] double expected_engagement_rate(const BenchmarkSet& set, std::int64_t followers);
[[nodiscard]] double expected_engagement_rate(const std::vector<CurvePoint>& curve,
                                              std::int64_t followers);

enum class GradeBand : std::uint8_t { well_below, below, typical, above, well_above };

struct Grade {
    double ratio = 0.0; // rate / benchmark rate
    GradeBand band_kind = GradeBand::typical;
    std::string band; // "well below", "below", "about typical", "above", "well above"
    std::string tier_name;
    double benchmark_rate = 0.0;    // the expected rate on the curve at these followers
    double tier_rate = 0.0;         // the tier's own figure (fraction)
    bool benchmark_derived = false; // the tier's figure was derived, not published
    std::string set_name;
    std::string_view formula_id; // formula_ids::benchmark_ratio
    std::string summary;         // one sentence for the UI and the report
};

[[nodiscard]] GradeBand band_for_ratio(double ratio);
[[nodiscard]] std::string_view band_text(GradeBand band);

// Errors: followers negative, rate negative/not finite/above 10,000%, an invalid set,
// or no tier for this follower count (a gap between tiers is not graded).
[[nodiscard]] Result<Grade> grade(const BenchmarkSet& set, std::int64_t followers,
                                  double engagement_rate);

} // namespace core
