"""`python -m kata COMMAND`: what the Makefile's targets run. One function per command."""

from __future__ import annotations

import argparse
import os
import sys
import time
from contextlib import suppress
from pathlib import Path
from typing import NoReturn

from kata import EXERCISES_DIR, ROOT, SOLUTIONS_DIR
from kata.core import launcher
from kata.core.paths import display_path
from kata.core.settings import DEFAULT_TIMEOUT, interview_mode, settings
from kata.i18n import _

LEARNER_COMMANDS = ("setup", "test", "watch", "list", "hint", "explain", "reset", "solution", "grade", "help")
GRADING_COMMANDS = ("test", "grade", "list", "watch", "grade-all")


def student_copy() -> bool:
    """A copy made by `make release`: --help leaves the instructor's commands out."""
    return (ROOT / "kata" / "release.json").exists()


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m kata", description="The RNN basics kata.")
    sub = parser.add_subparsers(dest="command", required=True)
    if student_copy():  # the instructor's commands still work, unlisted
        sub.metavar = "{" + ",".join(LEARNER_COMMANDS) + "}"
    setup = sub.add_parser("setup", help="install what the kata needs (./.venv, as make install does)")
    setup.add_argument(
        "--here",
        action="store_true",
        help="no venv: install only what is missing into this Python (what a notebook's set-up does)",
    )
    timeout, jobs = settings().timeout, settings().jobs
    for name, text in (
        ("test", "grade a tree and show the scoreboard"),
        ("grade", "grade a tree and write results.json"),
        ("list", "every exercise with its status, and the next one"),
        ("watch", "re-grade an exercise each time its file is saved"),
    ):
        cmd = sub.add_parser(name, help=text)
        cmd.add_argument("--impl", default=str(EXERCISES_DIR), help="folder of exercise files (default: exercises)")
        cmd.add_argument("--timeout", type=float, default=timeout, help="seconds per test")
        cmd.add_argument("--jobs", type=int, default=jobs, help="exercises graded at once")
        cmd.add_argument("exercises", nargs="*", help="only these exercises (ex02 or ex02_batch)")
        if name == "grade":
            cmd.add_argument("--unconfined", action="store_true", help=UNCONFINED_HELP)
            cmd.add_argument("--results", default="results.json", help="where to write the results")
            cmd.add_argument("--format", choices=("gradescope", "exercism", "classroom"), default="gradescope")
            cmd.add_argument("--public-only", action="store_true", help="leave out hidden_tests/")
            cmd.add_argument(
                "--submission",
                default="",
                help="grade the exercise files found anywhere under this folder (as grade-all and the autograder do)",
            )
        if name == "watch":
            cmd.add_argument("--poll", type=float, default=0.02, help="seconds between looks at the files")
    for name, text in (
        ("hint", "the next hint for an exercise (default: the current one)"),
        ("reset", "restore an exercise's stub, keeping a backup of yours"),
        ("solution", "the reference solution and a diff, once your exercise passes"),
        ("explain", "an exercise's instructions in your language"),
    ):
        cmd = sub.add_parser(name, help=text)
        cmd.add_argument("exercise", nargs="?", default="")
        if name == "solution":
            cmd.add_argument("--force", action="store_true", help="show it even before your exercise passes")
    # In a student copy: no help line (argparse lists those with one).
    instructor: dict | None = {} if student_copy() else None

    def helped(text: str) -> dict:
        return instructor if instructor is not None else {"help": text}

    batch = sub.add_parser("grade-all", **helped("grade every sub-folder of a folder into a gradebook"))
    batch.add_argument("--submissions", required=True, help="folder with one sub-folder per student")
    batch.add_argument("--out", default="gradebook.csv", help="the CSV to write (a .json is written beside it)")
    batch.add_argument("--timeout", type=float, default=timeout)
    batch.add_argument("--unconfined", action="store_true", **helped(UNCONFINED_HELP))
    batch.add_argument("--jobs", type=int, default=int(os.environ.get("KATA_JOBS") or os.cpu_count() or 1))
    for name, text in (
        ("release", "write a student copy to a new folder"),
        ("autograder", "build a Gradescope autograder zip"),
    ):
        cmd = sub.add_parser(name, **helped(text))
        cmd.add_argument("--out", default="")
        if name == "release":
            cmd.add_argument("--solutions", action="store_true", help="ship the reference solutions (self-study)")
            cmd.add_argument("--repo", default="", help="the course's GitHub repository, owner/name (the Colab link)")
            cmd.add_argument("--branch", default="main", help="its branch (default: main)")
    sub.add_parser("help", help="the learner's commands, as plain `make` lists them")
    sub.add_parser("freeze-stubs", **helped("maintainers: record exercises/ as the pristine stubs for reset"))
    sub.add_parser("no-checks", **helped("what `make check` says in a student copy, which has no grader_tests/"))
    return parser.parse_args(argv)


def windows_line() -> str:
    """The first and only line a grading command prints on native Windows."""
    return _(
        "kata: grading does not run on native Windows yet. Grade in WSL (Windows Subsystem for Linux), "
        "on Linux or macOS, or in the notebook (kata.ipynb, Colab or Jupyter); {commands} work here.",
        commands=", ".join(launcher.command(name) for name in ("setup", "hint", "explain", "reset")),
    )


def learner_help() -> str:
    """What plain `make` (and `python -m kata help`) prints: each command the way the learner types it."""
    rows = [
        (launcher.command("test"), _("grade every exercise and say what to do next")),
        (launcher.command("test", "ex02"), _("grade one exercise")),
        (launcher.command("watch"), _("re-grade an exercise each time you save its file (Ctrl-C stops)")),
        (launcher.command("list"), _("every exercise's status")),
        (launcher.command("explain", "ex02"), _("an exercise's instructions, in your language")),
        (launcher.command("hint", "ex02"), _("a hint; run it again for a stronger one")),
        (launcher.command("reset", "ex02"), _("the stub back (your version is backed up first)")),
    ]
    if SOLUTIONS_DIR.is_dir():
        rows.append((launcher.command("solution", "ex02"), _("the reference solution, once your exercise passes")))
    width = max(len(command) for command, _text in rows)
    lines = [_("The RNN basics kata. Your exercises are the files in exercises/. Commands:")]
    lines += [f"  {command.ljust(width)}  {text}" for command, text in rows]
    if launcher.launcher() == launcher.MAKE:
        lines.append(_("Start with {command}: it sets everything up the first time.", command=launcher.command("test")))
    else:
        lines.append(
            _(
                "Start with {setup} (once: it installs what the kata needs), then {test}.",
                setup=launcher.command("setup"),
                test=launcher.command("test"),
            )
        )
    return "\n".join(lines)


def quiet_closed_pipe() -> int:
    """The reader of the kata's output has gone (`python -m kata list | head -2`): what is left
    to write goes nowhere, with no traceback, as other command-line tools do."""
    with suppress(OSError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    return 1


UNCONFINED_HELP = "grade other people's code even where the kernel cannot confine it (the results say so)"


def confinement(impl: Path, *, others: bool, unconfined: bool) -> str | None:
    """Whether graded code will be confined, decided before anything is graded. Grading other
    people's code (`others`) needs it: None means refuse (a line on stderr said why). Otherwise
    the note results carry ("" when confined); grading one's own code says once what is off."""
    from kata.core.settings import settings
    from kata.engine import confine, sandbox
    from kata.i18n import _

    simulated = os.environ.get("KATA_CONFINE", "").strip().lower() == "none"  # maintainers: no Landlock
    wanted = "required" if others and not unconfined else "off" if unconfined else ""
    os.environ["KATA_CONFINE"] = "none" if simulated and wanted != "required" else wanted
    settings.cache_clear()
    why = confine.why_not([str(ROOT / "kata")], sandbox.secret_folders(impl), files=not simulated)
    if sandbox.unix_only_off():
        print(sandbox.unix_only_off(), file=sys.stderr, flush=True)
    if not why:
        return ""
    if others and not unconfined:
        print(_(sandbox.UNCONFINED_REFUSED, off=why), file=sys.stderr, flush=True)
        return None
    note = _(sandbox.UNCONFINED_NOTE, off=why)
    print(note, file=sys.stderr, flush=True)
    return note


def usage_error(message: str) -> NoReturn:
    """Exit 2: the command was asked wrongly (1 means tests failed)."""
    print(f"kata: {message}", file=sys.stderr)
    sys.exit(2)


def resolve_impl(raw: str) -> Path:
    path = Path(raw)
    if not path.is_absolute() and not path.exists() and (ROOT / path).exists():
        path = ROOT / path  # `make test IMPL=solutions` from anywhere
    if not path.is_dir():
        usage_error(
            _("the folder to grade, {raw}, does not exist. Give IMPL=a folder of exercise files.", raw=repr(raw))
        )
    return path.resolve()


def chosen_exercises(names: list[str]) -> list:
    from kata.core.manifest import find_exercise, load_manifest

    exercises = load_manifest()
    if not names:
        return exercises
    chosen = [find_exercise(name, exercises) for name in names]
    unknown = [n for n, e in zip(names, chosen) if e is None]
    if unknown:
        usage_error(
            _(
                "no exercise named {names}. Known: {known}.",
                names=", ".join(unknown),
                known=", ".join(e.name for e in exercises),
            )
        )
    return [e for e in exercises if e in chosen]


def one_exercise(name: str, command: str):
    if not name:
        usage_error(_("say which exercise: {command}", command=launcher.command(command, "ex02")))
    return chosen_exercises([name])[0]


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    command = args.command
    if command == "help":
        print(learner_help())
        return 0
    if command in GRADING_COMMANDS and sys.platform == "win32":
        print(windows_line(), flush=True)
        return 2
    if command == "setup":
        from kata.learner import setup

        return setup.into_this_python() if args.here else setup.into_venv()
    delegated = run_in_the_kata_venv(argv)
    if delegated is not None:
        return delegated
    if interview_mode() and command in LEARNER_COMMANDS:
        from kata.learner import commands

        if commands.start_interview_clock():
            print(
                _(
                    "Interview mode: the clock starts now. Each exercise is timed from when the one before it "
                    "first passed (the first one from now)."
                ),
                file=sys.stderr,
                flush=True,
            )
    if command in NEEDS_TORCH:
        from kata.learner import setup

        missing = setup.missing_modules()
        if missing:
            print(setup.missing_line(missing), file=sys.stderr)
            return 2
    if command == "no-checks":
        print(_("make check runs the kata's own tests, which a student copy leaves out: use make test."))
        return 0
    if command in ("release", "autograder", "freeze-stubs"):
        return instructor_command(args)
    if command in ("hint", "reset", "solution", "explain"):
        return learner_command(args)
    if command in ("test", "grade") and not settings().pristine:
        code = grade_with_pristine_copies_if_tampered(args)
        if code is not None:
            return code
    if command == "grade-all":
        return grade_all_command(args)
    return grade_command(args)


def exit_now(code: int | None) -> NoReturn:
    """End `python -m kata` without Python's teardown of torch's heap, which took 0.13 s after a
    grade (0.45 s after a bare `import torch`, whose heap is not frozen): what the kata registered
    to run at exit (removing its temporary folders) runs, the output is flushed, then it ends."""
    import atexit

    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        with suppress(OSError, ValueError):
            stream.flush()
    os._exit((code or 0) & 0xFF)


NEEDS_TORCH = ("test", "grade", "list", "watch", "solution", "grade-all", "release", "autograder")


def run_in_the_kata_venv(argv: list[str] | None) -> int | None:
    """`python -m kata test` after `python -m kata setup`: this Python may lack torch, the kata's
    ./.venv has it, so the command runs there (None: it runs here). Never in a notebook, which
    grades with the kernel's own Python."""
    from kata.learner.setup import VENV_DIR, venv_python

    python = venv_python(VENV_DIR)
    if launcher.launcher() == launcher.NOTEBOOK or not python.exists() or settings().pristine:
        return None
    try:
        inside = Path(sys.prefix).resolve() == VENV_DIR.resolve()
    except OSError:
        inside = False
    if inside:
        return None
    import subprocess

    words = sys.argv[1:] if argv is None else list(argv)
    try:
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
        return subprocess.run([str(python), "-m", "kata", *words], env=env, check=False).returncode
    except KeyboardInterrupt:
        return 130


def header(impl: Path) -> None:
    import torch

    from kata.core.paths import display_path
    from kata.testing.device import pick_device

    try:
        device = pick_device()
    except ValueError as error:
        usage_error(str(error))
    from kata.core.text import indent

    print(
        indent(
            _(
                "RNN basics kata | {path}/ | device {device} | torch {version}",
                path=display_path(impl),
                device=device,
                version=torch.__version__,
            ),
            "  ",
            first_prefix="",
        ),
        flush=True,
    )


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


def warn_if_graded_code_keeps_root() -> None:
    """An instructor grading as root learns when graded code cannot run unprivileged, and why."""
    from kata.engine import sandbox

    _account, why = sandbox.drop_plan()
    if why:
        print(sandbox.fallback_note(why), file=sys.stderr)


def learner_command(args: argparse.Namespace) -> int:
    from kata.core.manifest import load_manifest
    from kata.learner import commands

    if args.command == "explain":
        from kata.i18n import instructions

        exercise = (
            one_exercise(args.exercise, "explain") if args.exercise else commands.current_exercise(load_manifest())
        )
        if exercise is None:
            print(_("Every exercise passes. Well done!"))
            return 0
        from kata.core.launcher import as_typed
        from kata.core.text import reflow

        text = instructions(exercise.name) or commands.stub_instructions(exercise)
        text = as_typed(text, exercise=exercise.name)  # `make test` only where make started it
        print(reflow(text.replace("``", "`")))  # reStructuredText's double backticks: one is enough
        return 0
    if args.command in ("hint", "solution") and interview_mode():
        usage_error(_("interview mode (KATA_MODE=interview) shows no hints and no solutions."))
    if args.command == "hint":
        exercise = chosen_exercises([args.exercise])[0] if args.exercise else current_exercise_now()
        print(commands.hint(exercise) if exercise else _("Every exercise passes. Well done!"))
        return 0
    if args.command == "reset":
        exercise = one_exercise(args.exercise, "reset")
        backup, target = commands.reset(exercise)
        if backup is not None:
            print(_("Your version is saved in {backup}", backup=display_path(backup)))
        print(_("{path} is the stub again.", path=target.relative_to(ROOT)))
        return 0
    exercise = one_exercise(args.exercise, "solution")
    if not (SOLUTIONS_DIR / exercise.filename).exists():
        usage_error(_("this copy of the kata has no reference solutions."))
    if not args.force and not exercise_passes(exercise):
        print(
            _(
                "{name} does not pass yet: the solution is shown once it does (or now: {command}).",
                name=exercise.name,
                command=launcher.command("solution", exercise.name, "--force"),
            )
        )
        return 1
    print(commands.solution_view(exercise))
    return 0


def current_exercise_now():
    """The first exercise that does not pass, judged by the files as they are now: one whose file
    changed since its last grade is graded again first (where this system grades at all)."""
    from kata.core.manifest import load_manifest
    from kata.learner import commands, setup, state

    exercises = load_manifest()
    if sys.platform == "win32" or setup.missing_modules():
        return commands.current_exercise(exercises)
    from kata.engine.scheduler import run_exercises

    for exercise in exercises:
        if state.changed_since_graded(exercise.name, EXERCISES_DIR / exercise.filename):
            results = run_exercises([exercise], EXERCISES_DIR, timeout=settings().timeout, jobs=1)
            state.record_progress(results, EXERCISES_DIR)
        entry = state.load("progress").get("exercises", {}).get(exercise.name, {})
        if not entry or entry.get("passed", 0) < entry.get("total", 1):
            return exercise
    return None


def exercise_passes(exercise) -> bool:
    from kata.core.results import exercise_done
    from kata.engine.scheduler import run_exercises

    results = run_exercises([exercise], EXERCISES_DIR, timeout=DEFAULT_TIMEOUT, jobs=1)[exercise.name]
    return exercise_done(results)


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
        try:
            copied = bundle.make_release(out, solutions=args.solutions, repo=args.repo, branch=args.branch or "main")
        except FileExistsError as error:
            usage_error(str(error))
        kind = "with the reference solutions" if args.solutions else "no solutions"
        print(f"student copy written to {out}: {len(copied)} files, {kind}, no hidden tests")
        if args.repo:
            print(f"its notebook and Colab link: {bundle.colab_link(args.repo, args.branch or 'main')}")
        else:
            print("no REPO=owner/name given: the copy has no Colab link, and its notebook opened alone asks for one")
    else:
        names = bundle.make_autograder(out)
        print(f"Gradescope autograder written to {out}: {len(names)} files (setup.sh, run_autograder, grader, tests)")
    return 0


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
        _("kata: these grading files were modified since the release: {files}.", files=", ".join(changed))
        + "\n"
        + _("kata: grading with the pristine copies instead (edit only the files in exercises/)."),
        file=sys.stderr,
    )
    absolute = pristine_argv(args)
    with tempfile.TemporaryDirectory(prefix="kata-pristine-") as pristine:
        materialize_pristine(ROOT, Path(pristine))
        env = {**os.environ, "KATA_PRISTINE": "1", "PYTHONPATH": pristine, "PYTHONDONTWRITEBYTECODE": "1"}
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


def grade_all_command(args: argparse.Namespace) -> int:
    from kata.core.manifest import load_manifest
    from kata.engine.scheduler import warm_up_before_grading
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


if __name__ == "__main__":
    sys.exit(main())
