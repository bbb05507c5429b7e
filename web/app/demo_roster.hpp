// A made-up roster of any size for demos and for the performance benchmark
// (`?demoRows=1000`): names "Demo influencer 17", follower counts spread from a few
// hundred to a few million by a fixed pseudo-random sequence, each engagement rate the
// benchmark rate of its tier and each price the pricing model's suggestion (the core
// computes both). Same count, same roster, every time.
#pragma once

#include "core/scenario.hpp"

#include <cstddef>

namespace web {

inline constexpr std::size_t max_demo_rows = 100'000;

// Replaces the scenario's roster with `rows` demo influencers (at most max_demo_rows).
void fill_demo_roster(core::Scenario& scenario, std::size_t rows);

} // namespace web
