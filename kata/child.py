"""The grading child: runs one exercise's tests under pytest and streams verdicts to the parent.

Started by kata.isolation, either forked (torch already imported by the parent) or spawned
as `python -m kata.child ARGS_JSON CTRL_FD` where fork is not available.
"""

from __future__ import annotations

import io
import json
import os
import resource
import sys
import tempfile
from pathlib import Path

from kata import ROOT, SOLUTIONS_DIR, guard, hang, paths, sandbox

# pytest plugins the graded tests never use: each costs a child time to set up, some run per test
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


def child_main(
    ctrl_fd: int,
    impl: str,
    targets: list[str],
    timeout: float,
    workdir: str,
    account: sandbox.Account | None = None,
    shown_impl: str | None = None,
) -> int:
    """Everything learner code prints goes to fds 1 and 2, which the parent reads (bounded).

    pytest's own terminal output goes nowhere; the verdicts go through ctrl_fd. `impl` may be a
    private copy of the graded folder (for an unprivileged child); files in it are named as in
    `shown_impl`. Tests are collected first; then the child drops privileges (as root) and
    refuses writes outside workdir, before any graded code runs.
    """
    import pytest
    import torch

    from kata.plugin import RecordedStream, Stream

    # Graded tensors are tiny: more threads only make OpenMP spin and every child slower
    # (two children of two threads each on two cores graded 10 trees in 10.4 s; one child, 5.0 s).
    torch.set_num_threads(max(1, int(os.environ.get("KATA_CHILD_THREADS", "1"))))
    sys.dont_write_bytecode = True  # never write __pycache__ into the learner's tree
    try:
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))  # a crash leaves no core file behind
    except (ValueError, OSError):
        pass
    ctrl = os.fdopen(ctrl_fd, "w", buffering=1, encoding="utf-8")

    def send(event: dict) -> None:
        ctrl.write(json.dumps(event) + "\n")
        ctrl.flush()

    learner_out = RecordedStream(io.FileIO(1, "w", closefd=False), line_buffering=True, errors="replace")
    learner_err = io.TextIOWrapper(io.FileIO(2, "w", closefd=False), line_buffering=True, errors="replace")

    class LearnerStreams:
        """Give learner code real stdout/stderr only once pytest's terminal writer is set up."""

        def pytest_sessionstart(self) -> None:
            sys.stdout, sys.stderr = learner_out, learner_err

    class Sandbox:
        """Tests (hidden ones too) are in memory now: give up what graded code must not have."""

        @pytest.hookimpl(tryfirst=True)
        def pytest_runtestloop(self) -> None:
            sandbox.enter(workdir, account)

    if shown_impl:
        paths.show_as(Path(impl), Path(shown_impl))
    if Path(shown_impl or impl).resolve() != SOLUTIONS_DIR.resolve():
        guard.install(SOLUTIONS_DIR)
    guard.forbid_kata_imports(Path(impl))
    for hung in json.loads(os.environ.pop("KATA_HUNG", "") or "[]"):  # what an earlier child hung in
        hang.record(hang.Hung(**hung), impl)
    os.environ["TMPDIR"] = workdir  # torch's caches (torchinductor_*) too land where the parent cleans up
    tempfile.tempdir = None
    os.chdir(workdir)  # files learner code writes land here (the parent removes it), not in the learner's tree
    sys.stdout = sys.stderr = open(os.devnull, "w")
    args = [
        *targets,
        f"--rootdir={ROOT}",
        f"-c={ROOT / 'pyproject.toml'}",
        f"--impl={impl}",
        "-p",
        "no:cacheprovider",
        "-p",
        "no:stepwise",
        "-p",
        "no:unraisableexception",  # its gc.collect() over torch's heap costs 0.2 s a child
        "-p",
        "no:threadexception",
        *[arg for plugin in UNUSED_PLUGINS for arg in ("-p", f"no:{plugin}")],
        "--capture=no",
        "-q",
        "-o",
        f"timeout={timeout}",
        "-o",
        "timeout_method=signal",
        "-W",
        "ignore",
    ]
    code = pytest.main(args, plugins=[Stream(send, timeout, learner_out), LearnerStreams(), Sandbox()])
    send({"ev": "done", "code": int(code)})
    return int(code)


if __name__ == "__main__":
    spec = json.loads(sys.argv[1])
    account = sandbox.Account(*spec["account"]) if spec.get("account") else None
    child_main(
        int(sys.argv[2]), spec["impl"], spec["targets"], spec["timeout"], spec["workdir"], account, spec.get("shown")
    )
    os._exit(0)  # do not wait for threads learner code may have left running
