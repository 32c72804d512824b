"""The call machinery between the judge and the worker, for the classes of Issue 27: torch's own
types cross as themselves, arguments are checked after the call, a name the file lacks is named
with what the file defines, and device=None read as "CUDA if available" is caught on a CPU."""

from __future__ import annotations

import tempfile
import textwrap
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
import torch
from torch import nn

from kata.engine.worker_client import RemoteTree
from kata.engine.zygote import Zygote
from kata.testing import calls, checks, outcomes, wire, wire_modules
from kata.testing.default_device import expect_cpu_when_device_is_none
from kata.testing.remote import NotDefined

pytestmark = pytest.mark.timeout(60)

LEARNER = """
import torch
from torch import nn


def shape_of(n):
    return torch.zeros(n, 2).shape


def build_vocabulary(words):
    return sorted(set("".join(words)))


def one_hot(char, vocab):
    return [int(c == char) for c in vocab]


def pops(words):
    while words:
        words.pop()
    return 1


def sorts(words):
    words.sort()
    return 1


def keeps(words, batch, rnn):
    return len(words) + batch.shape[0] + rnn.hidden_size


def transposes(batch):
    return batch.transpose_(0, 1)


def adds(batch):
    batch += 1
    return batch.sum()


def adds_a_key(table):
    table["new"] = 1
    return 0


def flips(rnn):
    rnn.batch_first = not rnn.batch_first
    return 0


def pops_then_checks(words):
    words.pop()
    raise ValueError("the words differ in length")


def cuda_if_available(device=None):
    device = device or ("cuda" if torch.cuda.is_available() else "cpu")
    return torch.zeros(2, device=device)


def cpu_by_default(device=None):
    return torch.zeros(2, device=device or "cpu")
"""


@pytest.fixture
def tree(monkeypatch: pytest.MonkeyPatch) -> Iterator[RemoteTree]:
    folder = Path(tempfile.mkdtemp(prefix="kata-unit-"))
    (folder / "mine.py").write_text(textwrap.dedent(LEARNER))
    monkeypatch.setattr(calls, "_graded_root", folder)
    zygote = Zygote.start()
    remote = RemoteTree(zygote, {"impl": str(folder), "workdir": tempfile.mkdtemp(), "hung": [], "modules": ["mine"]})
    remote.start_test(20.0)
    yield remote
    remote.close()
    zygote.close()


def failure(check, *args, **kwargs) -> tuple[type, str]:
    with pytest.raises(pytest.fail.Exception) as caught:
        check(*args, **kwargs)
    return type(caught.value), str(caught.value.msg)


# torch's own types


def test_a_torch_size_crosses_as_itself(tree: RemoteTree) -> None:
    got = tree.load("mine").shape_of(3)
    assert type(got) is torch.Size and got == (3, 2) and all(type(n) is int for n in got)


def test_a_torch_size_is_a_tuple_of_ints_for_the_shape_check() -> None:
    assert checks.expect_int_tuple(torch.Size([3, 5, 4]), "shapes['input']", (3, 5, 4)) == (3, 5, 4)


def test_numpy_ints_are_named_as_such_not_as_a_list() -> None:
    _kind, message = failure(checks.expect_int_tuple, (np.int64(3), 5, 4), "shapes['input']", (3, 5, 4))
    assert "item 0 is int64" in message and "not a Python int" in message and "int(n)" in message
    assert "[3, 5, 4] is False" not in message
    _kind, message = failure(checks.expect_int_tuple, [3, 5, 4], "shapes['input']", (3, 5, 4))
    assert "(3, 5, 4) == [3, 5, 4] is False" in message


def test_a_forged_size_is_refused() -> None:
    decoder = wire.Decoder(on_module=wire_modules.build_module)
    with pytest.raises(wire.WireError):
        decoder.decode({"$": "size", "items": [1.5, "x"]})


# a name the file lacks


def test_a_renamed_function_names_the_file_what_it_defines_and_the_closest(tree: RemoteTree) -> None:
    mine = tree.load("mine")
    with pytest.raises(NotDefined) as caught:
        mine.build_vocab  # noqa: B018 - the attribute itself is what fails
    message = str(caught.value.msg)
    assert message.startswith("mine.py defines no `build_vocab`") or "mine.py defines no `build_vocab`" in message
    assert "`build_vocabulary`" in message and "`one_hot`" in message and "did you mean `build_vocabulary`?" in message
    assert "`torch`" not in message and "`nn`" not in message, "imported names are not the file's own"
    assert isinstance(caught.value, outcomes.CodeCouldNotRun)
    assert not hasattr(mine, "hypothesis_internal_probe"), "to hasattr it is an AttributeError"


# arguments left as they were given


def test_emptying_the_callers_list_is_named(tree: RemoteTree) -> None:
    mine = tree.load("mine")
    words = ["hello", "eolll"]
    _kind, message = failure(calls.call, mine.pops, words)
    assert "emptied the list `words` it was given (it had 2 items)" in message
    assert words == ["hello", "eolll"], "the judge's own list is a copy: never changed"


def test_sorting_the_callers_list_is_named(tree: RemoteTree) -> None:
    _kind, message = failure(calls.call, tree.load("mine").sorts, ["b", "a"])
    assert "changed the list `words` it was given: it was ['b', 'a'], after the call it is ['a', 'b']" in message


def test_a_tensor_changed_in_place_is_named(tree: RemoteTree) -> None:
    mine = tree.load("mine")
    _kind, message = failure(calls.call, mine.transposes, torch.zeros(3, 5, 4))
    assert (
        "changed the tensor `batch` it was given, in place: its shape was (3, 5, 4), after the call it is (5, 3, 4)"
        in message
    )
    _kind, message = failure(calls.call, mine.adds, torch.zeros(3, 5, 4))
    assert "changed the tensor `batch` it was given, in place: its values changed" in message


def test_a_dict_and_a_module_are_checked_too(tree: RemoteTree) -> None:
    mine = tree.load("mine")
    _kind, message = failure(calls.call, mine.adds_a_key, {"a": 1})
    assert "changed the dict `table` it was given" in message
    _kind, message = failure(calls.call, mine.flips, nn.RNN(2, 3, batch_first=True))
    assert "changed the given RNN's batch_first from True to False" in message


def test_an_own_check_that_raises_must_leave_the_arguments_too(tree: RemoteTree) -> None:
    _kind, message = failure(calls.expect_raises, ValueError, tree.load("mine").pops_then_checks, ["ab", "a"])
    assert "changed the list `words` it was given: it was ['ab', 'a'], after the call it is ['ab']" in message


def test_arguments_left_as_given_pass(tree: RemoteTree) -> None:
    assert calls.call(tree.load("mine").keeps, ["a"], torch.zeros(2, 3), nn.RNN(2, 3)) == 6


def test_in_process_calls_are_checked_the_same_way(graded_module) -> None:
    fake = graded_module(LEARNER)
    _kind, message = failure(calls.call, fake.pops, ["x"])
    assert "emptied the list `words` it was given (it had 1 items)" in message


# device=None means the CPU


def test_device_none_read_as_cuda_if_available_fails_on_a_cpu_too(tree: RemoteTree) -> None:
    mine = tree.load("mine")
    if torch.cuda.is_available():
        _kind, message = failure(expect_cpu_when_device_is_none, mine.cuda_if_available)
        assert "put its result on cuda" in message
    else:
        _kind, message = failure(expect_cpu_when_device_is_none, mine.cuda_if_available)
        assert "works on this machine, but fails where CUDA is available" in message
    assert "device=None means the CPU" in message
    assert expect_cpu_when_device_is_none(mine.cpu_by_default).device.type == "cpu"
