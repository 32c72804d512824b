"""The one way the engine starts a process: forked from a warm one (`fork_running`), or, where
fork is not available, a fresh `python -m MODULE` (`spawn_module`). The judge, the clean zygote,
each judge's zygote and each worker all start here."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable, Sequence

from kata import ROOT

FAILED_TO_START = 70  # the exit code of a forked process whose body raised (EX_SOFTWARE)


def fork_running(body: Callable[[], object], *, keep: Sequence[int] | None = None, report: bool = False) -> int:
    """Fork; the new process runs `body` and exits, never returning into the caller's code: 0 when
    `body` returned, FAILED_TO_START when it raised (its traceback printed where its output goes
    if `report`). `keep`: every other descriptor from 3 up is closed first. The parent gets the pid."""
    pid = os.fork()
    if pid != 0:
        return pid
    code = FAILED_TO_START
    try:
        if keep is not None:
            close_all_but(keep)
        body()
        code = 0
    except BaseException:
        if report:
            import traceback

            traceback.print_exc()
    finally:
        os._exit(code)


def close_all_but(keep: Sequence[int]) -> None:
    """Close every descriptor from 3 up but those in `keep`."""
    start = 3
    for fd in sorted(set(keep)):
        if fd >= start:
            os.closerange(start, fd)
            start = fd + 1
    os.closerange(start, 1 << 16)


def spawn_module(module: str, args: list[str], out_fd: int, pass_fds: Sequence[int]) -> subprocess.Popen:
    """A fresh `python -m module args`, its output to out_fd, run from the kata's folder."""
    return subprocess.Popen(
        [sys.executable, "-m", module, *args],
        stdin=subprocess.DEVNULL,
        stdout=out_fd,
        stderr=out_fd,
        pass_fds=tuple(pass_fds),
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT), "PYTHONDONTWRITEBYTECODE": "1"},
    )
