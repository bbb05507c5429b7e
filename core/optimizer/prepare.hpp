// The optimizer's input checks, pins, share cap and feasibility (core/optimizer/
// solver_state.hpp describes the parts).
#pragma once

#include "core/optimizer/solver_state.hpp"

#include <memory>
#include <string>
#include <vector>

namespace core::detail {

// "Ana Ruiz", or "influencer #12" when the name is empty.
std::string who(const OptimizerCandidate& candidate);
// "1 hire", "3 hires".
std::string plural(int count, const char* one, const char* many);
Error infeasible(std::string field, std::string message);
std::string region_label(const std::vector<std::string>& names, int r);
// The candidate index of an id, or -1.
int index_of(const IdIndex& ids, std::uint32_t id);
// Input errors (invalid, out_of_range, too_large), else the ids sorted for lookups.
Result<IdIndex> validate(const OptimizerProblem& problem);
// The allowed candidates, cheapest first (ties by index).
std::vector<int> by_cost(const std::vector<Rules::Candidate>& candidates,
                         const std::vector<char>& allowed);
// Rules, pins and the share cap applied, rules proven feasible (else an infeasible
// error in marketer words), the cheapest plan as the first incumbent, every open
// candidate a free item.
Result<std::unique_ptr<SolverState>> prepare(const OptimizerProblem& problem, const IdIndex& ids);

} // namespace core::detail
