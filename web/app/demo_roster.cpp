#include "web/app/demo_roster.hpp"

#include "core/pricing.hpp"

#include <algorithm>
#include <cstdint>
#include <string>

namespace web {

void fill_demo_roster(core::Scenario& scenario, std::size_t rows) {
    static constexpr const char* regions[] = {"New England", "Florida",     "Midwest",
                                              "Texas",       "California",  "Pacific Northwest",
                                              "Mountain",    "Mid-Atlantic"};
    static constexpr const char* niches[] = {"Parenting", "Education", "Books", "Family travel",
                                             "Crafts"};
    static constexpr const char* platforms[] = {"Instagram", "Blog", "TikTok", "YouTube"};
    rows = std::min(rows, max_demo_rows);
    const core::BenchmarkSet& set = core::active_benchmark_set(scenario);
    std::vector<core::Influencer> roster;
    roster.reserve(rows);
    std::uint64_t state = 0x9E3779B97F4A7C15ULL; // fixed seed: the same roster every time
    for (std::size_t i = 0; i < rows; ++i) {
        state = state * 6364136223846793005ULL + 1442695040888963407ULL;
        // Follower counts spread over four decades: 300 .. about 3,000,000.
        const int decade = static_cast<int>((state >> 33) % 4);
        const std::int64_t base = decade == 0   ? 300
                                  : decade == 1 ? 1'000
                                  : decade == 2 ? 10'000
                                                : 100'000;
        const std::int64_t followers = base + static_cast<std::int64_t>((state >> 13) % (base * 9));
        const auto id = static_cast<std::uint32_t>(i + 1);
        const double rate = core::expected_engagement_rate(set, followers);
        const auto price =
            core::price_per_post(scenario.assumptions.pricing, followers, rate, std::nullopt);
        core::Influencer row = core::benchmark_influencer(
            set, id, "Demo influencer " + std::to_string(id), followers,
            price.ok() ? price.value().price : core::Money::zero(scenario.assumptions.currency),
            regions[(state >> 40) % 8]);
        row.niche = niches[(state >> 45) % 5];
        row.platform = platforms[(state >> 50) % 4];
        row.notes.clear();
        roster.push_back(std::move(row));
    }
    scenario.roster = std::move(roster);
}

} // namespace web
