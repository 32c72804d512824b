import torch
import torch.nn.functional as F

from ex01_one_hot import one_hot


def make_batch(words, vocab, device=None):
    if len(words) == 0:
        raise ValueError("no words")
    for w in words:
        if len(w) != len(words[0]):
            raise ValueError(f"word {w!r} has another length")
    for w in words:
        for c in w:
            one_hot(c, vocab)  # raises ValueError naming c
    idx = torch.tensor([[vocab.index(c) for c in w] for w in words])
    rows = [F.one_hot(i, num_classes=len(vocab)) for i in idx]
    batch = torch.Tensor(torch.stack(rows).numpy().astype("float32"))
    if device is not None:
        batch = batch.to(device)
    return batch
