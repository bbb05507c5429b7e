// The fuzzers' assertion: a property that must hold for every input. A failure stops
// the run with the file and line (libFuzzer then keeps the input that broke it).
#pragma once

#include <cstdio>
#include <cstdlib>

inline void check_at(bool condition, const char* file, int line) {
    if (!condition) {
        std::fprintf(stderr, "check failed at %s:%d\n", file, line);
        std::abort();
    }
}

#define check(condition) check_at((condition), __FILE__, __LINE__)
