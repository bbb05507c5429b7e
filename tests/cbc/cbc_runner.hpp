// Solves a core::OptimizerProblem with CBC (Debian's coinor-cbc, a general MIP solver)
// through its command line: the problem is written as a CPLEX LP file, CBC is run as
// `cbc problem.lp -solve -solution out.txt`, and the solution file is read back. The
// objective is recomputed from the chosen candidates, so both solvers' objectives are
// summed the same way. Native test and benchmark code only (files, processes).
#pragma once

#include "core/optimizer.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <unistd.h>
#include <unordered_set>
#include <vector>

namespace cbc {

struct CbcResult {
    bool ran = false;        // cbc started and wrote a solution file
    bool optimal = false;    // CBC's status line says "Optimal"
    bool infeasible = false; // CBC's status line says "Infeasible"
    std::string status;      // CBC's first solution line
    std::vector<std::uint32_t> chosen_ids;
    double objective = 0.0; // recomputed from chosen_ids
    std::int64_t cost_cents = 0;
    double wall_seconds = 0.0;      // measured around the cbc process
    double reported_seconds = -1.0; // CBC's own "Wallclock seconds", -1 when absent
    double cpu_seconds = -1.0;      // CBC's own "CPU seconds", -1 when absent
};

inline std::string path_of(const std::filesystem::path& p) {
    return p.string();
}

// Writes the problem as a CPLEX LP file. Variable x<i> is candidate i. Pins,
// exclusions and the share cap become fixing rows, exactly as the optimizer reads them.
inline bool write_lp(const core::OptimizerProblem& p, const std::string& file) {
    std::ofstream out(file);
    if (!out) {
        return false;
    }
    char number[64];
    const auto put = [&](double v) {
        std::snprintf(number, sizeof number, "%.17g", v);
        return std::string(number);
    };
    const std::size_t n = p.candidates.size();
    out << "\\ Microreach optimizer instance, " << n << " candidates\nMaximize\n obj:";
    for (std::size_t i = 0; i < n; ++i) {
        out << "\n + " << put(p.candidates[i].value) << " x" << i;
    }
    if (n == 0) {
        out << " 0 x0";
    }
    out << "\nSubject To\n budget:";
    for (std::size_t i = 0; i < n; ++i) {
        out << "\n + " << p.candidates[i].cost_cents << " x" << i;
    }
    if (n == 0) {
        out << " 0 x0";
    }
    out << "\n <= " << p.budget.cents << "\n";
    for (std::size_t r = 0; r < p.regions.size(); ++r) {
        std::string terms;
        for (std::size_t i = 0; i < n; ++i) {
            if (p.candidates[i].region == static_cast<int>(r)) {
                terms += "\n + x" + std::to_string(i);
            }
        }
        if (terms.empty()) {
            terms = " 0 x0";
        }
        if (p.regions[r].min_hires > 0) {
            out << " rmin" << r << ":" << terms << "\n >= " << p.regions[r].min_hires << "\n";
        }
        if (p.regions[r].max_hires) {
            out << " rmax" << r << ":" << terms << "\n <= " << *p.regions[r].max_hires << "\n";
        }
    }
    if (p.min_hires > 0) {
        out << " hires:";
        for (std::size_t i = 0; i < n; ++i) {
            out << "\n + x" << i;
        }
        out << "\n >= " << p.min_hires << "\n";
    }
    const double cap = p.max_budget_share * static_cast<double>(p.budget.cents);
    for (std::size_t i = 0; i < n; ++i) {
        const auto& c = p.candidates[i];
        const bool excluded =
            std::find(p.must_exclude.begin(), p.must_exclude.end(), c.id) != p.must_exclude.end() ||
            (p.max_budget_share < 1.0 &&
             static_cast<double>(c.cost_cents) > std::floor(cap + 1e-6));
        const bool pinned =
            std::find(p.must_include.begin(), p.must_include.end(), c.id) != p.must_include.end();
        if (excluded) {
            out << " out" << i << ": x" << i << " = 0\n";
        }
        if (pinned) {
            out << " in" << i << ": x" << i << " = 1\n";
        }
    }
    out << "Binary\n";
    for (std::size_t i = 0; i < n; ++i) {
        out << " x" << i << "\n";
    }
    out << "End\n";
    return static_cast<bool>(out);
}

// Runs cbc on the problem in a scratch folder and reads its answer back. A positive
// time limit (seconds) is passed as `-sec`; a stopped run says so in `status`.
inline CbcResult solve_with_cbc(const core::OptimizerProblem& p, const std::string& tag,
                                double seconds = 0.0) {
    CbcResult result;
    const auto dir =
        std::filesystem::temp_directory_path() / ("microreach-cbc-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    const std::string lp = path_of(dir / (tag + ".lp"));
    const std::string sol = path_of(dir / (tag + ".sol"));
    const std::string log = path_of(dir / (tag + ".log"));
    std::filesystem::remove(sol);
    if (!write_lp(p, lp)) {
        return result;
    }
    const std::string limit = seconds > 0.0 ? " -sec " + std::to_string(seconds) : "";
    const std::string command =
        "cbc '" + lp + "'" + limit + " -solve -solution '" + sol + "' > '" + log + "' 2>&1";
    const auto start = std::chrono::steady_clock::now();
    const int rc = std::system(command.c_str());
    result.wall_seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::ifstream in(sol);
    if (rc != 0 || !in) {
        return result;
    }
    result.ran = true;
    std::getline(in, result.status);
    result.optimal = result.status.rfind("Optimal", 0) == 0;
    result.infeasible = result.status.find("nfeasible") != std::string::npos;
    std::string line;
    while (std::getline(in, line)) {
        std::istringstream fields(line);
        std::string index, name;
        double value = 0.0;
        if (!(fields >> index >> name >> value)) {
            continue;
        }
        if (index == "**") { // CBC marks infeasible values with "**"
            if (!(std::istringstream(line.substr(line.find("**") + 2)) >> index >> name >> value)) {
                continue;
            }
        }
        if (name.size() > 1 && name[0] == 'x' && value > 0.5) {
            const auto i = static_cast<std::size_t>(std::stoull(name.substr(1)));
            if (i < p.candidates.size()) {
                result.chosen_ids.push_back(p.candidates[i].id);
                result.objective += p.candidates[i].value;
                result.cost_cents += p.candidates[i].cost_cents;
            }
        }
    }
    std::ifstream log_in(log);
    while (std::getline(log_in, line)) {
        // "Total time (CPU seconds):       0.05   (Wallclock seconds):       0.06"
        const auto at = line.find("(Wallclock seconds):");
        const auto cpu = line.find("(CPU seconds):");
        if (line.rfind("Total time", 0) == 0 && at != std::string::npos) {
            result.reported_seconds = std::atof(line.c_str() + at + 20);
        }
        if (line.rfind("Total time", 0) == 0 && cpu != std::string::npos) {
            result.cpu_seconds = std::atof(line.c_str() + cpu + 14);
        }
    }
    std::filesystem::remove(lp);
    std::filesystem::remove(sol);
    std::filesystem::remove(log);
    std::error_code ignored;
    std::filesystem::remove(dir, ignored); // only when empty
    return result;
}

// Sum of the chosen values in candidate order (the optimizer's order), for a fair
// comparison of two plans' objectives.
inline double objective_in_candidate_order(const core::OptimizerProblem& p,
                                           const std::vector<std::uint32_t>& ids) {
    const std::unordered_set<std::uint32_t> chosen(ids.begin(), ids.end());
    double sum = 0.0;
    for (const auto& c : p.candidates) {
        if (chosen.count(c.id) != 0) {
            sum += c.value;
        }
    }
    return sum;
}

} // namespace cbc
