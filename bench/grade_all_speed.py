"""Batch grading against one `make grade` per submission, and per submission against `import torch`.

Makes N copies of solutions/ (default 100) and prints, measured in one invocation, the ratio of
the wall time of one `make grade-all` over them to the wall time of N separate `make grade`
runs (target, issue 6: 0.2 or less), and grade-all's time per submission against
`python -c "import torch"` (median of 3, taken beside it; target, issue 26: 0.5 or less). Timing all N separate runs takes minutes; with
--sample K only K of them are timed and their mean is scaled to N (the script says so). Each
phase is announced on stderr as it starts: with 100 copies the whole run takes many minutes on a
loaded 2-core machine, and nothing else is printed before the figures.
Usage: python bench/grade_all_speed.py [--copies N] [--sample K]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from record import record  # bench/record.py: bench/results/<script>.json

ROOT = Path(__file__).resolve().parent.parent


def wall(cmd: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, cwd=ROOT, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def say(doing: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {doing} ...", file=sys.stderr, flush=True)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--copies", type=int, default=100)
    parser.add_argument("--sample", type=int, default=0, help="time only this many separate runs and scale")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        subs = Path(tmp) / "submissions"
        for i in range(args.copies):
            shutil.copytree(ROOT / "solutions", subs / f"student{i:03d}", ignore=shutil.ignore_patterns("__pycache__"))
        separate_runs = args.sample or args.copies
        say(f"timing {separate_runs} separate make grade runs, one after another")
        singles = [
            wall(["make", "-s", "grade", f"IMPL={subs / f'student{i:03d}'}", f"RESULTS={tmp}/r{i}.json"])
            for i in range(separate_runs)
        ]
        torch_before = wall([str(ROOT / ".venv" / "bin" / "python"), "-c", "import torch"])
        say(f"timing one make grade-all over {args.copies} submissions")
        batch = wall(["make", "-s", "grade-all", f"SUBMISSIONS={subs}", f"OUT={tmp}/gradebook.csv"])
        torch_after = [wall([str(ROOT / ".venv" / "bin" / "python"), "-c", "import torch"]) for _ in range(2)]
    import_torch = statistics.median([torch_before, *torch_after])
    separate = sum(singles) if separate_runs == args.copies else statistics.mean(singles) * args.copies
    how = "timed" if separate_runs == args.copies else f"mean of {separate_runs} timed runs x {args.copies}"
    print(
        f"{args.copies} separate make grade runs: {separate:.1f} s ({how}; median one run {statistics.median(singles):.2f} s)"
    )
    print(f"one make grade-all over {args.copies} submissions: {batch:.1f} s")
    print(f"ratio grade-all / separate: {batch / separate:.3f}  (target <= 0.2)")
    per = batch / args.copies
    print(
        f"grade-all per submission {per:.3f} s / import torch {import_torch:.3f} s: {per / import_torch:.3f}  (target <= 0.5)"
    )
    figures = {
        "separate s": round(separate, 1),
        "grade-all s": round(batch, 1),
        "ratio": round(batch / separate, 3),
        "per submission / import torch": round(per / import_torch, 3),
    }
    record("grade_all_speed", figures, target="ratio grade-all / separate <= 0.2; per submission / import torch <= 0.5")
    return 0


if __name__ == "__main__":
    sys.exit(main())
