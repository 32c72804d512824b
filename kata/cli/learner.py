"""hint, reset, solution and explain: the learner's commands that grade nothing (solution grades
the one exercise first)."""

from __future__ import annotations

import argparse

from kata import EXERCISES_DIR, ROOT, SOLUTIONS_DIR
from kata.cli.common import chosen_exercises, one_exercise, usage_error
from kata.core import launcher
from kata.core.paths import display_path
from kata.core.settings import DEFAULT_TIMEOUT, interview_mode
from kata.core.text import indent
from kata.i18n import _


def learner_command(args: argparse.Namespace) -> int:
    from kata.core.manifest import load_manifest
    from kata.learner import commands

    if args.command == "explain":
        from kata.i18n import instructions

        exercise = (
            one_exercise(args.exercise, "explain") if args.exercise else commands.current_exercise(load_manifest())
        )
        if exercise is None:
            print(indent(_("Every exercise passes. Well done!"), ""))
            return 0
        from kata.core.launcher import as_typed
        from kata.core.text import reflow

        text = as_typed(instructions(exercise.name) or commands.stub_instructions(exercise), exercise=exercise.name)
        text = korean_command_with_its_language(text)
        print(reflow(text.replace("``", "`")))  # reStructuredText's double backticks: one is enough
        return 0
    if args.command in ("hint", "solution") and interview_mode():
        usage_error(_("interview mode (KATA_MODE=interview) shows no hints and no solutions."))
    if args.command == "hint":
        exercise = chosen_exercises([args.exercise])[0] if args.exercise else current_exercise_now()
        print(commands.hint(exercise) if exercise else indent(_("Every exercise passes. Well done!"), ""))
        return 0
    if args.command == "reset":
        exercise = one_exercise(args.exercise, "reset")
        backup, target = commands.reset(exercise)
        if backup is not None:
            print(indent(_("Your version is saved in {backup}", backup=display_path(backup)), ""))
        print(indent(_("{path} is the stub again.", path=target.relative_to(ROOT)), ""))
        if launcher.launcher() == launcher.NOTEBOOK:
            print(stub_for_the_cell(exercise))
        return 0
    exercise = one_exercise(args.exercise, "solution")
    if not (SOLUTIONS_DIR / exercise.filename).exists():
        usage_error(_("this copy of the kata has no reference solutions."))
    if not args.force and not exercise_passes(exercise):
        print(
            indent(
                _(
                    "{name} does not pass yet: the solution is shown once it does (or now: {command}).",
                    name=exercise.name,
                    command=launcher.command("solution", exercise.name, "--force"),
                ),
                "",
            )
        )
        return 1
    print(commands.solution_view(exercise))
    return 0


def korean_command_with_its_language(text: str) -> str:
    """Instructions shown in English end with "한국어 설명: python -m kata explain ex02": the same
    command would show English again. The line says to set KATA_LANG=ko with it (PowerShell's
    way on native Windows); a notebook's line says so already, its own way."""
    import re

    from kata.i18n import language

    lang = launcher.language_setting("ko")
    # the stubs write the POSIX shell's way: said as this shell takes it
    text = re.sub(r"^(한국어 설명: )KATA_LANG=ko ", lambda m: m.group(1) + lang, text, flags=re.M)
    if language() == "ko":
        return text
    return re.sub(r"^(한국어 설명: )(?=make |python3? -m kata )", lambda m: m.group(1) + lang, text, flags=re.M)


def stub_for_the_cell(exercise) -> str:
    """In a notebook the file is the stub again, but the exercise's `%%kata` cell still holds the
    learner's code, and running it would save that code again: what to do, and the stub to paste."""
    from kata.learner.commands import load_stubs

    cell = f"%%kata {launcher.short(exercise.name)}"
    said = _(
        "Your {cell} cell still holds your code, and running it saves that code again. To start over, "
        "replace everything under the cell's first line with the stub below, then run the cell.",
        cell=f"`{cell}`",
    )
    from kata.core.text import reflow

    stub = launcher.as_typed(load_stubs()[exercise.name], how=launcher.NOTEBOOK, exercise=exercise.name)
    return reflow(said) + "\n\n" + cell + "\n" + stub.rstrip()


def current_exercise_now():
    """The first exercise that does not pass, judged by the files as they are now: one whose file
    changed since its last grade is graded again first (where this system grades at all)."""
    import sys

    from kata.core.manifest import load_manifest
    from kata.core.settings import settings
    from kata.learner import commands, setup, state

    exercises = load_manifest()
    if sys.platform == "win32" or setup.missing_modules():
        return commands.current_exercise(exercises)
    from kata.engine.scheduler import run_exercises

    for exercise in exercises:
        if state.changed_since_graded(exercise.name, EXERCISES_DIR / exercise.filename):
            results = run_exercises([exercise], EXERCISES_DIR, timeout=settings().timeout, jobs=1)
            state.record_progress(results, EXERCISES_DIR)
        entry = state.load("progress").get("exercises", {}).get(exercise.name, {})
        if not entry or entry.get("passed", 0) < entry.get("total", 1):
            return exercise
    return None


def exercise_passes(exercise) -> bool:
    from kata.core.results import exercise_done
    from kata.engine.scheduler import run_exercises

    results = run_exercises([exercise], EXERCISES_DIR, timeout=DEFAULT_TIMEOUT, jobs=1)[exercise.name]
    return exercise_done(results)
