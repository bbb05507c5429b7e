#include "core/sample_roster.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <random>
#include <string>
#include <string_view>

namespace core {
namespace {

constexpr std::array<std::string_view, 8> regions = {
    "New England", "Florida",           "Midwest",      "Texas",
    "California",  "Pacific Northwest", "Mid-Atlantic", "Southeast"};
constexpr std::array<std::string_view, 6> niches = {"Parenting", "Education",     "Toys",
                                                    "Books",     "Family travel", "Crafts"};
constexpr std::array<std::string_view, 3> platforms = {"Instagram", "TikTok", "YouTube"};

// Uniform in [0, 1) from the engine's raw 64 bits (std distributions differ
// between libstdc++ and libc++; the engine does not).
double unit(std::mt19937_64& engine) {
    return static_cast<double>(engine() >> 11) * (1.0 / 9007199254740992.0);
}

} // namespace

std::vector<Influencer> sample_roster(const BenchmarkSet& set, std::size_t count,
                                      std::uint64_t seed, Currency currency) {
    count = std::min(count, max_sample_roster_rows);
    std::mt19937_64 engine(seed);
    std::vector<Influencer> roster;
    roster.reserve(count);
    // Log-uniform followers between 300 and 2,000,000: ln(300) .. ln(2e6).
    const double low = std::log(300.0);
    const double high = std::log(2'000'000.0);
    for (std::size_t i = 0; i < count; ++i) {
        Influencer influencer;
        influencer.id = static_cast<std::uint32_t>(i + 1);
        influencer.name = "Influencer " + std::to_string(i + 1);
        influencer.platform = std::string(platforms[i % platforms.size()]);
        influencer.followers =
            static_cast<std::int64_t>(std::llround(std::exp(low + (high - low) * unit(engine))));
        const Tier* tier = tier_for(set, influencer.followers);
        const double benchmark_rate = tier != nullptr ? tier->engagement_rate : 0.03;
        influencer.engagement_kind = EngagementInputKind::rate;
        influencer.engagement_value = std::min(1.0, benchmark_rate * (0.5 + unit(engine)));
        const double dollars = std::max(20.0, std::round(static_cast<double>(influencer.followers) /
                                                         1000.0 * 10.0 * (0.6 + unit(engine))));
        influencer.price_per_post = Money{static_cast<std::int64_t>(dollars) * 100, currency};
        influencer.posts = 1 + static_cast<int>(engine() % 3);
        influencer.region = std::string(regions[engine() % regions.size()]);
        influencer.niche = std::string(niches[engine() % niches.size()]);
        influencer.audience_fit = 0.3 + 0.7 * unit(engine);
        roster.push_back(std::move(influencer));
    }
    return roster;
}

} // namespace core
