// A suggested price per post when the influencer has not quoted one. Three models,
// picked by the user; the influencer's own quote always wins over any of them.
//   tier_table:             the price of the tier containing the follower count
//   per_thousand_followers: followers / 1,000 x price per 1,000 (rounded once to cents,
//                           half away from zero)
//   cost_per_engagement:    followers x engagement rate x target CPE (rounded once)
// Every suggestion names its formula and states the arithmetic in words.
// Defaults (default_pricing_model): the article's examples as a tier table, each figure
// only where the article gave it ($100 a post for a few hundred to 2,000 followers, $5,000
// for an audience in the millions), IZEA's 2022 all-platform averages on IZEA's own tiers
// in between; $10 per 1,000 followers (InfluencerDB, about 2018); a $0.20 CPE target (a
// placeholder with no source).
// Example: 12,500 followers at $10 per 1,000 -> 12,500 / 1,000 x $10 = $125.
#pragma once

#include "core/error.hpp"
#include "core/money.hpp"

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace core {

enum class PricingModelKind : std::uint8_t {
    tier_table,
    per_thousand_followers,
    cost_per_engagement
};

inline constexpr std::size_t max_price_tiers = 20;

struct TierPrice {
    std::string name;
    std::int64_t min_followers = 0; // inclusive
    std::int64_t max_followers = 0; // inclusive; no_follower_limit (benchmarks.hpp) = open
    Money price;                    // per post
    std::string note;               // where the figure comes from
};

struct PricingModel {
    PricingModelKind kind = PricingModelKind::tier_table;
    Currency currency = Currency::usd;  // every amount below must use it
    std::string table_name;             // "The article's examples"
    std::vector<TierPrice> tier_prices; // ascending, non-overlapping
    Money per_thousand;                 // price per 1,000 followers per post
    Money target_cpe;                   // target cost per engagement
};

struct PriceSuggestion {
    Money price;
    std::string_view formula_id; // formula_ids::price_* (price_quote for a quote)
    std::string basis;           // the arithmetic in words, with the figure's source
    bool from_quote = false;
};

// A published price figure shown next to the models for orientation (US dollars), with
// the source's own scope: what was measured, on which platform, in which year.
struct PriceReference {
    std::string_view id; // stable key: the built-in tier tables take their prices from here
    std::string_view label;
    std::int64_t usd_cents;
    std::string_view source;
    int year;                  // year of the data (or when first seen, for undated pages)
    std::string_view platform; // "Instagram", "all platforms"
    std::string_view scope;    // the source's own scope and caveats, in a sentence
};

inline constexpr std::array<PriceReference, 13> price_references{{
    {"article-micro", "Micro blogger, one Instagram photo (the article's example)", 10'000,
     "The article on micro-influencer marketing", 2017, "Instagram",
     "A negotiated price for one photo by a micro blogger with a few hundred to about 2,000 "
     "followers; one example, not an average."},
    {"article-macro", "National blogger, one post (the article's example)", 500'000,
     "The article on micro-influencer marketing", 2017, "blog and social",
     "One post by a national blogger with an audience in the millions; one example, not an "
     "average."},
    {"article-62", "Average micro-influencer price per post (as cited by the article)", 6'200,
     "IZEA, 2017 State of the Creator Economy, as cited by the article", 2017, "all platforms",
     "The article's citation; the figure was not found in the 2017 deck itself (fielded "
     "August to September 2016)."},
    {"izea-2022-nano", "Nano influencer, average per post", 110'500,
     "IZEA, State of Influencer Earnings", 2022, "all platforms",
     "Average sponsored post, creators under 10,000 followers, 2022 data."},
    {"izea-2022-micro", "Micro influencer, average per post", 167'400,
     "IZEA, State of Influencer Earnings", 2022, "all platforms",
     "Average sponsored post, 10,000 to 49,999 followers, 2022 data."},
    {"izea-2022-mid", "Mid-tier influencer, average per post", 339'600,
     "IZEA, State of Influencer Earnings", 2022, "all platforms",
     "Average sponsored post, 50,000 to 199,999 followers, 2022 data."},
    {"izea-2022-macro", "Macro influencer, average per post", 499'200,
     "IZEA, State of Influencer Earnings", 2022, "all platforms",
     "Average sponsored post, 200,000 to 499,999 followers, 2022 data."},
    {"izea-2022-mega", "Mega influencer, average per post", 549'700,
     "IZEA, State of Influencer Earnings", 2022, "all platforms",
     "Average sponsored post, 500,000 to 999,999 followers, 2022 data; no 1,000,000+ tier is "
     "reported."},
    {"klear-2019-small", "Instagram post, 500 to 5,000 followers", 4'100, "Klear, influencer rates",
     2019, "Instagram", "Average price of one Instagram post, accounts of 500 to 5,000 followers."},
    {"klear-2019-large", "Instagram post, over 500,000 followers", 313'800,
     "Klear, influencer rates", 2019, "Instagram",
     "Average price of one Instagram post, accounts over 500,000 followers."},
    {"influencerdb-per-thousand", "Rule of thumb per 1,000 followers per post", 1'000,
     "InfluencerDB", 2018, "Instagram",
     "A rule of thumb from an undated help page (seen about 2018), not a measured average."},
    {"cpm-low", "CPM, low end of common defaults", 500,
     "InfluencerDB, Traackr and Upfluence help pages", 2018, "all platforms",
     "Default CPM values in undated help pages of these tools (seen about 2018): tool "
     "defaults, not measured market prices."},
    {"cpm-high", "CPM, high end of common defaults", 650,
     "InfluencerDB, Traackr and Upfluence help pages", 2018, "all platforms",
     "Default CPM values in undated help pages of these tools (seen about 2018): tool "
     "defaults, not measured market prices."},
}};

// The article's tier table, $10 per 1,000, $0.20 CPE target. The figures are US
// dollars; for another currency the same numbers are used unconverted (the notes say so).
[[nodiscard]] PricingModel default_pricing_model(Currency currency);
// Built-in tier tables: [0] the article's examples, [1] IZEA 2022 averages.
[[nodiscard]] std::vector<PricingModel> builtin_price_tables(Currency currency);

// Checks every part of the model (tiers ordered and non-overlapping, prices >= 0 and in
// the model's currency). Returns the model unchanged when valid.
[[nodiscard]] Result<PricingModel> validate_pricing_model(const PricingModel& model);

// The model's price for one post. Checks only the parts of the model the chosen kind
// uses. Errors: followers < 0, rate not in 0..1 (for the CPE model), no tier covering
// the follower count, an invalid model, a result above the money limit.
[[nodiscard]] Result<PriceSuggestion> suggest_price(const PricingModel& model,
                                                    std::int64_t followers, double engagement_rate);

// The quote when there is one (it must be >= 0), otherwise suggest_price.
[[nodiscard]] Result<PriceSuggestion> price_per_post(const PricingModel& model,
                                                     std::int64_t followers, double engagement_rate,
                                                     std::optional<Money> quote);

} // namespace core
