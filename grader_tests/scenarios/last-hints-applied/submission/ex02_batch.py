"""make_batch written exactly as ex02's last two hints say (kata.toml)."""

import numpy as np
import torch
from ex01_one_hot import encode_word


def make_batch(words: list[str], vocab: list[str], device=None) -> torch.Tensor:
    if not words:
        raise ValueError("make_batch needs at least one word")
    lengths = {len(word) for word in words}
    if len(lengths) > 1:
        raise ValueError(f"all words must have the same length; got lengths {[len(w) for w in words]}")
    a_float32_array = np.stack([encode_word(w, vocab) for w in words])
    return torch.from_numpy(a_float32_array).to(device or 'cpu')
