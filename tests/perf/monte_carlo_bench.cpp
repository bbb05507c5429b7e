// Times the Monte Carlo simulation the way the app uses it: 10,000 trials of a
// 50-influencer plan. Built natively (-O3) and for wasm with the app's own size
// flags (-Oz -flto), so the wasm figure is what a reader's browser runs.
// Prints one line: "monte_carlo <median ms> <worst ms> <runs> <p50 engagements>".
#include "core/uncertainty.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <random>
#include <vector>

namespace {

core::SimulationPlan fifty_influencer_plan() {
    std::mt19937_64 engine(20261129);
    core::SimulationPlan plan;
    for (int i = 0; i < 50; ++i) {
        const double engagements = 50.0 + static_cast<double>(engine() % 5000);
        plan.engagements.push_back(engagements);
        plan.targeted_engagements.push_back(engagements * 0.6);
        plan.conversions.push_back(engagements * 0.002);
    }
    plan.estimated_reach = 100000.0;
    plan.cost = core::Money{500000, core::Currency::usd};
    return plan;
}

}  // namespace

int main() {
    const core::SimulationPlan plan = fifty_influencer_plan();
    core::UncertaintySettings settings;
    settings.trials = 10'000;
    std::vector<double> times_ms;
    double p50 = 0.0;
    for (int run = 0; run < 21; ++run) {
        const auto start = std::chrono::steady_clock::now();
        const auto result = core::simulate_plan(plan, settings);
        const auto stop = std::chrono::steady_clock::now();
        if (!result.ok()) {
            std::fprintf(stderr, "simulation failed: %s\n", result.error().message.c_str());
            return 1;
        }
        p50 = result.value().engagements.p50;
        times_ms.push_back(std::chrono::duration<double, std::milli>(stop - start).count());
    }
    std::sort(times_ms.begin(), times_ms.end());
    std::printf("monte_carlo %.3f %.3f %zu %.6f\n", times_ms[times_ms.size() / 2], times_ms.back(),
                times_ms.size(), p50);
    return 0;
}
