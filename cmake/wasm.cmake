# Every Emscripten-specific build setting lives here.
# Debian's emscripten 3.1.6 runs node-acorn during optimized links; Node 20 only
# finds it through NODE_PATH (see the toolchain notes in docs/building.md).
if(NOT DEFINED ENV{NODE_PATH})
    message(WARNING "NODE_PATH is not set: optimized em++ links need NODE_PATH=/usr/share/nodejs")
endif()

# Flags shared by every wasm link: small, no file system, strict-CSP-friendly embind.
add_library(microreach_wasm_link INTERFACE)
# The allocator: emmalloc (small) unless a target sets MICROREACH_MALLOC (the JS API
# uses dlmalloc: nlohmann-json's many small allocations are slow in emmalloc).
target_link_options(microreach_wasm_link INTERFACE
    "-sMALLOC=$<IF:$<BOOL:$<TARGET_PROPERTY:MICROREACH_MALLOC>>,$<TARGET_PROPERTY:MICROREACH_MALLOC>,emmalloc>"
    -sFILESYSTEM=0
    -sDYNAMIC_EXECUTION=0
    -sALLOW_MEMORY_GROWTH=1
    # Grow by a tenth, not Emscripten's fifth: a 10,000-row roster then holds 31.5 MB of
    # memory instead of 33.3 (the step above what it uses is smaller).
    -sMEMORY_GROWTH_GEOMETRIC_STEP=0.1
    -sTOTAL_STACK=1MB
    -lembind)

# Size-first optimisation for what ships to the browser: every target of the
# MinSizeRel (wasm-release) build, core included, so link-time optimisation sees all.
set(MICROREACH_WASM_SHIP_FLAGS -Oz -flto)
set(CMAKE_CXX_FLAGS_MINSIZEREL "-Oz -flto -DNDEBUG")
set(CMAKE_EXE_LINKER_FLAGS_MINSIZEREL "-Oz -flto")
