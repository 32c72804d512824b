"""What `python -m kata` understands: every command and its options, its help in the learner's
language (argparse's own words too), listing only the learner's commands."""

from __future__ import annotations

import argparse
import os
import re
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
from typing import Any, NoReturn

from kata import EXERCISES_DIR
from kata.core import launcher
from kata.core.settings import settings
from kata.core.text import indent
from kata.i18n import N_, _

LEARNER_COMMANDS = ("setup", "test", "watch", "list", "hint", "explain", "reset", "solution", "grade", "help")
GRADING_COMMANDS = ("test", "grade", "list", "watch", "grade-all")

# argparse's own words (it asks gettext for them): translated in the catalogue like the kata's.
ARGPARSE_WORDS = (
    N_("usage: "),
    N_("positional arguments"),
    N_("options"),
    N_("show this help message and exit"),
    N_("%(prog)s: error: %(message)s\n"),
    N_("argument %(argument_name)s: %(message)s"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"),
    N_("invalid %(type)s value: %(value)r"),
    N_("the following arguments are required: %s"),
    N_("unrecognized arguments: %s"),
    N_("expected one argument"),
    N_("ambiguous option: %(option)s could match %(matches)s"),
)


@contextmanager
def argparse_in_the_learners_language() -> Iterator[None]:
    """argparse asks gettext for its words ("usage: ", "options"): while the kata's arguments are
    read, it asks the kata's catalogue instead; pytest, which also uses argparse, is left alone."""
    asked: Callable[[str], str] = argparse._  # type: ignore[attr-defined]  # gettext's, imported by argparse
    argparse._ = lambda text: _(text)  # type: ignore[attr-defined]
    try:
        yield
    finally:
        argparse._ = asked  # type: ignore[attr-defined]


@contextmanager
def argparse_in_english() -> Iterator[None]:
    """argparse's words left in English while an instructor's command is read or helped, whatever
    the learner's language: the words around them, the command's own, are English."""
    asked: Callable[[str], str] = argparse._  # type: ignore[attr-defined]
    argparse._ = lambda text: text  # type: ignore[attr-defined]
    try:
        yield
    finally:
        argparse._ = asked  # type: ignore[attr-defined]


class LearnerParser(argparse.ArgumentParser):
    """An unknown command is answered with the learner's commands, not argparse's list of every
    subcommand (the maintainers' among them). An instructor's command (english=True) is read,
    helped and refused in English, argparse's words too, as everything it prints: under
    KATA_LANG=ko its help was half Korean ("사용법:", "옵션:"), half English."""

    def __init__(self, *args: Any, english: bool = False, **kwargs: Any) -> None:
        self.english = english
        with self.words():  # "options" and -h's help are asked for here
            super().__init__(*args, **kwargs)

    def words(self) -> AbstractContextManager[None]:
        return argparse_in_english() if self.english else nullcontext()

    def parse_known_args(self, *args: Any, **kwargs: Any) -> Any:
        """An instructor's command refuses what it does not know itself, with its own usage line:
        left over, it was refused by the kata's parser, in the learner's language."""
        with self.words():
            namespace, extras = super().parse_known_args(*args, **kwargs)
            if extras and self.english:
                self.error("unrecognized arguments: " + " ".join(extras))  # argparse's words, in English
            return namespace, extras

    def format_usage(self) -> str:
        with self.words():
            return super().format_usage()

    def format_help(self) -> str:
        with self.words():
            return super().format_help()

    def error(self, message: str) -> NoReturn:
        template = re.escape(_("invalid choice: %(value)r (choose from %(choices)s)"))
        pattern = template.replace(re.escape("%(value)r"), "'([^']*)'").replace(re.escape("%(choices)s"), ".*")
        found = re.search(pattern, message)
        if found and self.prog == program():
            text = _(
                "kata: {name} is not a command. Commands: {commands}. `{help}` says what each does.",
                name=found.group(1),
                commands=", ".join(LEARNER_COMMANDS),
                help=launcher.command("help"),
            )
            self.exit(2, indent(text, "      ", first_prefix="") + "\n")  # as every usage error (cli.common)
        with self.words():
            super().error(message)


class ColumnsFormatter(argparse.HelpFormatter):
    """Help texts wrapped by terminal columns, a Hangul character counting two (argparse counts
    characters, so a Korean line ran past the terminal's edge)."""

    def _split_lines(self, text: str, width: int) -> list[str]:
        from kata.core.text import wrap

        return wrap(" ".join(text.split()), width, "")

    def add_argument(self, action: argparse.Action) -> None:
        """The help column set by the widest name in display columns ("--timeout 초" takes twelve,
        not eleven): argparse measures names in characters, so the row of a Hangul name stuck out."""
        from kata.core.text import width_of

        super().add_argument(action)
        if action.help is not argparse.SUPPRESS:
            widths = [width_of(self._format_action_invocation(action)) + self._current_indent]
            for subaction in self._iter_indented_subactions(action):  # indented while it yields
                widths.append(width_of(self._format_action_invocation(subaction)) + self._current_indent)
            self._action_max_length = max(self._action_max_length, *widths)

    def _format_action(self, action: argparse.Action) -> str:
        """An argument's row with its help in the same column as the others' where its name is
        Hangul ("연습", two columns a character): argparse pads it by characters."""
        from kata.core.text import width_of

        text = super()._format_action(action)
        invocation = self._format_action_invocation(action)
        extra = width_of(invocation) - len(invocation)
        end = text.find(invocation) + len(invocation)
        if extra > 0 and text[end : end + extra + 2] == " " * (extra + 2):
            text = text[:end] + text[end + extra :]
        return text

    def _format_usage(self, usage, actions, groups, prefix) -> str:
        """The usage line laid out with its prefix counted in columns ("사용법: " takes eight, not
        five): argparse lays it out for a stand-in of that many ASCII characters."""
        from kata.core.text import width_of

        prefix = _("usage: ") if prefix is None else prefix
        stand_in = "\x01" * width_of(prefix)
        return super()._format_usage(usage, actions, groups, stand_in).replace(stand_in, prefix, 1)


def program() -> str:
    """`python -m kata`, with Python named as the learner typed it (python3 where they did)."""
    return f"{launcher.python_name()} -m kata"


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    with argparse_in_the_learners_language():
        parser = LearnerParser(prog=program(), description=_("The RNN basics kata."), formatter_class=ColumnsFormatter)
        sub = parser.add_subparsers(dest="command")
        sub.metavar = _("COMMAND")  # each is listed below it; the maintainers' commands work, unlisted
        add_learner_commands(sub)
        add_maintainer_commands(sub)
        return parser.parse_args(argv)


def add_learner_commands(sub) -> None:
    setup = sub.add_parser(
        "setup", help=_("install what the kata needs into ./.venv (torch pinned)"), formatter_class=ColumnsFormatter
    )
    setup.add_argument(
        "--here",
        action="store_true",
        help=_("no venv: install only what is missing into this Python (what a notebook's set-up does)"),
    )
    timeout, jobs = settings().timeout, settings().jobs
    folder, seconds, file = _("DIR"), _("SEC"), _("FILE")  # an option's value, named in the learner's language
    for name, text in (
        ("test", N_("grade a tree and show the scoreboard")),
        ("grade", N_("grade a tree and write results.json")),
        ("list", N_("every exercise with its status, and the next one")),
        ("watch", N_("re-grade an exercise each time its file is saved")),
    ):
        cmd = sub.add_parser(name, help=_(text), formatter_class=ColumnsFormatter)
        cmd.add_argument(
            "--impl",
            metavar=folder,
            default=str(EXERCISES_DIR),
            help=_("folder of exercise files (default: exercises)"),
        )
        cmd.add_argument("--timeout", metavar=seconds, type=float, default=timeout, help=_("seconds per test"))
        cmd.add_argument("--jobs", metavar=_("N"), type=int, default=jobs, help=_("exercises graded at once"))
        cmd.add_argument(
            "exercises", nargs="*", metavar=_("EXERCISE"), help=_("only these exercises (ex02 or ex02_batch)")
        )
        if name == "grade":
            add_grade_options(cmd, folder, file)
        if name == "watch":
            # A save is seen at the next look and read again one look later (kata.learner.watch.Saves):
            # 0.01 s adds about 15 ms to a verdict; a look costs about 40 us, so idle watch spends 0.4% of a core.
            cmd.add_argument(
                "--poll", metavar=seconds, type=float, default=0.01, help=_("seconds between looks at the files")
            )
    for name, text in (
        ("hint", N_("the next hint for an exercise (default: the current one)")),
        ("reset", N_("restore an exercise's stub, keeping a backup of yours")),
        ("solution", N_("the reference solution and a diff, once your exercise passes")),
        ("explain", N_("an exercise's instructions, in your language")),
    ):
        cmd = sub.add_parser(name, help=_(text), formatter_class=ColumnsFormatter)
        cmd.add_argument("exercise", nargs="?", default="", metavar=_("EXERCISE"), help=_("ex02 or ex02_batch"))
        if name == "solution":
            cmd.add_argument("--force", action="store_true", help=_("show it even before your exercise passes"))
    sub.add_parser("help", help=_("the learner's commands, each as you type it"))


def add_grade_options(cmd: argparse.ArgumentParser, folder: str, file: str) -> None:
    """What `grade` takes beyond `test`: where and how to write the results, whose files."""
    cmd.add_argument("--unconfined", action="store_true", help=_(UNCONFINED_HELP))
    cmd.add_argument("--results", metavar=file, default="results.json", help=_("where to write the results"))
    cmd.add_argument(
        "--format",
        choices=("gradescope", "exercism", "classroom"),
        default="gradescope",
        help=_("the results' format (default: gradescope)"),
    )
    cmd.add_argument("--public-only", action="store_true", help=_("leave out hidden_tests/"))
    cmd.add_argument(
        "--submission",
        metavar=folder,
        default="",
        help=_("grade the exercise files found anywhere under this folder (as grade-all and the autograder do)"),
    )


def add_maintainer_commands(sub) -> None:
    """The instructors' and maintainers' commands: no help line, so argparse lists none of them
    (docs/instructors.md does); each one's own --help still says what it takes. In English:
    their readers are the kata's maintainers, argparse's words too (LearnerParser)."""
    timeout = settings().timeout
    batch = sub.add_parser("grade-all", description="grade every sub-folder of a folder into a gradebook", english=True)
    batch.add_argument("--submissions", required=True, help="folder with one sub-folder per student")
    batch.add_argument("--out", default="gradebook.csv", help="the CSV to write (a .json is written beside it)")
    batch.add_argument("--timeout", type=float, default=timeout)
    batch.add_argument("--unconfined", action="store_true", help=UNCONFINED_HELP)
    batch.add_argument("--jobs", type=int, default=int(os.environ.get("KATA_JOBS") or os.cpu_count() or 1))
    for name, text in (
        ("release", "write a student copy to a new folder"),
        ("autograder", "build a Gradescope autograder zip"),
    ):
        cmd = sub.add_parser(name, description=text, english=True)
        cmd.add_argument("--out", default="")
        if name == "release":
            cmd.add_argument("--solutions", action="store_true", help="ship the reference solutions (self-study)")
            cmd.add_argument("--repo", default="", help="the course's GitHub repository, owner/name (the Colab link)")
            cmd.add_argument("--branch", default="main", help="its branch (default: main)")
    freeze = "maintainers: record exercises/ as the pristine stubs for reset"
    sub.add_parser("freeze-stubs", description=freeze, english=True)
    checks = "what `make check` says in a student copy, which has no grader_tests/"
    sub.add_parser("no-checks", description=checks, english=True)


UNCONFINED_HELP = N_("grade other people's code even where the kernel cannot confine it (the results say so)")
