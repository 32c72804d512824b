"""Graded tests for exercises/ex04_shapes.py: every answer is checked against a real nn.RNN."""

import itertools

import pytest
import torch
from hypothesis import given
from hypothesis import strategies as st
from torch import nn

from kata.i18n import N_, _
from kata.testing.checks import expect_int_tuple, expect_type
from kata.testing.outcomes import fail
from kata.testing.properties import rnn_sizes
from kata.testing.rnn_checks import expect_no_rnn_ran
from kata.testing.values import label, short
from kata.testing.watched import RnnWatch, call_watched

CASES = [
    # batch, seq_len, input_size, hidden_size, num_layers, batch_first
    (3, 5, 4, 2, 1, True),
    (3, 5, 4, 2, 1, False),
    (2, 7, 3, 6, 1, True),
    (4, 1, 5, 3, 2, True),
    (6, 9, 2, 4, 3, False),
    (1, 8, 10, 1, 2, False),
]
IDS = ["note", "note-time-major", "fresh", "two-layers", "three-layers-time-major", "one-word-time-major"]


SHAPES_TYPE = N_("a dict with the keys 'input', 'output' and 'h_n', each a tuple of ints")
WITHOUT_RUNNING = N_(
    "rnn_shapes works the shapes out from the docstring's table, without running an RNN (not even on the meta "
    "device): use batch_size, seq_len, input_size, hidden_size and num_layers directly."
)


def shapes_of(ex, *args, **kwargs):
    """rnn_shapes(...) with every RNN kernel refused while it runs: the docstring's "without running one"."""
    what = label(ex.rnn_shapes, args, kwargs)
    watch = RnnWatch(refuse=_(WITHOUT_RUNNING))
    got = call_watched(watch, ex.rnn_shapes, *args, **kwargs)
    expect_no_rnn_ran(watch, what, WITHOUT_RUNNING)
    return got


def measured(batch, seq_len, input_size, hidden, layers, batch_first):
    """The shapes a real nn.RNN reads and returns for this configuration."""
    # The sizes graded are small: a CPU run takes microseconds (the meta device's Python kernels, 50 ms).
    rnn = nn.RNN(input_size, hidden, num_layers=layers, batch_first=batch_first)
    shape = (batch, seq_len, input_size) if batch_first else (seq_len, batch, input_size)
    with torch.no_grad():
        out, h_n = rnn(torch.zeros(shape))
    return {"input": shape, "output": tuple(out.shape), "h_n": tuple(h_n.shape)}


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_shapes_match_a_real_rnn(learner, case):
    """rnn_shapes gives the shapes a real nn.RNN reads and returns"""
    ex = learner("ex04_shapes")
    batch, seq_len, input_size, hidden, layers, batch_first = case
    kwargs = {"num_layers": layers, "batch_first": batch_first}
    args = (batch, seq_len, input_size, hidden)
    got = shapes_of(ex, *args, **kwargs)
    check_shapes(got, label(ex.rnn_shapes, args, kwargs), case, called=(args, kwargs))


@pytest.mark.parametrize("case", [(3, 5, 4, 2), (2, 7, 3, 6), (6, 1, 1, 9)], ids=["note", "fresh", "one-step"])
def test_defaults(learner, case):
    """rnn_shapes(batch_size, seq_len, input_size, hidden_size) means one layer, batch_first=True"""
    ex = learner("ex04_shapes")
    got = shapes_of(ex, *case)
    what = label(ex.rnn_shapes, case)
    check_shapes(got, what, (*case, 1, True), defaults=True, called=(case, {}))


@given(sizes=rnn_sizes(max_layers=3), batch_first=st.booleans())
def test_any_rnn(learner, sizes, batch_first):
    """rnn_shapes is right for any sizes, layers and layout, arguments given in the documented order"""
    ex = learner("ex04_shapes")
    args = (
        sizes["batch"],
        sizes["seq_len"],
        sizes["input_size"],
        sizes["hidden_size"],
        sizes["num_layers"],
        batch_first,
    )
    check_shapes(shapes_of(ex, *args), label(ex.rnn_shapes, args), args, called=(args, {}))


PARAMETERS = ("batch_size", "seq_len", "input_size", "hidden_size", "num_layers", "batch_first")
IN_ANOTHER_ORDER = N_(
    "{what} returned {got}: what rnn_shapes gives when it takes its parameters in another order, ({order}). Take "
    "them in the documented order, rnn_shapes(batch_size, seq_len, input_size, hidden_size, num_layers=1, "
    "batch_first=True): callers pass them by position."
)


def documented_shapes(batch_size, seq_len, input_size, hidden_size, num_layers=1, batch_first=True):
    """The docstring's table, for any values (a bool where an int belongs stays a bool, as it
    would in the learner's code)."""
    first = (batch_size, seq_len) if batch_first else (seq_len, batch_size)
    per_layer = (num_layers, batch_size)  # h_n is never batch-first
    return {
        "input": (*first, input_size),
        "output": (*first, hidden_size),
        "h_n": (*per_layer, hidden_size),
    }


def exactly(a, b):
    """Equal, and of the same types all the way down (True == 1, but a bool is no size)."""
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(exactly(a[k], b[k]) for k in a)
    if isinstance(a, tuple) and isinstance(b, tuple):
        return len(a) == len(b) and all(exactly(x, y) for x, y in zip(a, b))
    return type(a) is type(b) and a == b


def order_advice(got, what, called):
    """The cause of a wrong answer when it is the documented answer for the same arguments taken
    in another order (a bool in h_n: batch_first read as num_layers): the reference computed with
    each other order of the parameters passed by position."""
    args, kwargs = called
    free = [name for name in PARAMETERS if name not in kwargs]
    if not isinstance(got, dict) or exactly(got, documented_shapes(*args, **kwargs)):
        return
    for names in itertools.permutations(free, len(args)):
        if list(names) == free[: len(args)] or not {"batch_size", "seq_len", "input_size", "hidden_size"} <= {
            *names,
            *kwargs,
        }:
            continue
        if exactly(got, documented_shapes(**dict(zip(names, args)), **kwargs)):
            fail(_(IN_ANOTHER_ORDER, what=what, got=short(got), order=", ".join(names)))


def check_shapes(got, what, case, defaults=False, called=None):
    batch, seq_len, input_size, hidden, layers, batch_first = case
    want = measured(*case)
    if called is not None:
        order_advice(got, what, called)
    expect_type(got, what, dict, SHAPES_TYPE)
    for key, shape in want.items():
        if key not in got:
            fail(
                _(
                    "{what} has no {key} key; expected {{'input': ..., 'output': ..., 'h_n': ...}}.",
                    what=what,
                    key=repr(key),
                )
            )
        value = expect_int_tuple(got[key], f"{what}[{key!r}]", shape)
        if value != shape:
            advice = shape_advice(key, value, shape, case, defaults)
            fail(
                _(
                    "{what}[{key}] is {value}; a real nn.RNN gives {shape}.{advice}",
                    what=what,
                    key=repr(key),
                    value=value,
                    shape=shape,
                    advice=advice,
                )
            )


H_N_NOT_BATCH_FIRST = N_("h_n is never batch-first: it is (num_layers, batch, hidden_size) even with batch_first=True.")
H_N_MIDDLE = N_(
    "h_n holds one last hidden state per sequence, so its middle axis is batch_size, not seq_len: "
    "(num_layers, batch_size, hidden_size), time-major or not."
)
H_N_LAYERS = N_("h_n holds the last hidden state of every layer: its first axis is num_layers.")
TOP_LAYER = N_(
    "output holds the top layer only: the last layer's hidden state at every time step, so its last axis is "
    "hidden_size whatever num_layers is. Every layer's last hidden state is in h_n."
)
OUTPUT_INPUT_SIZE = N_(
    "output's last axis is hidden_size, the size of each hidden state, not input_size: use hidden_size there."
)
TIME_MAJOR = N_("With batch_first=False the RNN is time-major: seq_len comes first.")
BATCH_MAJOR = N_("With batch_first=True the batch comes first: (batch_size, seq_len, ...).")
DEFAULTS = N_(
    "Called without num_layers and batch_first, rnn_shapes must use their documented defaults: "
    "num_layers=1, batch_first=True."
)


def shape_advice(key, value, shape, case, defaults):
    """What to say about a wrong shape: the advice of each known mistake that gives exactly this
    value for this key. Each mistake belongs to one key, so a wrong h_n never gets advice about the
    input's layout, whatever sizes happen to be equal (Hypothesis shrinks to sizes of 1 and to
    batch == num_layers)."""
    batch, seq_len, input_size, hidden, layers, batch_first = case
    if key == "h_n":
        mistakes = [((batch, layers, hidden), H_N_NOT_BATCH_FIRST), ((layers, seq_len, hidden), H_N_MIDDLE)]
        if layers > 1:
            mistakes.append(((1, batch, hidden), H_N_LAYERS))
    elif batch_first:  # called without batch_first, this layout means the default is not True
        mistakes = [((seq_len, batch, shape[2]), DEFAULTS if defaults else BATCH_MAJOR)]
    else:
        mistakes = [((batch, seq_len, shape[2]), TIME_MAJOR)]
    if key == "output" and input_size != hidden:  # the last axis computed from the wrong size
        mistakes.append(((*shape[:-1], input_size), OUTPUT_INPUT_SIZE))
    if key == "output" and layers > 1:  # the reference's output as if it held every layer
        first, second, last = shape
        mistakes += [((first, second, last * layers), TOP_LAYER), ((layers, *shape), TOP_LAYER)]
        mistakes += [((first * layers, second, last), TOP_LAYER), ((first, second * layers, last), TOP_LAYER)]
    found = [advice for wrong, advice in mistakes if tuple(value) == wrong]
    if not found and defaults:
        found = [DEFAULTS]
    return "".join(" " + _(advice) for advice in dict.fromkeys(found))
