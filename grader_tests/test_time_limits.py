"""The judge's and the worker's clocks, with a real worker (grader_tests/real_worker.py): an
endless loop is stopped at the test's time limit and named, a worker deaf to its alarm is
stopped by the judge, and a worker's start is not the learner's time. Each waits out a time
limit, so they run in the slow tier; the rest of the judge and the worker is tested in the fast
tier (grader_tests/unit/test_judge_and_worker.py)."""

from __future__ import annotations

import textwrap
import time
from collections.abc import Iterator

import pytest

from grader_tests.real_worker import LEARNER, remote_tree
from kata.engine import worker_client
from kata.engine.worker_client import RemoteTree
from kata.engine.zygote import Zygote
from kata.testing.outcomes import HungBefore

pytestmark = pytest.mark.timeout(60)


@pytest.fixture
def tree() -> Iterator[RemoteTree]:
    with remote_tree() as remote:
        yield remote


def test_an_endless_loop_is_stopped_and_named(tree: RemoteTree) -> None:
    tree.start_test(1.0)
    mine = tree.load("mine")
    with pytest.raises(pytest.fail.Exception, match="from pytest-timeout") as stopped:
        mine.calls_the_loop()
    assert stopped.value.hung_function == ("mine", "loops")
    tree.record_hang({"module": "mine", "qualname": "loops", "test": "the first test", "seconds": 1.0})
    tree.start_test(5.0)
    with pytest.raises(HungBefore, match="the first test"):
        mine.calls_the_loop()  # fails at once: its callee hung before


def test_a_loop_is_named_where_it_loops_not_where_the_alarm_rang(tree: RemoteTree) -> None:
    """Almost all the time goes in step(), so the alarm rings there; but each look at the stack
    finds a fresh step() frame and the same loops_over_a_call() frame, which is the one named,
    with the line of its loop (issue 27: a loop in rnn_forward was blamed on rnn_cell)."""
    tree.start_test(1.0)
    with pytest.raises(pytest.fail.Exception, match="from pytest-timeout") as stopped:
        tree.load("mine").loops_over_a_call()
    line = textwrap.dedent(LEARNER).splitlines().index("    while h >= 0:  # the loop that never ends") + 1
    assert stopped.value.hung_function == ("mine", "loops_over_a_call")
    assert stopped.value.hung_line == line


SHORT_GRACE = 0.5  # the judge's grace in the tests of its wait: what they check is the wait, not its length


def test_a_worker_deaf_to_its_alarm_is_stopped_by_the_judge_at_the_deadline(
    tree: RemoteTree, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The judge's wait ends at the test's deadline plus a grace: the worker is stopped and the
    test fails as timed out, with no clock in the judge but that wait (no pytest-timeout)."""
    monkeypatch.setattr(worker_client, "GRACE", SHORT_GRACE)
    tree.start_test(1.0)
    started = time.monotonic()
    with pytest.raises(pytest.fail.Exception, match="from pytest-timeout"):
        tree.load("mine").deaf_to_the_alarm()
    assert time.monotonic() - started < 1.0 + SHORT_GRACE + 1.0
    tree.start_test(5.0)
    assert tree.load("mine").checked(1) == [1, 1]  # a fresh worker


class SlowToStart:
    """A zygote whose workers take longer to start than the test's whole time limit, as a
    spawned worker importing torch on a loaded machine does."""

    def __init__(self, zygote: Zygote, seconds: float) -> None:
        self.zygote, self.seconds = zygote, seconds

    def spawn(self, config: dict, out_fd: int) -> tuple:
        time.sleep(self.seconds)
        return self.zygote.spawn(config, out_fd)

    def reap(self, pid: int) -> int:
        return self.zygote.reap(pid)

    def close(self) -> None:
        self.zygote.close()


def test_a_workers_start_is_not_the_learners_time(tree: RemoteTree, monkeypatch: pytest.MonkeyPatch) -> None:
    """The test's clock leaves out the time a new worker took to start (a simulated Windows
    grade, spawning workers under load, timed out every import)."""
    monkeypatch.setattr(worker_client, "GRACE", SHORT_GRACE)
    assert isinstance(tree.spawner, Zygote)
    tree.spawner = SlowToStart(tree.spawner, 1.0 + SHORT_GRACE + 0.5)  # type: ignore[assignment]
    tree.end_worker()
    tree.start_test(1.0)
    assert tree.load("mine").takes_a_while() == "done"
