"""Runs each exercise's tests in its own child process and watches it.

Why a process per exercise: learner code may crash the interpreter (segfault, abort),
end it (sys.exit, os._exit), hang inside a C call, or flood the output. The parent outlives
all of that: it records each verdict as the child streams it, kills a child whose test runs
past its time, and re-runs the tests a dead child did not reach in a fresh child. Forking
from a parent that has imported torch (but not touched CUDA) makes a child cheap.

Here: which judges run when, the files checked after each, the tamper charge. What a job is:
kata.engine.job; one judge as the parent sees it: kata.engine.judge_process; the parent's warm
imports and the judges `make watch` keeps ready: kata.engine.warm_start.
"""

from __future__ import annotations

import selectors
import time
from collections import deque
from collections.abc import Callable
from pathlib import Path

from kata.core.manifest import Exercise
from kata.core.results import FailureKind, TestResult
from kata.engine import sandbox
from kata.engine.job import Job
from kata.engine.judge_process import Child
from kata.engine.ready_judges import ReadyJudges
from kata.engine.warm_start import clean_zygote, prepare_parent
from kata.engine.zygote import fork_available
from kata.i18n import _


def run_jobs(
    jobs: list[Job],
    *,
    timeout: float,
    parallel: int,
    on_done: Callable[[Job], None] | None = None,
    ready: ReadyJudges | None = None,
) -> None:
    """Run every job, `parallel` children at a time; a job whose child died is run on from where
    it stopped. on_done(job) is called as each job finishes (for a progress bar). A job that a
    judge in `ready` waits for is given to it.

    After every child the grading files are compared with their pristine bytes. A change is
    written back at once; when one child ran alone it made the change, which is charged to its
    job; when several ran, each of them is graded again alone to find out which. Jobs graded
    while the files were changed are graded again from the pristine files."""
    Run(jobs, timeout=timeout, parallel=parallel, on_done=on_done, ready=ready).until_done()
    charge_tampering(jobs)


class Run:
    """One call of run_jobs: the jobs still to start, the children running, the jobs finished."""

    def __init__(
        self,
        jobs: list[Job],
        *,
        timeout: float,
        parallel: int,
        on_done: Callable[[Job], None] | None,
        ready: ReadyJudges | None,
    ) -> None:
        self.timeout, self.parallel, self.on_done, self.ready = timeout, max(parallel, 1), on_done, ready
        sandbox.keep_out_of_reach()  # the verdict pipes are read here
        self.use_fork = fork_available()
        if self.use_fork:
            prepare_parent(trains=any(e.slow for job in jobs for e in job.exercises))
            clean_zygote()  # before the grading files are read below
        self.account = sandbox.drop_plan()[0] if self.use_fork else None
        self.files = sandbox.GradingFiles()
        self.queue = deque(sorted(jobs, key=lambda job: not job.slow))  # slow ones first, order otherwise kept
        self.running: list[Child] = []
        self.finished: list[Job] = []
        self.selector = selectors.DefaultSelector()

    def until_done(self) -> None:
        try:
            while self.queue or self.running:
                self.start_what_fits()
                self.read_what_came()
                self.end_what_ended()
        finally:  # stopped (Ctrl-C) or failed: no judge and no working folder outlives the run
            self.selector.close()
            for child in self.running:
                child.kill()
                self.reap(child)
                child.discard()

    def start_what_fits(self) -> None:
        """Children up to `parallel`; a job graded alone (solo) runs with no other."""
        queue, running = self.queue, self.running
        while queue and len(running) < self.parallel and not any(c.job.solo for c in running):
            if queue[0].solo and running:
                break
            self.start(queue.popleft())

    def read_what_came(self) -> None:
        for key, _mask in self.selector.select(timeout=0.2):
            child = key.data
            if key.fd == child.out_r:
                child.read_output()
            else:
                child.read_ctrl()
            if key.fd not in child.open_fds:
                self.selector.unregister(key.fd)

    def end_what_ended(self) -> None:
        """Kill children past their time; decide what ended children left, then check the files."""
        now = time.monotonic()
        for child in list(self.running):
            if child not in self.running:  # stopped while another child's change was handled
                continue
            if child.overdue(now):
                child.kill()
            if child.ctrl_r in child.open_fds and not child.killed_for_timeout:
                continue
            # Its verdict pipe has closed: the judge has ended. Its output pipe may still be held
            # open by a process graded code left behind: take what is there, wait no longer.
            self.stop(child)
            child.read_output(most=1 << 20)
            again = child.finish(self.reap(child))
            if self.files.changed():
                self.files_changed(child, again)
            elif again:
                self.queue.appendleft(child.job)
            else:
                self.done(child.job)

    def start(self, job: Job) -> None:
        ready, running = self.ready, self.running
        others = [fd for child in running for fd in child.open_fds] + (ready.fds() if ready else [])
        used = {child.slot for child in running}
        slot = next(i for i in range(len(running) + 1) if i not in used)
        child = ready.take(job) if ready is not None else None
        if ready is not None and child is not None and not child.go(job):
            ready.drop(child)  # it was no longer there to take the job
            child = None
        if child is None:
            account = sandbox.slot_account(self.account, slot) if self.account else None
            child = Child(job, self.timeout, self.use_fork, others, account)
        child.slot = slot
        running.append(child)
        for fd in child.open_fds:
            self.selector.register(fd, selectors.EVENT_READ, child)

    def reap(self, child: Child) -> int:
        """The judge's exit code, once it has ended, and nothing left running as its account."""
        code = child.reap()
        if child.account is not None:
            sandbox.end_processes_of(child.account)
        return code

    def stop(self, child: Child) -> None:
        """Watch its pipes no more (both, whichever are still watched: their numbers are reused)."""
        watched = self.selector.get_map()
        for fd in (child.ctrl_r, child.out_r):
            if fd in watched:
                self.selector.unregister(fd)
        child.open_fds.clear()
        self.running.remove(child)

    def done(self, job: Job) -> None:
        job.solo, job.finished_at = False, time.monotonic()
        self.finished.append(job)
        if self.on_done is not None:
            self.on_done(job)

    def grade_again(self, job: Job, solo: bool) -> None:
        if job in self.finished:
            self.finished.remove(job)
        job.start_over()
        job.solo = solo
        self.queue.appendleft(job)

    def files_changed(self, child: Child, again: bool) -> None:
        """Put the files back; charge the change or find out who made it; re-grade who saw it."""
        changed = self.files.changed()
        self.files.restore()
        others = list(self.running)
        since = min(c.started_at for c in [child, *others])
        for other in others:
            other.kill()
            self.stop(other)
            self.reap(other)
            other.discard()
        victims = [job for job in self.finished if job.finished_at >= since]
        if others:  # several ran at once: each is graded again alone
            for suspect in [child, *others]:
                self.grade_again(suspect.job, solo=True)
        else:
            child.job.tampered.update(changed)
            if again:
                self.queue.appendleft(child.job)
            else:
                self.done(child.job)
        for job in victims:
            self.grade_again(job, solo=False)


def charge_tampering(jobs: list[Job]) -> None:
    """A submission whose code changed grading files scores 0 on every exercise those files
    decide, in every job of that submission, with a message that says why."""
    for tamperer in [job for job in jobs if job.tampered]:
        files = sorted(tamperer.tampered)
        for job in jobs:
            if job.impl != tamperer.impl:
                continue
            names = [e.name for e in job.exercises]
            touched = set(sandbox.exercises_touched(files, names))
            if job is tamperer and len(names) == 1:  # the exercise whose code did it
                touched |= set(names)
            message = _(
                "Your code changed the grading files ({files}) while it was graded. Graded code must never "
                "write to the grader's files: this exercise scores 0, and the files were put back before "
                "anyone else was graded.",
                files=", ".join(files),
            )
            for name in sorted(touched):
                nodeids = [t["nodeid"] for t in job.tests if t["exercise"] == name]
                if not nodeids:
                    nodeid = f"tests/test_{name}.py"
                    job.tests.append(
                        {
                            "nodeid": nodeid,
                            "exercise": name,
                            "name": "could not be graded",
                            "points": job.exercise(name).points,
                            "visibility": "visible",
                        }
                    )
                    nodeids = [nodeid]
                for nodeid in nodeids:
                    printed = job.results[nodeid].output if nodeid in job.results else ""
                    job.decide(nodeid, False, message, printed, kind=FailureKind.ERROR)


def run_exercises(
    exercises: list[Exercise], impl: Path, *, timeout: float, jobs: int, hidden: bool = False
) -> dict[str, list[TestResult]]:
    """Grade the exercises of one tree, `jobs` judges side by side; results in manifest order."""
    work = [Job(group, impl, hidden=hidden, slow=any(e.slow for e in group)) for group in side_by_side(exercises, jobs)]
    run_grouped(work, timeout=timeout, parallel=jobs)
    return {name: results for job in work for name, results in job.results_by_exercise().items()}


def run_grouped(
    jobs: list[Job], *, timeout: float, parallel: int, on_done: Callable[[Job], None] | None = None
) -> None:
    """run_jobs for jobs of several exercises each. When the code of such a job changed grading
    files, its exercises are graded again one per judge, so that the change is charged to the
    exercise whose code made it and the others keep the points they earn."""
    run_jobs(jobs, timeout=timeout, parallel=parallel, on_done=on_done)
    for job in [job for job in jobs if job.tampered and len(job.exercises) > 1]:
        alone = [Job([e], job.impl, hidden=job.hidden, slow=e.slow) for e in job.exercises]
        run_jobs(alone, timeout=timeout, parallel=parallel)
        job.tests = [test for one in alone for test in one.tests]
        job.results = {nodeid: result for one in alone for nodeid, result in one.results.items()}
        job.tampered = set().union(*(one.tampered for one in alone))


def side_by_side(exercises: list[Exercise], parallel: int) -> list[list[Exercise]]:
    """The exercises each judge grades, in manifest order within each. Every judge costs a
    pytest start and a collection (about 0.1 s), so there are no more judges than run at once:
    an exercise that trains (slow) gets one of its own, the others are dealt out in turn to the
    rest. Each exercise still gets workers of its own (kata.engine.worker_client.RemoteTree.serve), and
    Hypothesis draws the same examples whatever is graded beside it (kata.testing.properties)."""
    slow = [[e] for e in exercises if e.slow]
    rest = [e for e in exercises if not e.slow]
    count = min(max(parallel - len(slow), 1), len(rest))
    return slow + [rest[i::count] for i in range(count)]
