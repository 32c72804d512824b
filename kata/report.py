"""Turns test results into what people read: the scoreboard, Gradescope and Exercism JSON."""

from __future__ import annotations

import json
import re
import shutil
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


OPENERS = {"(": ")", "[": "]", "{": "}", "<": ">", "`": "`"}


def terminal_width() -> int:
    """Columns to fill: the terminal's (COLUMNS when set, 80 when output is not a terminal), at most 100."""
    return max(40, min(shutil.get_terminal_size((80, 24)).columns, 100))


def atoms(line: str) -> list[str]:
    """The line's words, where a bracketed or backticked stretch ("(1, 5, 2)입니다", "`make test`를")
    counts as one word, so a line never breaks inside a tuple or an expression."""
    words, current, closers = [], "", []
    for char in line:
        if char == " " and not closers:
            words.append(current)
            current = ""
            continue
        current += char
        if closers and char == closers[-1]:
            closers.pop()
        elif char in OPENERS:
            closers.append(OPENERS[char])
    if closers:  # an unmatched bracket (a "<" in prose): plain words instead
        return line.split(" ")
    return words + [current]


def wrap(line: str, width: int, prefix: str, first_prefix: str | None = None) -> list[str]:
    """Break a line between words (see atoms) so each piece takes at most `width` terminal
    columns (Hangul counts two) after its prefix; a word wider than a whole line is broken at
    its own spaces, and only where it has none at a column."""
    first = prefix if first_prefix is None else first_prefix
    pieces: list[str] = []
    current = ""
    for word in atoms(line):
        lead = first if not pieces else prefix
        candidate = f"{current} {word}" if current else word
        if width_of(lead + candidate) <= width:
            current = candidate
            continue
        if current:
            pieces.append(lead + current)
            lead = prefix
        while width_of(lead + word) > width:  # too wide for any line: break inside it
            head, word = _split_to_fit(word, width - width_of(lead))
            pieces.append(lead + head)
            lead = prefix
        current = word
    pieces.append((first if not pieces else prefix) + current)
    return pieces


def _split_to_fit(word: str, room: int) -> tuple[str, str]:
    """The longest head of word that fits in room columns, cut at a space if it has one."""
    cut = 0
    for index in range(1, len(word) + 1):
        if width_of(word[:index]) > room:
            break
        cut = index
    cut = max(cut, 1)
    space = word.rfind(" ", 0, cut + 1)
    if space > 0:
        return word[:space], word[space + 1 :]
    return word[:cut], word[cut:]


def indent(text: str, prefix: str = "    ", width: int | None = None, first_prefix: str | None = None) -> str:
    """Indent a message, wrapping its prose lines to the terminal's width; drawings (lines that
    start with a space) keep their layout."""
    width = terminal_width() if width is None else width
    lines = []
    for number, line in enumerate(text.splitlines()):
        lead = first_prefix if number == 0 and first_prefix is not None else prefix
        if line.startswith(" ") or width_of(lead + line) <= width:
            lines.append(lead + line)
        else:
            lines += wrap(line, width, prefix, lead)
    return "\n".join(lines)


def hard_wrap(text: str, prefix: str, width: int | None = None) -> str:
    """Printed output, cut into pieces that fit the terminal after the prefix, never reflowed."""
    width = terminal_width() if width is None else width
    room = max(width - width_of(prefix), 10)
    lines = []
    for line in text.splitlines() or [""]:
        while width_of(line) > room:
            cut = 0
            while width_of(line[: cut + 1]) <= room:
                cut += 1
            lines.append(prefix + line[:cut])
            line = line[cut:]
        lines.append(prefix + line)
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
        lines.append("\n" + indent(result.name, "    ", first_prefix="  x "))
        lines.append(indent(result.message or _("(no message)")))
        if result.output.strip():
            lines.append("    " + _("Your code printed:"))
            lines.append(hard_wrap(result.output.strip()[:1500], "      | "))
    failed_total = sum(not r.passed for r in tests)
    if failed_total > min(show_failures, len(failing)):
        lines.append(
            "\n"
            + indent(
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
                ),
                "    ",
                first_prefix="  ",
            )
        )
    return lines


def next_line(exercise: Exercise | None, impl: Path) -> str:
    if exercise is None:
        return _("Every exercise passes. Well done!")
    return indent(
        _("Next: {path}: {task}", path=display_path(impl / exercise.filename), task=exercise.task),
        "  ",
        first_prefix="",
    )


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
        first = _("First to fix: {name} ({title}). Open {path}", name=nxt.name, title=nxt.title, path=path)
        lines.append("\n" + indent(first, "  ", first_prefix=""))
        if instructions(nxt.name):
            lines.append(_("Instructions in your language: make explain EX={short}", short=nxt.name.split("_")[0]))
        lines += failure_details(nxt, results.get(nxt.name, []), impl)
    lines.append("\n" + next_line(nxt, impl))
    return "\n".join(lines)


def _test_output(result: TestResult) -> str:
    text = result.message[:MESSAGE_LIMIT]
    if result.output.strip():
        text += "\n\n" + _("Printed output:") + "\n" + result.output
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
        "output": _("{passed}/{total} tests passed", passed=passed, total=len(tests)) + ".",
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
