"""The learner's code as the graded tests see it: stand-ins whose calls run in the worker.

`learner("ex02_batch")` (kata.engine.plugin) gives a `LearnerModule`, whose names are
`LearnerFunction`s. What comes back is data the judge rebuilt itself (kata.testing.wire): tensors
and arrays of exact types, and for a module the learner built, a module of the judge's own made
from its settings and parameters (torch's own class where it names one; otherwise a
`RemoteModule` whose children are such copies and whose forward runs in the worker). An object
that is not data (a subclass of list or dict, an object of the learner's own class) becomes a
`LearnerObject`, which fails every type check. An exception comes back as one of the same name
(kata.testing.learner_errors).

A test asks the worker for more around its calls with `worker_rules` and `watching`. The client
that sends the calls, starts workers and replaces one that ended is kata.engine.worker_client.
"""

from __future__ import annotations

import difflib
import weakref
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, NamedTuple, Protocol

import torch
from torch import nn

from kata.i18n import N_, _, and_list
from kata.testing import wire
from kata.testing.outcomes import CodeCouldNotRun

NOT_DEFINED = N_(
    "{file} defines no `{name}`: the tests call it by that name. It defines {defined}. "
    "Give the function the name the docstring uses: `{name}`."
)
NOT_DEFINED_CLOSE = N_(
    "{file} defines no `{name}`: the tests call it by that name. It defines {defined}; did you mean "
    "`{close}`? Give the function the name the docstring uses: `{name}`."
)
DEFINES_NOTHING = N_(
    "{file} defines no `{name}`: the tests call it by that name, and the file defines no function or class "
    "at all. Write `{name}` as the docstring describes."
)


class Handle(NamedTuple):
    """An object in a worker: which of the tree's workers holds it, and its number there."""

    worker: int
    number: int


class Caller(Protocol):
    """What runs a stand-in's calls in the worker (kata.engine.worker_client.RemoteTree)."""

    def handle_of(self, data: dict) -> Handle: ...
    def ref(self, handle: Handle) -> int: ...
    def call(self, target: dict, args: tuple, kwargs: dict) -> Any: ...


class LearnerObject:
    """Something the learner's code returned that is not data: its type's name and its repr.
    It is no list, tuple, dict, str or number, so every type check fails on it."""

    def __init__(self, tree: Caller, data: dict) -> None:
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
ORIGIN: weakref.WeakKeyDictionary[nn.Module, tuple[Caller, Handle]] = weakref.WeakKeyDictionary()


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

    def __init__(self, tree: Caller, module: str, name: str) -> None:
        self._tree = tree
        self.__module__ = module
        self.__name__ = name
        self.__qualname__ = name

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        return self._tree.call({"module": self.__module__, "name": self.__name__}, args, kwargs)

    def __repr__(self) -> str:
        return f"<{self.__module__}.{self.__name__}>"


class NotDefined(CodeCouldNotRun, AttributeError):
    """A name the learner's file does not define: in a test, a failure that names the file and what
    it defines; to hasattr (a library probing an object), an AttributeError like any other."""


class LearnerModule:
    """The learner's exercise module as the judge sees it: names that call into the worker.
    `defined`: the functions and classes the file itself defines, `file`: the file as shown; a
    test asking for a name the file lacks fails naming the file and what it does define."""

    def __init__(
        self, tree: Caller, name: str, names: list[str], defined: list[str] | None = None, file: str = ""
    ) -> None:
        self._tree = tree
        self.__name__ = name
        self._names = set(names)
        self._defined = list(defined or [])
        self._file = file or f"{name}.py"

    def __getattr__(self, name: str) -> LearnerFunction:
        if name.startswith("__"):
            raise AttributeError(f"module {self.__name__!r} has no attribute {name!r}")
        if name not in self._names:
            raise NotDefined(self.missing(name), pytrace=False)
        return LearnerFunction(self._tree, self.__name__, name)

    def missing(self, name: str) -> str:
        """The file lacks `name`: what it defines instead, the closest name first suggested."""
        public = [n for n in self._defined if not n.startswith("_")]
        if not public:
            return _(DEFINES_NOTHING, file=self._file, name=name)
        defined = and_list([f"`{n}`" for n in public[:12]])
        close = difflib.get_close_matches(name, public, n=1, cutoff=0.5)
        if close:
            return _(NOT_DEFINED_CLOSE, file=self._file, name=name, defined=defined, close=close[0])
        return _(NOT_DEFINED, file=self._file, name=name, defined=defined)


class ImportFailed(Exception):  # noqa: N818
    """The exercise could not be imported; the message is written for the learner."""


# The arguments of the last call as the worker left them: (args, kwargs, the learner's parameter
# names), set by the client for each call (kata.engine.worker_client), taken by kata.testing.arguments.
ARGUMENTS_AFTER: list[tuple[list, dict, list[str]]] = []


def set_arguments_after(args: list, kwargs: dict, names: list[str]) -> None:
    ARGUMENTS_AFTER[:] = [(args, kwargs, names)]


def take_arguments_after() -> tuple[list, dict, list[str]] | None:
    """What the last call reported of its arguments, once; None if it reported nothing."""
    found = ARGUMENTS_AFTER[0] if ARGUMENTS_AFTER else None
    ARGUMENTS_AFTER.clear()
    return found


ACTIVE_RULES: set[str] = set()
WATCH: list[tuple[dict, dict]] = []  # (what to watch, what was seen) for the calls of a `watching` block


@contextmanager
def watching(request: dict) -> Iterator[dict]:
    """The calls made in the block run under the worker's watch (kata.engine.worker_rules.CallWatch);
    the dict it yields fills with what the watch saw."""
    seen: dict = {}
    WATCH.append((request, seen))
    try:
        yield seen
    finally:
        WATCH.remove((request, seen))


@contextmanager
def worker_rules(*names: str) -> Iterator[None]:
    """Rules the worker applies around every call while the block runs (kata.engine.worker_rules.RULES)."""
    added = [name for name in names if name not in ACTIVE_RULES]
    ACTIVE_RULES.update(added)
    try:
        yield
    finally:
        ACTIVE_RULES.difference_update(added)


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
        param = params.get(name)
        if value is None or param is None:
            continue
        new = wire.decode_tensor(value)
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
        own = children.get(name)
        if own is not None and isinstance(child, dict):
            sync_module(own, child)
