// A seeded, realistic-looking roster of any size, for stress tests, the benchmark
// (1,000 and 10,000 rows) and the "try it with a big list" demo. Deterministic:
// the same count and seed always give the same roster in one build (follower counts
// go through std::exp, whose last bit may differ between native and wasm builds).
//
// Followers are spread log-uniformly from 300 to 2,000,000; each influencer's rate
// is the active benchmark's rate for their tier times a factor in 0.5..1.5; prices
// follow about $10 per 1,000 followers (InfluencerDB rule of thumb, ~2018) times a
// factor in 0.6..1.6, at least $20, in whole dollars; regions and niches cycle
// through a fixed list; audience fit is 0.3..1.0.
// Example: sample_roster(set, 1000, 7) has 1,000 rows with ids 1..1000.
#pragma once

#include "core/benchmarks.hpp"
#include "core/campaign.hpp"

#include <cstdint>
#include <vector>

namespace core {

inline constexpr std::size_t max_sample_roster_rows = 100'000;

// `count` is clamped to max_sample_roster_rows; prices are in `currency`.
[[nodiscard]] std::vector<Influencer> sample_roster(const BenchmarkSet& set, std::size_t count,
                                                    std::uint64_t seed,
                                                    Currency currency = Currency::usd);

} // namespace core
