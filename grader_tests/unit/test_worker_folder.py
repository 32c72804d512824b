"""What a worker's own folder holds of a submission: the exercise files, nothing beside them."""

from __future__ import annotations

import tempfile
from pathlib import Path

from kata import SOLUTIONS_DIR
from kata.core.manifest import load_manifest
from kata.engine.sandbox import graded_copy, own_folder


def test_only_the_exercise_files_are_copied(tmp_path: Path) -> None:
    """A `pydoc.py` beside the exercises (a hostile tester's) stood in for the standard library's
    when ex06 called help(), and ran torch's RNN kernel where the judge never reads: files the
    manifest does not name never reach the worker."""
    for exercise in load_manifest():
        (tmp_path / exercise.filename).write_bytes((SOLUTIONS_DIR / exercise.filename).read_bytes())
    for stranger in ("pydoc.py", "typing.py", "helper.py", "sitecustomize.py"):
        (tmp_path / stranger).write_text("raise SystemExit('imported')\n")
    own = own_folder(tempfile.mkdtemp(prefix="kata-unit-work-"), tmp_path, None)
    assert sorted(p.name for p in graded_copy(own).iterdir()) == sorted(e.filename for e in load_manifest())


def test_a_missing_exercise_file_is_left_out(tmp_path: Path) -> None:
    (tmp_path / "ex01_one_hot.py").write_text("x = 1\n")
    own = own_folder(tempfile.mkdtemp(prefix="kata-unit-work-"), tmp_path, None)
    assert [p.name for p in graded_copy(own).iterdir()] == ["ex01_one_hot.py"]
