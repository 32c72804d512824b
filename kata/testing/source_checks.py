"""The check the graded tests of ex05 and ex06 call: a rule decided in the judge from the graded
function's source read as text (kata.testing.source_rules), never from what the worker reports."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from kata.core.paths import display_path
from kata.testing.calls import graded_root
from kata.testing.outcomes import fail
from kata.testing.source_rules import first_refusal


def expect_keeps_the_rules(function: Any) -> None:
    """A rule that, broken, still gives the right numbers (ex06's "no built-in RNN", ex05's "do
    not change the rnn") is decided here, in the judge, from the function's source read as text
    (kata.testing.source_rules): never from what the worker reports."""
    root = graded_root()
    if root is None:
        return
    module, name = function.__module__, function.__name__
    path = Path(root) / f"{module}.py"
    message = first_refusal(path, module, name, display_path(path))
    if message:
        fail(message)
