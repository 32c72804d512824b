"""Keeps the reference solutions, and other programs, out of reach of graded code.

An audit hook (PEP 578) sees every file open, import included, and every attempt to start a
program. It is installed only in the process that grades a learner's tree, and cannot be
removed once installed, so learner code cannot switch it off.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from kata.i18n import N_, _
from kata.paths import display_path

REFERENCE_OFF_LIMITS = N_(  # both texts are translated where they are raised
    "The reference solutions are off-limits while grading: your code tried to open {path}. "
    "Write the exercise yourself; `make hint` gives a nudge."
)
NO_PROGRAMS = N_(
    "Starting other programs ({event}) is not allowed while grading. An exercise needs only Python, numpy and torch."
)
_PROGRAM_EVENTS = (
    "subprocess.Popen",
    "os.system",
    "os.exec",
    "os.posix_spawn",
    "os.spawn",
    "os.fork",
    "os.kill",
    "os.killpg",
    "signal.pthread_kill",
)


def install(reference_dir: Path) -> None:
    """Refuse opening anything under reference_dir and starting programs, from now on."""
    reference = os.path.realpath(reference_dir)

    def hook(event: str, args: tuple) -> None:
        if event == "open":
            target = args[0]
            if isinstance(target, (str, bytes, os.PathLike)):
                path = os.fsdecode(target)
                real = os.path.realpath(path)
                if real == reference or real.startswith(reference + os.sep):
                    raise PermissionError(_(REFERENCE_OFF_LIMITS, path=display_path(path)))
        elif event in _PROGRAM_EVENTS:
            raise PermissionError(_(NO_PROGRAMS, event=event))

    sys.addaudithook(hook)
