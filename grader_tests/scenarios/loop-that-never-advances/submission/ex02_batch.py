"""A loop whose index never grows: the learner forgot `i += 1`, and the loop allocates as it goes."""

import numpy as np
import torch

from ex01_one_hot import encode_word


def make_batch(words, vocab, device=None):
    rows = []
    i = 0
    while i < len(words):
        w = words[0]
        rows.append(encode_word(w, vocab))
    return torch.from_numpy(np.stack(rows)).to(device or "cpu")
