// Small layout helpers shared by the screens: one column on phones, two (or more)
// on wide screens, and a grid of metric tiles that reflows with the width.
#pragma once

#include "imgui.h"

namespace web::layout {

// Two columns when `two` is true, else one: call next() before each column's content.
class Columns {
public:
    Columns(const char* id, bool two, float left_share = 0.5f);
    ~Columns();
    void next();
    Columns(const Columns&) = delete;
    Columns& operator=(const Columns&) = delete;

private:
    bool table_ = false;
    bool first_ = true;
};

// Tiles of equal width: as many per row as fit with at least `min_width` each.
class TileGrid {
public:
    TileGrid(float min_width, int max_per_row = 4);
    // Width for the next tile; handles SameLine between tiles of one row.
    float next();

private:
    int per_row_ = 1;
    int index_ = 0;
    float width_ = 0.0f;
    float row_y_ = 0.0f;
};

// Vertical gap between cards.
void gap(float height = 10.0f);

} // namespace web::layout
