#include "web/logic/undo.hpp"

#include <utility>

namespace web {
namespace {

const std::string g_empty;

} // namespace

void UndoHistory::record(const core::Scenario& current, std::string what) {
    Step step{current, std::move(what), approximate_bytes(current)};
    bytes_ += step.bytes;
    undo_.push_back(std::move(step));
    for (const Step& dropped : redo_) {
        bytes_ -= dropped.bytes;
    }
    redo_.clear();
    trim();
}

bool UndoHistory::undo(core::Scenario* current) {
    return move_step(undo_, redo_, current);
}

bool UndoHistory::redo(core::Scenario* current) {
    return move_step(redo_, undo_, current);
}

bool UndoHistory::move_step(std::deque<Step>& from, std::deque<Step>& to, core::Scenario* current) {
    if (from.empty()) {
        return false;
    }
    Step step = std::move(from.back());
    from.pop_back();
    // The state being left becomes the step back, under the same name.
    Step back{std::move(*current), step.what, 0};
    back.bytes = approximate_bytes(back.state);
    bytes_ += back.bytes;
    bytes_ -= step.bytes;
    *current = std::move(step.state);
    to.push_back(std::move(back));
    trim();
    return true;
}

void UndoHistory::clear() {
    undo_.clear();
    redo_.clear();
    bytes_ = 0;
}

const std::string& UndoHistory::undo_label() const {
    return undo_.empty() ? g_empty : undo_.back().what;
}

const std::string& UndoHistory::redo_label() const {
    return redo_.empty() ? g_empty : redo_.back().what;
}

void UndoHistory::trim() {
    // Oldest undo steps go first; one step always stays so the last edit can be undone.
    while (undo_.size() > 1 && (undo_.size() + redo_.size() > max_steps || bytes_ > max_bytes)) {
        bytes_ -= undo_.front().bytes;
        undo_.pop_front();
    }
}

std::size_t approximate_bytes(const core::Scenario& scenario) {
    std::size_t bytes = sizeof(core::Scenario);
    const auto add_rows = [&bytes](const std::vector<core::Influencer>& rows) {
        for (const core::Influencer& row : rows) {
            bytes += sizeof(core::Influencer) + row.name.capacity() + row.platform.capacity() +
                     row.region.capacity() + row.niche.capacity() + row.notes.capacity() +
                     row.contact.capacity();
        }
    };
    add_rows(scenario.roster);
    add_rows(scenario.comparison.a.influencers);
    add_rows(scenario.comparison.b.influencers);
    bytes += scenario.actuals.size() * sizeof(core::ActualResult);
    bytes += scenario.engagement.posts.size() * sizeof(core::PostInteractions);
    return bytes;
}

} // namespace web
