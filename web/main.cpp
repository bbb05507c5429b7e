// Entry point of the browser app: reads the page's options (embed mode, theme and
// accent, which loader.js has already applied to the page), starts the platform
// layer and hands it the app's frame function. Everything else is in web/app.
#include "web/app/app.hpp"
#include "web/app/theme.hpp"
#include "web/platform/browser_platform.hpp"

#include <cstdlib>
#include <emscripten/emscripten.h>
#include <string>

namespace {

// clang-format off
EM_JS(int, js_url_flag, (const char* name), {
    return new URLSearchParams(location.search).get(UTF8ToString(name)) === "1" ? 1 : 0;
});

// ?view=verdict: the compact embed (docs/embedding.md).
EM_JS(int, js_verdict_view, (), {
    return new URLSearchParams(location.search).get("view") === "verdict" ? 1 : 0;
});

// ?embed=1 (and the other spellings loader.js accepts) sets this class on <html>.
EM_JS(int, js_embed_mode, (), {
    return document.documentElement.classList.contains("microreach-embed") ? 1 : 0;
});

// 1 dark, 0 light: ?theme= (applied by loader.js as data-theme), else the system's.
EM_JS(int, js_prefers_dark, (), {
    const chosen = document.documentElement.dataset.theme;
    if (chosen === "dark") return 1;
    if (chosen === "light") return 0;
    return window.matchMedia && matchMedia("(prefers-color-scheme: dark)").matches ? 1 : 0;
});

// The ?accent= colour as "rrggbb" (validated again by the app), or "": as loader.js
// read it (any letter case, the last one wins).
EM_JS(char*, js_accent_param, (), {
    const value = document.documentElement.dataset.microreachAccent || "";
    const size = lengthBytesUTF8(value) + 1;
    const ptr = _malloc(size);
    stringToUTF8(value, ptr, size);
    return ptr;
});

// The page around follows the app's theme switch.
EM_JS(void, js_set_page_theme, (int dark), {
    document.documentElement.dataset.theme = dark ? "dark" : "light";
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
void page_theme_changed(web::ThemeKind kind) {
    js_set_page_theme(kind == web::ThemeKind::dark ? 1 : 0);
}

} // namespace

int main() {
    web::AppOptions options;
    options.embed_mode = js_embed_mode() != 0;
    options.verdict_view = js_verdict_view() != 0;
    options.theme.kind = js_prefers_dark() != 0 ? web::ThemeKind::dark : web::ThemeKind::light;
    char* accent = js_accent_param();
    options.theme.accent = web::parse_hex_colour(accent);
    free(accent);
    options.on_theme_changed = page_theme_changed;
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
