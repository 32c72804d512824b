"""release, autograder, freeze-stubs and grade-all: the instructor's commands."""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from kata.cli.common import confinement, resolve_impl, usage_error, warn_if_graded_code_keeps_root
from kata.i18n import _


def instructor_command(args: argparse.Namespace) -> int:
    from kata.instructor import bundle

    if args.command == "freeze-stubs":
        from kata.instructor import notebook
        from kata.learner.commands import freeze_stubs, load_stubs

        print(f"pristine stubs recorded in {freeze_stubs()}; the notebook rewritten: {notebook.write(load_stubs())}")
        return 0
    if not args.out:
        usage_error(_("make {command} OUT=...: say where to write it.", command=args.command))
    out = Path(args.out)
    if args.command == "release":
        if args.repo and not bundle.REPO_NAME.fullmatch(args.repo):
            usage_error(f"REPO={args.repo}: give the course's GitHub repository as owner/name")
        branch = args.branch or "main"
        try:
            copied = bundle.make_release(out, solutions=args.solutions, repo=args.repo, branch=branch)
        except FileExistsError as error:
            usage_error(str(error))
        kind = "with the reference solutions" if args.solutions else "no solutions"
        print(f"student copy written to {out}: {len(copied)} files, {kind}, no hidden tests")
        if args.repo:
            print(f"its notebook and Colab link: {bundle.colab_link(args.repo, branch)}")
        else:
            print("no REPO=owner/name given: the copy has no Colab link, and its notebook opened alone asks for one")
    else:
        names = bundle.make_autograder(out)
        print(f"Gradescope autograder written to {out}: {len(names)} files (setup.sh, run_autograder, grader, tests)")
    return 0


def grade_all_command(args: argparse.Namespace) -> int:
    from kata.core.manifest import load_manifest
    from kata.engine.warm_start import warm_up_before_grading
    from kata.instructor.gradebook import grade_all, submissions_in, write_gradebook

    warm_up_before_grading(trains=True)  # workers come from a process that never saw the class list
    folder = resolve_impl(args.submissions)
    exercises = load_manifest()
    count = len(submissions_in(folder))
    if count == 0:
        usage_error(f"{folder} holds no sub-folders: give one folder per student.")
    if confinement(folder, others=True, unconfined=args.unconfined) is None:
        return 2
    warn_if_graded_code_keeps_root()
    started = time.monotonic()
    book = grade_all(folder, exercises, timeout=args.timeout, parallel=args.jobs, out=Path(args.out))
    json_path = write_gradebook(book, exercises, Path(args.out))
    print(f"graded {count} submissions in {time.monotonic() - started:.1f} s; wrote {args.out} and {json_path}")
    return 0
