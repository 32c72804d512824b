"""make_batch empties the caller's list of words as it goes; the tensor is right."""

import numpy as np
import torch
from ex01_one_hot import encode_word


def make_batch(words: list[str], vocab: list[str], device=None) -> torch.Tensor:
    if not words:
        raise ValueError("make_batch needs at least one word")
    lengths = [len(word) for word in words]
    if len(set(lengths)) > 1:
        raise ValueError(f"all words must have the same length; got lengths {lengths}")
    rows = []
    while words:
        rows.append(encode_word(words.pop(0), vocab))
    return torch.from_numpy(np.stack(rows)).to(device or "cpu")
