"""Reference solution: assemble one-hot words into a (batch, seq_len, input_size) tensor."""

import numpy as np
import torch
from ex01_one_hot import encode_word


def make_batch(words: list[str], vocab: list[str], device=None) -> torch.Tensor:
    if not words:
        raise ValueError("make_batch needs at least one word")
    lengths = {len(word) for word in words}
    if len(lengths) > 1:
        raise ValueError(f"all words must have the same length; got lengths {[len(w) for w in words]}")
    batch = np.stack([encode_word(word, vocab) for word in words])
    return torch.from_numpy(batch).to(device or "cpu")
