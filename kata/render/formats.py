"""Gradescope's, Exercism's and GitHub Classroom's results files, written as their own tools read them.

- Exercism, test-runner interface v3 (exercism/docs building/tooling/test-runners/interface.md;
  the goldens of exercism/python-test-runner): `status: "error"` with a top-level message and no
  tests when the submission cannot run at all; `test_code` is the test's body; output over 500
  characters ends in the runner's truncation notice; paths relative to the solution folder;
  instructor-only tests left out. `output` is what the test printed to stdout, stripped (the runner
  keeps pytest's captured stdout, never stderr); `task_id` is 0, the runner's value for a test with
  no task, since the kata has no instructions.md with numbered task headings.
- Classroom, as classroom-resources/autograding-grading-reporter reads it: its console prints a
  message only for a test whose status is "error", so a failing test carries that status with
  its name and message; its table scores a runner as (passed tests / all tests) x max_score while
  the notice sums each test's `score`, so every entry is worth the same (a test worth two points
  appears twice) and both agree; execution_time is measured. A test worth 0 points is no entry
  (any entry would move the table), unless every test is worth 0. The reporter reads the file's
  base64 from one environment variable, which Linux caps: the file is kept within
  CLASSROOM_BUDGET, the longest failure messages cut first, each ending in a line saying so.
"""

from __future__ import annotations

import ast
import json
import math
import textwrap
from fractions import Fraction
from functools import cache
from pathlib import Path

from kata import ROOT
from kata.core import launcher
from kata.core.manifest import Exercise
from kata.core.paths import display_path
from kata.core.results import MESSAGE_LIMIT, FailureKind, Results, TestResult
from kata.core.untrusted import clean_all
from kata.i18n import _

# Classroom's reporter reads the base64 of the results file from one environment variable
# (KATA_RESULTS); Linux refuses to start a process when one "NAME=value" string passes
# 131,072 bytes (MAX_ARG_STRLEN). The budget leaves a margin below that.
ENV_STRING_LIMIT = 131_072
CLASSROOM_BUDGET = 120_000  # characters of base64, that is 90,000 bytes of results file
EXERCISM_OUTPUT_LIMIT = 500
EXERCISM_TRUNCATED = " [Output was truncated. Please limit to 500 chars]"  # python-test-runner's own words


def could_not_run(results: Results) -> bool:
    """Nothing of the submission ran: every test failed before the code could be called (a syntax
    error, missing files, a crash at import)."""
    tests = [r for rs in results.values() for r in rs]
    return bool(tests) and all(not r.passed and r.kind == FailureKind.ERROR for r in tests)


def relative_to(impl: Path, text: str) -> str:
    """Paths in a message as the student sees them: relative to the graded folder."""
    for prefix in sorted({display_path(impl) + "/", str(impl) + "/"}, key=len, reverse=True):  # the longer first
        text = text.replace(prefix, "")
    return text


@cache
def _bodies(test_file: str) -> dict[str, str]:
    path = ROOT / test_file
    if not path.is_file():
        return {}
    source = path.read_text(encoding="utf-8")
    bodies = {}
    for node in ast.parse(source).body:
        if isinstance(node, ast.FunctionDef) and node.name.startswith("test_"):
            statements = node.body[1:] if ast.get_docstring(node) and len(node.body) > 1 else node.body
            lines = source.splitlines()[statements[0].lineno - 1 : node.end_lineno]
            bodies[node.name] = textwrap.dedent("\n".join(lines))
    return bodies


def body_of_test(nodeid: str) -> str:
    """The code of the test a node id names, without its def line and docstring."""
    file, _, name = nodeid.partition("::")
    return _bodies(file).get(name.split("[")[0], "")


def exercism_output(text: str) -> str:
    """What a test printed to stdout as python-test-runner keeps it (runner/data.py, Test.output):
    stripped, then cut to 500 characters ending in its notice."""
    text = text.strip()
    if len(text) > EXERCISM_OUTPUT_LIMIT:
        return text[: EXERCISM_OUTPUT_LIMIT - len(EXERCISM_TRUNCATED)] + EXERCISM_TRUNCATED
    return text


def first_messages(results: Results, impl: Path) -> str:
    """One message per exercise: what stopped it."""
    return "\n\n".join(relative_to(impl, rs[0].message) for rs in results.values() if rs and rs[0].message)[
        :MESSAGE_LIMIT
    ]


def exercism(exercises: list[Exercise], results: Results, impl: Path) -> dict:
    """Exercism's test-runner results.json, version 3."""
    shown = {e: [r for r in results.get(e.name, []) if r.visibility == "visible"] for e in exercises}
    shown_results = {e.name: rs for e, rs in shown.items()}
    if could_not_run(shown_results):
        return {"version": 3, "status": "error", "message": first_messages(shown_results, impl), "tests": []}
    tests = []
    for exercise in exercises:
        for result in shown[exercise]:
            entry = {
                "name": f"{exercise.name}: {result.name}",
                "status": "pass" if result.passed else "fail",
                "test_code": body_of_test(result.nodeid),
                "task_id": 0,  # no task: the kata has no instructions.md whose numbered headings it could name
            }
            if not result.passed:
                entry["message"] = relative_to(impl, result.message)[:MESSAGE_LIMIT]
            if result.stdout.strip():
                entry["output"] = exercism_output(result.stdout)
            tests.append(entry)
    status = "pass" if tests and all(t["status"] == "pass" for t in tests) else "fail"
    return {"version": 3, "status": status, "tests": tests}


def point_unit(points: list[float]) -> Fraction:
    """The largest value every test's points are a whole multiple of (1 for whole points)."""
    fractions = [Fraction(p).limit_denominator(1000) for p in points if p > 0]
    if not fractions:
        return Fraction(1)
    denominator = math.lcm(*(f.denominator for f in fractions))
    return Fraction(math.gcd(*(int(f * denominator) for f in fractions)), denominator)


def classroom(exercises: list[Exercise], results: Results, impl: Path) -> dict:
    """The runner result GitHub Classroom's autograding reporter reads (base64 of this JSON).

    A test worth 0 points is left out while others carry points: the reporter's table counts
    every entry alike, so even a 0-point entry would move it. The whole result is kept within
    CLASSROOM_BUDGET (fit_classroom_budget)."""
    shown = [
        (exercise, result)
        for exercise in exercises
        for result in results.get(exercise.name, [])
        if result.visibility == "visible"
    ]
    scored = [(e, r) for e, r in shown if r.points > 0]
    unit = point_unit([r.points for _, r in scored]) if scored else Fraction(0)
    tests, details = [], []
    for exercise, result in scored or shown:  # all worth 0: every entry scores 0 of 0
        copies = max(1, round(Fraction(result.points).limit_denominator(1000) / unit)) if unit else 1
        name = f"{exercise.name}: {result.name}"
        for copy in range(copies):
            entry_name = name if copies == 1 else f"{name} ({copy + 1}/{copies})"
            entry = {
                "name": entry_name,
                "status": "pass" if result.passed else "error",
                "score": float(unit) if result.passed else 0,
                "filename": display_path(impl / exercise.filename),
                "line_no": 0,
                "execution_time": f"{round(result.seconds * 1000)}ms",
            }
            detail = ""
            if not result.passed:  # the reporter prints a message for "error" only
                detail = relative_to(impl, result.message)[:MESSAGE_LIMIT] if copy == 0 else ""
                entry["message"] = f"❌ {entry_name}"
            tests.append(entry)
            details.append(detail)
    if could_not_run({e.name: [r for x, r in shown if x is e] for e in exercises}):
        status = "error"
    else:
        status = "pass" if tests and all(t["status"] == "pass" for t in tests) else "fail"
    data = {"version": 1, "status": status, "max_score": float(unit) * len(tests), "tests": tests}
    return fit_classroom_budget(data, details)


def classroom_bytes(data: dict) -> bytes:
    """The results file as the grader writes it (kata.render.formats.write_json)."""
    return (json.dumps(data, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def classroom_payload_size(data: dict) -> int:
    """Characters of the environment variable the reporter reads: base64 of the file."""
    return 4 * math.ceil(len(classroom_bytes(data)) / 3)


def _cut(detail: str, cap: int) -> str:
    """`detail` in at most `cap` characters. A first line longer than that keeps its start (the
    call) and its end (after a call with long arguments, the error's kind and first words) and
    loses its middle."""
    first, _newline, _rest = detail.partition("\n")
    if len(first) <= cap:
        return detail[:cap]
    tail = cap // 2
    return first[: max(cap - tail - 1, 0)] + "…" + first[len(first) - tail :]


def _with_details(data: dict, details: list[str], cap: int | None) -> dict:
    """The result with each failure's message cut to `cap` characters (None: whole), a cut
    message ending in a line that says so."""
    note = _(
        "[... cut to fit GitHub Classroom's size limit; `{command}` shows all of it]",
        command=launcher.command("test"),
    )
    tests = []
    for entry, detail in zip(data["tests"], details, strict=True):
        entry = dict(entry)
        if detail and cap is not None and len(detail) > cap:
            detail = (_cut(detail, cap).rstrip() + "\n" + note).lstrip("\n")
        if detail:
            entry["message"] += "\n" + detail
        tests.append(entry)
    return {**data, "tests": tests}


def fit_classroom_budget(data: dict, details: list[str], budget: int = CLASSROOM_BUDGET) -> dict:
    """The result with its failure messages, the longest cut first, so that the payload stays
    within `budget` characters: every message longer than the largest cap that fits is cut to it.
    The reporter gets its input from one environment variable, and Linux refuses to start a
    process with a variable over 131,072 bytes: Classroom then records no points at all."""
    whole = _with_details(data, details, None)
    if classroom_payload_size(whole) <= budget:
        return whole
    low, high = 0, max(map(len, details), default=0)  # the largest cap that fits lies in [low, high)
    if classroom_payload_size(_with_details(data, details, 0)) > budget:
        return data  # even the notes do not fit: names only (the reporter still counts the points)
    while high - low > 1:
        middle = (low + high) // 2
        if classroom_payload_size(_with_details(data, details, middle)) <= budget:
            low = middle
        else:
            high = middle
    return _with_details(data, details, low)


def _gradescope_output(result: TestResult) -> str:
    text = result.message[:MESSAGE_LIMIT]
    if result.output.strip():
        text += "\n\n" + _("Printed output:") + "\n" + result.output
    return text


def gradescope(exercises: list[Exercise], results: Results, elapsed: float) -> dict:
    """Gradescope's autograder results.json (fields as in Gradescope's autograder specification)."""
    tests: list[dict] = []
    for exercise in exercises:
        for result in results.get(exercise.name, []):
            tests.append(
                {
                    "name": f"{exercise.name}: {result.name}",
                    "number": str(len(tests) + 1),
                    "score": result.points if result.passed else 0.0,
                    "max_score": result.points,
                    "status": "passed" if result.passed else "failed",
                    "output": _gradescope_output(result),
                    "visibility": result.visibility,
                }
            )
    shown = [t for t in tests if t["visibility"] == "visible"]  # counting others would reveal them
    passed = sum(t["status"] == "passed" for t in shown)
    return {
        "score": sum(t["score"] for t in tests),
        "execution_time": round(elapsed, 2),
        "output": _("{passed}/{total} tests passed", passed=passed, total=len(shown)) + ".",
        "visibility": "visible",
        "stdout_visibility": "hidden",
        "tests": tests,
    }


def noted(data: dict, note: str) -> dict:
    """Results that carry a note for the instructor (an unconfined grade) where each format shows one."""
    if note:
        key = "output" if "tests" in data and "version" not in data else "message"
        data[key] = note + ("\n" + data[key] if data.get(key) else "")
        data["confined"] = False
    return data


def write_json(data: dict, path: Path) -> None:
    """Whatever text it holds (graded code's messages are cleaned where they cross, and again
    here), written whole or not at all: a reader never finds half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(clean_all(data), indent=2, ensure_ascii=False) + "\n"
    partial = path.with_name(f".{path.name}.partial")
    partial.write_text(text, encoding="utf-8")
    partial.replace(path)
