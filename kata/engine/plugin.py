"""The pytest plugin: the --impl option, the `learner` and `device` fixtures, the points,
visibility and worker_rules markers, and (in a judge) a reporter that streams each verdict to the parent.
"""

from __future__ import annotations

import inspect
import os
import random
import shutil
import socket
import sys
import tempfile
from collections.abc import Callable, Generator
from contextlib import suppress
from pathlib import Path

import numpy as np
import pytest
import torch
from _pytest.outcomes import Failed

from kata import EXERCISES_DIR
from kata.core import launcher
from kata.core.manifest import exercise_of, load_manifest
from kata.core.results import FailureKind
from kata.core.settings import settings
from kata.engine import hang
from kata.engine.events import Event
from kata.engine.worker_client import RemoteTree
from kata.engine.zygote import Spawner, Zygote, fork_available
from kata.i18n import _, parameter_id
from kata.testing import activity, calls, outcomes, properties  # noqa: F401 - properties loads the Hypothesis profile
from kata.testing.device import configure_numerics, meta_without_dynamo, pick_device, seed
from kata.testing.learner_errors import WorkerTimedOut
from kata.testing.outcomes import CodeCouldNotRun, HungBefore, NotWrittenYet
from kata.testing.remote import ImportFailed, LearnerModule, worker_rules
from kata.testing.tracebacks import innermost_learner_function
from kata.testing.ways_out import untrusted

IMPL_DIR = pytest.StashKey[Path]()
TIMEOUT_MARK = "from pytest-timeout"


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("kata")
    group.addoption(
        "--impl",
        default=str(EXERCISES_DIR),
        help="folder of exercise files to grade (default: exercises/). Write it as --impl=DIR.",
    )


WORKER, WORKDIR = pytest.StashKey[RemoteTree](), pytest.StashKey[str]()
# How a judge sets up its workers (kata.engine.judge): where they write, as whom, names, time. Plain pytest: defaults.
_worker_setup: dict = {}


def set_worker_setup(setup: dict) -> None:
    _worker_setup.clear()
    _worker_setup.update(setup)


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "points(n): what this test is worth (default: the manifest's points)")
    config.addinivalue_line("markers", "visibility(v): visible, hidden, after_due_date or after_published")
    config.addinivalue_line("markers", "worker_rules(*names): rules the worker applies around the test's calls")
    config.addinivalue_line("markers", "timeout(seconds): this test's time limit, where it needs more than the run's")
    config.addinivalue_line("markers", "shares(fixture): `make watch` grades it with the tests that use it")
    impl = Path(config.getoption("impl")).resolve()
    config.stash[IMPL_DIR] = impl
    configure_numerics()
    meta_without_dynamo()  # already done in a forked judge: a few milliseconds
    calls.set_graded_root(impl)
    # Before any test module is collected: the zygote forked here holds no graded test.
    workdir = _worker_setup.get("workdir") or tempfile.mkdtemp(prefix="kata-worker-")
    config.stash[WORKDIR] = "" if _worker_setup.get("workdir") else workdir
    given = _worker_setup.get("zygote_fd")
    if given is not None:  # forked for this judge by the grader's clean zygote
        spawner: Zygote | Spawner = Zygote(socket.socket(fileno=int(given)), 0)
    else:
        spawner = Zygote.start() if fork_available() else Spawner()
    config.stash[WORKER] = RemoteTree(
        spawner,
        {
            "impl": str(impl),
            "shown": _worker_setup.get("shown"),
            "workdir": workdir,
            "account": _worker_setup.get("account"),
            "commands_impl": launcher.impl(),  # a spawned worker's hints name the folder as a forked one's do
            "confine": settings().confine,  # decided before this judge, maybe after the clean zygote
        },
        out_fd=1,
    )


def pytest_unconfigure(config: pytest.Config) -> None:
    tree = config.stash.get(WORKER, None)
    if tree is not None:
        tree.close()
        tree.spawner.close()
    if config.stash.get(WORKDIR, ""):
        shutil.rmtree(config.stash[WORKDIR], ignore_errors=True)


def learner_time_limit(config: pytest.Config) -> float | None:
    """The learner's time limit per test: the grader's, else (plain pytest) pytest-timeout's
    setting, which then also runs its own clock in this process."""
    limit = _worker_setup.get("limit")
    if not limit:
        try:
            limit = config.getini("timeout")
        except ValueError:  # pytest-timeout not loaded
            limit = None
    return float(limit) if limit else None


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item: pytest.Item) -> Generator[None, None, None]:
    """@pytest.mark.worker_rules("no_builtin_rnn"): the rules hold while the test's body runs."""
    names = [str(name) for marker in item.iter_markers("worker_rules") for name in marker.args]
    with worker_rules(*names):
        return (yield)


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item: pytest.Item) -> None:
    tree = item.config.stash[WORKER]
    tree.serve(exercise_of(item.nodeid))
    tree.start_test(time_limit_of(item, learner_time_limit(item.config)))


def pytest_report_header(config: pytest.Config) -> str:
    return f"kata: grading {config.stash[IMPL_DIR]} on {pick_device()}, torch {torch.__version__}"


@pytest.fixture(scope="session")
def learner(pytestconfig: pytest.Config) -> Callable[[str], LearnerModule]:
    """learner("ex02_batch"): that exercise as the worker imported it, or a failure saying why not."""
    tree = pytestconfig.stash[WORKER]

    def load(name: str) -> LearnerModule:
        activity.note(f"import {name}")
        try:
            return tree.load(name)
        except ImportFailed as error:
            outcomes.fail_could_not_run(str(error))

    return load


@pytest.fixture(scope="session")
def device() -> torch.device:
    return torch.device(pick_device())


@pytest.fixture(autouse=True)
def _seeded() -> None:
    """Every test starts from the same random state: nothing flaky."""
    random.seed(0)
    np.random.seed(0)
    seed(0)


_points_by_exercise: dict[str, float] | None = None


def describe_test(item: pytest.Item) -> dict:
    """What the report needs to know about a test, before and without running it."""
    global _points_by_exercise
    if _points_by_exercise is None:
        _points_by_exercise = {e.name: e.points for e in load_manifest()}
    exercise = exercise_of(item.nodeid)
    points = item.get_closest_marker("points")
    visibility = item.get_closest_marker("visibility")
    doc = inspect.getdoc(getattr(item, "function", None)) or ""
    title = _(doc.splitlines()[0].rstrip(".")) if doc else getattr(item, "originalname", item.name)
    callspec = getattr(item, "callspec", None)
    if callspec is not None:  # each parameter's id in the learner's language ("[note-e]", "[노트 e]")
        ids = getattr(callspec, "_idlist", None) or [callspec.id]
        title += " [" + "-".join(parameter_id(i) for i in ids) + "]"
    return {
        "nodeid": item.nodeid,
        "exercise": exercise,
        "name": title,
        "points": float(points.args[0]) if points else _points_by_exercise.get(exercise, 1.0),
        # Instructor-only tests are shown once the due date passes unless marked otherwise: a
        # "hidden" test hides the student's total score on Gradescope as long as it exists.
        "visibility": visibility.args[0] if visibility else ("after_due_date" if is_hidden_test(item) else "visible"),
        "shares": shared_fixtures(item),
    }


def shared_fixtures(item: pytest.Item) -> list[str]:
    """The fixtures of the test's own file, set up once for all the tests of the file that use
    them (module scope), and those it is marked to share (@pytest.mark.shares): `make watch` keeps
    those tests in one judge (kata.learner.watch.split_tests)."""
    definitions = getattr(getattr(item, "_fixtureinfo", None), "name2fixturedefs", None) or {}
    module = item.nodeid.split("::")[0]
    own = [
        n for n, d in definitions.items() if d and d[-1].scope == "module" and getattr(d[-1], "baseid", "") == module
    ]
    return sorted({*own, *(str(name) for marker in item.iter_markers("shares") for name in marker.args)})


def is_hidden_test(item: pytest.Item) -> bool:
    return Path(str(item.path)).parent.name == "hidden_tests"


def time_limit_of(item: pytest.Item, default: float | None) -> float | None:
    """A test's time limit: @pytest.mark.timeout(N) where a test needs more, else the run's."""
    marker = item.get_closest_marker("timeout")
    if marker is not None and marker.args:
        return float(marker.args[0])
    return default


def failure_kind(call: pytest.CallInfo) -> FailureKind:
    """stub (still NotImplementedError), error (the code could not run, or ran out of time), or
    wrong (it ran and gave a wrong answer)."""
    excinfo = call.excinfo
    if excinfo is None:
        return FailureKind.WRONG
    if excinfo.errisinstance(NotWrittenYet):
        return FailureKind.STUB
    if excinfo.errisinstance((CodeCouldNotRun, HungBefore)) or timed_out(call):
        return FailureKind.ERROR
    return FailureKind.WRONG


def _kata_failure_inside(error: BaseException) -> Failed | None:
    """The first kata failure inside an exception group (as Hypothesis raises for a flaky test)."""
    inner_errors = getattr(error, "exceptions", None)  # an exception group (a backport on Python 3.10)
    if isinstance(inner_errors, tuple):
        for inner in inner_errors:
            found = inner if isinstance(inner, Failed) else _kata_failure_inside(inner)
            if found is not None:
                return found
    return None


def found_by_hypothesis(item: pytest.Item) -> bool:
    return bool(getattr(getattr(item, "obj", None), "is_hypothesis_test", False))


def timed_out(call: pytest.CallInfo) -> bool:
    return call.excinfo is not None and TIMEOUT_MARK in str(getattr(call.excinfo.value, "msg", ""))


def remember_hang(item: pytest.Item, error: BaseException, seconds: float | None) -> None:
    """The learner function a timed-out test was stuck in fails at once in the tests still to come."""
    root = str(item.config.stash[IMPL_DIR])
    found = error.hung_function if isinstance(error, WorkerTimedOut) else None
    found = found or innermost_learner_function(error, root)
    found = found or hang.from_label(activity.current())
    if found is not None:
        test = describe_test(item)
        hung = hang.Hung(found[0], found[1], test["name"], seconds or 0.0, test["exercise"])
        item.config.stash[WORKER].record_hang(hung.as_dict())


def failure_message(call: pytest.CallInfo, timeout: float | None) -> str:
    """The learner-facing text of a failed phase: our own messages pass through as they are."""
    excinfo = call.excinfo
    if excinfo is None:
        return ""
    inner = _kata_failure_inside(excinfo.value)
    if inner is not None:  # Hypothesis groups a failure it could not reproduce: show ours
        return str(inner.msg)
    if isinstance(excinfo.value, Failed):
        text = str(excinfo.value.msg)
        if TIMEOUT_MARK in text:
            error = excinfo.value
            if isinstance(error, WorkerTimedOut) and error.hung_function and error.hung_line:
                return _(
                    "{doing} timed out after {seconds} s. {function} was still running at line {line} when it "
                    "was stopped: look there for a loop that never ends (a `while` whose condition never "
                    "becomes false), or work that is far too large.",
                    doing=activity.current() or _("the test"),
                    seconds=f"{timeout:g}" if timeout else "?",
                    function=".".join(error.hung_function),
                    line=error.hung_line,
                )
            return _(
                "{doing} timed out after {seconds} s. Look for a loop that never ends "
                "(a `while` whose condition never becomes false), or work that is far too large.",
                doing=activity.current() or _("the test"),
                seconds=f"{timeout:g}" if timeout else "?",
            )
        return text
    entry = excinfo.traceback[-1]
    where = " " + _("({file}, line {line})", file=Path(str(entry.path)).name, line=entry.lineno + 1)
    crash = f"{excinfo.typename}: {excinfo.value}{where}"
    return calls.explain_test_crash(excinfo.value, crash) or crash


class Stream:
    """Sends each test's verdict to the grading parent as it happens (one JSON line each),
    so a crash or a hang later in the run loses nothing already decided."""

    def __init__(
        self,
        send: Callable[..., None],
        timeout: float | None,
        go_fd: int | None = None,
        doing: Callable[[str], None] | None = None,
    ) -> None:
        """`doing`: where each call to learner code is noted (a forked judge's DoingBoard), else a DOING event."""
        self.send = send
        self.go_fd = go_fd
        self.config: pytest.Config | None = None
        self.timeout = timeout
        self.current_timeout = timeout
        self.failed: dict[str, str] = {}
        self.passed: set[str] = set()
        self.kinds: dict[str, FailureKind] = {}  # why each failed test failed
        activity.set_sink(doing or (lambda what: send(Event.DOING, what=what)))

    def pytest_configure(self, config: pytest.Config) -> None:
        self.config = config

    def pytest_collection_finish(self, session: pytest.Session) -> None:
        if (tree := self.config.stash.get(WORKER, None) if self.config else None) is not None:  # for the backstop
            tree.on_worker = lambda starting: self.send(Event.WORKER, starting=starting)
        if self.go_fd is not None:
            self.wait_for_go(session)
        self.send(Event.COLLECTED, tests=[describe_test(item) for item in session.items])

    def wait_for_go(self, session: pytest.Session) -> None:
        """A judge started ahead of time: everything up to the learner's code is done (tests
        collected, its worker forked), then it waits. Its worker copies the files (own_folder) only
        after the go: one that copied them before graded the file as it was before the save (watch
        showed each save the verdict of the one before)."""
        tree = self.config.stash[WORKER] if session.items and self.config is not None else None
        if tree is not None:
            tree.serve(exercise_of(session.items[0].nodeid))
            tree.start_early()
        assert self.go_fd is not None
        try:
            go = os.read(self.go_fd, 1)
        except OSError:
            go = b""
        if not go:  # the parent gave this judge up (or ended)
            os._exit(0)
        os.close(self.go_fd)
        if tree is not None:
            with suppress(CodeCouldNotRun):
                tree.ensure_worker()

    def pytest_collectreport(self, report: pytest.CollectReport) -> None:
        if report.failed:
            self.send(Event.COLLECT_ERROR, message=str(report.longrepr)[-3000:])

    @pytest.hookimpl(tryfirst=True)
    def pytest_runtest_protocol(self, item: pytest.Item) -> None:
        activity.note("")
        self.current_timeout = time_limit_of(item, self.timeout)
        self.send(Event.START, test=item.nodeid, timeout=self.current_timeout)

    @pytest.hookimpl(wrapper=True)
    def pytest_runtest_makereport(
        self, item: pytest.Item, call: pytest.CallInfo
    ) -> Generator[None, pytest.TestReport, pytest.TestReport]:
        report = yield
        if report.failed and item.nodeid not in self.failed:
            message = failure_message(call, self.current_timeout)
            kind = failure_kind(call)
            if found_by_hypothesis(item) and report.when == "call" and kind == FailureKind.WRONG:
                message += "\n" + _("(Found by trying random inputs; this is the simplest input that fails.)")
            self.failed[item.nodeid] = message
            self.kinds[item.nodeid] = kind
            if call.excinfo is not None and timed_out(call):
                remember_hang(item, call.excinfo.value, self.current_timeout)
        elif report.when == "call" and report.passed:
            if way_out := untrusted(calls.graded_root(), exercise_of(item.nodeid)):  # kata.testing.ways_out
                report.outcome, report.longrepr = "failed", way_out
                self.failed[item.nodeid], self.kinds[item.nodeid] = way_out, FailureKind.WRONG
            else:
                self.passed.add(item.nodeid)
        return report

    def pytest_runtest_logfinish(self, nodeid: str) -> None:
        for stream in {sys.stdout, sys.stderr, sys.__stdout__, sys.__stderr__}:
            if stream is not None:
                with suppress(OSError, ValueError, AttributeError):
                    stream.flush()
        message = self.failed.get(nodeid)
        if message is None and nodeid not in self.passed:
            message = _(
                "This test did not run to its end (it was skipped while running {doing}).",
                doing=activity.current() or _("the test"),
            )
        self.send(
            Event.RESULT,
            test=nodeid,
            passed=message is None,
            message=message or "",
            kind=self.kinds.get(nodeid, FailureKind.WRONG) if message is not None else "",
            stdout=self.config.stash[WORKER].take_stdout() if self.config is not None else "",
        )
