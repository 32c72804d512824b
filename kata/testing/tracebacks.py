"""Reading a traceback for the learner: the one walker that finds the frames of the graded tree.

The messages (where it failed, the learner's own frames), the loader (where an import failed)
and the hang detector (which function looped) all read tracebacks through it. An exception that
the worker described (kata.testing.learner_errors) carries its frames as data; a local one, as frames.
"""

from __future__ import annotations

import linecache
import traceback
from dataclasses import dataclass
from pathlib import Path

from kata.core.paths import display_path, is_within


@dataclass(frozen=True)
class LearnerFrame:
    """One frame of a traceback: where it ran, and its line of code."""

    filename: str
    lineno: int
    function: str
    qualname: str
    module: str
    line: str


def all_frames(error: BaseException) -> list[LearnerFrame]:
    """Every frame of the error's traceback, outermost first."""
    remote = getattr(error, "remote", None)
    if remote is not None:  # described by the worker (kata.testing.learner_errors.RemoteError)
        return list(remote.frames)
    frames = []
    for frame, lineno in traceback.walk_tb(error.__traceback__):
        code = frame.f_code
        module = frame.f_globals.get("__name__", "?")
        frames.append(
            LearnerFrame(
                code.co_filename,
                lineno or 0,
                code.co_name,
                getattr(code, "co_qualname", code.co_name),  # Python 3.11+
                module if isinstance(module, str) else "?",
                linecache.getline(code.co_filename, lineno or 0).strip(),
            )
        )
    return frames


def learner_frames(error: BaseException, root: str | Path) -> list[LearnerFrame]:
    """The frames of the error's traceback that run code from the graded tree, outermost first."""
    return [frame for frame in all_frames(error) if is_within(frame.filename, root)]


def learner_frame(error: BaseException, root: str | Path) -> tuple[str, int] | None:
    """(file as shown, line) of the innermost frame inside the graded tree: where to look."""
    frames = learner_frames(error, root)
    return (display_path(frames[-1].filename), frames[-1].lineno) if frames else None


def innermost_learner_function(error: BaseException, root: str | Path) -> tuple[str, str] | None:
    """(module, qualname) of the innermost named function of the graded tree in the traceback."""
    found = None
    for frame in learner_frames(error, root):
        if "<" not in frame.qualname:
            found = (frame.module, frame.qualname)
    return found


def is_test_outcome(error: BaseException) -> bool:
    """pytest's own exceptions (a timeout's failure) must pass through learner-facing wrappers.
    From pytest's outcomes module alone: the worker asks too, and has not imported all of pytest."""
    from _pytest.outcomes import Exit, Failed, Skipped  # pytest.fail, .skip and .exit raise these

    return isinstance(error, Failed | Skipped | Exit)
