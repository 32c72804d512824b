"""The kata's grading machinery: one module per concern.

- manifest:   reads kata.toml (order, titles, tasks, hints, points, flags)
- i18n:       learner-facing texts in the learner's language (kata/locales/<lang>.toml)
- korean:     Korean particles fitted to the values filled in (below i18n; GLOSSARY.md has the rules)
- loader:     imports a learner's exercise module from the graded tree, with clear errors
- guard:      keeps the reference solutions, the kata's own modules and other programs out of reach of graded code
- hang:       once a learner function has timed out, later tests fail at once when they reach it
- device:     picks CUDA, MPS or CPU and sets grading numerics (TF32 off)
- checks:     helpers the graded tests use to call learner code and explain failures
- oracle:     independent float64 references the tests compare against; note: the note's example
- plugin:     the pytest plugin (options, fixtures, markers, per-test streaming)
- child, isolation: run tests in child processes with a watchdog; activity: what is running now
- sandbox:    keeps graded code off the grading: privilege drop, write refusal, grading-file hashes
- submission: the one rule that finds a submission's exercise files
- report:     scoreboard and Gradescope results; formats: Exercism and Classroom results
- learner, state, watch: the learner's loop (list, hint, reset, solution, watch, interview);
  mode: whether interview mode is on (no hints anywhere)
- batch, instructor: grade-all, release, autograder bundle, tamper check
- release:    a student copy's README and Makefile, made from the kata's own
- results, text: the record of one graded test, and terminal text helpers, below everything that uses them
- cli:        `python -m kata COMMAND`, one function per command
- pip_index:  where `make install` gets torch from (standard library only)
"""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HIDDEN_DIR = ROOT / "hidden_tests"  # instructor-only tests: graded by `make grade`, left out of releases
SOLUTIONS_DIR = ROOT / "solutions"
EXERCISES_DIR = ROOT / "exercises"
