"""What makes a judge start fast: the parent imports what every judge needs once before it
forks any (prepare_parent), and forks the clean zygote the judges' workers come from before it
reads a grading file (clean_zygote). `make watch` also keeps a judge started ahead of time for
the next save (kata.engine.ready_judges)."""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile

from kata.engine.zygote import CleanZygote, fork_available


def prepare_parent(trains: bool = False) -> None:
    """Import what every judge needs once, here, so forked judges start warm, and freeze the
    heap so judges neither copy it (copy-on-write) nor garbage-collect through it. `trains`:
    an exercise graded trains a model (ex07), whose first optimizer step imports torch._dynamo."""
    import gc
    import importlib

    import numpy.random  # noqa: F401 - every judge and worker sets and reads its state (kata.testing.random_state)
    import pytest  # noqa: F401
    from _pytest.config import default_plugins

    for name in default_plugins:
        try:
            importlib.import_module(f"_pytest.{name}")
        except ImportError:
            pass

    import kata.engine.judge
    import kata.engine.plugin  # noqa: F401
    import kata.engine.worker  # noqa: F401 - for a judge that forks its own zygote (kata.engine.zygote)
    import kata.testing.properties  # noqa: F401 - Hypothesis with the kata's profile, once, here
    from kata.testing.device import meta_without_dynamo

    meta_without_dynamo()  # its walk, once here, not in each judge (about 0.1 s); the meta device's
    # first RNN, which imports sympy, runs in the clean zygote (warm_workers): judges run none

    kata.engine.judge.kata_plugins()  # Hypothesis's pytest plugin
    import_testing_helpers()

    if trains:
        import_dynamo_once()
    gc.freeze()  # no collect first: what is garbage now costs memory, not time
    gc.enable()  # `python -m kata` imports with it off (kata/__main__.py); judges and workers collect as usual


def import_testing_helpers() -> None:
    """Every module of kata.testing, the checks the graded tests import: once here (16 ms in
    all, measured), not again in each judge as it collects its tests."""
    import importlib
    import pkgutil

    import kata.testing

    for module in pkgutil.iter_modules(kata.testing.__path__, "kata.testing."):
        importlib.import_module(module.name)


_clean: CleanZygote | None = None


def warm_up_before_grading(trains: bool) -> None:
    """Warm this process and fork the clean zygote now, before the caller has learnt anything
    about whom it grades (grade-all: before it lists the class)."""
    if fork_available():
        clean_zygote()
        prepare_parent(trains=trains)
        if trains:
            replay_training_ahead()


def replay_training_ahead() -> None:
    """ex07's documented training, replayed once here for every judge forked after it
    (kata.testing.char_rnn.replay_ahead). Only where many judges grade ex07: grade-all, and
    watch's saves. A one-shot grade would pay for it before its first judge, and a submission
    whose ex07 is not finished (a learner's usual `make test`) never reaches that replay."""
    from kata.testing.char_rnn_diagnoses import replay_documented_ahead

    try:
        replay_documented_ahead()
    except Exception:  # noqa: BLE001 - a torch that differs here: each judge replays for itself, as before
        pass


def clean_zygote() -> CleanZygote:
    """The clean zygote, forked on first use (kata.engine.zygote), before anything was graded or
    any grading file read in this process: call it before prepare_parent, so that the two warm up
    side by side."""
    global _clean
    if _clean is None:
        torch_cache_folder()  # here, not in the zygote: only this process removes it when it ends
        _clean = CleanZygote.start(first=warm_workers, warm=warm_for_training)
    return _clean


def warm_workers() -> None:
    """What every worker needs and the judges do not, done once in the clean zygote: the worker's
    code, and the meta device's first RNN (sympy, about 0.3 s). Then the heap is frozen, as in
    prepare_parent. A failure here leaves it to each worker."""
    import gc

    try:
        import numpy.random  # noqa: F401 - every worker sets and reads its state (kata.testing.random_state)

        import kata.engine.worker  # noqa: F401

        warm_meta_device()
    except Exception:  # noqa: BLE001 - a torch whose meta device differs: each worker pays for itself
        pass
    gc.freeze()
    gc.enable()


def warm_for_training() -> None:
    """The clean zygote's warm-up for the workers of an exercise that trains (ex07): torch._dynamo,
    then two steps of Adam on a tiny RNN, whose first run in a process cost each worker about
    12 ms of every `make watch` save (caches filled on first use, the source lines torch.manual_seed
    reads for its lazy CUDA seeding). Under fork_rng: the random state is left as it was."""
    import_dynamo_once()
    try:
        import torch
        from torch import nn

        torch.set_num_threads(1)  # as in every worker: a zygote forked after the grader's own training
        # (watch's replay ahead) must not enter OpenMP's pool, whose threads a fork does not copy: it hung
        with torch.random.fork_rng():
            torch.manual_seed(0)
            rnn, head = nn.RNN(3, 2, batch_first=True), nn.Linear(2, 3)
            optimizer = torch.optim.Adam([*rnn.parameters(), *head.parameters()], lr=0.1)
            x, y = torch.eye(3)[None, :2], torch.tensor([1, 2])
            for _ in range(2):
                optimizer.zero_grad()
                loss = nn.CrossEntropyLoss()(head(rnn(x)[0]).reshape(-1, 3), y)
                loss.backward()
                optimizer.step()
                loss.item()
    except Exception:  # noqa: BLE001 - a torch that differs here: each worker warms up for itself, as before
        pass


def import_dynamo_once() -> None:
    """torch.optim's first step imports torch._dynamo (about 1.5 s): import it once, here, before
    any judge is forked. It makes its cache folder as it is imported: in a folder of the grader's
    own, removed when the grader ends, never in the caller's temporary folder."""
    torch_cache_folder()
    import torch._dynamo  # noqa: F401


def torch_cache_folder() -> None:
    """The folder torch._dynamo makes its cache in (TORCHINDUCTOR_CACHE_DIR): the grader's own,
    removed when this process ends."""
    if "TORCHINDUCTOR_CACHE_DIR" not in os.environ:
        cache = tempfile.mkdtemp(prefix="kata-torch-cache-")
        os.environ["TORCHINDUCTOR_CACHE_DIR"] = cache
        atexit.register(shutil.rmtree, cache, True)


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
