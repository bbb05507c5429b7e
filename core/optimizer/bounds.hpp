// The optimizer's bound order, the Dantzig bound and reduced-cost fixing
// (core/optimizer/solver_state.hpp describes the parts).
#pragma once

#include "core/optimizer/solver_state.hpp"

#include <cstdint>
#include <optional>
#include <vector>

namespace core::detail {

// Sorts the free items into bound order (unless `sorted`) and rebuilds the prefix sums.
void arrange(Core& core, bool sorted = false);

// The regions a partial plan has filled to their maximum (`blocked` of them).
struct FullRegions {
    const std::vector<int>& count; // the plan's hires per region
    const std::vector<int>& max;   // each region's maximum
    int blocked = 0;
};

// Dantzig bound of the free items from `pos` with `residual` cents (adjusted values,
// the Lagrangian constant not included), skipping the items of full regions when
// `full` says some are; *end: items [pos, *end) were counted whole.
double dantzig(const Core& core, int pos, std::int64_t residual, int* end,
               const FullRegions* full = nullptr);
// Root bounds and reduced-cost fixing: items that no better plan can take (or leave)
// are fixed out (or in). False when the incumbent is proven optimal.
bool reduce(Core& core, Forced& forced, const Rules& rules, const Multipliers& duals,
            const HireCounts& counts, const Incumbent& best,
            std::optional<CountBound> count = std::nullopt);

} // namespace core::detail
