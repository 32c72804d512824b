"""How long ex07's training takes on this machine's CPU (issue 4: under one second).

Runs the reference `train()` (100 Adam steps on "hihello") N times in one process after one
warm-up run, and prints the median as a ratio to one second. The warm-up run is printed too: it
pays the one-off import of torch._dynamo that torch.optim's first step triggers.
Usage: python bench/train_speed.py [N]
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

from record import record  # bench/record.py: bench/results/<script>.json

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 10
    sys.path.insert(0, str(ROOT / "solutions"))
    import torch

    torch.set_num_threads(1)
    from ex07_train_hihello import train

    start = time.perf_counter()
    train(seed=0)
    first = time.perf_counter() - start
    times = []
    for seed in range(runs):
        start = time.perf_counter()
        train(seed=seed)
        times.append(time.perf_counter() - start)
    median = statistics.median(times)
    print(f"first train() in a fresh process (imports torch._dynamo): {first:.3f} s")
    print(f"train() median of {runs} runs: {median:.3f} s (min {min(times):.3f}, max {max(times):.3f})")
    print(f"ratio to one second: {median:.3f}  (target < 1)")
    record("train_speed", {"first train() s": round(first, 3), "median train() s": round(median, 3)}, target="< 1 s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
