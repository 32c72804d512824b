import torch


def make_batch(words, vocab, device=None):
    if not words or len({len(w) for w in words}) != 1:
        raise ValueError("need words of one length")
    for w in words:
        for c in w:
            if c not in vocab:
                raise ValueError(c)
    return torch.zeros(len(words), len(words[0]), len(vocab), device=device)
