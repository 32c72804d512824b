"""What the worker tells the judge of what the learner's code raised or returned that is not
data: an exception as its type, ancestry, message and the learner's frames (named as the judge
knows the graded files), an object as its type's name and a short repr. Learner code chooses its
exceptions and reprs, so every piece of text is taken safely and bounded."""

from __future__ import annotations

import dis
import linecache
import os
from collections.abc import Callable
from types import FrameType
from typing import Any

from kata.engine import sandbox

FRAMES_SENT = 40  # the innermost frames of a traceback (a runaway recursion has a thousand)
REPR_LIMIT = 300


def _safe(make: Callable[[], object], limit: int = REPR_LIMIT) -> str:
    try:
        text = str(make())
    except BaseException as error:  # noqa: BLE001 - the learner's __repr__ may raise anything
        text = f"<unprintable: {type(error).__name__}>"
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _raise_statement_at(frame: Any, lasti: int) -> bool:
    """True when the instruction a frame stopped at is a `raise` statement."""
    return any(ins.offset == lasti and ins.opname == "RAISE_VARARGS" for ins in dis.get_instructions(frame.f_code))


_FILE_NAMES: dict[str, str] = {}  # the worker's own copy -> the folder the judge grades


def _judge_name(filename: str) -> str:
    for private, original in _FILE_NAMES.items():
        if filename.startswith(private + os.sep):
            return original + filename[len(private) :]
    return filename


def _module_name(frame: FrameType) -> str:
    return _safe(lambda: frame.f_globals.get("__name__", "?"), 200)


def _class_name(kind: type) -> str:
    return _safe(lambda: kind.__name__, 100)


def describe_error(error: BaseException) -> dict:
    frames = []
    tb, last = error.__traceback__, None
    while tb is not None:
        frame = tb.tb_frame
        code = frame.f_code
        frames.append(
            {
                "file": _judge_name(code.co_filename),
                "line": tb.tb_lineno,
                "function": code.co_name,
                "qualname": getattr(code, "co_qualname", code.co_name),
                "module": _module_name(frame),
                "code": linecache.getline(code.co_filename, tb.tb_lineno).strip()[:200],
            }
        )
        last = tb
        tb = tb.tb_next
    kind = type(error)
    return {
        "$": "error",
        "type": kind.__name__,
        "module": kind.__module__,
        "mro": [c.__name__ for c in kind.__mro__],
        "message": sandbox.confined_message(error) or _safe(lambda: error, 4000),
        "exit_code": _safe(lambda: repr(error.code)) if isinstance(error, SystemExit) else None,
        "raise_statement": last is not None and _raise_statement_at(last.tb_frame, last.tb_lasti),
        "frames": frames[-FRAMES_SENT:],
    }


def describe_object(value: Any, handle: int) -> dict:
    """Something the learner's code returned that is not data: the worker keeps it as `handle`."""
    kind = type(value)
    return {
        "$": "object",
        "type": _safe(lambda: kind.__qualname__, 200),
        "module": _safe(lambda: kind.__module__, 200),
        "mro": [_class_name(c) for c in kind.__mro__][:20],
        "repr": _safe(lambda: repr(value)),
        "callable": callable(value),
        "handle": handle,
    }


def name_files_as(private: str, original: str) -> None:
    """Frames in the worker's own copy `private` are named as the files of `original`."""
    _FILE_NAMES[private] = original
