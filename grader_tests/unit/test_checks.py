"""The failure messages of kata/testing (calls, values, checks, rnn_checks), each reached in this
process: what a learner reads when a graded test calls their code and it goes wrong."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import pytest
import torch

from kata.core.settings import settings
from kata.testing import activity, calls, checks, outcomes, rnn_checks, values

LEARNER = """
import sys


def stub(x):
    raise NotImplementedError("ex99_fake.stub: not written yet. Start here: write it.")


def leaves(x):
    sys.exit(3)


def inner(x):
    return [1, 2][x]


def outer(x):
    return inner(x)


def checks_own(x):
    if x < 0:
        raise ValueError("x must not be negative")
    return x


def library(x):
    return ["a"].index(x)


def empty_message(x):
    raise ValueError()


def wrong_dtype(x):
    raise ValueError("RNN input dtype (torch.float64) does not match weight dtype (torch.float32)")


def calls_a_stub(x):
    return stub(x) + 1


def on_meta(x):
    import torch

    return torch.zeros(2, device="meta").tolist()
"""


def failure(check: Callable[..., Any], *args: Any, **kwargs: Any) -> tuple[type, str]:
    """The kind and message of the failure a check raises."""
    with pytest.raises(pytest.fail.Exception) as caught:
        check(*args, **kwargs)
    return type(caught.value), str(caught.value.msg)


@pytest.fixture
def fake(graded_module):
    return graded_module(LEARNER)


# call: every way learner code can go wrong becomes a failure that names the call


def test_call_returns_what_the_learner_code_returns_and_notes_the_call(fake) -> None:
    assert calls.call(fake.checks_own, 4) == 4
    assert activity.current() == "ex99_fake.checks_own(4)", "a hang or crash is reported by this label"


def test_a_stub_is_not_written_yet_and_shows_its_own_hint(fake) -> None:
    kind, message = failure(calls.call, fake.stub, 1)
    assert kind is outcomes.NotWrittenYet, "make list counts it as not started"
    assert message.startswith("ex99_fake.stub(1) is not written yet: it still raises NotImplementedError at ")
    assert "ex99_fake.py, line 6." in message and message.endswith("\nStart here: write it.")


def test_a_stub_called_by_another_function_is_named_with_its_file(fake) -> None:
    kind, message = failure(calls.call, fake.calls_a_stub, 1)
    assert kind is outcomes.CodeCouldNotRun, "the function called is written: it is not 'not started'"
    assert message.startswith(
        "ex99_fake.calls_a_stub(1) could not run: it calls ex99_fake.stub, which is not written yet"
    )
    assert "ex99_fake.py, line 6)" in message and "Write ex99_fake.stub in " in message
    assert "then this test can check ex99_fake.calls_a_stub." in message


def test_torchs_own_not_implemented_error_is_no_stub(fake) -> None:
    kind, message = failure(calls.call, fake.on_meta, 1)
    assert kind is pytest.fail.Exception, "a wrong answer of the learner's, not a function left unwritten"
    assert "not written yet" not in message
    assert message.startswith("ex99_fake.on_meta(1) raised NotImplementedError: ")
    assert "comes from torch, not from a stub of yours" in message or "not from a stub of yours" in message


def test_interview_mode_leaves_out_the_stubs_own_hint(fake, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KATA_MODE", "interview")
    settings.cache_clear()  # settings are read once per process
    _kind, message = failure(calls.call, fake.stub, 1)
    assert "is not written yet" in message and "Start here" not in message


def test_an_exit_is_code_that_could_not_run(fake) -> None:
    kind, message = failure(calls.call, fake.leaves, 1)
    assert kind is outcomes.CodeCouldNotRun, "the gradebook lists it as an error, not a wrong answer"
    assert "ex99_fake.leaves(1) called sys.exit(3) at " in message and "ex99_fake.py, line 10" in message
    assert "A function must return its result, not end the program." in message


def test_an_error_names_the_call_the_line_and_the_learners_own_frames(fake) -> None:
    kind, message = failure(calls.call, fake.outer, 5)
    assert kind is pytest.fail.Exception
    first, *trace = message.splitlines()
    assert first.startswith("ex99_fake.outer(5) raised IndexError: list index out of range (at ")
    assert first.endswith("ex99_fake.py, line 14).")
    assert trace == [
        "Where, in your code (the last line is where it failed):",
        "    ex99_fake.py:18, outer:",
        "        return inner(x)",
        "    ex99_fake.py:14, inner:",
        "        return [1, 2][x]",
    ]


def test_a_known_error_gets_its_hint(fake) -> None:
    _kind, message = failure(calls.call, fake.wrong_dtype, 1)
    assert message.endswith("The RNN got float64 input: make the batch float32 (torch.Tensor(x), .float()).")


def test_a_test_outcome_inside_the_call_passes_through_untouched() -> None:
    def times_out() -> None:
        pytest.fail("Timeout from pytest-timeout", pytrace=False)

    with pytest.raises(pytest.fail.Exception, match="^Timeout from pytest-timeout$"):
        calls.call(times_out)


# expect_raises: the lesson is a check of the learner's own, with a message that says what is wrong


def test_expect_raises_accepts_the_learners_own_check(fake) -> None:
    error = calls.expect_raises(ValueError, fake.checks_own, -1, mentioning="negative")
    assert str(error) == "x must not be negative"


def test_expect_raises_refuses_an_error_a_library_raised_on_the_learners_behalf(fake) -> None:
    _kind, message = failure(calls.expect_raises, ValueError, fake.library, "b", why="for a missing character")
    assert message.startswith("ex99_fake.library('b') raised ValueError(\"'b' is not in list\"), but not from a check")
    assert "it came from a call on " in message and 'line 28: return ["a"].index(x).' in message
    assert "raise ValueError(...) yourself for a missing character," in message


def test_expect_raises_wants_a_message(fake) -> None:
    _kind, message = failure(calls.expect_raises, ValueError, fake.empty_message, 1)
    assert message == (
        "ex99_fake.empty_message(1) raised ValueError with an empty message. Raising it here is right. But "
        "with no message, whoever calls it cannot tell what to fix: say in it what is wrong."
    )


def test_expect_raises_wants_the_message_to_name_what_is_wrong(fake) -> None:
    _kind, message = failure(
        calls.expect_raises, ValueError, fake.checks_own, -1, mentioning=[["positive"], ["zero", "below"]]
    )
    assert message.endswith(
        "but the message should name [['positive'], ['zero', 'below']] so the caller knows what is wrong."
    )
    _kind, named = failure(
        calls.expect_raises, ValueError, fake.checks_own, -1, mentioning="positive", names="the sign"
    )
    assert "should name the sign so" in named


@pytest.mark.parametrize(
    ("message", "named"),
    [
        ("the word 'help' has a character that is not in the vocabulary", False),  # the word holds the 'p'
        ("character 'p' is not in the vocabulary", True),
        ('unknown characters: ["p"]', True),
        ("letter p is missing", True),
        ("p", True),
        ("'pp' is unknown", False),
    ],
)
def test_a_character_is_named_only_by_itself_not_inside_a_word(message: str, named: bool) -> None:
    assert checks.names_the_character("p")(message) is named


def test_a_space_or_a_common_letter_is_not_named_by_any_sentence() -> None:
    assert not checks.names_the_character(" ")("this character is not in the vocabulary")
    assert not checks.names_the_character("a")("this character is not in the vocabulary")
    assert checks.names_the_character(" ")("character ' ' is not in the vocabulary")
    assert checks.names_the_character(" ")("unknown character:  ")  # written as {char}, at the end


def test_expect_raises_takes_a_test_of_the_message(fake) -> None:
    _kind, message = failure(
        calls.expect_raises,
        ValueError,
        fake.checks_own,
        -1,
        mentioning=checks.names_the_character("g"),  # inside "negative" only
        names=checks.character_itself("g"),
    )
    assert "should name the character 'g' itself, quoted like 'g' so the caller" in message
    # only a function given words (make_batch) can name the word instead (review 11, C.4)
    assert "not only the word" in checks.character_itself("g", in_a_word=True)


def test_expect_raises_names_another_kind_of_error(fake) -> None:
    _kind, message = failure(calls.expect_raises, KeyError, fake.outer, 5)
    assert message.startswith("ex99_fake.outer(5) raised IndexError: list index out of range at ")
    assert message.endswith("; expected KeyError. Raise it yourself: raise KeyError(...).")


def test_expect_raises_says_what_came_back_instead(fake) -> None:
    _kind, message = failure(calls.expect_raises, ValueError, fake.checks_own, 1)
    assert message == "ex99_fake.checks_own(1) returned 1; expected it to raise ValueError."


def test_expect_raises_on_a_stub_or_an_exit_is_not_a_wrong_answer(fake) -> None:
    assert failure(calls.expect_raises, ValueError, fake.stub, 1)[0] is outcomes.NotWrittenYet
    assert failure(calls.expect_raises, ValueError, fake.leaves, 1)[0] is outcomes.CodeCouldNotRun


# types and items: exactly the documented type


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


# the RNN contract: a batch-first (outputs, h_n) checked against the float64 oracle


@pytest.fixture
def rnn() -> torch.nn.RNN:
    torch.manual_seed(0)
    return torch.nn.RNN(4, 3, batch_first=True)


@pytest.fixture
def batch() -> torch.Tensor:
    torch.manual_seed(1)
    return torch.randn(2, 5, 4)


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


def test_short_and_label_keep_messages_readable() -> None:
    assert values.short(torch.zeros(2, 3)) == "<tensor (2, 3) float32 on cpu>"
    assert values.short(torch.nn.GRU(2, 2)) == "<GRU>"
    assert values.short("x" * 100) == "'" + "x" * 56 + "..."
    assert values.short([torch.ones(2, 2) * 10]) == "[tensor([[10., 10.], [10., 10.]])]", "one line, single spaces"
    assert values.label(len, (["a"],), {"n": 2}) == "builtins.len(['a'], n=2)"
