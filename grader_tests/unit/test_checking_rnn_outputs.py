"""rnn_checks: the RNN contract, a batch-first (outputs, h_n) checked against the float64 oracle."""

from __future__ import annotations

import torch

from grader_tests.unit.fake_learner import failure
from kata.testing import checks, rnn_checks

CPU = torch.device("cpu")


def test_the_rnns_own_result_passes(rnn: torch.nn.RNN, batch: torch.Tensor) -> None:
    before = checks.frozen_copy(rnn)
    outputs, h_n = rnn_checks.expect_rnn_outputs(rnn(batch), rnn, batch, "run_rnn(...)", CPU, before=before)
    assert outputs.shape == (2, 5, 3) and h_n.shape == (1, 2, 3)


def test_a_list_is_not_the_pair_the_rnn_returns(rnn: torch.nn.RNN, batch: torch.Tensor) -> None:
    _kind, message = failure(rnn_checks.expect_rnn_outputs, list(rnn(batch)), rnn, batch, "run_rnn(...)", CPU)
    assert message.startswith("run_rnn(...) returned [")
    assert message.endswith(
        "; expected a pair (outputs, h_n), like the RNN itself returns. Return a tuple: return outputs, h_n."
    )


def test_changed_weights_or_settings_are_named(rnn: torch.nn.RNN, batch: torch.Tensor) -> None:
    before = checks.frozen_copy(rnn)
    with torch.no_grad():
        rnn.weight_hh_l0.add_(1.0)
    _kind, message = failure(rnn_checks.expect_rnn_outputs, rnn(batch), rnn, batch, "run_rnn(...)", CPU, before=before)
    assert message.startswith("run_rnn(...) changed the given RNN's weights (weight_hh_l0).")
    rnn.batch_first = False
    _kind, message = failure(rnn_checks.expect_rnn_outputs, rnn(batch), rnn, batch, "run_rnn(...)", CPU, before=before)
    assert message == (
        "run_rnn(...) changed the given RNN's batch_first from True to False. Use the RNN as it is given."
    )


def test_time_major_outputs_have_their_axes_named(rnn: torch.nn.RNN, batch: torch.Tensor) -> None:
    outputs, h_n = rnn(batch)
    _kind, message = failure(
        rnn_checks.expect_rnn_outputs,
        (outputs.transpose(0, 1), h_n),
        rnn,
        batch,
        "run_rnn(...)",
        CPU,
        outputs_hint="Use batch_first=True.",
    )
    assert message.startswith(
        "run_rnn(...)'s outputs has shape (5, 2, 3); expected (batch=2, seq_len=5, hidden_size=3). "
        "The batch and seq_len axes look swapped. Use batch_first=True.\n"
    )


def test_a_known_mistake_is_diagnosed_by_its_exact_result(rnn: torch.nn.RNN, batch: torch.Tensor) -> None:
    wrong = torch.zeros(2, 5, 3)
    h_n = rnn(batch)[1]
    _kind, message = failure(
        rnn_checks.expect_rnn_outputs,
        (wrong, h_n),
        rnn,
        batch,
        "run_rnn(...)",
        CPU,
        mistakes=[(torch.ones(2, 5, 3), "Not this one."), (wrong.clone(), "You returned zeros.")],
    )
    assert message == "run_rnn(...)'s outputs have the right shape but wrong values. You returned zeros."


def test_a_mistake_that_gives_the_right_answer_here_is_never_named(rnn: torch.nn.RNN, batch: torch.Tensor) -> None:
    right = rnn(batch)[0]
    assert checks.matching_mistake(right, [(right.clone(), "Wrong cause.")], 1e-6, right=right) == ""
    assert checks.matching_mistake(right, [(right.clone(), "Named.")], 1e-6) == "Named."
    assert checks.matching_mistake(right.to("meta"), [(right, "Never on meta.")], 1e-6) == ""


def test_values_outside_tanh_mean_a_missing_tanh(rnn: torch.nn.RNN, batch: torch.Tensor) -> None:
    outputs, h_n = rnn(batch)
    outputs = outputs.detach().clone()
    outputs[1, 4, 2] = 1.7
    _kind, message = failure(rnn_checks.expect_rnn_outputs, (outputs, h_n), rnn, batch, "run_rnn(...)", CPU)
    assert message.startswith("run_rnn(...)'s outputs: the value at [1, 4, 2] is 1.7, outside [-1, 1].")


def test_wrong_h_n_values_are_placed_by_axis(rnn: torch.nn.RNN, batch: torch.Tensor) -> None:
    outputs, h_n = rnn(batch)
    _kind, message = failure(
        rnn_checks.expect_rnn_outputs,
        (outputs, h_n * 0.5),
        rnn,
        batch,
        "run_rnn(...)",
        CPU,
        h_n_advice="Take the last step.",
    )
    assert message.startswith("run_rnn(...)'s h_n has the right shape but wrong values: at [num_layers=0, batch=")
    assert message.endswith("Take the last step.")


def test_on_the_meta_device_only_shapes_are_checked(rnn: torch.nn.RNN, batch: torch.Tensor) -> None:
    meta = torch.device("meta")
    rnn_meta, batch_meta = rnn.to(meta), batch.to(meta)
    outputs, h_n = rnn_checks.expect_rnn_outputs(
        (torch.empty(2, 5, 3, device=meta), torch.empty(1, 2, 3, device=meta)), rnn_meta, batch_meta, "run", meta
    )
    assert outputs.device.type == "meta"
    _kind, message = failure(
        rnn_checks.expect_rnn_outputs, (torch.empty(2, 5, 3), torch.empty(1, 2, 3)), rnn_meta, batch_meta, "run", meta
    )
    assert message.startswith("run's outputs is on cpu; expected it on meta.")
