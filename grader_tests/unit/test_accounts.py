"""The ids graded code runs as where the grader is root (kata.engine.accounts): each judge running
at once has its own, no user and no process has it, and two graders on one machine never share one."""

from __future__ import annotations

import os
import pwd
import subprocess
import time
from collections.abc import Iterator

import pytest

from kata.engine import accounts
from kata.engine.sandbox import Account

pytestmark = pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="leases ids: root only")
NOBODY = Account(*[getattr(pwd.getpwnam("nobody"), field) for field in ("pw_uid", "pw_gid", "pw_name")])


@pytest.fixture(autouse=True)
def grader_of_its_own(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Each test leases as a grader that has leased nothing yet, and lets go of its ids after."""
    monkeypatch.setattr(accounts, "_leased", {})
    monkeypatch.setattr(accounts, "_locks", {})
    yield
    for fd in accounts._locks.values():
        os.close(fd)


def test_judges_side_by_side_get_distinct_ids_no_user_has() -> None:
    leased = [accounts.slot_account(NOBODY, slot) for slot in range(4)]
    assert len({account.uid for account in leased}) == 4
    assert all(account.gid == NOBODY.gid and account.uid != NOBODY.uid for account in leased)
    for account in leased:
        with pytest.raises(KeyError):
            pwd.getpwuid(account.uid)
    assert accounts.slot_account(NOBODY, 2) == leased[2], "a slot keeps its id for the grader's lifetime"


def test_an_id_some_process_runs_as_is_not_leased() -> None:
    first = max(uid for uid in range(NOBODY.uid - 1, NOBODY.uid - 20, -1) if not accounts._has_user(uid))
    running = subprocess.Popen(
        ["setpriv", f"--reuid={first}", f"--regid={NOBODY.gid}", "--clear-groups", "sleep", "30"]
    )
    try:
        for _ in range(100):  # until setpriv has changed its id
            if accounts._running_as(first):
                break
            subprocess.run(["sleep", "0.02"])
        assert accounts.slot_account(NOBODY, 0).uid != first
    finally:
        running.kill()
        running.wait()


def test_two_graders_never_lease_the_same_id() -> None:
    """Another grader holds an id (its lock) for as long as it runs: this one takes another."""
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(read)
        other = accounts.slot_account(NOBODY, 0)
        os.write(write, f"{other.uid}\n".encode())
        time.sleep(5)  # holding it: the parent kills it once it has leased its own
        os._exit(0)
    os.close(write)
    with os.fdopen(read) as reply:
        other = int(reply.readline())
    try:
        assert accounts.slot_account(NOBODY, 0).uid != other
    finally:
        os.kill(pid, 9)
        os.waitpid(pid, 0)


def test_only_a_leased_id_has_its_processes_ended(monkeypatch: pytest.MonkeyPatch) -> None:
    """Where no id was free a judge runs as the base account, whose processes are not the kata's."""
    ended: list[Account] = []
    monkeypatch.setattr(accounts, "end_processes_of", ended.append)
    accounts.end_left_behind(NOBODY)
    leased = accounts.slot_account(NOBODY, 0)
    accounts.end_left_behind(leased)
    assert ended == [leased]
