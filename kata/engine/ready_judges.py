"""Judges started ahead of time for `make watch`: a save of the exercise being worked on then
costs its tests only, not a judge's start."""

from __future__ import annotations

import os

from kata.engine import sandbox
from kata.engine.job import Job
from kata.engine.judge_process import Child
from kata.engine.warm_start import prepare_parent
from kata.engine.zygote import fork_available


class ReadyJudges:
    """Judges started ahead of time for the jobs `make watch` expects next (the exercise being
    worked on): each has collected its tests and started a worker, and waits. A save then costs
    the learner's tests only, not a judge's start (about 0.1 s). Where graded code runs as another
    user, the judge would grade a copy made too early: none is started ahead there."""

    def __init__(self, timeout: float) -> None:
        self.timeout = timeout
        self.waiting: list[tuple[tuple, Child]] = []

    @staticmethod
    def key(job: Job) -> tuple:
        return (tuple(e.name for e in job.exercises), job.impl, job.hidden, tuple(job.pending or ()), tuple(job.hung))

    def prepare(self, jobs: list[Job]) -> None:
        """Have a judge waiting for each of these jobs, and for nothing else."""
        wanted = [self.key(job) for job in jobs]
        for key, child in list(self.waiting):
            if key not in wanted:
                self.drop(child)
        missing = [job for job in jobs if not any(k == self.key(job) for k, _child in self.waiting)]
        if not missing or not fork_available() or sandbox.drop_plan()[0] is not None:
            return
        prepare_parent(trains=any(e.slow for job in missing for e in job.exercises))
        for job in missing:
            self.waiting.append((self.key(job), Child(job, self.timeout, True, self.fds(), ready=True)))

    def take(self, job: Job) -> Child | None:
        for i, (key, child) in enumerate(self.waiting):
            if key == self.key(job):
                del self.waiting[i]
                return child
        return None

    def fds(self) -> list[int]:
        return [fd for _key, child in self.waiting for fd in child.fds()]

    def drop(self, child: Child) -> None:
        self.waiting = [(k, c) for k, c in self.waiting if c is not child]
        child.kill()
        child.reap()
        if child.go_w is not None:
            os.close(child.go_w)
        child.discard()

    def close(self) -> None:
        for _key, child in list(self.waiting):
            self.drop(child)
