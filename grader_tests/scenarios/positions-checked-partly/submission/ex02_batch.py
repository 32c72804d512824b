import numpy as np
import torch
from ex01_one_hot import encode_word


def make_batch(words, vocab, device=None):
    if not words:
        raise ValueError("make_batch needs at least one word")
    if len(words[0]) != len(words[-1]):
        raise ValueError(f"lengths differ: {len(words[0])} and {len(words[-1])}")
    for char in words[0]:
        if char not in vocab:
            raise ValueError(f"{char!r} is not in the vocabulary")
    batch = np.stack([encode_word(word, vocab) for word in words])
    return torch.from_numpy(batch).to(device or "cpu")
