"""The slow tier as `make check` runs it: its test files split into pytest processes that run
side by side (`python -m grader_tests.streams`), each stream's output shown, then one summary.

One pytest process runs the slow tier on about one core of two: its tests mostly wait on the
real processes they start, one after another. The stream that holds the tests reading the golden
grades (grader_tests/conftest.py) grades them in the background as it starts, so it is given
fewer other tests; each remaining file goes, the costliest first, to the stream with the least
measured cost so far. A file not in COSTS (a new one) counts as DEFAULT_COST."""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
GOLDEN_FILES = ("test_scenarios.py", "test_korean.py")  # they read the golden grades: one stream has them all
# Seconds of wall each file's tests took in one process beside the golden grades (f86ee6c), and
# the golden grades' own cost as the stream that holds them sees it.
COSTS = {
    "test_sandbox.py": 82,
    "test_learners_way.py": 36,
    "test_instructor.py": 31,
    "test_cli.py": 30,
    "test_formats.py": 26,
    "test_korean.py": 21,
    "test_learner.py": 21,
    "test_student_copy.py": 17,
    "test_notebook.py": 12,
    "test_grading_files.py": 8,
    "test_time_limits.py": 6,
    "test_windows_simulation.py": 5,
    "test_setup.py": 3,
    "test_install.py": 2,
    "test_submission.py": 2,
}
GOLDEN_COST = 100
DEFAULT_COST = 10


def split(files: list[str], streams: int, golden_cost: int = GOLDEN_COST) -> list[list[str]]:
    """The files of each stream: the golden readers together in the first, then the costliest
    file first to the stream with the least cost so far."""
    chosen: list[list[str]] = [[name for name in files if name in GOLDEN_FILES]] + [[] for _ in range(streams - 1)]
    cost = [golden_cost + sum(COSTS.get(name, DEFAULT_COST) for name in chosen[0])] + [0] * (streams - 1)
    rest = sorted((name for name in files if name not in GOLDEN_FILES), key=lambda name: -COSTS.get(name, DEFAULT_COST))
    for name in rest:
        cheapest = cost.index(min(cost))
        chosen[cheapest].append(name)
        cost[cheapest] += COSTS.get(name, DEFAULT_COST)
    return [sorted(names) for names in chosen if names]


def summary_counts(output: str) -> dict[str, int]:
    """The counts of pytest's last line (`3 failed, 120 passed, 2 skipped in 80.1s`)."""
    lines = [line for line in output.splitlines() if line.strip()]
    last = lines[-1] if lines else ""
    return {word: int(n) for n, word in re.findall(r"(\d+) (\w+)", last)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--streams", type=int, default=2)
    parser.add_argument("--golden-cost", type=int, default=GOLDEN_COST)
    parser.add_argument("pytest_args", nargs="*", help="more arguments for every pytest (after --)")
    args = parser.parse_args(argv)
    files = sorted(path.name for path in HERE.glob("test_*.py"))
    plan = split(files, args.streams, args.golden_cost)
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="kata-slow-tier-") as scratch:
        runs = []
        for number, names in enumerate(plan, 1):
            log = Path(scratch, f"stream{number}.log")
            command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--durations=5"]
            command += [f"--basetemp={scratch}/tmp{number}", *args.pytest_args, *(f"grader_tests/{n}" for n in names)]
            with log.open("w") as sink:
                process = subprocess.Popen(command, cwd=ROOT, stdout=sink, stderr=subprocess.STDOUT)
            print(f"stream {number}: {' '.join(names)}", flush=True)
            runs.append((number, log, process))
        totals: dict[str, int] = {}
        failed = []
        for number, log, process in runs:
            code = process.wait()
            output = log.read_text(errors="replace")
            print(f"\n===== stream {number} (exit {code}) =====\n{output}", end="", flush=True)
            for word, n in summary_counts(output).items():
                totals[word] = totals.get(word, 0) + n
            if code != 0:
                failed.append(number)
    counts = ", ".join(f"{n} {word}" for word, n in sorted(totals.items()))
    verdict = f"FAILED (stream {', '.join(map(str, failed))})" if failed else "passed"
    print(f"\nslow tier {verdict}: {counts} in {time.monotonic() - started:.0f} s, {len(plan)} streams")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
