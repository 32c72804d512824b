"""A hostile submission changes no grading file and gains nothing by trying, in every way a
grader runs; a change made in a judge of several exercises is charged to the one that made it
(docs/grading.md; the ways a grader runs: grader_tests/sandbox_grading.py). And the bookkeeping
without grading: which exercises a changed file charges, and restoring the grading files."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from grader_tests.sandbox_grading import (
    MODES,
    WROTE,
    checkout_for,
    hand_over,
    kata_in,
    python_for,
    tree_with,
    unchanged,
    workspace,
)
from kata.engine.grading_files_check import GradingFiles
from kata.engine.sandbox import exercises_touched

pytestmark = pytest.mark.timeout(600)


@pytest.mark.parametrize("mode", [*MODES, "unconfined"])
@pytest.mark.parametrize("scenario", ["rewrites-tests", "deletes-tests", "writes-below-the-hook"])
def test_a_tamperer_changes_no_grading_file_and_gains_nothing(
    tmp_path: Path, scenario: str, mode: str, request: pytest.FixtureRequest
) -> None:
    checkout, place = checkout_for(mode, request), workspace(mode, tmp_path, request)
    before = GradingFiles(checkout).pristine
    tree = tree_with(scenario, place / "tree")
    hand_over(mode, tree)
    results = place / "results.json"
    proc = kata_in(
        checkout, python_for(mode, request), mode, "grade", f"--impl={tree}", f"--results={results}", "ex01", "ex04"
    )
    assert not unchanged(checkout, before), f"grading files left changed: {unchanged(checkout, before)}"
    tests = json.loads(results.read_text())["tests"]
    ex01 = [t for t in tests if t["name"].startswith("ex01_one_hot: ")]
    ex04 = [t for t in tests if t["name"].startswith("ex04_shapes: ")]
    assert ex01 and all(t["score"] == 0 for t in ex01)
    printed = "\n".join(t["output"] for t in ex01)
    if mode == "unconfined":  # no Landlock: the writes went through; the hash check caught and charged them
        assert "runs unconfined here" in " ".join(proc.stderr.split()), proc.stderr
        assert any(w in printed for w in WROTE), printed[:2000]
        assert "changed the grading files" in printed, printed[:2000]
        assert all(t["score"] == 0 for t in ex04), "every exercise the changed files decide scores 0"
    else:  # the kernel refused every write, by open() and by libc alike
        assert "refused" in printed and not any(w in printed for w in WROTE), printed[:2000]
        assert ("uid 0" in printed) == (mode == "confined"), printed[:2000]  # root, confined all the same
        if mode == "unprivileged":
            assert "graded code cannot run as an unprivileged user" not in " ".join(proc.stderr.split()), proc.stderr
        assert all(t["status"] == "passed" for t in ex04), "the rest of the submission is graded as usual"


def test_a_change_made_in_a_judge_of_several_exercises_is_charged_to_the_one_that_made_it(
    checkout: Path, tmp_path: Path
) -> None:
    """ex01 and ex04 graded in one judge (--jobs=1), unconfined; ex01's code, right otherwise,
    appends a test to ex04's file. Each exercise is graded again alone to find out whose
    code did it: ex01 scores 0 for it, and ex04 too, since the changed file decides it."""
    before = GradingFiles(checkout).pristine
    tree = tree_with("changes-another-exercises-tests", tmp_path / "tree")
    results = tmp_path / "results.json"
    kata_in(  # as on a system without Landlock: there the hash check is what is left
        checkout,
        sys.executable,
        "unconfined",
        "grade",
        f"--impl={tree}",
        f"--results={results}",
        "--jobs=1",
        "ex01",
        "ex04",
    )
    assert not unchanged(checkout, before), f"grading files left changed: {unchanged(checkout, before)}"
    tests = json.loads(results.read_text())["tests"]
    for exercise in ("ex01_one_hot", "ex04_shapes"):
        mine = [t for t in tests if t["name"].startswith(f"{exercise}: ")]
        assert mine and all(t["score"] == 0 for t in mine), exercise
        assert all("changed the grading files" in t["output"] for t in mine), exercise
    assert not any("free_points" in t["name"] for t in tests)


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
