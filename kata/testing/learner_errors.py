"""What became of the learner's code in the worker, as the judge raises it: an exception the
worker described comes back as an exception of the same name (made from the nearest builtin
class in its ancestry, carrying the learner's frames), pytest's own outcomes as themselves, the
worker's alarm as pytest-timeout's failure; and how a worker process ended, in words."""

from __future__ import annotations

import builtins
import signal
from dataclasses import dataclass, field

import pytest
from _pytest.outcomes import Failed

from kata.i18n import _
from kata.testing import activity
from kata.testing.outcomes import HungBefore
from kata.testing.tracebacks import LearnerFrame


def describe_exit(code: int) -> str:
    """How a process ended, for a learner: 'crashed (segmentation fault, SIGSEGV)', 'exited with code 3'."""
    if code < 0:
        try:
            name = signal.Signals(-code).name
        except ValueError:
            name = _("signal {number}", number=-code)
        kinds = {
            "SIGSEGV": _("crashed (segmentation fault, SIGSEGV)"),
            "SIGABRT": _("crashed (aborted, SIGABRT)"),
            "SIGKILL": _("was killed (SIGKILL)"),
            "SIGBUS": _("crashed (bus error, SIGBUS)"),
            "SIGFPE": _("crashed (arithmetic error, SIGFPE)"),
        }
        return kinds.get(name, _("was stopped by {signal}", signal=name))
    return _("exited with code {code}", code=code)


def crash_message(code: int, doing: str = "") -> str:
    """The one text of a process that crashed or exited in a test (a worker, seen by its judge;
    a judge, seen by the grading parent, which passes what it was doing)."""
    return _(
        "The test process {how} while running {doing}. Never a pass: graded code must return its "
        "result, not end or crash the program. Remove any sys.exit, os._exit, os.abort, exit() or ctypes tricks.",
        how=describe_exit(code),
        doing=doing or activity.current() or _("the test"),
    )


@dataclass
class RemoteError:
    """What the worker said of an exception the learner's code raised."""

    type: str
    module: str
    ancestry: list[str]  # the class names of its type's MRO
    message: str
    exit_code: str | None
    raise_statement: bool
    frames: list[LearnerFrame] = field(default_factory=list)

    @classmethod
    def from_wire(cls, data: dict) -> RemoteError:
        frames = [
            LearnerFrame(
                str(f.get("file", "?")),
                int(f.get("line") or 0),
                str(f.get("function", "?")),
                str(f.get("qualname", "?")),
                str(f.get("module", "?")),
                str(f.get("code", "")),
            )
            for f in data.get("frames") or []
            if isinstance(f, dict)
        ]
        return cls(
            type=str(data.get("type", "Exception")),
            module=str(data.get("module", "builtins")),
            ancestry=[str(name) for name in data.get("mro") or []],
            message=str(data.get("message", "")),
            exit_code=data.get("exit_code") if isinstance(data.get("exit_code"), str) else None,
            raise_statement=bool(data.get("raise_statement")),
            frames=frames,
        )


class FromWorker(BaseException):
    """Mixed into each exception class made for one the worker described (`exception_from`):
    `remote` is that description, and the learner's message is its text."""

    remote: RemoteError

    def __str__(self) -> str:
        return self.remote.message


_error_classes: dict[tuple[str, str, str], type[FromWorker]] = {}


def exception_from(info: RemoteError) -> BaseException:
    """An exception of the same name as the learner's, made from the nearest builtin class in its
    ancestry, with the learner's message as its text and the description as `.remote`."""
    base: type[BaseException] = Exception
    for name in info.ancestry:
        candidate = getattr(builtins, name, None)
        if isinstance(candidate, type) and issubclass(candidate, BaseException):
            base = candidate
            break
    key = (info.type, info.module, base.__name__)
    if key not in _error_classes:
        bases = (base, FromWorker) if base is not BaseException else (FromWorker,)
        _error_classes[key] = type(info.type, bases, {"__module__": info.module, "__str__": FromWorker.__str__})
    kind = _error_classes[key]
    error = kind.__new__(kind)
    BaseException.__init__(error, info.message)
    error.remote = info
    if isinstance(error, SystemExit):
        error.code = _ExitCode(info.exit_code or "None")
    return error


class _ExitCode(str):
    """sys.exit's argument as the worker showed it (repr, and str, give its text)."""

    def __repr__(self) -> str:
        return str(self)


class WorkerTimedOut(Failed):  # noqa: N818 - pytest-timeout's own failure, as the plugin knows it
    """The worker's alarm rang: pytest-timeout's failure, with the learner function it was in."""

    hung_function: tuple[str, str] | None = None
    hung_line = 0  # the line it was looping at, where the worker saw it (0: not known)


def learner_exception(info: RemoteError) -> BaseException:
    """The exception to raise in the judge for one the worker described."""
    if info.type == "HungBefore":
        return HungBefore(info.message, pytrace=False)
    if "OutcomeException" in info.ancestry:  # pytest.skip/fail/exit called inside the learner's code
        kind = next((name for name in info.ancestry if name in ("Skipped", "Failed", "Exit")), "Failed")
        if kind == "Exit":
            return pytest.exit.Exception(info.message)
        if kind == "Skipped":
            return pytest.skip.Exception(info.message, pytrace=False)
        return pytest.fail.Exception(info.message, pytrace=False)
    return exception_from(info)
