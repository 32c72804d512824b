"""How a graded test fails, by kind: the gradebook and `make list` tell a stub, an error and a
wrong answer apart by the class of the failure a test raised."""

from __future__ import annotations

from typing import NoReturn

# pytest's own outcomes module, not `import pytest`: the worker imports this module too (through
# kata.engine.hang), and all of pytest cost the clean zygote 0.15 s before its first worker.
from _pytest.outcomes import Failed  # what pytest.fail raises (pytest.fail.Exception), as a class a type checker reads
from _pytest.outcomes import fail as pytest_fail


class NotWrittenYet(Failed):
    """A failure because the function is still the stub: `make list` calls that 'not started'."""


class CodeCouldNotRun(Failed):
    """A failure because the learner's code could not run at all (missing file, syntax or import
    error, an exit, a crash): the gradebook lists these as errors, apart from wrong answers."""


class HungBefore(Failed):
    """A call to a function that hung in an earlier test: a failure of kind 'error'."""


def fail(message: str) -> NoReturn:
    pytest_fail(message, pytrace=False)


def fail_could_not_run(message: str) -> NoReturn:
    raise CodeCouldNotRun(message, pytrace=False)
