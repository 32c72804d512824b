"""`make watch`: one warm process that re-grades an exercise each time its file is saved.

torch and pytest stay imported in this process; each re-grade forks a child exactly as
`make test` does, so broken learner code is survived the same way.
"""

from __future__ import annotations

import time
from pathlib import Path

from kata import report, state
from kata.i18n import _
from kata.isolation import run_exercises
from kata.manifest import Exercise
from kata.paths import display_path


def stamp(path: Path) -> tuple[int, int] | None:
    try:
        info = path.stat()
    except OSError:
        return None
    return info.st_mtime_ns, info.st_size


def verdict(exercise: Exercise, tests: list, impl: Path) -> str:
    passed = report.passed_count(tests)
    clock = time.strftime("%H:%M:%S")
    mark = _("PASS") if tests and passed == len(tests) else _("FAIL")
    lines = [
        f"[{clock}] {mark} "
        + _("{name}: {passed}/{total} tests pass", name=exercise.name, passed=passed, total=len(tests))
    ]
    if passed < len(tests):
        lines += report.failure_details(exercise, tests, impl, show_failures=2, watching=True)
    return "\n".join(lines)


def watch(exercises: list[Exercise], impl: Path, *, timeout: float, jobs: int, poll: float) -> int:
    seen = {e.name: stamp(impl / e.filename) for e in exercises}  # before grading: a save meanwhile counts
    results = run_exercises(exercises, impl, timeout=timeout, jobs=jobs)
    state.record_progress(results, impl)
    print("\n".join(report.status_lines(exercises, results)))
    print(report.next_line(report.first_unfinished(exercises, results), impl))
    print(
        "\n" + _("Watching {folder} for changes: save a file to re-grade it. Ctrl-C stops.", folder=display_path(impl)),
        flush=True,
    )
    try:
        while True:
            time.sleep(poll)
            for exercise in exercises:
                now = stamp(impl / exercise.filename)
                if now == seen[exercise.name]:
                    continue
                seen[exercise.name] = now
                results.update(run_exercises([exercise], impl, timeout=timeout, jobs=1))
                state.record_progress({exercise.name: results[exercise.name]}, impl)
                print("\n" + verdict(exercise, results[exercise.name], impl), flush=True)
                done = sum(
                    1
                    for e in exercises
                    if results[e.name] and report.passed_count(results[e.name]) == len(results[e.name])
                )
                print(
                    "  "
                    + _("Progress {bar} exercises done", bar=report.progress_bar(done, len(exercises)))
                    + "\n"
                    + report.next_line(report.first_unfinished(exercises, results), impl),
                    flush=True,
                )
    except KeyboardInterrupt:
        print()
        return 0
