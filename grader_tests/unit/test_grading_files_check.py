"""The parent's check of the grading files (kata.engine.grading_files_check.GradingFiles) never fails on
what graded code does to them: unconfined, a tamperer's code may still be deleting a file
between the moment the check lists it and the moment it reads it. It reads again only the files
whose stamps changed, and finds every change that way too."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from kata.engine import grading_files_check
from kata.engine.grading_files_check import GradingFiles


def checkout(tmp_path: Path) -> Path:
    (tmp_path / "tests").mkdir()
    for name in ("test_ex01_one_hot.py", "test_ex04_shapes.py"):
        (tmp_path / "tests" / name).write_text("def test_it():\n    pass\n")
    return tmp_path


def test_a_file_gone_between_listing_and_reading_is_changed_not_a_crash(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = checkout(tmp_path)
    files = GradingFiles(root)
    assert files.pristine and files.changed() == []
    listed = files._current()
    gone = root / "tests" / "test_ex04_shapes.py"
    gone.unlink()  # after the listing: as a tamperer's process still running would
    monkeypatch.setattr(files, "_current", lambda: listed)
    assert files.changed() == ["tests/test_ex04_shapes.py"]


def test_a_file_made_a_folder_is_changed_and_restored(tmp_path: Path) -> None:
    root = checkout(tmp_path)
    files = GradingFiles(root)
    path = root / "tests" / "test_ex01_one_hot.py"
    path.unlink()
    path.mkdir()
    (path / "inside").write_text("x")
    assert files.changed() == ["tests/test_ex01_one_hot.py"]
    files.restore()
    assert files.changed() == [] and path.read_text() == "def test_it():\n    pass\n"


# -- stamps: a file whose stamp held is not read again -------------------------------------------


@pytest.fixture
def trusted(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every stamp trusted, however recent (the files of a test were all written just now)."""
    monkeypatch.setattr(grading_files_check, "FRESH", -3600.0)
    monkeypatch.setattr(grading_files_check, "stamps_trusted", lambda: True)


def listings(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """How many times the check lists the grading files from now on."""
    counted: list[int] = []
    real = grading_files_check.grading_files

    def counting(root: Path) -> list[Path]:
        counted.append(1)
        return real(root)

    monkeypatch.setattr(grading_files_check, "grading_files", counting)
    return counted


def test_unchanged_stamps_mean_no_listing_and_no_reading(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, trusted: None
) -> None:
    files = GradingFiles(checkout(tmp_path))
    counted = listings(monkeypatch)
    monkeypatch.setattr(Path, "read_bytes", lambda self: pytest.fail(f"{self} was read again"))
    assert files.changed() == [] and counted == []


def test_a_rewrite_that_keeps_size_and_modification_time_is_found(tmp_path: Path, trusted: None) -> None:
    root = checkout(tmp_path)
    path = root / "tests" / "test_ex01_one_hot.py"
    before = os.stat(path)
    time.sleep(0.01)  # the change time moves on with the clock's coarse steps
    files = GradingFiles(root)
    path.write_text("def test_it():\n    1/0\n\n"[: before.st_size])
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))  # what graded code can set back
    assert os.stat(path).st_size == before.st_size
    assert files.changed() == ["tests/test_ex01_one_hot.py"]


def test_a_file_added_beside_them_is_found(tmp_path: Path, trusted: None) -> None:
    root = checkout(tmp_path)
    files = GradingFiles(root)
    (root / "tests" / "test_ex09_new.py").write_text("def test_it():\n    pass\n")
    assert files.changed() == ["tests/test_ex09_new.py"]


def test_a_file_removed_is_found_and_restored(tmp_path: Path, trusted: None) -> None:
    root = checkout(tmp_path)
    files = GradingFiles(root)
    (root / "tests" / "test_ex04_shapes.py").unlink()
    assert files.changed() == ["tests/test_ex04_shapes.py"]
    files.restore()
    assert files.changed() == []


def test_recent_stamps_are_not_trusted(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Files changed within FRESH seconds are read on every check: a coarse clock could hide a change."""
    monkeypatch.setattr(grading_files_check, "stamps_trusted", lambda: True)
    files = GradingFiles(checkout(tmp_path))  # written just now
    counted = listings(monkeypatch)
    assert files.changed() == [] and counted == [1]


def test_without_trusted_stamps_every_check_lists_and_reads(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, trusted: None
) -> None:
    monkeypatch.setattr(grading_files_check, "stamps_trusted", lambda: False)  # unconfined, or Windows
    files = GradingFiles(checkout(tmp_path))
    counted = listings(monkeypatch)
    assert files.changed() == [] and counted == [1]


def test_a_new_check_takes_the_bytes_of_the_last_where_no_stamp_moved(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, trusted: None
) -> None:
    """make watch takes a new snapshot for every save: the 110 files are read again only after a change."""
    root = checkout(tmp_path)
    first = GradingFiles(root)
    with monkeypatch.context() as patches:
        patches.setattr(Path, "read_bytes", lambda self: pytest.fail(f"{self} was read again"))
        again = GradingFiles(root)
    assert again.pristine == first.pristine
    (root / "tests" / "test_ex01_one_hot.py").write_text("def test_it():\n    assert True\n")
    changed = GradingFiles(root)  # what is there now is what the next grading starts from
    assert changed.pristine["tests/test_ex01_one_hot.py"] == b"def test_it():\n    assert True\n"


def test_stamps_are_trusted_only_where_the_kernel_confines_graded_code(monkeypatch: pytest.MonkeyPatch) -> None:
    """Unconfined, this check is the only line, and stamps are checked on Linux only: every file is read."""
    from kata.core.settings import settings
    from kata.engine import confine

    for confined, abi, trusted in (
        ("", 7, True),
        ("required", 1, True),
        ("off", 7, False),
        ("none", 7, False),
        ("", 0, False),
    ):
        grading_files_check.stamps_trusted.cache_clear()
        settings.cache_clear()
        monkeypatch.setattr(confine, "abi", lambda abi=abi: abi)
        monkeypatch.setenv("KATA_CONFINE", confined)
        assert grading_files_check.stamps_trusted() is (trusted and os.name == "posix"), (confined, abi)
    grading_files_check.stamps_trusted.cache_clear()
    settings.cache_clear()


@pytest.mark.parametrize("swapped", ["file", "folder"])
def test_a_link_swapped_in_is_read_on_every_check(tmp_path: Path, trusted: None, swapped: str) -> None:
    """A grading file or folder swapped for a link to a copy elsewhere (same bytes: no change yet) is
    not stamped: what the link points to can change while the link does not (helper-101's attack,
    where graded code runs unconfined)."""
    (tmp_path / "checkout").mkdir()
    root = checkout(tmp_path / "checkout")
    elsewhere = tmp_path / "student"
    elsewhere.mkdir()
    if swapped == "file":
        path = root / "tests" / "test_ex01_one_hot.py"
        (elsewhere / path.name).write_bytes(path.read_bytes())
        path.unlink()
        path.symlink_to(elsewhere / path.name)
        target = elsewhere / path.name
    else:
        (root / "tests").rename(elsewhere / "tests")
        (root / "tests").symlink_to(elsewhere / "tests")
        target = elsewhere / "tests" / "test_ex01_one_hot.py"
    time.sleep(0.01)
    files = GradingFiles(root)
    assert files.changed() == []
    if swapped == "file":
        target.write_text("def test_it():\n    assert True\n")
        assert files.changed() == ["tests/test_ex01_one_hot.py"]
    else:  # a file added where the folder's link points: its stamp never moves
        (target.parent / "conftest.py").write_text("import pytest\n")
        assert files.changed() == ["tests/conftest.py"]
