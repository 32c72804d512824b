"""How the learner started the kata, so that every message names a command the way they type it.

The Makefile's recipes set KATA_LAUNCHER=make, the notebook extension (`%load_ext kata`) sets
KATA_LAUNCHER=notebook for the grader it starts; anything else is a terminal without make.

    command("hint", "ex02_batch")  ->  make hint EX=ex02 | python -m kata hint ex02 | %kata hint ex02
"""

from __future__ import annotations

import re

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


def command(name: str, exercise: str = "", *options: str, how: str | None = None) -> str:
    """The learner's command `name` (test, hint, setup, ...) for `exercise` ("" for none), as
    they would type it where they started the kata."""
    how = launcher() if how is None else how
    ex = short(exercise)
    if how == MAKE:
        name = "install" if name == "setup" else name
        words = ["make", name] + ([f"EX={ex}"] if ex else []) + [_MAKE_OPTIONS.get(o, o) for o in options]
    elif how == NOTEBOOK:
        words = ["%kata", name] + ([ex] if ex else []) + list(options)
    else:
        words = ["python", "-m", "kata", name] + ([ex] if ex else []) + list(options)
    return " ".join(words)


_watching = False


def set_watching() -> None:
    """`watch` is running: a message says "save again", not "run a command". Forked children inherit it."""
    global _watching
    _watching = True


def watching() -> bool:
    return _watching


# A make command as the kata's texts write it ("make test", "``make hint EX=ex02``"), with the way
# without make after it in brackets where a text read by everyone names both (the stubs' files).
_BOTH_WAYS = re.compile(
    r"(?P<tick>``|`)?make (?P<name>install|test|watch|list|hint|explain|reset|solution|grade)"
    r"(?: EX=(?P<ex>ex\d\d))?(?P=tick)?"
    r"(?: ?\((?:without make|make 없이): (?:``|`)?python -m kata [^)`]*(?:``|`)?\))?"
)
# The stubs' line on checking one's work, as a notebook says it: by running the exercise's cell.
_CHECK_IN_A_NOTEBOOK = {
    "Check your work: ": "Check your work: run this exercise's ``%%kata {ex}`` cell.",
    "확인: ": "확인: 이 연습의 ``%%kata {ex}`` 셀을 실행하세요.",
}


def in_learners_words(text: str, exercise: str = "", how: str | None = None) -> str:
    """A text that names make's commands (an exercise's instructions), each command written the
    way the learner started the kata: `make test` (without make: `python -m kata test`) becomes
    `python -m kata test` in a terminal without make, `make test` with make; in a notebook the line
    on checking one's work says to run the exercise's cell."""
    how = launcher() if how is None else how
    ex = short(exercise)
    if how == NOTEBOOK and ex:
        lines = text.split("\n")
        for number, line in enumerate(lines):
            for start, said in _CHECK_IN_A_NOTEBOOK.items():
                if line.startswith(start) and "make test" in line:
                    lines[number] = said.format(ex=ex)
        text = "\n".join(lines)

    def written(match: re.Match) -> str:
        tick = match.group("tick") or ""
        return tick + command(match.group("name"), match.group("ex") or "", how=how) + tick

    return _BOTH_WAYS.sub(written, text)
