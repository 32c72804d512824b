"""What one call into learner code costs across the judge-worker boundary.

Starts a zygote and a worker over the reference solutions, as a judge does, then times N calls
of a small function (ex01's one_hot) and N calls that return an RNN's outputs (ex03's run_rnn
on a (3, 5, 4) batch), and prints the median per call of 5 rounds.
Usage: python bench/call_cost.py [N]
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

from record import record  # bench/record.py: bench/results/<script>.json

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import torch  # noqa: E402

from kata import SOLUTIONS_DIR  # noqa: E402
from kata.engine.worker_client import RemoteTree  # noqa: E402
from kata.engine.zygote import Zygote  # noqa: E402


def per_call(fn, n: int) -> float:
    rounds = []
    for _ in range(5):
        start = time.perf_counter()
        for _ in range(n):
            fn()
        rounds.append((time.perf_counter() - start) / n)
    return statistics.median(rounds)


def main() -> int:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    zygote = Zygote.start()
    tree = RemoteTree(zygote, {"impl": str(SOLUTIONS_DIR), "workdir": tempfile.mkdtemp(), "hung": []})
    ex01, ex03 = tree.load("ex01_one_hot"), tree.load("ex03_rnn")
    rnn, batch = torch.nn.RNN(4, 2, batch_first=True), torch.randn(3, 5, 4)
    small = per_call(lambda: ex01.one_hot("h", ["h", "e", "l", "o"]), n)
    rnn_call = per_call(lambda: ex03.run_rnn(rnn, batch), n)
    tree.close()
    zygote.close()
    print(f"one_hot('h', vocab)      median {small * 1e3:.3f} ms per call ({n} calls x 5 rounds)")
    print(f"run_rnn(rnn, (3, 5, 4))  median {rnn_call * 1e3:.3f} ms per call ({n} calls x 5 rounds)")
    figures = {"one_hot ms per call": round(small * 1e3, 3), "run_rnn (3, 5, 4) ms per call": round(rnn_call * 1e3, 3)}
    record("call_cost", figures, target="none: a cost to watch")
    return 0


if __name__ == "__main__":
    sys.exit(main())
