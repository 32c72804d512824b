"""A job: exercises of one tree graded together in one judge at a time, their tests, the
verdicts decided so far and what still has to run (kata.engine.scheduler runs jobs)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from kata import HIDDEN_DIR, ROOT
from kata.core.manifest import Exercise, exercise_of
from kata.core.results import FailureKind, TestResult


@dataclass(eq=False)  # jobs are told apart by identity, never by their fields
class Job:
    """Exercises graded together in one judge at a time: their tests, what is decided, and what
    still has to run. `make test` makes one job per exercise; batch grading one per submission."""

    exercises: list[Exercise]
    impl: Path
    hidden: bool = False  # also run hidden_tests/ (instructor grading)
    slow: bool = False
    tests: list[dict] = field(default_factory=list)
    results: dict[str, TestResult] = field(default_factory=dict)
    pending: list[str] | None = None  # node ids still to run; None: the whole files
    tampered: set[str] = field(default_factory=set)  # grading files its code changed
    solo: bool = False  # run alone: it was running when grading files changed
    finished_at: float = 0.0

    def start_over(self) -> None:
        """Forget every verdict: the grading files may have been changed while they were decided."""
        self.tests, self.results, self.pending, self.finished_at = [], {}, None, 0.0

    def targets(self) -> list[str]:
        if self.pending is not None:
            return [str(ROOT / nodeid) for nodeid in self.pending]
        # Each exercise's hidden tests right after its own: an exercise's tests share its workers,
        # which a judge starts again (a fork and an import) whenever the exercise changes.
        files = []
        for exercise in self.exercises:
            files.append(exercise.test_file)
            if self.hidden and (HIDDEN_DIR / exercise.test_file.name).exists():
                files.append(HIDDEN_DIR / exercise.test_file.name)
        return [str(f) for f in files]

    def exercise(self, name: str) -> Exercise:
        return next((e for e in self.exercises if e.name == name), self.exercises[0])

    def info(self, nodeid: str) -> dict:
        for test in self.tests:
            if test["nodeid"] == nodeid:
                return test
        name = exercise_of(nodeid)
        return {
            "nodeid": nodeid,
            "exercise": name,
            "name": nodeid,
            "points": self.exercise(name).points,
            "visibility": "visible",
        }

    def decide(
        self,
        nodeid: str,
        passed: bool,
        message: str,
        output: str = "",
        kind: str = FailureKind.ERROR,
        stdout: str = "",
    ) -> None:
        info = self.info(nodeid)
        self.results[nodeid] = TestResult(
            exercise=info["exercise"],
            nodeid=nodeid,
            name=info["name"],
            points=info["points"],
            visibility=info["visibility"],
            passed=passed,
            message=message,
            output=output,
            stdout=stdout,
            kind="" if passed else kind,
            shares=tuple(info.get("shares") or ()),
        )

    def undecided(self) -> list[str]:
        return [t["nodeid"] for t in self.tests if t["nodeid"] not in self.results]

    def results_by_exercise(self) -> dict[str, list[TestResult]]:
        order = {t["nodeid"]: i for i, t in enumerate(self.tests)}
        ordered = sorted(self.results.values(), key=lambda r: order.get(r.nodeid, len(order)))
        return {e.name: [r for r in ordered if r.exercise == e.name] for e in self.exercises}
