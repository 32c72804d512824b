"""How a value is named in a failure message: its type as the learner wrote it, a short repr
(tensors by shape, dtype and device), a call with its arguments, and a returned shape drawn
under the wanted one."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from itertools import permutations
from typing import Any

import numpy as np
import torch

from kata.core.text import pad, width_of
from kata.i18n import _
from kata.testing.remote import LearnerObject


def type_name(value: Any) -> str:
    """The name of a value's type as the learner wrote it (a LearnerObject stands for one)."""
    return value.type_name if isinstance(value, LearnerObject) else type(value).__name__


def short(value: Any, limit: int = 60, *, typed: bool = False) -> str:
    """A compact, readable repr for messages: tensors and modules by shape and kind. `typed`: the
    message names the value's type already ("returned ndarray <(3, 5, 4) float64>"), so a tensor
    or an array is not named twice."""
    if isinstance(value, torch.Tensor):
        dtype = str(value.dtype).removeprefix("torch.")
        if typed:
            return _("<{shape} {dtype} on {device}>", shape=tuple(value.shape), dtype=dtype, device=value.device)
        return _("<tensor {shape} {dtype} on {device}>", shape=tuple(value.shape), dtype=dtype, device=value.device)
    if isinstance(value, np.ndarray):
        return (
            f"<{value.shape} {value.dtype}>"
            if typed
            else _("<ndarray {shape} {dtype}>", shape=value.shape, dtype=value.dtype)
        )
    if isinstance(value, torch.nn.Module):
        return _("<{name}>", name=type(value).__name__)
    text = " ".join(repr(value).split())  # on one line: a repr may span lines (a tensor's numbers, aligned)
    if len(text) > limit and type(value) in (list, tuple):
        return cut_items(value, limit) or text[: limit - 3] + "..."
    return text if len(text) <= limit else text[: limit - 3] + "..."


def cut_items(value: list | tuple, limit: int) -> str:
    """A list or tuple too long for a message, cut between its items and closed: "['h', 'e', ...]"
    (review 10: a cut inside a quoted item, "'d', '...", read as a broken value). "" when not even
    its first item fits."""
    opening, closing = ("[", "]") if isinstance(value, list) else ("(", ")")
    kept: list[str] = []
    for item in value:
        piece = " ".join(repr(item).split())
        if len(opening + ", ".join([*kept, piece]) + ", ..." + closing) > limit:
            break
        kept.append(piece)
    return opening + ", ".join(kept) + ", ..." + closing if kept else ""


def label(fn: Callable, args: Sequence, kwargs: dict | None = None) -> str:
    """`ex02_batch.make_batch(['hello', 'eolll', 'lleel'], ['h', 'e', 'l', 'o'])`."""
    parts = [short(a) for a in args] + [f"{k}={short(v)}" for k, v in (kwargs or {}).items()]
    name = f"{getattr(fn, '__module__', '?')}.{getattr(fn, '__name__', repr(fn))}"
    return f"{name}({', '.join(parts)})"


def named_shape(shape: Sequence[int], axes: Sequence[str]) -> str:
    return "(" + ", ".join(f"{a}={n}" for a, n in zip(axes, shape)) + ")"


def swapped_positions(got: tuple, want: tuple) -> list[int]:
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


def described(value: Any) -> str:
    """short(value), and a short tuple or list item by item: (<tensor (5, 3, 2) float32 on cpu>, ...)."""
    if isinstance(value, tuple | list) and 0 < len(value) <= 4:
        items = ", ".join(short(v) for v in value)
        return f"({items})" if isinstance(value, tuple) else f"[{items}]"
    return short(value)
