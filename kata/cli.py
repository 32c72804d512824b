"""`python -m kata test|grade`: what the Makefile's targets run."""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path
from typing import NoReturn

from kata import EXERCISES_DIR, ROOT

DEFAULT_TIMEOUT = 10.0


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m kata", description="Grade the RNN basics kata.")
    sub = parser.add_subparsers(dest="command", required=True)
    for name, text in (
        ("test", "grade a tree and show the scoreboard"),
        ("grade", "grade a tree and write results.json"),
    ):
        cmd = sub.add_parser(name, help=text)
        cmd.add_argument("--impl", default=str(EXERCISES_DIR), help="folder of exercise files (default: exercises)")
        cmd.add_argument(
            "--timeout",
            type=float,
            default=float(os.environ.get("KATA_TIMEOUT", DEFAULT_TIMEOUT)),
            help="seconds per test",
        )
        cmd.add_argument(
            "--jobs",
            type=int,
            default=int(os.environ.get("KATA_JOBS", min(os.cpu_count() or 1, 4))),
            help="exercises graded at once",
        )
        cmd.add_argument("exercises", nargs="*", help="only these exercises (ex02 or ex02_batch)")
        if name == "grade":
            cmd.add_argument("--results", default="results.json", help="where to write the results")
            cmd.add_argument("--format", choices=("gradescope", "exercism", "classroom"), default="gradescope")
            cmd.add_argument("--public-only", action="store_true", help="leave out hidden_tests/")
    batch = sub.add_parser("grade-all", help="grade every sub-folder of a folder into a gradebook")
    batch.add_argument("--submissions", required=True, help="folder with one sub-folder per student")
    batch.add_argument("--out", default="gradebook.csv", help="the CSV to write (a .json is written beside it)")
    batch.add_argument("--timeout", type=float, default=float(os.environ.get("KATA_TIMEOUT", DEFAULT_TIMEOUT)))
    batch.add_argument("--jobs", type=int, default=int(os.environ.get("KATA_JOBS", os.cpu_count() or 1)))
    for name, text in (
        ("release", "write a student copy to a new folder"),
        ("autograder", "build a Gradescope autograder zip"),
    ):
        cmd = sub.add_parser(name, help=text)
        cmd.add_argument("--out", required=True)
    return parser.parse_args(argv)


def usage_error(message: str) -> NoReturn:
    """Exit 2: the command was asked wrongly (1 means tests failed)."""
    print(f"kata: {message}", file=sys.stderr)
    sys.exit(2)


def resolve_impl(raw: str) -> Path:
    path = Path(raw)
    if not path.is_absolute() and not path.exists() and (ROOT / path).exists():
        path = ROOT / path  # `make test IMPL=solutions` from anywhere
    if not path.is_dir():
        usage_error(f"the folder to grade, {raw!r}, does not exist. Give IMPL=a folder of exercise files.")
    return path.resolve()


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if args.command in ("release", "autograder"):
        return instructor_command(args)
    if args.command in ("test", "grade") and not os.environ.get("KATA_PRISTINE"):
        code = grade_with_pristine_copies_if_tampered(args, argv if argv is not None else sys.argv[1:])
        if code is not None:
            return code
    if args.command == "grade-all":
        return grade_all_command(args)
    started = time.monotonic()
    impl = resolve_impl(args.impl)

    # Import everything a child needs before forking, so each child starts warm.
    import pytest  # noqa: F401
    import torch

    import kata.plugin  # noqa: F401
    from kata import report
    from kata.device import pick_device
    from kata.isolation import run_exercises
    from kata.manifest import find_exercise, load_manifest
    from kata.paths import display_path

    exercises = load_manifest()
    if args.exercises:
        chosen = [find_exercise(name, exercises) for name in args.exercises]
        unknown = [n for n, e in zip(args.exercises, chosen) if e is None]
        if unknown:
            usage_error(f"no exercise named {', '.join(unknown)}. Known: {', '.join(e.name for e in exercises)}.")
        exercises = [e for e in exercises if e in chosen]

    try:
        device = pick_device()
    except ValueError as error:
        usage_error(str(error))
    print(f"RNN basics kata | grading {display_path(impl)}/ | device {device} | torch {torch.__version__}", flush=True)
    hidden = args.command == "grade" and not args.public_only
    results = run_exercises(exercises, impl, timeout=args.timeout, jobs=args.jobs, hidden=hidden)
    elapsed = time.monotonic() - started

    if args.command == "grade":
        writers = {
            "gradescope": lambda: report.gradescope(exercises, results, elapsed),
            "exercism": lambda: report.exercism(exercises, results),
            "classroom": lambda: report.classroom(exercises, results),
        }
        data = writers[args.format]()
        report.write_json(data, Path(args.results))
        passed = sum(report.passed_count(r) for r in results.values())
        total = sum(len(r) for r in results.values())
        print(f"{passed}/{total} tests passed; {args.format} results written to {args.results}")
        return 0
    print(report.scoreboard(exercises, results, impl))
    everything_passed = all(r.passed for rs in results.values() for r in rs)
    return 0 if everything_passed else 1


def instructor_command(args: argparse.Namespace) -> int:
    from kata import instructor

    out = Path(args.out)
    if args.command == "release":
        try:
            copied = instructor.make_release(out)
        except FileExistsError as error:
            usage_error(str(error))
        print(f"student copy written to {out}: {len(copied)} files, no solutions, no hidden tests")
    else:
        names = instructor.make_autograder(out)
        print(f"Gradescope autograder written to {out}: {len(names)} files (setup.sh, run_autograder, grader, tests)")
    return 0


def grade_with_pristine_copies_if_tampered(args: argparse.Namespace, argv: list[str]) -> int | None:
    """In a student release, grading files changed since the release are reported, and the
    grading runs from the release's pristine copies instead. None when nothing changed."""
    import subprocess
    import tempfile

    from kata.instructor import materialize_pristine, tampered

    changed = tampered()
    if not changed:
        return None
    print(
        "kata: these grading files were modified since the release: " + ", ".join(changed) + ".\n"
        "kata: grading with the pristine copies instead (edit only the files in exercises/).",
        file=sys.stderr,
    )
    absolute = []
    for arg in argv:
        for flag in ("--impl=", "--results="):
            if arg.startswith(flag):
                arg = flag + str(
                    Path(arg[len(flag) :]).resolve() if flag == "--results=" else resolve_impl(arg[len(flag) :])
                )
        absolute.append(arg)
    if not any(a.startswith("--impl=") for a in absolute):
        absolute.append(f"--impl={EXERCISES_DIR}")
    if args.command == "grade" and not any(a.startswith("--results=") for a in absolute):
        absolute.append(f"--results={Path(args.results).resolve()}")
    with tempfile.TemporaryDirectory(prefix="kata-pristine-") as pristine:
        materialize_pristine(ROOT, Path(pristine))
        env = {**os.environ, "KATA_PRISTINE": "1", "PYTHONPATH": pristine, "PYTHONDONTWRITEBYTECODE": "1"}
        return subprocess.run([sys.executable, "-m", "kata", *absolute], cwd=pristine, env=env).returncode


def grade_all_command(args: argparse.Namespace) -> int:
    from kata.batch import grade_all, submissions_in, write_gradebook
    from kata.manifest import load_manifest

    folder = resolve_impl(args.submissions)
    exercises = load_manifest()
    count = len(submissions_in(folder))
    if count == 0:
        usage_error(f"{folder} holds no sub-folders: give one folder per student.")
    started = time.monotonic()
    book = grade_all(folder, exercises, timeout=args.timeout, parallel=args.jobs)
    json_path = write_gradebook(book, exercises, Path(args.out))
    print(f"graded {count} submissions in {time.monotonic() - started:.1f} s; wrote {args.out} and {json_path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
