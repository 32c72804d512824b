"""Runs each exercise's tests in its own judge process and watches it.

Why a process per exercise: learner code may crash the interpreter (segfault, abort),
end it (sys.exit, os._exit), hang inside a C call, or flood the output. The parent outlives
all of that: it records each verdict as the judge streams it, kills a judge whose test runs
past its time, and re-runs the tests a dead judge did not reach in a fresh judge. Forking
from a parent that has imported torch (but not touched CUDA) makes a judge cheap.

Here: which judges run when, the files checked after each, the tamper charge. What a job is:
kata.engine.job; one judge as the parent sees it: kata.engine.judge_process; the parent's warm
imports and the judges `make watch` keeps ready: kata.engine.warm_start.
"""

from __future__ import annotations

import os
import selectors
import time
from collections import deque
from collections.abc import Callable
from pathlib import Path

from kata.core.manifest import Exercise
from kata.core.results import FailureKind, TestResult
from kata.engine import accounts, sandbox
from kata.engine.grading_files_check import GradingFiles
from kata.engine.job import Job
from kata.engine.judge_process import Judge
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
    """Run every job, `parallel` judges at a time; a job whose judge died is run on from where
    it stopped. on_done(job) is called as each job finishes (for a progress bar). A job that a
    judge in `ready` waits for is given to it.

    After every judge the grading files are compared with their pristine bytes. A change is
    written back at once; when one judge ran alone it made the change, which is charged to its
    job; when several ran, each of them is graded again alone to find out which. Jobs graded
    while the files were changed are graded again from the pristine files."""
    Run(jobs, timeout=timeout, parallel=parallel, on_done=on_done, ready=ready).until_done()
    charge_tampering(jobs)


EXITING: list[int] = []  # judges that said they were done and may still be exiting: reaped later


def said_done(judge: Judge) -> bool:
    """A forked judge of no other account that said it is done: it says so only after its worker
    was stopped and reaped, so its verdicts and the grading files can be taken at once. Its own
    exit (letting go of torch's memory) took about 10 ms more, on every job; it is reaped later."""
    return judge.done and judge.account is None and judge.proc is None


def reap_exited() -> None:
    """Reap the judges that have exited since they said they were done."""
    for pid in list(EXITING):
        try:
            ended, _status = os.waitpid(pid, os.WNOHANG)
        except ChildProcessError:
            ended = pid
        if ended:
            EXITING.remove(pid)


class Run:
    """One call of run_jobs: the jobs still to start, the judges running, the jobs finished."""

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
            clean_zygote()  # before the grading files are read below; it warms up while this process does
            prepare_parent(trains=any(e.slow for job in jobs for e in job.exercises))
        self.account = sandbox.drop_plan()[0] if self.use_fork else None
        self.files = GradingFiles()
        self.queue = deque(sorted(jobs, key=lambda job: not job.slow))  # slow ones first, order otherwise kept
        self.running: list[Judge] = []
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
            for judge in self.running:
                judge.kill()
                self.reap(judge)
                judge.discard()

    def start_what_fits(self) -> None:
        """Judges up to `parallel`; a job graded alone (solo) runs with no other."""
        queue, running = self.queue, self.running
        while queue and len(running) < self.parallel and not any(c.job.solo for c in running):
            if queue[0].solo and running:
                break
            self.start(queue.popleft())

    def read_what_came(self) -> None:
        for key, _mask in self.selector.select(timeout=0.2):
            judge = key.data
            if key.fd == judge.out_r:
                judge.read_output()
            else:
                judge.read_ctrl()
            if key.fd not in judge.open_fds:
                self.selector.unregister(key.fd)

    def end_what_ended(self) -> None:
        """Kill judges past their time; decide what ended judges left, then check the files."""
        now = time.monotonic()
        for judge in list(self.running):
            if judge not in self.running:  # stopped while another judge's change was handled
                continue
            if judge.overdue(now):
                judge.kill()
            exiting = judge.ctrl_r in judge.open_fds and said_done(judge)
            if judge.ctrl_r in judge.open_fds and not judge.killed_for_timeout and not exiting:
                continue
            # Its verdict pipe has closed: the judge has ended (or it said it is done, its worker
            # already ended: see said_done). Its output pipe may still be held open by a process
            # graded code left behind: take what is there, wait no longer.
            self.stop(judge)
            judge.read_output(most=1 << 20)
            if exiting:
                EXITING.append(judge.pid)
            again = judge.finish(0 if exiting else self.reap(judge))
            if self.files.changed():
                self.files_changed(judge, again)
            elif again:
                self.queue.appendleft(judge.job)
            else:
                self.done(judge.job)

    def start(self, job: Job) -> None:
        reap_exited()  # judges that said they were done, since they exited: no zombie outlives a batch
        ready, running = self.ready, self.running
        others = [fd for judge in running for fd in judge.open_fds] + (ready.fds() if ready else [])
        used = {judge.slot for judge in running}
        slot = next(i for i in range(len(running) + 1) if i not in used)
        judge = ready.take(job) if ready is not None else None
        if ready is not None and judge is not None and not judge.go(job):
            ready.drop(judge)  # it was no longer there to take the job
            judge = None
        if judge is None:
            account = accounts.slot_account(self.account, slot) if self.account else None
            judge = Judge(job, self.timeout, self.use_fork, others, account)
        judge.slot = slot
        running.append(judge)
        for fd in judge.open_fds:
            self.selector.register(fd, selectors.EVENT_READ, judge)

    def reap(self, judge: Judge) -> int:
        """The judge's exit code, once it has ended, and nothing left running as its account."""
        code = judge.reap()
        if judge.account is not None:
            accounts.end_left_behind(judge.account)
        return code

    def stop(self, judge: Judge) -> None:
        """Watch its pipes no more (both, whichever are still watched: their numbers are reused)."""
        watched = self.selector.get_map()
        for fd in (judge.ctrl_r, judge.out_r):
            if fd in watched:
                self.selector.unregister(fd)
        judge.open_fds.clear()
        self.running.remove(judge)

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

    def files_changed(self, judge: Judge, again: bool) -> None:
        """Put the files back; charge the change or find out who made it; re-grade who saw it."""
        changed = self.files.changed()
        self.files.restore()
        others = list(self.running)
        since = min(c.started_at for c in [judge, *others])
        for other in others:
            other.kill()
            self.stop(other)
            self.reap(other)
            other.discard()
        victims = [job for job in self.finished if job.finished_at >= since]
        if others:  # several ran at once: each is graded again alone
            for suspect in [judge, *others]:
                self.grade_again(suspect.job, solo=True)
        else:
            judge.job.tampered.update(changed)
            if again:
                self.queue.appendleft(judge.job)
            else:
                self.done(judge.job)
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
