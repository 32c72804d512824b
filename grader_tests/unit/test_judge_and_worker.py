"""The judge and the worker, in one process each: what crosses between them keeps its exact type,
what is not data never reaches the judge as itself, and a worker that crashes or exits costs one
call, not the run. The tests that wait out a time limit (a worker that hangs) are in the slow
tier: grader_tests/test_time_limits.py."""

from __future__ import annotations

import math
import time
from collections.abc import Iterator

import numpy as np
import pytest
import torch
from torch import nn

from grader_tests.real_worker import remote_tree
from kata.engine.worker_client import RemoteTree
from kata.engine.zygote import CleanZygote, Zygote, fork_available
from kata.testing import wire, wire_modules
from kata.testing.outcomes import CodeCouldNotRun
from kata.testing.remote import ImportFailed, LearnerObject, RemoteModule, worker_rules

pytestmark = pytest.mark.timeout(60)


def round_trip(value: object) -> object:
    """Through the wire and back, as the judge would receive it from a worker."""
    kept: list[object] = []

    def other(v: object) -> dict:
        kept.append(v)
        return {"$": "object", "type": type(v).__qualname__, "module": type(v).__module__, "repr": repr(v), "handle": 1}

    encoder = wire.Encoder(
        on_module=lambda m: {**wire_modules.describe_module(m, encoder.encode), "handle": 1}, on_other=other
    )
    decoder = wire.Decoder(on_module=wire_modules.build_module, on_object=lambda d: ("object", d["type"]))
    return decoder.decode(wire.unpack(wire.pack({"v": encoder.encode(value)})[8:])["v"])


@pytest.mark.parametrize(
    "value",
    [None, True, 0, -3, 2**70, 1.5, "h\u00e9llo \ud55c", [1, [2, (3, "x")]], (), {"a": (1, 2), 3: [None]}],
    ids=repr,
)
def test_plain_data_keeps_its_exact_type(value: object) -> None:
    back = round_trip(value)
    assert back == value and type(back) is type(value)


def test_nan_and_infinity_survive() -> None:
    back = round_trip([math.nan, math.inf, -math.inf])
    assert math.isnan(back[0]) and back[1:] == [math.inf, -math.inf]


@pytest.mark.parametrize(
    "tensor",
    [
        torch.arange(12, dtype=torch.float32).reshape(3, 4) / 7,
        torch.tensor(3.25, dtype=torch.float64),
        torch.tensor([[True, False]]),
        torch.arange(6, dtype=torch.int64).reshape(2, 3),
        torch.arange(4, dtype=torch.bfloat16),
        torch.zeros(0, 4),
    ],
    ids=["float32", "0-dim float64", "bool", "int64", "bfloat16", "empty"],
)
def test_tensors_keep_dtype_shape_and_every_bit(tensor: torch.Tensor) -> None:
    back = round_trip(tensor)
    assert type(back) is torch.Tensor and back.dtype == tensor.dtype and back.shape == tensor.shape
    assert torch.equal(back, tensor)


def test_a_tensor_says_whether_it_carries_a_graph() -> None:
    weight = torch.ones(2, requires_grad=True)
    assert round_trip(weight * 2).grad_fn is not None
    assert round_trip((weight * 2).detach()).grad_fn is None


def test_meta_tensors_keep_their_shape_and_device() -> None:
    back = round_trip(torch.zeros(2, 3, device="meta"))
    assert back.device.type == "meta" and back.shape == (2, 3)


def test_numpy_arrays_and_scalars_keep_their_dtype() -> None:
    array = np.arange(6, dtype=np.float32).reshape(2, 3)
    back = round_trip([array, np.int64(7), np.float32(0.5)])
    assert back[0].dtype == np.float32 and np.array_equal(back[0], array)
    assert type(back[1]) is np.int64 and type(back[2]) is np.float32


class Anything(tuple):
    def __eq__(self, other: object) -> bool:
        return True

    __hash__ = tuple.__hash__


@pytest.mark.parametrize(
    "value",
    [
        Anything((1, 2)),
        type("Shapes", (dict,), {})(a=1),
        type("Text", (str,), {})("ihello"),
        torch.zeros(2).as_subclass(type("T", (torch.Tensor,), {})),
    ],
    ids=["tuple subclass", "dict subclass", "str subclass", "tensor subclass"],
)
def test_a_subclass_of_data_arrives_as_something_else(value: object) -> None:
    assert round_trip(value)[0] == "object"


def test_a_module_is_rebuilt_from_its_description() -> None:
    rnn = nn.RNN(3, 4, num_layers=2, batch_first=True)
    back = round_trip(rnn)
    assert type(back) is nn.RNN and back.batch_first and back.num_layers == 2
    for (name, mine), (_, theirs) in zip(rnn.named_parameters(), back.named_parameters()):
        assert torch.equal(mine, theirs), name
    x = torch.randn(2, 5, 3)
    assert torch.equal(rnn(x)[0], back(x)[0])


@pytest.mark.parametrize(
    "data",
    [
        {"$": "nonsense"},
        {"$": "tensor", "dtype": "float32", "shape": [2], "device": "cpu", "data": "AAAA"},
        {"$": "tensor", "dtype": "object", "shape": [1], "device": "cpu", "data": ""},
        {"$": "ndarray", "dtype": "O", "shape": [1], "data": ""},
        {"$": "list", "items": "no"},
        {"$": "module", "torch_class": "Conv9d", "settings": {}},
    ],
    ids=["unknown tag", "bytes do not match", "unknown dtype", "object array", "items not a list", "unknown module"],
)
def test_malformed_data_is_refused(data: dict) -> None:
    with pytest.raises(wire.WireError):
        wire.Decoder(on_module=wire_modules.build_module).decode(data)


# -- a real worker --------------------------------------------------------------------------------
@pytest.fixture
def tree() -> Iterator[RemoteTree]:
    with remote_tree() as remote:
        yield remote


def test_an_object_that_claims_equality_fails_every_type_check(tree: RemoteTree) -> None:
    got = tree.load("mine").shapes()
    assert isinstance(got, LearnerObject) and got.type_name == "shapes.<locals>.Shapes"
    assert not isinstance(got, dict) and got != {"input": (1, 2, 3)}


def test_an_error_keeps_its_type_message_and_origin(tree: RemoteTree) -> None:
    mine = tree.load("mine")
    assert mine.checked(2) == [2, 2]
    with pytest.raises(ValueError, match="x is -1, below 0") as own:
        mine.checked(-1)
    assert own.value.remote.raise_statement and own.value.remote.frames[-1].function == "checked"
    with pytest.raises(ValueError) as library:
        mine.fails_inside_a_library()
    assert not library.value.remote.raise_statement


def test_a_crash_costs_one_call_and_the_next_worker_is_fresh(tree: RemoteTree) -> None:
    mine = tree.load("mine")
    with pytest.raises(CodeCouldNotRun, match="exited with code 3"):
        mine.crashes()
    assert mine.checked(1) == [1, 1]


def test_a_module_the_learner_built_is_the_judges_own_copy(tree: RemoteTree) -> None:
    model = tree.load("mine").Model()
    assert isinstance(model, RemoteModule) and type(model).__name__ == "Model"
    kinds = {type(m) for m in model.modules()}
    assert nn.RNN in kinds and nn.Linear in kinds
    x = torch.randn(1, 4, 2)
    assert model(x).shape == (1, 4, 2)  # its forward runs in the worker


def test_the_judges_rnn_is_synced_back_after_the_call(tree: RemoteTree) -> None:
    rnn = nn.RNN(2, 3, batch_first=True)
    with worker_rules("backprop_outputs"):
        outputs, _h_n = tree.load("mine").runs(rnn, torch.randn(2, 4, 2))
    assert outputs.grad_fn is not None and rnn.weight_hh_l0.grad is not None


def test_a_missing_module_is_an_import_failure(tree: RemoteTree) -> None:
    with pytest.raises(ImportFailed, match="was not found"):
        tree.load("nothing_here")


def test_learner_code_continues_from_the_judges_random_state(tree: RemoteTree) -> None:
    """As when both shared a process: a test that seeds and then calls gets what the seed gives,
    and what the learner draws never moves what the judge draws next."""
    mine = tree.load("mine")
    torch.manual_seed(7)
    expected = torch.rand(3)
    torch.manual_seed(7)
    assert torch.equal(mine.draws(), expected)
    assert not torch.equal(mine.draws(), expected), "an unseeded second call repeats the first"


def test_a_seed_the_judge_sets_again_reaches_the_learner_again(tree: RemoteTree) -> None:
    """The judge seeds, the learner draws, the judge seeds the same again: the learner must draw
    the same again (its own draws moved its state away from the one it was last sent)."""
    mine = tree.load("mine")
    torch.manual_seed(3)
    first = mine.draws()
    torch.manual_seed(3)
    assert torch.equal(mine.draws(), first)


def test_each_exercise_gets_workers_of_its_own(tree: RemoteTree) -> None:
    tree.serve("ex01_one_hot")
    tree.load("mine").change_pi()
    assert tree.load("mine").pi() == 3  # the same exercise: the same worker
    tree.serve("ex02_batch")
    assert tree.load("mine").pi() == math.pi  # what ex01's code changed does not reach ex02


def test_each_exercise_works_in_a_folder_of_its_own(tree: RemoteTree) -> None:
    tree.serve("ex01_one_hot")
    tree.load("mine").leave_a_file()
    assert tree.load("mine").finds_the_file()
    tree.serve("ex02_batch")
    assert not tree.load("mine").finds_the_file()


def test_a_hang_is_remembered_for_its_own_exercise_only(tree: RemoteTree) -> None:
    tree.serve("ex01_one_hot")
    hung = {"module": "mine", "qualname": "loops", "test": "t", "seconds": 1.0, "exercise": "ex01_one_hot"}
    tree.record_hang(hung)
    assert tree.hung_here() == [hung]
    tree.serve("ex02_batch")
    assert tree.hung_here() == []
    tree.record_hang({**hung, "exercise": "ex02_batch"})  # the same function hangs in ex02's tests too
    assert [h["exercise"] for h in tree.hung_here()] == ["ex02_batch"]


def test_a_frame_over_the_limit_is_refused_before_it_is_read() -> None:
    """A worker that writes its own frame (its socket is fd 4) cannot make its judge parse one of
    gigabytes: a 64 MiB frame of nested lists took a judge to 1.9 GB."""
    import socket
    import struct

    judge, worker = socket.socketpair()
    with judge, worker:
        worker.sendall(struct.pack("!Q", wire.MAX_MESSAGE + 1))
        with pytest.raises(wire.WireError, match="over the limit"):
            wire.receive(judge)
    assert wire.MAX_MESSAGE <= 16 * 1024 * 1024


def test_a_judge_gets_its_zygote_without_waiting_for_the_clean_zygote() -> None:
    """The grader hands each judge its zygote's socket at once: the clean zygote forks it (after
    its own warm-up, which runs beside the grader's, and, for a judge that trains, after
    importing torch._dynamo) while the judge starts pytest. The judge's first request waits on the
    socket until the zygote is there, then is answered."""
    if not fork_available():
        pytest.skip("the clean zygote is forked: Linux")
    started = time.monotonic()
    clean = CleanZygote.start(first=lambda: time.sleep(0.5), warm=lambda: time.sleep(0.3))
    try:
        zygote = Zygote(clean.zygote_for_judge(trains=True), 0)
        assert time.monotonic() - started < 0.4, "the grader waited for the clean zygote's warm-up"
        assert zygote.reap(1) == 0, "the zygote answers once it is there"  # not one of its workers: nothing to stop
        assert time.monotonic() - started >= 0.8, "both warm-ups ran before the zygote was forked"
        zygote.close()
    finally:
        clean.sock.close()
