// Cross-check of the optimizer against CBC (a general MIP solver) on seeded instances
// of 1,000 candidates: every value family (fee plus CPE included), with and without
// region coverage, some with pins, exclusions and a minimum number of hires. Both must prove the
// same optimal objective (relative tolerance 1e-9). Exit code 0 when all agree; ctest runs it in
// the native-release build.
//
// The strongly correlated instances are ones both solvers prove quickly: that family
// also holds instances CBC does not prove within minutes (see docs/optimizer.md).
#include "../bench/instances.hpp"
#include "cbc_runner.hpp"
#include "core/optimizer.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>

namespace {

bool same_objective(double a, double b) {
    return std::fabs(a - b) <= 1e-9 * std::max({1.0, std::fabs(a), std::fabs(b)});
}

struct Case {
    bench::Family family;
    bool coverage;
    int index;
    bool extras; // pins, exclusions and a minimum head count on top
};

constexpr Case cases[] = {
    {bench::Family::uncorrelated, false, 7, false},
    {bench::Family::uncorrelated, true, 8, false},
    {bench::Family::uncorrelated, true, 9, true},
    {bench::Family::weakly_correlated, false, 7, false},
    {bench::Family::weakly_correlated, true, 8, false},
    {bench::Family::weakly_correlated, true, 10, true},
    {bench::Family::strongly_correlated, false, 8, false},
    {bench::Family::strongly_correlated, false, 13, false},
    {bench::Family::strongly_correlated, false, 8, true},
    {bench::Family::strongly_correlated, true, 0, false},
    // Priced as the product prices (fee plus CPE); coverage brings its own pins.
    {bench::Family::fee_plus_cpe, true, 2, false},
    {bench::Family::fee_plus_cpe, true, 6, false},
};

} // namespace

int main() {
    int failures = 0;
    int number = 0;
    for (const Case& c : cases) {
        ++number;
        const bench::InstanceSpec spec{c.family, c.coverage, 1000, c.index};
        core::OptimizerProblem problem = bench::make_instance(spec);
        if (c.extras) {
            problem.must_include = {problem.candidates[3].id, problem.candidates[400].id};
            problem.must_exclude = {problem.candidates[10].id, problem.candidates[11].id,
                                    problem.candidates[12].id};
            problem.min_hires = 40;
        }
        const std::string name =
            std::string(bench::family_name(c.family)) + (c.coverage ? ", coverage" : "") +
            (c.extras ? ", pins and 40 hires minimum" : "") + ", budget " +
            std::to_string(
                static_cast<int>(100 * bench::budget_shares[static_cast<std::size_t>(c.index) %
                                                            bench::budget_shares.size()])) +
            "% of the roster";
        // No time budget: the check must not depend on the machine's speed.
        const auto ours =
            core::solve(problem, core::SolveLimits{50'000'000, core::SearchMethod::automatic, 0.0});
        const auto theirs = cbc::solve_with_cbc(problem, "check-" + std::to_string(number), 50.0);
        if (!theirs.ran) {
            std::printf("FAIL %s: cbc did not run (is coinor-cbc installed?)\n", name.c_str());
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
        std::printf("%s %s: Microreach %.6f (%zu hires, %lld nodes), CBC %.6f (%s, %.2f s)\n",
                    agree ? "ok  " : "FAIL", name.c_str(), mine, s.chosen_ids.size(),
                    static_cast<long long>(s.nodes), theirs.objective, theirs.status.c_str(),
                    theirs.wall_seconds);
        std::fflush(stdout);
        failures += agree ? 0 : 1;
    }
    std::printf("%d of %d instances disagree\n", failures, number);
    return failures == 0 ? 0 : 1;
}
