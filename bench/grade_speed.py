"""How much grading costs against the honest floors, measured side by side in one run.

Prints three ratios of wall times (medians of N runs each, all commands alternated so that
drift hits them alike):

1. `make grade IMPL=solutions` (every exercise, each isolated in its own child) against plain
   `pytest tests --impl=solutions` in one process: the price of isolation. Target: <= 1.0.
2. the same grading run against `python -c "import torch, torch._dynamo"`: the floor of any
   process that trains (ex07's first optimizer step imports torch._dynamo, about 1.5 s).
3. grading ex01-ex06 against `python -c "import torch"`, the floor of any grading run that
   starts a fresh interpreter. Target: <= 1.3.

Usage: python bench/grade_speed.py [N]
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from record import record  # bench/record.py: bench/results/<script>.json

ROOT = Path(__file__).resolve().parent.parent
PYTHON = str(ROOT / ".venv" / "bin" / "python")
FIRST_SIX = ["ex01", "ex02", "ex03", "ex04", "ex05", "ex06"]


def wall(cmd: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def main() -> int:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    with tempfile.TemporaryDirectory() as tmp:
        commands = {
            "make grade IMPL=solutions": ["make", "-s", "grade", "IMPL=solutions", f"RESULTS={tmp}/r.json"],
            "pytest tests --impl=solutions": [
                PYTHON,
                "-m",
                "pytest",
                "-q",
                "-p",
                "no:cacheprovider",
                "tests",
                "--impl=solutions",
            ],
            "import torch, torch._dynamo": [PYTHON, "-c", "import torch, torch._dynamo"],
            "grade ex01-ex06": [
                PYTHON,
                "-m",
                "kata",
                "grade",
                "--impl=solutions",
                f"--results={tmp}/r2.json",
                *FIRST_SIX,
            ],
            "import torch": [PYTHON, "-c", "import torch"],
        }
        for cmd in commands.values():
            wall(cmd)  # warm the file cache
        times: dict[str, list[float]] = {name: [] for name in commands}
        for _ in range(runs):
            for name, cmd in commands.items():
                times[name].append(wall(cmd))
    median = {name: statistics.median(values) for name, values in times.items()}
    for name, values in times.items():
        print(f"{name:<32} median {median[name]:.3f} s (min {min(values):.3f}, max {max(values):.3f}, {runs} runs)")
    ratios = (
        ("make grade / plain pytest in one process", "make grade IMPL=solutions", "pytest tests --impl=solutions", 1.0),
        ("make grade / import torch, torch._dynamo", "make grade IMPL=solutions", "import torch, torch._dynamo", None),
        ("grade ex01-ex06 / import torch", "grade ex01-ex06", "import torch", 1.3),
    )
    figures: dict[str, float] = {f"median s: {name}": round(value, 3) for name, value in median.items()}
    for label, top, bottom, target in ratios:
        ratio = median[top] / median[bottom]
        figures[f"ratio {label}"] = round(ratio, 3)
        print(f"ratio {label:<42} {ratio:.2f}" + (f"  (target <= {target})" if target else ""))
    record("grade_speed", figures, target="make grade / plain pytest <= 1.0; grade ex01-ex06 / import torch <= 1.3")
    return 0


if __name__ == "__main__":
    sys.exit(main())
