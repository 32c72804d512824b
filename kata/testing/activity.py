"""What graded code is doing right now, so a crash or a hang can be reported by name.

In a grading child process each note is also sent to the parent, which outlives a crash.
"""

from __future__ import annotations

from collections.abc import Callable

_current = ""
_returned = ""  # what the call noted last returned, described for a message ("" while it runs)
_sink: Callable[[str], None] | None = None


def set_sink(sink: Callable[[str], None] | None) -> None:
    global _sink
    _sink = sink


def note(what: str) -> None:
    global _current, _returned
    _current, _returned = what, ""
    if _sink is not None:
        _sink(what)


def current() -> str:
    return _current


def returned(description: str) -> None:
    """What the call noted last gave back, for a test that then fails on it (kata.testing.calls.explain_test_crash)."""
    global _returned
    _returned = description


def last_returned() -> str:
    return _returned
