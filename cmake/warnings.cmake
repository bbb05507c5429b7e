# Warnings for our own targets (never for third-party sources).
add_library(microreach_warnings INTERFACE)
target_compile_options(microreach_warnings INTERFACE
    -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wno-sign-conversion
    # GCC 12 at -O2/-O3 reports impossible std::string memcpy overlaps (GCC bug 105329).
    $<$<CXX_COMPILER_ID:GNU>:-Wno-restrict>
    # Likewise, inlining nlohmann::json's std::map at -O3, it reports "array subscript
    # partly outside array bounds" on the empty tree's header node, which is never read
    # past (GCC 12's -Warray-bounds false positives on std::_Rb_tree).
    $<$<CXX_COMPILER_ID:GNU>:-Wno-array-bounds>
    $<$<BOOL:${MICROREACH_WARNINGS_AS_ERRORS}>:-Werror>)
