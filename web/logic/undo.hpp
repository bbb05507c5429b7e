// Undo and redo of every edit, as whole snapshots of the input state (a
// core::Scenario). Snapshots are simple and always right: an undo restores exactly
// what was there, imports and deletes included. Memory stays bounded: at most
// `max_steps` snapshots and about `max_bytes` in total (a 10,000-row roster is a
// couple of megabytes per snapshot, so long histories of huge rosters keep fewer steps).
#pragma once

#include "core/scenario.hpp"

#include <cstddef>
#include <deque>
#include <string>

namespace web {

class UndoHistory {
public:
    static constexpr std::size_t max_steps = 200;
    static constexpr std::size_t max_bytes = 24u * 1024u * 1024u;

    // Call before changing `current`: the state to return to on undo. `what` names
    // the edit for the buttons' tooltips ("Edit followers"). Clears the redo list.
    void record(const core::Scenario& current, std::string what);
    // Replaces *current with the previous state; false when there is none.
    bool undo(core::Scenario* current);
    bool redo(core::Scenario* current);
    void clear();

    [[nodiscard]] std::size_t undo_depth() const { return undo_.size(); }
    [[nodiscard]] std::size_t redo_depth() const { return redo_.size(); }
    [[nodiscard]] const std::string& undo_label() const;
    [[nodiscard]] const std::string& redo_label() const;

private:
    struct Step {
        core::Scenario state;
        std::string what;
        std::size_t bytes = 0;
    };
    // Undo and redo: the last step of `from` becomes the current state; the state left
    // becomes the last step of `to`.
    bool move_step(std::deque<Step>& from, std::deque<Step>& to, core::Scenario* current);
    void trim();

    std::deque<Step> undo_, redo_;
    std::size_t bytes_ = 0; // both lists
};

// Rough memory of a snapshot (strings and roster rows), for the byte budget.
[[nodiscard]] std::size_t approximate_bytes(const core::Scenario& scenario);

} // namespace web
