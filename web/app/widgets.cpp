#include "web/app/widgets.hpp"

#include "core/formulas.hpp"
#include "imgui_internal.h"
#include "web/app/theme.hpp"
#include "web/platform/browser_platform.hpp"
#include "web/platform/items.hpp"
#include "web/platform/mirror.hpp"

#include <algorithm>
#include <cstring>
#include <string>
#include <vector>

namespace web::ui {
namespace {

constexpr std::size_t edit_capacity = 256;

// The one field being edited: ImGui writes into this buffer while the field is
// active, so the text survives from frame to frame and is there when it commits.
struct ActiveEdit {
    ImGuiID id = 0;
    char buffer[edit_capacity] = {};
};

struct PendingError {
    ImGuiID id = 0;
    std::string text;    // what the user typed
    std::string message; // the core's message
};

ActiveEdit g_edit;
std::vector<PendingError> g_errors;
char g_scratch[edit_capacity];

const PendingError* find_error(ImGuiID id) {
    for (const PendingError& error : g_errors) {
        if (error.id == id) {
            return &error;
        }
    }
    return nullptr;
}

void copy_text(char* out, std::string_view text) {
    const std::size_t length = std::min(text.size(), edit_capacity - 1);
    std::memcpy(out, text.data(), length);
    out[length] = 0;
}

void error_text(std::string_view message) {
    ImGui::PushStyleColor(ImGuiCol_Text, palette().bad);
    paragraph(message);
    ImGui::PopStyleColor();
}

void formula_body(std::string_view formula_id, std::string_view worked) {
    const core::Formula& f = core::formula(formula_id);
    ImGui::PushTextWrapPos(ImGui::GetFontSize() * 22.0f);
    ImGui::TextUnformatted(f.name.data(), f.name.data() + f.name.size());
    ImGui::PushStyleColor(ImGuiCol_Text, palette().accent);
    ImGui::TextUnformatted(f.text.data(), f.text.data() + f.text.size());
    ImGui::PopStyleColor();
    if (!worked.empty()) {
        ImGui::TextUnformatted(worked.data(), worked.data() + worked.size());
    }
    ImGui::PushStyleColor(ImGuiCol_Text, palette().muted);
    ImGui::TextUnformatted(f.source.data(), f.source.data() + f.source.size());
    ImGui::PopStyleColor();
    ImGui::PopTextWrapPos();
}

// A tile's tooltip and tap popup: its whole text when a line was cut, then its formula.
void tile_tip_body(const std::string& full_text, std::string_view formula_id,
                   std::string_view worked) {
    if (!full_text.empty()) {
        ImGui::PushTextWrapPos(ImGui::GetFontSize() * 22.0f);
        ImGui::TextUnformatted(full_text.c_str());
        ImGui::PopTextWrapPos();
    }
    if (!formula_id.empty()) {
        formula_body(formula_id, worked);
    }
}

} // namespace

float available_width() {
    return ImGui::GetContentRegionAvail().x;
}

void paragraph(std::string_view text, float wrap_width) {
    // ImGui's own wrapping also breaks after '.' and ',', which splits numbers such as
    // "8.3%" or "24,000" across lines; this one breaks at spaces and newlines only.
    ImFont* font = ImGui::GetFont();
    const float size = ImGui::GetFontSize();
    const float width = wrap_width > 0.0f ? wrap_width : ImGui::GetContentRegionAvail().x;
    const char* const end = text.data() + text.size();
    const char* line = text.data();
    const float space = font->CalcTextSizeA(size, FLT_MAX, 0.0f, " ").x;
    while (line < end) {
        const char* cursor = line;
        const char* line_end = line;
        float line_width = 0.0f;
        while (cursor < end && *cursor != '\n') {
            const char* word_end = cursor;
            while (word_end < end && *word_end != ' ' && *word_end != '\n') {
                ++word_end;
            }
            const float word = font->CalcTextSizeA(size, FLT_MAX, 0.0f, cursor, word_end).x;
            const float next = line_end == line ? word : line_width + space + word;
            if (next > width && line_end != line) {
                break; // the word goes to the next line
            }
            line_width = next;
            line_end = word_end;
            cursor = word_end;
            while (cursor < end && *cursor == ' ') {
                ++cursor;
            }
        }
        if (cursor < end && *cursor == '\n') {
            ++cursor;
        }
        // Lines of one paragraph sit closer than separate items do.
        const bool last = cursor >= end;
        if (!last) {
            ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing,
                                ImVec2(ImGui::GetStyle().ItemSpacing.x, 2.0f));
        }
        ImGui::TextUnformatted(line, line_end);
        if (!last) {
            ImGui::PopStyleVar();
        }
        if (cursor == line) {
            break; // nothing fits and nothing moves: give up rather than loop
        }
        line = cursor;
    }
}

bool committed_text(const char* id, std::string_view display, const FieldOptions& options,
                    std::string* committed) {
    const ImGuiID item_id = ImGui::GetID(id);
    const PendingError* error = find_error(item_id);
    const bool editing = g_edit.id == item_id;
    char* buffer = g_edit.buffer;
    if (!editing) {
        // Text being typed into the accessible mirror's <input> shows here too.
        const std::string* draft = mirror_draft(item_id);
        copy_text(g_scratch, draft != nullptr   ? std::string_view(*draft)
                             : error != nullptr ? std::string_view(error->text)
                                                : display);
        buffer = g_scratch;
    }
    int pushed_colours = 0;
    float pushed_border = -1.0f;
    if (error != nullptr) {
        ImGui::PushStyleColor(ImGuiCol_Border, palette().bad);
        ++pushed_colours;
        pushed_border = 1.5f;
    }
    if (options.in_table && error == nullptr) {
        ImGui::PushStyleColor(ImGuiCol_FrameBg, IM_COL32(0, 0, 0, 0));
        ImGui::PushStyleColor(ImGuiCol_Border, IM_COL32(0, 0, 0, 0));
        pushed_colours += 2;
    }
    if (pushed_border > 0) {
        ImGui::PushStyleVar(ImGuiStyleVar_FrameBorderSize, pushed_border);
    }
    ImGui::SetNextItemWidth(options.width);
    ImGuiInputTextFlags flags = ImGuiInputTextFlags_AutoSelectAll;
    if (options.hint != nullptr) {
        ImGui::InputTextWithHint(id, options.hint, buffer, edit_capacity, flags);
    } else {
        ImGui::InputText(id, buffer, edit_capacity, flags);
    }
    describe_last_item(Role::textbox, options.field, buffer);
    if (pushed_border > 0) {
        ImGui::PopStyleVar();
    }
    ImGui::PopStyleColor(pushed_colours);

    if (ImGui::IsItemActive() && !editing) {
        g_edit.id = item_id; // activated this frame: keep the text ImGui started from
        std::memcpy(g_edit.buffer, g_scratch, edit_capacity);
    }
    bool result = false;
    if (ImGui::IsItemDeactivated() && g_edit.id == item_id) {
        if (ImGui::IsItemDeactivatedAfterEdit()) {
            committed->assign(g_edit.buffer);
            result = true;
        }
        g_edit.id = 0;
    }
    if (!result && mirror_take_commit(item_id, committed)) {
        result = true; // committed in the mirror's <input>: checked like typed text
    }
    error = find_error(item_id); // still valid: nothing was added since
    if (error != nullptr && !result) {
        if (options.in_table) {
            if (ImGui::IsItemHovered()) {
                ImGui::SetTooltip("%s", error->message.c_str());
            }
        } else {
            error_text(error->message);
        }
    }
    return result;
}

void set_field_error(const char* id, std::string_view text, std::string_view message) {
    const ImGuiID item_id = ImGui::GetID(id);
    for (PendingError& error : g_errors) {
        if (error.id == item_id) {
            error.text.assign(text);
            error.message.assign(message);
            return;
        }
    }
    g_errors.push_back(PendingError{item_id, std::string(text), std::string(message)});
}

void clear_field_error(const char* id) {
    const ImGuiID item_id = ImGui::GetID(id);
    g_errors.erase(std::remove_if(g_errors.begin(), g_errors.end(),
                                  [item_id](const PendingError& e) { return e.id == item_id; }),
                   g_errors.end());
}

void clear_field_errors() {
    g_errors.clear();
    g_edit.id = 0;
}

int field_error_count() {
    return static_cast<int>(g_errors.size());
}

std::string first_field_error() {
    return g_errors.empty() ? std::string() : g_errors.front().message;
}

namespace {

// Shared tail of the typed fields: commit a parsed value or record the error.
template <class T, class Parse>
bool typed_field(const char* id, T* value, std::string_view display, const FieldOptions& options,
                 Parse parse) {
    std::string text;
    if (!committed_text(id, display, options, &text)) {
        return false;
    }
    auto parsed = parse(text);
    if (!parsed.ok()) {
        set_field_error(id, text, parsed.error().message);
        return false;
    }
    clear_field_error(id);
    if (parsed.value() == *value) {
        return false;
    }
    *value = parsed.value();
    return true;
}

} // namespace

bool count_field(const char* id, std::int64_t* value, std::int64_t min, std::int64_t max,
                 const FieldOptions& options) {
    const std::string shown =
        options.display.empty() ? core::format_count(*value, options.format) : std::string();
    return typed_field(id, value, options.display.empty() ? shown : options.display, options,
                       [&](const std::string& text) {
                           return core::parse_count(text, options.field, min, max, options.format);
                       });
}

bool int_field(const char* id, int* value, int min, int max, const FieldOptions& options) {
    std::int64_t wide = *value;
    if (!count_field(id, &wide, min, max, options)) {
        return false;
    }
    *value = static_cast<int>(wide);
    return true;
}

bool rate_field(const char* id, double* value, int decimals, const FieldOptions& options) {
    const std::string shown = options.display.empty()
                                  ? core::format_percent(*value, decimals, options.format)
                                  : std::string();
    return typed_field(id, value, options.display.empty() ? shown : options.display, options,
                       [&](const std::string& text) {
                           return core::parse_rate(text, options.field, options.format);
                       });
}

bool money_field(const char* id, core::Money* value, const FieldOptions& options) {
    const core::Currency currency = value->currency;
    return typed_field(id, value,
                       core::format_money(*value, core::CentsStyle::when_needed, options.format),
                       options, [&](const std::string& text) {
                           return core::parse_money(text, options.field, currency, options.format);
                       });
}

bool optional_money_field(const char* id, std::optional<core::Money>* value,
                          core::Currency currency, const FieldOptions& options) {
    const std::string shown =
        *value ? core::format_money(**value, core::CentsStyle::when_needed, options.format) : "";
    return typed_field(id, value, shown, options,
                       [&](const std::string& text) -> core::Result<std::optional<core::Money>> {
                           if (text.find_first_not_of(" \t") == std::string::npos) {
                               return std::optional<core::Money>();
                           }
                           auto money =
                               core::parse_money(text, options.field, currency, options.format);
                           if (!money.ok()) {
                               return money.error();
                           }
                           return std::optional<core::Money>(money.value());
                       });
}

bool number_field(const char* id, double* value, double min, double max, int decimals,
                  const FieldOptions& options) {
    const std::string shown = options.display.empty()
                                  ? core::format_number(*value, decimals, options.format)
                                  : std::string();
    return typed_field(id, value, options.display.empty() ? shown : options.display, options,
                       [&](const std::string& text) {
                           return core::parse_number_in(text, options.field, min, max,
                                                        options.format);
                       });
}

bool text_field(const char* id, std::string* value, const FieldOptions& options) {
    std::string text;
    if (!committed_text(id, *value, options, &text) || text == *value) {
        return false;
    }
    *value = std::move(text);
    return true;
}

void field_label(std::string_view text) {
    ImGui::PushStyleColor(ImGuiCol_Text, palette().muted);
    ImGui::TextUnformatted(text.data(), text.data() + text.size());
    ImGui::PopStyleColor();
}

void muted_text(std::string_view text) {
    ImGui::PushStyleColor(ImGuiCol_Text, palette().muted);
    paragraph(text);
    ImGui::PopStyleColor();
}

void coloured_text(ImU32 colour, std::string_view text) {
    ImGui::PushStyleColor(ImGuiCol_Text, colour);
    paragraph(text);
    ImGui::PopStyleColor();
}

void help_marker(std::string_view text) {
    ImGui::PushStyleColor(ImGuiCol_Text, palette().muted);
    ImGui::TextUnformatted("(?)");
    ImGui::PopStyleColor();
    if (ImGui::BeginItemTooltip()) {
        ImGui::PushTextWrapPos(ImGui::GetFontSize() * 22.0f);
        ImGui::TextUnformatted(text.data(), text.data() + text.size());
        ImGui::PopTextWrapPos();
        ImGui::EndTooltip();
    }
}

void formula_tip(std::string_view formula_id, std::string_view worked) {
    if (formula_id.empty()) {
        return;
    }
    if (ImGui::BeginItemTooltip()) {
        formula_body(formula_id, worked);
        ImGui::EndTooltip();
    }
}

void metric_tile(const char* id, std::string_view caption, std::string_view value,
                 std::string_view note, std::string_view formula_id, float width,
                 ImU32 value_colour, std::string_view worked) {
    const Palette& p = palette();
    ImFont* heading = platform_heading_font();
    const float pad = 10.0f;
    const float body_h = ImGui::GetTextLineHeight();
    const float heading_h =
        heading != nullptr ? heading->FontSize * heading->Scale * ImGui::GetIO().FontGlobalScale
                           : body_h * 1.4f;
    const float height = pad * 2 + body_h + heading_h + 2 + (note.empty() ? 0.0f : body_h + 2);
    const ImVec2 min = ImGui::GetCursorScreenPos();
    const ImVec2 max(min.x + width, min.y + height);
    // The tile draws its own text below, so its button shows none: "##" keeps the id's
    // words out of the widget's label text (the clipping test measures label text).
    ImGui::InvisibleButton(("##" + std::string(id)).c_str(), ImVec2(width, height));
    // A line too long for the tile is cut with "...": the tooltip, the tap popup and
    // the accessible value then give it whole.
    const float clip_right = max.x - pad;
    const float room = clip_right - (min.x + pad);
    const auto fits = [&](std::string_view text, ImFont* font) {
        ImFont* used = font != nullptr ? font : ImGui::GetFont();
        const float size = used->FontSize * used->Scale * ImGui::GetIO().FontGlobalScale;
        const float w =
            used->CalcTextSizeA(size, FLT_MAX, 0.0f, text.data(), text.data() + text.size()).x;
        return w <= room;
    };
    const bool cut = !fits(caption, nullptr) || !fits(value, heading) || !fits(note, nullptr);
    const std::string whole =
        note.empty() ? std::string(value) : std::string(value) + ", " + std::string(note);
    describe_last_item(Role::button, caption, whole);
    const bool hovered = ImGui::IsItemHovered();
    const ImGuiID popup_id = ImGui::GetItemID() + 1;
    if (ImGui::IsItemClicked() && (!formula_id.empty() || cut)) {
        ImGui::OpenPopupEx(popup_id);
    }
    const std::string full_text = cut ? std::string(caption) + ": " + whole : std::string();
    ImDrawList* draw = ImGui::GetWindowDrawList();
    draw->AddRectFilled(min, max, hovered ? p.accent_soft : p.background, 8.0f);
    draw->AddRect(min, max, hovered ? with_alpha(p.accent, 0.6f) : p.card_border, 8.0f);
    float y = min.y + pad;
    ImGui::PushStyleColor(ImGuiCol_Text, p.muted); // RenderTextEllipsis uses the style's colour
    ImGui::RenderTextEllipsis(draw, ImVec2(min.x + pad, y), ImVec2(clip_right, y + body_h),
                              clip_right, clip_right, caption.data(),
                              caption.data() + caption.size(), nullptr);
    ImGui::PopStyleColor();
    y += body_h + 2;
    ImGui::PushFont(heading);
    ImGui::PushStyleColor(ImGuiCol_Text, value_colour != 0 ? value_colour : p.text);
    ImGui::RenderTextEllipsis(draw, ImVec2(min.x + pad, y), ImVec2(clip_right, y + heading_h),
                              clip_right, clip_right, value.data(), value.data() + value.size(),
                              nullptr);
    ImGui::PopStyleColor();
    ImGui::PopFont();
    y += heading_h + 2;
    if (!note.empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text, p.muted);
        ImGui::RenderTextEllipsis(draw, ImVec2(min.x + pad, y), ImVec2(clip_right, y + body_h),
                                  clip_right, clip_right, note.data(), note.data() + note.size(),
                                  nullptr);
        ImGui::PopStyleColor();
    }
    if (hovered && (!formula_id.empty() || cut)) {
        ImGui::SetNextWindowSizeConstraints(ImVec2(0, 0),
                                            ImVec2(ImGui::GetFontSize() * 24, FLT_MAX));
        if (ImGui::BeginTooltip()) {
            tile_tip_body(full_text, formula_id, worked);
            ImGui::EndTooltip();
        }
    }
    if (ImGui::BeginPopupEx(popup_id, ImGuiWindowFlags_AlwaysAutoResize |
                                          ImGuiWindowFlags_NoTitleBar |
                                          ImGuiWindowFlags_NoSavedSettings)) {
        tile_tip_body(full_text, formula_id, worked);
        ImGui::EndPopup();
    }
}

bool begin_card(const char* id, std::string_view title, std::string_view subtitle) {
    // AlwaysAutoResize: a card measures its content even while partly clipped by its
    // parent (a card inside a card), so nested cards settle within the settle frames.
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(14, 12));
    const bool open = ImGui::BeginChild(
        id, ImVec2(-FLT_MIN, 0),
        ImGuiChildFlags_Border | ImGuiChildFlags_AutoResizeY | ImGuiChildFlags_AlwaysAutoResize |
            ImGuiChildFlags_AlwaysUseWindowPadding,
        ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse);
    ImGui::PopStyleVar();
    if (!title.empty()) {
        ImGui::TextUnformatted(title.data(), title.data() + title.size());
    }
    if (!subtitle.empty()) {
        muted_text(subtitle);
    }
    if (!title.empty() || !subtitle.empty()) {
        ImGui::Dummy(ImVec2(0, 2));
    }
    return open;
}

void end_card() {
    ImGui::EndChild();
}

bool segmented(const char* id, int* selected, std::span<const char* const> labels, float width,
               bool compact) {
    const Palette& p = palette();
    ImGui::PushID(id);
    const ImGuiStyle& style = ImGui::GetStyle();
    const float spacing = 6.0f;
    float line_x = 0.0f;
    bool changed = false;
    ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(spacing, spacing));
    const float pad_x = compact ? 11.0f : 14.0f;
    ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(pad_x, compact ? 9.0f : 8.0f));
    ImGui::PushStyleVar(ImGuiStyleVar_FrameRounding, 18.0f);
    ImGui::PushStyleVar(ImGuiStyleVar_FrameBorderSize, 0.0f);
    for (int i = 0; i < static_cast<int>(labels.size()); ++i) {
        const float w = ImGui::CalcTextSize(labels[i], nullptr, true).x + pad_x * 2.0f;
        if (i > 0) {
            if (line_x + spacing + w <= width) {
                ImGui::SameLine();
                line_x += spacing;
            } else {
                line_x = 0.0f;
            }
        }
        line_x += w;
        const bool on = *selected == i;
        ImGui::PushStyleColor(ImGuiCol_Button, on ? p.accent : mix(p.text, p.background, 0.06f));
        ImGui::PushStyleColor(ImGuiCol_ButtonHovered,
                              on ? p.accent : mix(p.accent, p.background, 0.16f));
        ImGui::PushStyleColor(ImGuiCol_ButtonActive,
                              on ? p.accent : mix(p.accent, p.background, 0.28f));
        ImGui::PushStyleColor(ImGuiCol_Text, on ? p.on_accent : p.text);
        if (ImGui::Button(labels[i], ImVec2(w, 0)) && !on) {
            *selected = i;
            changed = true;
        }
        describe_last_item(Role::tab, {}, {}, on);
        ImGui::PopStyleColor(4);
    }
    ImGui::PopStyleVar(4);
    (void)style;
    ImGui::PopID();
    return changed;
}

namespace {
// `text` cut at a character boundary and ended with "..." so that it fits `width`.
std::string cut_with_ellipsis(std::string_view text, float width) {
    std::size_t end = text.size();
    while (end > 0) {
        do {
            --end; // back to the start of a UTF-8 character
        } while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80);
        const std::string shown = std::string(text.substr(0, end)) + "...";
        if (ImGui::CalcTextSize(shown.c_str()).x <= width) {
            return shown;
        }
    }
    return "...";
}
} // namespace

bool begin_combo(const char* label, const char* preview, ImGuiComboFlags flags) {
    // ImGui cuts a long preview at the arrow without a sign: cut it with "..." instead,
    // the full text on hover (and in the list a tap opens, and the mirror's value).
    const std::string_view full = preview != nullptr ? preview : "";
    const float room =
        ImGui::CalcItemWidth() - ImGui::GetFrameHeight() - ImGui::GetStyle().FramePadding.x;
    const bool cut = !(flags & ImGuiComboFlags_NoPreview) &&
                     ImGui::CalcTextSize(full.data(), full.data() + full.size()).x > room;
    const std::string shown = cut ? cut_with_ellipsis(full, room) : std::string();
    const bool open = ImGui::BeginCombo(label, cut ? shown.c_str() : preview, flags);
    if (!open) {
        // Closed: the last item is the combo itself. (Open, the popup is what tests click.)
        ImGuiContext& g = *ImGui::GetCurrentContext(); // the macro below expects `g`
        IMGUI_TEST_ENGINE_ITEM_INFO(g.LastItemData.ID, label, g.LastItemData.StatusFlags);
        describe_last_item(Role::combobox, {}, full);
        if (cut) {
            ImGui::SetItemTooltip("%.*s", static_cast<int>(full.size()), full.data());
        }
    }
    return open;
}

void table_header(const char* label) {
    ImGui::TableHeader(label);
    ImGuiContext& g = *ImGui::GetCurrentContext(); // the macro below expects `g`
    IMGUI_TEST_ENGINE_ITEM_INFO(g.LastItemData.ID, label, g.LastItemData.StatusFlags);
    describe_last_item(Role::header, std::string("Sort by ") + ImGui::TableGetColumnName());
}

bool combo(const char* label, int* current, const char* const items[], int count) {
    const char* preview = *current >= 0 && *current < count ? items[*current] : "";
    bool changed = false;
    if (begin_combo(label, preview)) {
        for (int i = 0; i < count; ++i) {
            if (ImGui::Selectable(items[i], i == *current) && i != *current) {
                *current = i;
                changed = true;
            }
            if (i == *current) {
                ImGui::SetItemDefaultFocus();
            }
        }
        ImGui::EndCombo();
    }
    return changed;
}

bool primary_button(const char* label, ImVec2 size) {
    const Palette& p = palette();
    ImGui::PushStyleColor(ImGuiCol_Button, p.accent);
    ImGui::PushStyleColor(ImGuiCol_ButtonHovered, mix(p.text, p.accent, 0.15f));
    ImGui::PushStyleColor(ImGuiCol_ButtonActive, mix(p.text, p.accent, 0.3f));
    ImGui::PushStyleColor(ImGuiCol_Text, p.on_accent);
    ImGui::PushStyleColor(ImGuiCol_Border, p.accent);
    const bool pressed = ImGui::Button(label, size);
    ImGui::PopStyleColor(5);
    return pressed;
}

void same_line_if_fits(const char* next_label) {
    const ImGuiStyle& style = ImGui::GetStyle();
    const float width = ImGui::GetFrameHeight() + style.ItemInnerSpacing.x +
                        ImGui::CalcTextSize(next_label, nullptr, true).x;
    const float right_edge = ImGui::GetWindowPos().x + ImGui::GetContentRegionMax().x;
    if (ImGui::GetItemRectMax().x + style.ItemSpacing.x + width <= right_edge) {
        ImGui::SameLine();
    }
}

void save_chart_button(const char* file_name) {
    const ImVec2 min = ImGui::GetItemRectMin();
    const ImVec2 max = ImGui::GetItemRectMax();
    ImGui::PushID(file_name);
    if (ImGui::SmallButton("Save chart as PNG")) {
        platform_save_png(min.x, min.y, max.x - min.x, max.y - min.y, file_name);
    }
    ImGui::PopID();
}

bool button(const char* label, bool enabled, ImVec2 size) {
    ImGui::BeginDisabled(!enabled);
    const bool pressed = ImGui::Button(label, size);
    ImGui::EndDisabled();
    return pressed && enabled;
}

bool row_button(const char* symbol, std::string_view action) {
    const bool pressed = ImGui::SmallButton(symbol);
    describe_last_item(Role::button, action);
    if (ImGui::IsItemHovered(ImGuiHoveredFlags_ForTooltip)) {
        ImGui::SetTooltip("%.*s", static_cast<int>(action.size()), action.data());
    }
    return pressed;
}

std::string money_text(core::Money money, core::NumberFormat format) {
    return core::format_money(money, core::CentsStyle::when_needed, format);
}

std::string optional_money(const std::optional<core::Money>& money, core::NumberFormat format) {
    return money ? money_text(*money, format) : std::string("-");
}

} // namespace web::ui
