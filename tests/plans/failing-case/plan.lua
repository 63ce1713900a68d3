-- A plan whose test file holds a deliberately wrong case, so that the tests
-- of `dvht test` can see it fail (tests/e2e/test_plan_tools.sh).
inherit "hanoi-2025"
plan { id = "failing-case" }
