"""The one list of the files that decide a grade.

The tamper check (kata.engine.sandbox), the release record and the student copy
(kata.instructor.bundle), the Gradescope bundle and the grader's own tests all read it here, so
a module moved into a new folder is never silently left out of one of them.
grader_tests/test_grading_files.py fails when grading opens a file of the checkout that is not
listed.
"""

from __future__ import annotations

from pathlib import Path

from kata import ROOT

# Changing any of these changes somebody's grade.
GRADING_FILES = (
    "tests/*.py",
    "hidden_tests/*.py",
    "kata/*.py",
    "kata/*/*.py",
    "kata/i18n/locales/*.po",
    "kata/instructor/autograder/*",
    "kata/release.json",  # a student copy's record: the pristine grading files it grades with
    "conftest.py",
    "kata.toml",
    "pyproject.toml",
)
# Grading files only an instructor holds: a student copy leaves them out.
INSTRUCTOR_ONLY = ("hidden_tests/*.py", "kata/instructor/autograder/*")
RELEASE_RECORD = "kata/release.json"
PYTHON_SOURCES = tuple(pattern for pattern in GRADING_FILES if pattern.endswith(".py"))


def matching(patterns: tuple[str, ...], root: Path = ROOT) -> list[Path]:
    """The files under root that any of the glob patterns matches, sorted, caches left out."""
    found: set[Path] = set()
    for pattern in patterns:
        found.update(p for p in root.glob(pattern) if p.is_file() and "__pycache__" not in p.parts)
    return sorted(found)


def grading_files(root: Path = ROOT) -> list[Path]:
    """Every grading file present under root (a student copy has no hidden tests)."""
    return matching(GRADING_FILES, root)


def is_grading_file(relative: str) -> bool:
    """Whether a path relative to the checkout names a grading file."""
    return any(Path(relative).match(pattern) and relative.count("/") == pattern.count("/") for pattern in GRADING_FILES)
