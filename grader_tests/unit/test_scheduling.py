"""How work is shared out between judges that run at once, and why a verdict does not depend on
what else a judge grades: every exercise lands in exactly one judge, and Hypothesis draws the
same examples whatever modules are loaded beside the test."""

from __future__ import annotations

import importlib
import os
import selectors
import sys
import time
from pathlib import Path
from types import SimpleNamespace

import pytest

from kata.core.manifest import load_manifest
from kata.engine import scheduler
from kata.engine.events import Event, decode, encode
from kata.engine.scheduler import Run, side_by_side
from kata.learner.watch import split_tests

EXERCISES = load_manifest()
NAMES = [e.name for e in EXERCISES]


def names(groups: list) -> list[list[str]]:
    return [[e.name for e in group] for group in groups]


@pytest.mark.parametrize("parallel", [1, 2, 3, 8])
@pytest.mark.parametrize("count", [1, 2, 6, 7])
def test_every_exercise_is_graded_by_exactly_one_judge(parallel: int, count: int) -> None:
    chosen = EXERCISES[:count]
    groups = names(side_by_side(chosen, parallel))
    assert sorted(n for group in groups for n in group) == sorted(e.name for e in chosen)
    assert all(group for group in groups)
    assert len(groups) <= max(parallel, sum(e.slow for e in chosen) + 1)
    for group in groups:  # manifest order within each judge
        assert group == sorted(group, key=NAMES.index)


def test_an_exercise_that_trains_gets_a_judge_of_its_own() -> None:
    slow = [e.name for e in EXERCISES if e.slow]
    assert slow, "the manifest marks the training exercise slow"
    groups = names(side_by_side(EXERCISES, 2))
    assert [slow] == [g for g in groups if set(g) & set(slow)]


def test_two_judges_share_six_exercises_in_turn() -> None:
    assert names(side_by_side(EXERCISES[:6], 2)) == [NAMES[0:6:2], NAMES[1:6:2]]


def test_watch_shares_a_saved_exercises_tests_out_so_judges_finish_together() -> None:
    ids = [f"tests/test_ex01_one_hot.py::test_{i}" for i in range(5)]
    seconds = [0.05, 0.01, 0.2, 0.01, 0.1]
    shares = split_tests(list(zip(ids, seconds)), 2)
    assert shares == [[ids[2]], [ids[0], ids[1], ids[3], ids[4]]]  # 0.2 s beside 0.17 s, each in file order
    assert split_tests(list(zip(ids, seconds)), 1) == [ids]
    assert split_tests([(ids[0], 0.1)], 2) == [ids[:1]]
    whole_file = ("tests/test_ex01_one_hot.py", 0.5)  # the last grade could not collect its tests
    assert split_tests([whole_file, *zip(ids, seconds)], 2) == [[whole_file[0], *ids]]


def test_watch_keeps_tests_that_share_a_fixture_of_their_file_in_one_judge() -> None:
    """ex07's trained model is set up once per judge: its tests stay together, whatever LPT says."""
    ids = [f"tests/test_ex07_train_hihello.py::test_{i}" for i in range(6)]
    seconds = [0.06, 0.05, 0.04, 0.005, 0.03, 0.005]
    uses = [("ex", "trained"), ("ex",), ("ex",), ("ex", "trained"), ("ex",), ("ex", "trained")]
    shares = split_tests(list(zip(ids, seconds, uses)), 2)
    trained = {ids[0], ids[3], ids[5]}
    assert sum(bool(trained & set(share)) for share in shares) == 1  # in one judge, not set up twice
    assert sorted(sum(shares, [])) == sorted(ids) and len(shares) == 2  # "ex", used by all, ties nothing


def test_hypothesis_draws_no_constant_from_a_loaded_module(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Hypothesis would draw literals of every project module loaded, so a judge grading ex01
    alone and one grading ex01 after ex02 would try other examples. kata.testing.properties turns
    that off."""
    from hypothesis.internal.conjecture import providers

    import kata.testing.properties  # noqa: F401 - what every graded test module imports

    (tmp_path / "distinctive_module.py").write_text("MAGIC = 918273645\nWORD = 'zqxjkv'\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    importlib.import_module("distinctive_module")
    try:
        constants = providers._get_local_constants()
        assert 918273645 not in constants.integers and "zqxjkv" not in constants.strings
    finally:
        sys.modules.pop("distinctive_module", None)


@pytest.mark.parametrize("line", [b"not json", b"[1, 2]", b'{"ev": "forged"}', b'{"test": "x"}', b"null"])
def test_a_line_on_the_verdict_pipe_that_is_no_event_is_ignored(line: bytes) -> None:
    assert decode(line) is None


def test_an_event_crosses_the_verdict_pipe_as_itself() -> None:
    assert decode(encode(Event.START, test="t::x", timeout=5.0).encode()) == (
        Event.START,
        {"ev": "start", "test": "t::x", "timeout": 5.0},
    )


def test_a_stopped_judges_pipes_are_all_unwatched_even_after_its_output_ended() -> None:
    """The output pipe can end (EOF) before the judge is stopped; both pipe numbers are reused by
    the next judge, so both must leave the selector (grade-all once failed with 'FD 8 is already
    registered')."""
    run = Run.__new__(Run)  # only what stop() uses: no grading set-up
    run.selector, run.running = selectors.DefaultSelector(), []
    ctrl_r, ctrl_w = os.pipe()
    out_r, out_w = os.pipe()
    child = SimpleNamespace(ctrl_r=ctrl_r, out_r=out_r, open_fds={ctrl_r, out_r})
    try:
        for fd in (ctrl_r, out_r):
            run.selector.register(fd, selectors.EVENT_READ, child)
        run.running.append(child)
        child.open_fds.discard(out_r)  # what reading its output does at EOF
        run.stop(child)
        assert len(run.selector.get_map()) == 0
        assert child not in run.running
    finally:
        run.selector.close()
        for fd in (ctrl_r, ctrl_w, out_r, out_w):
            os.close(fd)


def test_a_forked_judges_last_call_reaches_the_parent_on_their_shared_page(tmp_path: Path) -> None:
    """A forked judge notes each call to learner code on a page it shares with the parent, no event
    and no wake-up each; a judge stopped for its time is then reported naming the call it was in."""
    from kata.engine.events import DoingBoard
    from kata.engine.job import Job
    from kata.engine.judge_process import Judge
    from kata.engine.processes import fork_running

    board = DoingBoard()
    pid = fork_running(lambda: [board.write("import ex01_one_hot"), board.write("ex02_batch.make_batch(['hi'])")])
    os.waitpid(pid, 0)
    exercise = next(e for e in load_manifest() if e.name == "ex02_batch")
    job = Job([exercise], tmp_path)
    job.tests = [
        {
            "nodeid": "tests/test_ex02_batch.py::test_a",
            "exercise": "ex02_batch",
            "name": "a",
            "points": 1.0,
            "visibility": "visible",
        }
    ]
    judge = Judge.__new__(Judge)  # only what deciding the running test reads: no process started
    judge.job, judge.board, judge.doing, judge.killed_for_timeout, judge.current_timeout = job, board, "", True, 10.0
    judge.current, judge.output = "tests/test_ex02_batch.py::test_a", SimpleNamespace(take=lambda: "")
    judge._decide_current(-9)
    board.close()
    message = job.results["tests/test_ex02_batch.py::test_a"].message
    assert message.startswith("ex02_batch.make_batch(['hi']) timed out after 10 s"), message


def test_the_shared_page_holds_what_fits_and_never_unsafe_text() -> None:
    from kata.engine.events import DoingBoard

    board = DoingBoard()
    try:
        assert board.read() == ""
        board.write("f('\x1b[31m' + '\ud800')")  # an escape sequence and a lone surrogate, as a label may hold
        assert "\x1b" not in board.read() and board.read().startswith("f(")
        board.write("é" * 5000)  # cut to the page, mid-character at worst
        assert 0 < len(board.read()) <= DoingBoard.SIZE
    finally:
        board.close()


def test_the_backstop_does_not_count_a_new_workers_start(monkeypatch: pytest.MonkeyPatch) -> None:
    """A spawned worker imports torch as it starts (macOS, Windows: many seconds on a slow or busy
    machine): the parent's backstop stands still meanwhile, as the test's own clock does, and
    runs again once the worker is ready."""
    from kata.engine import judge_process
    from kata.engine.events import Event
    from kata.engine.judge_process import Judge, backstop

    clock = [100.0]
    monkeypatch.setattr(judge_process, "time", SimpleNamespace(monotonic=lambda: clock[0]))
    judge = Judge.__new__(Judge)  # only what the backstop reads: no process started
    judge.timeout, judge.worker_since, judge.progress, judge.started_at = 10.0, None, False, 100.0
    judge.job = None  # START reads nothing of it
    judge.handle(Event.START, {"test": "tests/test_ex01_one_hot.py::test_a", "timeout": 10})
    judge.handle(Event.WORKER, {"starting": True})
    clock[0] += 3 * backstop(10.0)  # the new worker still importing torch
    assert not judge.overdue(clock[0])
    judge.handle(Event.WORKER, {"starting": False})
    clock[0] += backstop(10.0) - 1
    assert not judge.overdue(clock[0])
    clock[0] += 2
    assert judge.overdue(clock[0])  # the learner's own time, past the backstop


def test_a_judges_folder_left_by_an_interrupted_start_goes_at_exit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A grade or watch stopped while a judge starts (Ctrl-C, a hang-up, SIGTERM: seen under load)
    never reached the judge's finish or discard: the process that made the folder removes it as it
    exits; a forked judge, which inherits the list, removes nothing."""
    from kata.engine import judge_process

    left = tmp_path / "kata-run-left"
    left.mkdir()
    monkeypatch.setattr(judge_process, "_workdirs", {str(left)})
    judge_process.left_workdirs(owner=os.getpid() + 1)  # as in a forked judge
    assert left.exists()
    judge_process.left_workdirs(owner=os.getpid())
    assert not left.exists() and not judge_process._workdirs


# -- a judge that said DONE: its verdicts are taken, its exit is not waited for -------------------


def test_only_a_forked_judge_of_no_other_account_is_taken_at_its_word() -> None:
    """It says DONE after its worker was killed and reaped; one that runs as another account may
    have left processes of that account, which the parent ends after reaping it."""
    judge = SimpleNamespace(done=True, account=None, proc=None)
    assert scheduler.said_done(judge)  # type: ignore[arg-type]
    assert not scheduler.said_done(SimpleNamespace(done=False, account=None, proc=None))  # type: ignore[arg-type]
    assert not scheduler.said_done(SimpleNamespace(done=True, account=object(), proc=None))  # type: ignore[arg-type]
    assert not scheduler.said_done(SimpleNamespace(done=True, account=None, proc=object()))  # type: ignore[arg-type]


def test_judges_left_exiting_are_reaped_once_they_have_exited(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(scheduler, "EXITING", [])
    pid = os.fork()
    if pid == 0:
        os._exit(0)
    scheduler.EXITING.append(pid)
    for _ in range(200):  # it exits at once; the reap does not wait for it
        scheduler.reap_exited()
        if not scheduler.EXITING:
            break
        time.sleep(0.01)
    assert scheduler.EXITING == []
    with pytest.raises(ChildProcessError):
        os.waitpid(pid, os.WNOHANG)  # reaped: no zombie left
