// The performance baseline: a bare Dear ImGui page built from the same ImGui
// source with the same size flags as Microreach: one window, one button, html5
// mouse input on the canvas, its own WebGL2 context, embind linked, ImGui's
// built-in font, and the usual example loop (a frame on every animation frame).
// The benchmark compares Microreach's transfer size and time to first frame to it.
#include "imgui.h"
#include "imgui_impl_opengl3.h"

#include <GLES3/gl3.h>
#include <emscripten/bind.h>
#include <emscripten/emscripten.h>
#include <emscripten/html5.h>

namespace {

const char* const canvas = "#canvas";
int g_clicks = 0;
bool g_first_frame_reported = false;

// clang-format off
EM_JS(void, js_report_first_frame, (), {
    document.documentElement.dataset.microreachReady = "true";
    window.__firstFrameMs = performance.now();
});
// clang-format on

EM_BOOL on_mouse(int type, const EmscriptenMouseEvent* event, void*) {
    ImGuiIO& io = ImGui::GetIO();
    io.AddMousePosEvent(static_cast<float>(event->targetX), static_cast<float>(event->targetY));
    if (type == EMSCRIPTEN_EVENT_MOUSEDOWN || type == EMSCRIPTEN_EVENT_MOUSEUP) {
        io.AddMouseButtonEvent(0, type == EMSCRIPTEN_EVENT_MOUSEDOWN);
    }
    return EM_TRUE;
}

void frame() {
    double width = 0, height = 0;
    emscripten_get_element_css_size(canvas, &width, &height);
    emscripten_set_canvas_element_size(canvas, static_cast<int>(width), static_cast<int>(height));
    ImGuiIO& io = ImGui::GetIO();
    io.DisplaySize = ImVec2(static_cast<float>(width), static_cast<float>(height));
    ImGui_ImplOpenGL3_NewFrame();
    ImGui::NewFrame();
    ImGui::Begin("Bare Dear ImGui");
    if (ImGui::Button("Button")) {
        ++g_clicks;
    }
    ImGui::End();
    ImGui::Render();
    glViewport(0, 0, static_cast<int>(width), static_cast<int>(height));
    glClearColor(0.1f, 0.1f, 0.1f, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
    if (!g_first_frame_reported) {
        g_first_frame_reported = true;
        js_report_first_frame();
    }
}

int clicks() {
    return g_clicks;
}

} // namespace

EMSCRIPTEN_BINDINGS(bare_page) {
    emscripten::function("clicks", &clicks);
}

int main() {
    EmscriptenWebGLContextAttributes attributes;
    emscripten_webgl_init_context_attributes(&attributes);
    attributes.majorVersion = 2;
    const auto context = emscripten_webgl_create_context(canvas, &attributes);
    emscripten_webgl_make_context_current(context);
    ImGui::CreateContext();
    ImGui::GetIO().IniFilename = nullptr;
    ImGui_ImplOpenGL3_Init("#version 300 es");
    emscripten_set_mousedown_callback(canvas, nullptr, EM_TRUE, on_mouse);
    emscripten_set_mouseup_callback(canvas, nullptr, EM_TRUE, on_mouse);
    emscripten_set_mousemove_callback(canvas, nullptr, EM_TRUE, on_mouse);
    emscripten_set_main_loop(frame, 0, false);
    return 0;
}
