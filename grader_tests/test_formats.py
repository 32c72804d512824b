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

import ast
import base64
import difflib
import json
import math
import os
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from grader_tests.golden import SCENARIOS, grade
from kata import EXERCISES_DIR, ROOT, SOLUTIONS_DIR
from kata.core import results as kata_results
from kata.core.manifest import Exercise
from kata.render import formats

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


ENV_STRING_LIMIT = 131_072  # Linux MAX_ARG_STRLEN: one "NAME=value" string, its NUL included


def js_number(value: float) -> str:
    """A number as JavaScript's template strings write it: 93, 71.5."""
    return str(int(value)) if float(value).is_integer() else repr(float(value))


@dataclass
class Reported:
    """What autograding-grading-reporter v1 makes of its runners' results."""

    results: dict  # runner -> its parsed result
    table: dict  # runner -> (Test Score, Max Score), as aggregate-results.js pushes them
    notice: str | None  # notify-classroom.js: "Points X/Y", or None where it notifies nothing
    console: str


def reporter(env: dict[str, str], runners: str = "kata") -> Reported:
    """classroom-resources/autograding-grading-reporter v1, re-done: main.js reads each runner's
    result from the environment variable <RUNNER>_RESULTS (base64 of JSON); the action is a
    process started with that environment, which Linux refuses when one variable is too long."""
    for name, value in env.items():
        if len(f"{name}={value}".encode()) + 1 > ENV_STRING_LIMIT:
            raise OSError(7, "Argument list too long")  # the step fails; Classroom records nothing
    results = {
        runner.strip(): json.loads(base64.b64decode(env[f"{runner.strip().upper()}_RESULTS"]).decode("utf-8"))
        for runner in runners.split(",")
    }
    table = {runner: (reporter_table_score(data), data.get("max_score") or 0) for runner, data in results.items()}
    total = max_total = 0
    for data in results.values():  # notify-classroom.js
        if data.get("max_score"):
            max_total += data["max_score"]
            total += sum(t["score"] for t in data["tests"])
    notice = f"Points {js_number(total)}/{js_number(max_total)}" if max_total else None
    console = "\n".join(reporter_console(data) for data in results.values())
    return Reported(results, table, notice, console)


def payload(results_file: Path) -> dict[str, str]:
    """The workflow's Grade step: base64 -w0 of the results file, handed on as KATA_RESULTS."""
    return {"KATA_RESULTS": base64.b64encode(results_file.read_bytes()).decode("ascii")}


def reporter_table_score(results: dict) -> float:
    """test-helpers.js getTestScore: passed tests / all tests x (max_score || 0)."""
    passed = sum(t["status"] == "pass" for t in results["tests"])
    if not results["tests"]:
        return math.nan  # 0 / 0 in JavaScript
    return passed / len(results["tests"]) * (results.get("max_score") or 0)


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
            failed = "Failed to run test '" + test["name"] + "'"
            lines.append(f"Error: {test.get('message') or failed}")
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


def loud_submission(folder: Path) -> Path:
    """Every function of every stub raises a ValueError quoting a 5x4 tensor eight times, in Korean."""
    folder.mkdir()
    loud = ast.parse('raise ValueError("값이 잘못되었습니다: " + repr(torch.arange(20.0).reshape(5, 4)) * 8)').body
    for stub in sorted(EXERCISES_DIR.glob("ex*.py")):
        tree = ast.parse(stub.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef):
                node.body = loud
        tree.body.insert(0, ast.Import(names=[ast.alias("torch")]))
        (folder / stub.name).write_text(ast.unparse(tree), encoding="utf-8")
    return folder


def test_classroom_oversized_korean_report_fits_and_keeps_its_points(tmp_path: Path) -> None:
    """Uncut, this submission's Korean report is about 218,000 characters of base64: the reporter
    could not start, and Classroom would record no points."""
    folder = loud_submission(tmp_path / "loud")
    results = tmp_path / "classroom.json"
    proc = grade(folder, results, 10, "--format=classroom", env={"KATA_LANG": "ko"})
    assert proc.returncode == 0, proc.stdout + proc.stderr
    env = payload(results)
    reported = reporter(env)  # raises OSError (Argument list too long) where the step could not start
    assert len(env["KATA_RESULTS"]) <= formats.CLASSROOM_BUDGET
    assert len("KATA_RESULTS=") + formats.CLASSROOM_BUDGET + 1 <= ENV_STRING_LIMIT, "the budget leaves a margin"
    data = reported.results["kata"]
    gradescope = graded(folder, tmp_path, "gradescope")
    visible = [t for t in gradescope["tests"] if t["visibility"] == "visible"]
    points, max_points = sum(t["score"] for t in visible), sum(t["max_score"] for t in visible)
    assert 0 < points < max_points, "some tests pass (a raised ValueError is right for an empty batch)"
    assert reported.notice == f"Points {js_number(points)}/{js_number(max_points)}"
    assert reported.table["kata"] == pytest.approx((points, max_points))
    failing = [t for t in data["tests"] if t["status"] == "error"]
    assert len(failing) > 80 and all(t["message"].startswith("❌ ") for t in failing)
    cut_note = "GitHub Classroom의 크기 제한 때문에 잘랐습니다"
    cut = [t for t in failing if cut_note in t["message"]]
    # The longest go first, each down to the same cap: the call, the error's kind and its first words stay.
    bad = [
        t["message"][:600]
        for t in cut
        if not ("ValueError" in t["message"] and "값이 잘못되었습니다: tensor(" in t["message"])
    ]
    assert cut and not bad, bad
    assert cut_note in reported.console, "the student reads that the message was cut"


def _details_result(lengths: list[int]) -> tuple[dict, list[str]]:
    tests = [
        {"name": f"t{i}", "status": "error", "score": 0, "line_no": 0, "message": f"❌ t{i}"}
        for i in range(len(lengths))
    ]
    details = [("가" * n) for n in lengths]  # three bytes a character in UTF-8
    return {"version": 1, "status": "fail", "max_score": float(len(tests)), "tests": tests}, details


def test_classroom_budget_cuts_the_longest_messages_first() -> None:
    data, details = _details_result([1800, 1500, 40, 900, 10, 1700, 0])
    whole = formats.fit_classroom_budget(data, details, budget=10**9)
    assert [t["message"] for t in whole["tests"]] == [
        f"❌ t{i}" + (f"\n{d}" if d else "") for i, d in enumerate(details)
    ]
    budget = formats.classroom_payload_size(whole) // 2
    fitted = formats.fit_classroom_budget(data, details, budget=budget)
    assert formats.classroom_payload_size(fitted) <= budget
    kept = [t["message"].split("\n")[1] if "\n" in t["message"] else "" for t in fitted["tests"]]
    cut = [i for i, t in enumerate(fitted["tests"]) if "GitHub Classroom" in t["message"]]
    assert cut == [0, 1, 3, 5], "only the longest messages are cut"
    assert len({len(kept[i]) for i in cut}) == 1, "all cut to one length"
    cap = len(kept[cut[0]])
    assert all(kept[i] == details[i] for i in range(len(details)) if i not in cut), "shorter ones kept whole"
    assert all(len(details[i]) > cap for i in cut) and all(len(details[i]) <= cap for i in range(7) if i not in cut)
    one_more = formats._with_details(data, details, cap + 1)
    assert formats.classroom_payload_size(one_more) > budget, "the largest cap that fits"
    assert [t["name"] for t in fitted["tests"]] == [t["name"] for t in data["tests"]], "no entry lost"


def _result(exercise: str, name: str, points: float, passed: bool) -> kata_results.TestResult:
    return kata_results.TestResult(
        exercise, f"tests/test_{exercise}.py::{name}", name, points, "visible", passed, "" if passed else "wrong"
    )


def test_classroom_zero_point_tests_are_worth_zero(tmp_path: Path) -> None:
    exercise = Exercise("ex01_one_hot", "One-hot", "task")
    results = {
        "ex01_one_hot": [
            _result("ex01_one_hot", "test_a", 1, True),
            _result("ex01_one_hot", "test_b", 2, False),
            _result("ex01_one_hot", "test_practice", 0, True),
            _result("ex01_one_hot", "test_practice_too", 0, False),
        ]
    }
    data = formats.classroom([exercise], results, tmp_path)
    path = tmp_path / "classroom.json"
    path.write_bytes(formats.classroom_bytes(data))
    reported = reporter(payload(path))
    assert reported.notice == "Points 1/3" and reported.table["kata"] == pytest.approx((1, 3))
    assert not any("practice" in t["name"] for t in data["tests"])
    free = {"ex01_one_hot": [r for r in results["ex01_one_hot"] if not r.points]}
    only_free = formats.classroom([exercise], free, tmp_path)
    assert [t["score"] for t in only_free["tests"]] == [0, 0] and only_free["max_score"] == 0
    path.write_bytes(formats.classroom_bytes(only_free))
    assert reporter(payload(path)).notice is None, "nothing to score: the reporter notifies nothing"


def test_workflow_named_as_classrooms_template() -> None:
    """Classroom's generated classroom.yml: workflow "Autograding Tests", job
    "run-autograding-tests", the reporter reading <runner>_RESULTS."""
    text = (ROOT / ".github/workflows/kata-autograding.yml").read_text(encoding="utf-8")
    assert re.search(r"^name: Autograding Tests$", text, re.M)
    assert re.search(r"^jobs:\n  run-autograding-tests:$", text, re.M)
    assert len(re.findall(r"^  \S", text.split("\njobs:\n")[1], re.M)) == 1, "one job"
    assert "uses: classroom-resources/autograding-grading-reporter@v1" in text
    assert re.search(r"KATA_RESULTS: \"\$\{\{ steps\.kata\.outputs\.result \}\}\"", text)
    assert re.search(r"^\s+runners: kata$", text, re.M) and re.search(r"^\s+id: kata$", text, re.M)


# Whole-file goldens, one per format, as exercism/python-test-runner checks its own: the parsed
# results file equals the golden one. KATA_UPDATE_GOLDENS=1 rewrites them from this run.
GOLDENS = Path(__file__).parent / "format_goldens"
GOLDEN_EXERCISES = ("ex01_one_hot", "ex02_batch", "ex03_rnn", "ex04_shapes")


def normalised(value: object, folder: Path) -> object:
    """Paths and times that differ from run to run, replaced by fixed words."""
    if isinstance(value, dict):
        out = {k: normalised(v, folder) for k, v in value.items()}
        if "execution_time" in out:
            out["execution_time"] = "<time>"
        return out
    if isinstance(value, list):
        return [normalised(v, folder) for v in value]
    if isinstance(value, str):
        return value.replace(str(folder.resolve()), "<submission>").replace(str(folder), "<submission>")
    return value


@pytest.mark.parametrize("fmt", ["gradescope", "exercism", "classroom"])
def test_whole_results_file_matches_its_golden(fmt: str, tmp_path: Path) -> None:
    folder = tmp_path / "submission"
    shutil.copytree(SOLUTIONS_DIR, folder)
    for path in (GOLDENS / "submission").glob("*.py"):
        shutil.copy(path, folder / path.name)
    actual = normalised(graded(folder, tmp_path, fmt, *GOLDEN_EXERCISES), folder)
    golden_path = GOLDENS / f"{fmt}.json"
    text = json.dumps(actual, indent=2, ensure_ascii=False) + "\n"
    if os.environ.get("KATA_UPDATE_GOLDENS"):
        golden_path.write_text(text, encoding="utf-8")
    golden = json.loads(golden_path.read_text(encoding="utf-8"))
    diff = "\n".join(difflib.unified_diff(golden_path.read_text().splitlines(), text.splitlines(), lineterm="", n=1))
    assert actual == golden, f"{fmt} results differ from {golden_path.name}:\n{diff[:4000]}"
