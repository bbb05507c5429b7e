// Times the Monte Carlo simulation the way the app uses it: 10,000 trials of a
// 50-influencer plan. Built natively (-O3) and for wasm with the app's own size
// flags (-Oz -flto), so the wasm figure is what a reader's browser runs.
// Prints one line: "monte_carlo <median ms> <worst ms> <runs> <p50 engagements>".
// Times are CPU time, so other work on a busy machine does not count: natively this
// thread's, in wasm node's process.cpuUsage() (all of node's threads: an upper bound).
#include "core/uncertainty.hpp"

#include <algorithm>
#include <cstdio>
#include <random>
#include <vector>

#ifdef __EMSCRIPTEN__
#include <emscripten/emscripten.h>
#else
#include <ctime>
#endif

namespace {

double cpu_ms() {
#ifdef __EMSCRIPTEN__
    return EM_ASM_DOUBLE({
        const usage = process.cpuUsage();
        return (usage.user + usage.system) / 1000;
    });
#else
    timespec now{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
    return 1e3 * static_cast<double>(now.tv_sec) + 1e-6 * static_cast<double>(now.tv_nsec);
#endif
}

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

} // namespace

int main() {
    const core::SimulationPlan plan = fifty_influencer_plan();
    core::UncertaintySettings settings;
    settings.trials = 10'000;
    std::vector<double> times_ms;
    double p50 = 0.0;
    for (int run = 0; run < 21; ++run) {
        const double start = cpu_ms();
        const auto result = core::simulate_plan(plan, settings);
        const double stop = cpu_ms();
        if (!result.ok()) {
            std::fprintf(stderr, "simulation failed: %s\n", result.error().message.c_str());
            return 1;
        }
        p50 = result.value().engagements.p50;
        times_ms.push_back(stop - start);
    }
    std::sort(times_ms.begin(), times_ms.end());
    std::printf("monte_carlo %.3f %.3f %zu %.6f\n", times_ms[times_ms.size() / 2], times_ms.back(),
                times_ms.size(), p50);
    return 0;
}
