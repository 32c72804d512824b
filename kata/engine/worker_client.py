"""The judge's client of the worker: one worker at a time for the exercise being graded, its
requests and replies (kata.testing.wire), and a fresh worker when one crashed, exited or ran out
of time. What a test holds of the learner's code are stand-ins (kata.testing.remote) whose calls
come here; what the worker's code raised comes back as kata.testing.learner_errors makes it.
"""

from __future__ import annotations

import os
import random
import time
from collections.abc import Callable
from contextlib import suppress
from pathlib import Path
from typing import Any, Protocol

import numpy as np
import torch
from torch import nn

from kata.core.paths import display_path
from kata.i18n import N_, _
from kata.testing import wire, wire_modules
from kata.testing.learner_errors import RemoteError, WorkerTimedOut, crash_message, learner_exception
from kata.testing.outcomes import CodeCouldNotRun
from kata.testing.random_state import random_state, state_marks
from kata.testing.remote import (
    ACTIVE_RULES,
    ORIGIN,
    WATCH,
    Handle,
    ImportFailed,
    LearnerFunction,
    LearnerModule,
    LearnerObject,
    RemoteModule,
    set_arguments_after,
    sync_module,
)

BACKSTOP = 0.2  # seconds the worker's own alarm rings before the test's deadline
GRACE = 2.0  # seconds past the deadline the judge waits for a reply before it stops the worker
WORKER_START_LIMIT = 120.0  # seconds a worker may take to start (a spawned one imports torch)
STDOUT_LIMIT = 4000  # characters of a test's stdout kept for Exercism


class Spawner(Protocol):
    def spawn(self, config: dict, out_fd: int) -> tuple[Any, int]: ...
    def reap(self, pid: int) -> int: ...
    def close(self) -> None: ...


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


NO_MORE_WORKERS = N_(
    "Your code can no longer be run: the process that starts it was stopped, most likely by your own "
    "code (os.kill, signals or ctypes). Never a pass: graded code must return its result, not stop programs."
)


class RemoteTree:
    """The judge's handle on the learner's tree: one worker at a time, replaced when it ends."""

    def __init__(self, spawner: Spawner, config: dict, out_fd: int = 1) -> None:
        self.spawner = spawner
        self.config = dict(config)
        self.out_fd = out_fd
        self.sock: Any = None
        self.pid = 0
        self.early = False  # the worker was forked ahead of time and waits to be told to set up (start_early)
        self.hung: list[dict] = list(config.get("hung") or [])
        self.failed_imports: dict[str, str] = {}
        # Modules the running worker has imported, with their names: the next test's import of one
        # asks nothing (a round trip a test, on a busy machine about 3 ms).
        self.imported: dict[str, list[str]] = {}
        self.defined: dict[str, list[str]] = {}  # the functions and classes each module defines itself
        self.exercise: str | None = None  # whose tests the worker serves now
        self.workers_started = 0  # which worker holds an object (Handle.worker)
        self.deadline: float | None = None
        self.stdout = ""
        self.state_sent: tuple[int, int, int] | None = None  # the marks of the random state sent last
        self.limit: float | None = None
        # Told when a new worker starts (True) and is ready (False): the judge tells its parent,
        # whose backstop must not count the start either (kata.engine.judge_process.Judge.overdue).
        self.on_worker: Callable[[bool], None] | None = None
        self.encoder = wire.Encoder(on_module=self._module_out, on_other=self._other_out)
        self.decoder = wire.Decoder(on_module=self._module_in, on_object=self._object_in)

    # -- the worker's life ---------------------------------------------------------------------
    def ensure_worker(self) -> None:
        if self.sock is None or self.early:
            self.state_sent = None
            self.imported.clear()
            started = time.monotonic()
            if self.on_worker is not None:
                self.on_worker(True)
            try:
                self.start_worker()
            finally:
                if self.on_worker is not None:
                    self.on_worker(False)
            if self.deadline is not None:  # its start is not the learner's time
                self.deadline += time.monotonic() - started

    def start_worker(self) -> None:
        if self.early:  # forked ahead of time: it sets itself up now
            self.early = False
            with suppress(OSError):
                wire.send(self.sock, {"op": "go"})
            return self.await_ready()  # one that is gone says how it ended
        try:
            self.sock, self.pid = self.spawner.spawn({**self.config, "hung": self.hung_here()}, self.out_fd)
            self.workers_started += 1
        except OSError:  # the zygote is gone: graded code stopped it (os.kill, ctypes)
            raise CodeCouldNotRun(_(NO_MORE_WORKERS), pytrace=False) from None
        self.await_ready()

    def start_early(self) -> None:
        """Fork the worker now, for a judge started ahead of time (`make watch`): it waits, before
        it copies the graded files, until ensure_worker tells it to go. A save then costs no fork
        (about 8 ms of it, measured). Where it cannot be forked, ensure_worker tries again and says why."""
        if self.sock is not None:
            return
        try:
            self.sock, self.pid = self.spawner.spawn(
                {**self.config, "hung": self.hung_here(), "wait_for_go": True}, self.out_fd
            )
        except OSError:
            return
        self.workers_started += 1
        self.early = True

    def await_ready(self) -> None:
        """The new worker's first message, once it has set itself up (a copy of the files,
        confinement; a spawned one imports torch first); a worker that ends before it fails the
        call that wanted it, with how it ended."""
        self.sock.settimeout(WORKER_START_LIMIT)
        try:
            ready = wire.receive(self.sock)
        except (OSError, wire.WireError):
            ready = None
        if ready is None:
            raise CodeCouldNotRun(crash_message(self.end_worker()), pytrace=False)

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
        own = os.path.join(str(base), f"work-{exercise}")
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
        """The worker's reply. The test's one clock: the worker's alarm stops the learner's Python
        code before the deadline and says where it looped; a worker that cannot answer by the
        deadline plus GRACE (stuck inside one long C call, where no alarm is heard) is stopped
        here, and the test fails as timed out."""
        self.ensure_worker()
        self.sock.settimeout(max(self.deadline - time.monotonic(), 0.0) + GRACE if self.deadline else None)
        try:
            wire.send(self.sock, message)
            reply = wire.receive(self.sock)
        except TimeoutError:
            self.end_worker()
            raise self.timed_out({}) from None
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
            return LearnerModule(self, name, self.imported[name], self.defined.get(name), self.file_of(name))
        try:
            reply = self.request({"op": "import", "module": name, "timeout": self.remaining()})
        except CodeCouldNotRun as error:  # it would crash again in every test: one crash is enough
            self.failed_imports[name] = str(error.msg)
            raise ImportFailed(self.failed_imports[name]) from None
        except WorkerTimedOut:  # stuck in a C call at the top level: later tests do not wait again
            self.failed_imports[name] = _(IMPORT_NEVER_ENDS, module=name, seconds=f"{self.limit or 0:g}")
            raise
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
        self.defined[name] = [str(n) for n in reply.get("defined") or []]
        return LearnerModule(self, name, names, self.defined[name], self.file_of(name))

    def file_of(self, name: str) -> str:
        """The exercise's file as the learner knows it: exercises/ex01_one_hot.py."""
        return display_path(Path(str(self.config["impl"])) / f"{name}.py")

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
        marks = state_marks()
        if marks != self.state_sent:  # the judge drew since: the learner's code continues from there
            message["random_state"], self.state_sent = random_state(), marks
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
        self.arguments_after(reply.get("arguments"))
        if "timeout" in reply:
            raise self.timed_out(reply)
        if "import_error" in reply:
            raise ImportFailed(str(reply["import_error"]))
        if "error" in reply:
            info = RemoteError.from_wire(reply["error"])
            raise learner_exception(info)
        return self.decoder.decode(reply.get("value"))

    def arguments_after(self, data: Any) -> None:
        """The arguments as the learner's code left them (modules apart: they are synced above),
        for the judge to compare with what it sent (kata.testing.arguments)."""
        if not isinstance(data, dict):
            return
        with suppress(wire.WireError, RuntimeError, TypeError, ValueError):
            args, kwargs = self.decoder.decode(data.get("args")), self.decoder.decode(data.get("kwargs"))
            names = data.get("names")
            if isinstance(args, list) and isinstance(kwargs, dict) and isinstance(names, list):
                set_arguments_after(args, kwargs, [str(n)[:40] for n in names[:20]])

    def timed_out(self, reply: dict) -> WorkerTimedOut:
        """pytest-timeout's own failure, as if the judge had run out of time itself, naming the
        learner function the worker was in when its alarm rang."""
        failure = WorkerTimedOut(f"Timeout (>{self.limit}s) from pytest-timeout.", pytrace=False)
        where = reply.get("timeout")  # [module, qualname] or [module, qualname, line] (kata.engine.hang)
        if isinstance(where, list) and len(where) in (2, 3) and all(isinstance(part, str) for part in where[:2]):
            failure.hung_function = (where[0], where[1])
            if len(where) == 3 and type(where[2]) is int and where[2] > 0:
                failure.hung_line = where[2]
        return failure

    # -- what crosses ------------------------------------------------------------------------
    def _module_out(self, module: nn.Module) -> dict:
        tree, handle = ORIGIN.get(module, (None, None))
        self._sent.append(module)  # what the call leaves of it is brought back (sync_module)
        if tree is self and handle is not None:
            return {"$": "ref", "handle": self.ref(handle)}
        return wire_modules.describe_module(module, self.encoder.encode)

    def _other_out(self, value: Any) -> dict:
        if isinstance(value, LearnerObject):
            return {"$": "ref", "handle": self.ref(value.handle)}
        if isinstance(value, LearnerFunction):
            raise TypeError("a learner function cannot be passed to another call")
        raise TypeError(f"the judge cannot send a {type(value).__name__} to the worker")

    def _module_in(self, data: dict) -> nn.Module:
        module = wire_modules.build_module(data, factory=self._stand_in)
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
