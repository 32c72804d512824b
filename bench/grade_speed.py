"""How much grading costs beyond importing torch.

Prints the ratio of the wall time of `make grade IMPL=solutions` to that of
`.venv/bin/python -c "import torch"` (the floor of any run that starts a fresh interpreter),
medians of N runs each, the two commands alternated so drift hits both alike.
Target (issue 3): 1.5 or less on a 2-core machine. Usage: python bench/grade_speed.py [N]
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = ROOT / ".venv" / "bin" / "python"


def wall(cmd: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, cwd=ROOT, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def main() -> int:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    with tempfile.TemporaryDirectory() as tmp:
        grade = ["make", "-s", "grade", "IMPL=solutions", f"RESULTS={tmp}/results.json"]
        baseline = [str(PYTHON), "-c", "import torch"]
        wall(grade), wall(baseline)  # warm the file cache
        grades, imports = [], []
        for _ in range(runs):
            grades.append(wall(grade))
            imports.append(wall(baseline))
    g, i = statistics.median(grades), statistics.median(imports)
    print(
        f"make grade IMPL=solutions : median {g:.3f} s over {runs} runs (min {min(grades):.3f}, max {max(grades):.3f})"
    )
    print(
        f"python -c 'import torch'  : median {i:.3f} s over {runs} runs (min {min(imports):.3f}, max {max(imports):.3f})"
    )
    print(f"ratio grade / import torch: {g / i:.2f}  (target <= 1.5)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
