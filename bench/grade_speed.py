"""How much grading costs beyond importing torch.

Prints the ratio of the wall time of `make grade IMPL=solutions` to that of
`.venv/bin/python -c "import torch"` (the floor of any run that starts a fresh interpreter),
medians of N runs each, all commands alternated in one invocation so drift hits them alike.
Target (issue 3): 1.5 or less on a 2-core machine.

Two more rows explain the figure: grading every exercise but ex07 (which trains a model), and
`import torch, torch._dynamo`, the floor of any process that calls a torch.optim optimizer's
step (its first step imports torch._dynamo). Usage: python bench/grade_speed.py [N]
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = str(ROOT / ".venv" / "bin" / "python")


def wall(cmd: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, cwd=ROOT, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def main() -> int:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    with tempfile.TemporaryDirectory() as tmp:
        commands = {
            "python -c 'import torch'": [PYTHON, "-c", "import torch"],
            "make grade IMPL=solutions": ["make", "-s", "grade", "IMPL=solutions", f"RESULTS={tmp}/r.json"],
            "grade ex01-ex06 (no training)": [
                PYTHON,
                "-m",
                "kata",
                "grade",
                "--impl=solutions",
                f"--results={tmp}/r2.json",
                "ex01",
                "ex02",
                "ex03",
                "ex04",
                "ex05",
                "ex06",
            ],
            "python -c 'import torch, torch._dynamo'": [PYTHON, "-c", "import torch, torch._dynamo"],
        }
        for cmd in commands.values():
            wall(cmd)  # warm the file cache
        times: dict[str, list[float]] = {name: [] for name in commands}
        for _ in range(runs):
            for name, cmd in commands.items():
                times[name].append(wall(cmd))
    base = statistics.median(times["python -c 'import torch'"])
    for name, values in times.items():
        median = statistics.median(values)
        print(
            f"{name:<42} median {median:.3f} s (min {min(values):.3f}, max {max(values):.3f}, {runs} runs)  ratio {median / base:.2f}"
        )
    full = statistics.median(times["make grade IMPL=solutions"]) / base
    print(f"ratio make grade / import torch: {full:.2f}  (target <= 1.5)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
