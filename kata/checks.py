"""Helpers the graded tests use: call learner code and explain every failure to a beginner.

Each message says what was called, what was expected, what came back, and what to try.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from itertools import permutations
from typing import Any, NoReturn

import numpy as np
import pytest
import torch

from kata import activity
from kata.i18n import N_, _
from kata.loader import _is_test_outcome, learner_frame
from kata.text import pad, width_of

_graded_root = None  # set by the plugin: the folder whose code is graded


def set_graded_root(root) -> None:
    global _graded_root
    _graded_root = root


class NotWrittenYet(pytest.fail.Exception):
    """A failure because the function is still the stub: `make list` calls that 'not started'."""


class CodeCouldNotRun(pytest.fail.Exception):
    """A failure because the learner's code could not run at all (missing file, syntax or import
    error, an exit): the gradebook lists these as errors, apart from wrong answers."""


def fail_could_not_run(message: str) -> NoReturn:
    raise CodeCouldNotRun(message, pytrace=False)


def fail(message: str) -> NoReturn:
    pytest.fail(message, pytrace=False)


def short(value: Any, limit: int = 60) -> str:
    """A compact, readable repr for messages: tensors and modules by shape and kind."""
    if isinstance(value, torch.Tensor):
        return f"<tensor {tuple(value.shape)} {str(value.dtype).removeprefix('torch.')} on {value.device}>"
    if isinstance(value, np.ndarray):
        return f"<ndarray {value.shape} {value.dtype}>"
    if isinstance(value, torch.nn.Module):
        return f"<{type(value).__name__}>"
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def label(fn: Callable, args: Sequence, kwargs: dict | None = None) -> str:
    """`ex02_batch.make_batch(['hello', 'eolll', 'lleel'], ['h', 'e', 'l', 'o'])`."""
    parts = [short(a) for a in args] + [f"{k}={short(v)}" for k, v in (kwargs or {}).items()]
    name = f"{getattr(fn, '__module__', '?')}.{getattr(fn, '__name__', repr(fn))}"
    return f"{name}({', '.join(parts)})"


EXCEPTION_HINTS = (
    (
        "does not match weight dtype",
        N_("The RNN got float64 input: make the batch float32 (torch.Tensor(x), .float())."),
    ),
    ("same device", N_("Input and RNN are on different devices: move one with .to(device).")),
    ("Expected all tensors to be on the same device", N_("Tensors are on different devices: use .to(device).")),
    ("is not in list", N_("list.index raises ValueError when the item is missing; check the vocabulary.")),
)


def _hint_for(error: BaseException) -> str:
    text = str(error)
    for needle, hint in EXCEPTION_HINTS:
        if needle in text:
            return " " + _(hint)
    return ""


def _where(error: BaseException) -> str:
    if _graded_root is None:
        return ""
    found = learner_frame(error, _graded_root)
    return " " + _("at {file}, line {line}", file=found[0], line=found[1]) if found else ""


def call(fn: Callable, *args: Any, **kwargs: Any) -> Any:
    """Call learner code; any exception, exit or stub becomes a failure that names the call."""
    what = label(fn, args, kwargs)
    activity.note(what)
    try:
        return fn(*args, **kwargs)
    except BaseException as error:  # noqa: BLE001 - learner code may raise anything
        if _is_test_outcome(error):
            raise
        if isinstance(error, NotImplementedError):
            raise NotWrittenYet(explain_call_error(what, error), pytrace=False) from None
        if isinstance(error, SystemExit):
            fail_could_not_run(explain_call_error(what, error))
        fail(explain_call_error(what, error))


def explain_call_error(what: str, error: BaseException) -> str:
    if isinstance(error, NotImplementedError):
        return (
            _("{what} is not written yet: it still raises NotImplementedError{where}.", what=what, where=_where(error))
            + f"\n{error}"
        )
    if isinstance(error, SystemExit):
        return _(
            "{what} called sys.exit({code}){where}. A function must return its result, not end the program.",
            what=what,
            code=repr(error.code),
            where=_where(error),
        )
    where = f" ({_where(error).strip()})" if _where(error) else ""
    return _(
        "{what} raised {kind}: {error}{where}.", what=what, kind=type(error).__name__, error=error, where=where
    ) + _hint_for(error)


def expect_raises(
    kind: type[BaseException], fn: Callable, *args: Any, mentioning: str | None = None, why: str = ""
) -> BaseException:
    """The call must raise `kind` (and its message mention `mentioning`)."""
    what = label(fn, args)
    activity.note(what)
    try:
        result = fn(*args)
    except kind as error:
        if mentioning is not None and mentioning not in str(error):
            fail(
                _(
                    "{what} raised {kind}({text}), but the message should name {name} so the caller knows what is wrong.",
                    what=what,
                    kind=kind.__name__,
                    text=repr(str(error)),
                    name=repr(mentioning),
                )
            )
        return error
    except BaseException as error:  # noqa: BLE001
        if _is_test_outcome(error):
            raise
        if isinstance(error, NotImplementedError):
            raise NotWrittenYet(explain_call_error(what, error), pytrace=False) from None
        if isinstance(error, SystemExit):
            fail_could_not_run(explain_call_error(what, error))
        fail(
            _(
                "{what} raised {got}: {error}{where}; expected {kind}{why}. Raise it yourself: raise {kind}(...).",
                what=what,
                got=type(error).__name__,
                error=error,
                where=_where(error),
                kind=kind.__name__,
                why=(" " + _(why)) if why else "",
            )
        )
    fail(
        _(
            "{what} returned {result}; expected it to raise {kind}{why}.",
            what=what,
            result=short(result),
            kind=kind.__name__,
            why=(" " + _(why)) if why else "",
        )
    )


def named_shape(shape: Sequence[int], axes: Sequence[str]) -> str:
    return "(" + ", ".join(f"{a}={n}" for a, n in zip(axes, shape)) + ")"


def _swapped_positions(got: tuple, want: tuple) -> list[int]:
    """The axes a returned shape has out of place, when it is a reordering of the wanted one."""
    if len(got) != len(want) or sorted(got) != sorted(want):
        return []
    for order in permutations(range(len(want))):
        if tuple(want[i] for i in order) == got and order != tuple(range(len(want))):
            return sorted(i for pos, i in enumerate(order) if pos != i)
    return []


def shape_picture(got: tuple, want: tuple, axes: Sequence[str], marked: list[int]) -> str:
    """The wanted box's axes above the returned sizes, the misplaced axes marked:

    expected (batch=3, seq_len=5, input_size=4)
    returned (      5,         3,            4)
              ^^^^^^^  ^^^^^^^^^
    """
    names = [f"{a}={n}" for a, n in zip(axes, want)]
    widths = [max(len(name), len(str(g))) for name, g in zip(names, got)]
    top = ", ".join(name.rjust(w) for name, w in zip(names, widths))
    bottom = ", ".join(str(g).rjust(w) for g, w in zip(got, widths))
    marks = "  ".join(("^" if i in marked else " ") * w for i, w in enumerate(widths))
    expected, returned = _("expected"), _("returned")
    width = max(width_of(expected), width_of(returned))
    return f"    {pad(expected, width)} ({top})\n    {pad(returned, width)} ({bottom})\n    {pad('', width)}  {marks.rstrip()}"


def expect_tensor(
    value: Any,
    what: str,
    *,
    shape: Sequence[int],
    axes: Sequence[str],
    dtype: torch.dtype | None = torch.float32,
    device: torch.device | str | None = None,
    swap_hint: str = "",
) -> torch.Tensor:
    """A tensor of this shape, dtype and device, or a failure explaining the difference."""
    want = tuple(shape)
    if not isinstance(value, torch.Tensor):
        advice = (
            " " + _("Turn it into one with torch.from_numpy(...) or torch.tensor(...).")
            if isinstance(value, np.ndarray | list)
            else ""
        )
        fail(
            _(
                "{what} returned {kind} {value}; expected a torch.Tensor of shape {shape}.",
                what=what,
                kind=type(value).__name__,
                value=short(value),
                shape=named_shape(want, axes),
            )
            + advice
        )
    got = tuple(value.shape)
    if got != want:
        marked = _swapped_positions(got, want)
        message = _("{what} returned shape {got}; expected {want}.", what=what, got=got, want=named_shape(want, axes))
        if marked:
            swapped = _(" and ").join(axes[i] for i in marked)
            message += " " + _("The {axes} axes look swapped.", axes=swapped)
            message += (" " + _(swap_hint) if swap_hint else "") + "\n" + shape_picture(got, want, axes, marked)
        fail(message)
    if dtype is not None and value.dtype != dtype:
        advice = ""
        if value.dtype == torch.float64 and dtype == torch.float32:
            advice = " " + _(
                "nn.RNN's weights are float32 and it rejects float64 input. torch.tensor(a) keeps a "
                "numpy array's float64; use torch.Tensor(a), .float(), or a float32 array."
            )
        fail(_("{what} returned dtype {got}; expected {want}.", what=what, got=value.dtype, want=dtype) + advice)
    if device is not None and value.device.type != torch.device(device).type:
        fail(
            _(
                "{what} returned a tensor on {got}; expected it on {want}. Create it there or move it with .to(device).",
                what=what,
                got=value.device,
                want=torch.device(device).type,
            )
        )
    return value


def expect_close(
    actual: torch.Tensor | np.ndarray,
    expected: torch.Tensor | np.ndarray,
    what: str,
    *,
    atol: float,
    axes: Sequence[str] = (),
    advice: str = "",
) -> None:
    """Values equal within atol; otherwise say where the first difference is."""
    got = torch.as_tensor(
        np.asarray(actual.detach().cpu() if isinstance(actual, torch.Tensor) else actual), dtype=torch.float64
    )
    want = torch.as_tensor(
        np.asarray(expected.detach().cpu() if isinstance(expected, torch.Tensor) else expected), dtype=torch.float64
    )
    if got.shape != want.shape:
        fail(_("{what} has shape {got}; expected {want}.", what=what, got=tuple(got.shape), want=tuple(want.shape)))
    diff = (got - want).abs()
    if got.numel() == 0 or diff.max().item() <= atol:
        return
    index = tuple(int(i) for i in np.unravel_index(int(diff.argmax()), tuple(diff.shape)))
    at = ", ".join(f"{a}={i}" for a, i in zip(axes, index)) if axes else str(index)
    fail(
        _(
            "{what} has the right shape but wrong values: at [{at}] it is {got}, expected {want} "
            "(largest difference {diff}, allowed {atol}).",
            what=what,
            at=at,
            got=f"{got[index].item():.6g}",
            want=f"{want[index].item():.6g}",
            diff=f"{diff.max().item():.3g}",
            atol=f"{atol:g}",
        )
        + ((" " + _(advice)) if advice else "")
    )


OUT_AXES = ("batch", "seq_len", "hidden_size")
H_N_AXES = ("num_layers", "batch", "hidden_size")


def expect_pair(result: Any, what: str) -> tuple[Any, Any]:
    """(outputs, h_n), as nn.RNN returns them, or a failure saying what came back instead."""
    if not isinstance(result, tuple | list) or len(result) != 2:
        fail(
            _(
                "{what} returned {short_result}; expected a pair (outputs, h_n), like the RNN itself returns.",
                what=what,
                short_result=short(result),
            )
        )
    return result[0], result[1]


def expect_rnn_outputs(
    result: Any,
    rnn: torch.nn.RNN,
    batch: torch.Tensor,
    what: str,
    device: torch.device,
    *,
    outputs_hint: str = "",
    h_n_hint: str = "",
    values_advice: str = "",
    h_n_advice: str = "",
) -> tuple[torch.Tensor, torch.Tensor]:
    """A batch-first RNN result for `batch`: shapes, device, dtype, then values against the
    float64 oracle computed from the RNN's own weights (TF32-aware tolerance)."""
    from kata import oracle
    from kata.device import tolerance

    outputs, h_n = expect_pair(result, what)
    b, t, hidden = batch.shape[0], batch.shape[1], rnn.hidden_size
    expect_tensor(
        outputs,
        _("{what}'s outputs", what=what),
        shape=(b, t, hidden),
        axes=OUT_AXES,
        device=device,
        swap_hint=outputs_hint,
    )
    expect_tensor(
        h_n,
        _("{what}'s h_n", what=what),
        shape=(rnn.num_layers, b, hidden),
        axes=H_N_AXES,
        device=device,
        swap_hint=h_n_hint,
    )
    want_out, want_h = oracle.rnn_forward(rnn, batch, batch_first=True)
    atol = tolerance(device.type)
    expect_close(outputs, want_out, _("{what}'s outputs", what=what), atol=atol, axes=OUT_AXES, advice=values_advice)
    expect_close(h_n, want_h, _("{what}'s h_n", what=what), atol=atol, axes=H_N_AXES, advice=h_n_advice)
    return outputs, h_n
