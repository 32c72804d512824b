"""The record of one graded test and what follows from a list of them, shared by the grading
engine and everything that reports: the scheduler, the renderers, the gradebook and the
learner's loop all import it downwards."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class FailureKind(str, Enum):
    """Why a test failed; the gradebook and `make list` tell these apart."""

    WRONG = "wrong"  # the code ran and gave a wrong answer
    STUB = "stub"  # the function still raises the stub's NotImplementedError
    ERROR = "error"  # the code could not run, crashed, hung or tampered

    def __str__(self) -> str:
        return self.value


class ExerciseStatus(str, Enum):
    DONE = "done"
    FAILING = "failing"
    NOT_STARTED = "not started"  # every test fails only because the functions are stubs

    def __str__(self) -> str:
        return self.value


@dataclass
class TestResult:
    exercise: str
    nodeid: str
    name: str
    points: float
    visibility: str
    passed: bool
    message: str = ""
    output: str = ""  # what the test printed, stdout and stderr together
    stdout: str = ""  # what learner code printed to sys.stdout alone (Exercism shows this)
    kind: str = ""  # a FailureKind for a failure, "" for a pass (a results file holds its value)
    seconds: float = 0.0  # from the test's start to its verdict, as the parent saw them
    shares: tuple[str, ...] = ()  # fixtures of its file it shares with other tests (set up once per judge)

    @property
    def stub(self) -> bool:
        return self.kind == FailureKind.STUB


Results = dict[str, list[TestResult]]
MESSAGE_LIMIT = 2000  # characters of a failure message any results file keeps


def passed_count(results: list[TestResult]) -> int:
    return sum(r.passed for r in results)


def exercise_done(tests: list[TestResult]) -> bool:
    """An exercise is done when it has tests and every one of them passes."""
    return bool(tests) and all(t.passed for t in tests)


def exercise_status(tests: list[TestResult]) -> ExerciseStatus:
    if exercise_done(tests):
        return ExerciseStatus.DONE
    if tests and all(t.stub for t in tests):
        return ExerciseStatus.NOT_STARTED
    return ExerciseStatus.FAILING
