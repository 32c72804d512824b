"""A fake learner's module and a helper for the tests of kata/testing's failure messages
(test_calling_learner_code.py, test_expect_raises.py, test_checking_values.py, test_checking_rnn_outputs.py)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

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
