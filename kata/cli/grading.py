"""test, grade, list and watch: grade a tree, then report as each command does; in a student
release whose grading files changed, grade from the pristine copies."""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

from kata import EXERCISES_DIR, ROOT
from kata.cli.common import chosen_exercises, confinement, header, resolve_impl, warn_if_graded_code_keeps_root
from kata.core import launcher
from kata.core.settings import interview_mode, settings
from kata.core.text import indent
from kata.i18n import _


def grade_command(args: argparse.Namespace) -> int:
    """test, grade, list and watch: grade a tree, then report as each command does."""
    started = time.monotonic()
    if getattr(args, "submission", ""):
        import atexit
        import shutil
        import tempfile

        from kata.instructor.submissions import graded_folder

        scratch = Path(tempfile.mkdtemp(prefix="kata-submission-"))
        atexit.register(shutil.rmtree, scratch, True)
        args.impl = str(graded_folder(resolve_impl(args.submission), scratch / "files"))
    impl = resolve_impl(args.impl)
    launcher.set_impl(impl_to_show(args, impl))
    from kata.engine.scheduler import run_exercises
    from kata.learner import commands, state  # run_exercises warms the parent before forking
    from kata.render import scoreboard

    exercises = chosen_exercises(args.exercises)
    header(impl)
    others = bool(getattr(args, "submission", ""))
    unconfined_note = confinement(impl, others=others, unconfined=getattr(args, "unconfined", False))
    if unconfined_note is None:
        return 2
    if args.command == "watch":
        from kata.learner.watch import watch

        return watch(exercises, impl, timeout=args.timeout, jobs=args.jobs, poll=args.poll, subset=bool(args.exercises))
    hidden = args.command == "grade" and not args.public_only
    if args.command == "grade":
        warn_if_graded_code_keeps_root()
    results = run_exercises(exercises, impl, timeout=args.timeout, jobs=args.jobs, hidden=hidden)
    elapsed = time.monotonic() - started
    if args.command == "grade":
        from kata.render import formats

        writers = {
            "gradescope": lambda: formats.gradescope(exercises, results, elapsed),
            "exercism": lambda: formats.exercism(exercises, results, impl),
            "classroom": lambda: formats.classroom(exercises, results, impl),
        }
        formats.write_json(formats.noted(writers[args.format](), unconfined_note), Path(args.results))
        passed = sum(scoreboard.passed_count(r) for r in results.values())
        total = sum(len(r) for r in results.values())
        print(f"{passed}/{total} tests passed; {args.format} results written to {args.results}")
        return 0
    state.record_progress(results, impl)
    times = commands.interview_times(exercises) if interview_mode() else None
    subset = bool(args.exercises)
    if args.command == "list":
        lines = scoreboard.status_lines(exercises, results, times, subset=subset)
        nxt = scoreboard.first_unfinished(exercises, results)
        print("\n".join(lines) + "\n\n" + scoreboard.next_line(nxt, impl, subset=subset))
        return 0
    print(
        scoreboard.scoreboard(exercises, results, impl, times=times, every_failure=len(exercises) == 1, subset=subset)
    )
    return 0 if all(r.passed for rs in results.values() for r in rs) else 1


def impl_to_show(args: argparse.Namespace, impl: Path) -> str:
    """The folder the commands a report suggests name with --impl: the learner's own, as typed, for
    test, watch and list; none for exercises/ (the default stays out of sight) and none for `grade`,
    whose results go to an autograder, not to the learner's terminal."""
    shown = settings().impl_shown
    if shown is not None:  # a re-run from pristine copies, or a copy that stands for exercises/
        return shown
    if args.command not in launcher.GRADES_A_FOLDER or impl == EXERCISES_DIR.resolve():
        return ""
    return args.impl


def grade_with_pristine_copies_if_tampered(args: argparse.Namespace) -> int | None:
    """In a student release, grading files changed since the release are reported, and the
    grading runs from the release's pristine copies instead. None when nothing changed."""
    import subprocess
    import tempfile

    from kata.instructor.bundle import materialize_pristine, tampered

    changed = tampered()
    if not changed:
        return None
    print(
        indent(
            _("kata: these grading files were modified since the release: {files}.", files=", ".join(changed))
            + "\n"
            + _("kata: grading with the pristine copies instead (edit only the files in exercises/)."),
            "",
        ),
        file=sys.stderr,
    )
    absolute = pristine_argv(args)
    with tempfile.TemporaryDirectory(prefix="kata-pristine-") as pristine:
        materialize_pristine(ROOT, Path(pristine))
        env = {**os.environ, "KATA_PRISTINE": "1", "PYTHONPATH": pristine, "PYTHONDONTWRITEBYTECODE": "1"}
        env["KATA_IMPL_SHOWN"] = impl_to_show(args, resolve_impl(args.impl))  # its --impl is made absolute
        return subprocess.run([sys.executable, "-m", "kata", *absolute], cwd=pristine, env=env).returncode


def pristine_argv(args: argparse.Namespace) -> list[str]:
    """The same `test` or `grade` command, rebuilt from what argparse understood (never from the
    raw words: `--impl mine` and `--impl=mine` are one option), with every path made absolute,
    for a run from another folder."""
    argv = [args.command, f"--impl={resolve_impl(args.impl)}", f"--timeout={args.timeout}", f"--jobs={args.jobs}"]
    if args.command == "grade":
        argv += [f"--results={Path(args.results).resolve()}", f"--format={args.format}"]
        if args.public_only:
            argv.append("--public-only")
        if args.submission:
            argv.append(f"--submission={resolve_impl(args.submission)}")
    return argv + list(args.exercises)
