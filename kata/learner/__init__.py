"""The learner's commands: list, hint, explain, reset, solution (commands), what they remember
between runs (state), and re-grading on save (watch)."""
