// Entry point of the browser app: reads the page's options, starts the platform
// layer and hands it the app's frame function. Everything else is in web/app.
#include "web/app/app.hpp"
#include "web/platform/browser_platform.hpp"

#include <emscripten/emscripten.h>
#include <string>

namespace {

// clang-format off
EM_JS(int, js_url_flag, (const char* name), {
    return new URLSearchParams(location.search).get(UTF8ToString(name)) === "1" ? 1 : 0;
});

EM_JS(void, js_show_startup_error, (const char* message), {
    const box = document.getElementById("microreach-error");
    if (box) { box.textContent = UTF8ToString(message); box.hidden = false; }
    console.warn("Microreach: " + UTF8ToString(message));
});
// clang-format on

web::App* g_app = nullptr;

void draw_app_frame(void* user) {
    static_cast<web::App*>(user)->draw_frame();
}
std::string app_state_json(void* user) {
    return static_cast<web::App*>(user)->state_json();
}

} // namespace

int main() {
    web::AppOptions options;
    options.embed_mode = js_url_flag("embed") != 0;
    g_app = new web::App(options); // lives as long as the page

    web::PlatformConfig config;
    config.publish_test_hook = js_url_flag("testhook") != 0;
    std::string error;
    if (!web::platform_start(config, draw_app_frame, app_state_json, g_app, &error)) {
        js_show_startup_error(
            (error + " Microreach needs a browser with WebGL2 (any current Chrome, Firefox, "
                     "Safari or Edge).")
                .c_str());
        return 1;
    }
    return 0;
}
