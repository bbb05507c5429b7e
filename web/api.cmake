# The JavaScript API module (docs/api.md): the core, the API's functions (api/) and
# their embind registrations (web/bindings.cpp), without the UI. One target, two uses: the site ships it as
# microreach-api.js + microreach-api.wasm for pages and embedders (web/CMakeLists.txt
# copies it), and the node tests (tests/js) load the very same files. Kept out of the
# app itself, which does not call it: that saves every visitor about 185 KB of wasm.
add_executable(microreach_api "${CMAKE_CURRENT_LIST_DIR}/bindings.cpp")
# nlohmann-json allocates a node per value: emmalloc (the app's allocator, smaller)
# spent most of a 10,000-row evaluation claiming memory; dlmalloc does not.
set_target_properties(microreach_api PROPERTIES OUTPUT_NAME microreach-api SUFFIX ".js"
    MICROREACH_MALLOC dlmalloc)
target_include_directories(microreach_api PRIVATE "${PROJECT_SOURCE_DIR}")
target_link_libraries(microreach_api PRIVATE microreach_api_functions microreach_wasm_link microreach_warnings)
target_compile_options(microreach_api PRIVATE ${MICROREACH_WASM_SHIP_FLAGS})
target_link_options(microreach_api PRIVATE ${MICROREACH_WASM_SHIP_FLAGS}
    -sENVIRONMENT=web,worker,node -sMODULARIZE=1 -sEXPORT_NAME=createMicroreachApi
    "--post-js=${CMAKE_CURRENT_LIST_DIR}/bindings_post.js")
set_property(TARGET microreach_api APPEND PROPERTY LINK_DEPENDS "${CMAKE_CURRENT_LIST_DIR}/bindings_post.js")
