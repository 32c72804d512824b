"""checks: types and items exactly as documented; tensors by shape, dtype, device and values;
and the short descriptions (values.short, values.label) that keep every message readable."""

from __future__ import annotations

from typing import Any

import numpy as np
import torch

from grader_tests.unit.fake_learner import failure
from kata.testing import checks, values


def test_expect_type_refuses_a_bool_for_an_int_and_explains() -> None:
    assert checks.expect_type(3, "f()", int, "an int") == 3
    _kind, message = failure(checks.expect_type, True, "f()", int, "an int", why="Counts are ints.")
    assert message == "f() returned bool True; expected an int. Counts are ints."


def test_expect_items_names_the_first_item_of_another_type() -> None:
    checks.expect_items(["a", "b"], "vocab", str, "a character")
    _kind, message = failure(checks.expect_items, [1.0, np.float32(2.0)], "row", float, "a list of Python floats")
    assert message == "row: item 1 is float32 np.float32(2.0); the whole should be a list of Python floats."


# tensors: shape, dtype, device, values


def expect_batch(value: Any, **kwargs: Any) -> torch.Tensor:
    return checks.expect_tensor(
        value, "make_batch(...)", shape=(3, 5, 4), axes=("batch", "seq_len", "input_size"), **kwargs
    )


def test_expect_tensor_accepts_the_right_tensor() -> None:
    batch = torch.zeros(3, 5, 4)
    assert expect_batch(batch) is batch


def test_a_numpy_array_is_not_a_tensor_and_the_message_says_how_to_make_one() -> None:
    _kind, message = failure(expect_batch, np.zeros((3, 5, 4)))
    assert message == (
        "make_batch(...) returned ndarray <(3, 5, 4) float64>; expected a torch.Tensor of shape "
        "(batch=3, seq_len=5, input_size=4). Turn it into one with torch.from_numpy(...) or torch.tensor(...)."
    )


def test_swapped_axes_are_named_and_drawn() -> None:
    _kind, message = failure(expect_batch, torch.zeros(5, 3, 4), swap_hint="Stack along dim=0.")
    assert message == (
        "make_batch(...) returned shape (5, 3, 4); expected (batch=3, seq_len=5, input_size=4). "
        "The batch and seq_len axes look swapped. Stack along dim=0.\n"
        "    expected (batch=3, seq_len=5, input_size=4)\n"
        "    returned (      5,         3,            4)\n"
        "              ^^^^^^^  ^^^^^^^^^"
    )


def test_a_shape_that_is_no_reordering_gets_no_picture() -> None:
    _kind, message = failure(expect_batch, torch.zeros(3, 5, 7))
    assert message == (
        "make_batch(...) returned shape (3, 5, 7); expected (batch=3, seq_len=5, input_size=4). "
        "The input_size axis is 7, not 4: one column per character of the vocabulary, len(vocab) of them."
    )  # one axis off: what to try, and no picture


def test_float64_gets_the_advice_about_torch_tensor() -> None:
    _kind, message = failure(expect_batch, torch.zeros(3, 5, 4, dtype=torch.float64))
    assert message.startswith("make_batch(...) returned dtype torch.float64; expected torch.float32. nn.RNN's weights")
    _kind, other = failure(expect_batch, torch.zeros(3, 5, 4, dtype=torch.int64))
    assert other == "make_batch(...) returned dtype torch.int64; expected torch.float32."


def test_a_tensor_on_the_wrong_device_is_named() -> None:
    _kind, message = failure(expect_batch, torch.zeros(3, 5, 4, device="meta"), device="cpu")
    assert message == (
        "make_batch(...) returned a tensor on meta; expected it on cpu. Create it there or move it with .to(device)."
    )


def test_expect_close_names_the_first_largest_difference_by_axis() -> None:
    want = torch.zeros(2, 3)
    got = want.clone()
    got[1, 2] = 0.5
    checks.expect_close(want + 1e-7, want, "h", atol=1e-6)
    h = checks.returned("h")  # a value a call returned; after a call the message says "returned"
    _kind, message = failure(checks.expect_close, got, want, h, atol=1e-6, axes=("batch", "hidden"), advice="Look.")
    assert message == (
        "h has the right shape but wrong values: at [batch=1, hidden=2] it is 0.5, expected 0 "
        "(largest difference 0.5, allowed 1e-06). Look."
    )
    _kind, message = failure(checks.expect_close, got, want, "f(x)", atol=1e-6)
    assert message.startswith("f(x) returned the right shape but wrong values: at [(1, 2)]")
    assert failure(checks.expect_close, torch.zeros(2), want, h, atol=1e-6)[1] == "h has shape (2,); expected (2, 3)."


def test_expect_on_device_names_the_parameter() -> None:
    checks.expect_on_device(torch.nn.Linear(2, 2), "cpu", "head")
    _kind, message = failure(checks.expect_on_device, torch.nn.Linear(2, 2, device="meta"), "cpu", "head")
    assert message.startswith("head: parameter weight is on meta; expected cpu.")


def test_short_and_label_keep_messages_readable() -> None:
    assert values.short(torch.zeros(2, 3)) == "<tensor (2, 3) float32 on cpu>"
    assert values.short(torch.nn.GRU(2, 2)) == "<GRU>"
    assert values.short("x" * 100) == "'" + "x" * 56 + "..."
    assert values.short([torch.ones(2, 2) * 10]) == "[tensor([[10., 10.], [10., 10.]])]", "one line, single spaces"
    assert values.label(len, (["a"],), {"n": 2}) == "builtins.len(['a'], n=2)"
