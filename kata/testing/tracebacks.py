"""Reading a traceback for the learner: the one walker that finds the frames of the graded tree.

The messages (where it failed, the learner's own frames), the loader (where an import failed)
and the hang detector (which function looped) all read tracebacks through it.
"""

from __future__ import annotations

import linecache
import traceback
from dataclasses import dataclass
from pathlib import Path
from types import FrameType

from kata.core.paths import display_path, is_within


@dataclass(frozen=True)
class LearnerFrame:
    """One frame of the graded tree in a traceback."""

    frame: FrameType
    lineno: int

    @property
    def filename(self) -> str:
        return self.frame.f_code.co_filename

    @property
    def function(self) -> str:
        return self.frame.f_code.co_name

    @property
    def line(self) -> str:
        return linecache.getline(self.filename, self.lineno).strip()


def learner_frames(error: BaseException, root: str | Path) -> list[LearnerFrame]:
    """The frames of the error's traceback that run code from the graded tree, outermost first."""
    return [
        LearnerFrame(frame, lineno)
        for frame, lineno in traceback.walk_tb(error.__traceback__)
        if is_within(frame.f_code.co_filename, root)
    ]


def learner_frame(error: BaseException, root: str | Path) -> tuple[str, int] | None:
    """(file as shown, line) of the innermost frame inside the graded tree: where to look."""
    frames = learner_frames(error, root)
    return (display_path(frames[-1].filename), frames[-1].lineno or 0) if frames else None


def innermost_learner_function(error: BaseException, root: str | Path) -> tuple[str, str] | None:
    """(module, qualname) of the innermost named function of the graded tree in the traceback."""
    found = None
    for entry in learner_frames(error, root):
        module = entry.frame.f_globals.get("__name__")
        qualname = getattr(entry.frame.f_code, "co_qualname", entry.function)  # 3.11+
        if isinstance(module, str) and "<" not in qualname:
            found = (module, qualname)
    return found


def is_test_outcome(error: BaseException) -> bool:
    """pytest's own exceptions (a timeout's failure) must pass through learner-facing wrappers."""
    import pytest

    return isinstance(error, pytest.fail.Exception | pytest.skip.Exception | pytest.exit.Exception)
