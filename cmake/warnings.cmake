# Warnings for our own targets (never for third-party sources).
add_library(microreach_warnings INTERFACE)
target_compile_options(microreach_warnings INTERFACE
    -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wno-sign-conversion
    $<$<BOOL:${MICROREACH_WARNINGS_AS_ERRORS}>:-Werror>)
