"""Checks of a result shaped like nn.RNN's: the pair (outputs, h_n), batch-first shapes, values
against the float64 reference of kata.testing.oracle, known mistakes named by their results, and
the rules watched while the learner's code ran (kata.testing.watched.call_watched)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import torch

from kata.i18n import N_, _
from kata.testing.checks import (
    Advice,
    expect_close,
    expect_tanh_range,
    expect_tensor,
    expect_unchanged,
    matching_mistake,
    returned,
)
from kata.testing.outcomes import fail
from kata.testing.values import short
from kata.testing.watched import RnnWatch

OUT_AXES = ("batch", "seq_len", "hidden_size")
# Known wrong results with what to say about each; or a function that makes such a table with
# `unambiguous`, called only when the values are not right (expect_no_slip).
Mistakes = Sequence[tuple[Any, Advice]] | Callable[[], Sequence[tuple[Any, Advice]]]
TANH_MISSING = N_("tanh is missing.")


H_N_AXES = ("num_layers", "batch", "hidden_size")


def expect_pair(result: Any, what: str) -> tuple[Any, Any]:
    """(outputs, h_n), as nn.RNN returns them, or a failure saying what came back instead."""
    if not isinstance(result, tuple) or len(result) != 2:
        fail(
            _(
                "{what} returned {short_result}; expected a pair (outputs, h_n), like the RNN itself returns.",
                what=what,
                short_result=short(result),
            )
            + (" " + _("Return a tuple: return outputs, h_n.") if isinstance(result, list) else "")
        )
    return result[0], result[1]


SWAPPED = N_(
    "{what} returned (h_n, outputs): the first item has h_n's shape {first} and the second the outputs' shape "
    "{second}. nn.RNN returns outputs first: return outputs, h_n."
)


def expect_in_order(outputs: Any, h_n: Any, rnn: torch.nn.RNN, batch: torch.Tensor, what: str) -> None:
    """The pair in nn.RNN's order: h_n's shape first and the outputs' second is a swap, named
    before any other check reads the pair the wrong way round (a one-word batch's outputs have
    the shape a time-major h_n would have)."""
    if not (isinstance(outputs, torch.Tensor) and isinstance(h_n, torch.Tensor)):
        return
    b, t, hidden = batch.shape[0], batch.shape[1], rnn.hidden_size
    outputs_shape, h_n_shape = (b, t, hidden), (rnn.num_layers, b, hidden)
    if outputs_shape != h_n_shape and (tuple(outputs.shape), tuple(h_n.shape)) == (h_n_shape, outputs_shape):
        fail(_(SWAPPED, what=what, first=tuple(outputs.shape), second=tuple(h_n.shape)))


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
    before: torch.nn.RNN | None = None,
    mistakes: Mistakes = (),
) -> tuple[torch.Tensor, torch.Tensor]:
    """A batch-first RNN result for `batch`: shapes, device, dtype, then values against the
    float64 oracle computed from the RNN's weights as they were before the learner's code ran
    (`before`, a frozen copy; the learner must not have changed them). On the meta device only
    shapes and devices exist. `mistakes` are known wrong results with what to say about each."""
    from kata.testing import oracle
    from kata.testing.device import tolerance

    if before is not None:
        expect_unchanged(rnn, before, what)
    reference = before if before is not None else rnn
    outputs, h_n = expect_pair(result, what)
    expect_in_order(outputs, h_n, reference, batch, what)
    b, t, hidden = batch.shape[0], batch.shape[1], rnn.hidden_size
    expect_tensor(
        outputs,
        returned(_("{what}'s outputs", what=what)),
        shape=(b, t, hidden),
        axes=OUT_AXES,
        device=device,
        swap_hint=outputs_hint,
    )
    expect_tensor(
        h_n,
        returned(_("{what}'s h_n", what=what)),
        shape=(rnn.num_layers, b, hidden),
        axes=H_N_AXES,
        device=device,
        swap_hint=h_n_hint,
    )
    if device.type == "meta":
        return outputs, h_n
    want_out, want_h = oracle.rnn_forward(reference, batch, batch_first=True)
    atol = tolerance(device.type)
    wrong = _("{what}'s outputs have the right shape but wrong values.", what=what)
    expect_no_slip(outputs, returned(_("{what}'s outputs", what=what)), wrong, mistakes, atol, want_out)
    expect_close(
        outputs, want_out, returned(_("{what}'s outputs", what=what)), atol=atol, axes=OUT_AXES, advice=values_advice
    )
    expect_close(h_n, want_h, returned(_("{what}'s h_n", what=what)), atol=atol, axes=H_N_AXES, advice=h_n_advice)
    return outputs, h_n


def expect_no_slip(values: torch.Tensor, what: str, wrong: str, mistakes: Mistakes, atol: float, right: Any) -> None:
    """Values that are a known slip's fail with its name (`wrong` says what is wrong first); a
    slip that leaves [-1, 1] other than a missing tanh (relu) is named before the range check,
    whose own message says more about a missing tanh.

    A table given as a function is made only for values more than atol/2 from `right`: a right
    answer, the usual case, costs no table. Values that close are more than atol from every slip
    that is more than 1.5 atol from the right values, so none of those matches; a slip closer than
    that is not told apart from the right values (`unambiguous`, which ex06's tables go through,
    drops every slip within 2 atol), and values that close pass the value check."""
    if callable(mistakes):
        mistakes = () if _near(values, right, atol / 2) else mistakes()
    diagnosis = matching_mistake(values, mistakes, atol, right=right)
    if diagnosis and diagnosis != _(TANH_MISSING):
        fail(wrong + " " + diagnosis)
    expect_tanh_range(values, what, atol)
    if diagnosis:
        fail(wrong + " " + diagnosis)


def _near(values: Any, right: Any, tol: float) -> bool:
    """`values` are within `tol` of `right` everywhere (False for what cannot be compared)."""
    if not isinstance(values, torch.Tensor) or not isinstance(right, torch.Tensor) or values.device.type == "meta":
        return False
    got, want = values.detach().cpu().double(), right.detach().cpu().double()
    return got.shape == want.shape and (got.numel() == 0 or (got - want).abs().max().item() <= tol)


def expect_kept_during_call(watch: RnnWatch, what: str, advice: str = "") -> None:
    """The watched module was never changed during the call, even if it was set back after."""
    if watch.changed:
        fail(
            _(
                "{what} changed the given RNN while it ran ({change}) and set it back before returning. "
                "Use the RNN as it is given for the whole call.",
                what=what,
                change=watch.changed,
            )
            + ((" " + _(advice)) if advice else "")
        )


def expect_no_rnn_ran(watch: RnnWatch, what: str, rule: str) -> None:
    """No RNN kernel ran during the call (a refused one that the learner's code caught counts too)."""
    if watch.kernels:
        fail(_("{what} called an RNN during the call ({kernel}).", what=what, kernel=watch.kernels[0]) + " " + _(rule))


# --- ex06: the known slips of an RNN written by hand, one table -------------------------------
# Each entry is a wrong rnn_cell, written out as the slip writes it, with what to say about it.
# The cell test compares the learner's h_t with each entry's on the same arguments; the forward
# test runs the correct loop with each entry as its cell, and the correct cell in each wrong loop
# (LOOP_SLIPS). All of it is computed here, in the judge, in float64, from the frozen weights.

Cell = Callable[..., torch.Tensor]  # (x_t, h_prev, weight_ih, weight_hh, bias_ih, bias_hh) -> h_t
NO_H_TERM = N_("The previous hidden state's term, h_prev @ weight_hh.T, is missing: without it the RNN has no memory.")


def _cell(
    x: torch.Tensor, h: torch.Tensor, w_ih: torch.Tensor, w_hh: torch.Tensor, b_ih: torch.Tensor, b_hh: torch.Tensor
) -> torch.Tensor:
    """The documented cell: tanh(x W_ih^T + b_ih + h W_hh^T + b_hh)."""
    return torch.tanh(x @ w_ih.T + b_ih + h @ w_hh.T + b_hh)


CELL_MISTAKES: tuple[tuple[Cell, str], ...] = (
    (lambda x, h, w_ih, w_hh, b_ih, b_hh: x @ w_ih.T + b_ih + h @ w_hh.T + b_hh, TANH_MISSING),
    (
        lambda x, h, w_ih, w_hh, b_ih, b_hh: torch.relu(x @ w_ih.T + b_ih + h @ w_hh.T + b_hh),
        N_("Your code's result matches what relu gives; nn.RNN's default nonlinearity is tanh."),
    ),
    (
        lambda x, h, w_ih, w_hh, b_ih, b_hh: torch.sigmoid(x @ w_ih.T + b_ih + h @ w_hh.T + b_hh),
        N_("Your code's result matches what sigmoid gives; nn.RNN's default nonlinearity is tanh: use torch.tanh."),
    ),
    (lambda x, h, w_ih, w_hh, b_ih, b_hh: _cell(x, h, w_ih, w_hh, 0 * b_ih, b_hh), N_("bias_ih is missing.")),
    (lambda x, h, w_ih, w_hh, b_ih, b_hh: _cell(x, h, w_ih, w_hh, b_ih, 0 * b_hh), N_("bias_hh is missing.")),
    (lambda x, h, w_ih, w_hh, b_ih, b_hh: _cell(x, h, w_ih, w_hh, 0 * b_ih, 0 * b_hh), N_("Both biases are missing.")),
    (
        lambda x, h, w_ih, w_hh, b_ih, b_hh: _cell(x, h, w_ih, w_hh, 2 * b_ih, b_hh),
        N_("bias_ih is added twice: each bias goes into the sum once."),
    ),
    (
        lambda x, h, w_ih, w_hh, b_ih, b_hh: _cell(x, h, w_ih, w_hh, b_ih, 2 * b_hh),
        N_("bias_hh is added twice: each bias goes into the sum once."),
    ),
    (
        lambda x, h, w_ih, w_hh, b_ih, b_hh: _cell(x, h, w_ih, w_hh, 2 * b_ih, 2 * b_hh),
        N_("Both biases are added twice: each bias goes into the sum once."),
    ),
    (
        lambda x, h, w_ih, w_hh, b_ih, b_hh: _cell(x, h, w_ih, w_hh, b_ih, b_ih),
        N_("bias_ih is added twice and bias_hh never: the sum has bias_ih once and bias_hh once."),
    ),
    (
        lambda x, h, w_ih, w_hh, b_ih, b_hh: _cell(x, h, w_ih, w_hh, b_hh, b_hh),
        N_("bias_hh is added twice and bias_ih never: the sum has bias_ih once and bias_hh once."),
    ),
    (lambda x, h, w_ih, w_hh, b_ih, b_hh: _cell(x, 0 * h, w_ih, w_hh, b_ih, b_hh), NO_H_TERM),
    (
        lambda x, h, w_ih, w_hh, b_ih, b_hh: _cell(x, h, w_ih, w_hh.T, b_ih, b_hh),
        N_("weight_hh is used without .T: h_prev @ weight_hh.T is what nn.RNN computes."),
    ),
)

SHIFTED = N_(
    "Each outputs[:, t] is the hidden state from before step t (the first one is the zero h_0), so the outputs "
    "lag one step behind: append h after the step computes it, not before."
)
EITHER = N_("On this input more than one slip gives exactly your code's result. Either: {first} Or: {second}")
BACKWARDS = N_(
    "That is the RNN run backwards in time, from the last step to the first: loop t over range(seq_len), so "
    "step t reads batch[:, t] after every earlier step."
)


def cell_mistakes(args: Sequence[torch.Tensor], atol: float) -> list[tuple[torch.Tensor, str]]:
    """What each wrong cell of CELL_MISTAKES gives for rnn_cell(*args), with what to say about it
    (only the slips this input tells apart from the others and from the right h_t)."""
    d = [a.detach().double().cpu() for a in args]
    return unambiguous([(mistake(*d), _(advice)) for mistake, advice in CELL_MISTAKES], _cell(*d), atol)


def unambiguous(found: Sequence[tuple[torch.Tensor, Advice]], right: torch.Tensor, atol: float) -> list:
    """The slips as this input tells them apart: none that gives the right result, and one entry,
    naming each, for slips that give the same result here (degenerate inputs make them agree:
    with one step, a loop that lags a step returns zeros, as relu does where every sum is negative)."""

    def near(a: torch.Tensor, b: torch.Tensor) -> bool:
        return a.shape == b.shape and a.numel() > 0 and (a - b).abs().max().item() <= 2 * atol

    groups: list[tuple[torch.Tensor, list[Advice]]] = []
    for result, advice in found:
        if near(result, right):
            continue
        group = next((g for g in groups if near(result, g[0])), None)
        if group is None:
            groups.append((result, [advice]))
        elif advice not in group[1]:
            group[1].append(advice)
    return [(result, advices[0] if len(advices) == 1 else _either(advices)) for result, advices in groups]


def _either(advices: list[Advice]) -> Callable[[], str]:
    """The advice of slips that agree on this input, each named, worded only when it is needed."""

    def word() -> str:
        texts = list(dict.fromkeys(a() if callable(a) else a for a in advices))
        if len(texts) == 1:
            return texts[0]
        return _(EITHER, first=texts[0], second=" ".join(texts[1:]))

    return word


def _unroll(cell: Cell, x: torch.Tensor, weights: Sequence[torch.Tensor]) -> torch.Tensor:
    """The batch-first outputs of a loop that starts from zeros and feeds each h to the next step."""
    h = torch.zeros(x.shape[0], weights[1].shape[0], dtype=torch.float64)
    steps = []
    for t in range(x.shape[1]):
        h = cell(x[:, t], h, *weights)
        steps.append(h)
    return torch.stack(steps, dim=1) if steps else x.new_zeros(x.shape[0], 0, weights[1].shape[0])


def loop_mistakes(
    before: torch.nn.RNN, batch: torch.Tensor, atol: float, no_memory: Advice | None = None
) -> list[tuple[torch.Tensor, Advice]]:
    """The outputs of rnn_forward with one known slip: each wrong cell in the right loop, the
    right cell in a loop whose outputs lag a step, or that runs backwards in time (stacked in the
    order it ran, or put back in place). Computed from `before`, the RNN's frozen weights. A loop
    without memory gets `no_memory` where given (its cause may be the loop or the cell)."""
    names = ("weight_ih_l0", "weight_hh_l0", "bias_ih_l0", "bias_hh_l0")
    weights = [getattr(before, n).detach().double().cpu() for n in names]
    x = batch.detach().double().cpu()
    found: list[tuple[torch.Tensor, Advice]] = [
        (_unroll(cell, x, weights), no_memory if advice == NO_H_TERM and no_memory is not None else _(advice))
        for cell, advice in CELL_MISTAKES
    ]
    right = _unroll(_cell, x, weights)
    found.append((torch.cat([torch.zeros_like(right[:, :1]), right[:, :-1]], dim=1), _(SHIFTED)))
    backwards = _unroll(_cell, x.flip(1), weights)
    found += [(backwards, _(BACKWARDS)), (backwards.flip(1), _(BACKWARDS))]
    return unambiguous(found, right, atol)
