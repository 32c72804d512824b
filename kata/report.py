"""Turns test results into what people read: the scoreboard and Gradescope's JSON (kata.formats:
Exercism's and Classroom's)."""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

from kata.i18n import _, instructions
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


def wrap(line: str, width: int, prefix: str) -> list[str]:
    """Break a line at spaces so each piece takes at most `width` terminal columns (Hangul counts
    two), each piece after `prefix`; a word longer than the width stays whole."""
    pieces, current = [], ""
    for word in line.split(" "):
        candidate = f"{current} {word}" if current else word
        if current and width_of(candidate) > width:
            pieces.append(prefix + current)
            candidate = word
        current = candidate
    return pieces + [prefix + current]


def indent(text: str, prefix: str = "    ", width: int = 100) -> str:
    """Indent a message, wrapping its prose lines for a terminal; drawings (lines that start
    with a space) are kept as they are."""
    lines = []
    for line in text.splitlines():
        if line.startswith(" ") or len(line) + len(prefix) <= width:
            lines.append(prefix + line)
        else:
            lines += wrap(line, width - len(prefix), prefix)
    return "\n".join(lines)


def width_of(text: str) -> int:
    """Columns a text takes in a terminal: Hangul and other wide characters take two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def pad(text: str, width: int) -> str:
    """Left-justify by display width."""
    return text + " " * max(width - width_of(text), 0)


def progress_bar(done: int, total: int, width: int = 20) -> str:
    filled = round(width * done / total) if total else 0
    return f"[{'#' * filled}{'.' * (width - filled)}] {done}/{total}"


def minutes(seconds: float) -> str:
    return f"{int(seconds // 60)}:{int(seconds % 60):02d}"


def status_lines(exercises: list[Exercise], results: Results, times: dict[str, float] | None = None) -> list[str]:
    """One line per exercise: status, tests passed, title (and time spent, in interview mode)."""
    from kata.learner import status_of

    lines = []
    for exercise in exercises:
        tests = results.get(exercise.name)
        if tests is None:
            lines.append(f"  {pad('', 13)} {exercise.name:<22}        {exercise.title}")
            continue
        word = {"done": _("done"), "failing": _("failing"), "not started": _("not started")}[status_of(tests)]
        line = f"  {pad(word, 13)} {exercise.name:<22} {passed_count(tests):>2}/{len(tests):<2}  {exercise.title}"
        if times is not None and exercise.name in times:
            line += f"  ({minutes(times[exercise.name])})"
        lines.append(line)
    done = sum(1 for e in exercises if results.get(e.name) and passed_count(results[e.name]) == len(results[e.name]))
    lines.append("\n  " + _("Progress {bar} exercises done", bar=progress_bar(done, len(exercises))))
    return lines


def failure_details(
    exercise: Exercise, tests: list[TestResult], impl: Path, show_failures: int = 3, *, watching: bool = False
) -> list[str]:
    failing = distinct_failures([r for r in tests if not r.passed])
    lines = []
    for result in failing[:show_failures]:
        lines.append(f"\n  x {result.name}")
        lines.append(indent(result.message or "(no message)"))
        if result.output.strip():
            lines.append("    " + _("Your code printed:"))
            lines.append(indent(result.output.strip()[:1500], "      | ", width=10**6))
    failed_total = sum(not r.passed for r in tests)
    if failed_total > min(show_failures, len(failing)):
        lines.append(
            "\n  "
            + (
                _(
                    "... {count} tests of {name} fail in all; fix these first and save again.",
                    count=failed_total,
                    name=exercise.name,
                )
                if watching
                else _(
                    "... {count} tests of {name} fail in all; fix these first, then run `make test` again.",
                    count=failed_total,
                    name=exercise.name,
                )
            )
        )
    return lines


def next_line(exercise: Exercise | None, impl: Path) -> str:
    if exercise is None:
        return _("Every exercise passes. Well done!")
    return _("Next: {path}: {task}", path=display_path(impl / exercise.filename), task=exercise.task)


def scoreboard(
    exercises: list[Exercise], results: Results, impl: Path, *, times: dict[str, float] | None = None
) -> str:
    lines = status_lines(exercises, results, times)
    total = sum(len(results.get(e.name, [])) for e in exercises)
    passed = sum(passed_count(results.get(e.name, [])) for e in exercises)
    lines.append("  " + _("{passed}/{total} tests passed", passed=passed, total=total))
    nxt = first_unfinished(exercises, results)
    if nxt is not None:
        path = display_path(impl / nxt.filename)
        lines.append("\n" + _("First to fix: {name} ({title}). Open {path}", name=nxt.name, title=nxt.title, path=path))
        if instructions(nxt.name):
            lines.append(_("Instructions in your language: make explain EX={short}", short=nxt.name.split("_")[0]))
        lines += failure_details(nxt, results.get(nxt.name, []), impl)
    lines.append("\n" + next_line(nxt, impl))
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


def write_json(data: dict, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
