"""Imports a learner's exercise module from the graded tree and explains why it could not."""

from __future__ import annotations

import importlib
import os
import sys
from pathlib import Path
from types import ModuleType

from kata import HIDDEN_DIR, SOLUTIONS_DIR
from kata.core import launcher, refusals
from kata.core.paths import display_path, is_within
from kata.engine import guard, hang, sandbox
from kata.i18n import _
from kata.testing import activity
from kata.testing.tracebacks import is_test_outcome, learner_frame


class TimeLimit(BaseException):  # noqa: N818 - not an error of the learner's: the judge's limit
    """The judge's time limit for a call ran out (raised by the worker's alarm inside learner code)."""

    def __init__(self, where: tuple[str, str, int] | None = None) -> None:
        super().__init__()
        self.where = where  # (module, qualname, line) of the loop that never ended (kata.engine.hang)


class LearnerCodeError(Exception):
    """The learner's module could not be loaded; the message is written for the learner."""


class LearnerTree:
    """A folder of exercise files (exercises/, solutions/ or any copy) put first on sys.path,
    so that `from ex01_one_hot import encode_word` inside an exercise finds the same tree."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root).resolve()
        self._failures: dict[str, str] = {}
        self._checked: set[str] = set()  # graded files found to name no kata module
        # The newest module loaded before any graded file: _refuse_kata_modules looks only at those
        # after it (sys.modules keeps the order of loading), not at torch's 2000 again and again:
        # in a forked worker each one touched is a page copied.
        self._before = next(reversed(sys.modules))
        if str(self.root) not in sys.path:
            sys.path.insert(0, str(self.root))

    def load(self, name: str) -> ModuleType:
        if name in self._failures:
            raise LearnerCodeError(self._failures[name])
        path = self.root / f"{name}.py"
        if not path.is_file():
            message = _(
                "{path} was not found. The graded folder must hold one file per exercise, named exactly {name}.py.",
                path=display_path(path),
                name=name,
            )
            self._failures[name] = message
            raise LearnerCodeError(message)
        activity.note(f"import {name}")
        try:
            module = importlib.import_module(name)
        except BaseException as error:  # noqa: BLE001 - learner code may raise anything, SystemExit too
            if is_test_outcome(error) or isinstance(error, TimeLimit):
                raise
            message = explain_import_error(error, path, self.root)
            self._failures[name] = message
            raise LearnerCodeError(message) from None
        if not is_within(getattr(module, "__file__", "") or "", self.root):
            raise LearnerCodeError(
                _(
                    "`import {name}` found {found}, not {path}.",
                    name=name,
                    found=display_path(module.__file__ or ""),
                    path=display_path(path),
                )
            )
        self._refuse_kata_modules()
        hang.apply(str(self.root))  # functions that hung in an earlier judge fail at once here too
        return module

    def _refuse_kata_modules(self) -> None:
        """Graded files that reach for a kata module by name (guard.kata_module_named_in) fail."""
        prefix = str(self.root) + os.sep
        loaded_since: list[str] = []
        for name in reversed(sys.modules):
            if name == self._before:
                break
            loaded_since.append(name)
        for name in reversed(loaded_since):
            module = sys.modules[name]
            filename = str(getattr(module, "__file__", None) or "")
            if filename.startswith(prefix) and filename not in self._checked:
                named = guard.kata_module_named_in(Path(filename))
                if named is not None:  # not added to _checked: every later load fails on it again
                    where = display_path(filename)
                    message = _(refusals.KATA_MODULES_OFF_LIMITS_IN_FILE, module=named, path=where)
                    self._failures[module.__name__] = message
                    raise LearnerCodeError(message)
                self._checked.add(filename)


def off_limits_import(error: BaseException) -> str:
    """`from solutions.ex01_one_hot import ...`: the kernel hides the reference and the hidden
    tests from a worker, so Python finds no such module. Said as what it is."""
    name = getattr(error, "name", None) if isinstance(error, ModuleNotFoundError) else None
    top = str(name or "").partition(".")[0]
    if top == SOLUTIONS_DIR.name:
        path = display_path(SOLUTIONS_DIR / (str(name).partition(".")[2].replace(".", os.sep) + ".py"))
        return _(sandbox.REFERENCE_OFF_LIMITS, path=path, command=sandbox.hint_for(error))
    if top == HIDDEN_DIR.name:
        return _(sandbox.HIDDEN_OFF_LIMITS, path=display_path(HIDDEN_DIR))
    return ""


def explain_import_error(error: BaseException, path: Path, root: Path) -> str:
    shown = display_path(path)
    if isinstance(error, SyntaxError):
        where = display_path(error.filename) if error.filename else shown
        lines = [
            _(
                "{path}, line {line}: {kind}: {error}",
                path=where,
                line=error.lineno,
                kind=type(error).__name__,
                error=error.msg,
            )
        ]
        if error.text:
            lines.append(f"    {error.text.rstrip()}")
            if error.offset:
                lines.append("    " + " " * (error.offset - 1) + "^")
        lines.append(
            _("Python could not read this file. Fix the line above and save: watch grades it again.")
            if launcher.watching()
            else _("Python could not read this cell. Fix the line above, then run the cell again.")
            if launcher.launcher() == launcher.NOTEBOOK
            # the report's footer says which command to run again (review 12, 2.7: two commands)
            else _("Python could not read this file. Fix the line above and save.")
        )
        return "\n".join(lines)
    if isinstance(error, SystemExit):
        return _(
            "{path} called sys.exit({code}) while being imported. An exercise file should only define functions; remove the exit.",
            path=shown,
            code=repr(error.code),
        )
    location = learner_frame(error, root)
    where = place(location, shown)
    refused = off_limits_import(error) or sandbox.confined_message(error)
    refused = refused or (str(error).strip() if refusals.is_refusal(str(error)) else "")  # the import guard's
    if refused:  # the place first: after the refusal's last sentence it dangled past the period
        return (
            _("{file}, line {line}: {message}", file=location[0], line=location[1], message=refused)
            if location
            else refused
        )
    text = _(
        "Importing {path} raised {kind}: {error}{where}.",
        path=shown,
        kind=type(error).__name__,
        error=error,
        where=where,
    )
    if isinstance(error, ImportError):
        lacking = name_an_exercise_lacks(error, path, location[1] if location else "?")
        if lacking:
            return lacking
        text += " " + _(
            "Check the import's spelling: an exercise can use the standard library, numpy, "
            "torch and your earlier exercises (for example `from ex01_one_hot import encode_word`)."
        )
    return text


def place(location: tuple[str, int] | None, shown: str) -> str:
    """' at a.py, line 3' after an import error's text, or ' at line 3' where the error is in the file
    the message has just named (review 10: the path said twice)."""
    if not location:
        return ""
    if location[0] == shown:
        return " " + _("at line {line}", line=location[1])
    return " " + _("at {file}, line {line}", file=location[0], line=location[1])


def name_an_exercise_lacks(error: ImportError, path: Path, line: object) -> str:
    """`from ex01_one_hot import build_vocab` where ex01 defines the function under another name:
    said as that, with what the earlier exercise defines (read from its file), not as Python's
    error naming the worker's own copy of it."""
    import ast
    import difflib
    import re

    found = re.match(r"cannot import name '([^']+)' from '(ex\d\d_\w+)'", str(error))
    if not found or not error.path:
        return ""
    name, module = found.groups()
    try:
        tree = ast.parse(Path(error.path).read_text(encoding="utf-8"))
    except (OSError, SyntaxError, ValueError):
        return ""
    defined = [
        n.name for n in tree.body if isinstance(n, ast.FunctionDef | ast.ClassDef) and not n.name.startswith("_")
    ]
    close = difflib.get_close_matches(name, defined, n=1, cutoff=0.5)
    return _(
        "{path}, line {line}, imports `{name}` from {module}, but {other} defines no `{name}`{close}. Give "
        "the function in {other} the name its docstring uses: `{name}`.",
        path=display_path(path),
        line=line,
        name=name,
        module=module,
        other=display_path(path.with_name(module + ".py")),
        close=_(" (did you mean `{close}`?)", close=close[0]) if close else "",
    )
