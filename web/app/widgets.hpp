// The app's own widgets on top of Dear ImGui: number fields that take everything the
// core's parser takes ("1.2k", "$1,000", "15%") and show its error inline, formula
// tooltips (hover on desktop, tap on touch screens), metric tiles, cards and a
// segmented control. No math here: values are parsed and formatted by the core.
//
// Number fields commit when the user presses Enter, Tab or leaves the field; a bad
// value stays in the field with the core's message under it, and the model keeps
// its last good value.
#pragma once

#include "core/money.hpp"
#include "core/numbers.hpp"
#include "imgui.h"

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace web::ui {

struct FieldOptions {
    std::string_view field;      // name in error messages, "Followers"
    float width = -FLT_MIN;      // item width; -FLT_MIN fills the line
    core::NumberFormat format{}; // decimal comma or point
    bool in_table = false;       // frameless cell look; errors go to a tooltip
    const char* hint = nullptr;  // example shown in an empty field, "12,500"
    std::string_view display;    // the value already formatted (tables cache it), or ""
};

// Each returns true when a new, valid value was committed into *value.
bool count_field(const char* id, std::int64_t* value, std::int64_t min, std::int64_t max,
                 const FieldOptions& options);
bool int_field(const char* id, int* value, int min, int max, const FieldOptions& options);
// A fraction shown and typed as a percentage ("7.4%"); decimals for the display.
bool rate_field(const char* id, double* value, int decimals, const FieldOptions& options);
bool money_field(const char* id, core::Money* value, const FieldOptions& options);
// An amount that may be left empty (nullopt: "use the plan's"); options.hint says so.
bool optional_money_field(const char* id, std::optional<core::Money>* value,
                          core::Currency currency, const FieldOptions& options);
bool number_field(const char* id, double* value, double min, double max, int decimals,
                  const FieldOptions& options);
// A text field (names, regions). Returns true when the committed text differs.
bool text_field(const char* id, std::string* value, const FieldOptions& options);

// As above, with the display text given (tables pass cached strings) and the parse
// done by the caller: returns true when text was committed, in *committed.
bool committed_text(const char* id, std::string_view display, const FieldOptions& options,
                    std::string* committed);
// Records or clears the error shown for the last committed_text field with this id.
void set_field_error(const char* id, std::string_view text, std::string_view message);
void clear_field_error(const char* id);
// Forgets every pending error and edit (after undo, redo, load).
void clear_field_errors();
[[nodiscard]] int field_error_count();
// The first pending error message, for the test hook ("" when none).
[[nodiscard]] std::string first_field_error();

// Text wrapped at spaces only (never inside "8.3%" or "24,000"); 0 = to the edge.
void paragraph(std::string_view text, float wrap_width = 0.0f);
// A caption above a field.
void field_label(std::string_view text);
// Muted text, wrapped.
void muted_text(std::string_view text);
void coloured_text(ImU32 colour, std::string_view text);
// A help marker "(?)" with a wrapped tooltip.
void help_marker(std::string_view text);

// Tooltip for the last item: the formula's name, its text and its source, plus an
// optional line of arithmetic with the actual numbers. Touch: tapping the item
// opens the same text in a popup.
void formula_tip(std::string_view formula_id, std::string_view worked = {});

// A metric tile: caption, big value, optional note, with the formula on hover/tap.
void metric_tile(const char* id, std::string_view caption, std::string_view value,
                 std::string_view note, std::string_view formula_id, float width,
                 ImU32 value_colour = 0, std::string_view worked = {});

// Cards: a bordered panel whose height follows its content.
bool begin_card(const char* id, std::string_view title = {}, std::string_view subtitle = {});
void end_card();

// One button per label, the selected one filled; wraps on narrow screens.
// Returns true when the selection changed.
bool segmented(const char* id, int* selected, std::span<const char* const> labels,
               float available_width, bool compact = false);

// Combo boxes that the test hook can see (ImGui's own BeginCombo reports no item).
bool begin_combo(const char* label, const char* preview, ImGuiComboFlags flags = 0);
bool combo(const char* label, int* current, const char* const items[], int count);

// A table header the test hook can see (sorting by clicking it).
void table_header(const char* label);

// A filled button in the accent colour.
bool primary_button(const char* label, ImVec2 size = ImVec2(0, 0));
// A button that does nothing when disabled (and looks disabled).
bool button(const char* label, bool enabled = true, ImVec2 size = ImVec2(0, 0));
// A small button of a row ("+", "x") whose symbol does not say what it does: `action`
// ("Remove post 3") is its accessible name and its tooltip.
bool row_button(const char* symbol, std::string_view action);
// Keeps the next checkbox or radio button (its label given) on the current line only
// when it fits, so rows of options wrap on 320 px phones instead of running off the edge.
void same_line_if_fits(const char* next_label);
// A small "Save chart as PNG" button for the item just drawn (a chart): the download
// holds exactly that rectangle of the screen, at the device's resolution.
void save_chart_button(const char* file_name);

// Money as the screens show it: cents only when there are some ("$1,000", "$12.50"),
// "-" for no amount.
[[nodiscard]] std::string money_text(core::Money money, core::NumberFormat format);
[[nodiscard]] std::string optional_money(const std::optional<core::Money>& money,
                                         core::NumberFormat format);

// Width of the content region for the current line.
[[nodiscard]] float available_width();

} // namespace web::ui
