"""Runs each exercise's tests in its own child process and watches it.

Why a process per exercise: learner code may crash the interpreter (segfault, abort),
end it (sys.exit, os._exit), hang inside a C call, or flood the output. The parent outlives
all of that: it records each verdict as the child streams it, kills a child whose test runs
past its time, and re-runs the tests a dead child did not reach in a fresh child. Forking
from a parent that has imported torch (but not touched CUDA) makes a child cheap.
"""

from __future__ import annotations

import atexit
import json
import os
import selectors
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from kata import HIDDEN_DIR, ROOT
from kata.core.manifest import Exercise, exercise_of
from kata.core.results import TestResult
from kata.core.untrusted import clean
from kata.engine import events, hang, sandbox
from kata.engine.events import Event
from kata.engine.zygote import CleanZygote, fork_available
from kata.i18n import _
from kata.testing.remote import describe_exit

OUTPUT_LIMIT = 4000  # bytes of printed output kept per test
STARTUP_LIMIT = 120.0  # seconds a child may take before its first test starts


@dataclass(eq=False)  # jobs are told apart by identity, never by their fields
class Job:
    """Exercises graded together in one child at a time: their tests, what is decided, and what
    still has to run. `make test` makes one job per exercise; batch grading one per submission."""

    exercises: list[Exercise]
    impl: Path
    hidden: bool = False  # also run hidden_tests/ (instructor grading)
    slow: bool = False
    tests: list[dict] = field(default_factory=list)
    results: dict[str, TestResult] = field(default_factory=dict)
    pending: list[str] | None = None  # node ids still to run; None: the whole files
    hung: list[dict] = field(default_factory=list)  # functions a killed child hung in (kata.engine.hang)
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
        self, nodeid: str, passed: bool, message: str, output: str = "", kind: str = "error", stdout: str = ""
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


class Output:
    """Printed output of the current test: the first OUTPUT_LIMIT bytes kept, the rest counted."""

    def __init__(self) -> None:
        self.kept = bytearray()
        self.dropped = 0

    def add(self, data: bytes) -> None:
        room = OUTPUT_LIMIT - len(self.kept)
        self.kept += data[: max(room, 0)]
        self.dropped += max(len(data) - max(room, 0), 0)

    def take(self) -> str:
        text = clean(self.kept.decode("utf-8", errors="replace"))
        if self.dropped:
            text += "\n" + _(
                "[... output cut: {count} more bytes were printed and not kept]", count=f"{self.dropped:,}"
            )
        self.kept, self.dropped = bytearray(), 0
        return text


class Child:
    """A running child process and what the parent knows of it."""

    def __init__(
        self,
        job: Job,
        timeout: float,
        use_fork: bool,
        close_fds: list[int],
        account: sandbox.Account | None = None,
        ready: bool = False,
    ) -> None:
        """`ready`: start it ahead of time; it waits before its first test until `go` (fork only)."""
        self.job = job
        self.account = account
        self.timeout = timeout
        self.current_timeout = timeout
        self.ctrl_r, ctrl_w = os.pipe()
        self.out_r, out_w = os.pipe()
        os.set_blocking(self.out_r, False)
        targets = job.targets()
        self.workdir = tempfile.mkdtemp(prefix="kata-run-")
        impl, shown = job.impl, None  # each worker grades a copy of its own (kata.engine.sandbox.own_folder)
        if account is not None:  # its workers, unprivileged, make their own folders in here
            os.chown(self.workdir, account.uid, account.gid)
        self.proc: subprocess.Popen | None = None
        go_r, self.go_w = os.pipe() if ready else (None, None)
        if use_fork:
            # Its workers come from a zygote the clean zygote forks, never from this process,
            # which holds the grading files' bytes and, in grade-all, classmates' results.
            zygote = clean_zygote().zygote_for_judge(trains=any(e.slow for e in job.exercises))
            self.pid = os.fork()
            if self.pid == 0:  # the child
                code = 70
                try:
                    for fd in [self.ctrl_r, self.out_r, *close_fds, *([self.go_w] if ready else [])]:
                        os.close(fd)
                    os.dup2(out_w, 1)
                    os.dup2(out_w, 2)
                    os.close(out_w)
                    signal.signal(signal.SIGINT, signal.SIG_DFL)
                    from kata.engine.child import child_main

                    child_main(
                        ctrl_w,
                        str(impl),
                        targets,
                        timeout,
                        self.workdir,
                        account,
                        shown,
                        job.hung,
                        go_r,
                        zygote.fileno(),
                    )
                    code = 0
                finally:
                    os._exit(code)
            zygote.close()
        else:
            spec = json.dumps(
                {
                    "impl": str(impl),
                    "targets": targets,
                    "timeout": timeout,
                    "workdir": self.workdir,
                    "account": [account.uid, account.gid, account.name] if account else None,
                    "shown": shown,
                    "hung": job.hung,
                }
            )
            self.proc = subprocess.Popen(
                [sys.executable, "-m", "kata.engine.child", spec, str(ctrl_w)],
                stdout=out_w,
                stderr=out_w,
                pass_fds=[ctrl_w],
                cwd=ROOT,
                env={
                    **os.environ,
                    "PYTHONPATH": str(ROOT),
                    "PYTHONDONTWRITEBYTECODE": "1",
                },
            )
            self.pid = self.proc.pid
        os.close(ctrl_w)
        os.close(out_w)
        if go_r is not None:
            os.close(go_r)
        self.started_at = time.monotonic()
        self.ctrl_buffer = b""
        self.output = Output()
        self.current: str | None = None  # node id of the test running now
        self.current_since = 0.0
        self.doing = ""  # what learner code was last asked to do
        self.killed_for_timeout = False
        self.done = False
        self.collect_error = ""
        self.progress = False
        self.open_fds = {self.ctrl_r, self.out_r}
        self.slot = 0  # which of the side-by-side children this is (picks its account)

    def go(self, job: Job) -> bool:
        """A child started ahead of time takes on `job` (one like the job it was started for).
        False when it is no longer there to take it."""
        self.job, self.started_at = job, time.monotonic()
        if self.go_w is None:
            return True
        try:
            os.write(self.go_w, b"g")
        except OSError:
            return False
        os.close(self.go_w)
        self.go_w = None
        return True

    def fds(self) -> list[int]:
        return [*self.open_fds, *([self.go_w] if self.go_w is not None else [])]

    # -- reading -----------------------------------------------------------------------
    def read_output(self, most: int | None = None) -> None:
        """What is in the output pipe now (at most `most` bytes: a writer may never stop)."""
        taken = 0
        while most is None or taken < most:
            try:
                data = os.read(self.out_r, 65536)
            except BlockingIOError:
                return
            if not data:
                self.open_fds.discard(self.out_r)
                return
            self.output.add(data)
            taken += len(data)

    def read_ctrl(self) -> None:
        data = os.read(self.ctrl_r, 65536)
        if not data:
            self.open_fds.discard(self.ctrl_r)
            return
        self.ctrl_buffer += data
        *lines, self.ctrl_buffer = self.ctrl_buffer.split(b"\n")
        for line in lines:
            decoded = events.decode(line)
            if decoded is not None:
                self.handle(*decoded)

    def handle(self, kind: Event, event: dict) -> None:
        """One event of the judge's (kata.engine.events)."""
        job = self.job
        if kind is Event.COLLECTED:
            if not job.tests:
                job.tests = event["tests"]
        elif kind is Event.COLLECT_ERROR:
            self.collect_error = event.get("message", "")
        elif kind is Event.START:
            self.current, self.current_since, self.doing = event["test"], time.monotonic(), ""
            self.current_timeout = float(event.get("timeout") or self.timeout)
            self.progress = True
        elif kind is Event.DOING:
            self.doing = event.get("what", "")
        elif kind is Event.RESULT and event.get("test") == self.current:
            self.read_output()  # everything printed before the verdict belongs to this test
            job.decide(
                self.current,
                bool(event.get("passed")),
                event.get("message", ""),
                self.output.take(),
                event.get("kind") or "wrong",
                event.get("stdout", ""),
            )
            self.job.results[self.current].seconds = time.monotonic() - self.current_since
            self.current = None
        elif kind is Event.DONE:
            self.done = True

    # -- watching ----------------------------------------------------------------------
    def overdue(self, now: float) -> bool:
        if self.current is not None:
            limit = self.current_timeout
            return now - self.current_since > limit + max(2.0, limit * 0.5)
        return not self.progress and now - self.started_at > STARTUP_LIMIT

    def kill(self) -> None:
        self.killed_for_timeout = self.current is not None
        try:
            os.kill(self.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass

    def reap(self) -> int:
        if self.proc is not None:
            return self.proc.wait()
        _, status = os.waitpid(self.pid, 0)
        return os.waitstatus_to_exitcode(status)

    def discard(self) -> None:
        """Drop a killed child without deciding anything: its job is graded again."""
        for fd in (self.ctrl_r, self.out_r):
            os.close(fd)
        shutil.rmtree(self.workdir, ignore_errors=True)

    def finish(self, exit_code: int) -> bool:
        """Decide what the child left undecided. True when the job needs another child."""
        job = self.job
        for fd in (self.ctrl_r, self.out_r):
            os.close(fd)
        shutil.rmtree(self.workdir, ignore_errors=True)
        if not job.tests:  # the child died before it could list the tests
            detail = self.collect_error or describe_exit(exit_code)
            output = self.output.take()
            for exercise in job.exercises:
                nodeid = f"tests/test_{exercise.name}.py"
                job.tests.append(
                    {
                        "nodeid": nodeid,
                        "exercise": exercise.name,
                        "name": "could not be graded",
                        "points": exercise.points,
                        "visibility": "visible",
                    }
                )
                job.decide(
                    nodeid,
                    False,
                    _("The tests of {name} could not run: {detail}", name=exercise.name, detail=detail),
                    output,
                )
            return False
        if self.current is not None:
            doing = self.doing or _("the test")
            if self.killed_for_timeout:
                message = _(
                    "{doing} timed out after {seconds} s and was stopped. Look for a loop that never ends, "
                    "or work far larger than the exercise needs.",
                    doing=doing,
                    seconds=f"{self.current_timeout:g}",
                )
            else:
                message = _(
                    "The test process {how} while running {doing}. Never a pass: graded code must return its "
                    "result, not end or crash the program (remove sys.exit, os._exit, os.abort, exit(), or ctypes tricks).",
                    how=describe_exit(exit_code),
                    doing=doing,
                )
            job.decide(self.current, False, message, self.output.take())
            function = hang.from_label(self.doing) if self.killed_for_timeout else None
            if function is not None:  # the next child fails its calls at once
                test = job.info(self.current)
                job.hung.append(hang.Hung(*function, test["name"], self.current_timeout, test["exercise"]).as_dict())
            if doing.startswith("import "):  # it would happen again in every test of that module
                module = doing.removeprefix("import ")
                for nodeid in job.undecided():
                    if exercise_of(nodeid) == module:
                        job.decide(nodeid, False, message)
        remaining = job.undecided()
        if not remaining:
            return False
        if not self.progress:
            for nodeid in remaining:
                job.decide(
                    nodeid,
                    False,
                    _("Not run: the test process {how} before this test started.", how=describe_exit(exit_code)),
                )
            return False
        job.pending = remaining
        return True


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


def prepare_parent(trains: bool = False) -> None:
    """Import what every child needs once, here, so forked children start warm, and freeze the
    heap so children neither copy it (copy-on-write) nor garbage-collect through it. `trains`:
    an exercise graded trains a model (ex07), whose first optimizer step imports torch._dynamo."""
    import gc
    import importlib

    import pytest  # noqa: F401
    from _pytest.config import default_plugins

    for name in default_plugins:
        try:
            importlib.import_module(f"_pytest.{name}")
        except ImportError:
            pass
    import pytest_timeout  # noqa: F401

    import kata.engine.child  # noqa: F401
    import kata.engine.plugin  # noqa: F401
    import kata.engine.worker  # noqa: F401 - the judges' zygotes fork workers from this state

    warm_meta_device()
    import kata.testing.properties  # noqa: F401 - Hypothesis with the kata's profile, once, here

    if trains:
        import_dynamo_once()
    gc.freeze()  # no collect first: what is garbage now costs memory, not time
    gc.enable()  # `python -m kata` imports with it off (kata/__main__.py); judges and workers collect as usual


_clean: CleanZygote | None = None


def warm_up_before_grading(trains: bool) -> None:
    """Warm this process and fork the clean zygote now, before the caller has learnt anything
    about whom it grades (grade-all: before it lists the class)."""
    if fork_available():
        prepare_parent(trains=trains)
        clean_zygote()


def clean_zygote() -> CleanZygote:
    """The clean zygote, forked on first use (kata.engine.zygote): warm, and before anything was
    graded or any grading file read in this process."""
    global _clean
    if _clean is None:
        _clean = CleanZygote.start(warm=import_dynamo_once)
    return _clean


def import_dynamo_once() -> None:
    """torch.optim's first step imports torch._dynamo (about 1.5 s): import it once, here, before
    any child is forked. It makes its cache folder as it is imported: in a folder of the grader's
    own, removed when the grader ends, never in the caller's temporary folder."""
    if "TORCHINDUCTOR_CACHE_DIR" not in os.environ:
        cache = tempfile.mkdtemp(prefix="kata-torch-cache-")
        os.environ["TORCHINDUCTOR_CACHE_DIR"] = cache
        atexit.register(shutil.rmtree, cache, True)
    import torch._dynamo  # noqa: F401


def warm_meta_device() -> None:
    """The first RNN on PyTorch's meta device loads torch's meta kernels (a few tenths of a
    second): once here, not in every judge and worker. Without torch._dynamo (see
    kata.testing.device.meta_without_dynamo)."""
    import torch

    from kata.testing.device import meta_without_dynamo

    meta_without_dynamo()
    rnn = torch.nn.RNN(2, 3, batch_first=True, device="meta")
    with torch.no_grad():
        rnn(torch.zeros(1, 2, 2, device="meta"))
    meta_without_dynamo()  # what that first RNN loaded too, so that no forked worker walks it again


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
                    job.decide(nodeid, False, message, printed, kind="error")


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
    rest. Each exercise still gets workers of its own (kata.testing.remote.RemoteTree.serve), and
    Hypothesis draws the same examples whatever is graded beside it (kata.testing.properties)."""
    slow = [[e] for e in exercises if e.slow]
    rest = [e for e in exercises if not e.slow]
    count = min(max(parallel - len(slow), 1), len(rest))
    return slow + [rest[i::count] for i in range(count)]
