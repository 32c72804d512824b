"""The kata's grading machinery: one module per concern.

- manifest:  reads kata.toml (order, titles, hints, points)
- loader:    imports a learner's exercise module from the graded tree, with clear errors
- guard:     keeps the reference solutions and other programs out of reach while grading
- device:    picks CUDA, MPS or CPU and sets grading numerics (TF32 off)
- checks:    helpers the graded tests use to call learner code and explain failures
- plugin:    the pytest plugin (options, fixtures, markers, per-test streaming)
- isolation: runs each exercise's tests in a child process with a watchdog
- report:    scoreboard, Gradescope and Exercism results
- cli:       `python -m kata test|grade`
"""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TESTS_DIR = ROOT / "tests"
HIDDEN_DIR = ROOT / "hidden_tests"  # instructor-only tests: graded by `make grade`, left out of releases
SOLUTIONS_DIR = ROOT / "solutions"
EXERCISES_DIR = ROOT / "exercises"
