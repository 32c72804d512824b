"""Modules built from a description (kata.testing.wire_modules.build_module) are torch's own, each
with containers of its own: the copies of a template that stand in for torch's constructor share
no parameter, hook or flat weight list, and compute what a module torch built computes."""

from __future__ import annotations

import torch
from torch import nn

from kata.testing import wire, wire_modules


def described(module: nn.Module) -> dict:
    encoder = wire.Encoder(on_module=lambda m: described(m), on_other=lambda value: {})
    return wire_modules.describe_module(module, encoder.encode)


def test_an_rnn_built_twice_is_two_rnns_of_torchs_own_class() -> None:
    source = nn.RNN(4, 3, num_layers=2, batch_first=True)
    first, second = (wire_modules.build_module(described(source)) for _ in range(2))
    assert type(first) is nn.RNN and type(second) is nn.RNN
    assert all(a is not b for a, b in zip(first.parameters(), second.parameters()))
    for name in ("_parameters", "_buffers", "_modules", "_forward_hooks", "_flat_weights"):
        assert getattr(first, name) is not getattr(second, name), name
    first.register_forward_hook(lambda *args: None)
    assert not second._forward_hooks
    with torch.no_grad():
        first.weight_ih_l0.add_(1.0)
    assert not torch.equal(first.weight_ih_l0, second.weight_ih_l0)


def test_a_built_rnn_computes_what_torchs_own_does() -> None:
    source = nn.RNN(4, 3, batch_first=True)
    built = wire_modules.build_module(described(source))
    x = torch.randn(2, 5, 4)
    assert all(p.device.type == "cpu" for p in built.parameters())
    assert torch.equal(built(x)[0], source(x)[0])
    built.weight_hh_l0 = nn.Parameter(torch.zeros(3, 3))  # the flat weights follow a weight set later
    source.weight_hh_l0 = nn.Parameter(torch.zeros(3, 3))
    assert torch.equal(built(x)[0], source(x)[0])


def test_other_settings_build_other_modules() -> None:
    one = wire_modules.build_module(described(nn.RNN(4, 3, batch_first=True)))
    other = wire_modules.build_module(described(nn.RNN(4, 3, batch_first=False, nonlinearity="relu")))
    assert one.batch_first and not other.batch_first and other.nonlinearity == "relu"
    head = wire_modules.build_module(described(nn.Linear(3, 2, bias=False)))
    assert type(head) is nn.Linear and head.bias is None and head.weight.shape == (2, 3)
