"""device=None means the CPU, on every machine. Code that reads it as "CUDA if there is one"
passes on a CPU-only grader, so the call is made once more with CUDA looking available in the
worker (kata.engine.worker_rules, "cuda_looks_available"): such code then tries CUDA and fails, or,
on a machine with a GPU, returns its result there. The verdict is the judge's, from what came back:
an error that the same call without the rule does not raise, or a tensor or parameter off the CPU."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import torch

from kata.i18n import N_, _
from kata.testing import activity
from kata.testing.calls import call, fail_for_unfinished_or_exit, where
from kata.testing.outcomes import fail
from kata.testing.remote import worker_rules
from kata.testing.values import label, short

RAISED_WITH_CUDA = N_(
    "{what} works on this machine, but fails where CUDA is available: called again with CUDA looking "
    "available, it tried to use CUDA and raised {kind}: {error}{where}. device=None means the CPU, as the "
    "docstring says, on every machine: use the CPU when device is None (`device or 'cpu'`), not "
    "`'cuda' if torch.cuda.is_available() else 'cpu'`."
)
NOTHING_ON_A_DEVICE = N_(
    "{what} returned {short_result}: no tensor and no model, so there is nothing whose device this test "
    "can check. Return what the docstring says, made on the CPU when device is None."
)
RETURNED_ON_CUDA = N_(
    "{what}, called without a device where CUDA is available, put {where} on {device}. device=None means "
    "the CPU, as the docstring says, on every machine: use the CPU when device is None (`device or 'cpu'`), "
    "not `'cuda' if torch.cuda.is_available() else 'cpu'`."
)


def _off_the_cpu(value: Any, depth: int = 0) -> tuple[str, torch.device] | None:
    """(what, device) of the first tensor or parameter in a result that is not on the CPU."""
    if isinstance(value, torch.Tensor):
        return (_("its result"), value.device) if value.device.type != "cpu" else None
    if isinstance(value, torch.nn.Module):
        for name, param in value.named_parameters():
            if param.device.type != "cpu":
                return (_("parameter {name}", name=name), param.device)
        return None
    if isinstance(value, tuple | list) and depth < 3:
        for item in value:
            found = _off_the_cpu(item, depth + 1)
            if found:
                return found
    return None


def expect_cpu_when_device_is_none(fn: Callable, *args: Any, **kwargs: Any) -> Any:
    """fn(*args, **kwargs), called without `device`, made with CUDA looking available: its result
    must be on the CPU. The same call without the rule must work (other tests check its result)."""
    what = label(fn, args, kwargs)
    call(fn, *args, **kwargs)  # an error of its own is reported as such, not as a device mistake
    activity.note(what)
    raised: BaseException | None = None
    with worker_rules("cuda_looks_available"):
        try:
            result = fn(*args, **kwargs)
        except BaseException as error:  # noqa: BLE001 - learner code may raise anything
            raised = error
    if raised is not None:
        fail_for_unfinished_or_exit(what, raised, fn)
        text = str(raised)[:200]
        fail(_(RAISED_WITH_CUDA, what=what, kind=type(raised).__name__, error=text, where=where(raised)))
    if not _holds_torch(result):  # None or a list of floats is on no device: nothing here to pass
        fail(_(NOTHING_ON_A_DEVICE, what=what, short_result=short(result)))
    found = _off_the_cpu(result)
    if found:
        fail(_(RETURNED_ON_CUDA, what=what, where=found[0], device=found[1]))
    return result


def _holds_torch(value: Any, depth: int = 0) -> bool:
    """Whether a result holds a tensor or a module (the pair train returns included)."""
    if isinstance(value, torch.Tensor | torch.nn.Module):
        return True
    return isinstance(value, tuple | list) and depth < 3 and any(_holds_torch(v, depth + 1) for v in value)
