"""A real worker for the tests of the judge and the worker (grader_tests/unit/test_judge_and_worker.py,
and grader_tests/test_time_limits.py for those that wait out a time limit): a learner's module,
`mine`, graded through a RemoteTree whose workers a real zygote forks."""

from __future__ import annotations

import shutil
import tempfile
import textwrap
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from kata.engine.worker_client import RemoteTree
from kata.engine.zygote import Zygote

LEARNER = """
import os
import torch
from torch import nn


def shapes():
    class Shapes(dict):
        def __eq__(self, other):
            return True
    return Shapes(input=(1, 2, 3))


def checked(x):
    if x < 0:
        raise ValueError(f"x is {x}, below 0")
    return [x] * 2


def fails_inside_a_library():
    return [1, 2].index(5)


def crashes():
    os._exit(3)


def loops():
    while True:
        pass


def calls_the_loop():
    return loops()


def deaf_to_the_alarm():
    import signal

    signal.signal(signal.SIGALRM, signal.SIG_IGN)  # as a worker stuck in one long C call hears nothing
    while True:
        pass


def step(h):
    total = 0
    for i in range(5000):
        total += i
    return h + 1


def loops_over_a_call():
    h = 0
    while h >= 0:  # the loop that never ends
        h = step(h) - 1


def takes_a_while():
    import time

    time.sleep(0.3)
    return "done"


def draws():
    return torch.rand(3)


def runs(rnn, batch):
    return rnn(batch)


def leave_a_file():
    with open("left_behind.txt", "w") as file:
        file.write("left by an earlier exercise")


def finds_the_file():
    import os

    return os.path.exists("left_behind.txt")


def change_pi():
    import math

    math.pi = 3


def pi():
    import math

    return math.pi


class Model(nn.Module):
    def __init__(self):
        super().__init__()
        self.rnn = nn.RNN(2, 3, batch_first=True)
        self.head = nn.Linear(3, 2)

    def forward(self, x):
        return self.head(self.rnn(x)[0])
"""


@contextmanager
def remote_tree() -> Iterator[RemoteTree]:
    """A RemoteTree over a folder holding LEARNER as mine.py, its test started with 5 s to go."""
    folder = Path(tempfile.mkdtemp(prefix="kata-unit-"))
    workdir = tempfile.mkdtemp(prefix="kata-unit-work-")
    (folder / "mine.py").write_text(textwrap.dedent(LEARNER))
    zygote = Zygote.start()
    remote = RemoteTree(zygote, {"impl": str(folder), "workdir": workdir, "hung": [], "modules": ["mine"]})
    remote.start_test(5.0)
    try:
        yield remote
    finally:
        remote.close()
        zygote.close()
        shutil.rmtree(folder, ignore_errors=True)
        shutil.rmtree(workdir, ignore_errors=True)
