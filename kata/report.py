"""Turns test results into what people read: the scoreboard, Gradescope and Exercism JSON."""

from __future__ import annotations

import json
import re
from pathlib import Path

from kata.isolation import TestResult
from kata.manifest import Exercise
from kata.paths import display_path

Results = dict[str, list[TestResult]]
MESSAGE_LIMIT = 2000


def passed_count(results: list[TestResult]) -> int:
    return sum(r.passed for r in results)


def first_unfinished(exercises: list[Exercise], results: Results) -> Exercise | None:
    for exercise in exercises:
        tests = results.get(exercise.name, [])
        if not tests or passed_count(tests) < len(tests):
            return exercise
    return None


def distinct_failures(failing: list[TestResult]) -> list[TestResult]:
    """One failure per distinct cause: a stub raises the same NotImplementedError in ten tests."""
    seen: set[str] = set()
    kept = []
    for result in failing:
        test = re.sub(r" \[[^\]]*\]$", "", result.name)  # parametrized variants of one test
        cause = re.sub(
            r"^.*?\) (returned|raised|is not written|called)",
            r"\1",
            result.message.splitlines()[-1] if result.message else "",
        )
        if test not in seen and cause not in seen:
            seen.update((test, cause))
            kept.append(result)
    return kept


def indent(text: str, prefix: str = "    ") -> str:
    return "\n".join(prefix + line for line in text.splitlines())


def scoreboard(exercises: list[Exercise], results: Results, impl: Path, *, show_failures: int = 3) -> str:
    lines = []
    for exercise in exercises:
        tests = results.get(exercise.name, [])
        done = passed_count(tests)
        mark = "PASS" if tests and done == len(tests) else ("----" if done == 0 else "PART")
        lines.append(f"  [{mark}] {exercise.name:<22} {done:>2}/{len(tests):<2}  {exercise.title}")
    total = sum(len(results.get(e.name, [])) for e in exercises)
    passed = sum(passed_count(results.get(e.name, [])) for e in exercises)
    lines.append(f"\n  {passed}/{total} tests passed")
    nxt = first_unfinished(exercises, results)
    if nxt is None:
        lines.append("\nEvery exercise passes. Well done!")
        return "\n".join(lines)
    failing = distinct_failures([r for r in results.get(nxt.name, []) if not r.passed])
    path = display_path(impl / nxt.filename)
    lines.append(f"\nFirst to fix: {nxt.name} ({nxt.title}). Open {path}")
    for result in failing[:show_failures]:
        lines.append(f"\n  x {result.name}")
        lines.append(indent(result.message or "(no message)"))
        if result.output.strip():
            lines.append("    Your code printed:")
            lines.append(indent(result.output.strip()[:1500], "      | "))
    failed_total = sum(not r.passed for r in results.get(nxt.name, []))
    if failed_total > min(show_failures, len(failing)):
        lines.append(
            f"\n  ... {failed_total} tests of {nxt.name} fail in all; fix these first, then run `make test` again."
        )
    lines.append(f"\nNext: {path}: {nxt.task}")
    return "\n".join(lines)


def _test_output(result: TestResult) -> str:
    text = result.message[:MESSAGE_LIMIT]
    if result.output.strip():
        text += "\n\nPrinted output:\n" + result.output
    return text


def gradescope(exercises: list[Exercise], results: Results, elapsed: float) -> dict:
    """Gradescope's autograder results.json (facts.md lists the fields)."""
    tests = []
    for exercise in exercises:
        for result in results.get(exercise.name, []):
            tests.append(
                {
                    "name": f"{exercise.name}: {result.name}",
                    "number": str(len(tests) + 1),
                    "score": result.points if result.passed else 0.0,
                    "max_score": result.points,
                    "status": "passed" if result.passed else "failed",
                    "output": _test_output(result),
                    "visibility": result.visibility,
                }
            )
    passed = sum(t["status"] == "passed" for t in tests)
    return {
        "score": sum(t["score"] for t in tests),
        "execution_time": round(elapsed, 2),
        "output": f"{passed}/{len(tests)} tests passed.",
        "visibility": "visible",
        "stdout_visibility": "hidden",
        "tests": tests,
    }


def exercism(exercises: list[Exercise], results: Results) -> dict:
    """Exercism's test-runner results.json, version 3."""
    tests = []
    for task_id, exercise in enumerate(exercises, start=1):
        for result in results.get(exercise.name, []):
            entry = {
                "name": f"{exercise.name}: {result.name}",
                "status": "pass" if result.passed else "fail",
                "test_code": result.nodeid,
                "task_id": task_id,
            }
            if not result.passed:
                entry["message"] = result.message[:MESSAGE_LIMIT]
            if result.output:
                entry["output"] = result.output[:500]
            tests.append(entry)
    status = "pass" if tests and all(t["status"] == "pass" for t in tests) else "fail"
    return {"version": 3, "status": status, "tests": tests}


def write_json(data: dict, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def classroom(exercises: list[Exercise], results: Results) -> dict:
    """The runner result GitHub Classroom's autograding reporter reads (base64 of this JSON)."""
    tests = []
    for exercise in exercises:
        for result in results.get(exercise.name, []):
            tests.append(
                {
                    "name": f"{exercise.name}: {result.name}",
                    "status": "pass" if result.passed else "fail",
                    "score": result.points if result.passed else 0,
                    "message": result.message[:MESSAGE_LIMIT],
                    "test_code": result.nodeid,
                    "filename": f"exercises/{exercise.filename}",
                    "line_no": 0,
                    "execution_time": "0ms",
                }
            )
    status = "pass" if tests and all(t["status"] == "pass" for t in tests) else "fail"
    max_score = sum(r.points for rs in results.values() for r in rs)
    return {"version": 1, "status": status, "max_score": max_score, "tests": tests}
