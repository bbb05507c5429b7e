// The app's undo history (web/logic/undo.hpp): whole snapshots, named steps, a bounded
// number of steps and bytes.
#include "web/logic/undo.hpp"

#include <gtest/gtest.h>

namespace {

core::Scenario with_budget(std::int64_t cents) {
    core::Scenario s;
    s.budget = core::Money{cents, core::Currency::usd};
    return s;
}

TEST(UndoHistory, UndoAndRedoRestoreEachStateUnderItsName) {
    web::UndoHistory history;
    core::Scenario current = with_budget(100);
    history.record(current, "Edit budget");
    current.budget.cents = 200;
    history.record(current, "Edit budget again");
    current.budget.cents = 300;

    EXPECT_EQ(history.undo_label(), "Edit budget again");
    ASSERT_TRUE(history.undo(&current));
    EXPECT_EQ(current.budget.cents, 200);
    EXPECT_EQ(history.redo_label(), "Edit budget again");
    ASSERT_TRUE(history.undo(&current));
    EXPECT_EQ(current.budget.cents, 100);
    EXPECT_FALSE(history.undo(&current)); // nothing older
    EXPECT_EQ(current.budget.cents, 100);

    ASSERT_TRUE(history.redo(&current));
    ASSERT_TRUE(history.redo(&current));
    EXPECT_EQ(current.budget.cents, 300);
    EXPECT_FALSE(history.redo(&current));
    EXPECT_EQ(history.undo_depth(), 2u);
}

TEST(UndoHistory, ANewEditClearsWhatCouldBeRedone) {
    web::UndoHistory history;
    core::Scenario current = with_budget(100);
    history.record(current, "a");
    current.budget.cents = 200;
    ASSERT_TRUE(history.undo(&current));
    EXPECT_EQ(history.redo_depth(), 1u);
    history.record(current, "b");
    EXPECT_EQ(history.redo_depth(), 0u);
    EXPECT_EQ(history.redo_label(), "");
}

TEST(UndoHistory, KeepsAtMostMaxStepsDroppingTheOldest) {
    web::UndoHistory history;
    core::Scenario current = with_budget(0);
    for (std::size_t k = 0; k < web::UndoHistory::max_steps + 20; ++k) {
        history.record(current, "step");
        current.budget.cents = static_cast<std::int64_t>(k + 1);
    }
    EXPECT_EQ(history.undo_depth(), web::UndoHistory::max_steps);
    while (history.undo(&current)) {
    }
    EXPECT_EQ(current.budget.cents, 20); // the first twenty states were dropped
}

TEST(UndoHistory, HugeSnapshotsKeepFewerStepsButAlwaysTheLastEdit) {
    web::UndoHistory history;
    core::Scenario current;
    core::Influencer row;
    row.name = std::string(1000, 'x');
    current.roster.assign(10'000, row); // about 10 MB by the estimate
    ASSERT_GT(web::approximate_bytes(current), web::UndoHistory::max_bytes / 3);
    for (int k = 0; k < 5; ++k) {
        history.record(current, "Edit roster");
    }
    EXPECT_LT(history.undo_depth(), 5u);
    EXPECT_GE(history.undo_depth(), 1u);
    history.clear();
    EXPECT_EQ(history.undo_depth(), 0u);
}

} // namespace
