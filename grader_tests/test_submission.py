"""One rule finds a submission's files (kata/instructor/submissions.py), for grade-all, the
Gradescope autograder and GitHub Classroom alike: one layout each as students really hand work in.
grade-all and the autograder are run on these layouts in test_instructor.py."""

from __future__ import annotations

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
    assert data["version"] == 1 and data["status"] == "pass"
    assert data["tests"] and all(t["status"] == "pass" for t in data["tests"])
    assert {Path(t["filename"]).relative_to(repository).as_posix() for t in data["tests"]} == {
        "exercises/ex01_one_hot.py",
        "exercises/ex04_shapes.py",
    }, "files are named where they are in the repository"
