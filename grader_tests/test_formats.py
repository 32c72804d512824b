"""Exercism's and GitHub Classroom's results, checked against what their own tools do.

Exercism: the shapes of exercism/python-test-runner's golden results (test/example-*/results.json):
a run that cannot import the solution is {"version", "status": "error", "message", "tests": []}
(example-syntax-error, example-empty-file); otherwise every test has name, status, test_code (the
test's statements) and task_id, a message when it fails, output only when it printed, at most 500
characters ending in " [Output was truncated. Please limit to 500 chars]".
Classroom: classroom-resources/autograding-grading-reporter (src/console-results.js,
src/aggregate-results.js, src/helpers/test-helpers.js, src/notify-classroom.js), re-done here.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from grader_tests.golden import SCENARIOS, grade
from kata import SOLUTIONS_DIR

pytestmark = pytest.mark.timeout(300)
EXERCISM_TEST_KEYS = {"name", "status", "message", "test_code", "task_id", "output"}
TRUNCATED = " [Output was truncated. Please limit to 500 chars]"


def tree(tmp_path: Path, scenario: str = "") -> Path:
    folder = tmp_path / "tree"
    shutil.copytree(SOLUTIONS_DIR, folder)
    if scenario:
        for path in (SCENARIOS / scenario / "submission").glob("*.py"):
            shutil.copy(path, folder / path.name)
    return folder


def graded(folder: Path, tmp_path: Path, fmt: str, *exercises: str) -> dict:
    results = tmp_path / f"{fmt}.json"
    proc = grade(folder, results, 10, f"--format={fmt}", *exercises)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return json.loads(results.read_text())


def test_exercism_error_when_the_submission_cannot_run(tmp_path: Path) -> None:
    data = graded(tree(tmp_path, "syntax-error"), tmp_path, "exercism", "ex02")
    assert set(data) == {"version", "status", "message", "tests"} and data["tests"] == []
    assert data["version"] == 3 and data["status"] == "error"
    assert "ex02_batch.py, line 4" in data["message"] and "SyntaxError" in data["message"]
    assert str(tmp_path) not in data["message"], "paths are relative to the solution folder"
    empty = tmp_path / "empty"
    empty.mkdir()
    missing = graded(empty, tmp_path, "exercism", "ex01")
    assert missing["status"] == "error" and "ex01_one_hot.py was not found" in missing["message"]


def test_exercism_tests_as_the_python_runner_writes_them(tmp_path: Path) -> None:
    data = graded(tree(tmp_path, "output-flood"), tmp_path, "exercism", "ex01", "ex02")
    assert set(data) == {"version", "status", "tests"} and data["status"] in ("pass", "fail")
    for test in data["tests"]:
        assert set(test) <= EXERCISM_TEST_KEYS and {"name", "status", "test_code", "task_id"} <= set(test)
        assert ("message" in test) == (test["status"] == "fail")
        assert "::" not in test["test_code"] and "def test_" not in test["test_code"] and test["test_code"].strip()
        assert len(test.get("output", "")) <= 500
    flooded = [t for t in data["tests"] if len(t.get("output", "")) == 500]
    assert flooded and all(t["output"].endswith(TRUNCATED) for t in flooded)
    assert not any("handles any characters" in t["name"] for t in data["tests"]), "instructor-only tests left out"
    assert {t["task_id"] for t in data["tests"]} == {0}, "no task: the kata has no instructions.md task headings"
    assert all(t["output"] == t["output"].strip() for t in data["tests"] if "output" in t), "stripped"


def reporter_table_score(results: dict) -> float:
    """test-helpers.js getTestScore: passed tests / all tests x max_score."""
    passed = sum(t["status"] == "pass" for t in results["tests"])
    return passed / len(results["tests"]) * results["max_score"]


def reporter_notice_points(results: dict) -> float:
    """notify-classroom.js: the sum of every test's score."""
    return sum(t["score"] for t in results["tests"])


def reporter_console(results: dict) -> str:
    """console-results.js: a line per test; a message only for status "error"."""
    lines = []
    for test in results["tests"]:
        if test["status"] == "pass":
            lines.append(f"✅ {test['name']}")
        elif test["status"] == "error":
            lines.append(f"Error: {test.get('message') or test['name']}")
        else:
            lines.append(f"❌ {test['name']}")
        if test.get("test_code"):
            lines.append(f"Test code:\n{test['test_code']}")
    return "\n".join(lines)


def test_classroom_table_and_notice_agree_with_the_points(tmp_path: Path) -> None:
    folder = tree(tmp_path, "forgot-batch-first")
    shutil.copy(SCENARIOS / "syntax-error" / "submission" / "ex02_batch.py", folder / "ex02_batch.py")
    data = graded(folder, tmp_path, "classroom", "ex01", "ex02", "ex03")
    gradescope = graded(folder, tmp_path, "gradescope", "ex01", "ex02", "ex03")
    visible = [t for t in gradescope["tests"] if t["visibility"] == "visible"]
    points = sum(t["score"] for t in visible)
    assert data["max_score"] == sum(t["max_score"] for t in visible)
    assert 0 < points < data["max_score"], "a partly right submission"
    assert reporter_notice_points(data) == points
    assert abs(reporter_table_score(data) - points) < 1e-9, "the table weighs tests equally: entries are equal"
    console = reporter_console(data)
    assert console.count("SyntaxError") >= 1 and "batch_first" in console, "failure messages reach the log"
    assert data["status"] == "fail"
    assert any(t["execution_time"] != "0ms" for t in data["tests"])
    assert all(t["filename"].endswith(t["name"].split(":")[0] + ".py") for t in data["tests"])


def test_classroom_error_when_nothing_can_run(tmp_path: Path) -> None:
    data = graded(tree(tmp_path, "syntax-error"), tmp_path, "classroom", "ex02")
    assert data["status"] == "error" and data["tests"] and reporter_notice_points(data) == 0
    assert "SyntaxError" in reporter_console(data)
