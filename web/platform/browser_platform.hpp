// The browser platform layer: owns the WebGL2 context, feeds Dear ImGui from
// emscripten/html5.h events registered on the canvas and its frame (never on window or
// document, so the host page keeps its scroll, keys and focus), keeps the canvas
// sharp at any devicePixelRatio, and draws only when something changed.
//
// Page geometry: the frame (the canvas's parent) is as tall as the app's content, so
// the page scrolls naturally; the canvas inside it is sticky and never taller than the
// viewport, and draws the part of the layout that is in view. Every page height
// renders at the full devicePixelRatio with GPU memory bounded by the screen.
// Keyboard and screen readers use the accessible mirror (mirror.hpp) in the frame.
//
// Frame policy: a frame is drawn on input, resize, DPR change or a running
// animation, plus `settle_frames` more so ImGui can settle hover and popups; then
// no requestAnimationFrame is pending at all. Hidden pages draw nothing.
#pragma once

#include <string>

struct ImFont;

namespace web {

struct PlatformConfig {
    const char* canvas_selector = "#microreach-canvas"; // the <canvas> to draw on
    // Its parent, sized to the whole layout (the page scrolls it); it holds the keyboard
    // focus and the accessible mirror of the controls. Given this id if it has none.
    const char* frame_selector = "#microreach-frame";
    const char* text_input_selector =
        "#microreach-text-input";   // hidden <input> for phone keyboards
    float body_font_px = 16.0f;     // UI text size in CSS pixels
    float heading_font_px = 22.0f;  // screen titles
    int settle_frames = 3;          // frames drawn after the last event
    bool publish_test_hook = false; // publish widgets and state on window.__microreachTest
};

// Builds one ImGui frame (called between ImGui::NewFrame and ImGui::Render).
using FrameFunction = void (*)(void* user);
// Returns the application state as JSON for the test hook (only called when it is on).
using StateJsonFunction = std::string (*)(void* user);

// Creates the GL context and ImGui, registers input, draws the first frame.
// Returns false with a message for the page when WebGL2 is unavailable.
[[nodiscard]] bool platform_start(const PlatformConfig& config, FrameFunction frame,
                                  StateJsonFunction state_json, void* user, std::string* error);

// Asks for frames: at least `count`, plus the settle frames.
void platform_request_frames(int count = 1);
// Called from inside a frame: an animation is running, draw the next frame too.
void platform_keep_animating();
// Sets the canvas container's CSS height so the page (or embedding iframe) can size itself.
void platform_set_content_height(float css_px);
// Offers a rectangle of the canvas (CSS pixels, as ImGui places items) as a PNG download,
// at the device's resolution, once the next frame is drawn (the only moment WebGL's
// drawing buffer can be read).
void platform_save_png(float x, float y, float width, float height, std::string file_name);

// Opens this page without ?embed and ?view, on the share fragment `fragment` (the
// scenario), in a new tab: the compact embed's way to the full calculator.
void platform_open_full_calculator(const std::string& fragment);

[[nodiscard]] ImFont* platform_body_font();
[[nodiscard]] ImFont* platform_heading_font();
[[nodiscard]] long platform_frames_drawn();
[[nodiscard]] float platform_device_pixel_ratio();

} // namespace web
