// [SECTION] Index
// - JavaScript glue (EM_JS): page facts, resize observer, hidden text input, clipboard
// - Fonts and DPI
// - Frame loop: the canvas is the visible part of the layout
// - Public functions
// (Input events are in browser_input.cpp, the state both share in browser_platform_internal.hpp.)

#include "web/platform/browser_platform.hpp"

#include "imgui.h"
#include "imgui_internal.h"
#include "web/platform/browser_platform_internal.hpp"
#include "web/platform/glyph_check.hpp"
#include "web/platform/items.hpp"
#include "web/platform/mirror.hpp"
#include "web/platform/test_hook.hpp"
#include "web/platform/webgl_renderer.hpp"

#include <GLES3/gl3.h>
#include <algorithm>
#include <cfloat>
#include <cmath>
#include <cstring>
#include <emscripten/emscripten.h>
#include <emscripten/html5.h>
#include <optional>
#include <string>
#include <utility>

extern const unsigned char embedded_font[];
extern const unsigned int embedded_font_size;

namespace web::detail {
PlatformState g_state;
} // namespace web::detail

namespace web {
namespace {

using detail::g_state;

// [SECTION] JavaScript glue (EM_JS)

// clang-format off
// Copies a rectangle of the WebGL canvas (device pixels) into a 2D canvas and offers it
// as a PNG. Runs right after drawing, while the drawing buffer still holds the frame.
EM_JS(void, js_save_canvas_png, (const char* selector, int x, int y, int width, int height, const char* name), {
    const source = document.querySelector(UTF8ToString(selector));
    const fileName = UTF8ToString(name);
    try {
        const copy = document.createElement("canvas");
        copy.width = width;
        copy.height = height;
        copy.getContext("2d").drawImage(source, x, y, width, height, 0, 0, width, height);
        copy.toBlob((blob) => {
            if (!blob) return;
            const url = URL.createObjectURL(blob);
            const link = document.createElement("a");
            link.href = url;
            link.download = fileName;
            link.rel = "noopener";
            document.body.appendChild(link);
            link.click();
            document.body.removeChild(link);
            setTimeout(() => URL.revokeObjectURL(url), 60000);
        }, "image/png");
    } catch (e) {
        console.warn("Microreach: the chart could not be saved (" + e + ")");
    }
});

EM_JS(void, js_install_page_glue, (const char* canvas_selector, const char* input_selector), {
    const canvas = document.querySelector(UTF8ToString(canvas_selector));
    const frame = canvas.parentElement || canvas;
    const wake = () => _mr_platform_wake();
    // Follow the container"s size (not the window"s) and DPR changes (zoom, monitor moves).
    if (typeof ResizeObserver !== "undefined") {
        new ResizeObserver(wake).observe(frame);
        new ResizeObserver(wake).observe(canvas);
    }
    // The canvas shows the part of the layout in view: a scroll shows another part.
    addEventListener("scroll", wake, { passive: true });
    // In an iframe, the embedding page says which part of the frame is in view.
    addEventListener("microreach:viewport", wake);
    let dprQuery = null;
    const watchDpr = () => {
        if (dprQuery) dprQuery.removeEventListener("change", onDpr);
        dprQuery = matchMedia("(resolution: " + devicePixelRatio + "dppx)");
        dprQuery.addEventListener("change", onDpr);
    };
    const onDpr = () => { watchDpr(); wake(); };
    watchDpr();
    // Pastes arrive as DOM events on the focused element (canvas or hidden input).
    const onPaste = (event) => {
        const text = event.clipboardData ? event.clipboardData.getData("text/plain") : "";
        if (!text) return;
        event.preventDefault();
        const size = lengthBytesUTF8(text) + 1;
        const ptr = _malloc(size);
        stringToUTF8(text, ptr, size);
        _mr_platform_paste(ptr);
        _free(ptr);
    };
    frame.addEventListener("paste", onPaste);
    // Phone keyboards: a hidden input receives the text and forwards it.
    const input = document.querySelector(UTF8ToString(input_selector));
    if (input) {
        input.addEventListener("paste", onPaste);
        input.addEventListener("beforeinput", (event) => {
            if (event.inputType === "deleteContentBackward") {
                event.preventDefault();
                _mr_platform_text_key(1);
            } else if (event.inputType === "insertLineBreak") {
                event.preventDefault();
                _mr_platform_text_key(2);
            }
        });
        input.addEventListener("input", () => {
            const text = input.value;
            input.value = "";
            if (!text) return;
            const size = lengthBytesUTF8(text) + 1;
            const ptr = _malloc(size);
            stringToUTF8(text, ptr, size);
            _mr_platform_text(ptr);
            _free(ptr);
        });
        input.addEventListener("keydown", (event) => {
            const keys = { Backspace: 1, Enter: 2, Escape: 3, Tab: 4 };
            if (keys[event.key]) { event.preventDefault(); _mr_platform_text_key(keys[event.key]); }
        });
        input.addEventListener("blur", () => _mr_platform_text_input_blurred());
    }
});

EM_JS(void, js_blur_text_input, (const char* selector, const char* frame_selector), {
    const input = document.querySelector(UTF8ToString(selector));
    if (input && document.activeElement === input) {
        const frame = document.querySelector(UTF8ToString(frame_selector));
        if (frame) frame.focus({ preventScroll: true }); else input.blur();
    }
});

// The frame's size (the whole layout, CSS pixels) and the canvas's place in it: the
// sticky canvas is at most the viewport's height and shows layout rows from `top`.
EM_JS(void, js_canvas_geometry, (const char* canvas_selector, double* out), {
    const canvas = document.querySelector(UTF8ToString(canvas_selector));
    const c = canvas.getBoundingClientRect();
    const f = (canvas.parentElement || canvas).getBoundingClientRect();
    HEAPF64[out >> 3] = f.width;
    HEAPF64[(out >> 3) + 1] = f.height;
    HEAPF64[(out >> 3) + 2] = c.width;
    HEAPF64[(out >> 3) + 3] = c.height;
    HEAPF64[(out >> 3) + 4] = c.top - f.top;
});

EM_JS(void, js_write_clipboard, (const char* text), {
    const value = UTF8ToString(text);
    if (navigator.clipboard && navigator.clipboard.writeText) {
        navigator.clipboard.writeText(value).catch(() => {});
    }
});

EM_JS(void, js_set_content_height, (const char* selector, float css_px), {
    const canvas = document.querySelector(UTF8ToString(selector));
    const box = canvas.parentElement;
    if (!box) return;
    box.style.height = Math.ceil(css_px) + "px";
    box.dispatchEvent(new CustomEvent("microreach:height", { bubbles: true, detail: { height: Math.ceil(css_px) } }));
});

// A step of the startup on the page's timeline (read by tests/perf/bench.mjs).
EM_JS(void, js_mark, (const char* name), {
    if (window.performance && performance.mark) performance.mark(UTF8ToString(name));
});

EM_JS(void, js_announce_ready, (), {
    document.documentElement.dataset.microreachReady = "true";
    window.__microreachFirstFrameMs = performance.now();  // read by the benchmark
    dispatchEvent(new CustomEvent("microreach:ready"));
});

EM_JS(int, js_is_apple_platform, (), {
    return /Mac|iPhone|iPad|iPod/.test(navigator.platform || navigator.userAgent) ? 1 : 0;
});

EM_JS(int, js_page_hidden, (), { return document.hidden ? 1 : 0; });

EM_JS(void, js_open_full_calculator, (const char* fragment), {
    const url = new URL(location.href);
    url.searchParams.delete("embed");
    url.searchParams.delete("view");
    url.hash = UTF8ToString(fragment);
    window.open(url.href, "_blank", "noopener");
});
// clang-format on

void request_animation_frame();

// [SECTION] Fonts and DPI

void rebuild_fonts(float dpr) {
    ImGuiIO& io = ImGui::GetIO();
    io.Fonts->Clear();
    ImFontConfig font_config;
    font_config.FontDataOwnedByAtlas = false; // the bytes live in the binary
    font_config.OversampleH = 1;              // rasterized at the real pixel size instead
    font_config.OversampleV = 1;
    font_config.PixelSnapH = false;
    static const ImWchar ranges[] = {0x0020, 0x00FF, 0x2013, 0x2026, 0x20AC, 0x20AC, 0x2190, 0x2193,
                                     0x2212, 0x2212, 0x2248, 0x2248, 0x2264, 0x2265, 0};
    void* data = const_cast<unsigned char*>(embedded_font);
    const int size = static_cast<int>(embedded_font_size);
    // No software cursor (the browser draws the pointer): the atlas keeps only the white
    // texels, and the cursor art is left out of the build (web/CMakeLists.txt).
    io.Fonts->Flags |= ImFontAtlasFlags_NoMouseCursors;
    g_state.body_font = io.Fonts->AddFontFromMemoryTTF(
        data, size, std::round(g_state.config.body_font_px * dpr), &font_config, ranges);
    g_state.heading_font = io.Fonts->AddFontFromMemoryTTF(
        data, size, std::round(g_state.config.heading_font_px * dpr), &font_config, ranges);
    if (test_hook_enabled()) {
        glyph_check_mark_fallback(g_state.body_font);
        glyph_check_mark_fallback(g_state.heading_font);
    }
    // Glyphs are rasterized at device pixels and drawn at 1/dpr: sharp on every screen.
    io.FontGlobalScale = 1.0f / dpr;
    io.Fonts->Build();
    webgl_renderer_upload_fonts();
    g_state.font_dpr = dpr;
}

// [SECTION] Frame loop

void draw_frame() {
    if (g_state.frames_drawn == 0) {
        js_mark("microreach:first-frame");
    }
    const double start_ms = emscripten_get_now();
    ImGuiIO& io = ImGui::GetIO();

    // The layout is the frame's size; the canvas shows `canvas_height` of it from `scroll_y`.
    double geometry[5] = {0, 0, 0, 0, 0};
    js_canvas_geometry(g_state.config.canvas_selector, geometry);
    const double layout_width = geometry[0], layout_height = geometry[1];
    const double canvas_width = geometry[2], canvas_height = geometry[3];
    g_state.scroll_y = static_cast<float>(geometry[4]);
    const float dpr = static_cast<float>(emscripten_get_device_pixel_ratio());
    if (dpr != g_state.font_dpr) {
        rebuild_fonts(dpr);
    }
    // The drawing buffer follows the DPR. The canvas is never taller than the viewport,
    // so this limit only matters for a screen larger than the GPU can draw.
    float framebuffer_scale = dpr;
    const double longest = std::max(canvas_width, canvas_height);
    if (longest * framebuffer_scale > g_state.max_framebuffer_px) {
        framebuffer_scale = static_cast<float>(g_state.max_framebuffer_px / longest);
    }
    const int pixel_width = static_cast<int>(std::lround(canvas_width * framebuffer_scale));
    const int pixel_height = static_cast<int>(std::lround(canvas_height * framebuffer_scale));
    int current_width = 0, current_height = 0;
    emscripten_get_canvas_element_size(g_state.config.canvas_selector, &current_width,
                                       &current_height);
    if (current_width != pixel_width || current_height != pixel_height) {
        emscripten_set_canvas_element_size(g_state.config.canvas_selector, pixel_width,
                                           pixel_height);
    }
    io.DisplaySize = ImVec2(static_cast<float>(layout_width), static_cast<float>(layout_height));
    io.DisplayFramebufferScale = ImVec2(framebuffer_scale, framebuffer_scale);
    const double now_s = start_ms / 1000.0;
    static double previous_s = now_s;
    // After an idle pause the real gap can be minutes; ImGui only needs a sane step.
    io.DeltaTime = static_cast<float>(std::min(std::max(now_s - previous_s, 1.0 / 240.0), 0.1));
    previous_s = now_s;

    g_state.animating = false;
    items_begin_frame();
    ImGui::NewFrame();
    mirror_begin_frame();
    // A touch that became a swipe was no tap: what its press activated (a text field
    // opens on the press) is let go, unedited. ImGui takes one button change per frame,
    // so on a loaded machine the press may only reach the widgets in this frame and its
    // release in a later one: the cancel holds until the queue has given ImGui both.
    if (g_state.cancel_touch_activation) {
        ImGuiContext& context = *ImGui::GetCurrentContext();
        if (context.ActiveId != 0) {
            ImGui::ClearActiveID();
        }
        if (context.InputEventsQueue.Size == 0 && !ImGui::IsMouseDown(ImGuiMouseButton_Left)) {
            g_state.cancel_touch_activation = false;
        }
    }
    g_state.frame(g_state.user);
    ImGui::Render();

    // Draw the visible rows of the layout: the projection starts at scroll_y.
    ImDrawData& draw_data = *ImGui::GetDrawData();
    draw_data.DisplayPos = ImVec2(0.0f, g_state.scroll_y);
    draw_data.DisplaySize =
        ImVec2(static_cast<float>(canvas_width), static_cast<float>(canvas_height));
    const ImVec4 clear = ImGui::GetStyle().Colors[ImGuiCol_WindowBg];
    webgl_renderer_draw(draw_data, pixel_width, pixel_height, {clear.x, clear.y, clear.z});
    if (test_hook_enabled()) {
        glyph_check_frame(draw_data, *io.Fonts);
    }
    mirror_end_frame();
    if (g_state.png_request) {
        const auto& r = *g_state.png_request;
        const auto px = [&](float css) {
            return static_cast<int>(std::lround(css * framebuffer_scale));
        };
        const int x = std::clamp(px(r.x), 0, pixel_width);
        const int y = std::clamp(px(r.y - g_state.scroll_y), 0, pixel_height);
        const int width = std::clamp(px(r.width), 0, pixel_width - x);
        const int height = std::clamp(px(r.height), 0, pixel_height - y);
        if (width > 0 && height > 0) {
            js_save_canvas_png(g_state.config.canvas_selector, x, y, width, height,
                               r.file_name.c_str());
        }
        g_state.png_request.reset();
    }

    if (g_state.clear_pointer_next_frame && !g_state.touch_active) {
        g_state.clear_pointer_next_frame = false;
        io.AddMousePosEvent(-FLT_MAX, -FLT_MAX);
        g_state.frames_wanted = std::max(g_state.frames_wanted, 1);
    }
    if (g_state.text_input_focused && !io.WantTextInput) {
        g_state.text_input_focused = false;
        js_blur_text_input(g_state.config.text_input_selector, g_state.config.frame_selector);
    }
    ++g_state.frames_drawn;
    g_state.last_frame_ms = emscripten_get_now() - start_ms;
    test_hook_end_frame(g_state.frames_drawn, g_state.last_frame_ms,
                        g_state.state_json != nullptr && test_hook_enabled()
                            ? g_state.state_json(g_state.user)
                            : std::string());
    if (g_state.frames_drawn == 1) {
        js_announce_ready();
    }
}

void on_animation_frame_impl() {
    g_state.frame_pending = false;
    if (js_page_hidden()) {
        return; // a hidden page draws nothing; visibilitychange wakes us up
    }
    draw_frame();
    if (g_state.frames_wanted > 0) {
        --g_state.frames_wanted;
    }
    // ImGui queues input events it could not process this frame (one click per frame).
    const bool input_queued = ImGui::GetCurrentContext()->InputEventsQueue.Size > 0;
    if (g_state.animating || input_queued) {
        g_state.frames_wanted = std::max(g_state.frames_wanted, 1);
    }
    if (g_state.frames_wanted > 0) {
        request_animation_frame();
    }
}

EM_BOOL on_animation_frame(double, void*) {
    on_animation_frame_impl();
    return EM_FALSE;
}

void request_animation_frame() {
    if (!g_state.frame_pending) {
        g_state.frame_pending = true;
        emscripten_request_animation_frame(on_animation_frame, nullptr);
    }
}

const char* get_clipboard(void*) {
    return g_state.clipboard.c_str();
}

void set_clipboard(void*, const char* text) {
    g_state.clipboard = text;
    js_write_clipboard(text); // mirrors to the system clipboard inside the user's gesture
}

} // namespace

// [SECTION] Public functions

bool platform_start(const PlatformConfig& config, FrameFunction frame, StateJsonFunction state_json,
                    void* user, std::string* error) {
    js_mark("microreach:main");
    g_state.config = config;
    g_state.frame = frame;
    g_state.state_json = state_json;
    g_state.user = user;

    EmscriptenWebGLContextAttributes attributes;
    emscripten_webgl_init_context_attributes(&attributes);
    attributes.majorVersion = 2;
    attributes.minorVersion = 0;
    attributes.alpha = EM_FALSE;
    attributes.antialias = EM_FALSE; // ImGui anti-aliases its own shapes
    attributes.depth = EM_FALSE;
    attributes.stencil = EM_FALSE;
    attributes.premultipliedAlpha = EM_TRUE;
    attributes.preserveDrawingBuffer = EM_FALSE;
    g_state.gl = emscripten_webgl_create_context(config.canvas_selector, &attributes);
    if (g_state.gl <= 0) {
        *error = "WebGL2 is not available in this browser.";
        return false;
    }
    emscripten_webgl_make_context_current(g_state.gl);
    GLint max_viewport[2] = {0, 0};
    GLint max_renderbuffer = 0;
    glGetIntegerv(GL_MAX_VIEWPORT_DIMS, max_viewport);
    glGetIntegerv(GL_MAX_RENDERBUFFER_SIZE, &max_renderbuffer);
    const GLint max_side = std::min({max_viewport[0], max_viewport[1], max_renderbuffer});
    if (max_side > 0) {
        g_state.max_framebuffer_px = static_cast<float>(max_side);
    }

    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr; // nothing written behind the user's back
    io.LogFilename = nullptr;
    io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
    io.ConfigInputTextCursorBlink = false; // a blinking caret would need frames forever
    io.ConfigMacOSXBehaviors = js_is_apple_platform() != 0;
    io.BackendPlatformName = "microreach_html5";
    io.SetClipboardTextFn = set_clipboard;
    io.GetClipboardTextFn = get_clipboard;
    ImGui::GetCurrentContext()->TestEngineHookItems = true; // widget rectangles for touch + tests
    test_hook_set_enabled(config.publish_test_hook);

    if (const char* renderer_error = nullptr; !webgl_renderer_init(&renderer_error)) {
        *error = std::string("WebGL2 could not start: ") + renderer_error + ".";
        return false;
    }
    rebuild_fonts(static_cast<float>(emscripten_get_device_pixel_ratio()));
    mirror_install(config.frame_selector + 1, config.canvas_selector); // "#id" -> "id"
    detail::register_input_callbacks();
    js_install_page_glue(config.canvas_selector, config.text_input_selector);
    platform_request_frames();
    return true;
}

void platform_request_frames(int count) {
    g_state.frames_wanted = std::max(g_state.frames_wanted, count + g_state.config.settle_frames);
    request_animation_frame();
}

void platform_save_png(float x, float y, float width, float height, std::string file_name) {
    g_state.png_request =
        detail::PlatformState::PngRequest{x, y, width, height, std::move(file_name)};
    platform_request_frames();
}

void platform_keep_animating() {
    g_state.animating = true;
}

void platform_set_content_height(float css_px) {
    if (std::fabs(css_px - g_state.content_height) >= 1.0f) {
        g_state.content_height = css_px;
        js_set_content_height(g_state.config.canvas_selector, css_px);
    }
}

void platform_open_full_calculator(const std::string& fragment) {
    js_open_full_calculator(fragment.c_str());
}

ImFont* platform_body_font() {
    return g_state.body_font;
}
ImFont* platform_heading_font() {
    return g_state.heading_font;
}
long platform_frames_drawn() {
    return g_state.frames_drawn;
}
float platform_device_pixel_ratio() {
    return g_state.font_dpr;
}

} // namespace web

// Entry points for the page glue above (internal to the platform layer; the public
// JavaScript API is web/bindings.cpp).
extern "C" {

EMSCRIPTEN_KEEPALIVE void mr_platform_wake() {
    web::platform_request_frames();
}

// The keyboard focus entered (1) or left (0) the calculator's frame.
EMSCRIPTEN_KEEPALIVE void mr_platform_focus(int focused) {
    if (!focused &&
        (web::detail::g_state.focusing_text_input || web::detail::g_state.text_input_focused)) {
        return; // focus moved to our own hidden text input
    }
    ImGui::GetIO().AddFocusEvent(focused != 0);
    web::platform_request_frames();
}

EMSCRIPTEN_KEEPALIVE void mr_platform_paste(const char* text) {
    web::detail::g_state.clipboard = text;
    ImGuiIO& io = ImGui::GetIO();
    const ImGuiKey modifier = io.ConfigMacOSXBehaviors ? ImGuiMod_Super : ImGuiMod_Ctrl;
    // Replay the shortcut now that the text is in the app's clipboard.
    io.AddKeyEvent(modifier, true);
    io.AddKeyEvent(ImGuiKey_V, true);
    io.AddKeyEvent(ImGuiKey_V, false);
    io.AddKeyEvent(modifier, false);
    web::platform_request_frames();
}

// 1 while the app edits a text field (its caret and selection take typed text).
EMSCRIPTEN_KEEPALIVE int mr_platform_text_editing() {
    return ImGui::GetIO().WantTextInput ? 1 : 0;
}

EMSCRIPTEN_KEEPALIVE void mr_platform_text(const char* text) {
    ImGui::GetIO().AddInputCharactersUTF8(text);
    web::platform_request_frames();
}

// 1 Backspace, 2 Enter, 3 Escape, 4 Tab: keys phone keyboards send as editing intents.
EMSCRIPTEN_KEEPALIVE void mr_platform_text_key(int which) {
    const ImGuiKey keys[] = {ImGuiKey_None, ImGuiKey_Backspace, ImGuiKey_Enter, ImGuiKey_Escape,
                             ImGuiKey_Tab};
    if (which < 1 || which > 4) {
        return;
    }
    ImGuiIO& io = ImGui::GetIO();
    io.AddKeyEvent(keys[which], true);
    io.AddKeyEvent(keys[which], false);
    web::platform_request_frames();
}

EMSCRIPTEN_KEEPALIVE void mr_platform_text_input_blurred() {
    if (web::detail::g_state.text_input_focused) {
        web::detail::g_state.text_input_focused = false;
        ImGui::GetIO().AddFocusEvent(false); // the phone keyboard was dismissed
        web::platform_request_frames();
    }
}

} // extern "C"
