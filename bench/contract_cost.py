"""What the contract checks (issue 9) cost, and whether their verdicts are reproducible.

1. Speed: `python -m kata test --impl=solutions` in this checkout against the same command in a
   checkout of an earlier commit (default: the commit before the contract checks), both with this
   venv, medians of N runs, alternated in one invocation so machine drift hits both alike.
   Target: at most 1.30 (30% longer).
2. Reproducibility: the full grade of a tree with many wrong answers (the reference solutions
   with the `named-causes` and `positions-checked-partly` golden submissions on top), run R times;
   every run must give the same verdict and message for every test.

Usage: python bench/contract_cost.py [--base REF] [--runs N] [--repeats R]
"""

from __future__ import annotations

import argparse
import json
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
SCENARIOS = ROOT / "grader_tests" / "scenarios"


def wall(cmd: list[str], cwd: Path) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # exit 1 is fine
    return time.perf_counter() - start


def speed(base_ref: str, runs: int, tmp: Path) -> tuple[float, dict[str, float]]:
    base = tmp / "base"
    subprocess.run(
        ["git", "worktree", "add", "--detach", str(base), base_ref], cwd=ROOT, check=True, capture_output=True
    )
    try:
        command = [PYTHON, "-m", "kata", "test", "--impl=solutions"]
        trees = {f"before ({base_ref})": base, "now": ROOT}
        for tree in trees.values():
            wall(command, tree)  # warm the file cache
        times: dict[str, list[float]] = {name: [] for name in trees}
        for _ in range(runs):
            for name, tree in trees.items():
                times[name].append(wall(command, tree))
    finally:
        subprocess.run(["git", "worktree", "remove", "--force", str(base)], cwd=ROOT, capture_output=True)
    for name, values in times.items():
        print(
            f"make test IMPL=solutions, {name:<24} median {statistics.median(values):.3f} s "
            f"(min {min(values):.3f}, max {max(values):.3f}, {runs} runs)"
        )
    ratio = statistics.median(times["now"]) / statistics.median(times[f"before ({base_ref})"])
    print(f"ratio now / before: {ratio:.2f}  (target <= 1.30)")
    medians = {name: round(statistics.median(values), 3) for name, values in times.items()}
    return ratio, medians


def verdicts(repeats: int, tmp: Path) -> bool:
    tree = tmp / "wrong"
    tree.mkdir()
    for source in (ROOT / "solutions").glob("ex*.py"):
        shutil.copy2(source, tree / source.name)
    for scenario in ("positions-checked-partly", "named-causes"):
        for source in (SCENARIOS / scenario / "submission").glob("*.py"):
            shutil.copy2(source, tree / source.name)
    seen = set()
    for run in range(repeats):
        results = tmp / f"results-{run}.json"
        subprocess.run(
            [PYTHON, "-m", "kata", "grade", f"--impl={tree}", f"--results={results}"],
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        tests = json.loads(results.read_text())["tests"]
        seen.add(json.dumps([(t["name"], t["status"], t["output"]) for t in tests]))
    failing = sum(t["status"] != "passed" for t in tests)
    same = len(seen) == 1
    print(
        f"verdicts of {repeats} runs on a tree failing {failing}/{len(tests)} tests: {'identical' if same else 'DIFFERENT'}"
    )
    return same


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--base", default="80f202d", help="commit to compare with (default: before issue 9)")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--repeats", type=int, default=10)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        ratio, medians = speed(args.base, args.runs, Path(tmp))
        same = verdicts(args.repeats, Path(tmp))
    figures = {**{f"median s: {name}": value for name, value in medians.items()}, "ratio": round(ratio, 3)}
    record("contract_cost", {**figures, "verdicts identical": same}, target="ratio now / before <= 1.30")
    return 0 if ratio <= 1.30 and same else 1


if __name__ == "__main__":
    sys.exit(main())
