"""The record of one graded test, shared by the grading processes and everything that reports.

It sits below isolation, report, batch and the learner's loop, so they all import it downwards.
"""

from __future__ import annotations

from dataclasses import dataclass


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
    kind: str = ""  # of a failure: "wrong" answer, still a "stub", or an "error" (could not run, crashed, hung)
    seconds: float = 0.0  # from the test's start to its verdict, as the parent saw them

    @property
    def stub(self) -> bool:
        return self.kind == "stub"


Results = dict[str, list[TestResult]]


def passed_count(results: list[TestResult]) -> int:
    return sum(r.passed for r in results)
