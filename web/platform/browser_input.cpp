// Input for the browser platform layer: DOM keyboard codes to ImGui keys, and the
// html5.h callbacks for mouse, wheel, touch, keys and focus. Pointer events come from
// the canvas; keys and focus from its frame, which holds the canvas and the accessible
// mirror's controls (keys pressed on a mirror control bubble up to it).
//
// [SECTION] Index
// - JavaScript glue (EM_JS)
// - Keyboard mapping
// - Event callbacks: mouse, wheel, touch, keys, focus, visibility

#include "imgui.h"
#include "imgui_internal.h"
#include "web/platform/browser_platform_internal.hpp"
#include "web/platform/mirror.hpp"
#include "web/platform/test_hook.hpp"

#include <cfloat>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <emscripten/emscripten.h>
#include <emscripten/html5.h>

namespace web::detail {
namespace {

// [SECTION] JavaScript glue (EM_JS)

// clang-format off
// A press on the canvas gives the keyboard to the app: to the frame (which holds the
// canvas and the mirror), unless a control of the mirror already has it.
EM_JS(void, js_focus_frame, (const char* selector), {
    const frame = document.querySelector(UTF8ToString(selector));
    if (frame && !frame.contains(document.activeElement)) frame.focus({ preventScroll: true });
});

EM_JS(void, js_focus_text_input, (const char* selector), {
    const input = document.querySelector(UTF8ToString(selector));
    if (input) { input.value = ""; input.focus({ preventScroll: true }); }
});

EM_JS(void, js_frame_client_origin, (const char* selector, float* out_xy), {
    const rect = document.querySelector(UTF8ToString(selector)).getBoundingClientRect();
    HEAPF32[out_xy >> 2] = rect.left;
    HEAPF32[(out_xy >> 2) + 1] = rect.top;
});
// clang-format on

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
    pointer_in_layout(event->clientX, event->clientY, &x, &y);
    io.AddMouseSourceEvent(ImGuiMouseSource_Mouse);
    io.AddMousePosEvent(x, y);
    // DOM buttons: 0 left, 1 middle, 2 right; ImGui: 0 left, 1 right, 2 middle.
    const int button = event->button == 1 ? 2 : event->button == 2 ? 1 : 0;
    io.AddMouseButtonEvent(button, down);
    g_state.mouse_down_in_canvas = down ? true : (event->buttons != 0);
    if (down) {
        js_focus_frame(g_state.config.frame_selector);
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
    pointer_in_layout(event->clientX, event->clientY, &x, &y);
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
    g_state.touch_pan_window = 0;
    g_state.touch_start_x = static_cast<float>(touch->clientX);
    g_state.touch_start_y = static_cast<float>(touch->clientY);
    float x = 0, y = 0;
    pointer_in_layout(touch->clientX, touch->clientY, &x, &y);
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

// The window under the finger's first position (or a parent) that can scroll sideways:
// a wide table. Found by position, front-most first, not through HoveredWindow: on a
// loaded machine the first move can arrive before any frame has seen the press.
ImGuiWindow* sideways_scrollable_window() {
    float x = 0, y = 0;
    pointer_in_layout(static_cast<long>(g_state.touch_start_x),
                      static_cast<long>(g_state.touch_start_y), &x, &y);
    const ImVec2 point(x, y);
    ImGuiContext& g = *ImGui::GetCurrentContext();
    for (int i = g.Windows.Size - 1; i >= 0; --i) {
        ImGuiWindow* window = g.Windows[i];
        if (!window->WasActive || window->Hidden || !window->Rect().Contains(point)) {
            continue;
        }
        for (; window != nullptr; window = window->ParentWindow) {
            if (window->ScrollMax.x > 0.5f) {
                return window;
            }
        }
    }
    return nullptr;
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
    if (g_state.touch_pan_window != 0) {
        // A sideways swipe over a table: the finger drags its content.
        if (ImGuiWindow* window = ImGui::FindWindowByID(g_state.touch_pan_window)) {
            const float x = static_cast<float>(touch->clientX);
            ImGui::SetScrollX(window, window->Scroll.x - (x - g_state.touch_last_x));
            g_state.touch_last_x = x;
            platform_request_frames();
        }
        return EM_TRUE;
    }
    const bool vertical = std::fabs(dy) > 10.0f && std::fabs(dy) > std::fabs(dx);
    const bool sideways = std::fabs(dx) > 10.0f && std::fabs(dx) > std::fabs(dy);
    ImGuiWindow* pan = sideways ? sideways_scrollable_window() : nullptr;
    if (!g_state.touch_is_scroll && (vertical || pan != nullptr)) {
        // The page scrolls (or a table, sideways): cancel the press without a click.
        g_state.touch_is_scroll = true;
        g_state.cancel_touch_activation = true; // a field the press opened closes again
        io.AddMousePosEvent(-FLT_MAX, -FLT_MAX);
        io.AddMouseButtonEvent(0, false);
        if (pan != nullptr) {
            g_state.touch_pan_window = pan->ID;
            g_state.touch_last_x = static_cast<float>(touch->clientX);
        }
        platform_request_frames();
        return pan != nullptr ? EM_TRUE : EM_FALSE;
    }
    if (!g_state.touch_is_scroll) {
        float x = 0, y = 0;
        pointer_in_layout(touch->clientX, touch->clientY, &x, &y);
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
        pointer_in_layout(touch->clientX, touch->clientY, &x, &y);
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

    // A field being edited in the mirror's own <input> (a screen reader set its value,
    // an input method, autofill): the browser edits it; Enter or leaving commits it.
    if (mirror_dom_editing()) {
        return EM_FALSE;
    }
    // Paste comes from the DOM paste event (the only way to read the system clipboard).
    if (down && shortcut_modifier && key == ImGuiKey_V) {
        return EM_FALSE;
    }
    // Tab and Shift+Tab are the browser's, as in a web form: they move through the
    // mirror's controls (in the order the app draws them) and, past the last or the
    // first, out of the calculator. A field being edited commits first.
    if (key == ImGuiKey_Tab) {
        if (down && io.WantTextInput) {
            mirror_leave_text_field();
        }
        return EM_FALSE;
    }
    update_modifiers(*event);
    // Enter or Space on a focused control (not a field being edited) activates it, as a
    // click would; Space on a text field is typed into it.
    const bool activation_key =
        key == ImGuiKey_Enter || key == ImGuiKey_KeypadEnter || key == ImGuiKey_Space;
    if (activation_key && !io.WantTextInput && mirror_has_focus() && !shortcut_modifier) {
        if (down && !event->repeat && !(key == ImGuiKey_Space && mirror_start_typing(" "))) {
            mirror_activate_focused();
        }
        return EM_TRUE;
    }
    // Arrow keys in a table move between its cells, as in a spreadsheet; in a combo's
    // open list they are ImGui's; elsewhere they scroll the page, as on a web form.
    if (key >= ImGuiKey_LeftArrow && key <= ImGuiKey_DownArrow && !io.WantTextInput &&
        mirror_has_focus() && !shortcut_modifier && !mirror_popup_open()) {
        const int dx = key == ImGuiKey_LeftArrow ? -1 : key == ImGuiKey_RightArrow ? 1 : 0;
        const int dy = key == ImGuiKey_UpArrow ? -1 : key == ImGuiKey_DownArrow ? 1 : 0;
        return down && mirror_move_in_table(dx, dy) ? EM_TRUE : EM_FALSE;
    }
    // Typing on a focused field that is not being edited starts editing it (its text
    // selected, so the first key replaces it).
    if (down && !io.WantTextInput && !shortcut_modifier && !event->altKey &&
        is_printable_key(*event) && mirror_start_typing(event->key)) {
        platform_request_frames();
        return EM_TRUE;
    }
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
    // A control has the keyboard focus: Escape (and the arrows in a combo's list) are
    // ImGui's keyboard navigation, not a page scroll.
    if (navigation_key && (mirror_has_focus() || (io.NavActive && io.NavVisible))) {
        consumed = true;
    }
    if (shortcut_modifier && (key == ImGuiKey_Z || key == ImGuiKey_Y) && down) {
        consumed = true; // undo/redo are the app's while it has focus
    }
    return consumed ? EM_TRUE : EM_FALSE;
}

EM_BOOL on_visibility(int, const EmscriptenVisibilityChangeEvent* event, void*) {
    if (!event->hidden) {
        platform_request_frames();
    }
    return EM_FALSE;
}

} // namespace

void pointer_in_layout(long client_x, long client_y, float* x, float* y) {
    float origin[2] = {0, 0};
    js_frame_client_origin(g_state.config.frame_selector, origin);
    *x = static_cast<float>(client_x) - origin[0];
    *y = static_cast<float>(client_y) - origin[1];
}

void register_input_callbacks() {
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
    // Keys pressed on the frame or on any mirror control inside it (they bubble).
    const char* frame = g_state.config.frame_selector;
    emscripten_set_keydown_callback(frame, nullptr, EM_FALSE, on_key);
    emscripten_set_keyup_callback(frame, nullptr, EM_FALSE, on_key);
    emscripten_set_visibilitychange_callback(nullptr, EM_FALSE, on_visibility);
}

} // namespace web::detail
