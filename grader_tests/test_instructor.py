"""Instructor tooling: the student release, the Gradescope bundle, batch grading, tamper check."""

from __future__ import annotations

import csv
import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from grader_tests.golden import SCENARIOS
from grader_tests.warm_kata import run_kata
from kata import EXERCISES_DIR, HIDDEN_DIR, ROOT, SOLUTIONS_DIR

pytestmark = pytest.mark.timeout(300)
ENV = {**os.environ, "KATA_DEVICE": "cpu", "KATA_LANG": "en", "PYTHONDONTWRITEBYTECODE": "1"}


def kata(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return run_kata(list(args), env=ENV, cwd=cwd)


@pytest.fixture(scope="module")
def release(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("release") / "student-copy"
    proc = kata("release", f"--out={out}")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return out


def reference_lines() -> set[str]:
    """Distinctive code lines of the solutions, and the hidden tests' definitions and docstrings:
    none may reach a student."""
    lines = set()
    for path in SOLUTIONS_DIR.glob("*.py"):
        for line in path.read_text().splitlines():
            text = line.strip()
            if len(text) > 25 and not text.startswith(("import ", "from ", "def ", '"""', "#", "raise ")):
                lines.add(text)
    for path in HIDDEN_DIR.glob("*.py"):
        for line in path.read_text().splitlines():
            text = line.strip()
            if text.startswith("def test_") or (text.startswith('"""') and text.endswith('"""') and len(text) > 12):
                lines.add(text)
    return lines


def test_release_holds_no_reference_code_and_no_hidden_test(release: Path) -> None:
    files = [p for p in release.rglob("*") if p.is_file()]
    names = {str(p.relative_to(release)) for p in files}
    assert not any(n.startswith(("solutions/", "hidden_tests/", "grader_tests/", "bench/", ".ci/")) for n in names), (
        names
    )
    assert {f"exercises/{p.name}" for p in EXERCISES_DIR.glob("ex*.py")} <= names
    secret = reference_lines()
    assert secret, "the check found no reference lines to look for"
    for path in files:
        text = path.read_text(errors="replace")
        leaked = [line for line in secret if line in text]
        assert not leaked, f"{path.relative_to(release)} holds reference code: {leaked[:3]}"
    scenario_sources = {p.read_bytes() for p in SCENARIOS.rglob("*.py")}
    assert not any(p.read_bytes() in scenario_sources for p in files if p.suffix == ".py")


def test_release_carries_no_hidden_test_title_in_any_language(release: Path) -> None:
    from kata.i18n import as_catalog, po
    from kata.instructor.bundle import ids_of_tests, titles_of_tests

    titles = titles_of_tests(HIDDEN_DIR) - titles_of_tests(ROOT / "tests")
    assert titles, "the check found no hidden test titles to look for"

    catalogs = list((release / "kata" / "i18n" / "locales").glob("*.po"))
    assert catalogs, "the copy carries its language files"
    for path in catalogs:
        entries = po.parse(path.read_text(encoding="utf-8"))
        assert not [e for e in entries if e.msgid in titles or e.previous in titles], path
        hidden_ids = ids_of_tests(HIDDEN_DIR) - ids_of_tests(ROOT / "tests")
        assert hidden_ids, "the check found no ids only hidden tests use"
        assert not [e for e in entries if e.msgctxt == "test-id" and e.msgid in hidden_ids], path
        assert as_catalog(entries)["messages"], "still a language file, with its messages"


def test_tampered_tests_are_reported_and_graded_with_pristine_copies(release: Path, tmp_path: Path) -> None:
    copy = tmp_path / "tampered"
    shutil.copytree(release, copy)
    (copy / "tests" / "test_ex01_one_hot.py").write_text("def test_free_points():\n    pass\n")
    results = tmp_path / "results.json"
    proc = kata("grade", f"--results={results}", "ex01", cwd=copy)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "tests/test_ex01_one_hot.py" in proc.stderr and "pristine" in proc.stderr
    data = json.loads(results.read_text())
    assert len(data["tests"]) > 1 and data["score"] == 0, "the stubs must earn nothing, whatever the tests say"


def test_autograder_bundle_grades_a_submission(tmp_path: Path) -> None:
    bundle = tmp_path / "autograder.zip"
    proc = kata("autograder", f"--out={bundle}")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    root = tmp_path / "autograder"
    with zipfile.ZipFile(bundle) as archive:
        names = archive.namelist()
        archive.extractall(root / "source")
    assert {"setup.sh", "run_autograder"} <= set(names)
    assert not any(n.startswith("solutions/") for n in names) and any(n.startswith("hidden_tests/") for n in names)
    assert subprocess.run(["bash", "-n", str(root / "source" / "setup.sh")]).returncode == 0
    shutil.copy(root / "source" / "run_autograder", root / "run_autograder")
    env = {**ENV, "AUTOGRADER_ROOT": str(root), "KATA_PYTHON": sys.executable}
    submission = root / "submission"  # a wrapped upload with a stray file: the submission finder's rule
    (submission / "nested").mkdir(parents=True)
    for path in SOLUTIONS_DIR.glob("ex*.py"):
        shutil.copy(path, submission / "nested" / path.name)
    (submission / "notes.txt").write_text("not graded")
    run = subprocess.run(["bash", str(root / "run_autograder")], env=env, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stdout + run.stderr
    data = json.loads((root / "results" / "results.json").read_text())
    visibilities = {t["visibility"] for t in data["tests"]}
    assert visibilities == {"visible", "after_due_date"}, "instructor-only tests default to after_due_date"
    shown = [t for t in data["tests"] if t["visibility"] == "visible"]
    assert data["output"] == f"{len(shown)}/{len(shown)} tests passed.", "the total counts the visible tests only"
    assert data["score"] == sum(t["max_score"] for t in data["tests"]) > 0


def test_grade_all_writes_a_gradebook_no_submission_can_skew(tmp_path: Path) -> None:
    """alice hands in a clone of the student copy (an old stub under .git/), bob an upload in a
    wrapper folder (an old stub one level deeper): the submission finder's rule grades both alike."""
    subs = tmp_path / "submissions"
    shutil.copytree(SOLUTIONS_DIR, subs / "alice" / "exercises")
    (subs / "alice" / ".git" / "old").mkdir(parents=True)
    shutil.copy(EXERCISES_DIR / "ex01_one_hot.py", subs / "alice" / ".git" / "old")
    shutil.copytree(SOLUTIONS_DIR, subs / "bob" / "homework-3")
    (subs / "bob" / "homework-3" / "old").mkdir()
    shutil.copy(EXERCISES_DIR / "ex01_one_hot.py", subs / "bob" / "homework-3" / "old")
    shutil.copytree(EXERCISES_DIR, subs / "carol")
    shutil.copytree(SOLUTIONS_DIR, subs / "mallory")
    for path in (SCENARIOS / "exits-and-crashes" / "submission").glob("*.py"):
        shutil.copy(path, subs / "mallory" / path.name)
    out = tmp_path / "gradebook.csv"
    proc = kata("grade-all", f"--submissions={subs}", f"--out={out}")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "4/4" in proc.stderr, "a progress bar reaches the end"
    rows = {row["student"]: row for row in csv.DictReader(out.open())}
    assert set(rows) == {"alice", "bob", "carol", "mallory"}
    assert rows["alice"] == {**rows["bob"], "student": "alice"} and rows["alice"]["total"] == rows["alice"]["max_total"]
    assert float(rows["carol"]["total"]) == 0 and not rows["carol"]["errors"]
    assert 0 < float(rows["mallory"]["total"]) < float(rows["mallory"]["max_total"])
    assert float(rows["mallory"]["ex04_shapes"]) == float(rows["alice"]["ex04_shapes"]), (
        "untouched exercises keep their points"
    )
    assert "exited with code 0" in rows["mallory"]["errors"] and "segmentation fault" in rows["mallory"]["errors"]
    book = json.loads(out.with_suffix(".json").read_text())
    assert [s["student"] for s in book["students"]] == ["alice", "bob", "carol", "mallory"]
