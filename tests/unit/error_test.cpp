#include "core/error.hpp"

#include <gtest/gtest.h>

namespace {

TEST(ResultTest, HoldsValue) {
    const core::Result<int> result = 42;
    ASSERT_TRUE(result.ok());
    EXPECT_EQ(result.value(), 42);
    EXPECT_EQ(result.value_or(7), 42);
}

TEST(ResultTest, HoldsErrorWithFieldAndMessage) {
    const core::Result<int> result =
        core::make_error(core::ErrorCode::empty, "Followers", "Followers: type a number.");
    ASSERT_FALSE(result.ok());
    EXPECT_EQ(result.error().code, core::ErrorCode::empty);
    EXPECT_EQ(result.error().field, "Followers");
    EXPECT_EQ(result.value_or(7), 7);
}

} // namespace
