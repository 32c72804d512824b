"""How the grader names files to a learner: relative to the kata when inside it."""

from __future__ import annotations

import stat
from pathlib import Path

from kata import ROOT

_SHOWN_AS: dict[Path, Path] = {}  # a private copy of a graded folder -> the folder it copies


def show_as(copy: Path, original: Path) -> None:
    """Name files of `copy` (a grading child's private copy) as the files of `original`."""
    _SHOWN_AS[Path(copy).resolve()] = Path(original).resolve()


def display_path(path: str | Path) -> str:
    resolved = Path(path).resolve()
    for copy, original in _SHOWN_AS.items():
        if resolved == copy or copy in resolved.parents:
            resolved = original / resolved.relative_to(copy)
    try:
        return str(resolved.relative_to(ROOT))
    except ValueError:
        return str(resolved)


def is_within(path: str | Path, folder: str | Path) -> bool:
    try:
        Path(path).resolve().relative_to(Path(folder).resolve())
    except (ValueError, OSError):
        return False
    return True


MAX_FILE_BYTES = 1 << 20  # an exercise file is a few KB; anything near this is not one


def regular_file(path: Path) -> bool:
    """A plain file of a plausible size: never a symbolic link, whose target the grader (root,
    unconfined while it copies) would read for the student (the reference, another student's
    file, /proc/self/environ), nor a sparse file that copying would make huge."""
    try:
        info = path.lstat()
    except OSError:
        return False
    return stat.S_ISREG(info.st_mode) and info.st_size <= MAX_FILE_BYTES
