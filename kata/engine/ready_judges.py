"""Judges started ahead of time for `make watch`: a save of the exercise being worked on then
costs its tests only, not a judge's start."""

from __future__ import annotations

import os
from contextlib import suppress

from kata.engine import sandbox
from kata.engine.job import Job
from kata.engine.judge_process import Judge
from kata.engine.warm_start import clean_zygote, prepare_parent
from kata.engine.zygote import fork_available
from kata.testing.ways_out import untrusted


class ReadyJudges:
    """Judges started ahead of time for the jobs `make watch` expects next (the exercise being
    worked on): each has collected its tests and started a worker, and waits. A save then costs
    the learner's tests only, not a judge's start (about 0.1 s). Where graded code runs as another
    user, the judge would grade a copy made too early: none is started ahead there."""

    def __init__(self, timeout: float) -> None:
        self.timeout = timeout
        self.waiting: list[tuple[tuple, Judge]] = []

    @staticmethod
    def key(job: Job) -> tuple:
        return (tuple(e.name for e in job.exercises), job.impl, job.hidden, tuple(job.pending or ()))

    def prepare(self, jobs: list[Job]) -> None:
        """Have a judge waiting for each of these jobs, and for nothing else."""
        wanted = [self.key(job) for job in jobs]
        for key, judge in list(self.waiting):
            if key not in wanted:
                self.drop(judge)
        missing = [job for job in jobs if not any(k == self.key(job) for k, _child in self.waiting)]
        if not missing or not fork_available() or sandbox.drop_plan()[0] is not None:
            return
        clean_zygote()  # warms up while this process does
        prepare_parent(trains=any(e.slow for job in missing for e in job.exercises))
        for job in missing:  # the files it imports are read for ways out here, once, not in every judge
            for exercise in job.exercises:
                with suppress(OSError, ValueError):
                    untrusted(job.impl, exercise.name)
        for job in missing:
            self.waiting.append((self.key(job), Judge(job, self.timeout, True, self.fds(), ready=True)))

    def take(self, job: Job) -> Judge | None:
        for i, (key, judge) in enumerate(self.waiting):
            if key == self.key(job):
                del self.waiting[i]
                return judge
        return None

    def fds(self) -> list[int]:
        return [fd for _key, judge in self.waiting for fd in judge.fds()]

    def drop(self, judge: Judge) -> None:
        self.waiting = [(k, c) for k, c in self.waiting if c is not judge]
        judge.kill()
        judge.reap()
        if judge.go_w is not None:
            os.close(judge.go_w)
        judge.discard()

    def close(self) -> None:
        for _key, judge in list(self.waiting):
            self.drop(judge)
