"""One rule finds a submission's files (kata/submission.py), for grade-all, the Gradescope
autograder and GitHub Classroom alike: one layout each as students really hand work in."""

from __future__ import annotations

import csv
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from kata import EXERCISES_DIR, ROOT, SOLUTIONS_DIR
from kata.instructor.submissions import find_files, graded_folder

pytestmark = pytest.mark.timeout(600)
ENV = {**os.environ, "KATA_DEVICE": "cpu", "KATA_LANG": "en", "PYTHONDONTWRITEBYTECODE": "1"}


def loose_files(folder: Path) -> Path:
    """What a student uploads by dragging the files in: all at the top."""
    shutil.copytree(SOLUTIONS_DIR, folder)
    return folder


def student_copy_clone(folder: Path) -> Path:
    """A GitHub Classroom repository: a clone of the student copy, the work under exercises/."""
    for name in ("tests", "kata"):
        shutil.copytree(ROOT / name, folder / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(SOLUTIONS_DIR, folder / "exercises")
    (folder / ".git" / "old").mkdir(parents=True)
    shutil.copy(EXERCISES_DIR / "ex01_one_hot.py", folder / ".git" / "old" / "ex01_one_hot.py")
    return folder


def wrapped_upload(folder: Path) -> Path:
    """A zip with a wrapper folder, and an older stub copy one level deeper that must not win."""
    shutil.copytree(SOLUTIONS_DIR, folder / "homework-3")
    (folder / "homework-3" / "old").mkdir()
    shutil.copy(EXERCISES_DIR / "ex01_one_hot.py", folder / "homework-3" / "old" / "ex01_one_hot.py")
    (folder / "homework-3" / "notes.txt").write_text("not graded")
    return folder


LAYOUTS = {"loose-files": loose_files, "student-copy-clone": student_copy_clone, "wrapped-upload": wrapped_upload}


@pytest.mark.parametrize("layout", LAYOUTS)
def test_the_rule_finds_the_solutions_in_every_layout(tmp_path: Path, layout: str) -> None:
    folder = LAYOUTS[layout](tmp_path / "submission")
    found = find_files(folder)
    assert set(found) == {p.name for p in SOLUTIONS_DIR.glob("ex*.py")}
    assert all(path.read_bytes() == (SOLUTIONS_DIR / name).read_bytes() for name, path in found.items())
    graded = graded_folder(folder, tmp_path / "scratch")
    assert graded == found["ex01_one_hot.py"].parent.resolve(), "files together are graded where they are"


def test_grade_all_reads_every_layout(tmp_path: Path) -> None:
    subs = tmp_path / "submissions"
    for layout, build in LAYOUTS.items():
        build(subs / layout)
    out = tmp_path / "gradebook.csv"
    proc = subprocess.run(
        [sys.executable, "-m", "kata", "grade-all", f"--submissions={subs}", f"--out={out}"],
        cwd=ROOT,
        env=ENV,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    rows = {row["student"]: row for row in csv.DictReader(out.open())}
    assert set(rows) == set(LAYOUTS)
    for layout, row in rows.items():
        assert row["total"] == row["max_total"] and float(row["total"]) > 0, (layout, row)


def test_autograder_reads_a_classroom_style_repository(tmp_path: Path) -> None:
    root = tmp_path / "autograder"
    student_copy_clone(root / "submission")
    run = subprocess.run(
        ["bash", str(ROOT / "kata" / "instructor" / "autograder" / "run_autograder")],
        env={**ENV, "AUTOGRADER_ROOT": str(root), "KATA_SOURCE": str(ROOT), "KATA_PYTHON": sys.executable},
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    data = json.loads((root / "results" / "results.json").read_text())
    assert data["score"] == sum(t["max_score"] for t in data["tests"]) > 0


def test_classroom_grades_the_repository_by_the_same_rule(tmp_path: Path) -> None:
    repository = student_copy_clone(tmp_path / "repository")
    results = tmp_path / "classroom.json"
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "kata",
            "grade",
            f"--submission={repository}",
            "--format=classroom",
            f"--results={results}",
            "ex01",
            "ex04",
        ],
        cwd=ROOT,
        env=ENV,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    data = json.loads(results.read_text())
    assert data["tests"] and all(t["status"] == "pass" for t in data["tests"])
    assert {Path(t["filename"]).relative_to(repository).as_posix() for t in data["tests"]} == {
        "exercises/ex01_one_hot.py",
        "exercises/ex04_shapes.py",
    }, "files are named where they are in the repository"
