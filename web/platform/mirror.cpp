// [SECTION] Index
// - State
// - JavaScript glue (EM_JS): the layer, its events, updates, focus
// - Publishing the items
// - Public functions
// - Entry points for the layer's events

#include "web/platform/mirror.hpp"

#include "imgui_internal.h"
#include "web/platform/browser_platform.hpp"
#include "web/platform/items.hpp"

#include <algorithm>
#include <cstdio>
#include <emscripten/emscripten.h>
#include <string_view>
#include <utility>

namespace web {
namespace {

// [SECTION] State

struct MirrorState {
    ImGuiID dom_focus = 0;     // the control whose element has the DOM focus (0: none)
    ImGuiID pending_focus = 0; // give ImGui's keyboard focus to it when it is submitted
    int pending_focus_frames = 0;
    ImGuiID synced_nav_id = 0; // ImGui's NavId the DOM focus last followed
    ImGuiID typing_target = 0; // a field opened by typing on it ...
    std::string typed;         // ... and what was typed before it opened
    int typing_frames = 0;
    int typed_frames = 0;     // frames until the typed text is in the field
    ImGuiID activated_id = 0; // activated from the keyboard: its focus is the DOM's already
    bool leave_text_field = false;
    bool nav_was_in_popup = false; // ImGui's focus was in a popup last frame
    ImGuiID draft_id = 0;          // a field edited in its DOM <input>
    std::string draft;
    ImGuiID commit_id = 0; // ... and committed there
    std::string commit_text;
    std::string published; // the JSON the layer shows
};

MirrorState g_mirror;

// [SECTION] JavaScript glue (EM_JS)

// clang-format off
EM_JS(void, js_mirror_install, (const char* frame_id, const char* canvas_selector), {
    const canvas = document.querySelector(UTF8ToString(canvas_selector));
    const frame = canvas && canvas.parentElement;
    if (!frame) return;
    if (!frame.id) frame.id = UTF8ToString(frame_id);
    // The frame takes the keyboard after a click on the canvas; Tab skips it and
    // visits the controls. The canvas itself is a picture hidden from assistive
    // technology and never focused (so aria-hidden never hides the focus).
    frame.tabIndex = -1;
    frame.setAttribute("role", "group");
    frame.setAttribute("aria-label", "Microreach calculator");
    canvas.removeAttribute("tabindex");
    canvas.setAttribute("aria-hidden", "true");
    const layer = document.createElement("div");
    layer.className = "microreach-mirror";
    frame.appendChild(layer);
    const m = { frame, layer, nodes: new Map(), tables: new Map(), groups: new Map(), syncing: false };
    Module["mrMirror"] = m;
    const control = (event) => event.target.closest && event.target.closest("[data-id]");
    const send = (fn, el) => {
        const size = lengthBytesUTF8(el.value) + 1;
        const ptr = _malloc(size);
        stringToUTF8(el.value, ptr, size);
        fn(Number(el.dataset.id), ptr);
        _free(ptr);
    };
    layer.addEventListener("focusin", (event) => {
        const el = control(event);
        if (!el || m.syncing) return;
        _mr_mirror_focus(Number(el.dataset.id));
        if (el.dataset.role === "textbox") el.select();
    });
    frame.addEventListener("focusin", (event) => {
        if (!frame.contains(event.relatedTarget)) _mr_platform_focus(1);
    });
    frame.addEventListener("focusout", (event) => {
        if (frame.contains(event.relatedTarget)) return;
        _mr_mirror_focus(0);
        _mr_platform_focus(0);
    });
    // A click from assistive technology or voice control (pointer clicks go to the canvas).
    layer.addEventListener("click", (event) => {
        const el = control(event);
        if (!el) return;
        event.preventDefault(); // a checkbox changes when the app says so
        if (el.dataset.role !== "textbox") _mr_mirror_activate(Number(el.dataset.id));
    });
    // Text an input method, the emoji picker or dictation inserts while the app itself
    // edits the field goes into the app's edit (at its caret, over its selection), as
    // typed keys do: the mirror's value is not the text being edited then.
    const editedByApp = (el) => el && el.dataset.role === "textbox" && _mr_platform_text_editing() !== 0;
    const typeIntoApp = (text) => {
        const size = lengthBytesUTF8(text) + 1;
        const ptr = _malloc(size);
        stringToUTF8(text, ptr, size);
        _mr_platform_text(ptr);
        _free(ptr);
    };
    layer.addEventListener("beforeinput", (event) => {
        const el = control(event);
        if (!editedByApp(el) || event.isComposing) return;
        if ((event.inputType === "insertText" || event.inputType === "insertReplacementText") && event.data) {
            event.preventDefault();
            typeIntoApp(event.data);
        }
    });
    layer.addEventListener("compositionend", (event) => {
        const el = control(event);
        if (!editedByApp(el)) return;
        el.value = el.dataset.value || "";
        delete el.dataset.dirty;
        if (event.data) typeIntoApp(event.data);
    });
    // A value set on the field itself (screen reader, autofill, input method): shown in
    // the app while typed, committed on Enter or when the field is left.
    layer.addEventListener("input", (event) => {
        const el = control(event);
        if (!el || el.dataset.role !== "textbox") return;
        if (event.isComposing && editedByApp(el)) return; // sent whole at compositionend
        el.dataset.dirty = "1";
        send(_mr_mirror_draft, el);
    });
    layer.addEventListener("change", (event) => {
        const el = control(event);
        if (!el || !el.dataset.dirty) return;
        delete el.dataset.dirty;
        send(_mr_mirror_commit, el);
    });
    layer.addEventListener("keydown", (event) => {
        const el = control(event);
        if (!el || !el.dataset.dirty || event.key !== "Escape") return;
        delete el.dataset.dirty;
        el.value = el.dataset.value || "";
        _mr_mirror_cancel(Number(el.dataset.id));
    });
});

// Reconciles the layer with the items of the last frame (JSON from publish_items).
// Elements are kept by ImGui id and moved only when their place changes, so the
// focused one keeps the focus.
EM_JS(void, js_mirror_update, (const char* json), {
    const m = Module["mrMirror"];
    if (!m) return;
    const items = JSON.parse(UTF8ToString(json));
    const active = document.activeElement;
    const make = (tag, attrs) => {
        const el = document.createElement(tag);
        for (const key in attrs) el.setAttribute(key, attrs[key]);
        return el;
    };
    const createControl = (role) => {
        if (role === "textbox") return make("input", { type: "text", autocomplete: "off", spellcheck: "false" });
        if (role === "checkbox") return make("input", { type: "checkbox" });
        if (role === "combobox") return make("input", { type: "text", role: "combobox", "aria-haspopup": "listbox", "aria-autocomplete": "none", autocomplete: "off" });
        if (role === "option") return make("div", { role: "option", tabindex: "-1" });
        if (role === "tab") return make("button", { type: "button", role: "tab" });
        return make("button", { type: "button" });
    };
    const setAttr = (el, name, value) => {
        if (value === null) { if (el.hasAttribute(name)) el.removeAttribute(name); }
        else if (el.getAttribute(name) !== value) el.setAttribute(name, value);
    };
    const hiddenText = (text) => { const span = make("span", { class: "microreach-mirror-text" }); span.textContent = text; return span; };
    const popupOpen = items.some((it) => it.r === "option");
    const top = [];
    const seen = new Set();
    let group = null; // the tablist or listbox being filled
    for (const it of items) {
        let el = m.nodes.get(it.i);
        if (!el || el.dataset.role !== it.r) {
            if (el) el.remove();
            el = createControl(it.r);
            el.dataset.id = String(it.i);
            el.dataset.role = it.r;
            m.nodes.set(it.i, el);
        }
        seen.add(it.i);
        const s = el.style;
        s.left = it.x + "px"; s.top = it.y + "px"; s.width = it.w + "px"; s.height = it.h + "px";
        const label = it.r === "button" && it.v ? it.n + ": " + it.v : it.n;
        setAttr(el, "aria-label", label);
        setAttr(el, "aria-disabled", it.d ? "true" : null);
        if (it.r === "tab") setAttr(el, "aria-selected", it.s ? "true" : "false");
        if (it.r === "option") setAttr(el, "aria-selected", it.s ? "true" : "false");
        if (it.r === "checkbox" && el.checked !== !!it.c) el.checked = !!it.c;
        if (it.r === "combobox") { setAttr(el, "aria-expanded", popupOpen ? "true" : "false"); el.readOnly = true; }
        if ((it.r === "textbox" || it.r === "combobox") && el.dataset.value !== it.v) {
            el.dataset.value = it.v;
            if (!el.dataset.dirty) el.value = it.v;
        }
        // Where it goes: a table cell, a tab list, a list box, or the layer itself.
        if (it.t) {
            let t = m.tables.get(it.t);
            if (!t) {
                t = { table: make("table", {}), head: make("tr", {}), body: make("tbody", {}), ths: [], rows: new Map() };
                const thead = make("thead", {});
                thead.appendChild(t.head);
                t.table.append(thead, t.body);
                m.tables.set(it.t, t);
            }
            setAttr(t.table, "aria-label", it.tn || null);
            // A column with a name gets a header cell; one without (the row buttons) a plain
            // cell, since an empty header tells a screen reader nothing (axe: empty-table-header).
            while (t.ths.length <= it.col) t.ths.push(make("td", {}));
            const wantTag = it.cn ? "TH" : "TD";
            if (t.ths[it.col].tagName !== wantTag) {
                t.ths[it.col] = it.cn ? make("th", { scope: "col" }) : make("td", {});
            }
            const th = t.ths[it.col];
            if (th.dataset.name !== it.cn) { th.dataset.name = it.cn; th.replaceChildren(hiddenText(it.cn)); }
            if (it.row === 0) { th.appendChild(el); }
            else {
                let row = t.rows.get(it.row);
                if (!row) { row = { tr: make("tr", {}), cells: [] }; t.rows.set(it.row, row); }
                while (row.cells.length <= it.col) row.cells.push(make("td", {}));
                row.used = true;
                if (el.parentElement !== row.cells[it.col]) row.cells[it.col].appendChild(el);
            }
            t.used = true;
            if (top[top.length - 1] !== t.table) top.push(t.table);
            group = null;
            continue;
        }
        const groupRole = it.r === "tab" ? "tablist" : it.r === "option" ? "listbox" : null;
        if (groupRole) {
            if (!group || group.getAttribute("role") !== groupRole) {
                const key = groupRole + it.i;
                group = m.groups.get(key);
                if (!group) { group = make("div", { role: groupRole }); m.groups.set(key, group); }
                if (groupRole === "listbox") setAttr(group, "aria-label", "Choices");
                else setAttr(group, "aria-label", "Screens");
                group.used = true;
                top.push(group);
            }
            if (el.parentElement !== group || group.lastElementChild !== el) {
                if (el.parentElement !== group || el.nextElementSibling) group.appendChild(el);
            }
            continue;
        }
        group = null;
        top.push(el);
    }
    // Places children in order, moving only what is out of place.
    const place = (parent, wanted) => {
        for (let i = 0; i < wanted.length; i++) {
            if (parent.children[i] !== wanted[i]) parent.insertBefore(wanted[i], parent.children[i] || null);
        }
        while (parent.children.length > wanted.length) parent.lastElementChild.remove();
    };
    m.tables.forEach((t, id) => {
        if (!t.used) { m.tables.delete(id); return; }
        t.used = false;
        place(t.head, t.ths);
        t.rows.forEach((r, index) => { if (!r.used) t.rows.delete(index); });
        const rows = Array.from(t.rows.keys()).sort((a, b) => a - b).map((index) => t.rows.get(index));
        for (const r of rows) {
            r.used = false;
            for (const cell of r.cells) {
                for (const child of Array.from(cell.children)) if (!seen.has(Number(child.dataset.id))) child.remove();
            }
            place(r.tr, r.cells);
        }
        place(t.body, rows.map((r) => r.tr));
    });
    m.groups.forEach((g, key) => {
        if (!g.used) m.groups.delete(key);
        g.used = false;
        for (const child of Array.from(g.children)) if (!seen.has(Number(child.dataset.id))) child.remove();
    });
    m.nodes.forEach((el, id) => { if (!seen.has(id)) m.nodes.delete(id); });
    place(m.layer, top);
    // A move that took the focus away: give it back (or to the frame, if its control went).
    if (active && m.frame.contains(active) && document.activeElement !== active) {
        m.syncing = true;
        (active.isConnected ? active : m.frame).focus({ preventScroll: true });
        m.syncing = false;
    }
});

// ImGui's focus moved (arrow keys, a popup): the DOM focus follows, if the keyboard
// is in the calculator at all. `reveal` scrolls the page to it (keyboard moves).
// Returns 1 when the element has the focus now.
EM_JS(int, js_mirror_focus, (unsigned id, int reveal), {
    const m = Module["mrMirror"];
    if (!m || !m.frame.contains(document.activeElement)) return 0;
    const el = m.nodes.get(id >>> 0); // ImGui ids are unsigned 32-bit
    if (!el) return 0;
    if (document.activeElement !== el) {
        m.syncing = true;
        el.focus({ preventScroll: !reveal });
        m.syncing = false;
    }
    return document.activeElement === el ? 1 : 0;
});
// Arrow keys in a table: the control in the next cell that has one, across (dx) or
// down (dy), as in a spreadsheet. Returns 1 when the focus moved.
EM_JS(int, js_mirror_move_in_table, (unsigned id, int dx, int dy), {
    const m = Module["mrMirror"];
    const el = m && m.nodes.get(id >>> 0); // ImGui ids are unsigned 32-bit
    const td = el && el.closest("td");
    if (!td) return 0;
    const tr = td.parentElement;
    let target = null;
    if (dy !== 0) {
        let row = dy > 0 ? tr.nextElementSibling : tr.previousElementSibling;
        while (row && !target) {
            const cell = row.cells[td.cellIndex];
            target = cell && cell.querySelector("[data-id]");
            row = dy > 0 ? row.nextElementSibling : row.previousElementSibling;
        }
    } else {
        for (let i = td.cellIndex + dx; !target && i >= 0 && i < tr.cells.length; i += dx) {
            target = tr.cells[i].querySelector("[data-id]");
        }
    }
    if (!target) return 0;
    target.focus();
    return 1;
});
// clang-format on

// [SECTION] Publishing the items

const char* role_name(const Item& item) {
    switch (item.role) {
    case Role::button:
        return "button";
    case Role::tab:
        return "tab";
    case Role::checkbox:
        return "checkbox";
    case Role::textbox:
        return "textbox";
    case Role::combobox:
        return "combobox";
    case Role::header:
        return "button"; // a sortable column header: a button inside the <th>
    case Role::automatic:
        break;
    }
    if (item.flags & ImGuiItemStatusFlags_Checkable) {
        return "checkbox";
    }
    if (item.flags & ImGuiItemStatusFlags_Inputable) {
        return "textbox";
    }
    return item.in_popup ? "option" : "button";
}

// The accessible name: what the app gave, else the label's visible part, else its id
// part ("##Budget" -> "Budget").
std::string_view accessible_name(const Item& item) {
    if (!item.name.empty()) {
        return item.name;
    }
    std::string_view label = item.label;
    const std::size_t hashes = label.find("##");
    if (hashes == std::string_view::npos) {
        return label;
    }
    if (hashes > 0) {
        return label.substr(0, hashes);
    }
    label.remove_prefix(label.find_first_not_of('#'));
    return label;
}

std::string items_json() {
    std::string json = "[";
    for (const Item& item : items_current()) {
        const std::string_view name = accessible_name(item);
        if (name.empty() || item.window.rfind("##Tooltip", 0) == 0) {
            continue; // nothing to call it, or a tooltip's inside
        }
        // The visible part of the item (a table scrolled sideways hides some cells).
        ImRect rect = item.rect;
        rect.ClipWithFull(item.clip);
        if (json.size() > 1) {
            json += ',';
        }
        char numbers[200];
        std::snprintf(numbers, sizeof numbers,
                      "{\"i\":%u,\"x\":%.0f,\"y\":%.0f,\"w\":%.0f,\"h\":%.0f,\"c\":%d,\"d\":%d,"
                      "\"s\":%d,\"t\":%u,\"row\":%d,\"col\":%d,\"r\":\"%s\",\"n\":",
                      item.id, rect.Min.x, rect.Min.y, std::max(rect.GetWidth(), 1.0f),
                      std::max(rect.GetHeight(), 1.0f),
                      (item.flags & ImGuiItemStatusFlags_Checked) != 0 ? 1 : 0,
                      item.disabled ? 1 : 0, item.selected ? 1 : 0, item.table, item.row,
                      item.column, role_name(item));
        json += numbers;
        append_json_string(json, name);
        json += ",\"v\":";
        append_json_string(json, item.value);
        if (item.table != 0) {
            json += ",\"tn\":";
            append_json_string(json, item.table_name);
            json += ",\"cn\":";
            std::string_view column = item.column_name;
            const std::size_t hashes = column.find("##");
            append_json_string(json, hashes == 0 ? column.substr(2) : column.substr(0, hashes));
        }
        json += '}';
    }
    json += ']';
    return json;
}

void on_item_added(ImGuiID id, const ImRect& rect) {
    if (id != g_mirror.pending_focus) {
        return;
    }
    // Inside ItemAdd the item is the last item of its window: ImGui's own focus call
    // works as if the item had been clicked or reached by arrow keys.
    ImGuiContext& g = *ImGui::GetCurrentContext();
    ImGuiWindow* window = g.CurrentWindow;
    ImGui::SetFocusID(id, window);
    g.NavDisableHighlight = false;
    g.NavDisableMouseHover = true;
    g.NavInputSource = ImGuiInputSource_Keyboard;
    ImGui::ScrollToRectEx(window, rect,
                          ImGuiScrollFlags_KeepVisibleEdgeX | ImGuiScrollFlags_KeepVisibleEdgeY);
    g_mirror.synced_nav_id = id;
    g_mirror.pending_focus = 0;
}

} // namespace

// [SECTION] Public functions

void mirror_install(const char* frame_id, const char* canvas_selector) {
    js_mirror_install(frame_id, canvas_selector);
    items_set_added_listener(on_item_added);
}

void mirror_begin_frame() {
    ImGuiContext& g = *ImGui::GetCurrentContext();
    // Tab left a field: once what was typed into it has arrived, close it (it sees
    // itself deactivated and commits, as on a click elsewhere).
    if (g_mirror.leave_text_field && g_mirror.typing_target == 0) {
        if (g_mirror.typed_frames > 0) {
            --g_mirror.typed_frames;
        } else {
            g_mirror.leave_text_field = false;
            if (g.ActiveId != 0 && g.InputTextState.ID == g.ActiveId) {
                ImGui::ClearActiveID();
            }
        }
    }
}

void mirror_end_frame() {
    ImGuiContext& g = *ImGui::GetCurrentContext();
    if (g_mirror.pending_focus != 0 && --g_mirror.pending_focus_frames <= 0) {
        g_mirror.pending_focus = 0; // its item is gone
    }
    if (g_mirror.typing_target != 0) {
        if (g.ActiveId == g_mirror.typing_target) {
            g.IO.AddInputCharactersUTF8(g_mirror.typed.c_str()); // the field is open now
            g_mirror.typing_target = 0;
            g_mirror.typed.clear();
            g_mirror.typed_frames = 1; // the next frame types it
            platform_request_frames();
        } else if (--g_mirror.typing_frames <= 0) {
            g_mirror.typing_target = 0;
            g_mirror.typed.clear();
        }
    }
    std::string json = items_json();
    if (json != g_mirror.published) {
        g_mirror.published = std::move(json);
        js_mirror_update(g_mirror.published.c_str());
    }
    // ImGui moved its focus inside a popup (arrow keys in a combo's list, the list
    // opening or closing) or to an item clicked with the mouse: the DOM focus follows.
    // Not for an item the keyboard activated (the DOM focus was on it then and may
    // have moved on since), nor for ImGui's own moves elsewhere: there the DOM focus
    // leads (Tab, and arrows in tables, move it).
    const ImGuiID activated = std::exchange(g_mirror.activated_id, 0);
    const bool in_popup =
        g.NavWindow != nullptr && (g.NavWindow->Flags & ImGuiWindowFlags_Popup) != 0;
    if (g.NavId != g_mirror.synced_nav_id) {
        g_mirror.synced_nav_id = g.NavId;
        const bool follow = in_popup || g_mirror.nav_was_in_popup || g.NavDisableHighlight;
        if (follow && g.NavId != 0 && g.NavId != g_mirror.dom_focus && g.NavId != activated) {
            if (js_mirror_focus(g.NavId, g.NavDisableHighlight ? 0 : 1) != 0) {
                g_mirror.dom_focus = g.NavId;
            }
        }
    }
    g_mirror.nav_was_in_popup = in_popup;
}

bool mirror_has_focus() {
    return g_mirror.dom_focus != 0;
}

bool mirror_popup_open() {
    const ImGuiContext& g = *ImGui::GetCurrentContext();
    return g.NavWindow != nullptr && (g.NavWindow->Flags & ImGuiWindowFlags_Popup) != 0;
}

bool mirror_dom_editing() {
    return g_mirror.draft_id != 0 && g_mirror.draft_id == g_mirror.dom_focus;
}

namespace {
const Item* focused_item() {
    // Between frames the current list is the last complete frame.
    for (const Item& item : items_current()) {
        if (item.id == g_mirror.dom_focus) {
            return &item;
        }
    }
    return nullptr;
}

void activate(ImGuiID id, bool prefer_input) {
    g_mirror.activated_id = id;
    ImGui::ActivateItemByID(id);
    ImGui::GetCurrentContext()->NavNextActivateFlags =
        prefer_input ? ImGuiActivateFlags_PreferInput : ImGuiActivateFlags_None;
    g_mirror.pending_focus = id; // and show where the keyboard is
    g_mirror.pending_focus_frames = 3;
    platform_request_frames();
}
} // namespace

bool mirror_start_typing(const char* utf8) {
    if (g_mirror.typing_target == 0) {
        const Item* item = focused_item();
        if (item == nullptr || !(item->flags & ImGuiItemStatusFlags_Inputable) ||
            item->role == Role::combobox) {
            return false;
        }
        g_mirror.typing_target = item->id;
        g_mirror.typing_frames = 4;
        activate(item->id, true);
    }
    g_mirror.typed += utf8;
    return true;
}

void mirror_activate_focused() {
    if (const Item* item = focused_item()) {
        activate(item->id, (item->flags & ImGuiItemStatusFlags_Inputable) != 0);
    }
}

bool mirror_move_in_table(int dx, int dy) {
    return g_mirror.dom_focus != 0 && js_mirror_move_in_table(g_mirror.dom_focus, dx, dy) != 0;
}

void mirror_leave_text_field() {
    g_mirror.leave_text_field = true;
    platform_request_frames();
}

const std::string* mirror_draft(ImGuiID id) {
    return g_mirror.draft_id == id && id != 0 ? &g_mirror.draft : nullptr;
}

bool mirror_take_commit(ImGuiID id, std::string* text) {
    if (g_mirror.commit_id != id || id == 0) {
        return false;
    }
    g_mirror.commit_id = 0;
    *text = std::move(g_mirror.commit_text);
    return true;
}

} // namespace web

// [SECTION] Entry points for the layer's events (internal to the platform layer)
extern "C" {

EMSCRIPTEN_KEEPALIVE void mr_mirror_focus(unsigned id) {
    web::g_mirror.dom_focus = id;
    if (id != 0) {
        web::g_mirror.pending_focus = id;
        web::g_mirror.pending_focus_frames = 3;
    }
    web::platform_request_frames();
}

EMSCRIPTEN_KEEPALIVE void mr_mirror_activate(unsigned id) {
    const web::Item* item = nullptr;
    for (const web::Item& candidate : web::items_current()) {
        if (candidate.id == id) {
            item = &candidate;
        }
    }
    if (item != nullptr && !item->disabled) {
        web::activate(id, false);
    }
}

EMSCRIPTEN_KEEPALIVE void mr_mirror_draft(unsigned id, const char* text) {
    web::g_mirror.draft_id = id;
    web::g_mirror.draft = text;
    web::platform_request_frames();
}

EMSCRIPTEN_KEEPALIVE void mr_mirror_commit(unsigned id, const char* text) {
    web::g_mirror.draft_id = 0;
    web::g_mirror.commit_id = id;
    web::g_mirror.commit_text = text;
    web::platform_request_frames();
}

EMSCRIPTEN_KEEPALIVE void mr_mirror_cancel(unsigned) {
    web::g_mirror.draft_id = 0;
    web::platform_request_frames();
}

} // extern "C"
