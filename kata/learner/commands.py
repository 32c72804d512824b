"""The learner's commands beyond `test`: list, hint, reset, solution; interview timing."""

from __future__ import annotations

import ast
import difflib
import json
import re
import shutil
import time
from pathlib import Path

from kata import EXERCISES_DIR, HIDDEN_DIR, ROOT, SOLUTIONS_DIR
from kata.core import launcher
from kata.core.manifest import Exercise
from kata.core.paths import display_path
from kata.i18n import _
from kata.learner import state

STUBS_PATH = ROOT / "kata" / "learner" / "stubs.json"  # pristine stubs, for `make reset` (checked against exercises/)


_clock_started_here = False


def start_interview_clock() -> bool:
    """Interview mode's clock starts with the first command of the interview, whichever it is
    (`explain ex01`, `list`, `test`): True when it started now."""
    global _clock_started_here
    if "started" in state.load("interview"):
        return False
    state.save("interview", {"started": time.time()})
    _clock_started_here = True
    return True


def interview_times(exercises: list[Exercise]) -> dict[str, float | None]:
    """Seconds spent per exercise since the interview began: each exercise's clock starts when
    the previous one first passed; the exercise worked on now runs until now. An exercise that
    passed already in the command that started the clock was written before it: None, not timed
    (rather than a time of 0:00 that means nothing)."""
    start_interview_clock()
    record = state.load("interview")
    progress = state.load("progress").get("exercises", {})
    if _clock_started_here:
        before = [name for name, entry in progress.items() if entry.get("first_passed", 0) >= record["started"]]
        record["untimed"] = sorted(set(record.get("untimed", [])) | set(before))
        state.save("interview", record)
    times: dict[str, float | None] = {}
    clock = record["started"]
    for exercise in exercises:
        first_passed = progress.get(exercise.name, {}).get("first_passed")
        end = first_passed if first_passed else time.time()
        times[exercise.name] = None if exercise.name in record.get("untimed", []) else max(end - clock, 0.0)
        if not first_passed:
            break
        clock = first_passed
    return times


def current_exercise(exercises: list[Exercise]) -> Exercise | None:
    """The first exercise not known to pass, from the last recorded run."""
    progress = state.load("progress").get("exercises", {})
    for exercise in exercises:
        entry = progress.get(exercise.name)
        if not entry or entry["passed"] < entry["total"]:
            return exercise
    return None


def hint(exercise: Exercise) -> str:
    """The next hint of this exercise each time it is asked, from a nudge to nearly the answer."""
    from kata.core.text import indent

    following = hint_for_failing_test(exercise)
    if following:
        return following
    seen = state.load("hints")
    index = seen.get(exercise.name, 0)
    if not exercise.hints:
        return _("{name} has no hints.", name=exercise.name)
    shown = min(index, len(exercise.hints) - 1)
    seen[exercise.name] = index + 1
    state.save("hints", seen)
    text = (
        _(
            "Hint {number}/{count} for {name} ({title}):",
            number=shown + 1,
            count=len(exercise.hints),
            name=exercise.name,
            title=exercise.title,
        )
        + "\n"
        + indent(exercise.hints[shown], "  ")
        + "\n"
    )
    if shown + 1 < len(exercise.hints):
        text += _("For a stronger one, run this again: {command}", command=launcher.command("hint", exercise.name))
    elif SOLUTIONS_DIR.is_dir():
        text += _(
            "That was the last hint. `{command}` shows the reference once your exercise passes.",
            command=launcher.command("solution", exercise.name),
        )
    else:
        text += _("That was the last hint.")
    return indent(text, "")


def hint_for_failing_test(exercise: Exercise) -> str:
    """The hint of the first test that failed in the exercise's last grade and has a hint of its
    own (kata.toml's test_hints), once per test: a general hint may give code that a particular
    test refuses, so what failed chooses. '' when none is left to show: then the general ones."""
    from kata.core.text import indent

    failing = state.load("progress").get("exercises", {}).get(exercise.name, {}).get("failing", [])
    own = dict(exercise.test_hints)
    shown = state.load("test_hints")
    done = shown.setdefault(exercise.name, [])
    test = next((t for t in failing if t in own and t not in done), None)
    if test is None:
        return ""
    done.append(test)
    state.save("test_hints", shown)
    header = _("Hint for {name}, failing test: {title}", name=exercise.name, title=title_of_test(exercise, test))
    text = indent(header, "  ", first_prefix="") + "\n"
    text += indent(own[test], "  ") + "\n"
    more = sum(t in own and t not in done for t in dict.fromkeys(failing))
    if more:
        return text + _(
            "Hints left for other failing tests: {count}. For the next one, run this again: {command}",
            count=more,
            command=launcher.command("hint", exercise.name),
        )
    return text + _(
        "For the exercise's general hints, run this again: {command}", command=launcher.command("hint", exercise.name)
    )


def title_of_test(exercise: Exercise, test: str) -> str:
    """A graded test's title as the reports show it (its docstring's first line, translated), so
    the hint names the test the learner saw failing; the function's name when it has none."""
    for folder in (ROOT / "tests", HIDDEN_DIR):
        path = folder / f"test_{exercise.name}.py"
        if not path.is_file():
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef) and node.name == test and ast.get_docstring(node):
                return _(str(ast.get_docstring(node)).splitlines()[0].rstrip("."))
    return test


def load_stubs() -> dict[str, str]:
    return json.loads(STUBS_PATH.read_text(encoding="utf-8"))


def stub_instructions(exercise: Exercise) -> str:
    """An exercise's instructions as the pristine stub states them, whatever the learner has
    done to the docstring of their own file (edited it, or deleted it)."""
    stub = load_stubs().get(exercise.name, "")
    try:
        doc = ast.get_docstring(ast.parse(stub))
    except SyntaxError:
        doc = None
    return doc or _("{name}: {task}", name=exercise.name, task=exercise.task)


def freeze_stubs() -> Path:
    """Maintainers: record exercises/ as the pristine stubs (`make check` says when they drift)."""
    stubs = {p.stem: p.read_text(encoding="utf-8") for p in sorted(EXERCISES_DIR.glob("ex*.py"))}
    STUBS_PATH.write_text(json.dumps(stubs, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return STUBS_PATH


def back_up(target: Path, exercise: Exercise) -> Path | None:
    """Copy the learner's file to .kata/backups/<name>.<time>.py (None: there was no file)."""
    if not target.exists():
        return None
    state.BACKUP_DIR.mkdir(parents=True, exist_ok=True)
    stamp = time.strftime("%Y%m%d-%H%M%S")
    backup = state.BACKUP_DIR / f"{exercise.name}.{stamp}.py"
    counter = 1
    while backup.exists():
        backup = state.BACKUP_DIR / f"{exercise.name}.{stamp}-{counter}.py"
        counter += 1
    shutil.copy2(target, backup)
    return backup


def reset(exercise: Exercise, folder: Path = EXERCISES_DIR) -> tuple[Path | None, Path]:
    """Back up the learner's file (if any), then write the pristine stub. Returns (backup, file)."""
    target = folder / exercise.filename
    stub = load_stubs()[exercise.name]
    backup = back_up(target, exercise)
    target.write_text(stub, encoding="utf-8")
    return backup, target


def save(
    exercise: Exercise, text: str, folder: Path = EXERCISES_DIR, *, backup: bool = True
) -> tuple[Path | None, Path]:
    """A notebook's `%%kata exNN`: the cell becomes the exercise's file. The old file is backed up
    as `reset` does (with `backup`), unless it holds exactly this text already. Returns (backup, file)."""
    target = folder / exercise.filename
    text = text if text.endswith("\n") else text + "\n"
    if target.exists() and target.read_text(encoding="utf-8") == text:
        return None, target
    saved = back_up(target, exercise) if backup else None
    target.write_text(text, encoding="utf-8")
    return saved, target


def solution_view(exercise: Exercise, folder: Path = EXERCISES_DIR) -> str:
    """The reference solution, then a diff from the learner's version to it."""
    reference = SOLUTIONS_DIR / exercise.filename
    mine = folder / exercise.filename
    ref_text = reference.read_text(encoding="utf-8")
    lines = [_("Reference solution: {path}", path=display_path(reference)), "", ref_text.rstrip(), ""]
    if mine.exists():
        yours = [
            (n, line) for n, line in without_docstrings(mine.read_text(encoding="utf-8")) if not CELL_MARK.match(line)
        ]
        theirs = without_docstrings(ref_text)
        differs = code_diff(yours, theirs)
        if [line for _n, line in yours if line.strip()] == [line for _n, line in theirs if line.strip()]:
            return "\n".join([*lines, _("Your code is the same as the reference, line for line.")])
        lines += [
            _("What differs (- yours, + the reference):"),
            "--- " + _("yours: {path}", path=display_path(mine)),
            "+++ " + _("reference: {path}", path=display_path(reference)),
            *differs,
        ]
    return "\n".join(lines)


CELL_MARK = re.compile(r"^# %%kata \w+\s*$")  # the line a notebook's %%kata cell saves first: no code


def code_diff(mine: list[tuple[int, str]], reference: list[tuple[int, str]]) -> list[str]:
    """A unified diff of two files' code lines, (line number, text), each hunk numbered from the
    line where it starts in the files themselves (the docstrings left out sit in between)."""

    def start(lines: list[tuple[int, str]], index: int) -> int:
        return lines[index][0] if index < len(lines) else (lines[-1][0] + 1 if lines else 1)

    matcher = difflib.SequenceMatcher(None, [t for _n, t in mine], [t for _n, t in reference], autojunk=False)
    shown: list[str] = []
    for group in matcher.get_grouped_opcodes(3):
        (_tag, i1, _i, j1, _j), (_last, _a, i2, _b, j2) = group[0], group[-1]
        shown.append(f"@@ -{start(mine, i1)},{i2 - i1} +{start(reference, j1)},{j2 - j1} @@")
        for tag, a1, a2, b1, b2 in group:
            if tag == "equal":
                shown += [" " + text for _n, text in mine[a1:a2]]
                continue
            shown += ["-" + text for _n, text in mine[a1:a2]] + ["+" + text for _n, text in reference[b1:b2]]
    return shown


def without_docstrings(text: str) -> list[tuple[int, str]]:
    """The file's lines without its docstrings (the module's, each function's and class's): the
    stub's instructions and the reference's one-line summary always differ, and a diff of them
    would hide the code that does. A file Python cannot read is diffed whole."""
    try:
        tree = ast.parse(text)
    except (SyntaxError, ValueError):
        return list(enumerate(text.splitlines(), 1))
    dropped: set[int] = set()
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if not isinstance(node, (ast.Module, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) or not body:
            continue
        first = body[0]
        if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant) and isinstance(first.value.value, str):
            dropped.update(range(first.lineno, (first.end_lineno or first.lineno) + 1))
    lines = [(number, line) for number, line in enumerate(text.splitlines(), 1) if number not in dropped]
    while lines and not lines[0][1].strip():
        lines.pop(0)
    return lines
