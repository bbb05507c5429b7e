// [SECTION] Index
// - State
// - JavaScript glue (EM_JS): page facts, resize observer, hidden text input, clipboard
// - Keyboard mapping
// - Event callbacks: mouse, wheel, touch, keys, focus, visibility
// - Fonts and DPI
// - Frame loop
// - Public functions

#include "web/platform/browser_platform.hpp"

#include "imgui.h"
#include "imgui_internal.h"
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

extern const unsigned char embedded_font[];
extern const unsigned int embedded_font_size;

namespace web {
namespace {

// [SECTION] State

struct PlatformState {
    PlatformConfig config;
    FrameFunction frame = nullptr;
    StateJsonFunction state_json = nullptr;
    void* user = nullptr;
    EMSCRIPTEN_WEBGL_CONTEXT_HANDLE gl = 0;

    bool frame_pending = false; // a requestAnimationFrame is scheduled
    int frames_wanted = 0;      // frames still to draw before going idle
    bool animating = false;     // set during a frame by platform_keep_animating()
    long frames_drawn = 0;
    double last_frame_ms = 0.0;

    float font_dpr = 0.0f; // DPR the font atlas was rasterized at
    // Largest drawing buffer side the GPU takes (MAX_VIEWPORT_DIMS / MAX_RENDERBUFFER_SIZE).
    // A tall page on a DPR 3 phone (3,000 CSS px -> 9,000 px) exceeds 8,192 on many GPUs.
    float max_framebuffer_px = 4096.0f;
    ImFont* body_font = nullptr;
    ImFont* heading_font = nullptr;

    bool mouse_down_in_canvas = false; // a drag that started on the canvas
    bool touch_active = false;
    int touch_id = -1;
    float touch_start_x = 0, touch_start_y = 0; // client coordinates
    bool touch_is_scroll = false;               // the finger is scrolling the page
    bool clear_pointer_next_frame = false;      // after a touch ends, forget the position
    bool focusing_text_input = false;           // our own focus move, not a real blur
    bool text_input_focused = false;
    std::string clipboard; // in-app clipboard: copy/paste always work inside the app
    float content_height = 0.0f;
    struct PngRequest {
        float x = 0, y = 0, width = 0, height = 0;
        std::string file_name;
    };
    std::optional<PngRequest> png_request; // taken after the next frame is drawn
};

PlatformState g_state;

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
    const wake = () => _mr_platform_wake();
    // Follow the container"s size (not the window"s) and DPR changes (zoom, monitor moves).
    if (typeof ResizeObserver !== "undefined") {
        new ResizeObserver(wake).observe(canvas.parentElement || canvas);
    }
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
    canvas.addEventListener("paste", onPaste);
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

EM_JS(void, js_focus_canvas, (const char* selector), {
    const canvas = document.querySelector(UTF8ToString(selector));
    if (canvas && document.activeElement !== canvas) canvas.focus({ preventScroll: true });
});

EM_JS(void, js_focus_text_input, (const char* selector), {
    const input = document.querySelector(UTF8ToString(selector));
    if (input) { input.value = ""; input.focus({ preventScroll: true }); }
});

EM_JS(void, js_blur_text_input, (const char* selector, const char* canvas_selector), {
    const input = document.querySelector(UTF8ToString(selector));
    if (input && document.activeElement === input) {
        const canvas = document.querySelector(UTF8ToString(canvas_selector));
        if (canvas) canvas.focus({ preventScroll: true }); else input.blur();
    }
});

EM_JS(void, js_canvas_client_origin, (const char* selector, float* out_xy), {
    const rect = document.querySelector(UTF8ToString(selector)).getBoundingClientRect();
    HEAPF32[out_xy >> 2] = rect.left;
    HEAPF32[(out_xy >> 2) + 1] = rect.top;
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

EM_JS(void, js_announce_ready, (), {
    document.documentElement.dataset.microreachReady = "true";
    window.__microreachFirstFrameMs = performance.now();  // read by the benchmark
    dispatchEvent(new CustomEvent("microreach:ready"));
});

EM_JS(int, js_is_apple_platform, (), {
    return /Mac|iPhone|iPad|iPod/.test(navigator.platform || navigator.userAgent) ? 1 : 0;
});

EM_JS(int, js_page_hidden, (), { return document.hidden ? 1 : 0; });
// clang-format on

void request_animation_frame();

// [SECTION] Keyboard mapping

struct CodeToKey {
    const char* code;
    ImGuiKey key;
};

// DOM KeyboardEvent.code names; layout-independent, which is what shortcuts need.
constexpr CodeToKey code_keys[] = {
    {"Tab", ImGuiKey_Tab},
    {"ArrowLeft", ImGuiKey_LeftArrow},
    {"ArrowRight", ImGuiKey_RightArrow},
    {"ArrowUp", ImGuiKey_UpArrow},
    {"ArrowDown", ImGuiKey_DownArrow},
    {"PageUp", ImGuiKey_PageUp},
    {"PageDown", ImGuiKey_PageDown},
    {"Home", ImGuiKey_Home},
    {"End", ImGuiKey_End},
    {"Insert", ImGuiKey_Insert},
    {"Delete", ImGuiKey_Delete},
    {"Backspace", ImGuiKey_Backspace},
    {"Space", ImGuiKey_Space},
    {"Enter", ImGuiKey_Enter},
    {"NumpadEnter", ImGuiKey_KeypadEnter},
    {"Escape", ImGuiKey_Escape},
    {"ShiftLeft", ImGuiKey_LeftShift},
    {"ShiftRight", ImGuiKey_RightShift},
    {"ControlLeft", ImGuiKey_LeftCtrl},
    {"ControlRight", ImGuiKey_RightCtrl},
    {"AltLeft", ImGuiKey_LeftAlt},
    {"AltRight", ImGuiKey_RightAlt},
    {"MetaLeft", ImGuiKey_LeftSuper},
    {"MetaRight", ImGuiKey_RightSuper},
    {"Minus", ImGuiKey_Minus},
    {"Equal", ImGuiKey_Equal},
    {"Comma", ImGuiKey_Comma},
    {"Period", ImGuiKey_Period},
    {"Slash", ImGuiKey_Slash},
    {"Semicolon", ImGuiKey_Semicolon},
    {"Quote", ImGuiKey_Apostrophe},
    {"BracketLeft", ImGuiKey_LeftBracket},
    {"BracketRight", ImGuiKey_RightBracket},
    {"Backslash", ImGuiKey_Backslash},
    {"Backquote", ImGuiKey_GraveAccent},
};

ImGuiKey key_from_code(const char* code) {
    if (std::strncmp(code, "Key", 3) == 0 && code[3] >= 'A' && code[3] <= 'Z' && code[4] == 0) {
        return static_cast<ImGuiKey>(ImGuiKey_A + (code[3] - 'A'));
    }
    if (std::strncmp(code, "Digit", 5) == 0 && code[5] >= '0' && code[5] <= '9' && code[6] == 0) {
        return static_cast<ImGuiKey>(ImGuiKey_0 + (code[5] - '0'));
    }
    if (code[0] == 'F' && code[1] >= '1' && code[1] <= '9') {
        const int number = std::atoi(code + 1);
        if (number >= 1 && number <= 12) {
            return static_cast<ImGuiKey>(ImGuiKey_F1 + number - 1);
        }
    }
    for (const auto& entry : code_keys) {
        if (std::strcmp(code, entry.code) == 0) {
            return entry.key;
        }
    }
    return ImGuiKey_None;
}

void update_modifiers(const EmscriptenKeyboardEvent& event) {
    ImGuiIO& io = ImGui::GetIO();
    io.AddKeyEvent(ImGuiMod_Ctrl, event.ctrlKey);
    io.AddKeyEvent(ImGuiMod_Shift, event.shiftKey);
    io.AddKeyEvent(ImGuiMod_Alt, event.altKey);
    io.AddKeyEvent(ImGuiMod_Super, event.metaKey);
}

// True for one printable character (one UTF-8 code point) in event.key.
bool is_printable_key(const EmscriptenKeyboardEvent& event) {
    const auto* key = reinterpret_cast<const unsigned char*>(event.key);
    if (key[0] == 0 || key[0] < 0x20) {
        return false;
    }
    const int length = key[0] < 0x80 ? 1 : key[0] < 0xE0 ? 2 : key[0] < 0xF0 ? 3 : 4;
    return key[length] == 0;
}

// [SECTION] Event callbacks

bool pointer_in_canvas_coordinates(long client_x, long client_y, float* x, float* y) {
    float origin[2] = {0, 0};
    js_canvas_client_origin(g_state.config.canvas_selector, origin);
    *x = static_cast<float>(client_x) - origin[0];
    *y = static_cast<float>(client_y) - origin[1];
    return true;
}

EM_BOOL on_mouse_button(int event_type, const EmscriptenMouseEvent* event, void*) {
    ImGuiIO& io = ImGui::GetIO();
    const bool down = event_type == EMSCRIPTEN_EVENT_MOUSEDOWN;
    if (!down && !g_state.mouse_down_in_canvas) {
        return EM_FALSE; // a release that belongs to the page
    }
    if (event->button > 2) {
        return EM_FALSE;
    }
    float x = 0, y = 0;
    pointer_in_canvas_coordinates(event->clientX, event->clientY, &x, &y);
    io.AddMouseSourceEvent(ImGuiMouseSource_Mouse);
    io.AddMousePosEvent(x, y);
    // DOM buttons: 0 left, 1 middle, 2 right; ImGui: 0 left, 1 right, 2 middle.
    const int button = event->button == 1 ? 2 : event->button == 2 ? 1 : 0;
    io.AddMouseButtonEvent(button, down);
    g_state.mouse_down_in_canvas = down ? true : (event->buttons != 0);
    if (down) {
        js_focus_canvas(g_state.config.canvas_selector);
    }
    platform_request_frames();
    // Pressing on the canvas is the app's: no text selection or focus changes on the page.
    return down ? EM_TRUE : EM_FALSE;
}

EM_BOOL on_mouse_move(int, const EmscriptenMouseEvent* event, void* from_document) {
    // The canvas listener handles hover; the document listener only follows drags
    // that started on the canvas and left it.
    if (from_document != nullptr && !g_state.mouse_down_in_canvas) {
        return EM_FALSE;
    }
    if (g_state.touch_active) {
        return EM_FALSE; // emulated mouse events during touch
    }
    float x = 0, y = 0;
    pointer_in_canvas_coordinates(event->clientX, event->clientY, &x, &y);
    ImGuiIO& io = ImGui::GetIO();
    io.AddMouseSourceEvent(ImGuiMouseSource_Mouse);
    io.AddMousePosEvent(x, y);
    platform_request_frames();
    return EM_FALSE;
}

EM_BOOL on_mouse_leave(int, const EmscriptenMouseEvent*, void*) {
    if (!g_state.mouse_down_in_canvas) {
        ImGui::GetIO().AddMousePosEvent(-FLT_MAX, -FLT_MAX);
        platform_request_frames();
    }
    return EM_FALSE;
}

// Can the window under the pointer (or one of its parents) scroll this way?
bool hovered_window_can_scroll(float wheel_x, float wheel_y) {
    ImGuiContext& context = *ImGui::GetCurrentContext();
    for (ImGuiWindow* window = context.HoveredWindow; window != nullptr;
         window = window->ParentWindow) {
        if (window->Flags & ImGuiWindowFlags_NoScrollWithMouse) {
            continue;
        }
        if (wheel_y > 0 && window->Scroll.y > 0.5f) {
            return true;
        }
        if (wheel_y < 0 && window->Scroll.y < window->ScrollMax.y - 0.5f) {
            return true;
        }
        if (wheel_x > 0 && window->Scroll.x > 0.5f) {
            return true;
        }
        if (wheel_x < 0 && window->Scroll.x < window->ScrollMax.x - 0.5f) {
            return true;
        }
        if (!(window->Flags & ImGuiWindowFlags_ChildWindow)) {
            break;
        }
    }
    return false;
}

EM_BOOL on_wheel(int, const EmscriptenWheelEvent* event, void*) {
    if (event->mouse.ctrlKey || event->mouse.metaKey) {
        return EM_FALSE; // browser zoom
    }
    // DOM: positive deltaY scrolls down; ImGui: positive wheel scrolls up. ImGui
    // expects about one unit per notch (three lines, or ~100 pixels).
    const double scale = event->deltaMode == DOM_DELTA_PIXEL  ? 1.0 / 100.0
                         : event->deltaMode == DOM_DELTA_LINE ? 1.0 / 3.0
                                                              : 1.0;
    const float wheel_x = static_cast<float>(-event->deltaX * scale);
    const float wheel_y = static_cast<float>(-event->deltaY * scale);
    // A good guest: the page scrolls unless the hovered panel can scroll itself.
    if (!hovered_window_can_scroll(wheel_x, wheel_y)) {
        return EM_FALSE;
    }
    ImGuiIO& io = ImGui::GetIO();
    io.AddMouseSourceEvent(ImGuiMouseSource_Mouse);
    io.AddMouseWheelEvent(wheel_x, wheel_y);
    platform_request_frames();
    return EM_TRUE;
}

const EmscriptenTouchPoint* find_touch(const EmscriptenTouchEvent* event, int id,
                                       bool changed_only) {
    for (int i = 0; i < event->numTouches; ++i) {
        const auto& touch = event->touches[i];
        if ((id < 0 || touch.identifier == id) && (!changed_only || touch.isChanged)) {
            return &touch;
        }
    }
    return nullptr;
}

EM_BOOL on_touch_start(int, const EmscriptenTouchEvent* event, void*) {
    if (g_state.touch_active) {
        return EM_FALSE; // second finger: leave pinch-zoom to the browser
    }
    const EmscriptenTouchPoint* touch = find_touch(event, -1, true);
    if (touch == nullptr) {
        return EM_FALSE;
    }
    g_state.touch_active = true;
    g_state.touch_id = touch->identifier;
    g_state.touch_is_scroll = false;
    g_state.touch_start_x = static_cast<float>(touch->clientX);
    g_state.touch_start_y = static_cast<float>(touch->clientY);
    float x = 0, y = 0;
    pointer_in_canvas_coordinates(touch->clientX, touch->clientY, &x, &y);
    ImGuiIO& io = ImGui::GetIO();
    // Position first, then the press: ImGui's event queue keeps the order, so the
    // first tap already lands on the widget under the finger.
    io.AddMouseSourceEvent(ImGuiMouseSource_TouchScreen);
    io.AddMousePosEvent(x, y);
    io.AddMouseButtonEvent(0, true);
    platform_request_frames();
    // Not cancelled: with `touch-action: pan-y` vertical swipes still scroll the page.
    return EM_FALSE;
}

EM_BOOL on_touch_move(int, const EmscriptenTouchEvent* event, void*) {
    if (!g_state.touch_active) {
        return EM_FALSE;
    }
    const EmscriptenTouchPoint* touch = find_touch(event, g_state.touch_id, false);
    if (touch == nullptr) {
        return EM_FALSE;
    }
    const float dx = static_cast<float>(touch->clientX) - g_state.touch_start_x;
    const float dy = static_cast<float>(touch->clientY) - g_state.touch_start_y;
    ImGuiIO& io = ImGui::GetIO();
    if (!g_state.touch_is_scroll && std::fabs(dy) > 10.0f && std::fabs(dy) > std::fabs(dx)) {
        // The browser is scrolling the page: cancel the press without a click.
        g_state.touch_is_scroll = true;
        io.AddMousePosEvent(-FLT_MAX, -FLT_MAX);
        io.AddMouseButtonEvent(0, false);
        platform_request_frames();
        return EM_FALSE;
    }
    if (!g_state.touch_is_scroll) {
        float x = 0, y = 0;
        pointer_in_canvas_coordinates(touch->clientX, touch->clientY, &x, &y);
        io.AddMousePosEvent(x, y);
        platform_request_frames();
    }
    return EM_FALSE;
}

EM_BOOL on_touch_end(int event_type, const EmscriptenTouchEvent* event, void*) {
    if (!g_state.touch_active) {
        return EM_FALSE;
    }
    const EmscriptenTouchPoint* touch = find_touch(event, g_state.touch_id, true);
    if (touch == nullptr) {
        return EM_FALSE;
    }
    g_state.touch_active = false;
    ImGuiIO& io = ImGui::GetIO();
    const bool cancelled = event_type == EMSCRIPTEN_EVENT_TOUCHCANCEL || g_state.touch_is_scroll;
    if (!g_state.touch_is_scroll) {
        float x = 0, y = 0;
        pointer_in_canvas_coordinates(touch->clientX, touch->clientY, &x, &y);
        if (cancelled) {
            io.AddMousePosEvent(-FLT_MAX, -FLT_MAX);
        } else {
            io.AddMousePosEvent(x, y);
            // Phones open their keyboard only for a focus made inside the tap itself.
            if (test_hook_inputable_at(x, y)) {
                g_state.focusing_text_input = true;
                js_focus_text_input(g_state.config.text_input_selector);
                g_state.focusing_text_input = false;
                g_state.text_input_focused = true;
            }
        }
        io.AddMouseButtonEvent(0, false);
    }
    g_state.clear_pointer_next_frame = true; // no lingering hover after the finger lifts
    platform_request_frames();
    // Cancelling touchend stops the browser's emulated mouse events (a double click).
    return cancelled ? EM_FALSE : EM_TRUE;
}

EM_BOOL on_key(int event_type, const EmscriptenKeyboardEvent* event, void*) {
    ImGuiIO& io = ImGui::GetIO();
    const bool down = event_type == EMSCRIPTEN_EVENT_KEYDOWN;
    const bool shortcut_modifier = io.ConfigMacOSXBehaviors ? event->metaKey : event->ctrlKey;
    const ImGuiKey key = key_from_code(event->code);

    // Paste comes from the DOM paste event (the only way to read the system clipboard).
    if (down && shortcut_modifier && key == ImGuiKey_V) {
        return EM_FALSE;
    }
    // Tab belongs to ImGui only while a text field is being edited; otherwise the
    // browser moves focus, so keyboard users can always leave the calculator.
    if (key == ImGuiKey_Tab && !io.WantTextInput) {
        return EM_FALSE;
    }
    update_modifiers(*event);
    if (key != ImGuiKey_None) {
        io.AddKeyEvent(key, down);
    }
    bool consumed = false;
    if (down && io.WantTextInput && !shortcut_modifier && is_printable_key(*event)) {
        io.AddInputCharactersUTF8(event->key);
        consumed = true;
    }
    platform_request_frames();
    if (io.WantTextInput && key != ImGuiKey_None) {
        consumed = true; // editing: Backspace, arrows, Enter are the field's
    }
    const bool navigation_key = key == ImGuiKey_Space || key == ImGuiKey_Enter ||
                                key == ImGuiKey_Escape ||
                                (key >= ImGuiKey_LeftArrow && key <= ImGuiKey_DownArrow);
    if (io.NavActive && io.NavVisible && navigation_key) {
        consumed = true; // keyboard navigation inside the app instead of page scrolling
    }
    if (shortcut_modifier && (key == ImGuiKey_Z || key == ImGuiKey_Y) && down) {
        consumed = true; // undo/redo are the app's while it has focus
    }
    return consumed ? EM_TRUE : EM_FALSE;
}

EM_BOOL on_focus(int event_type, const EmscriptenFocusEvent*, void*) {
    const bool focused = event_type == EMSCRIPTEN_EVENT_FOCUS;
    if (!focused && (g_state.focusing_text_input || g_state.text_input_focused)) {
        return EM_FALSE; // focus moved to our own hidden text input
    }
    ImGui::GetIO().AddFocusEvent(focused);
    platform_request_frames();
    return EM_FALSE;
}

EM_BOOL on_visibility(int, const EmscriptenVisibilityChangeEvent* event, void*) {
    if (!event->hidden) {
        platform_request_frames();
    }
    return EM_FALSE;
}

void register_callbacks() {
    const char* canvas = g_state.config.canvas_selector;
    emscripten_set_mousedown_callback(canvas, nullptr, EM_FALSE, on_mouse_button);
    emscripten_set_mouseup_callback(canvas, nullptr, EM_FALSE, on_mouse_button);
    emscripten_set_mousemove_callback(canvas, nullptr, EM_FALSE, on_mouse_move);
    emscripten_set_mouseleave_callback(canvas, nullptr, EM_FALSE, on_mouse_leave);
    // Drags that leave the canvas: followed on the document, never consumed there.
    static int document_marker = 1;
    emscripten_set_mousemove_callback(EMSCRIPTEN_EVENT_TARGET_DOCUMENT, &document_marker, EM_FALSE,
                                      on_mouse_move);
    emscripten_set_mouseup_callback(EMSCRIPTEN_EVENT_TARGET_DOCUMENT, nullptr, EM_FALSE,
                                    on_mouse_button);
    emscripten_set_wheel_callback(canvas, nullptr, EM_FALSE, on_wheel);
    emscripten_set_touchstart_callback(canvas, nullptr, EM_FALSE, on_touch_start);
    emscripten_set_touchmove_callback(canvas, nullptr, EM_FALSE, on_touch_move);
    emscripten_set_touchend_callback(canvas, nullptr, EM_FALSE, on_touch_end);
    emscripten_set_touchcancel_callback(canvas, nullptr, EM_FALSE, on_touch_end);
    emscripten_set_keydown_callback(canvas, nullptr, EM_FALSE, on_key);
    emscripten_set_keyup_callback(canvas, nullptr, EM_FALSE, on_key);
    emscripten_set_focus_callback(canvas, nullptr, EM_FALSE, on_focus);
    emscripten_set_blur_callback(canvas, nullptr, EM_FALSE, on_focus);
    emscripten_set_visibilitychange_callback(nullptr, EM_FALSE, on_visibility);
}

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
    g_state.body_font = io.Fonts->AddFontFromMemoryTTF(
        data, size, std::round(g_state.config.body_font_px * dpr), &font_config, ranges);
    g_state.heading_font = io.Fonts->AddFontFromMemoryTTF(
        data, size, std::round(g_state.config.heading_font_px * dpr), &font_config, ranges);
    // Glyphs are rasterized at device pixels and drawn at 1/dpr: sharp on every screen.
    io.FontGlobalScale = 1.0f / dpr;
    io.Fonts->Build();
    webgl_renderer_upload_fonts();
    g_state.font_dpr = dpr;
}

// [SECTION] Frame loop

void draw_frame() {
    const double start_ms = emscripten_get_now();
    ImGuiIO& io = ImGui::GetIO();

    double css_width = 0, css_height = 0;
    emscripten_get_element_css_size(g_state.config.canvas_selector, &css_width, &css_height);
    const float dpr = static_cast<float>(emscripten_get_device_pixel_ratio());
    if (dpr != g_state.font_dpr) {
        rebuild_fonts(dpr);
    }
    // The drawing buffer follows the DPR, but never beyond what the GPU can draw: a
    // taller canvas draws at a slightly lower resolution instead of breaking.
    float framebuffer_scale = dpr;
    const double longest = std::max(css_width, css_height);
    if (longest * framebuffer_scale > g_state.max_framebuffer_px) {
        framebuffer_scale = static_cast<float>(g_state.max_framebuffer_px / longest);
    }
    const int pixel_width = static_cast<int>(std::lround(css_width * framebuffer_scale));
    const int pixel_height = static_cast<int>(std::lround(css_height * framebuffer_scale));
    int current_width = 0, current_height = 0;
    emscripten_get_canvas_element_size(g_state.config.canvas_selector, &current_width,
                                       &current_height);
    if (current_width != pixel_width || current_height != pixel_height) {
        emscripten_set_canvas_element_size(g_state.config.canvas_selector, pixel_width,
                                           pixel_height);
    }
    io.DisplaySize = ImVec2(static_cast<float>(css_width), static_cast<float>(css_height));
    io.DisplayFramebufferScale = ImVec2(framebuffer_scale, framebuffer_scale);
    const double now_s = start_ms / 1000.0;
    static double previous_s = now_s;
    // After an idle pause the real gap can be minutes; ImGui only needs a sane step.
    io.DeltaTime = static_cast<float>(std::min(std::max(now_s - previous_s, 1.0 / 240.0), 0.1));
    previous_s = now_s;

    g_state.animating = false;
    test_hook_begin_frame();
    ImGui::NewFrame();
    g_state.frame(g_state.user);
    ImGui::Render();

    const ImVec4 clear = ImGui::GetStyle().Colors[ImGuiCol_WindowBg];
    webgl_renderer_draw(*ImGui::GetDrawData(), pixel_width, pixel_height,
                        {clear.x, clear.y, clear.z});
    if (g_state.png_request) {
        const auto& r = *g_state.png_request;
        const auto px = [&](float css) {
            return static_cast<int>(std::lround(css * framebuffer_scale));
        };
        const int x = std::clamp(px(r.x), 0, pixel_width);
        const int y = std::clamp(px(r.y), 0, pixel_height);
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
        js_blur_text_input(g_state.config.text_input_selector, g_state.config.canvas_selector);
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
    register_callbacks();
    js_install_page_glue(config.canvas_selector, config.text_input_selector);
    platform_request_frames();
    return true;
}

void platform_request_frames(int count) {
    g_state.frames_wanted = std::max(g_state.frames_wanted, count + g_state.config.settle_frames);
    request_animation_frame();
}

void platform_save_png(float x, float y, float width, float height, std::string file_name) {
    g_state.png_request = PlatformState::PngRequest{x, y, width, height, std::move(file_name)};
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

EMSCRIPTEN_KEEPALIVE void mr_platform_paste(const char* text) {
    web::g_state.clipboard = text;
    ImGuiIO& io = ImGui::GetIO();
    const ImGuiKey modifier = io.ConfigMacOSXBehaviors ? ImGuiMod_Super : ImGuiMod_Ctrl;
    // Replay the shortcut now that the text is in the app's clipboard.
    io.AddKeyEvent(modifier, true);
    io.AddKeyEvent(ImGuiKey_V, true);
    io.AddKeyEvent(ImGuiKey_V, false);
    io.AddKeyEvent(modifier, false);
    web::platform_request_frames();
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
    if (web::g_state.text_input_focused) {
        web::g_state.text_input_focused = false;
        ImGui::GetIO().AddFocusEvent(false); // the phone keyboard was dismissed
        web::platform_request_frames();
    }
}

} // extern "C"
