// State shared by the two halves of the browser platform layer: browser_platform.cpp
// (WebGL context, fonts, frame loop, public functions) and browser_input.cpp (mouse,
// wheel, touch, keys, focus). Internal to web/platform.
#pragma once

#include "imgui.h"
#include "web/platform/browser_platform.hpp"

#include <emscripten/html5.h>
#include <optional>
#include <string>

namespace web::detail {

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
    bool touch_is_scroll = false;               // the finger is scrolling the page (or a table)
    bool cancel_touch_activation = false;       // the press became a swipe
    ImGuiID touch_pan_window = 0;               // the table the finger scrolls sideways
    float touch_last_x = 0;                     // client x of its last move
    bool clear_pointer_next_frame = false;      // after a touch ends, forget the position
    bool focusing_text_input = false;           // our own focus move, not a real blur
    bool text_input_focused = false;
    std::string clipboard; // in-app clipboard: copy/paste always work inside the app
    float content_height = 0.0f;
    float scroll_y = 0.0f; // layout y shown at the canvas's top edge
    struct PngRequest {
        float x = 0, y = 0, width = 0, height = 0;
        std::string file_name;
    };
    std::optional<PngRequest> png_request; // taken after the next frame is drawn
};

extern PlatformState g_state;

// Registers the html5.h callbacks on the canvas and its frame.
void register_input_callbacks();
// Pointer position in layout coordinates (CSS pixels from the frame's top left; the
// canvas shows only the visible part of the layout).
void pointer_in_layout(long client_x, long client_y, float* x, float* y);

} // namespace web::detail
