"""`python -m kata COMMAND`: which command group runs it (after `setup`, in the kata's venv)."""

from __future__ import annotations

import os
import sys
from contextlib import suppress
from pathlib import Path
from typing import NoReturn

from kata import ROOT
from kata.cli.arguments import GRADING_COMMANDS, LEARNER_COMMANDS, parse_args
from kata.cli.common import korean_pointer, learner_help, windows_line
from kata.cli.grading import grade_command, grade_with_pristine_copies_if_tampered
from kata.cli.instructor import grade_all_command, instructor_command
from kata.cli.learner import learner_command
from kata.core import launcher
from kata.core.settings import interview_mode, settings
from kata.core.text import indent
from kata.i18n import _


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    command = args.command
    if command in (None, "help"):  # `python -m kata` alone: what to type
        print(learner_help())
        return 0
    if command in GRADING_COMMANDS and sys.platform == "win32":
        print(indent(windows_line(), ""), flush=True)
        if korean_pointer():  # a Korean Windows keeps its language where the kata does not look
            print(indent(korean_pointer(), ""), flush=True)
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
            started = _(
                "Interview mode: the clock starts now. Each exercise is timed from when the one before it "
                "first passed (the first one from now)."
            )
            print(indent(started, "", first_prefix=""), file=sys.stderr, flush=True)
    if command in NEEDS_TORCH:
        from kata.learner import setup

        missing = setup.missing_modules()
        if missing:
            print(indent(setup.missing_line(missing), ""), file=sys.stderr)
            return 2
    if command == "no-checks":
        print(indent(_("make check runs the kata's own tests, which a student copy leaves out: use `make test`."), ""))
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

    skip_torch_finalizers()
    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        with suppress(OSError, ValueError):
            stream.flush()
    os._exit((code or 0) & 0xFF)


def skip_torch_finalizers() -> None:
    """torch.library deregisters, one by one, every kernel it registered at import, as the process
    ends (weakref finalizers run at exit: about 0.04 s of every grade, profiled); a process about
    to end needs none of it. The kata's own finalizers (temporary folders) still run."""
    import weakref

    registry = getattr(weakref.finalize, "_registry", {})  # CPython's list of live finalizers
    for finalizer in list(registry):
        found = finalizer.peek()
        module = getattr(found[1], "__module__", None) if found is not None else None
        if isinstance(module, str) and module.startswith("torch."):
            finalizer.atexit = False


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
        env.setdefault("KATA_PYTHON", launcher.python_name())  # texts name the Python the learner typed
        return subprocess.run([str(python), "-m", "kata", *words], env=env, check=False).returncode
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
