"""A judge as the grading parent sees it: the process started (forked, or spawned as `python -m
kata.engine.judge`) for one job, its verdict pipe and its output pipe, and what follows when it
ends: the verdicts it streamed (kata.engine.events), and for the test it was running when it
crashed, exited or ran past its time, a verdict the parent writes itself.
"""

from __future__ import annotations

import atexit
import contextlib
import json
import os
import shutil
import signal
import stat
import subprocess
import tempfile
import time

from kata.core import launcher
from kata.core.manifest import exercise_of
from kata.core.results import FailureKind
from kata.core.untrusted import clean
from kata.engine import events, sandbox
from kata.engine.events import DoingBoard, Event
from kata.engine.job import Job
from kata.engine.processes import fork_running, spawn_module
from kata.engine.warm_start import clean_zygote
from kata.engine.worker_client import WORKER_START_LIMIT
from kata.i18n import _
from kata.testing.learner_errors import crash_message, describe_exit

OUTPUT_LIMIT = 4000  # bytes of printed output kept per test
_workdirs: set[str] = set()  # judges' folders not removed yet (removed at exit: see left_workdirs)
STARTUP_LIMIT = 120.0  # seconds a judge may take before its first test starts


def backstop(limit: float) -> float:
    """How long a test may run before the parent stops its judge: well past the judge's own
    wait for a stuck worker (the limit plus kata.engine.worker_client.GRACE)."""
    return limit * 1.5 + 2.0


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


class Judge:
    """A running judge process and what the parent knows of it."""

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
        self.workdir = tempfile.mkdtemp(prefix="kata-run-")
        _workdirs.add(self.workdir)
        if account is not None:  # its workers, unprivileged, make their own folders in here
            os.chown(self.workdir, account.uid, account.gid)
        self.proc: subprocess.Popen | None = None
        self.board: DoingBoard | None = None  # what a forked judge is doing (kata.engine.events)
        go_r: int | None = None
        self.go_w: int | None = None
        if ready:
            go_r, self.go_w = os.pipe()
        if use_fork:
            self.pid = self._fork(ctrl_w, out_w, close_fds, go_r)
        else:
            self.proc = self._spawn(ctrl_w, out_w)
            self.pid = self.proc.pid
        for fd in (ctrl_w, out_w, *([go_r] if go_r is not None else [])):
            os.close(fd)
        self.started_at = time.monotonic()
        self.ctrl_buffer = b""
        self.output = Output()
        self.current: str | None = None  # node id of the test running now
        self.current_since = 0.0
        self.worker_since: float | None = None  # when the judge began waiting for a new worker
        self.doing = ""  # what learner code was last asked to do, as a spawned judge's events say
        self.killed_for_timeout = False
        self.done = False
        self.collect_error = ""
        self.progress = False
        self.open_fds = {self.ctrl_r, self.out_r}
        self.slot = 0  # which of the side-by-side judges this is (picks its account)

    def _fork(self, ctrl_w: int, out_w: int, close_fds: list[int], go_r: int | None) -> int:
        """The judge, forked from this warm process; its pid. Its workers come from a zygote the
        clean zygote forks, never from this process, which holds the grading files' bytes and, in
        grade-all, classmates' results."""
        job = self.job
        zygote = clean_zygote().zygote_for_judge(trains=any(e.slow for e in job.exercises))
        self.board = board = DoingBoard()  # after the clean zygote was forked: no worker shares it

        def body() -> None:
            for fd in [self.ctrl_r, self.out_r, *close_fds, *([self.go_w] if self.go_w is not None else [])]:
                os.close(fd)
            os.dup2(out_w, 1)
            os.dup2(out_w, 2)
            os.close(out_w)
            signal.signal(signal.SIGINT, signal.SIG_DFL)
            from kata.engine.judge import judge_main

            judge_main(
                ctrl_w,
                str(job.impl),  # each worker grades a copy of its own (kata.engine.sandbox.own_folder)
                job.targets(),
                self.timeout,
                self.workdir,
                self.account,
                None,
                go_r,
                zygote.fileno(),
                board,
            )

        pid = fork_running(body)
        zygote.close()
        return pid

    def _spawn(self, ctrl_w: int, out_w: int) -> subprocess.Popen:
        """The judge as a fresh `python -m kata.engine.judge`, where fork is not available."""
        job, account = self.job, self.account
        spec = {
            "impl": str(job.impl),
            "targets": job.targets(),
            "timeout": self.timeout,
            "workdir": self.workdir,
            "account": [account.uid, account.gid, account.name] if account else None,
            "shown": None,
            "commands_impl": launcher.impl(),  # a fresh interpreter: the folder its hints' commands name
        }
        return spawn_module("kata.engine.judge", [json.dumps(spec), str(ctrl_w)], out_w, [ctrl_w])

    def go(self, job: Job) -> bool:
        """A judge started ahead of time takes on `job` (one like the job it was started for).
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
            self.worker_since = None
            self.current_timeout = float(event.get("timeout") or self.timeout)
            self.progress = True
        elif kind is Event.DOING:
            self.doing = event.get("what", "")
        elif kind is Event.WORKER:
            self.worker_started(bool(event.get("starting")))
        elif kind is Event.RESULT and self.current is not None and event.get("test") == self.current:
            self.read_output()  # everything printed before the verdict belongs to this test
            job.decide(
                self.current,
                bool(event.get("passed")),
                event.get("message", ""),
                self.output.take(),
                event.get("kind") or FailureKind.WRONG,
                event.get("stdout", ""),
            )
            self.job.results[self.current].seconds = time.monotonic() - self.current_since
            self.current = None
        elif kind is Event.DONE:
            self.done = True

    def worker_started(self, starting: bool) -> None:
        """A new worker's start (a spawned one imports torch: seconds on a slow machine) is not
        the learner's time: the test's clock stands still while the judge waits for it, as the
        judge's own clock does (kata.engine.worker_client.RemoteTree.ensure_worker)."""
        now = time.monotonic()
        if starting:
            self.worker_since = now
        elif self.worker_since is not None:
            self.current_since += now - self.worker_since
            self.worker_since = None

    # -- watching ----------------------------------------------------------------------
    def overdue(self, now: float) -> bool:
        """The backstop: a judge whose test runs well past its time limit is stopped. The test's
        own clock is kept in the judge and its worker (kata.engine.worker_client.request), which
        stop a looping worker long before this; what is left is a judge stuck itself. While a new
        worker starts, the start's own limit applies instead."""
        if self.worker_since is not None:
            return now - self.worker_since > backstop(WORKER_START_LIMIT)
        if self.current is not None:
            return now - self.current_since > backstop(self.current_timeout)
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
        """Drop a killed judge without deciding anything: its job is graded again."""
        for fd in (self.ctrl_r, self.out_r):
            os.close(fd)
        remove_workdir(self.workdir)
        if self.board is not None:
            self.board.close()

    def finish(self, exit_code: int) -> bool:
        """Decide what the judge left undecided. True when the job needs another judge."""
        job = self.job
        for fd in (self.ctrl_r, self.out_r):
            os.close(fd)
        remove_workdir(self.workdir)
        if not job.tests:  # it died before it could list the tests
            self._could_not_list(exit_code)
            return False
        if self.current is not None:
            self._decide_current(exit_code)
        if self.board is not None:
            self.board.close()
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

    def _could_not_list(self, exit_code: int) -> None:
        """One failed test per exercise, saying why its tests could not run."""
        job = self.job
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

    def _decide_current(self, exit_code: int) -> None:
        """The test running when the judge crashed, exited or was stopped for its time fails,
        and so does every test an import that never ends would stop again."""
        job, current = self.job, self.current
        assert current is not None
        doing = (self.board.read() if self.board is not None else self.doing) or _("the test")
        if self.killed_for_timeout:
            message = _(
                "{doing} timed out after {seconds} s and was stopped. Look for a loop that never ends, "
                "or work far larger than the exercise needs.",
                doing=doing,
                seconds=f"{self.current_timeout:g}",
            )
        else:
            message = crash_message(exit_code, doing)
        job.decide(current, False, message, self.output.take())
        if doing.startswith("import "):  # it would happen again in every test of that module
            module = doing.removeprefix("import ")
            for nodeid in job.undecided():
                if exercise_of(nodeid) == module:
                    job.decide(nodeid, False, message)


def remove_workdir(path: str) -> None:
    """A judge's folder, removed; a folder in it that graded code made read-only is made writable
    first (where the grader is not root, a file in it outlived the grade: attack 11, finding 5),
    through descriptors that follow no link."""
    shutil.rmtree(path, ignore_errors=True)
    if os.path.lexists(path):
        with contextlib.suppress(OSError):
            _make_writable(path)
        shutil.rmtree(path, ignore_errors=True)
    _workdirs.discard(path)


def _make_writable(path: str) -> None:
    """Each folder under path (never a link: only the grader's user, whose code made them, could
    race it, and it gains nothing) given back its owner's rights, top-down, before it is read."""
    os.chmod(path, 0o700)
    for _root, dirs, _files, root_fd in os.fwalk(path):
        for name in dirs:
            with contextlib.suppress(OSError):
                if stat.S_ISDIR(os.lstat(name, dir_fd=root_fd).st_mode):
                    os.chmod(name, 0o700, dir_fd=root_fd)


def left_workdirs(owner: int = os.getpid()) -> None:
    """At exit: the folders of judges never finished or discarded, which a grade or watch stopped
    while a judge started (Ctrl-C, a hang-up, SIGTERM) leaves; in the process that made them only
    (a forked judge inherits the set, and never runs this)."""
    if os.getpid() == owner:
        for path in list(_workdirs):
            remove_workdir(path)


atexit.register(left_workdirs)
