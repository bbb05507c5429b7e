#include "web/platform/webgl_renderer.hpp"

#include "imgui.h"

#include <GLES3/gl3.h>
#include <algorithm>
#include <cstddef>
#include <cstdint>

namespace web {
namespace {

constexpr const char* vertex_shader_source = R"(#version 300 es
uniform mat4 u_projection;
layout(location = 0) in vec2 a_position;
layout(location = 1) in vec2 a_uv;
layout(location = 2) in vec4 a_colour;
out vec2 v_uv;
out vec4 v_colour;
void main() {
    v_uv = a_uv;
    v_colour = a_colour;
    gl_Position = u_projection * vec4(a_position, 0.0, 1.0);
})";

constexpr const char* fragment_shader_source = R"(#version 300 es
precision mediump float;
uniform sampler2D u_texture;
in vec2 v_uv;
in vec4 v_colour;
out vec4 out_colour;
void main() {
    out_colour = v_colour * texture(u_texture, v_uv);
})";

struct Renderer {
    GLuint program = 0;
    GLint projection = -1;
    GLuint vertex_array = 0;
    GLuint vertex_buffer = 0;
    GLuint index_buffer = 0;
    GLuint font_texture = 0;
};
Renderer g_renderer;

GLuint compile(GLenum type, const char* source, const char** error) {
    const GLuint shader = glCreateShader(type);
    glShaderSource(shader, 1, &source, nullptr);
    glCompileShader(shader);
    GLint ok = GL_FALSE;
    glGetShaderiv(shader, GL_COMPILE_STATUS, &ok);
    if (ok != GL_TRUE) {
        *error = "the WebGL2 shader did not compile";
        glDeleteShader(shader);
        return 0;
    }
    return shader;
}

} // namespace

bool webgl_renderer_init(const char** error) {
    Renderer& r = g_renderer;
    const GLuint vertex = compile(GL_VERTEX_SHADER, vertex_shader_source, error);
    const GLuint fragment = compile(GL_FRAGMENT_SHADER, fragment_shader_source, error);
    if (vertex == 0 || fragment == 0) {
        return false;
    }
    r.program = glCreateProgram();
    glAttachShader(r.program, vertex);
    glAttachShader(r.program, fragment);
    glLinkProgram(r.program);
    glDeleteShader(vertex);
    glDeleteShader(fragment);
    GLint linked = GL_FALSE;
    glGetProgramiv(r.program, GL_LINK_STATUS, &linked);
    if (linked != GL_TRUE) {
        *error = "the WebGL2 shader did not link";
        return false;
    }
    r.projection = glGetUniformLocation(r.program, "u_projection");

    glGenVertexArrays(1, &r.vertex_array);
    glGenBuffers(1, &r.vertex_buffer);
    glGenBuffers(1, &r.index_buffer);
    glBindVertexArray(r.vertex_array);
    glBindBuffer(GL_ARRAY_BUFFER, r.vertex_buffer);
    glBindBuffer(GL_ELEMENT_ARRAY_BUFFER, r.index_buffer);
    constexpr GLsizei stride = sizeof(ImDrawVert);
    glEnableVertexAttribArray(0);
    glEnableVertexAttribArray(1);
    glEnableVertexAttribArray(2);
    glVertexAttribPointer(0, 2, GL_FLOAT, GL_FALSE, stride,
                          reinterpret_cast<void*>(offsetof(ImDrawVert, pos)));
    glVertexAttribPointer(1, 2, GL_FLOAT, GL_FALSE, stride,
                          reinterpret_cast<void*>(offsetof(ImDrawVert, uv)));
    glVertexAttribPointer(2, 4, GL_UNSIGNED_BYTE, GL_TRUE, stride,
                          reinterpret_cast<void*>(offsetof(ImDrawVert, col)));

    // The state every frame needs, set once: nothing else uses this context.
    glUseProgram(r.program);
    glUniform1i(glGetUniformLocation(r.program, "u_texture"), 0);
    glActiveTexture(GL_TEXTURE0);
    glEnable(GL_BLEND);
    glBlendEquation(GL_FUNC_ADD);
    glBlendFuncSeparate(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA, GL_ONE, GL_ONE_MINUS_SRC_ALPHA);
    glDisable(GL_CULL_FACE);
    glDisable(GL_DEPTH_TEST);
    glDisable(GL_STENCIL_TEST);
    glEnable(GL_SCISSOR_TEST);

    ImGuiIO& io = ImGui::GetIO();
    io.BackendRendererName = "microreach_webgl2";
    return true;
}

void webgl_renderer_upload_fonts() {
    Renderer& r = g_renderer;
    ImGuiIO& io = ImGui::GetIO();
    unsigned char* pixels = nullptr;
    int width = 0, height = 0;
    io.Fonts->GetTexDataAsRGBA32(&pixels, &width, &height);
    if (r.font_texture == 0) {
        glGenTextures(1, &r.font_texture);
    }
    glBindTexture(GL_TEXTURE_2D, r.font_texture);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
    glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
    glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA, width, height, 0, GL_RGBA, GL_UNSIGNED_BYTE, pixels);
    io.Fonts->SetTexID(reinterpret_cast<ImTextureID>(static_cast<std::intptr_t>(r.font_texture)));
    // The pixels live in the texture now; the atlas keeps only the glyph layout.
    io.Fonts->ClearTexData();
}

void webgl_renderer_draw(const ImDrawData& data, int framebuffer_width, int framebuffer_height,
                         const float (&clear_rgb)[3]) {
    glViewport(0, 0, framebuffer_width, framebuffer_height);
    glScissor(0, 0, framebuffer_width, framebuffer_height);
    glClearColor(clear_rgb[0], clear_rgb[1], clear_rgb[2], 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    if (framebuffer_width <= 0 || framebuffer_height <= 0 || data.CmdListsCount == 0) {
        return;
    }
    // Orthographic projection from ImGui's coordinates (CSS pixels) to clip space.
    const float left = data.DisplayPos.x;
    const float right = data.DisplayPos.x + data.DisplaySize.x;
    const float top = data.DisplayPos.y;
    const float bottom = data.DisplayPos.y + data.DisplaySize.y;
    const float projection[16] = {2.0f / (right - left),
                                  0.0f,
                                  0.0f,
                                  0.0f,
                                  0.0f,
                                  2.0f / (top - bottom),
                                  0.0f,
                                  0.0f,
                                  0.0f,
                                  0.0f,
                                  -1.0f,
                                  0.0f,
                                  (right + left) / (left - right),
                                  (top + bottom) / (bottom - top),
                                  0.0f,
                                  1.0f};
    glUniformMatrix4fv(g_renderer.projection, 1, GL_FALSE, projection);

    const ImVec2 origin = data.DisplayPos;
    const ImVec2 scale = data.FramebufferScale;
    GLuint bound_texture = 0;
    GLint last_scissor[4] = {-1, -1, -1, -1};
    for (int n = 0; n < data.CmdListsCount; ++n) {
        const ImDrawList* list = data.CmdLists[n];
        glBufferData(GL_ARRAY_BUFFER,
                     list->VtxBuffer.Size * static_cast<GLsizeiptr>(sizeof(ImDrawVert)),
                     list->VtxBuffer.Data, GL_STREAM_DRAW);
        glBufferData(GL_ELEMENT_ARRAY_BUFFER,
                     list->IdxBuffer.Size * static_cast<GLsizeiptr>(sizeof(ImDrawIdx)),
                     list->IdxBuffer.Data, GL_STREAM_DRAW);
        for (const ImDrawCmd& command : list->CmdBuffer) {
            if (command.UserCallback != nullptr) {
                continue; // the app registers none
            }
            // The clip rectangle in framebuffer pixels (GL's origin is bottom left).
            const float x0 = (command.ClipRect.x - origin.x) * scale.x;
            const float y0 = (command.ClipRect.y - origin.y) * scale.y;
            const float x1 = (command.ClipRect.z - origin.x) * scale.x;
            const float y1 = (command.ClipRect.w - origin.y) * scale.y;
            if (x1 <= x0 || y1 <= y0) {
                continue;
            }
            const GLint scissor[4] = {
                static_cast<GLint>(x0),
                static_cast<GLint>(static_cast<float>(framebuffer_height) - y1),
                static_cast<GLint>(x1 - x0), static_cast<GLint>(y1 - y0)};
            // Each GL call crosses into JavaScript: skip the ones that change nothing.
            if (!std::equal(scissor, scissor + 4, last_scissor)) {
                std::copy(scissor, scissor + 4, last_scissor);
                glScissor(scissor[0], scissor[1], scissor[2], scissor[3]);
            }
            const auto texture =
                static_cast<GLuint>(reinterpret_cast<std::intptr_t>(command.GetTexID()));
            if (texture != bound_texture) {
                glBindTexture(GL_TEXTURE_2D, texture);
                bound_texture = texture;
            }
            glDrawElements(GL_TRIANGLES, static_cast<GLsizei>(command.ElemCount),
                           sizeof(ImDrawIdx) == 2 ? GL_UNSIGNED_SHORT : GL_UNSIGNED_INT,
                           reinterpret_cast<void*>(command.IdxOffset * sizeof(ImDrawIdx)));
        }
    }
}

} // namespace web
