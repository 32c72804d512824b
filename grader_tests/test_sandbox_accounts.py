"""The sandbox's bookkeeping, without grading: distinct unused accounts for children side by
side, which exercises a changed file charges, and restoring the grading files."""

from __future__ import annotations

import pwd
from pathlib import Path

import pytest

from kata.engine.sandbox import Account, GradingFiles, exercises_touched, slot_account

pytestmark = pytest.mark.timeout(600)


def test_children_side_by_side_get_distinct_unused_accounts() -> None:
    base = Account(65534, 65534, "nobody")
    accounts = [slot_account(base, slot) for slot in range(4)]
    assert accounts[0] == base
    assert all(a.gid == base.gid for a in accounts)
    for account in accounts[1:]:
        try:
            pwd.getpwuid(account.uid)
            assert account == base, "a uid some real user has is never taken"
        except KeyError:
            pass
    free = [a for a in accounts[1:] if a != base]
    assert len({a.uid for a in free}) == len(free)


def test_a_changed_test_file_charges_its_exercise_and_anything_else_every_exercise() -> None:
    names = ["ex01_one_hot", "ex02_batch", "ex03_rnn"]
    assert exercises_touched(["tests/test_ex02_batch.py", "hidden_tests/test_ex03_rnn.py"], names) == names[1:]
    assert exercises_touched(["kata/testing/checks.py"], names) == names
    assert exercises_touched(["kata.toml", "tests/test_ex01_one_hot.py"], names) == names


def test_restore_puts_back_rewritten_deleted_and_added_files(tmp_path: Path) -> None:
    (tmp_path / "tests").mkdir()
    (tmp_path / "tests" / "test_ex01_one_hot.py").write_text("real\n")
    (tmp_path / "kata.toml").write_text("manifest\n")
    files = GradingFiles(tmp_path)
    (tmp_path / "tests" / "test_ex01_one_hot.py").write_text("def test_free(): pass\n")
    (tmp_path / "kata.toml").unlink()
    (tmp_path / "tests" / "test_ex09_extra.py").write_text("def test_more(): pass\n")
    assert files.changed() == ["kata.toml", "tests/test_ex01_one_hot.py", "tests/test_ex09_extra.py"]
    files.restore()
    assert files.changed() == []
    assert (tmp_path / "tests" / "test_ex01_one_hot.py").read_text() == "real\n"
    assert not (tmp_path / "tests" / "test_ex09_extra.py").exists()
