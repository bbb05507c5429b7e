#include "web/app/app.hpp"

#include "core/version.hpp"
#include "web/platform/browser_platform.hpp"

#include "imgui.h"

namespace web {

App::App(const AppOptions& options) : options_(options) {}

void App::draw_frame() {
    ++frames_;
    const ImGuiViewport* viewport = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(viewport->Pos);
    ImGui::SetNextWindowSize(ImVec2(viewport->Size.x, 0.0f));
    const ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                   ImGuiWindowFlags_NoSavedSettings |
                                   ImGuiWindowFlags_NoBringToFrontOnFocus |
                                   ImGuiWindowFlags_AlwaysAutoResize;
    ImGui::Begin("Microreach", nullptr, flags);
    ImGui::PushFont(platform_heading_font());
    ImGui::TextUnformatted("Microreach");
    ImGui::PopFont();
    ImGui::TextWrapped(
        "One big influencer or many small ones? Compare engagement, reach, cost per "
        "engagement and return, with the formula and source beside every figure.");
    if (ImGui::Button("Start planning")) {
        ++clicks_;
    }
    ImGui::Text("Version %s", core::version().data());
    const float content_height = ImGui::GetCursorPosY() + ImGui::GetStyle().WindowPadding.y;
    ImGui::End();
    platform_set_content_height(content_height < 320.0f ? 320.0f : content_height);
}

std::string App::state_json() const {
    return "{\"screen\":\"home\",\"clicks\":" + std::to_string(clicks_) + "}";
}

}  // namespace web
