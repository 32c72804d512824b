"""The user ids graded code runs as where the grader is root: one for each judge running at once.

Each id is leased for the grader's lifetime. A leased id:
- belongs to no user (it is not in the password database);
- has no process running as it;
- lies inside the ids this machine's user namespace maps;
- is held by no other grader on the machine: a lock file per id, in a folder only root may write,
  locked while the grader runs (the kernel lets go of the lock however the grader ends).

So ending every process of a judge's id once that judge has ended reaches only what its graded
code left behind: never a daemon that runs as `nobody`, never a judge of another grader that
runs at the same time. The base account (KATA_SANDBOX_USER, default nobody) gives the group and
the name. Where no id is free, a judge runs as the base account itself and nothing is killed after
it: a process left behind may then meet the next judge, and the docs say so."""

from __future__ import annotations

import errno
import os
import stat
import tempfile

from kata.engine.sandbox import Account, end_processes_of

try:
    import fcntl
    import pwd
except ModuleNotFoundError:  # Windows: no Unix accounts, so no privilege drop
    fcntl = pwd = None  # type: ignore[assignment]

CANDIDATES = 256  # ids below the base account's tried, nearest first

_leased: dict[int, Account] = {}  # slot -> its account, for this grader's lifetime
_locks: dict[int, int] = {}  # leased uid -> the descriptor holding its lock


def slot_account(base: Account, slot: int) -> Account:
    """The account of the judge in `slot`: an id leased for this grader alone, or the base account
    where none is free."""
    if slot not in _leased:
        _leased[slot] = _lease(base) or base
    return _leased[slot]


def end_left_behind(account: Account) -> None:
    """Kill what graded code left running as a judge's account once the judge has ended; only
    for a leased id, which nothing else runs as."""
    if account.uid in _locks:
        end_processes_of(account)


def _lease(base: Account) -> Account | None:
    folder = _lock_folder()
    if folder is None or pwd is None:
        return None
    try:
        for uid in range(base.uid - 1, max(base.uid - 1 - CANDIDATES, 0), -1):
            if uid in _locks or not _mapped(uid) or _has_user(uid):
                continue
            fd = _lock(folder, uid)
            if fd is None:
                continue
            if _running_as(uid):  # left by a grader that ended, or not the kata's at all
                os.close(fd)
                continue
            _locks[uid] = fd
            return Account(uid, base.gid, f"{base.name}-{uid}")
    finally:
        os.close(folder)
    return None


def _lock_folder() -> int | None:
    """A descriptor of a folder only root may change, made if missing; None where there is none."""
    for path in ("/run/kata-accounts", os.path.join(tempfile.gettempdir(), "kata-accounts-root")):
        try:
            os.mkdir(path, 0o700)
        except FileExistsError:
            pass
        except OSError:
            continue
        try:
            fd = os.open(path, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | os.O_CLOEXEC)
        except OSError:
            continue
        info = os.fstat(fd)
        if info.st_uid == 0 and not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
            return fd
        os.close(fd)  # made by someone else: not trusted
    return None


def _lock(folder: int, uid: int) -> int | None:
    assert fcntl is not None
    fd = os.open(str(uid), os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC, 0o600, dir_fd=folder)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError as error:
        os.close(fd)
        if error.errno in (errno.EWOULDBLOCK, errno.EAGAIN):
            return None
        raise
    return fd


def _has_user(uid: int) -> bool:
    try:
        pwd.getpwuid(uid)
    except KeyError:
        return False
    return True


def _mapped(uid: int) -> bool:
    """Whether this user namespace maps the id (a rootless container maps a few thousand)."""
    try:
        with open("/proc/self/uid_map") as ranges:
            rows = [tuple(map(int, line.split())) for line in ranges if line.strip()]
    except OSError:
        return True
    return any(inside <= uid < inside + count for inside, _outside, count in rows)


def _running_as(uid: int) -> bool:
    """Whether any process has the id as its real, effective, saved or file-system user."""
    try:
        pids = [name for name in os.listdir("/proc") if name.isdigit()]
    except OSError:
        return False
    for pid in pids:
        try:
            with open(f"/proc/{pid}/status") as status:
                for line in status:
                    if line.startswith("Uid:"):
                        if str(uid) in line.split()[1:]:
                            return True
                        break
        except OSError:
            continue
    return False
