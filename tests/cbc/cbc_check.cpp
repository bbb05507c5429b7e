// Cross-check of the optimizer against CBC (a general MIP solver) on seeded instances
// of 1,000 candidates: every family, with and without coverage, some with pins,
// exclusions and a minimum number of hires. Both must reach the same optimal
// objective (relative tolerance 1e-9). Exit code 0 when all agree; ctest runs it.
#include "../bench/instances.hpp"
#include "cbc_runner.hpp"
#include "core/optimizer.hpp"

#include <cmath>
#include <cstdio>
#include <string>

namespace {

bool same_objective(double a, double b) {
    return std::fabs(a - b) <= 1e-9 * std::max({1.0, std::fabs(a), std::fabs(b)});
}

} // namespace

int main() {
    int failures = 0;
    int case_number = 0;
    for (const auto family : bench::all_families) {
        for (const bool coverage : {false, true}) {
            for (int index = 0; index < 2; ++index) {
                ++case_number;
                bench::InstanceSpec spec{family, coverage, 1000, index + 7};
                core::OptimizerProblem problem = bench::make_instance(spec);
                if (coverage && index == 1) {
                    // Pins, exclusions and a minimum head count on top of coverage.
                    problem.must_include = {problem.candidates[3].id, problem.candidates[400].id};
                    problem.must_exclude = {problem.candidates[10].id, problem.candidates[11].id,
                                            problem.candidates[12].id};
                    problem.min_hires = 40;
                }
                const std::string name =
                    std::string(bench::family_name(family)) + (coverage ? ", coverage" : "") +
                    ", budget share " +
                    std::to_string(bench::budget_shares[static_cast<std::size_t>(spec.index) %
                                                        bench::budget_shares.size()]);
                const auto ours = core::solve(problem);
                const auto theirs =
                    cbc::solve_with_cbc(problem, "check-" + std::to_string(case_number));
                if (!theirs.ran) {
                    std::printf("FAIL %s: cbc did not run (is coinor-cbc installed?)\n",
                                name.c_str());
                    ++failures;
                    continue;
                }
                if (!ours.ok()) {
                    const bool agree = theirs.infeasible;
                    std::printf("%s %s: Microreach says infeasible (%s); CBC: %s\n",
                                agree ? "ok  " : "FAIL", name.c_str(), ours.error().message.c_str(),
                                theirs.status.c_str());
                    failures += agree ? 0 : 1;
                    continue;
                }
                const auto& s = ours.value();
                const double mine = cbc::objective_in_candidate_order(problem, s.chosen_ids);
                const bool agree = s.status == core::SolveStatus::optimal && theirs.optimal &&
                                   theirs.cost_cents <= problem.budget.cents &&
                                   same_objective(mine, theirs.objective);
                std::printf(
                    "%s %s: Microreach %.6f (%zu hires, %lld nodes), CBC %.6f (%s, %.2f s)\n",
                    agree ? "ok  " : "FAIL", name.c_str(), mine, s.chosen_ids.size(),
                    static_cast<long long>(s.nodes), theirs.objective, theirs.status.c_str(),
                    theirs.wall_seconds);
                failures += agree ? 0 : 1;
            }
        }
    }
    std::printf("%d of %d instances disagree\n", failures, case_number);
    return failures == 0 ? 0 : 1;
}
