"""One endless loop costs one time limit: once a learner function has timed out, the rest of
the exercise's tests fail at once when they reach it, naming the test it hung in.

The function is replaced, in the worker only, by one that fails straight away. Calls
from other learner code (encode_word calling a looping one_hot) meet the replacement too,
because they look the name up in the module.

One record of what hung, kept where it is decided: the judge's (kata.engine.worker_client
RemoteTree.hung). The worker's alarm names the function it stopped (where_it_loops); a worker
stuck in one long C call, which hears no alarm, is stopped by the judge at the deadline and
named by the call the test was making. Each new worker of the exercise gets the record, and
replaces the functions as they are imported. The parent keeps none: it stops a judge only as a
backstop, and a judge runs no learner code.
"""

from __future__ import annotations

import ast
import os
import sys
from dataclasses import dataclass
from types import FrameType

from kata.core.paths import is_within
from kata.i18n import N_, _
from kata.testing.outcomes import HungBefore

HUNG_BEFORE = N_(
    "{function} did not finish in an earlier test and was stopped after {seconds} s. This test "
    "does not run it again (the loop would only cost another {seconds} s). The test it hung in: {test}. "
    "Look for a loop that never ends."
)


@dataclass(frozen=True)
class Hung:
    module: str  # "ex01_one_hot"
    qualname: str  # "one_hot", "CharRNN.forward"
    test: str  # the title of the test it hung in
    seconds: float
    exercise: str = ""  # the exercise whose test it hung in: only that exercise's later tests skip it

    @property
    def function(self) -> str:
        return f"{self.module}.{self.qualname}"

    def as_dict(self) -> dict:
        return {
            "module": self.module,
            "qualname": self.qualname,
            "test": self.test,
            "seconds": self.seconds,
            "exercise": self.exercise,
        }


LOOK_AGAIN = 0.05  # seconds between the two looks at the stack of a call that ran out of time


def learner_stack(frame: FrameType | None, root: str) -> list[FrameType]:
    """The frames of named functions of the graded tree on the stack, innermost first."""
    stack = []
    while frame is not None:
        if "<" not in frame.f_code.co_name and is_within(frame.f_code.co_filename, root):
            stack.append(frame)
        frame = frame.f_back
    return stack


def where_it_loops(first: list[FrameType], second: list[FrameType]) -> tuple[str, str, int] | None:
    """(module, qualname, line) of the function whose loop never ended, from two looks at the
    stack a moment apart: the innermost learner frame present in both (the same frame, still on
    the stack), not the innermost one. A loop in rnn_forward that calls rnn_cell on every turn
    is most often stopped inside rnn_cell, but each look finds a fresh rnn_cell frame, and the
    same rnn_forward frame. The line is that of the loop the frame is in, if it is in one."""
    persisting = [frame for frame in second if any(frame is earlier for earlier in first)]
    if not (persisting or second):
        return None
    frame = (persisting or second)[0]
    code = frame.f_code
    module = frame.f_globals.get("__name__", "?")
    return (module if isinstance(module, str) else "?", getattr(code, "co_qualname", code.co_name), loop_line(frame))


def loop_line(frame: FrameType) -> int:
    """The first line of the innermost loop around the frame's current line, else that line."""
    line = frame.f_lineno or 0
    try:
        with open(frame.f_code.co_filename, encoding="utf-8") as source:
            tree = ast.parse(source.read())
    except (OSError, SyntaxError, ValueError):
        return line
    loops = [
        node.lineno
        for node in ast.walk(tree)
        if isinstance(node, ast.For | ast.While | ast.AsyncFor)
        and frame.f_code.co_firstlineno <= node.lineno <= line <= (node.end_lineno or 0)
    ]
    return max(loops, default=line)


_hung: dict[str, Hung] = {}
_originals: dict[str, object] = {}  # function name -> the learner's function it replaced


def from_label(label: str) -> tuple[str, str] | None:
    """`ex03_rnn.run_rnn(<RNN>, ...)` (what kata.testing.calls.call noted) -> ("ex03_rnn", "run_rnn")."""
    name = label.split("(", 1)[0]
    module, _dot, qualname = name.partition(".")
    return (module, qualname) if module and qualname and " " not in name else None


def record(hung: Hung, root: str) -> None:
    """From now on, calls to this function fail at once (the first hang is the one reported)."""
    _hung.setdefault(hung.function, hung)
    apply(root)


def apply(root: str) -> None:
    """Swap each recorded hung function, in its own module and wherever graded code imported it
    (`from ex01_one_hot import encode_word`), for one that fails straight away."""
    if not _hung:
        return
    prefix = os.path.join(os.path.realpath(root), "")  # modules of the graded tree are imported from there
    graded = [m for m in list(sys.modules.values()) if str(getattr(m, "__file__", None) or "").startswith(prefix)]
    for hung in _hung.values():
        home = sys.modules.get(hung.module)
        if home is None:
            continue  # not imported yet: the loader calls apply again once it is
        if hung.function not in _originals:
            *owners, name = hung.qualname.split(".")
            owner: object = home
            for part in owners:
                owner = getattr(owner, part, None)
            original = getattr(owner, name, None) if owner is not None else None
            if not callable(original):
                continue
            _originals[hung.function] = original
            setattr(owner, name, _failing(hung))
        original = _originals[hung.function]
        for module in graded:
            for attribute, value in list(vars(module).items()):
                if value is original:
                    setattr(module, attribute, _failing(hung))


def _failing(hung: Hung):
    def hung_before(*args: object, **kwargs: object) -> None:
        raise HungBefore(
            _(HUNG_BEFORE, function=hung.function, seconds=f"{hung.seconds:g}", test=hung.test), pytrace=False
        )

    hung_before.__name__ = hung.qualname.rsplit(".", 1)[-1]
    hung_before.__module__ = hung.module
    return hung_before
