"""A failure that says what came back and what was expected says what to try too (review 14,
item 9): a shape off on one axis (run_rnn's outputs one step short, a head one logit too wide,
input_size where hidden_size belongs) and rnn_shapes' output computed with input_size."""

from __future__ import annotations

import pytest
import torch

from kata.testing.checks import expect_tensor


def failure(shape: tuple[int, ...], want: tuple[int, ...], axes: tuple[str, ...]) -> str:
    with pytest.raises(BaseException) as raised:
        expect_tensor(torch.zeros(shape), "run_rnn(rnn, batch)", shape=want, axes=axes)
    return str(raised.value)


@pytest.mark.parametrize(
    ("got", "want", "axes", "try_"),
    [
        ((3, 4, 2), (3, 5, 2), ("batch", "seq_len", "hidden_size"), "keep one output per time step"),
        ((3, 5, 4), (3, 5, 2), ("batch", "seq_len", "hidden_size"), "take it from rnn.hidden_size"),
        ((1, 6, 6), (1, 6, 5), ("batch", "seq_len", "vocab_size"), "nn.Linear(hidden_size, vocab_size)"),
        ((2, 5, 4), (3, 5, 4), ("batch", "seq_len", "input_size"), "one row per word"),
    ],
)
def test_a_shape_off_on_one_axis_says_what_to_try(got, want, axes, try_) -> None:
    assert try_ in failure(got, want, axes)


def test_a_shape_off_on_two_axes_gets_no_one_axis_advice() -> None:
    assert "axis is" not in failure((2, 4, 2), (3, 5, 2), ("batch", "seq_len", "hidden_size"))


def test_rnn_shapes_output_with_input_size_says_what_to_try() -> None:
    from tests.test_ex04_shapes import OUTPUT_INPUT_SIZE, shape_advice

    case = (3, 5, 4, 2, 1, True)  # batch, seq_len, input_size, hidden, layers, batch_first
    assert OUTPUT_INPUT_SIZE in shape_advice("output", (3, 5, 4), (3, 5, 2), case, False)
    assert OUTPUT_INPUT_SIZE not in shape_advice("h_n", (1, 3, 4), (1, 3, 2), case, False)
