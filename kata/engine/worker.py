"""The worker: the only process that imports and runs the learner's code.

The judge (pytest with the graded tests) asks it, over one socket, to import an exercise, call a
function, call a method of an object it made, and sends it data only (kata.testing.wire). The
worker answers with data: results, exceptions described (type, message, the learner's frames),
and a handle for what cannot be data (a module the learner built), which the judge can pass back.

The worker is forked from a warm zygote (kata.engine.zygote) or started as `python -m
kata.engine.worker` where fork is not available. Before any learner code runs it gives up what
graded code must not have (kata.engine.sandbox, kata.engine.guard): root, writes outside its
folder, the hidden tests, the reference solutions, other programs. It holds no grading code:
no graded test, no reference, no verdict; whatever the learner's code rewrites here, the judge
only sees the data it is sent, and checks it against numbers it computes itself.
"""

from __future__ import annotations

import inspect
import io
import os
import signal
import socket
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager, nullcontext, suppress
from pathlib import Path
from types import FrameType
from typing import Any

import torch
from torch import nn

from kata import ROOT
from kata.core import launcher, paths
from kata.core.manifest import load_manifest
from kata.core.settings import settings
from kata.engine import confine, guard, hang, sandbox
from kata.engine.loader import LearnerCodeError, LearnerTree, TimeLimit
from kata.engine.worker_descriptions import describe_error, describe_object, name_files_as
from kata.engine.worker_rules import AFTER_CALL, REFUSED, RULES, CallWatch, backprop_outputs, patched
from kata.i18n import _
from kata.testing import activity, wire, wire_modules
from kata.testing.device import configure_numerics, meta_without_dynamo
from kata.testing.random_state import set_random_state, state_marks
from kata.testing.tracebacks import innermost_learner_function


class RecordedStream(io.TextIOWrapper):
    """A text stream that also keeps the first `limit` characters written to it since the last
    take(): learner code's stdout apart from its stderr (both still go to the same pipe)."""

    def __init__(
        self, buffer: io.FileIO, limit: int = 4000, *, line_buffering: bool = False, errors: str | None = None
    ) -> None:
        super().__init__(buffer, line_buffering=line_buffering, errors=errors)
        self.limit = limit
        self.kept: list[str] = []
        self.size = 0

    def write(self, text: str) -> int:
        if self.size < self.limit and isinstance(text, str):
            piece = text[: self.limit - self.size]
            self.kept.append(piece)
            self.size += len(piece)
        return super().write(text)

    def take(self) -> str:
        text, self.kept, self.size = "".join(self.kept), [], 0
        return text


class Worker:
    """Serves one judge: imports exercises, runs calls, keeps what cannot be sent by handle."""

    def __init__(self, sock: socket.socket, impl: Path, shown: Path | None = None) -> None:
        self.sock = sock
        self.impl = impl
        name_files_as(str(impl), str(shown or impl))  # frames name the graded files as the judge knows them
        self.tree = LearnerTree(impl)
        self.objects: dict[int, Any] = {}
        self.modules: dict[str, Any] = {}  # imported once; a hung function is swapped in place (kata.engine.hang)
        self.next_handle = 1
        self.encoder = wire.Encoder(on_module=self._module_out, on_other=self._object_out)
        self.decoder = wire.Decoder(on_module=self._module_in, on_ref=self._ref_in)

    # handles
    def _keep(self, value: Any) -> int:
        for handle, kept in self.objects.items():
            if kept is value:
                return handle
        handle, self.next_handle = self.next_handle, self.next_handle + 1
        self.objects[handle] = value
        return handle

    def _module_out(self, module: nn.Module) -> dict:
        return {**wire_modules.describe_module(module, self.encoder.encode), "handle": self._keep(module)}

    def _object_out(self, value: Any) -> dict:
        return describe_object(value, self._keep(value))

    def _module_in(self, data: dict) -> nn.Module:
        return wire_modules.build_module(data)

    def _ref_in(self, handle: int) -> Any:
        if handle not in self.objects:
            raise wire.WireError(f"no object {handle}")
        return self.objects[handle]

    # the loop
    def serve(self) -> None:
        wire.send(self.sock, {"ready": True})  # the judge's clock for a test starts from here
        while True:
            request = wire.receive(self.sock)
            if request is None:
                return
            try:
                reply = self.handle(request)
            except wire.WireError as error:
                reply = {"protocol_error": str(error)}
            _flush()
            if isinstance(sys.stdout, RecordedStream):
                reply["stdout"] = sys.stdout.take()  # the judge keeps it apart (Exercism shows stdout only)
            wire.send(self.sock, reply)

    def handle(self, request: dict) -> dict:
        op = request.get("op")
        if op == "import":
            try:
                with _time_limit(float(request.get("timeout") or 0), self.impl):
                    module = self.tree.load(str(request.get("module")))
            except TimeLimit as error:
                return {"timeout": self.innermost_function(error)}
            except LearnerCodeError as error:
                return {"import_error": str(error)}
            except BaseException as error:  # noqa: BLE001 - pytest.skip(...) at the top of a file, and the like
                return {"error": describe_error(error)}
            return {
                "ok": True,
                "names": [name for name in vars(module) if not name.startswith("__")],
                "defined": defined_in(module),
            }
        if op == "hang":
            for hung in request.get("hung") or []:
                hang.record(hang.Hung(**hung), str(self.impl))
            return {"ok": True}
        if op == "release":
            for handle in request.get("handles") or []:
                self.objects.pop(handle, None)
            return {"ok": True}
        if op == "call":
            return self.call(request)
        raise wire.WireError(f"unknown request {op!r}")

    def target(self, request: dict) -> Callable:
        target = request.get("target") or {}
        if "handle" in target:
            obj = self._ref_in(target["handle"])
            method = target.get("method")
            return getattr(obj, method) if method else obj
        name = str(target.get("module"))
        module = self.modules.get(name) or self.tree.load(name)
        self.modules[name] = module
        return getattr(module, str(target.get("name")))

    def call(self, request: dict) -> dict:
        rules = [name for name in request.get("rules") or [] if name in RULES or name in AFTER_CALL]
        if isinstance(request.get("random_state"), dict):
            try:
                set_random_state(request["random_state"])
            except ValueError as error:
                raise wire.WireError(str(error)) from None
        drawn_from = state_marks()
        seconds = float(request.get("timeout") or 0)
        sent: list[Any] = []
        decoded: tuple[list, dict] | None = None
        fn: Any = None
        watch: CallWatch | None = None
        try:
            with _time_limit(seconds, self.impl):
                fn = self.target(request)
                args = self.decoder.decode(request.get("args", {"$": "list", "items": []}))
                kwargs = self.decoder.decode(request.get("kwargs", {"$": "dict", "items": []}))
                decoded = (args, kwargs)
                sent = [value for value in _walk([*args, *kwargs.values()]) if isinstance(value, nn.Module)]
                patches = [patch for name in rules if name in RULES for patch in RULES[name]()]
                watch = self.watch_for(request.get("watch"), args)
                REFUSED.clear()
                with patched(patches), watch or nullcontext():
                    result = fn(*args, **kwargs)
                if "backprop_outputs" in rules:
                    backprop_outputs(result)
                reply = {"value": self.encoder.encode(result)}
        except TimeLimit as error:
            return {"timeout": self.innermost_function(error)}
        except LearnerCodeError as error:
            return {"import_error": str(error)}
        except wire.WireError:
            raise
        except BaseException as error:  # noqa: BLE001 - learner code may raise anything, SystemExit too
            reply = {"error": describe_error(error)}
        if watch is not None:
            reply["watch"] = {"kernels": watch.kernels + REFUSED, "changed": watch.changed}
        reply["after"] = [wire_modules.describe_module(module, self.encoder.encode) for module in sent]
        if decoded is not None:
            reply["arguments"] = self.arguments_after(fn, *decoded)
        reply["drew"] = state_marks() != drawn_from  # the judge sends its state again next time
        return reply

    def arguments_after(self, fn: Any, args: list, kwargs: dict) -> dict | None:
        """The arguments as the call left them, as data (modules as None: the judge syncs its own
        copies from "after"), with the function's parameter names to word a message."""
        encoder = wire.Encoder(on_module=lambda module: None, on_other=self._object_out)
        try:
            return {"args": encoder.encode(args), "kwargs": encoder.encode(kwargs), "names": parameter_names(fn)}
        except Exception:  # noqa: BLE001 - an argument the learner's code turned into something unsendable
            return None

    @staticmethod
    def watch_for(request: Any, args: list) -> CallWatch | None:
        """The watch a call asked for: which argument to watch (its position), what to refuse."""
        if not isinstance(request, dict):
            return None
        position = request.get("module")
        module = args[position] if type(position) is int and 0 <= position < len(args) else None
        refuse = request.get("refuse")
        return CallWatch(module if isinstance(module, nn.Module) else None, str(refuse) if refuse else "")

    def innermost_function(self, error: TimeLimit) -> list[str | int] | None:
        """[module, qualname, line] of the loop that never ended, or [module, qualname]."""
        if error.where is not None:
            return list(error.where)
        found = innermost_learner_function(error, self.impl)
        return list(found) if found else None


@contextmanager
def _time_limit(seconds: float, root: Path) -> Iterator[None]:
    """Stops the call after `seconds`, and says where it looped: the alarm looks at the learner's
    stack, rings again a moment later, looks again, and raises there (kata.engine.hang.where_it_loops)."""
    if seconds <= 0:
        yield
        return
    looks: list[list[FrameType]] = []

    def expired(signum: int, frame: FrameType | None) -> None:
        looks.append(hang.learner_stack(frame, str(root)))
        if len(looks) == 1:
            signal.setitimer(signal.ITIMER_REAL, hang.LOOK_AGAIN)
            return
        raise TimeLimit(hang.where_it_loops(looks[0], looks[1]))

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, max(seconds - hang.LOOK_AGAIN, 0.001))
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        looks.clear()  # the frames it held


def parameter_names(fn: Any) -> list[str]:
    """The positional parameters of the function called, by the names the learner gave them."""
    try:
        parameters = inspect.signature(fn).parameters.values()
    except (TypeError, ValueError):
        return []
    return [str(p.name)[:40] for p in parameters if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)][:20]


def defined_in(module: Any) -> list[str]:
    """The functions and classes a learner's file defines itself (not those it imports): what a
    test that asks for a missing name lists."""
    found = []
    for name, value in list(vars(module).items()):
        if isinstance(name, str) and not name.startswith("__") and callable(value):
            if getattr(value, "__module__", None) == module.__name__:
                found.append(name[:100])
    return found[:50]


def _walk(values: list) -> list:
    """Every value of the arguments, nested lists, tuples and dicts opened, in the order the
    judge encoded them (kata.testing.wire.Encoder)."""
    found: list = []
    for value in values:
        found.append(value)
        if type(value) in (list, tuple):
            found += _walk(list(value))
        elif type(value) is dict:
            found += _walk([item for pair in value.items() for item in pair])
    return found


def _flush() -> None:
    for stream in {sys.stdout, sys.stderr, sys.__stdout__, sys.__stderr__}:
        if stream is not None:
            with suppress(OSError, ValueError, AttributeError):
                stream.flush()


def worker_main(sock: socket.socket, config: dict) -> None:
    """Everything the learner's code prints goes to fds 1 and 2 (the grader reads them, bounded).
    `config`: impl (the folder graded), shown (how to name its files), workdir (where its own
    folder is made), account (uid, gid, name to drop to, as root), hung (functions that hung
    before), modules (the files to grade, where not the manifest's exercises: the kata's own tests),
    wait_for_go (forked ahead of time: set up only once the judge says go, see RemoteTree.start_early). Grading other people's code (KATA_CONFINE=required), it refuses to run unconfined."""
    impl = Path(config["impl"])
    launcher.set_impl(config.get("commands_impl") or "")  # spawned, it inherited no module state
    activity.set_sink(None)  # the judge's, copied by fork: the judge knows what it asked for
    torch.set_num_threads(1)  # graded tensors are tiny: more threads only spin
    configure_numerics()  # the learner's float32 RNN on a GPU is compared at the same tolerance
    meta_without_dynamo()  # a worker that was spawned, not forked, has not had it done
    sys.dont_write_bytecode = True  # bytecode is neither written nor read: the copy has no __pycache__
    modules = config.get("modules") or [exercise.name for exercise in load_manifest()]  # the files it copies
    if config.get("wait_for_go") and wire.receive(sock) is None:  # forked ahead of time, then given up
        return
    account = sandbox.Account(*config["account"]) if config.get("account") else None
    wanted = str(config.get("confine", settings().confine))  # the judge's word: this process may predate it
    own = sandbox.own_folder(str(config["workdir"]), impl, account, modules)
    graded = sandbox.graded_copy(own)
    paths.show_as(graded, Path(config.get("shown") or impl))
    for hung in config.get("hung") or []:
        hang.record(hang.Hung(**hung), str(graded))
    sandbox.forget_the_grader(str(own))
    tempfile.tempdir = None
    os.chdir(own)
    if account is not None:
        sandbox.drop_privileges(account, str(own))
    readable, secret = [str(ROOT / "kata"), str(own), str(graded)], sandbox.secret_folders(impl)
    report = confine.confine(readable, [str(own)], secret, files=wanted != "none")
    if not report.files and wanted == "required":
        raise SystemExit(_(sandbox.UNCONFINED_REFUSED, off="; ".join(report.off)))
    guard.forbid_kata_imports(graded)  # words a message only: the kata's code is not secret
    sys.stdout = RecordedStream(io.FileIO(1, "w", closefd=False), line_buffering=True, errors="replace")
    sys.stderr = io.TextIOWrapper(io.FileIO(2, "w", closefd=False), line_buffering=True, errors="replace")
    Worker(sock, graded, shown=impl).serve()


if __name__ == "__main__":  # spawned: python -m kata.engine.worker FD CONFIG_JSON
    import json

    channel = socket.socket(fileno=int(sys.argv[1]))
    worker_main(channel, json.loads(sys.argv[2]))
    os._exit(0)  # do not wait for threads the learner's code may have left running
