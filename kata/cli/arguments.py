"""What `python -m kata` understands: every command and its options."""

from __future__ import annotations

import argparse
import os
import re
from typing import NoReturn

from kata import EXERCISES_DIR, ROOT
from kata.core import launcher
from kata.core.settings import settings
from kata.core.text import reflow
from kata.i18n import _

LEARNER_COMMANDS = ("setup", "test", "watch", "list", "hint", "explain", "reset", "solution", "grade", "help")
GRADING_COMMANDS = ("test", "grade", "list", "watch", "grade-all")


def student_copy() -> bool:
    """A copy made by `make release`: --help leaves the instructor's commands out."""
    return (ROOT / "kata" / "release.json").exists()


class LearnerParser(argparse.ArgumentParser):
    """An unknown command is answered with the learner's commands, not argparse's list of every
    subcommand (the maintainers' among them)."""

    def error(self, message: str) -> NoReturn:
        found = re.search(r"invalid choice: '([^']*)'", message)
        if found and self.prog == "python -m kata":
            text = _(
                "kata: {name} is not a command. Commands: {commands}. `{help}` says what each does.",
                name=found.group(1),
                commands=", ".join(LEARNER_COMMANDS),
                help=launcher.command("help"),
            )
            self.exit(2, reflow(text) + "\n")
        super().error(message)


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = LearnerParser(prog="python -m kata", description="The RNN basics kata.")
    sub = parser.add_subparsers(dest="command")
    if student_copy():  # the instructor's commands still work, unlisted
        sub.metavar = "{" + ",".join(LEARNER_COMMANDS) + "}"
    setup = sub.add_parser("setup", help="install what the kata needs into ./.venv (torch pinned)")
    setup.add_argument(
        "--here",
        action="store_true",
        help="no venv: install only what is missing into this Python (what a notebook's set-up does)",
    )
    timeout, jobs = settings().timeout, settings().jobs
    for name, text in (
        ("test", "grade a tree and show the scoreboard"),
        ("grade", "grade a tree and write results.json"),
        ("list", "every exercise with its status, and the next one"),
        ("watch", "re-grade an exercise each time its file is saved"),
    ):
        cmd = sub.add_parser(name, help=text)
        cmd.add_argument("--impl", default=str(EXERCISES_DIR), help="folder of exercise files (default: exercises)")
        cmd.add_argument("--timeout", type=float, default=timeout, help="seconds per test")
        cmd.add_argument("--jobs", type=int, default=jobs, help="exercises graded at once")
        cmd.add_argument("exercises", nargs="*", help="only these exercises (ex02 or ex02_batch)")
        if name == "grade":
            cmd.add_argument("--unconfined", action="store_true", help=UNCONFINED_HELP)
            cmd.add_argument("--results", default="results.json", help="where to write the results")
            cmd.add_argument("--format", choices=("gradescope", "exercism", "classroom"), default="gradescope")
            cmd.add_argument("--public-only", action="store_true", help="leave out hidden_tests/")
            cmd.add_argument(
                "--submission",
                default="",
                help="grade the exercise files found anywhere under this folder (as grade-all and the autograder do)",
            )
        if name == "watch":
            cmd.add_argument("--poll", type=float, default=0.02, help="seconds between looks at the files")
    for name, text in (
        ("hint", "the next hint for an exercise (default: the current one)"),
        ("reset", "restore an exercise's stub, keeping a backup of yours"),
        ("solution", "the reference solution and a diff, once your exercise passes"),
        ("explain", "an exercise's instructions in your language"),
    ):
        cmd = sub.add_parser(name, help=text)
        cmd.add_argument("exercise", nargs="?", default="")
        if name == "solution":
            cmd.add_argument("--force", action="store_true", help="show it even before your exercise passes")
    # In a student copy: no help line (argparse lists those with one).
    instructor: dict | None = {} if student_copy() else None

    def helped(text: str) -> dict:
        return instructor if instructor is not None else {"help": text}

    batch = sub.add_parser("grade-all", **helped("grade every sub-folder of a folder into a gradebook"))
    batch.add_argument("--submissions", required=True, help="folder with one sub-folder per student")
    batch.add_argument("--out", default="gradebook.csv", help="the CSV to write (a .json is written beside it)")
    batch.add_argument("--timeout", type=float, default=timeout)
    batch.add_argument("--unconfined", action="store_true", **helped(UNCONFINED_HELP))
    batch.add_argument("--jobs", type=int, default=int(os.environ.get("KATA_JOBS") or os.cpu_count() or 1))
    for name, text in (
        ("release", "write a student copy to a new folder"),
        ("autograder", "build a Gradescope autograder zip"),
    ):
        cmd = sub.add_parser(name, **helped(text))
        cmd.add_argument("--out", default="")
        if name == "release":
            cmd.add_argument("--solutions", action="store_true", help="ship the reference solutions (self-study)")
            cmd.add_argument("--repo", default="", help="the course's GitHub repository, owner/name (the Colab link)")
            cmd.add_argument("--branch", default="main", help="its branch (default: main)")
    sub.add_parser("help", help="the learner's commands, each as you type it")
    sub.add_parser("freeze-stubs", **helped("maintainers: record exercises/ as the pristine stubs for reset"))
    sub.add_parser("no-checks", **helped("what `make check` says in a student copy, which has no grader_tests/"))
    return parser.parse_args(argv)


UNCONFINED_HELP = "grade other people's code even where the kernel cannot confine it (the results say so)"
