"""What makes a judge start fast: the parent imports what every judge needs once before it
forks any (prepare_parent), and `make watch` keeps a judge started ahead of time for the next
save (ReadyJudges)."""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile

from kata.engine import sandbox
from kata.engine.job import Job
from kata.engine.judge_process import Child
from kata.engine.zygote import fork_available


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
