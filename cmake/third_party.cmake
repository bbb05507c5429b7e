# Header-only libraries from Debian packages. For em++ we must not add all of
# /usr/include (its libc headers would shadow Emscripten's), so each library's
# own folder is exposed through a private include folder of symlinks.
set(MICROREACH_SHIM_INCLUDE "${CMAKE_BINARY_DIR}/include-shim")
file(MAKE_DIRECTORY "${MICROREACH_SHIM_INCLUDE}")

function(microreach_expose_header_dir name system_dir package)
    if(NOT EXISTS "${system_dir}")
        message(FATAL_ERROR "${system_dir} is missing: run scripts/setup.sh (installs Debian package ${package})")
    endif()
    if(NOT EXISTS "${MICROREACH_SHIM_INCLUDE}/${name}")
        file(CREATE_LINK "${system_dir}" "${MICROREACH_SHIM_INCLUDE}/${name}" SYMBOLIC)
    endif()
endfunction()

microreach_expose_header_dir(fast_float /usr/include/fast_float libfast-float-dev)
microreach_expose_header_dir(nlohmann /usr/include/nlohmann nlohmann-json3-dev)

add_library(microreach_third_party INTERFACE)
target_include_directories(microreach_third_party SYSTEM INTERFACE "${MICROREACH_SHIM_INCLUDE}")
