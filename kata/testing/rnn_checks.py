"""Checks of a result shaped like nn.RNN's: the pair (outputs, h_n), batch-first shapes, values
against the float64 reference of kata.testing.oracle, known mistakes named by their results, and
the rules watched while the learner's code ran (kata.testing.calls.call_watched)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import torch

from kata.i18n import _
from kata.testing.calls import RnnWatch
from kata.testing.checks import (
    Advice,
    expect_close,
    expect_tanh_range,
    expect_tensor,
    expect_unchanged,
    matching_mistake,
)
from kata.testing.outcomes import fail
from kata.testing.values import short

OUT_AXES = ("batch", "seq_len", "hidden_size")


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
    mistakes: Sequence[tuple[Any, Advice]] = (),
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
    if device.type == "meta":
        return outputs, h_n
    want_out, want_h = oracle.rnn_forward(reference, batch, batch_first=True)
    atol = tolerance(device.type)
    expect_tanh_range(outputs, _("{what}'s outputs", what=what), atol)
    diagnosis = matching_mistake(outputs, mistakes, atol, right=want_out)
    if diagnosis:
        fail(_("{what}'s outputs have the right shape but wrong values.", what=what) + " " + _(diagnosis))
    expect_close(outputs, want_out, _("{what}'s outputs", what=what), atol=atol, axes=OUT_AXES, advice=values_advice)
    expect_close(h_n, want_h, _("{what}'s h_n", what=what), atol=atol, axes=H_N_AXES, advice=h_n_advice)
    return outputs, h_n


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
