"""How the learner started the kata, so that every message names a command the way they type it.

The Makefile's recipes set KATA_LAUNCHER=make, the notebook extension (`%load_ext kata`) sets
KATA_LAUNCHER=notebook for the grader it starts; anything else is a terminal without make.

    command("hint", "ex02_batch")  ->  make hint EX=ex02 | python -m kata hint ex02 | %kata hint ex02
"""

from __future__ import annotations

import os
import re
import sys

from kata.core.settings import settings

MAKE, NOTEBOOK, TERMINAL = "make", "notebook", ""

# The Makefile's variables for the CLI's options (`make solution EX=ex02 FORCE=1`).
_MAKE_OPTIONS = {"--force": "FORCE=1"}


def launcher() -> str:
    """make, notebook or "" (a terminal without make)."""
    value = settings().launcher
    return value if value in (MAKE, NOTEBOOK) else TERMINAL


def short(exercise: str) -> str:
    """ex02_batch -> ex02: what a learner types."""
    return exercise.split("_", 1)[0] if exercise else ""


def python_name() -> str:
    """How the learner typed Python: `python3 -m kata` is answered with python3 (on Ubuntu and
    macOS `python` is often missing). KATA_PYTHON carries it into the venv's own Python."""
    typed = os.environ.get("KATA_PYTHON") or os.path.basename(getattr(sys, "orig_argv", [""])[0] or "")
    return "python3" if typed.startswith("python3") else "python"


def command(name: str, exercise: str = "", *options: str, how: str | None = None) -> str:
    """The learner's command `name` (test, hint, setup, ...) for `exercise` ("" for none), as
    they would type it where they started the kata; a grading command keeps the folder the
    learner chose with --impl (set_impl), and names none for exercises/."""
    how = launcher() if how is None else how
    ex = short(exercise)
    folder = _impl if name in GRADES_A_FOLDER else ""
    if how == MAKE:
        name = "install" if name == "setup" else name
        words = ["make", name] + ([f"EX={ex}"] if ex else []) + [_MAKE_OPTIONS.get(o, o) for o in options]
        words += [f"IMPL={folder}"] if folder else []
    elif how == NOTEBOOK:
        words = ["%kata", name] + ([ex] if ex else []) + list(options)
    else:
        words = [python_name(), "-m", "kata", name] + ([ex] if ex else []) + list(options)
        words += [f"--impl={folder}"] if folder else []
    return " ".join(words)


GRADES_A_FOLDER = ("test", "watch", "list")  # the learner's commands that take --impl (IMPL= under make)
_impl = ""


def set_impl(folder: str) -> None:
    """The learner graded `folder` with --impl (IMPL= under make), not exercises/: the grading
    commands a message suggests name it too ("" for exercises/, which no command names). Set
    before grading; the judges and workers forked from this process inherit it."""
    global _impl
    _impl = folder


def impl() -> str:
    """The folder set_impl named: a spawned judge or worker (macOS, Windows), a fresh interpreter
    that inherits no module state, is handed it to set_impl too."""
    return _impl


def in_this_language(text: str) -> str:
    """A command to print for a learner reading another language than the system's: the command
    alone would answer in the system's language, so it comes with KATA_LANG set (PowerShell's
    way on native Windows). A notebook's set-up cell sets the language its own way."""
    from kata.i18n import language, system_language

    lang = language()
    if lang == "en" or lang == system_language() or launcher() == NOTEBOOK:
        return text
    return language_setting(lang) + text


def language_setting(lang: str) -> str:
    """What goes before a command to run it in `lang`: KATA_LANG=ko for a POSIX shell (make runs
    one too), PowerShell's `$env:KATA_LANG="ko";` on native Windows without make."""
    if sys.platform == "win32" and launcher() != MAKE:
        return f'$env:KATA_LANG="{lang}"; '
    return f"KATA_LANG={lang} "


# A learner's command as instructions write it, the make way: `make test`, `make explain EX=ex02`.
MAKE_COMMAND = re.compile(
    r"\bmake (test|watch|hint|explain|reset|solution|list|install)(?: EX=(ex\d\d))?(?![A-Za-z0-9_-])"
)


# Where a text read by everyone (a stub's file) names both ways: "make test (without make:
# python -m kata test)", the second way on a line of its own where one line would be too wide.
# Shown to a learner, only their way is kept.
BOTH_WAYS = re.compile(
    r"(?P<command>\bmake (?:test|watch|hint|explain|reset|solution|list|install)(?: EX=ex\d\d)?(?:``|`)?)"
    r"(?: ?|\n *)\((?:without make|make 없이): [^)]*\)"
)
# The stubs' line on checking one's work, as a notebook says it: by running the exercise's cell.
CHECK_IN_A_NOTEBOOK = {
    "Check your work: ": "Check your work: run this exercise's ``%%kata {ex}`` cell.",
    # the Korean instructions' last line, backticked as the catalogue has it (review 30, query 1)
    "`make test`로 확인하세요": "이 연습의 ``%%kata {ex}`` 셀을 실행해 확인하세요.",
    # Korean needs KATA_LANG, which a notebook sets in its set-up cell.
    "한국어 설명: ": (
        '한국어 설명: 설정 셀의 ``os.environ["KATA_LANG"] = "ko"`` 줄 앞의 ``#``을 지우고\n'
        "그 셀을 실행한 뒤 ``%kata explain {ex}`` 명령을 실행하세요."
    ),
}


def as_typed(text: str, how: str | None = None, exercise: str = "") -> str:
    """Each learner's command in a text written the make way (the exercises' instructions), as the
    learner types it where they started the kata: `make explain EX=ex04` becomes
    `python -m kata explain ex04` in a terminal without make, `%kata explain ex04` in a notebook;
    "make test (without make: python -m kata test)" becomes the learner's way alone. In a notebook,
    the line on checking one's work of `exercise` says to run its cell."""
    ex = short(exercise)
    text = BOTH_WAYS.sub(r"\g<command>", text)
    if (launcher() if how is None else how) == NOTEBOOK and ex:
        lines = text.split("\n")
        for number, line in enumerate(lines):
            for start, said in CHECK_IN_A_NOTEBOOK.items():
                if line.startswith(start) and "make " in line:
                    lines[number] = said.format(ex=ex)
        text = "\n".join(lines)

    def typed(match: re.Match[str]) -> str:
        name = "setup" if match.group(1) == "install" else match.group(1)
        return command(name, match.group(2) or "", how=how)

    return MAKE_COMMAND.sub(typed, text)


_watching = False


def set_watching() -> None:
    """`watch` is running: a message says "save again", not "run a command". Forked children inherit it."""
    global _watching
    _watching = True


def watching() -> bool:
    return _watching
