"""Grading a class: a tamperer in the middle of grade-all costs the others nothing, grade-all
will not run unconfined unless told, and fake results or a killed grader never reach
Gradescope (docs/grading.md)."""

from __future__ import annotations

import csv
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from grader_tests.sandbox_grading import (
    checkout_for,
    env_for,
    hand_over,
    kata_in,
    python_for,
    tree_with,
    unchanged,
    workspace,
)
from kata import EXERCISES_DIR, SOLUTIONS_DIR
from kata.engine.grading_files_check import GradingFiles

pytestmark = pytest.mark.timeout(600)


@pytest.mark.parametrize("mode", ["confined", "ordinary"])
@pytest.mark.parametrize("scenario", ["rewrites-tests", "reaches-classmates"])
def test_grade_all_with_a_tamperer_in_the_middle_grades_the_others_as_without_it(
    tmp_path: Path, mode: str, scenario: str, request: pytest.FixtureRequest
) -> None:
    """Mallory's code goes for the grading files or for classmates' files (found through the
    grader's argv, environment, /proc or the temporary folder) and fails with a lone surrogate
    in its message: her classmates keep their grades and their files, and the gradebook is whole."""
    checkout, place = checkout_for(mode, request), workspace(mode, tmp_path, request)
    subs = place / "submissions"
    shutil.copytree(SOLUTIONS_DIR, subs / "alice")
    shutil.copytree(EXERCISES_DIR, subs / "bob")
    tree_with(scenario, subs / "mallory")
    for path in EXERCISES_DIR.glob("ex*.py"):  # stubs but for the hostile file: it hopes for free points
        if path.name != "ex01_one_hot.py":
            shutil.copy(path, subs / "mallory" / path.name)
    shutil.copytree(SOLUTIONS_DIR, subs / "oscar")
    hand_over(mode, subs)
    files = {path: path.read_bytes() for path in subs.rglob("*.py") if "mallory" not in path.parts}
    before = GradingFiles(checkout).pristine
    out = place / "gradebook.csv"
    python = python_for(mode, request)
    kata_in(checkout, python, mode, "grade-all", f"--submissions={subs}", f"--out={out}", "--jobs=2")
    assert not unchanged(checkout, before)
    assert all(path.read_bytes() == data for path, data in files.items()), "a classmate's file was changed"
    rows = {row["student"]: row for row in csv.DictReader(out.open(encoding="utf-8"))}
    assert rows["alice"]["total"] == rows["alice"]["max_total"] == rows["oscar"]["total"], rows
    assert float(rows["bob"]["total"]) == 0 and rows["bob"]["max_total"] == rows["alice"]["max_total"]
    assert float(rows["mallory"]["total"]) == 0, rows["mallory"]
    book = json.loads(out.with_suffix(".json").read_text(encoding="utf-8"))
    assert [s["student"] for s in book["students"]] == ["alice", "bob", "mallory", "oscar"]
    if scenario == "reaches-classmates":
        assert "stole 0, rewrote 0" in rows["mallory"]["errors"], rows["mallory"]
        assert "\x1b" not in out.read_text(encoding="utf-8") and "\x00" not in out.read_text(encoding="utf-8")


def test_grade_all_refuses_to_run_unconfined_unless_told(checkout: Path, tmp_path: Path) -> None:
    subs = tmp_path / "submissions"
    shutil.copytree(SOLUTIONS_DIR, subs / "alice")
    out = tmp_path / "gradebook.csv"
    proc = kata_in(
        checkout, sys.executable, "unconfined", "grade-all", f"--submissions={subs}", f"--out={out}", ok=False
    )
    assert proc.returncode == 2 and "--unconfined" in proc.stderr and not out.exists(), proc.stderr
    proc = kata_in(
        checkout, sys.executable, "unconfined", "grade-all", f"--submissions={subs}", f"--out={out}", "--unconfined"
    )
    assert "runs unconfined here" in " ".join(proc.stderr.split()) and out.exists()


@pytest.mark.parametrize("mode", ["confined", "unprivileged"])  # Gradescope grades as root
def test_fake_results_and_a_killed_grader_never_reach_gradescope(
    checkout: Path, tmp_path: Path, mode: str, request: pytest.FixtureRequest
) -> None:
    root = tmp_path / "autograder"
    tree_with("fake-results-kills-parent", root / "submission" / "upload")
    tmp = Path(tempfile.mkdtemp(prefix="kata-autograder-tmp-"))  # where run_autograder's own folder goes
    tmp.chmod(0o711)  # as /tmp is to other users: they may pass through
    run = subprocess.run(
        ["bash", str(checkout / "kata" / "instructor" / "autograder" / "run_autograder")],
        env=env_for(
            mode,
            AUTOGRADER_ROOT=str(root),
            KATA_SOURCE=str(checkout),
            KATA_PYTHON=python_for(mode, request),
            TMPDIR=str(tmp),
        ),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    data = json.loads((root / "results" / "results.json").read_text())
    assert data["score"] != 999
    left = list(tmp.iterdir())
    shutil.rmtree(tmp, ignore_errors=True)
    assert not left, "a killed grader leaves no temporary files behind"
    # The graded code's parent is its worker's zygote, never the grader: whatever it kills, the
    # grader finishes and writes its own results; the submission's exercise scores 0.
    ex01 = [t for t in data["tests"] if t["name"].startswith("ex01_one_hot: ")]
    assert ex01 and all(t["score"] == 0 for t in ex01)
    assert data["score"] == sum(t["score"] for t in data["tests"]) > 0, "the grader's own results"
    printed = "\n".join(t["output"] for t in ex01)
    assert "open() refused" in printed and "libc wrote" not in printed, printed[:2000]
    assert "os.kill refused" in printed and "libc kill returned -1" in printed, printed[:2000]
