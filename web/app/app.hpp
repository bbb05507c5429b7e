// The Microreach app: one application state, drawn every frame with Dear ImGui.
// The UI edits inputs only; every result is recomputed from them by the core.
#pragma once

#include <string>

namespace web {

struct AppOptions {
    bool embed_mode = false;  // compact, no page chrome (set by ?embed=1)
};

class App {
public:
    explicit App(const AppOptions& options);
    // Draws the whole UI for one frame (between ImGui::NewFrame and ImGui::Render).
    void draw_frame();
    // The application state as JSON, for the test hook.
    [[nodiscard]] std::string state_json() const;

private:
    AppOptions options_;
    long frames_ = 0;
    int clicks_ = 0;
};

}  // namespace web
