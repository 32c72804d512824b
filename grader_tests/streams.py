"""The slow tier as `make check` runs it: its test files split into pytest processes that run
side by side (`python -m grader_tests.streams`), each stream's output shown, then one summary.

One pytest process runs the slow tier on about one core of two: its tests mostly wait on the
real processes they start, one after another. The stream that holds the tests reading the golden
grades (grader_tests/conftest.py) grades them in the background as it starts, so it is given
fewer other tests; each remaining file goes, the costliest first, to the stream with the least
measured cost so far. A file not in COSTS (a new one) counts as DEFAULT_COST."""

from __future__ import annotations

import argparse
import contextlib
import os
import re
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
GOLDEN_FILES = ("test_scenarios.py", "test_korean_reports.py")  # they read the golden grades: one stream has them all
# Each file's tests in seconds of wall, alone in a pytest process of its own on a quiet 2-core
# machine, less pytest's own start (2.7 s), measured at b65063f (test_cli.py and
# test_learners_way.py estimated once most of their commands moved to the warm server, fb47d7c);
# and the golden grades' weight on the stream that grades them, set so that the two streams end
# together: with these costs, 60 left the golden stream 15 s behind the other (fd9b20b), and 70
# left it 4 s behind (b806f1f); with the costs measured before, 70 left it 20 s ahead (860f65b).
COSTS = {
    "test_sandbox_class.py": 33,
    "test_sandbox_grading_files.py": 23,
    "test_sandbox_reach.py": 10,
    "test_instructor.py": 13,
    "test_cli.py": 12,
    "test_formats.py": 11,
    "test_student_copy.py": 16,
    "test_korean_wrapping.py": 8,
    "test_korean_texts.py": 4,
    "test_korean_reports.py": 2,
    "test_korean_particles.py": 1,
    "test_korean_wording.py": 1,
    "test_learners_way.py": 16,
    "test_grading_files.py": 3,
    "test_notebook.py": 11,
    "test_windows_simulation.py": 5,
    "test_learner.py": 17,
    "test_setup.py": 5,
    "test_time_limits.py": 6,
    "test_submission.py": 3,
    "test_install.py": 1,
    "test_bundle.py": 1,
    "test_confinement.py": 1,
    "test_hints.py": 1,
    "test_scenarios.py": 0,  # its tests read the golden grades: GOLDEN_COST
}
GOLDEN_COST = 70
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


class Stream:
    """One pytest process, its output going to a log file until it is shown."""

    def __init__(self, label: str, arguments: list[str], log: Path) -> None:
        self.label, self.log = label, log
        command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *arguments]
        with log.open("w") as sink:  # a session of its own, so that a stopped stream takes its children along
            self.process = subprocess.Popen(
                command, cwd=ROOT, stdout=sink, stderr=subprocess.STDOUT, start_new_session=True
            )
        self.code: int | None = None
        self.cpu = 0.0

    def wait(self) -> int:
        """Its exit code; its CPU seconds (the process and the children it waited for) in self.cpu."""
        _, status, usage = os.wait4(self.process.pid, 0)
        self.process.returncode = self.code = os.waitstatus_to_exitcode(status)
        self.cpu = usage.ru_utime + usage.ru_stime
        return self.code

    def stop(self) -> None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGTERM)

    def show(self) -> str:
        """Prints the stream's output under a heading; returns it."""
        output = self.log.read_text(errors="replace")
        print(f"\n===== {self.label} (exit {self.code}, {self.cpu:.0f} s of CPU) =====\n{output}", end="", flush=True)
        return output


def main(argv: list[str] | None = None) -> int:
    """The fast tier and the slow tier's streams start together (the fast tier alone would leave a
    core idle); the fast tier's output comes first, and when it fails the slow tier is stopped."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--streams", type=int, default=2, help="pytest processes for the slow tier")
    parser.add_argument("--golden-cost", type=int, default=GOLDEN_COST)
    parser.add_argument("pytest_args", nargs="*", help="more arguments for every pytest of the slow tier (after --)")
    args = parser.parse_args(argv)
    plan = split(sorted(path.name for path in HERE.glob("test_*.py")), args.streams, args.golden_cost)
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="kata-check-") as scratch:
        fast = Stream(
            "fast tier: grader_tests/unit",
            [f"--basetemp={scratch}/unit", "grader_tests/unit"],
            Path(scratch, "unit.log"),
        )
        slow = []
        for number, names in enumerate(plan, 1):
            arguments = ["--durations=5", f"--basetemp={scratch}/tmp{number}", *args.pytest_args]
            label = f"slow tier, stream {number}: {' '.join(names)}"
            slow.append(Stream(label, arguments + [f"grader_tests/{n}" for n in names], Path(scratch, f"{number}.log")))
        if fast.wait() != 0:
            for stream in slow:
                stream.stop()
                stream.wait()
            fast.show()
            print("\nfast tier FAILED: the slow tier was stopped")
            return 1
        fast.show()
        totals: dict[str, int] = {}
        for stream in slow:
            stream.wait()
            for word, n in summary_counts(stream.show()).items():
                totals[word] = totals.get(word, 0) + n
    failed = [str(number) for number, stream in enumerate(slow, 1) if stream.code != 0]
    counts = ", ".join(f"{n} {word}" for word, n in sorted(totals.items()))
    verdict = f"FAILED (stream {', '.join(failed)})" if failed else "passed"
    cpu = sum(stream.cpu for stream in (fast, *slow))
    print(
        f"\nslow tier {verdict}: {counts}; both tiers {time.monotonic() - started:.0f} s, {cpu:.0f} s of CPU, {len(plan)} streams"
    )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
