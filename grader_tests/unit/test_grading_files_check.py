"""The parent's check of the grading files (kata.engine.sandbox.GradingFiles) never fails on
what graded code does to them: unconfined, a tamperer's code may still be deleting a file
between the moment the check lists it and the moment it reads it."""

from __future__ import annotations

from pathlib import Path

import pytest

from kata.engine import sandbox


def checkout(tmp_path: Path) -> Path:
    (tmp_path / "tests").mkdir()
    for name in ("test_ex01_one_hot.py", "test_ex04_shapes.py"):
        (tmp_path / "tests" / name).write_text("def test_it():\n    pass\n")
    return tmp_path


def test_a_file_gone_between_listing_and_reading_is_changed_not_a_crash(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = checkout(tmp_path)
    files = sandbox.GradingFiles(root)
    assert files.pristine and files.changed() == []
    listed = files._current()
    gone = root / "tests" / "test_ex04_shapes.py"
    gone.unlink()  # after the listing: as a tamperer's process still running would
    monkeypatch.setattr(files, "_current", lambda: listed)
    assert files.changed() == ["tests/test_ex04_shapes.py"]


def test_a_file_made_a_folder_is_changed_and_restored(tmp_path: Path) -> None:
    root = checkout(tmp_path)
    files = sandbox.GradingFiles(root)
    path = root / "tests" / "test_ex01_one_hot.py"
    path.unlink()
    path.mkdir()
    (path / "inside").write_text("x")
    assert files.changed() == ["tests/test_ex01_one_hot.py"]
    files.restore()
    assert files.changed() == [] and path.read_text() == "def test_it():\n    pass\n"
