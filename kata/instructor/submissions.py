"""Finds a submission's exercise files: one rule for grade-all, the Gradescope autograder and
GitHub Classroom.

The rule: every file named like an exercise (exNN_*.py) anywhere under the submitted folder
counts, outside hidden folders (.git) and caches; where one name occurs more than once, the
shallowest copy wins (then the first in path order). So a folder of loose files, a clone of the
student copy (files under exercises/) and an upload with a wrapper folder all grade the same.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from kata.core.paths import regular_file

EXERCISE_FILE = re.compile(r"ex\d\d_\w+\.py")
SKIPPED_FOLDERS = {"__pycache__", "node_modules", "site-packages"}


def find_files(folder: Path) -> dict[str, Path]:
    """File name -> the submitted file of that name that the rule picks."""
    found: dict[str, Path] = {}
    candidates = []
    for path in Path(folder).rglob("ex*.py"):
        parts = path.relative_to(folder).parts
        if any(p.startswith(".") or p in SKIPPED_FOLDERS for p in parts[:-1]):
            continue
        if any(part.is_symlink() for part in [path, *path.parents][: len(parts)]):
            continue  # a linked folder or file leads outside the submission
        if EXERCISE_FILE.fullmatch(path.name) and regular_file(path):
            candidates.append((len(parts), str(path), path))
    for _depth, _name, path in sorted(candidates):
        found.setdefault(path.name, path)
    return found


def graded_folder(folder: Path, scratch: Path) -> Path:
    """The folder to grade for a submission: where its files are, when they sit together in one
    folder (the paths in messages are then the student's own), else a flat copy in scratch."""
    files = find_files(folder)
    parents = {path.parent for path in files.values()}
    if len(parents) == 1 and not any(p.is_symlink() for p in Path(folder).iterdir()):
        return parents.pop().resolve()
    scratch.mkdir(parents=True, exist_ok=True)
    for name, path in files.items():
        shutil.copyfile(path, scratch / name)
    return scratch.resolve()
