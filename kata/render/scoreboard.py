"""Turns test results into what people read in a terminal: the scoreboard, the status lines, the
failures worth reading first (results files: kata.render.formats)."""

from __future__ import annotations

import re
from pathlib import Path

from kata.core import launcher
from kata.core.manifest import Exercise
from kata.core.paths import display_path
from kata.core.results import Results, TestResult, exercise_done, exercise_status, passed_count
from kata.core.settings import interview_mode
from kata.core.text import hard_wrap, indent, pad, terminal_width, width_of, wrap
from kata.i18n import _, instructions


def first_unfinished(exercises: list[Exercise], results: Results) -> Exercise | None:
    for exercise in exercises:
        tests = results.get(exercise.name, [])
        if not tests or passed_count(tests) < len(tests):
            return exercise
    return None


def distinct_failures(failing: list[TestResult], *, one_per_test: bool = True) -> list[TestResult]:
    """One failure per distinct cause: a stub raises the same NotImplementedError in ten tests.
    With one_per_test (the overview of many exercises), also one per test, whatever its
    parametrized variants say; without it every distinct cause is kept (ex04's num_layers case)."""
    seen: set[str] = set()
    kept = []
    for result in failing:
        test = re.sub(r" \[[^\]]*\]$", "", result.name)  # parametrized variants of one test
        cause = re.sub(
            r"^.*?\) (returned|raised|is not written|called)",
            r"\1",
            result.message.splitlines()[-1] if result.message else "",
        )
        cause = re.sub(r"\d+", "#", cause)  # the same mistake on other sizes is the same cause
        if cause not in seen and not (one_per_test and test in seen):
            seen.update((test, cause) if one_per_test else (cause,))
            kept.append(result)
    return kept


# Where a message's first sentence ends: a full stop (or ! ?) before a space and the next sentence.
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z가-힣(\[])")


def without_the_fix(message: str) -> str:
    """Interview mode: a failure says what was called and what came back (the message's first
    sentence, and the indented picture of the shapes or the code under it), not how to fix it."""
    kept: list[str] = []
    ended = False
    for line in message.split("\n"):
        if line.startswith((" ", "\t")):
            kept.append(line)
        elif not ended:  # the first sentence, which may go on over several lines
            end = _SENTENCE_END.search(line)
            kept.append(line[: end.start()] if end else line)
            ended = end is not None or line.rstrip().endswith((".", "!", "?"))
    return "\n".join(kept)


def progress_bar(done: int, total: int, width: int = 20) -> str:
    filled = round(width * done / total) if total else 0
    return f"[{'#' * filled}{'.' * (width - filled)}] {done}/{total}"


def minutes(seconds: float) -> str:
    return f"{int(seconds // 60)}:{int(seconds % 60):02d}"


def status_lines(
    exercises: list[Exercise], results: Results, times: dict[str, float | None] | None = None, *, subset: bool = False
) -> list[str]:
    """One line per exercise: status, tests passed, title (and time spent, in interview mode).
    subset: only some exercises were chosen (`make test EX=ex02`); the progress says so."""
    lines = []
    words = {"done": _("done"), "failing": _("failing"), "not started": _("not started")}
    column = max(width_of(w) for w in words.values()) + 2  # 13 in English; Korean's shorter words leave room
    for exercise in exercises:
        tests = results.get(exercise.name)
        if tests is None:
            lines.append(f"  {pad('', column)} {exercise.name:<22}        {exercise.title}")
            continue
        word = words[exercise_status(tests)]
        head = f"  {pad(word, column)} {exercise.name:<22} {passed_count(tests):>2}/{len(tests):<2}  "
        rows = wrap(exercise.title, terminal_width(), " " * width_of(head), head)  # a long title wraps
        if times is not None and exercise.name in times:
            spent = times[exercise.name]
            aside = f"({minutes(spent) if spent is not None else _('written before the clock started')})"
            # the time goes after the title while it fits, else on a line of its own under the title
            # (review 16, class 8: the rows ran to 84-100 columns in both languages)
            if width_of(rows[-1]) + 2 + width_of(aside) <= terminal_width():
                rows[-1] += "  " + aside
            else:
                rows.append(" " * width_of(head) + aside)
        lines.append("\n".join(rows))
    done = sum(1 for e in exercises if exercise_done(results.get(e.name, [])))
    progress = (
        _("Progress {bar} of the chosen exercises done", bar=progress_bar(done, len(exercises)))
        if subset
        else _("Progress {bar} exercises done", bar=progress_bar(done, len(exercises)))
    )
    lines.append("\n  " + progress)
    return lines


def shown_output(text: str, limit: int = 1500) -> str:
    """The start of what a test printed, cut at a line's end, with a note of what was left out."""
    if len(text) <= limit:
        return text
    body, _newline, last = text.rpartition("\n")
    kept_note = last if last.startswith("[... ") else ""  # the grader's note that it kept only the start
    text = body if kept_note else text
    head = text[:limit]
    if "\n" in head:
        head = head.rsplit("\n", 1)[0]
    note = _("[... {count} more characters of output not shown here]", count=f"{len(text) - len(head):,}")
    return "\n".join(part for part in (head, note, kept_note) if part)


def failure_details(
    exercise: Exercise,
    tests: list[TestResult],
    impl: Path,
    show_failures: int | None = 3,
    *,
    watching: bool = False,
) -> list[str]:
    """The first few distinct failures of an exercise; every distinct one when show_failures is None."""
    failing = distinct_failures([r for r in tests if not r.passed], one_per_test=show_failures is not None)
    show_failures = len(failing) if show_failures is None else show_failures
    lines = []
    for result in failing[:show_failures]:
        lines.append("\n" + indent(result.name, "    ", first_prefix="  x "))
        message = without_the_fix(result.message) if interview_mode() else result.message
        lines.append(indent(message or _("(no message)")))
        if result.output.strip():
            lines.append("    " + _("Your code printed:"))
            lines.append(hard_wrap(shown_output(result.output.strip()), "      | "))
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
                    "... {count} tests of {name} fail in all; fix these first in its {cell} cell, then run that cell again.",
                    count=failed_total,
                    name=exercise.name,
                    cell=f"`%%kata {launcher.short(exercise.name)}`",
                )
                if launcher.launcher() == launcher.NOTEBOOK
                else _(
                    "... {count} tests of {name} fail in all; fix these first, then run `{command}` again.",
                    count=failed_total,
                    name=exercise.name,
                    command=launcher.command("test", exercise.name),  # its exercise alone: what `EX=` chose, or quicker
                ),
                "    ",
                first_prefix="  ",
            )
        )
    return lines


def next_line(exercise: Exercise | None, impl: Path, *, subset: bool = False) -> str:
    if exercise is None and subset:
        return indent(
            _("Every chosen exercise passes. {command} grades them all.", command=launcher.command("test")),
            "  ",
            first_prefix="",
        )
    if exercise is None:
        return _("Every exercise passes. Well done!")
    if launcher.launcher() == launcher.NOTEBOOK:  # the learner writes in the exercise's cell
        where = f"`%%kata {launcher.short(exercise.name)}`"
        return indent(_("Next: the {cell} cell: {task}", cell=where, task=exercise.task), "  ", first_prefix="")
    return indent(
        _("Next: {path}: {task}", path=display_path(impl / exercise.filename), task=exercise.task),
        "  ",
        first_prefix="",
    )


def first_to_fix(exercise: Exercise, tests: list[TestResult], impl: Path) -> str:
    """The header over an exercise's failures: the file to open is the one its first failure was
    raised in, which is another exercise's when this one calls it (ex02's make_batch calling
    ex01's encode_word, graded alone with `test ex02`)."""
    notebook = launcher.launcher() == launcher.NOTEBOOK
    failing = distinct_failures([r for r in tests if not r.passed])
    inside = raised_in_another_exercise(failing[0].message, exercise, impl) if failing else None
    if inside is not None and notebook:
        return _(
            "First to fix: {name} ({title}). Its tests fail inside {other}, which it calls: fix {other} in its "
            "{cell} cell.",
            name=exercise.name,
            title=exercise.title,
            other=inside.name,
            cell=f"`%%kata {launcher.short(inside.name)}`",
        )
    if inside is not None:
        return _(
            "First to fix: {name} ({title}). Its tests fail inside {path}, which it calls: open that file.",
            name=exercise.name,
            title=exercise.title,
            path=display_path(impl / inside.filename),
        )
    if notebook:
        return _(
            "First to fix: {name} ({title}), in its {cell} cell.",
            name=exercise.name,
            title=exercise.title,
            cell=f"`%%kata {launcher.short(exercise.name)}`",
        )
    path = display_path(impl / exercise.filename)
    return _("First to fix: {name} ({title}). Open {path}", name=exercise.name, title=exercise.title, path=path)


def raised_in_another_exercise(message: str, exercise: Exercise, impl: Path) -> Exercise | None:
    """The other exercise whose file a failure message places the error in ("(at
    exercises/ex01_one_hot.py, line 23)", in the learner's language), or None."""
    from kata.core.manifest import load_manifest

    for other in load_manifest():
        if other.name == exercise.name:
            continue
        at = re.escape(_("(at {file}, line {line})", file="\0", line="\1"))
        pattern = at.replace(re.escape("\0"), re.escape(display_path(impl / other.filename))).replace(
            re.escape("\1"), r"\d+"
        )
        if re.search(pattern, message):
            return other
    return None


def scoreboard(
    exercises: list[Exercise],
    results: Results,
    impl: Path,
    *,
    times: dict[str, float | None] | None = None,
    every_failure: bool = False,
    subset: bool = False,
) -> str:
    """The status of every exercise, then the first unfinished one's failures (every distinct
    one when the learner chose that exercise alone)."""
    lines = status_lines(exercises, results, times, subset=subset)
    total = sum(len(results.get(e.name, [])) for e in exercises)
    passed = sum(passed_count(results.get(e.name, [])) for e in exercises)
    lines.append("  " + _("{passed}/{total} tests passed", passed=passed, total=total))
    nxt = first_unfinished(exercises, results)
    if nxt is not None:
        lines.append("\n" + indent(first_to_fix(nxt, results.get(nxt.name, []), impl), "  ", first_prefix=""))
        if instructions(nxt.name):  # under the line above it, as indented
            said = _(
                "Instructions in your language: {command}",
                command=launcher.in_this_language(launcher.command("explain", nxt.name)),
            )
            lines.append(indent(said, "    ", first_prefix="  "))
        lines += failure_details(nxt, results.get(nxt.name, []), impl, None if every_failure else 3)
    lines.append("\n" + next_line(nxt, impl, subset=subset))
    return "\n".join(lines)
