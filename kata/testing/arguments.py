"""Arguments left as they were given. No exercise's docstring lets a function change what it is
given (the caller still uses it: a list of words, a batch, an rnn), so after every call the judge
compares each argument with what it sent: lists, dicts, tuples, tensors and arrays with the state
the worker reports after the call (arguments cross as copies, so the judge's own are untouched),
modules with the judge's copy that the worker's report brought up to date (kata.testing.remote.
sync_module). The worker reports data only; the judge decides from its own snapshot."""

from __future__ import annotations

import copy
import inspect
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
import torch

from kata.i18n import N_, _
from kata.testing.checks import expect_unchanged
from kata.testing.outcomes import fail
from kata.testing.remote import LearnerFunction, LearnerObject, RemoteModule, take_arguments_after
from kata.testing.values import short

LEAVE_THEM = N_(
    "A function must leave the arguments it is given as they were: the caller still uses them. Work on a "
    "copy (list(words), dict(d)) or build a new value."
)
LIST_EMPTIED = N_("{what} emptied the list `{name}` it was given (it had {count} items).")
CHANGED = N_("{what} changed the {kind} `{name}` it was given: it was {before}, after the call it is {after}.")
TENSOR_CHANGED = N_(
    "{what} changed the tensor `{name}` it was given, in place: {change}. Methods ending in _ (transpose_, "
    "add_, ...) and assignments such as x[0] = ... change the caller's tensor; use the versions without _ "
    "(batch.transpose(0, 1)), which return a new tensor."
)
TENSOR_SHAPE = N_("its shape was {was}, after the call it is {now}")
TENSOR_DTYPE = N_("its dtype was {was}, after the call it is {now}")
TENSOR_DEVICE = N_("it was on {was}, after the call it is on {now}")
TENSOR_GRAD = N_("its requires_grad was {was}, after the call it is {now}")
TENSOR_VALUES = N_("its values changed")
ARGUMENT = N_("argument {number}")


@dataclass
class TensorCopy:
    """A tensor argument as it was: a detached copy, and whether it required a gradient."""

    tensor: torch.Tensor
    requires_grad: bool

    def __repr__(self) -> str:
        return short(self.tensor)


class Unchecked:
    """A module or an object of the learner's inside another argument: its copy is not compared
    (a module at the top is, with the judge's own copy)."""


@dataclass
class Snapshot:
    """What the judge sent, as it was before the call: copies it keeps, and the names of the
    arguments (the function's own parameter names where the judge knows them)."""

    args: list[Any]
    kwargs: dict[str, Any]
    sent: tuple[list[Any], dict[str, Any]]


def _copy(value: Any, top: bool = False) -> Any:
    kind = type(value)
    if kind in (list, tuple):
        return kind(_copy(item) for item in value)
    if kind is dict:
        return {key: _copy(item) for key, item in value.items()}
    if isinstance(value, torch.Tensor):
        return TensorCopy(value.detach().clone(), bool(value.requires_grad))
    if isinstance(value, np.ndarray):
        return value.copy()
    if isinstance(value, torch.nn.Module) and top:
        return copy.deepcopy(value)
    if isinstance(value, torch.nn.Module | LearnerObject | LearnerFunction):
        return Unchecked()
    return value


def snapshot(args: tuple, kwargs: dict) -> Snapshot:
    """Copies of the arguments, taken before the learner's code runs."""
    take_arguments_after()  # what an earlier call reported is not this call's
    return Snapshot(
        [_copy(a, top=True) for a in args],
        {k: _copy(v, top=True) for k, v in kwargs.items()},
        (list(args), dict(kwargs)),
    )


def _tensor_change(before: TensorCopy, after: Any) -> str:
    was, grad = before.tensor, before.requires_grad
    if not isinstance(after, torch.Tensor):
        return _(TENSOR_SHAPE, was=short(was), now=short(after))
    if tuple(after.shape) != tuple(was.shape):
        return _(TENSOR_SHAPE, was=tuple(was.shape), now=tuple(after.shape))
    if after.dtype != was.dtype:
        return _(TENSOR_DTYPE, was=was.dtype, now=after.dtype)
    if after.device.type != was.device.type:
        return _(TENSOR_DEVICE, was=was.device, now=after.device)
    if bool(after.requires_grad) != grad:
        return _(TENSOR_GRAD, was=grad, now=bool(after.requires_grad))
    if was.device.type != "meta" and not torch.equal(after.detach().to(was.device), was):
        return _(TENSOR_VALUES)
    return ""


def _same(before: Any, after: Any) -> bool:
    """True when `after` is what `before` was: the same types, items and numbers."""
    if isinstance(before, TensorCopy):
        return not _tensor_change(before, after)
    if isinstance(before, Unchecked):
        return True
    if type(before) is not type(after):
        return False
    if type(before) in (list, tuple):
        return len(before) == len(after) and all(_same(b, a) for b, a in zip(before, after))
    if type(before) is dict:
        return before.keys() == after.keys() and all(_same(before[k], after[k]) for k in before)
    if isinstance(before, np.ndarray):
        return before.dtype == after.dtype and before.shape == after.shape and np.array_equal(before, after)
    try:
        return bool(before == after)
    except Exception:  # noqa: BLE001 - an object that cannot say
        return True


def _message(what: str, name: str, before: Any, after: Any) -> str:
    if isinstance(before, TensorCopy):
        return _(TENSOR_CHANGED, what=what, name=name, change=_tensor_change(before, after))
    if type(before) is list and type(after) is list and before and not after:
        return _(LIST_EMPTIED, what=what, name=name, count=len(before)) + " " + _(LEAVE_THEM)
    kinds: dict[type, str] = {list: "list", dict: "dict", tuple: "tuple"}
    kind = kinds.get(type(before), type(before).__name__)
    return _(CHANGED, what=what, kind=kind, name=name, before=short(before), after=short(after)) + " " + _(LEAVE_THEM)


def parameter_names(fn: Callable) -> list[str]:
    """The names of the function's positional parameters, for a message (in-process only: the
    worker reports a learner function's own)."""
    try:
        parameters = inspect.signature(fn).parameters.values()
    except (TypeError, ValueError):
        return []
    return [p.name for p in parameters if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]


def expect_arguments_kept(fn: Callable, taken: Snapshot, what: str) -> None:
    """Fail, naming the argument and what became of it, when the call changed one it was given."""
    remote = isinstance(fn, LearnerFunction | LearnerObject | RemoteModule)
    reported = take_arguments_after()
    if remote and reported is None:
        return  # the worker said nothing of them (it ended, or the call never started)
    sent_args, sent_kwargs = taken.sent
    after_args, after_kwargs, names = reported if reported is not None else (sent_args, sent_kwargs, [])
    if not names and not remote:
        names = parameter_names(fn)
    pairs = [
        (names[i] if i < len(names) else _(ARGUMENT, number=i + 1), taken.args[i], sent_args[i], after_args[i])
        for i in range(min(len(taken.args), len(after_args)))
    ]
    pairs += [(k, v, sent_kwargs[k], after_kwargs.get(k)) for k, v in taken.kwargs.items()]
    for name, before, sent, after in pairs:
        if isinstance(sent, torch.nn.Module) and isinstance(before, torch.nn.Module):
            expect_unchanged(sent, before, what)  # the judge's copy, brought up to date after the call
        elif not isinstance(sent, torch.nn.Module | LearnerObject) and not _same(before, after):
            fail(_message(what, name, before, after))
