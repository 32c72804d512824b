"""`make mutants`: how much of the reference solutions the graded tests really hold.

cosmic-ray makes the mutants (its core operators, plus mutation/operators.py for statement
removal and default values) and runs the graded tests against each one (cosmic_ray.mutating.
mutate_and_test: the mutation written to a file, one test command per mutant, a time limit, the
file restored). This script only sets the stage around it: a temporary copy of solutions/ per
worker (the checkout is never touched), one cosmic-ray session per exercise under .mutants/ (read
them with `cr-report`), two workers, a warm pytest to fork from (mutation/forkserver.py; a fresh
interpreter per mutant with --no-fork), the score per exercise, and the survivors matched
against tests/equivalent_mutants.toml.

A mutant of an exercise runs against that exercise's own graded tests (tests/ and hidden_tests/):
a mistake in ex01 that only the ex07 tests notice would cost points in ex07 and send the learner
to the wrong file, so it counts as surviving. --with-dependents also runs the tests of the
exercises that import it.
"""

from __future__ import annotations

import argparse
import difflib
import os
import queue
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor, as_completed
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import attrs
import cosmic_ray.plugins
import tomllib
from cosmic_ray.mutating import mutate_and_test, mutate_code
from cosmic_ray.work_item import TestOutcome, WorkerOutcome, WorkItem, WorkResult

from mutation.forkclient import NO_RESULT
from mutation.operators import KataOperators

ROOT = Path(__file__).resolve().parent.parent
cosmic_ray.plugins.OPERATOR_PROVIDERS["kata"] = KataOperators()


@dataclass
class Mutant:
    exercise: str
    job_id: str
    operator: str
    line: int
    original: str  # the changed source lines, stripped, joined by newlines
    mutated: str
    outcome: str = ""  # killed, survived, equivalent, or "not run" (the run itself broke)
    reason: str = ""


@dataclass
class Exercise:
    name: str
    tests: list[Path]
    mutants: list[Mutant] = field(default_factory=list)
    duplicates: int = 0
    baseline_s: float = 0.0

    def count(self, outcome: str) -> int:
        return sum(m.outcome == outcome for m in self.mutants)

    @property
    def score(self) -> float:
        counted = len(self.mutants) - self.count("equivalent")
        return 100.0 * self.count("killed") / counted if counted else 100.0


def shown(path: Path) -> str:
    path = path.resolve()
    return str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path)


def normal(text: str) -> str:
    """Whitespace-insensitive form of source lines, so that an entry survives re-formatting."""
    return re.sub(r"\s+", "", text)


def same(listed: str, lines: str) -> bool:
    """An entry's text names these source lines, written one a line or joined by " / " as printed."""
    return normal(listed) in {normal(lines), normal(" / ".join(lines.splitlines()))}


def describe(source: str, mutated: str) -> tuple[int, str, str]:
    """(first changed line, original lines, mutated lines) of a one-place mutation."""
    old, new = source.splitlines(), mutated.splitlines()
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    changes = [op for op in matcher.get_opcodes() if op[0] != "equal"]
    first, last = changes[0], changes[-1]
    original = "\n".join(line.strip() for line in old[first[1] : last[2]])
    changed = "\n".join(line.strip() for line in new[first[3] : last[4]])
    return first[1] + 1, original, changed


def load_equivalents(path: Path) -> list[dict]:
    if not path.is_file():
        return []
    entries = tomllib.loads(path.read_text(encoding="utf-8")).get("equivalent", [])
    for entry in entries:
        missing = {"exercise", "original", "mutated", "reason"} - entry.keys()
        if missing:
            sys.exit(f"{path}: an [[equivalent]] entry lacks {sorted(missing)}: {entry}")
    return entries


def test_files(name: str, solutions: Path, test_dirs: list[Path], with_dependents: bool) -> list[Path]:
    names = [name]
    if with_dependents:
        importer = re.compile(rf"^\s*(from|import)\s+{name}\b", re.MULTILINE)
        names += [p.stem for p in sorted(solutions.glob("ex*.py")) if importer.search(p.read_text(encoding="utf-8"))]
    return [d / f"test_{n}.py" for n in names for d in test_dirs if (d / f"test_{n}.py").is_file()]


def pytest_command(impl: Path, tests: list[Path], server: Path | None) -> str:
    """The test command of one mutant: through the warm fork server, or a fresh pytest (--no-fork)."""
    files = " ".join(str(t) for t in tests)
    runner = f"-m mutation.forkclient {server}" if server else "-m pytest"
    options = "-q -x -p no:cacheprovider --tb=short -W ignore::pytest.PytestAssertRewriteWarning"
    return f"{sys.executable} {runner} {options} --impl={impl} {files}"


@contextmanager
def fork_server(folder: Path, enabled: bool) -> Iterator[Path | None]:
    """mutation/forkserver.py, started once and stopped at the end (None with --no-fork)."""
    if not enabled:
        yield None
        return
    path = folder / "pytest.sock"
    server = subprocess.Popen(
        [sys.executable, "-m", "mutation.forkserver", str(path)], cwd=ROOT, stdout=subprocess.PIPE, text=True
    )
    try:
        if server.stdout.readline().strip() != "ready":
            sys.exit("the fork server (mutation/forkserver.py) did not start: try --no-fork")
        yield path
    finally:
        server.kill()
        server.wait()


def plan(exercise: Exercise, pristine: Path, sessions: Path) -> list[WorkItem]:
    """One cosmic-ray session per exercise; mutants whose code is the same as an earlier one's
    (two operators making the same change) are recorded as skipped and not counted."""
    module = pristine / f"{exercise.name}.py"
    source = module.read_text(encoding="utf-8")
    from cosmic_ray.commands import init  # with cosmic_ray.work_db, SQLAlchemy: 0.7 s of the fast tier's imports
    from cosmic_ray.work_db import WorkDB, use_db

    seen: set[str] = set()
    work: list[WorkItem] = []
    with use_db(str(sessions / f"{exercise.name}.sqlite"), WorkDB.Mode.create) as db:
        init([module], db, {})
        for item in sorted(db.work_items, key=lambda w: (w.mutations[0].operator_name, w.mutations[0].occurrence)):
            spec = item.mutations[0]
            operator = cosmic_ray.plugins.get_operator(spec.operator_name)(**spec.operator_args)
            mutated = mutate_code(source, operator, spec.occurrence)
            if mutated is None or mutated == source or mutated in seen:
                db.set_result(item.job_id, WorkResult(worker_outcome=WorkerOutcome.SKIPPED))
                exercise.duplicates += 1
                continue
            seen.add(mutated)
            line, original, changed = describe(source, mutated)
            exercise.mutants.append(Mutant(exercise.name, item.job_id, spec.operator_name, line, original, changed))
            work.append(item)
    return work


def main() -> int:
    from cosmic_ray.work_db import WorkDB, use_db

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--solutions", type=Path, default=ROOT / "solutions")
    parser.add_argument("--tests", type=Path, nargs="+", default=[ROOT / "tests", ROOT / "hidden_tests"])
    parser.add_argument("--equivalents", type=Path, default=ROOT / "tests" / "equivalent_mutants.toml")
    parser.add_argument("--sessions", type=Path, default=ROOT / ".mutants", help="cosmic-ray session files")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--threshold", type=float, default=95.0)
    parser.add_argument("--only", nargs="*", default=[], help="exercise names, e.g. ex01_one_hot")
    parser.add_argument("--with-dependents", action="store_true", help="also run the tests of importing exercises")
    parser.add_argument("--no-fork", action="store_true", help="a fresh pytest process per mutant (slower)")
    args = parser.parse_args()
    started = time.monotonic()

    names = [p.stem for p in sorted(args.solutions.glob("ex*.py")) if not args.only or p.stem in args.only]
    exercises = {n: Exercise(n, test_files(n, args.solutions, args.tests, args.with_dependents)) for n in names}
    untested = [e.name for e in exercises.values() if not e.tests]
    if untested:
        print(f"No graded test file found for {', '.join(untested)} in {', '.join(shown(d) for d in args.tests)}.")
        return 2
    shutil.rmtree(args.sessions, ignore_errors=True)
    args.sessions.mkdir(parents=True)

    with tempfile.TemporaryDirectory(prefix="kata-mutants-") as tmp, fork_server(Path(tmp), not args.no_fork) as server:
        pristine = Path(tmp) / "pristine"
        shutil.copytree(args.solutions, pristine, ignore=shutil.ignore_patterns("__pycache__"))
        copies: queue.Queue[Path] = queue.Queue()
        for worker in range(args.jobs):
            copy = Path(tmp) / f"worker{worker}" / "solutions"
            shutil.copytree(pristine, copy)
            copies.put(copy)

        # The unmutated solutions must pass: otherwise every mutant would count as killed.
        def baseline(exercise: Exercise) -> tuple[Exercise, subprocess.CompletedProcess, float]:
            copy = copies.get()
            try:
                begin = time.monotonic()
                command = pytest_command(copy, exercise.tests, server).split()
                done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=300)
                return exercise, done, time.monotonic() - begin
            finally:
                copies.put(copy)

        with ThreadPoolExecutor(args.jobs) as pool:
            for exercise, done, seconds in pool.map(baseline, exercises.values()):
                exercise.baseline_s = seconds
                if done.returncode != 0:
                    print(done.stdout[-3000:], done.stderr[-3000:])
                    print(
                        f"The graded tests fail on the unmutated {exercise.name} (exit {done.returncode}): fix that first."
                    )
                    return 2

        work = [(e, item) for e in exercises.values() for item in plan(e, pristine, args.sessions)]
        # Slow exercises first, so that the two workers finish together.
        work.sort(key=lambda pair: -pair[0].baseline_s)
        print(f"{len(work)} mutants over {len(exercises)} exercises, {args.jobs} workers", flush=True)

        def run_one(exercise: Exercise, item: WorkItem) -> tuple[Exercise, WorkItem, WorkResult]:
            copy = copies.get()
            try:
                spec = attrs.evolve(item.mutations[0], module_path=copy / f"{exercise.name}.py")
                timeout = max(30.0, 4 * exercise.baseline_s + 10)  # a mutant may loop forever
                return exercise, item, mutate_and_test([spec], pytest_command(copy, exercise.tests, server), timeout)
            finally:
                copies.put(copy)

        results: dict[str, WorkResult] = {}
        with ThreadPoolExecutor(args.jobs) as pool:
            futures = [pool.submit(run_one, e, item) for e, item in work]
            for number, future in enumerate(as_completed(futures), 1):
                exercise, item, result = future.result()
                results[item.job_id] = result
                with use_db(str(args.sessions / f"{exercise.name}.sqlite"), WorkDB.Mode.open) as db:
                    db.set_result(item.job_id, result)
                if number % 25 == 0 or number == len(futures):
                    print(f"  {number}/{len(futures)} mutants run, {time.monotonic() - started:.0f} s", flush=True)

    equivalents = load_equivalents(args.equivalents)
    return report(exercises, results, equivalents, args, time.monotonic() - started)


def report(
    exercises: dict[str, Exercise], results: dict[str, WorkResult], equivalents: list[dict], args, seconds
) -> int:
    used: set[int] = set()
    problems: list[str] = []
    broken = False
    for exercise in exercises.values():
        for mutant in exercise.mutants:
            result = results[mutant.job_id]
            if "INTERNALERROR" in (result.output or ""):
                problems.append(
                    f"{mutant.exercise} line {mutant.line}: pytest itself crashed (INTERNALERROR), counted as killed"
                )
            if result.worker_outcome != WorkerOutcome.NORMAL or NO_RESULT in (result.output or ""):
                problems.append(
                    f"{mutant.exercise} line {mutant.line}: not run ({result.worker_outcome}): {result.output}"
                )
            listed = [
                i
                for i, e in enumerate(equivalents)
                if e["exercise"] == mutant.exercise
                and same(e["original"], mutant.original)
                and same(e["mutated"], mutant.mutated)
            ]
            used.update(listed)
            if NO_RESULT in (result.output or "") or result.worker_outcome != WorkerOutcome.NORMAL:
                mutant.outcome = "not run"
                broken = True
            elif result.test_outcome == TestOutcome.KILLED:
                mutant.outcome = "killed"
                if listed:
                    problems.append(
                        f"{mutant.exercise} line {mutant.line}: listed as equivalent but killed: remove it from {args.equivalents.name}"
                    )
            elif listed:
                mutant.outcome, mutant.reason = "equivalent", equivalents[listed[0]]["reason"]
            else:
                mutant.outcome = "survived"

    print(f"\nMutation score per exercise (killed / non-equivalent mutants), threshold {args.threshold:g}%")
    print(f"{'exercise':<24}{'mutants':>8}{'killed':>8}{'equiv.':>8}{'survived':>9}{'score':>9}  tests run")
    failing = []
    for e in exercises.values():
        print(
            f"{e.name:<24}{len(e.mutants):>8}{e.count('killed'):>8}{e.count('equivalent'):>8}"
            f"{e.count('survived'):>9}{e.score:>8.1f}%  {', '.join(shown(t) for t in e.tests)}"
        )
        if e.score < args.threshold:
            failing.append(e.name)
    duplicates = sum(e.duplicates for e in exercises.values())
    print(f"({duplicates} mutants skipped as duplicates of another operator's mutant; {seconds:.0f} s in all)")

    survivors = [m for e in exercises.values() for m in e.mutants if m.outcome == "survived"]
    if survivors:
        print(
            f"\nSurviving mutants ({len(survivors)}): kill each with a test, or list it with its reason in {shown(args.equivalents)}"
        )
        for m in survivors:
            print(
                f"  {m.exercise} line {m.line} [{m.operator}]: {' / '.join(m.original.splitlines())}  ->  {' / '.join(m.mutated.splitlines())}"
            )
    stale = [e for i, e in enumerate(equivalents) if i not in used and (not args.only or e["exercise"] in args.only)]
    for entry in stale:
        problems.append(
            f"{args.equivalents.name}: no mutant matches the entry {entry['exercise']}: {entry['original']!r} -> {entry['mutated']!r} (stale?)"
        )
    if problems:
        print("\nNotes:")
        for line in problems:
            print(f"  {line}")
    print(
        f"\nDetails (test output per mutant): .venv/bin/cr-report {shown(args.sessions)}/<exercise>.sqlite --show-output"
    )
    if broken:
        print("Some mutants could not be run (see the notes above): no score is valid until they are.")
        return 2
    if failing:
        print(f"Below {args.threshold:g}%: {', '.join(failing)}")
        return 1
    return 0


if __name__ == "__main__":
    os.chdir(ROOT)
    sys.exit(main())
