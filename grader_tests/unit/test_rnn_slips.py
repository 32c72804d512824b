"""ex06's table of slips (kata.testing.rnn_checks): each wrong rnn_cell or rnn_forward, written
here as a learner would write it, is named by its own cause, never by the generic checklist or
by another slip's advice."""

from __future__ import annotations

from collections.abc import Callable

import pytest
import torch

from kata.testing import checks, rnn_checks

CPU = torch.device("cpu")
WHAT = "rnn_forward(...)"


def failure_message(check: Callable[..., object], *args: object, **kwargs: object) -> str:
    with pytest.raises(pytest.fail.Exception) as caught:
        check(*args, **kwargs)
    return str(caught.value.msg)


def step(rnn: torch.nn.RNN, x: torch.Tensor, h: torch.Tensor, squash=torch.tanh, bias_hh=None) -> torch.Tensor:
    """One step as a learner writes it, with the nonlinearity and second bias given."""
    b_hh = rnn.bias_hh_l0 if bias_hh is None else bias_hh
    return squash(x @ rnn.weight_ih_l0.T + rnn.bias_ih_l0 + h @ rnn.weight_hh_l0.T + b_hh)


def lagging(rnn: torch.nn.RNN, batch: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
    h, outputs = torch.zeros(batch.shape[0], rnn.hidden_size), []
    for t in range(batch.shape[1]):
        outputs.append(h)  # before the step: the outputs lag a step behind
        h = step(rnn, batch[:, t], h)
    return torch.stack(outputs, dim=1), h.unsqueeze(0)


def backwards(rnn: torch.nn.RNN, batch: torch.Tensor, in_place: bool) -> tuple[torch.Tensor, torch.Tensor]:
    h, outputs = torch.zeros(batch.shape[0], rnn.hidden_size), [None] * batch.shape[1]
    for k, t in enumerate(reversed(range(batch.shape[1]))):
        h = step(rnn, batch[:, t], h)
        outputs[t if in_place else k] = h
    return torch.stack(outputs, dim=1), h.unsqueeze(0)


def with_cell(rnn: torch.nn.RNN, batch: torch.Tensor, **slip) -> tuple[torch.Tensor, torch.Tensor]:
    h, outputs = torch.zeros(batch.shape[0], rnn.hidden_size), []
    for t in range(batch.shape[1]):
        h = step(rnn, batch[:, t], h, **slip)
        outputs.append(h)
    return torch.stack(outputs, dim=1), h.unsqueeze(0)


SLIPS = {
    "lag": (lagging, "so the outputs lag one step behind"),
    "backwards": (lambda r, b: backwards(r, b, in_place=False), "the RNN run backwards in time"),
    "backwards-in-place": (lambda r, b: backwards(r, b, in_place=True), "the RNN run backwards in time"),
    "sigmoid": (lambda r, b: with_cell(r, b, squash=torch.sigmoid), "what sigmoid gives"),
    "relu": (lambda r, b: with_cell(r, b, squash=torch.relu), "what relu gives"),
    "bias_hh-twice": (lambda r, b: with_cell(r, b, bias_hh=2 * r.bias_hh_l0), "bias_hh is added twice:"),
    "both-biases-twice": (
        lambda r, b: with_cell(r, b, squash=lambda s: torch.tanh(s + r.bias_ih_l0 + r.bias_hh_l0)),
        "Both biases are added twice:",
    ),
    "bias_ih-for-bias_hh": (
        lambda r, b: with_cell(r, b, bias_hh=r.bias_ih_l0),
        "bias_ih is added twice and bias_hh never",
    ),
}


@pytest.mark.parametrize("name", sorted(SLIPS))
def test_each_slip_of_the_loop_is_named(rnn: torch.nn.RNN, batch: torch.Tensor, name: str) -> None:
    forward, cause = SLIPS[name]
    before = checks.frozen_copy(rnn)
    with torch.no_grad():
        result = forward(rnn, batch)
    mistakes = rnn_checks.loop_mistakes(before, batch, 1e-5)
    message = failure_message(rnn_checks.expect_rnn_outputs, result, rnn, batch, WHAT, CPU, mistakes=mistakes)
    assert message.startswith(f"{WHAT}'s outputs have the right shape but wrong values."), message
    assert cause in message and "Either" not in message, message


def test_the_right_loop_matches_no_slip(rnn: torch.nn.RNN, batch: torch.Tensor) -> None:
    with torch.no_grad():
        outputs, _h_n = with_cell(rnn, batch)
    assert checks.matching_mistake(outputs, rnn_checks.loop_mistakes(rnn, batch, 1e-5), 1e-5) == ""


def test_slips_that_agree_on_an_input_are_named_together() -> None:
    """One step, every sum negative: relu gives zeros, as a loop that lags a step does."""
    rnn = torch.nn.RNN(1, 1, batch_first=True)
    with torch.no_grad():
        for p in rnn.parameters():
            p.fill_(-1.0)
    batch = torch.ones(1, 1, 1)
    advice = checks.matching_mistake(torch.zeros(1, 1, 1), rnn_checks.loop_mistakes(rnn, batch, 1e-5), 1e-5)
    assert advice.startswith("On this input more than one slip gives exactly your code's result. Either: ")
    assert "what relu gives" in advice and "lag one step behind" in advice


@pytest.mark.parametrize(
    ("cell", "cause"),
    [
        (
            lambda x, h, wi, wh, bi, bh: torch.sigmoid(x @ wi.T + bi + h @ wh.T + bh),
            "Your code's result matches what sigmoid gives",
        ),
        (lambda x, h, wi, wh, bi, bh: torch.tanh(x @ wi.T + bi + bi + h @ wh.T + bh), "bias_ih is added twice:"),
        (lambda x, h, wi, wh, bi, bh: torch.tanh(x @ wi.T + bh + h @ wh.T + bh), "bias_hh is added twice and"),
        (
            lambda x, h, wi, wh, bi, bh: torch.relu(x @ wi.T + bi + h @ wh.T + bh),
            "Your code's result matches what relu gives",
        ),
    ],
    ids=["sigmoid", "bias_ih-twice", "bias_hh-for-bias_ih", "relu"],
)
def test_each_slip_of_the_cell_is_named(cell: Callable[..., torch.Tensor], cause: str) -> None:
    g = torch.Generator().manual_seed(3)
    args = [torch.randn(*shape, generator=g) for shape in ((3, 4), (3, 2), (2, 4), (2, 2), (2,), (2,))]
    right = torch.tanh(args[0] @ args[2].T + args[4] + args[1] @ args[3].T + args[5])
    advice = checks.matching_mistake(cell(*args), rnn_checks.cell_mistakes(args, 1e-4), 1e-4, right=right)
    assert advice.startswith(cause), advice


def test_a_table_given_as_a_function_is_made_only_for_values_that_are_not_right(
    rnn: torch.nn.RNN, batch: torch.Tensor
) -> None:
    """The usual case, a right answer, costs no table of slips; a slip still gets its name."""
    made: list[int] = []

    def table() -> list:
        made.append(1)
        return rnn_checks.loop_mistakes(checks.frozen_copy(rnn), batch, 1e-5)

    with torch.no_grad():
        right = with_cell(rnn, batch)
        lagged = lagging(rnn, batch)
    rnn_checks.expect_rnn_outputs(right, rnn, batch, WHAT, CPU, mistakes=table)
    assert made == []
    message = failure_message(rnn_checks.expect_rnn_outputs, lagged, rnn, batch, WHAT, CPU, mistakes=table)
    assert made == [1] and "so the outputs lag one step behind" in message, message
