// Draws ImGui's draw lists with WebGL2. The app owns its WebGL2 context and nothing
// else draws into it, so the GL state is set once at start instead of being saved and
// restored around every frame as ImGui's generic OpenGL backend does: each of those
// reads (glGetIntegerv) is a synchronous round trip to the browser's GPU process, and
// together they cost more than building the whole UI.
#pragma once

struct ImDrawData;

namespace web {

// Compiles the shader and creates the buffers; the context must be current.
// Returns false (and the reason in *error) when the shader does not compile.
[[nodiscard]] bool webgl_renderer_init(const char** error);

// Uploads ImGui's font atlas (after io.Fonts->Build()), replacing the previous one.
void webgl_renderer_upload_fonts();

// Clears to `clear_rgb` and draws one frame into a framebuffer of the given size.
void webgl_renderer_draw(const ImDrawData& data, int framebuffer_width, int framebuffer_height,
                         const float (&clear_rgb)[3]);

} // namespace web
