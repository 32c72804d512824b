"""The judge's side of the worker: the learner's code as the graded tests see it.

`RemoteTree.load("ex02_batch")` gives a stand-in for the learner's module whose functions run in
the worker. What comes back is data the judge rebuilt itself (kata.testing.wire): tensors and
arrays of exact types, and for a module the learner built, a module of the judge's own made from
its settings and parameters (torch's own class where it names one; otherwise a `RemoteModule`
whose children are such copies and whose forward runs in the worker). An object that is not
data (a subclass of list or dict, an object of the learner's own class) becomes a
`LearnerObject`, which fails every type check. An exception comes back described and is raised
here as an exception of the same name, carrying the learner's frames.

A worker that crashes, exits or runs out of time is replaced for the next call; the judge
decides what that cost.
"""

from __future__ import annotations

import base64
import builtins
import os
import random
import signal
import time
import weakref
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from typing import Any, NamedTuple, Protocol

import numpy as np
import pytest
import torch
from torch import nn

from kata.i18n import N_, _
from kata.testing import activity, wire
from kata.testing.outcomes import CodeCouldNotRun, HungBefore
from kata.testing.tracebacks import LearnerFrame

BACKSTOP = 0.2  # seconds the worker's own alarm rings before the judge's
STDOUT_LIMIT = 4000  # characters of a test's stdout kept for Exercism


class Spawner(Protocol):
    def spawn(self, config: dict, out_fd: int) -> tuple[Any, int]: ...
    def reap(self, pid: int) -> int: ...


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
            "SIGFPE": _("crashed (SIGFPE)"),
        }
        return kinds.get(name, _("was stopped by {signal}", signal=name))
    return _("exited with code {code}", code=code)


def random_state() -> dict:
    """The judge's random state (Python's, numpy's, torch's CPU generator), as data: a call's
    learner code starts from it, as it did when both shared one process. The worker's state never
    comes back: what the judge draws stays the judge's alone."""
    version, internal, gauss = random.getstate()
    kind, keys, position, has_gauss, cached = np.random.get_state()
    return {
        "python": [version, list(internal), gauss],
        "numpy": [kind, base64.b64encode(keys.tobytes()).decode(), int(position), int(has_gauss), float(cached)],
        "torch": base64.b64encode(torch.get_rng_state().numpy().tobytes()).decode(),
    }


OBJECT_GONE = N_(
    "This test uses something your code made earlier (a model, or an object it returned), but the run of "
    "your code that held it has ended: before this point it exited, crashed or was stopped for taking too "
    "long. Fix that failure first; then this test can use it again."
)


IMPORT_NEVER_ENDS = N_(
    "Importing {module} did not finish in {seconds} s in an earlier test, so this test does not wait for it "
    "again. The code at the top level of the file runs when it is imported: look there, outside any "
    "function, for a loop that never ends."
)


class Handle(NamedTuple):
    """An object in a worker: which of the tree's workers holds it, and its number there."""

    worker: int
    number: int


NO_MORE_WORKERS = N_(
    "Your code can no longer be run: the process that starts it was stopped, most likely by your own "
    "code (os.kill, signals or ctypes). Never a pass: graded code must return its result, not stop programs."
)


def crash_message(code: int) -> str:
    return _(
        "The test process {how} while running {doing}. Never a pass: graded code must return its "
        "result, not end or crash the program (remove sys.exit, os._exit, os.abort, exit(), or ctypes tricks).",
        how=describe_exit(code),
        doing=activity.current() or _("the test"),
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


_error_classes: dict[tuple[str, str, str], type] = {}


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
        _error_classes[key] = type(info.type, (base,), {"__module__": info.module, "__str__": _remote_str})
    error = _error_classes[key].__new__(_error_classes[key])
    BaseException.__init__(error, info.message)
    error.remote = info
    if isinstance(error, SystemExit):
        error.code = _ExitCode(info.exit_code or "None")
    return error


def _remote_str(self: BaseException) -> str:
    return self.remote.message


class _ExitCode:
    """sys.exit's argument as the worker showed it (repr gives its text)."""

    def __init__(self, text: str) -> None:
        self.text = text

    def __repr__(self) -> str:
        return self.text


class LearnerObject:
    """Something the learner's code returned that is not data: its type's name and its repr.
    It is no list, tuple, dict, str or number, so every type check fails on it."""

    def __init__(self, tree: RemoteTree, data: dict) -> None:
        self._tree = tree
        self.handle = tree.handle_of(data)
        self.type_name = str(data.get("type", "object"))
        self.type_module = str(data.get("module", "?"))
        self.mro = [str(n) for n in data.get("mro") or []]
        self.text = str(data.get("repr", ""))
        self.is_callable = bool(data.get("callable"))

    def __repr__(self) -> str:
        return self.text

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        if not self.is_callable:
            raise TypeError(f"'{self.type_name}' object is not callable")
        return self._tree.call({"handle": self._tree.ref(self.handle)}, args, kwargs)


# The worker's object a module of the judge's stands for: (tree, handle). Kept beside the module,
# not in it, so a deep copy of it (a frozen copy taken before a call) is the judge's alone.
ORIGIN: weakref.WeakKeyDictionary[nn.Module, tuple[RemoteTree, Handle]] = weakref.WeakKeyDictionary()


class RemoteModule(nn.Module):
    """A module of the learner's own class: its children are the judge's own copies, its forward
    and the methods that change it run in the worker."""

    def forward(self, *args: Any, **kwargs: Any) -> Any:
        tree, handle = ORIGIN[self]
        return tree.call({"handle": tree.ref(handle)}, args, kwargs)

    def _remote(self, method: str, *args: Any, **kwargs: Any) -> Any:
        tree, handle = ORIGIN[self]
        return tree.call({"handle": tree.ref(handle), "method": method}, args, kwargs)

    def to(self, *args: Any, **kwargs: Any) -> Any:
        return self._remote("to", *args, **kwargs)

    def cpu(self) -> Any:
        return self._remote("cpu")

    def cuda(self, *args: Any, **kwargs: Any) -> Any:
        return self._remote("cuda", *args, **kwargs)

    def float(self) -> Any:
        return self._remote("float")

    def double(self) -> Any:
        return self._remote("double")

    def eval(self) -> Any:
        return self._remote("eval")

    def train(self, mode: bool = True) -> Any:
        if self not in ORIGIN:  # nn.Module.__init__ and build_module set the mode
            return super().train(mode)
        return self._remote("train", mode)


class LearnerFunction:
    """A function or class of the learner's module; calling it runs it in the worker."""

    def __init__(self, tree: RemoteTree, module: str, name: str) -> None:
        self._tree = tree
        self.__module__ = module
        self.__name__ = name
        self.__qualname__ = name

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        return self._tree.call({"module": self.__module__, "name": self.__name__}, args, kwargs)

    def __repr__(self) -> str:
        return f"<{self.__module__}.{self.__name__}>"


class LearnerModule:
    """The learner's exercise module as the judge sees it: names that call into the worker."""

    def __init__(self, tree: RemoteTree, name: str, names: list[str]) -> None:
        self._tree = tree
        self.__name__ = name
        self._names = set(names)

    def __getattr__(self, name: str) -> LearnerFunction:
        if name.startswith("__") or name not in self._names:
            raise AttributeError(f"module {self.__name__!r} has no attribute {name!r}")
        return LearnerFunction(self._tree, self.__name__, name)


class ImportFailed(Exception):  # noqa: N818
    """The exercise could not be imported; the message is written for the learner."""


ACTIVE_RULES: set[str] = set()
WATCH: list[tuple[dict, dict]] = []  # (what to watch, what was seen) for the calls of a `watching` block


@contextmanager
def watching(request: dict) -> Iterator[dict]:
    """The calls made in the block run under the worker's watch (kata.engine.worker.CallWatch);
    the dict it yields fills with what the watch saw."""
    seen: dict = {}
    WATCH.append((request, seen))
    try:
        yield seen
    finally:
        WATCH.remove((request, seen))


@contextmanager
def worker_rules(*names: str) -> Iterator[None]:
    """Rules the worker applies around every call while the block runs (kata.engine.worker.RULES)."""
    added = [name for name in names if name not in ACTIVE_RULES]
    ACTIVE_RULES.update(added)
    try:
        yield
    finally:
        ACTIVE_RULES.difference_update(added)


class RemoteTree:
    """The judge's handle on the learner's tree: one worker at a time, replaced when it ends."""

    def __init__(self, spawner: Spawner, config: dict, out_fd: int = 1) -> None:
        self.spawner = spawner
        self.config = dict(config)
        self.out_fd = out_fd
        self.sock: Any = None
        self.pid = 0
        self.hung: list[dict] = list(config.get("hung") or [])
        self.failed_imports: dict[str, str] = {}
        # Modules the running worker has imported, with their names: the next test's import of one
        # asks nothing (a round trip a test, on a busy machine about 3 ms).
        self.imported: dict[str, list[str]] = {}
        self.exercise: str | None = None  # whose tests the worker serves now
        self.workers_started = 0  # which worker holds an object (Handle.worker)
        self.deadline: float | None = None
        self.stdout = ""
        self.state_sent: dict | None = None
        self.limit: float | None = None
        self.encoder = wire.Encoder(on_module=self._module_out, on_other=self._other_out)
        self.decoder = wire.Decoder(on_module=self._module_in, on_object=self._object_in)

    # -- the worker's life ---------------------------------------------------------------------
    def ensure_worker(self) -> None:
        if self.sock is None:
            self.state_sent = None
            self.imported.clear()
            try:
                self.sock, self.pid = self.spawner.spawn({**self.config, "hung": self.hung_here()}, self.out_fd)
                self.workers_started += 1
            except OSError:  # the zygote is gone: graded code stopped it (os.kill, ctypes)
                raise CodeCouldNotRun(_(NO_MORE_WORKERS), pytrace=False) from None

    def handle_of(self, data: dict) -> Handle:
        """The handle of an object the worker sent now."""
        return Handle(self.workers_started, int(data.get("handle") or 0))

    def ref(self, handle: Handle) -> int:
        """The worker's number for an object, if the worker that holds it still runs."""
        if self.sock is None or handle.worker != self.workers_started:
            raise CodeCouldNotRun(_(OBJECT_GONE), pytrace=False)
        return handle.number

    def serve(self, exercise: str) -> None:
        """Tests of `exercise` start. Each exercise gets workers of its own, so nothing one
        exercise's code did in its worker (a patched module, a changed global) reaches another
        exercise's verdicts when several are graded in one judge (`grade-all`, `make test`)."""
        if exercise == self.exercise:
            return
        self.end_worker()
        self.failed_imports.clear()
        self.exercise = exercise
        # A working folder of its own, too: no file one exercise's code leaves reaches another's.
        base = self.config.setdefault("base_workdir", self.config["workdir"])
        own = os.path.join(base, f"work-{exercise}")
        os.makedirs(own, exist_ok=True)
        account = self.config.get("account")
        if account:  # the worker runs as that account (kata.engine.sandbox): its folder is its own
            os.chown(own, int(account[0]), int(account[1]))
        self.config["workdir"] = own

    def hung_here(self) -> list[dict]:
        """The functions that hung in this exercise's tests (or in tests of no known exercise)."""
        return [h for h in self.hung if h.get("exercise", "") in ("", self.exercise)]

    def end_worker(self) -> int:
        """Stop the worker (if it still runs) and forget it; its exit code."""
        code = 0
        if self.sock is not None:
            with suppress(OSError):
                self.sock.close()
            code = self.spawner.reap(self.pid)
        self.sock, self.pid = None, 0
        return code

    def request(self, message: dict) -> dict:
        self.ensure_worker()
        try:
            wire.send(self.sock, message)
            reply = wire.receive(self.sock)
        except (OSError, wire.WireError):
            reply = None
        except BaseException:  # the judge's own time limit (or Ctrl-C): the worker's state is unknown
            self.end_worker()
            raise
        if reply is None:
            raise CodeCouldNotRun(crash_message(self.end_worker()), pytrace=False)
        printed = reply.get("stdout")
        if isinstance(printed, str) and len(self.stdout) < STDOUT_LIMIT:
            self.stdout = (self.stdout + printed)[:STDOUT_LIMIT]
        if "protocol_error" in reply:
            self.end_worker()
            raise wire.WireError(str(reply["protocol_error"]))
        return reply

    def start_test(self, limit: float | None) -> None:
        """A test starts: its calls share its time limit."""
        self.stdout = ""
        self.limit = limit
        self.deadline = time.monotonic() + limit if limit else None

    def take_stdout(self) -> str:
        """What the learner's code printed to sys.stdout during this test."""
        printed, self.stdout = self.stdout, ""
        return printed

    def remaining(self) -> float:
        if self.deadline is None:
            return 0.0
        return max(self.deadline - time.monotonic() - BACKSTOP, 0.01)

    def record_hang(self, hung: dict) -> None:
        """A function that ran out of time fails at once from now on, in this worker and the next."""
        same = ("module", "qualname", "exercise")
        if any(all(h.get(k) == hung.get(k) for k in same) for h in self.hung):
            return
        self.hung.append(hung)
        self.imported.clear()  # the next import in this worker swaps the hung function (kata.engine.hang)
        if self.sock is not None:
            with suppress(CodeCouldNotRun, wire.WireError):
                self.request({"op": "hang", "hung": [hung]})

    # -- importing -----------------------------------------------------------------------------
    def load(self, name: str) -> LearnerModule:
        if name in self.failed_imports:
            raise ImportFailed(self.failed_imports[name])
        if name in self.imported and self.sock is not None:
            return LearnerModule(self, name, self.imported[name])
        try:
            reply = self.request({"op": "import", "module": name, "timeout": self.remaining()})
        except CodeCouldNotRun as error:  # it would crash again in every test: one crash is enough
            self.failed_imports[name] = str(error.msg)
            raise ImportFailed(self.failed_imports[name]) from None
        if "timeout" in reply:  # its top level never ends: later tests fail at once instead of waiting again
            self.failed_imports[name] = _(IMPORT_NEVER_ENDS, module=name, seconds=f"{self.limit or 0:g}")
            raise self.timed_out(reply)
        if "error" in reply:  # an outcome the file raised as it was imported (pytest.skip at module level)
            raise learner_exception(RemoteError.from_wire(reply["error"]))
        if "import_error" in reply:
            self.failed_imports[name] = str(reply["import_error"])
            raise ImportFailed(self.failed_imports[name])
        names = [str(n) for n in reply.get("names") or []]
        self.imported[name] = names
        return LearnerModule(self, name, names)

    # -- calling -------------------------------------------------------------------------------
    def call(self, target: dict, args: tuple, kwargs: dict) -> Any:
        sent: list[nn.Module] = []
        self._sent = sent
        message = {
            "op": "call",
            "target": target,
            "args": self.encoder.encode(list(args)),
            "kwargs": self.encoder.encode(dict(kwargs)),
            "rules": sorted(ACTIVE_RULES),
            "timeout": self.remaining(),
        }
        if WATCH:
            message["watch"] = WATCH[-1][0]
        state = random_state()
        if state != self.state_sent:  # the judge drew since: the learner's code continues from there
            message["random_state"] = self.state_sent = state
        reply = self.request(message)
        if WATCH and isinstance(reply.get("watch"), dict):
            WATCH[-1][1].update(reply["watch"])
        if reply.get("drew") is not False:
            # The learner's code drew, as it would have from one shared stream: the stream moves on
            # (an unseeded second call must not repeat the first), and its state is sent again.
            self.state_sent = None
            random.random(), np.random.random(), torch.rand(1)
        for module, after in zip(sent, reply.get("after") or []):
            with suppress(wire.WireError, RuntimeError, TypeError, ValueError):
                sync_module(module, after)
        if "timeout" in reply:
            raise self.timed_out(reply)
        if "import_error" in reply:
            raise ImportFailed(str(reply["import_error"]))
        if "error" in reply:
            info = RemoteError.from_wire(reply["error"])
            raise learner_exception(info)
        return self.decoder.decode(reply.get("value"))

    def timed_out(self, reply: dict) -> BaseException:
        """pytest-timeout's own failure, as if the judge had run out of time itself, naming the
        learner function the worker was in when its alarm rang."""
        failure = pytest.fail.Exception(f"Timeout (>{self.limit}s) from pytest-timeout.", pytrace=False)
        where = reply.get("timeout")
        if isinstance(where, list) and len(where) == 2 and all(isinstance(part, str) for part in where):
            failure.hung_function = (where[0], where[1])
        return failure

    # -- what crosses ------------------------------------------------------------------------
    def _module_out(self, module: nn.Module) -> dict:
        tree, handle = ORIGIN.get(module, (None, None))
        self._sent.append(module)  # what the call leaves of it is brought back (sync_module)
        if tree is self and handle is not None:
            return {"$": "ref", "handle": self.ref(handle)}
        return wire.describe_module(module, self.encoder.encode)

    def _other_out(self, value: Any) -> dict:
        if isinstance(value, LearnerObject):
            return {"$": "ref", "handle": self.ref(value.handle)}
        if isinstance(value, LearnerFunction):
            raise TypeError("a learner function cannot be passed to another call")
        raise TypeError(f"the judge cannot send a {type(value).__name__} to the worker")

    def _module_in(self, data: dict) -> nn.Module:
        module = wire.build_module(data, factory=self._stand_in)
        ORIGIN[module] = (self, self.handle_of(data))
        return module

    def _stand_in(self, data: dict) -> nn.Module:
        kind = type(str(data.get("type") or "Module"), (RemoteModule,), {"__module__": "learner"})
        module = kind()
        for name, value in (data.get("settings") or {}).items():
            if name not in ("training",) and isinstance(name, str) and not name.startswith("_"):
                object.__setattr__(module, name, value)
        return module

    def _object_in(self, data: dict) -> LearnerObject:
        return LearnerObject(self, data)

    def close(self) -> None:
        self.end_worker()


def learner_exception(info: RemoteError) -> BaseException:
    """The exception to raise in the judge for one the worker described."""
    if info.type == "HungBefore":
        return HungBefore(info.message, pytrace=False)
    if "OutcomeException" in info.ancestry:  # pytest.skip/fail/exit called inside the learner's code
        kinds = {"Skipped": pytest.skip.Exception, "Failed": pytest.fail.Exception, "Exit": pytest.exit.Exception}
        kind = next((kinds[name] for name in info.ancestry if name in kinds), pytest.fail.Exception)
        return kind(info.message) if kind is pytest.exit.Exception else kind(info.message, pytrace=False)
    return exception_from(info)


def sync_module(module: nn.Module, data: dict) -> None:
    """Bring the judge's module up to what the learner's code left of the copy it was given:
    its settings, weights and gradients, so that checks made after a call see what the call did."""
    settings = data.get("settings") or {}
    for name, value in settings.items():
        if hasattr(module, name) and not isinstance(getattr(module, name), (nn.Parameter, nn.Module, torch.Tensor)):
            if getattr(module, name) != value:
                object.__setattr__(module, name, value) if not isinstance(module, nn.RNNBase) else setattr(
                    module, name, value
                )
    params = dict(module._parameters)
    for name, value in data.get("parameters") or []:
        if value is None or name not in params or params[name] is None:
            continue
        new = wire.decode_tensor(value)
        param = params[name]
        with torch.no_grad():
            if new.shape == param.shape and new.dtype == param.dtype and new.device.type == param.device.type:
                if new.device.type != "meta":
                    param.copy_(new)
            else:
                setattr(module, name, nn.Parameter(new.detach(), requires_grad=param.requires_grad))
        if value.get("grad") is not None:
            getattr(module, name).grad = wire.decode_tensor(value["grad"]).detach()
    children = dict(module._modules)
    for name, child in data.get("children") or []:
        if children.get(name) is not None:
            sync_module(children[name], child)
