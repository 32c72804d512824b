"""Save-to-verdict latency of `make watch`.

Starts `python -m kata watch` on a temporary copy of the solutions, then, round after round,
rewrites one of ex01-ex03 (a changed comment) and times until watch prints that exercise's
verdict. Prints the median over N rounds (default 15). Target (issue 5): 0.3 s or less.
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

ROOT = Path(__file__).resolve().parent.parent
PYTHON = str(ROOT / ".venv" / "bin" / "python")
EXERCISES = ("ex01_one_hot", "ex02_batch", "ex03_rnn")


def read_until(proc: subprocess.Popen, selector: selectors.BaseSelector, needle: str, limit: float) -> float:
    """Seconds until a line containing needle appears on the watcher's output."""
    start = time.perf_counter()
    buffer = ""
    while time.perf_counter() - start < limit:
        for _key, _ in selector.select(timeout=0.05):
            chunk = os.read(proc.stdout.fileno(), 65536).decode(errors="replace")
            if not chunk:
                raise RuntimeError("watch ended early:\n" + buffer)
            buffer += chunk
            if needle in buffer:
                return time.perf_counter()
    raise TimeoutError(f"no {needle!r} within {limit} s:\n{buffer[-2000:]}")


def main() -> int:
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 15
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
        selector = selectors.DefaultSelector()
        selector.register(proc.stdout, selectors.EVENT_READ)
        try:
            read_until(proc, selector, "Watching", 120)
            latencies = []
            for i in range(rounds):
                name = EXERCISES[i % len(EXERCISES)]
                path = tree / f"{name}.py"
                source = path.read_text()
                time.sleep(0.3)  # let the previous round settle
                saved = time.perf_counter()
                path.write_text(source + f"\n# edit {i}\n")
                latencies.append(read_until(proc, selector, f"{name}: ", 30) - saved)
        finally:
            proc.terminate()
            proc.wait()
    print(
        f"save-to-verdict over {rounds} saves of ex01-ex03: median {statistics.median(latencies):.3f} s "
        f"(min {min(latencies):.3f}, max {max(latencies):.3f})  (target <= 0.3)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
