import numpy as np
import torch
from ex01_one_hot import encode_word


def make_batch(words, vocab, device=None):
    size = max(len(word) for word in words)  # max() of nothing raises ValueError
    batch = np.stack([encode_word(word, vocab) for word in words])  # numpy raises on unequal lengths
    return torch.from_numpy(batch.reshape(len(words), size, len(vocab))).to(device or "cpu")
