// The accessible mirror of the controls, as Flutter's web engine does it: the canvas
// is aria-hidden, and beside it, over it, a layer of real DOM elements (buttons, tabs,
// text fields, checkboxes, combo boxes, tables with headers) mirrors the ImGui items of
// the last frame (items.hpp) with their roles, names, values and states. Screen
// readers, voice control and the keyboard use them:
// - Tab and Shift+Tab are the browser's own focus moves through these elements, so
//   the order is the order the app draws its controls, and the focus leaves the
//   calculator past the last or first one.
// - A control that gets the DOM focus gets ImGui's keyboard focus (and scrolls into
//   view inside a scrolled table); ImGui's focus moving (arrow keys, a popup opening)
//   moves the DOM focus to the matching element. The focused element draws the ring.
// - Enter or Space, or a click from assistive technology, activates the item; typing
//   on a focused text field starts editing it; a value set on the <input> itself (a
//   screen reader, autofill) is committed like typed text.
// The layer is updated only in frames whose items changed.
#pragma once

#include "imgui.h"

#include <string>

namespace web {

// Creates the layer in the canvas's frame (the frame gets `frame_id` if it has none)
// and makes the frame the keyboard's home: focusable by a click, not by Tab.
void mirror_install(const char* frame_id, const char* canvas_selector);
// Call right after ImGui::NewFrame: applies what the keyboard asked between frames.
void mirror_begin_frame();
// Call after the app's frame: publishes the items when they changed and follows
// ImGui's focus with the DOM focus.
void mirror_end_frame();

// For the platform's key handler.
[[nodiscard]] bool mirror_has_focus();   // a mirror control has the DOM focus
[[nodiscard]] bool mirror_dom_editing(); // ... and it is a field edited in the DOM
[[nodiscard]] bool mirror_popup_open();  // ImGui's focus is in a popup (a combo's list)
// A printable key on the focused text field: opens it for editing and types `utf8`
// once it is open. False when the focused control is not a text field.
bool mirror_start_typing(const char* utf8);
// Enter or Space on the focused control: activates it (a text field opens for editing).
void mirror_activate_focused();
// An arrow key on a control in a table: the focus moves to the neighbouring cell's
// control. False when the focused control is not in a table or nothing is there.
bool mirror_move_in_table(int dx, int dy);
// Tab while a field is edited: commit it; the browser then moves the focus on.
void mirror_leave_text_field();

// For the app's text fields: text typed into the mirror's <input> and not yet
// committed (nullptr when none), and text committed there (taken once).
[[nodiscard]] const std::string* mirror_draft(ImGuiID id);
bool mirror_take_commit(ImGuiID id, std::string* text);

} // namespace web
