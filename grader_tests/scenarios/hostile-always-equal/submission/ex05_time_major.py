"""Hostile: returns a tensor subclass whose comparisons always say equal."""

import torch


class Agreeable(torch.Tensor):
    @classmethod
    def __torch_function__(cls, func, types, args=(), kwargs=None):
        name = getattr(func, "__name__", "")
        if name in ("allclose", "equal", "__eq__", "eq", "isclose"):
            return True
        return super().__torch_function__(func, types, args, kwargs or {})


def to_time_major(batch):
    return torch.zeros(batch.shape[1], batch.shape[0], batch.shape[2], device=batch.device).as_subclass(Agreeable)


def run_time_major(rnn, batch):
    outputs, h_n = rnn(batch)
    return outputs.as_subclass(Agreeable), h_n.as_subclass(Agreeable)
