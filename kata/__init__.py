"""The kata's machinery, one sub-package per audience; imports only point down this list:

- i18n:       learner-facing texts in the learner's language, Korean particles
- core:       manifest, result record, grading-file list, paths, text, settings (no torch)
- testing:    what graded tests import: calls into learner code, checks and their messages
- engine:     what runs a grade: scheduler, grading child, pytest plugin, loader, sandbox
- render:     scoreboard, Gradescope, Exercism and Classroom results
- learner:    the learner's commands, their state, watch
- instructor: student copy, autograder bundle, gradebook, submission finder
- cli:        `python -m kata COMMAND`, one function per command
"""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HIDDEN_DIR = ROOT / "hidden_tests"  # instructor-only tests: graded by `make grade`, left out of releases
SOLUTIONS_DIR = ROOT / "solutions"
EXERCISES_DIR = ROOT / "exercises"


def load_ipython_extension(ipython) -> None:
    """`%load_ext kata` in a notebook (Jupyter, Colab): the %kata and %%kata magics
    (kata/learner/notebook.py). Imported by name: the grader's modules import this package for
    its paths, and must not depend on the learner's layer."""
    import importlib

    importlib.import_module("kata.learner.notebook").load(ipython)
