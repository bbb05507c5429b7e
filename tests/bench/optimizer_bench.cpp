// Optimizer benchmark driver. Built natively (native-release preset) and as wasm (run
// under node). It generates the seeded instances of tests/bench/instances.hpp, solves
// each one with Microreach several times and prints one record per instance:
//   R <family-id> <coverage 0/1> <n> <index> <median-seconds> <objective> <status> <nodes>
// Natively, --cbc also solves each instance with CBC and --wasm FILE merges the wasm
// run's records; the native run then prints the markdown table of docs/optimizer.md.
//
// Usage: optimizer_bench [--sizes 100,1000,10000] [--instances 5] [--cbc] [--wasm FILE]
//                        [--min-seconds 0.2]
#include "core/optimizer.hpp"
#include "instances.hpp"

#ifndef __EMSCRIPTEN__
#include "../cbc/cbc_runner.hpp"
#endif

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <tuple>
#include <vector>

namespace {

struct Record {
    int family = 0;
    int coverage = 0;
    int n = 0;
    int index = 0;
    double seconds = 0.0;
    double objective = 0.0;
    std::string status;
    long long nodes = 0;
};

using Key = std::tuple<int, int, int, int>; // family, coverage, n, index

double median(std::vector<double> v) {
    if (v.empty()) {
        return 0.0;
    }
    std::sort(v.begin(), v.end());
    const std::size_t m = v.size() / 2;
    return v.size() % 2 == 1 ? v[m] : 0.5 * (v[m - 1] + v[m]);
}

const char* status_text(core::SolveStatus status) {
    switch (status) {
    case core::SolveStatus::optimal:
        return "optimal";
    case core::SolveStatus::limit_reached:
        return "limit";
    case core::SolveStatus::infeasible:
        return "infeasible";
    }
    return "?";
}

// Solves repeatedly (at least 3 times, until min_seconds have passed, at most 25
// times) and keeps the median time of one solve.
Record run_microreach(const bench::InstanceSpec& spec, const core::OptimizerProblem& problem,
                      double min_seconds) {
    Record record;
    record.family = static_cast<int>(spec.family);
    record.coverage = spec.coverage ? 1 : 0;
    record.n = spec.candidates;
    record.index = spec.index;
    std::vector<double> times;
    double spent = 0.0;
    while (times.size() < 3 || (spent < min_seconds && times.size() < 25)) {
        const auto start = std::chrono::steady_clock::now();
        const auto result = core::solve(problem);
        const double seconds =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        times.push_back(seconds);
        spent += seconds;
        if (result.ok()) {
            record.objective = result.value().objective;
            record.status = status_text(result.value().status);
            record.nodes = result.value().nodes;
        } else {
            record.status = "error";
        }
    }
    record.seconds = median(times);
    return record;
}

std::vector<int> parse_sizes(const char* text) {
    std::vector<int> sizes;
    std::stringstream in(text);
    std::string item;
    while (std::getline(in, item, ',')) {
        sizes.push_back(std::atoi(item.c_str()));
    }
    return sizes;
}

bool same_objective(double a, double b) {
    return std::fabs(a - b) <= 1e-9 * std::max({1.0, std::fabs(a), std::fabs(b)});
}

std::string ms(double seconds) {
    char text[32];
    if (seconds < 0.0) {
        return "n/a";
    }
    std::snprintf(text, sizeof text, seconds < 0.01 ? "%.2f" : "%.1f", seconds * 1000.0);
    return text;
}

} // namespace

int main(int argc, char** argv) {
    std::vector<int> sizes{100, 1000, 10000};
    int instances = 5;
    bool with_cbc = false;
    std::string wasm_file;
    double min_seconds = 0.2;
    for (int a = 1; a < argc; ++a) {
        const std::string arg = argv[a];
        if (arg == "--sizes" && a + 1 < argc) {
            sizes = parse_sizes(argv[++a]);
        } else if (arg == "--instances" && a + 1 < argc) {
            instances = std::atoi(argv[++a]);
        } else if (arg == "--cbc") {
            with_cbc = true;
        } else if (arg == "--wasm" && a + 1 < argc) {
            wasm_file = argv[++a];
        } else if (arg == "--min-seconds" && a + 1 < argc) {
            min_seconds = std::atof(argv[++a]);
        } else {
            std::fprintf(stderr, "unknown argument %s\n", arg.c_str());
            return 2;
        }
    }

    std::map<Key, Record> native, wasm, cbc_records;
    for (const int n : sizes) {
        for (const auto family : bench::all_families) {
            for (const bool coverage : {false, true}) {
                for (int index = 0; index < instances; ++index) {
                    const bench::InstanceSpec spec{family, coverage, n, index};
                    const auto problem = bench::make_instance(spec);
                    const Record r = run_microreach(spec, problem, min_seconds);
                    std::printf("R %d %d %d %d %.9f %.17g %s %lld\n", r.family, r.coverage, r.n,
                                r.index, r.seconds, r.objective, r.status.c_str(), r.nodes);
                    std::fflush(stdout);
                    const Key key{r.family, r.coverage, r.n, r.index};
                    native[key] = r;
#ifndef __EMSCRIPTEN__
                    if (with_cbc) {
                        const auto c = cbc::solve_with_cbc(
                            problem, "bench-" + std::to_string(r.family) + "-" +
                                         std::to_string(r.coverage) + "-" + std::to_string(n) +
                                         "-" + std::to_string(index));
                        Record cr = r;
                        cr.seconds =
                            c.reported_seconds >= 0.0 ? c.reported_seconds : c.wall_seconds;
                        cr.objective = cbc::objective_in_candidate_order(problem, c.chosen_ids);
                        cr.status = !c.ran ? "failed" : c.optimal ? "optimal" : "not-optimal";
                        cr.nodes = 0;
                        std::printf("C %d %d %d %d %.9f %.17g %s %.6f\n", cr.family, cr.coverage,
                                    cr.n, cr.index, cr.seconds, cr.objective, cr.status.c_str(),
                                    c.wall_seconds);
                        std::fflush(stdout);
                        cbc_records[key] = cr;
                    }
#else
                    (void)with_cbc;
#endif
                }
            }
        }
    }

    if (!wasm_file.empty()) {
        std::ifstream in(wasm_file);
        std::string line;
        while (std::getline(in, line)) {
            std::istringstream fields(line);
            std::string tag;
            Record r;
            if (fields >> tag >> r.family >> r.coverage >> r.n >> r.index >> r.seconds >>
                    r.objective >> r.status >> r.nodes &&
                tag == "R") {
                wasm[Key{r.family, r.coverage, r.n, r.index}] = r;
            }
        }
    }
    if (cbc_records.empty() && wasm.empty()) {
        return 0;
    }

    std::printf("\n| family | regions | n | native median / worst ms | wasm median / worst ms "
                "| CBC median / worst ms | CBC / native: median, lowest | optima agree |\n");
    std::printf("|---|---|---:|---:|---:|---:|---:|---|\n");
    bool all_agree = true;
    for (const int n : sizes) {
        for (const auto family : bench::all_families) {
            for (const int coverage : {0, 1}) {
                std::vector<double> tn, tw, tc, ratio;
                int agree = 0, compared = 0;
                for (int index = 0; index < instances; ++index) {
                    const Key key{static_cast<int>(family), coverage, n, index};
                    const Record& r = native[key];
                    tn.push_back(r.seconds);
                    bool ok = r.status == "optimal";
                    if (const auto w = wasm.find(key); w != wasm.end()) {
                        tw.push_back(w->second.seconds);
                        ok = ok && w->second.status == "optimal" &&
                             same_objective(w->second.objective, r.objective);
                    }
                    if (const auto c = cbc_records.find(key); c != cbc_records.end()) {
                        tc.push_back(c->second.seconds);
                        ratio.push_back(c->second.seconds / std::max(r.seconds, 1e-9));
                        ok = ok && c->second.status == "optimal" &&
                             same_objective(c->second.objective, r.objective);
                    }
                    ++compared;
                    agree += ok ? 1 : 0;
                }
                all_agree = all_agree && agree == compared;
                const auto worst = [](const std::vector<double>& v) {
                    return v.empty() ? -1.0 : *std::max_element(v.begin(), v.end());
                };
                char ratio_text[64] = "n/a";
                if (!ratio.empty()) {
                    std::snprintf(ratio_text, sizeof ratio_text, "%.0fx, %.0fx", median(ratio),
                                  *std::min_element(ratio.begin(), ratio.end()));
                }
                std::printf("| %s | %s | %d | %s / %s | %s / %s | %s / %s | %s | %d of %d |\n",
                            std::string(bench::family_name(family)).c_str(),
                            coverage ? "8 + cap" : "none", n, ms(median(tn)).c_str(),
                            ms(worst(tn)).c_str(), tw.empty() ? "n/a" : ms(median(tw)).c_str(),
                            ms(worst(tw)).c_str(), tc.empty() ? "n/a" : ms(median(tc)).c_str(),
                            ms(worst(tc)).c_str(), ratio_text, agree, compared);
            }
        }
    }
    return all_agree ? 0 : 1;
}
