"""Save-to-verdict latency of `make watch`.

Starts `python -m kata watch` on a temporary copy of the solutions and works through the seven
exercises as a learner does: for each exercise, saves it N+1 times in a row (a changed comment),
a second apart (nobody edits and saves faster), and times each save until watch prints that
exercise's verdict; before the next save it waits until watch has also re-graded the exercises
that import the saved one. The first save of an exercise (switching to it) and the N saves that
follow (working on it: watch keeps judges waiting for them) are reported apart, as medians.
Each median is also printed as a ratio to `python -c "import torch"` (median of 3, timed in the
same run, after watch has stopped). Target (issue 26): 0.2 x import torch or less for every exercise.
Usage: python bench/watch_latency.py [N]
"""

from __future__ import annotations

import os
import selectors
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from record import record  # bench/record.py: bench/results/<script>.json

ROOT = Path(__file__).resolve().parent.parent
PYTHON = str(ROOT / ".venv" / "bin" / "python")
EXERCISES = (
    "ex01_one_hot",
    "ex02_batch",
    "ex03_rnn",
    "ex04_shapes",
    "ex05_time_major",
    "ex06_rnn_from_scratch",
    "ex07_train_hihello",
)


class Reader:
    """The watcher's output, read as it comes; text after a found needle is kept for the next."""

    def __init__(self, proc: subprocess.Popen) -> None:
        self.proc = proc
        self.selector = selectors.DefaultSelector()
        self.selector.register(proc.stdout, selectors.EVENT_READ)
        self.buffer = ""

    def until(self, needle: str, limit: float) -> float:
        """The time at which needle had appeared on the watcher's output."""
        start = time.perf_counter()
        while needle not in self.buffer:
            if time.perf_counter() - start > limit:
                raise TimeoutError(f"no {needle!r} within {limit} s:\n{self.buffer[-2000:]}")
            for _key, _ in self.selector.select(timeout=0.01):
                chunk = os.read(self.proc.stdout.fileno(), 65536).decode(errors="replace")
                if not chunk:
                    raise RuntimeError("watch ended early:\n" + self.buffer)
                self.buffer += chunk
        found = time.perf_counter()
        self.buffer = self.buffer.split(needle, 1)[1]
        return found


def main() -> int:
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    with tempfile.TemporaryDirectory() as tmp:
        tree = Path(tmp) / "tree"
        shutil.copytree(ROOT / "solutions", tree)
        env = {**os.environ, "KATA_DEVICE": "cpu", "KATA_LANG": "en", "PYTHONDONTWRITEBYTECODE": "1"}
        proc = subprocess.Popen(
            [PYTHON, "-m", "kata", "watch", f"--impl={tree}", *EXERCISES],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
        )
        output = Reader(proc)
        first: dict[str, list[float]] = {name: [] for name in EXERCISES}
        latencies: dict[str, list[float]] = {name: [] for name in EXERCISES}
        try:
            output.until("Watching", 120)
            for name in EXERCISES:
                path = tree / f"{name}.py"
                draft = Path(tmp) / f"{name}.py.draft"
                source = path.read_text()
                for i in range(rounds + 1):
                    time.sleep(1.0)  # a learner's edit takes longer than this
                    saved = time.perf_counter()
                    draft.write_text(source + f"\n# edit {i}\n")
                    os.replace(draft, path)  # saved at once, as editors save: never seen half-written
                    (first if i == 0 else latencies)[name].append(output.until(f"PASS {name}: ", 60) - saved)
                    output.until("Progress", 120)  # the exercises importing it are re-graded too
        finally:
            proc.terminate()
            proc.wait()
    import_torch = statistics.median(import_torch_once() for _ in range(3))
    worst = 0.0
    figures: dict[str, dict[str, float]] = {}
    for name, values in latencies.items():
        median = statistics.median(values)
        worst = max(worst, median)
        figures[name] = {
            "median s": round(median, 3),
            "first save s": round(first[name][0], 3),
            "median / import torch": round(median / import_torch, 3),
        }
        print(
            f"{name:<22} save-to-verdict median {median:.3f} s = {median / import_torch:.3f} x import torch "
            f"(min {min(values):.3f}, max {max(values):.3f}, {len(values)} saves; "
            f"the first save after switching to it: {first[name][0]:.3f} s)"
        )
    print(
        f"slowest median {worst:.3f} s; import torch {import_torch:.3f} s; "
        f"ratio {worst / import_torch:.3f}  (target <= 0.2 for each exercise)"
    )
    figures["import torch s"] = {"median s": round(import_torch, 3)}
    record("watch_latency", figures, target="median save-to-verdict <= 0.2 x import torch for each exercise")
    return 0


def import_torch_once() -> float:
    start = time.perf_counter()
    subprocess.run([PYTHON, "-c", "import torch"], check=True)
    return time.perf_counter() - start


if __name__ == "__main__":
    sys.exit(main())
