"""Checks of what the learner's code returned: exact types, tensors (shape, dtype, device, values)
and modules left as they were given. Each failure says what was expected, what came back and what
to try. The RNN's own contract is in kata.testing.rnn_checks; calling the code, in kata.testing.calls.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

import numpy as np
import torch

from kata.i18n import N_, _, and_list
from kata.testing.modules import changed_parameter, changed_setting
from kata.testing.outcomes import fail
from kata.testing.values import named_shape, shape_picture, short, swapped_positions, type_name

M = TypeVar("M", bound=torch.nn.Module)


class Returned(str):
    """A description of a value a call gave back ("run_rnn(...)'s outputs"), not of a call. The
    checks word their messages after it as after a value ("{what} has shape"), after a call as
    after a call ("{what} returned shape"): one template for both doubled the verb in Korean
    ("…이 돌려준 outputs가 돌려준 값의 모양이")."""


def returned(description: str) -> Returned:
    """`description` marked as naming a returned value (see Returned)."""
    return Returned(description)


def worded(what: str, templates: tuple[str, str]) -> str:
    """Of (after a call, after a returned value), the template that reads right after `what`."""
    return templates[isinstance(what, Returned)]


# (after a call, after a value a call returned): see Returned.
TYPE_WORDED = (
    N_("{what} returned {kind_got} {value}; expected {described}."),
    N_("{what} is {kind_got} {value}; expected {described}."),
)
ITEM_WORDED = (
    N_("{what}: item {index} is {kind_got} {value}; the whole should be {described}."),
    N_("Item {index} of {what} is {kind_got} {value}; the whole should be {described}."),
)
TENSOR_WORDED = (
    N_("{what} returned {kind} {value}; expected a torch.Tensor of shape {shape}."),
    N_("{what} is {kind} {value}; it should be a torch.Tensor of shape {shape}."),
)
SHAPE_WORDED = (N_("{what} returned shape {got}; expected {want}."), N_("{what} has shape {got}; expected {want}."))
DTYPE_WORDED = (N_("{what} returned dtype {got}; expected {want}."), N_("{what} has dtype {got}; expected {want}."))
DEVICE_WORDED = (
    N_("{what} returned a tensor on {got}; expected it on {want}. Create it there or move it with .to(device)."),
    N_("{what} is on {got}; expected it on {want}. Create it there or move it with .to(device)."),
)
VALUES_WORDED = (
    N_(
        "{what} returned the right shape but wrong values: at [{at}] it is {got}, expected {want} "
        "(largest difference {diff}, allowed {atol})."
    ),
    N_(
        "{what} has the right shape but wrong values: at [{at}] it is {got}, expected {want} "
        "(largest difference {diff}, allowed {atol})."
    ),
)


def expect_type(value: Any, what: str, kind: type | tuple[type, ...], described: str, why: str = "") -> Any:
    """Exactly the documented type (not merely something that converts to it)."""
    if not isinstance(value, kind) or isinstance(value, bool) and kind is int:
        fail(
            _(
                worded(what, TYPE_WORDED),
                what=what,
                kind_got=type_name(value),
                value=short(value, typed=True),
                described=_(described),
            )
            + ((" " + _(why)) if why else "")
        )
    return value


def expect_items(values: Sequence, what: str, kind: type, described: str, why: str = "") -> None:
    """Every element exactly of `kind` (bools and numpy scalars are not ints or floats here)."""
    for index, value in enumerate(values):
        if type(value) is not kind:
            fail(
                _(
                    worded(what, ITEM_WORDED),
                    what=what,
                    index=index,
                    kind_got=type_name(value),
                    value=short(value, typed=True),
                    described=_(described),
                )
                + ((" " + _(why)) if why else "")
            )


INT_TUPLE_WANTED = N_(
    "{what} is {value}; expected a tuple of ints like {shape}, as the docstring says and as tensor.shape "
    "compares: (3, 5, 4) == [3, 5, 4] is False."
)
PYTHON_INT_WANTED = N_(
    "{what}: item {index} is {kind} {value}, not a Python int; expected a tuple of Python ints like {shape}, "
    "as the docstring says. int(n) turns a numpy or torch number into one."
)


def expect_int_tuple(value: Any, what: str, shape: tuple[int, ...]) -> tuple[int, ...]:
    """A tuple of Python ints, as documented for a shape: a plain tuple or torch's own torch.Size
    (what tensor.shape gives, a tuple of ints). A list, or a tuple holding numpy or torch
    numbers, fails with a message about what it is."""
    if not isinstance(value, tuple):
        fail(_(INT_TUPLE_WANTED, what=what, value=short(value), shape=shape))
    for index, item in enumerate(value):
        if type(item) is not int:
            fail(
                _(
                    PYTHON_INT_WANTED,
                    what=what,
                    index=index,
                    kind=type_name(item),
                    value=short(item),
                    shape=shape,
                )
            )
    return value


def frozen_copy(module: M) -> M:
    """An independent copy taken before learner code runs: expected values come from it, so a
    learner who changes the weights cannot move the target."""
    return copy.deepcopy(module)


def expect_unchanged(module: torch.nn.Module, before: torch.nn.Module, what: str) -> None:
    """The learner's code must use the module it was given as it is: same weights, same settings."""
    setting = changed_setting(module, before)
    if setting is not None:
        name, was, now = setting
        fail(
            _(
                "{what} changed the given RNN's {name} from {was} to {now}. Use the RNN as it is given.",
                what=what,
                name=name,
                was=repr(was),
                now=repr(now),
            )
        )
    changed = changed_parameter(module, before)
    if changed is not None:
        fail(
            _(
                "{what} changed the given RNN's weights ({name}). Leave the given RNN's weights as they are: "
                "do not re-initialise, train or replace them.",
                what=what,
                name=changed,
            )
        )


def expect_on_device(module: torch.nn.Module, device: torch.device | str, what: str) -> None:
    """Every parameter of a module where it was asked to be."""
    want = torch.device(device).type
    for name, param in module.named_parameters():
        if param.device.type != want:
            fail(
                _(
                    "{what}: parameter {name} is on {got}; expected {want}. Create the module with device=device "
                    "or move it with .to(device).",
                    what=what,
                    name=name,
                    got=param.device,
                    want=want,
                )
            )


def _same(a: torch.Tensor, b: torch.Tensor, atol: float) -> bool:
    a, b = a.detach().cpu().double(), b.detach().cpu().double()
    return a.shape == b.shape and a.numel() > 0 and (a - b).abs().max().item() <= atol


def expect_tanh_range(values: torch.Tensor, what: str, atol: float) -> None:
    """tanh never leaves [-1, 1]: values outside it have one cause, a missing tanh."""
    if values.device.type == "meta" or not values.numel():
        return
    flat = values.detach().cpu().double()
    worst = flat.abs().max().item()
    if worst > 1 + atol:
        index = tuple(int(i) for i in np.unravel_index(int(flat.abs().argmax()), tuple(flat.shape)))
        fail(
            _(
                "{what}: the value at {index} is {value}, outside [-1, 1]. Every hidden state of nn.RNN comes out "
                "of tanh, which never leaves [-1, 1]: apply torch.tanh to the sum of the four terms.",
                what=what,
                value=f"{flat[index].item():.4g}",
                index=list(index),
            )
        )


Advice = str | Callable[[], str]


def matching_mistake(
    actual: Any, mistakes: Sequence[tuple[Any, Advice]], atol: float, right: torch.Tensor | None = None
) -> str:
    """The advice of the first known mistake whose result equals `actual`, or "".

    Each mistake is (what that mistake would have returned, what to say about it): a diagnosis
    names the cause only when the learner's result is exactly what that cause produces, and
    never when that mistake happens to give the right answer for this input. Advice that costs
    calls into the learner's code to word is a function, called only for the mistake found."""
    if not isinstance(actual, torch.Tensor) or actual.device.type == "meta":
        return ""
    for result, advice in mistakes:
        if not isinstance(result, torch.Tensor) or not _same(actual, result, atol):
            continue
        if right is None or not _same(result, right, atol):
            return advice() if callable(advice) else advice
    return ""


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
                worded(what, TENSOR_WORDED),
                what=what,
                kind=type_name(value),
                value=short(value, typed=True),
                shape=named_shape(want, axes),
            )
            + advice
        )
    got = tuple(value.shape)
    if got != want:
        marked = swapped_positions(got, want)
        message = _(worded(what, SHAPE_WORDED), what=what, got=got, want=named_shape(want, axes))
        if marked:
            names = [axes[i] for i in marked]
            swapped = and_list(names)
            message += " " + _("The {axes} axes look swapped.", axes=swapped)
            message += (" " + _(swap_hint) if swap_hint else "") + "\n" + shape_picture(got, want, axes, marked)
        else:
            message += one_axis_advice(got, want, axes)
        fail(message)
    if dtype is not None and value.dtype != dtype:
        advice = ""
        if value.dtype == torch.float64 and dtype == torch.float32:
            advice = " " + _(
                "nn.RNN's weights are float32 and it rejects float64 input. torch.tensor(a) keeps a "
                "numpy array's float64; use torch.Tensor(a), .float(), or a float32 array."
            )
        fail(_(worded(what, DTYPE_WORDED), what=what, got=value.dtype, want=dtype) + advice)
    if device is not None and value.device.type != torch.device(device).type:
        fail(
            _(
                worded(what, DEVICE_WORDED),
                what=what,
                got=value.device,
                want=torch.device(device).type,
            )
        )
    return value


# What to try when only one axis of a shape is off, by the axis's name: a slip each axis is known
# for (a step sliced off, a head one logit too wide, input_size where hidden_size belongs).
AXIS_ADVICE = {
    "seq_len": N_(
        "The {axis} axis is {got}, not {want}: keep one output per time step, every step of the sequence, "
        "with nothing sliced off or added."
    ),
    "hidden_size": N_(
        "The {axis} axis is {got}, not {want}: it is the RNN's hidden_size, so take it from rnn.hidden_size "
        "(or the hidden_size argument), not from input_size or a fixed number."
    ),
    "vocab_size": N_(
        "The {axis} axis is {got}, not {want}: the head gives one logit per character of the vocabulary, so "
        "build it as nn.Linear(hidden_size, vocab_size) with vocab_size = len(vocab)."
    ),
    "batch": N_("The {axis} axis is {got}, not {want}: keep one row per word of the batch, every word, in order."),
    "input_size": N_(
        "The {axis} axis is {got}, not {want}: one column per character of the vocabulary, len(vocab) of them."
    ),
}


def one_axis_advice(got: tuple[int, ...], want: tuple[int, ...], axes: Sequence[str]) -> str:
    """What to try when exactly one axis of a shape of the right rank is off ("" otherwise)."""
    off = [i for i, (a, b) in enumerate(zip(got, want)) if a != b]
    if len(got) != len(want) or len(off) != 1 or len(axes) != len(want) or axes[off[0]] not in AXIS_ADVICE:
        return ""
    index = off[0]
    return " " + _(AXIS_ADVICE[axes[index]], axis=axes[index], got=got[index], want=want[index])


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
        fail(_(worded(what, SHAPE_WORDED), what=what, got=tuple(got.shape), want=tuple(want.shape)))
    diff = (got - want).abs()
    if got.numel() == 0 or diff.max().item() <= atol:
        return
    index = tuple(int(i) for i in np.unravel_index(int(diff.argmax()), tuple(diff.shape)))
    at = ", ".join(f"{a}={i}" for a, i in zip(axes, index)) if axes else str(index)
    fail(
        _(
            worded(what, VALUES_WORDED),
            what=what,
            at=at,
            got=f"{got[index].item():.6g}",
            want=f"{want[index].item():.6g}",
            diff=f"{diff.max().item():.3g}",
            atol=f"{atol:g}",
        )
        + ((" " + _(advice)) if advice else "")
    )


QUOTES = frozenset("'\"`‘’“”«»‹›「」『』()[]{}<>")


def names_the_character(char: str) -> Callable[[str], bool]:
    """A test of an error message: it names `char` itself, quoted ('p', "p", [' ']) or standing
    alone, with no letter or digit beside it (`letter p`, `unknown character: ` ending in the
    space). Found inside a word it names nothing: the word 'help' holds a 'p', a message that
    names 'help' does not say which character is wrong, and 'a' or a space is in almost any
    English sentence."""

    def names(text: str) -> bool:
        start = text.find(char)
        while start >= 0:
            end = start + len(char)
            before, after = text[start - 1 : start], text[end : end + 1]
            if before and after and before in QUOTES and after in QUOTES:
                return True
            if not before.isalnum() and not after.isalnum():
                return True
            start = text.find(char, start + 1)
        return False

    return names


def character_itself(char: str, *, in_a_word: bool = False) -> str:
    """What names_the_character wants, in words, for the failure message. Only a function given
    words (make_batch) can name the word instead: one_hot gets a character and no word."""
    if not in_a_word:
        return _("the character {char} itself, quoted like {char}", char=repr(char))
    return _(
        "the character {char} itself, quoted like {char}, not only the word that holds it",
        char=repr(char),
    )
