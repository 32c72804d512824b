"""The judge: runs one exercise's tests under pytest and streams verdicts to
the parent; the learner's code runs in the judge's workers, never here.

Started by kata.engine.scheduler, either forked (torch already imported by the parent) or spawned
as `python -m kata.engine.judge ARGS_JSON CTRL_FD` where fork is not available.
"""

from __future__ import annotations

import io
import json
import os
import sys
import tempfile
from pathlib import Path

from kata import ROOT
from kata.core import launcher, paths
from kata.engine import events, sandbox
from kata.engine.events import DoingBoard, Event

# pytest plugins the graded tests never use: each costs a judge time to set up, some run per test
# (log capture). Without them a watch re-grade of ex04 took 0.20 s instead of 0.25 s (median of 9, loaded machine).
UNUSED_PLUGINS = (
    "doctest",
    "junitxml",
    "pastebin",
    "legacypath",
    "faulthandler",
    "setuponly",
    "setupplan",
    "logging",
    "debugging",
    "tmpdir",
)


def judge_main(
    ctrl_fd: int,
    impl: str,
    targets: list[str],
    timeout: float,
    workdir: str,
    account: sandbox.Account | None = None,
    shown_impl: str | None = None,
    go_fd: int | None = None,
    zygote_fd: int | None = None,
    board: DoingBoard | None = None,
) -> int:
    """The judge: runs one exercise's graded tests under pytest and sends each verdict through
    ctrl_fd. It never imports the learner's code: its workers do (kata.engine.worker), with
    everything they print going to fds 1 and 2, which the parent reads (bounded).

    `impl` may be a private copy of the graded folder (for an unprivileged worker); files in it
    are named as in `shown_impl`. The learner's time limit is `timeout` per test: one clock, the
    test's deadline, which the worker's alarm keeps (kata.engine.worker) and this judge enforces
    on a worker stuck in C code (kata.engine.worker_client); the parent's watch is the backstop.

    `zygote_fd`: the zygote the clean zygote forked for this judge (kata.engine.zygote); without
    one (plain pytest, spawn) the judge forks its own. `board`: the page a forked judge shares
    with the parent, where it notes each call to learner code (kata.engine.events.DoingBoard).

    `go_fd`: a judge started ahead of time (`make watch`) collects its tests, starts its first
    worker, and waits until the parent writes a byte there; it ends quietly if the parent closes it.
    """
    import pytest
    import torch

    from kata.engine.plugin import Stream, set_worker_setup

    torch.set_num_threads(1)  # the judge's own tensors are tiny too
    settle()
    ctrl = os.fdopen(ctrl_fd, "w", buffering=1, encoding="utf-8")

    def send(event: Event, **fields: object) -> None:
        ctrl.write(events.encode(event, **fields))
        ctrl.flush()

    if shown_impl:
        paths.show_as(Path(impl), Path(shown_impl))
    set_worker_setup(
        {
            "workdir": workdir,
            "shown": shown_impl,
            "account": [account.uid, account.gid, account.name] if account else None,
            "limit": timeout,
            "zygote_fd": zygote_fd,
        }
    )
    work_in(workdir)
    # Only the kata's plugins, not every one installed: Colab's Python has several that change
    # how tests run, and finding them costs a judge about 15 ms.
    os.environ["PYTEST_DISABLE_PLUGIN_AUTOLOAD"] = "1"
    stream = Stream(send, timeout, go_fd, board.write if board else None)
    code = pytest.main(pytest_args(targets, impl), plugins=[stream, *kata_plugins()])
    send(Event.DONE, code=int(code))
    return int(code)


def kata_plugins() -> list[object]:
    """Hypothesis's plugin and the kata's (conftest.py names it), registered as modules: named
    by `-p` or in conftest.py, pytest would look for each among every installed package's entry
    points first (about 25 ms a judge, measured), whatever PYTEST_DISABLE_PLUGIN_AUTOLOAD says."""
    import importlib

    from kata.engine import plugin

    return [importlib.import_module("_hypothesis_pytestplugin"), plugin]


def settle() -> None:
    """No bytecode written, no core file left by a crash, out of the workers' reach."""
    sys.dont_write_bytecode = True
    if sandbox.resource is not None:  # Windows has no resource limits
        try:
            sandbox.resource.setrlimit(sandbox.resource.RLIMIT_CORE, (0, 0))
        except (ValueError, OSError):
            pass
    sandbox.keep_out_of_reach()


def work_in(workdir: str) -> None:
    """The judge works, and keeps its temporary files, in the folder the parent cleans up (torch's
    caches, torchinductor_*, too); its own prints go nowhere, through a stream that never closes
    its descriptor: the zygote and the workers forked from here inherit this object, and a worker
    replaces it. Closed there, it would close whatever descriptor had taken its number (the
    worker's socket)."""
    os.environ["TMPDIR"] = workdir
    tempfile.tempdir = None
    os.chdir(workdir)
    quiet = io.TextIOWrapper(io.FileIO(os.open(os.devnull, os.O_WRONLY), "w", closefd=False))
    sys.stdout = sys.stderr = quiet


def pytest_args(targets: list[str], impl: str) -> list[str]:
    """The judge's pytest command line: the graded tests, and no plugins but the kata's
    (kata_plugins; no pytest-timeout: a judge runs no learner code, and the parent's watch is
    its backstop)."""
    return [
        *targets,
        f"--rootdir={ROOT}",
        f"-c={ROOT / 'pyproject.toml'}",
        f"--impl={impl}",
        "-p",
        "no:cacheprovider",
        "-p",
        "no:stepwise",
        "-p",
        "no:unraisableexception",  # its gc.collect() over torch's heap costs 0.2 s a judge
        "-p",
        "no:threadexception",
        *[arg for plugin in UNUSED_PLUGINS for arg in ("-p", f"no:{plugin}")],
        "--capture=no",
        "--assert=plain",  # graded tests fail with messages of their own: rewriting their asserts only costs time
        "-q",
        "-W",
        "ignore",
    ]


if __name__ == "__main__":
    spec = json.loads(sys.argv[1])
    account = sandbox.Account(*spec["account"]) if spec.get("account") else None
    launcher.set_impl(spec.get("commands_impl") or "")
    judge_main(
        int(sys.argv[2]),
        spec["impl"],
        spec["targets"],
        spec["timeout"],
        spec["workdir"],
        account,
        spec.get("shown"),
    )
    os._exit(0)  # do not wait for threads learner code may have left running
